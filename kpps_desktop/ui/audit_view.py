"""The audit log dialog: who exported, imported, printed, revealed NIKs or deleted data, with filters."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QTableView,
    QVBoxLayout, QWidget,
)

from kpps_desktop.core import audit, wilayah
from kpps_desktop.ui import i18n
from kpps_desktop.ui.jobs import JobRunner
from kpps_desktop.ui import screen

COLUMNS = ("at", "operator", "action", "what", "scope", "count", "detail")
# Period filter: label (translated where shown) and days back from today (None = everything).
PERIODS = ((QT_TRANSLATE_NOOP("AuditDialog", "Semua waktu"), None), (QT_TRANSLATE_NOOP("AuditDialog", "Hari ini"), 0),
           (QT_TRANSLATE_NOOP("AuditDialog", "7 hari terakhir"), 6),
           (QT_TRANSLATE_NOOP("AuditDialog", "30 hari terakhir"), 29))


def local_time(at: str) -> str:
    """A stored UTC stamp in the user's local time: 07-11-2024 08:15:02."""
    try:
        return _dt.datetime.fromisoformat(at).astimezone().strftime("%d-%m-%Y %H:%M:%S")
    except ValueError:
        return at


def scope_text(scope: str | None) -> str:
    if not scope:
        return ""
    return f"{scope} {wilayah.name(scope)}" if wilayah.get(scope) else scope


class AuditModel(QAbstractTableModel):
    """Audit entries, newest first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[audit.Entry] = []
        self._headers = (self.tr("Waktu"), self.tr("Operator"), self.tr("Jenis"), self.tr("Apa"),
                         self.tr("Wilayah/lingkup"), self.tr("Jumlah"), self.tr("Keterangan"))

    def set_entries(self, entries: list[audit.Entry]) -> None:
        self.beginResetModel()
        self.entries = list(reversed(entries))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(e, key)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("at", "detail"):
            return f"{e.at} (UTC)" if key == "at" else audit.describe(e)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "count":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(e: audit.Entry, key: str) -> str:
        if key == "at":
            return local_time(e.at)
        if key == "action":
            return i18n.core(e.action_label)
        if key == "scope":
            return scope_text(e.scope)
        if key == "count":
            return "" if e.count is None else f"{e.count:,}".replace(",", ".")
        if key == "detail":
            return audit.describe(e)
        return getattr(e, key) or ""


class AuditDialog(QDialog):
    """Lists the audit log; reads through the runner (a short query), filtered by action and period."""

    loaded = Signal(int)  # rows shown
    failed = Signal(str)

    def __init__(self, runner: JobRunner, parent: QWidget | None = None, *, today: _dt.date | None = None):
        super().__init__(parent)
        self.runner = runner
        self._today = today
        self.setWindowTitle(self.tr("Log audit data pribadi"))
        screen.fit(self, 1000, 520)  # capped to the screen the taskbar leaves

        self.action = QComboBox()
        self.action.addItem(self.tr("Semua jenis"), None)
        for key, label in audit.ACTIONS.items():
            self.action.addItem(i18n.core(label), key)
        self.period = QComboBox()
        for label, days in PERIODS:
            self.period.addItem(self.tr(label), days)
        self.status = QLabel()
        self.status.setObjectName("auditStatus")
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col, width in enumerate((140, 120, 120, 130, 170, 60)):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Jenis:")))
        bar.addWidget(self.action)
        bar.addWidget(QLabel(self.tr("Waktu:")))
        bar.addWidget(self.period)
        bar.addStretch(1)
        bar.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("Log ini tidak dapat diubah atau dihapus. Waktu ditampilkan dalam waktu setempat."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

        self.action.currentIndexChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def since(self) -> _dt.date | None:
        days = self.period.currentData()
        if days is None:
            return None
        return (self._today or _dt.date.today()) - _dt.timedelta(days=days)

    def set_filter(self, action: str | None = None, days: int | None = None) -> None:
        """Choose an action (None = all) and a period (None, 0, 6 or 29 days back); reloads."""
        for combo, value in ((self.action, action), (self.period, days)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)
            combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        job = self.runner.submit(audit.entries, self.action.currentData(), self.since())
        job.finished.connect(self._show)
        job.failed.connect(self._failed)

    def _show(self, entries: list[audit.Entry]) -> None:
        self.model.set_entries(entries)
        self.status.setText(self.tr("{n} catatan").format(n=len(entries)))
        self.loaded.emit(len(entries))

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.failed.emit(message)
