"""The desk's counts on screen: the session's line of statuses and the per-TPS table (core.live_counts)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from kpps_desktop.core import roster, wilayah
from kpps_desktop.core.live_counts import LiveCounts, TpsKey
from kpps_desktop.ui.checkin_result import TONES

# Columns after 'TPS' and 'Hadir' (present / expected): the statuses a PPS secretary reports.
BREAKDOWN = (
    ("terlambat", QT_TRANSLATE_NOOP("CountsTable", "Tlmbt")),
    ("hadir_daring", QT_TRANSLATE_NOOP("CountsTable", "Daring")),
    ("izin", QT_TRANSLATE_NOOP("CountsTable", "Izin")),
    ("sakit", QT_TRANSLATE_NOOP("CountsTable", "Sakit")),
    ("belum", QT_TRANSLATE_NOOP("CountsTable", "Belum")),
)
STRIP = (
    ("terlambat", QT_TRANSLATE_NOOP("CountsTable", "Terlambat {n}")),
    ("hadir_daring", QT_TRANSLATE_NOOP("CountsTable", "Daring {n}")),
    ("izin", QT_TRANSLATE_NOOP("CountsTable", "Izin {n}")),
    ("sakit", QT_TRANSLATE_NOOP("CountsTable", "Sakit {n}")),
    ("tidak_hadir", QT_TRANSLATE_NOOP("CountsTable", "Tidak hadir {n}")),
    ("belum", QT_TRANSLATE_NOOP("CountsTable", "Belum {n}")),
)
ROW_HEIGHT = 22  # px: ten TPS and the header fit beside the banner at 1366×768


def _tr(text: str) -> str:
    return QCoreApplication.translate("CountsTable", text)


def strip_text(counts: LiveCounts) -> str:
    """'Terlambat 1 · Daring 0 · Izin 2 · Sakit 0 · Belum 9' ('Tidak hadir' only once closed)."""
    return " · ".join(_tr(label).format(n=counts.total[key]) for key, label in STRIP
                      if key != "tidak_hadir" or counts.total[key])


class CountsTable(QTableWidget):
    """One row per TPS: present / expected, then each status; a full TPS turns green."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 2 + len(BREAKDOWN), parent)
        self.setObjectName("tpsCounts")
        self.setHorizontalHeaderLabels([self.tr("TPS"), self.tr("Hadir"), *(_tr(label) for _, label in BREAKDOWN)])
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._row: dict[TpsKey, int] = {}
        self.counts: LiveCounts | None = None

    def fill(self, counts: LiveCounts, with_desa: bool) -> None:
        self.counts = counts
        keys = sorted(counts.tps_keys(), key=lambda k: (wilayah.name(k[0]), k[1]))
        self._row = {key: row for row, key in enumerate(keys)}
        self.setRowCount(len(keys))
        for key, row in self._row.items():
            name = roster.tps_label(key[1])
            if with_desa:
                name = f"{wilayah.name(key[0])} · {name}"
            self.setItem(row, 0, QTableWidgetItem(name))
            for col in range(1, self.columnCount()):
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, col, item)
            self.show_tps(key)

    def show_tps(self, key: TpsKey) -> None:
        counts = self.counts
        row = self._row[key]
        present, expected = counts.tps_present(key), counts.tps_expected(key)
        self.item(row, 1).setText(f"{present} / {expected}")
        for col, (status, _label) in enumerate(BREAKDOWN, start=2):
            n = counts.by_tps[key][status]
            self.item(row, col).setText(str(n) if n else "·")
        done = counts.by_tps[key]["belum"] == 0
        self.item(row, 1).setBackground(TONES["accepted"][0].lighter(190) if done else QColor(0, 0, 0, 0))

    def rows_fully_visible(self) -> bool:
        """Every TPS row inside the viewport (no scrolling needed): what the desk must show."""
        if self.rowCount() == 0:
            return True
        last = self.visualRect(self.model().index(self.rowCount() - 1, 0))
        return self.verticalScrollBar().maximum() == 0 and last.bottom() <= self.viewport().height()


def counter_label() -> QLabel:
    label = QLabel()
    label.setObjectName("presentCounter")
    label.setStyleSheet("font-size: 24pt; font-weight: bold;")
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label
