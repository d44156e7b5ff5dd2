"""The recap screen: counts by kecamatan/desa/TPS with drill-down, charts, absentees, anomalies, handovers, exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kpps_desktop.core import (
    exchange,
    installation,
    recap,
    sessions,
    wilayah,
)
from kpps_desktop.render import charts, recap_export
from kpps_desktop.ui import i18n, screen
from kpps_desktop.ui.desk_banner import DeskBanner
from kpps_desktop.ui.frozen_table import FrozenColumnTable
from kpps_desktop.ui.handover_status import HandoverStatusPanel
from kpps_desktop.ui.jobs import JobRunner

GROUPS = [("kecamatan", QT_TRANSLATE_NOOP("RecapView", "Per kecamatan")),
          ("desa", QT_TRANSLATE_NOOP("RecapView", "Per desa/kelurahan")),
          ("tps", QT_TRANSLATE_NOOP("RecapView", "Per TPS"))]


@dataclass
class ViewData:
    """Everything the screen shows for one choice, read in one job."""
    recap: recap.Recap
    sessions: list[sessions.Session]
    absentees: list[dict] = field(default_factory=list)
    anomalies: list[recap.Anomaly] = field(default_factory=list)
    timeline: list[tuple[str, int]] = field(default_factory=list)
    handover: exchange.HandoverStatus | None = None  # None on a PPS: nothing is handed to it from below
    desks: list[exchange.desks.DeskStatus] = field(default_factory=list)  # check-in desks provisioned here
    role: str | None = None  # the installation's role: PPS-only actions are hidden elsewhere


def load(db: sqlite_utils.Database, by: str | None, session_id: str | None, within: str | None,
         tps: int | None, kind: str | None = None, people: bool = False) -> ViewData:
    """Runs on the worker: the recap at this level, plus the lists, the chart data and who has handed over.

    `by` None: the level that fits the installation (recap.default_level).
    """
    ids = [session_id] if session_id else None
    kinds = (kind,) if kind else ()
    inst = installation.get(db)
    r = recap.recap(db, by or recap.default_level(inst), ids, within=within, tps=tps, kinds=kinds, people=people)
    chosen = [s.id for s in r.sessions] if kinds else ids
    return ViewData(
        recap=r,
        sessions=sessions.list_sessions(db),
        absentees=recap.absentees(db, ids, within=within, kinds=kinds),
        anomalies=recap.anomalies(db, chosen, within=within),
        timeline=recap.checkins_over_time(db, session_id) if session_id else [],
        handover=exchange.handover_status(db, within) if inst is not None and inst.role != "pps" else None,
        desks=exchange.desks.status(db) if inst is not None else [],
        role=inst.role if inst is not None else None,
    )


def _display(key: str, value: Any) -> str:
    if value is None:
        return "–"
    if key == "rate":
        return f"{value * 100:.1f}%".replace(".", ",")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


class AbsentModel(QAbstractTableModel):
    """The absentees, each with a check box: the checked ones go into the susulan session.

    A model over the list itself: filling 20,000 rows of items froze the screen for ~300 ms on
    every refresh (Jepara with nobody checked in yet); this costs nothing until rows are drawn.
    """

    HEADERS = (QT_TRANSLATE_NOOP("RecapView", "Nama"), QT_TRANSLATE_NOOP("RecapView", "TPS"),
               QT_TRANSLATE_NOOP("RecapView", "Desa/Kel."), QT_TRANSLATE_NOOP("RecapView", "Status"),
               QT_TRANSLATE_NOOP("RecapView", "Sesi"), QT_TRANSLATE_NOOP("RecapView", "Kecamatan"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.unchecked: set[int] = set()

    def set_rows(self, rows: list[dict], by_place: bool = False) -> None:
        """`by_place`: grouped by kecamatan, desa, TPS and name (a PPK or KPU reads it by region),
        else by session as the core lists them."""
        self.beginResetModel()
        if by_place:
            rows = sorted(rows, key=lambda a: (a["desa"], a["tps"], a["nama"], a["session_date"]))
        self.rows, self.unchecked = rows, set()
        self.endResetModel()

    def checked_ids(self) -> list[str]:
        return [a["officer_id"] for i, a in enumerate(self.rows) if i not in self.unchecked]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RecapView", self.HEADERS[section])
        return None

    def flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Unchecked if index.row() in self.unchecked else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.UserRole:
            return a["officer_id"]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return a["nama"]
        if column == 1:
            return QCoreApplication.translate("RecapView", "TPS {n:03d}").format(n=a["tps"])
        if column == 2:
            return wilayah.name(a["desa"])
        if column == 3:
            return (i18n.core(sessions.STATUS_LABELS.get(a["status"], ""))
                    or QCoreApplication.translate("RecapView", "Belum tercatat"))
        if column == 4:
            return a["session_title"]
        return wilayah.name(a["desa"][:8])

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.unchecked.discard(index.row())
        else:
            self.unchecked.add(index.row())
        self.dataChanged.emit(index, index, [role])
        return True


COLUMN_HELP = {
    "hadir": QT_TRANSLATE_NOOP("RecapModel", "Hadir tepat waktu saja; yang terlambat ada di kolom Terlambat."),
    "present": QT_TRANSLATE_NOOP("RecapModel", "Tepat waktu + terlambat + hadir daring."),
    "belum": QT_TRANSLATE_NOOP("RecapModel", "Diharapkan di sesi yang masih terbuka, belum ada catatan."),
    "rate": QT_TRANSLATE_NOOP("RecapModel", "Hadir (total) dibagi Diharapkan, hanya sesi yang sudah dilaksanakan; "
                                            "desa yang belum mengirim tidak dihitung."),
    "keterangan": QT_TRANSLATE_NOOP("RecapModel", "Desa yang belum mengirim, sesi belum dilaksanakan atau belum "
                                                  "ditutup: semuanya di luar persentase."),
}


class RecapModel(QAbstractTableModel):
    """Rows of a Recap (sortable, or only the lowest rates), then a bold totals row that stays last."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.recap: recap.Recap | None = None
        self.cols: list[tuple[str, str, float]] = []
        self.rows: list[dict] = []
        self.lowest: int | None = None  # show only this many rows with the lowest rate
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_recap(self, r: recap.Recap) -> None:
        self.beginResetModel()
        self.recap, self.cols = r, recap.columns(r)
        self._arrange()
        self.endResetModel()

    def set_lowest(self, n: int | None) -> None:
        self.beginResetModel()
        self.lowest = n
        self._arrange()
        self.endResetModel()

    def _arrange(self) -> None:
        rows = list(self.recap.rows) if self.recap is not None else []
        if self.lowest:
            rows = sorted((r for r in rows if r["rate"] is not None), key=lambda r: r["rate"])[:self.lowest]
        if self._sort is not None and self._sort[0] < len(self.cols):
            key = self.cols[self._sort[0]][0]
            numeric = key in recap.COUNTS or key in ("rate", "people", "people_all", "people_some", "people_none")

            def sort_key(row):
                value = recap.cell(row, key)
                if numeric:
                    return (value is None, value or 0)
                return (value is None, str(value or "").casefold())
            rows.sort(key=sort_key, reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self.rows = rows

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order) if column >= 0 else None  # -1: the recap's own order
        self._arrange()
        self.layoutChanged.emit()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.recap is None else len(self.rows) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.cols)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or section >= len(self.cols):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return i18n.core(self.cols[section][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            key = self.cols[section][0]
            if key == "expected":
                return self.tr("Diharapkan: jumlah pasangan sesi–petugas, bukan jumlah orang. Satu petugas yang "
                               "diharapkan di tiga sesi dihitung tiga kali. Petugas yang sudah diganti (PAW) tidak "
                               "diharapkan.")
            help_text = COLUMN_HELP.get(key)
            return QCoreApplication.translate("RecapModel", help_text) if help_text else None
        return None

    def row_dict(self, row: int) -> dict | None:
        """The recap row behind a table row; None for the totals row."""
        assert self.recap is not None
        return self.rows[row] if row < len(self.rows) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.recap is None:
            return None
        key = self.cols[index.column()][0]
        row = self.row_dict(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            if row is None:
                if index.column() == 0:
                    return self.tr("Jumlah")
                if key == "keterangan":
                    return self.tr("{reported} dari {total} desa melapor").format(**self.recap.coverage)
                return _display(key, self.recap.total.get(key)) if key in self.recap.total else ""
            return _display(key, recap.cell(row, key))
        if role == Qt.ItemDataRole.TextAlignmentRole and (key in recap.COUNTS or key == "rate"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (row is None or not row.get("reported", True)):
            font = QFont()
            font.setBold(row is None)
            font.setItalic(row is not None)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row is not None and not row.get("reported", True):
            return QColor("#80868b")
        if role == Qt.ItemDataRole.ForegroundRole and key == "rate" and row is not None and row["rate"] is not None:
            return charts.rate_color(row["rate"])
        return None


class ChartPanel(QWidget):
    """The rate bars and, for one session, check-ins over time, painted with the PDF's own code."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[tuple[str, float | None]] = []
        self.title = ""
        self.timeline: list[tuple[str, int]] = []
        self.setMinimumHeight(220)

    def set_data(self, items, title: str, timeline) -> None:
        self.items, self.title, self.timeline = list(items), title, list(timeline)
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        pt = self.logicalDpiY() / 72
        r = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        if self.timeline:
            half = r.height() * 0.55
            charts.draw_rates(p, QRectF(r.left(), r.top(), r.width(), half - 8), self.items, self.title, pt)
            charts.draw_timeline(p, QRectF(r.left(), r.top() + half, r.width(), r.height() - half),
                                 self.timeline, self.tr("Presensi per 5 menit"), pt)
        else:
            charts.draw_rates(p, r, self.items, self.title, pt)
        p.end()


class MakeupDialog(QDialog):
    """Date, hours, venue and title of a susulan session for the chosen absentees."""

    def __init__(self, count: int, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Buat sesi susulan"))
        self.date = QDateEdit(QDate.currentDate().addDays(1))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.start, self.end = QLineEdit("08:00"), QLineEdit("10:00")
        self.venue = QLineEdit()
        self.title_edit = QLineEdit(title)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Sesi susulan untuk {count} petugas yang tidak hadir.").format(count=count)))
        form.addRow(self.tr("Judul"), self.title_edit)
        form.addRow(self.tr("Tanggal"), self.date)
        form.addRow(self.tr("Jam mulai"), self.start)
        form.addRow(self.tr("Jam selesai"), self.end)
        form.addRow(self.tr("Tempat"), self.venue)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def values(self) -> dict:
        return {"date": self.date.date().toString("yyyy-MM-dd"), "start": self.start.text(), "end": self.end.text(),
                "venue": self.venue.text(), "title": self.title_edit.text()}


class RecapView(QWidget):
    """Recap table with drill-down, a charts panel, absentees (→ susulan), anomaly flags, who has handed over."""

    loaded = Signal()
    failed = Signal(str)
    exported = Signal(str)  # path written
    makeupCreated = Signal(str)  # id of the new susulan session

    def __init__(self, runner: JobRunner, db_path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner, self.db_path = runner, Path(db_path)
        self.stack: list[tuple[str, str | None, int | None]] = []  # (by, within, tps) above the current level
        # (by, within, tps); by None until the first load picks the installation's level
        self.level: tuple[str | None, str | None, int | None] = (None, None, None)
        self.data: ViewData | None = None
        self.makeup_dialog: MakeupDialog | None = None

        self.group = QComboBox()
        for key, label in GROUPS:
            self.group.addItem(self.tr(label), key)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Semua jenis"), None)
        for key, label in sessions.KINDS.items():
            self.kind.addItem(i18n.core(label), key)
        self.kind.setToolTip(self.tr("Hitung hanya sesi jenis ini, di semua desa (mis. persentase bimtek per kecamatan)."))
        self.session = QComboBox()
        self.session.addItem(self.tr("Semua sesi"), None)
        self.session.setMinimumWidth(200)
        self.people = QCheckBox(self.tr("Jumlah orang"))
        self.people.setToolTip(self.tr("Tambah kolom jumlah orang: ikut semua sesi wajib (pelantikan dan bimtek), "
                                       "absen sebagian, absen semua."))
        self.lowest = QCheckBox(self.tr("10 terendah"))
        self.lowest.setToolTip(self.tr("Tampilkan hanya 10 baris dengan persentase terendah."))
        self.up = QPushButton(self.tr("◀ Naik"))
        self.up.setEnabled(False)
        self.crumb = QLabel()
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)
        self.export_buttons = {}
        bar = QHBoxLayout()
        bar.addWidget(self.group)
        bar.addWidget(self.kind)
        bar.addWidget(self.session, 1)
        bar.addWidget(self.people)
        bar.addWidget(self.lowest)
        bar.addWidget(self.up)
        exports = QHBoxLayout()
        exports.addWidget(self.crumb)
        exports.addWidget(self.coverage, 1)
        for fmt, label in (("xlsx", self.tr("Ekspor XLSX")), ("csv", self.tr("Ekspor CSV")),
                           ("pdf", self.tr("Ekspor PDF")), ("png", self.tr("Ekspor Grafik PNG"))):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, f=fmt: self._ask_export(f))
            self.export_buttons[fmt] = button
            exports.addWidget(button)

        self.model = RecapModel(self)
        self.table = FrozenColumnTable()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the recap's order
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.horizontalHeader().sectionClicked.connect(
            lambda _=0: self.table.horizontalHeader().setSortIndicatorShown(True))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setToolTip(self.tr("Klik dua kali untuk melihat rincian di bawahnya."))

        self.charts = ChartPanel()
        self.absent_model = AbsentModel(self)
        self.absent = QTableView()
        self.absent.setModel(self.absent_model)
        self.absent.verticalHeader().setVisible(False)
        self.absent.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.absent.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.makeup = QPushButton(self.tr("Buat sesi susulan"))
        self.makeup.setToolTip(self.tr("Sesi susulan untuk petugas yang dicentang di daftar ini."))
        absent_box = QWidget()
        v = QVBoxLayout(absent_box)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.absent, 1)
        v.addWidget(self.makeup)
        self.flags = QTreeWidget()
        self.flags.setHeaderLabels([self.tr("Tanda"), self.tr("Kecamatan"), self.tr("Desa/Kel."), self.tr("Sesi"),
                                    self.tr("Perangkat")])
        self.flags.setWordWrap(True)
        for column, width in enumerate((190, 110, 120, 200, 190)):
            self.flags.setColumnWidth(column, width)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.charts, self.tr("Grafik"))
        self.tabs.addTab(absent_box, self.tr("Tidak hadir"))
        self.tabs.addTab(self.flags, self.tr("Anomali"))
        self.handover = HandoverStatusPanel(codes=False)  # the codes are in the recap table beside it
        self.tabs.addTab(self.handover, self.tr("Serah terima"))
        self.tabs.setTabVisible(3, False)  # until the installation is known to be a PPK or KPU

        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(bar)
        self.desk_banner = DeskBanner()  # "Meja 3 belum menyerahkan berkas", above the numbers
        layout.addWidget(self.desk_banner)
        layout.addLayout(exports)
        layout.addWidget(split, 1)

        self.group.currentIndexChanged.connect(self._group_changed)
        self.session.currentIndexChanged.connect(lambda _: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _: self.refresh())
        self.people.toggled.connect(lambda _: self.refresh())
        self.lowest.toggled.connect(lambda on: self.model.set_lowest(10 if on else None))
        self.up.clicked.connect(self.go_up)
        self.table.doubleClicked.connect(lambda index: self.drill(index.row()))
        self.makeup.clicked.connect(self.open_makeup)
        self.handover.refreshRequested.connect(self.refresh)
        self.refresh()

    # --- loading ---------------------------------------------------------------------------

    @property
    def session_id(self) -> str | None:
        return self.session.currentData()

    def refresh(self) -> None:
        by, within, tps = self.level
        job = self.runner.submit(load, by, self.session_id, within, tps, self.kind.currentData(),
                                 self.people.isChecked())
        job.finished.connect(self._show)
        job.failed.connect(self._failed)

    def _failed(self, message: str) -> None:
        self.failed.emit(message)
        QMessageBox.warning(self, self.tr("Rekap"), message)

    def _show(self, data: ViewData) -> None:
        self.data = data
        self._fill_sessions(data.sessions)
        r = data.recap
        if self.level[0] is None:  # the first load: the level that fits the installation
            self.level = (r.by, None, None)
            self.group.blockSignals(True)
            self.group.setCurrentIndex(max(0, self.group.findData(r.by)))
            self.group.blockSignals(False)
        self.model.set_recap(r)
        self.table.set_frozen_count(1 if r.by == "officer" else 2)
        self._place_key_figures()
        self.crumb.setText(f"{i18n.core(recap.LEVEL_LABELS[r.by])} · {recap.scope_text(r)}")
        self.coverage.setText(self._coverage_text(r))
        self.up.setEnabled(bool(self.stack))
        self.charts.set_data(charts.rate_items(r.rows) if r.by != "officer" else [],
                             self.tr("Persentase kehadiran per {level}").format(
                                 level=recap.level_word(i18n.core(recap.LEVEL_LABELS[r.by]))), data.timeline)
        self.absent_model.set_rows(data.absentees, by_place=data.role in ("ppk", "kpu"))
        # A susulan is arranged by the PPS of the desa: not from a PPK's or KPU's recap.
        self.makeup.setVisible(data.role in (None, "pps"))
        self.makeup.setEnabled(bool(data.absentees))
        self.flags.clear()
        for f in data.anomalies:
            item = QTreeWidgetItem([i18n.core(f.label), f.kecamatan_nama, f.desa_nama, f.session_title, f.device])
            item.setToolTip(0, f.explanation)
            self.flags.addTopLevelItem(item)
            # The explanation spans the row under its flag; the events fold away under it.
            note = QTreeWidgetItem([f.explanation])
            item.addChild(note)
            note.setFirstColumnSpanned(True)
            events = QTreeWidgetItem([self.tr("{n} presensi").format(n=len(f.events))])
            item.addChild(events)
            events.setFirstColumnSpanned(True)
            for e in f.events[:200]:
                events.addChild(QTreeWidgetItem([e["at"].replace("T", " ")[:19], self.tr(
                    "{name} · {session} · {method} · perangkat {device}").format(
                        name=e["nama"], session=e["session_title"], method=e["method"], device=e["device_id"][:8])]))
        self.flags.expandToDepth(0)
        self.tabs.setTabText(2, self.tr("Anomali ({n})").format(n=len(data.anomalies)))
        self.tabs.setTabText(1, self.tr("Tidak hadir, izin, sakit, belum ({n})").format(n=len(data.absentees)))
        self.handover.fill(data.handover)
        self.desk_banner.fill(data.desks)
        self.tabs.setTabVisible(3, data.handover is not None)
        if data.handover is not None:
            self.tabs.setTabText(3, self.tr("Serah terima ({n} belum)").format(n=len(data.handover.never_reported)))
        # Every tab's name readable at 1366 px, without the tab bar's scroll arrows: the splitter
        # gives the lists at least the room their tab names take (tests/test_ui_layout.py).
        self.tabs.setMinimumWidth(self.tabs.tabBar().sizeHint().width() + 4)
        self.loaded.emit()

    def _tab_changed(self, index: int) -> None:
        """The lists beside the table need room to be read: the anomalies and absentees get the wider half."""
        total = sum(self.split.sizes())
        if total > 0:
            wide = index in (1, 2)
            self.split.setSizes([total * (2 if wide else 3) // 5, total * (3 if wide else 2) // 5])

    def _coverage_text(self, r: recap.Recap) -> str:
        c, states = r.coverage, r.coverage.get("sessions", {})
        parts = [self.tr("{reported} dari {total} desa melapor").format(reported=c["reported"], total=c["total"])]
        if r.total.get("rate") is not None:
            parts.append(self.tr("hadir {present} dari {held} diharapkan ({rate})").format(
                present=_display("present", r.total["present"]),
                held=_display("expected", r.total["expected"] - r.total.get("not_held", 0)),
                rate=_display("rate", r.total["rate"])))
        if states.get(recap.NOT_HELD):
            parts.append(self.tr("{n} sesi belum dilaksanakan").format(n=states[recap.NOT_HELD]))
        if states.get(recap.UNCLOSED):
            parts.append(self.tr("{n} sesi belum ditutup").format(n=states[recap.UNCLOSED]))
        return " · ".join(parts)

    def _place_key_figures(self) -> None:
        """Hadir (total) and Persentase right after the names, so a 1366 px screen shows them unscrolled."""
        header = self.table.horizontalHeader()
        keys = [k for k, _, _ in self.model.cols]
        for i in range(header.count()):  # back to the model's order first
            header.moveSection(header.visualIndex(i), i)
        target = self.table.frozen_count
        for key in ("rate", "present"):
            if key in keys:
                header.moveSection(header.visualIndex(keys.index(key)), target)

    def _fill_sessions(self, found: list[sessions.Session]) -> None:
        current = self.session_id
        ids = [self.session.itemData(i) for i in range(1, self.session.count())]
        if ids == [s.id for s in found]:
            return
        self.session.blockSignals(True)
        while self.session.count() > 1:
            self.session.removeItem(1)
        for s in found:
            self.session.addItem(f"{s.date} · {s.title}", s.id)
        index = self.session.findData(current)
        self.session.setCurrentIndex(max(index, 0))
        self.session.blockSignals(False)

    # --- drilling -------------------------------------------------------------------------

    def _group_changed(self) -> None:
        self.stack.clear()
        self.level = (self.group.currentData(), None, None)
        self.refresh()

    def drill(self, row: int) -> bool:
        """Down one level from a table row (not the totals row); False at the bottom."""
        if self.data is None:
            return False
        target = self.model.row_dict(row)
        below = recap.drill_down(self.data.recap, target) if target else None
        if below is None:
            return False
        self.stack.append(self.level)
        self.level = below
        self.refresh()
        return True

    def go_up(self) -> None:
        if self.stack:
            self.level = self.stack.pop()
            self.refresh()

    # --- actions --------------------------------------------------------------------------

    def checked_absentees(self) -> list[str]:
        return self.absent_model.checked_ids()

    def open_makeup(self) -> MakeupDialog:
        """Non-modal: the dialog's OK creates the susulan session through the runner."""
        ids = self.checked_absentees()
        source = [self.session_id] if self.session_id else []
        title = self.tr("Sesi susulan")
        if self.session_id:
            title = self.tr("Susulan {title}").format(title=self.session.currentText().split(" · ", 1)[-1])
        dialog = MakeupDialog(len(ids), title, self)
        dialog.accepted.connect(lambda: self._create_makeup(ids, source, dialog.values()))
        self.makeup_dialog = dialog
        dialog.open()
        return dialog

    def _create_makeup(self, ids: list[str], source: list[str], values: dict) -> None:
        job = self.runner.submit(recap.create_makeup_session, ids, values["date"], values["start"] or None,
                                 values["end"] or None, venue=values["venue"] or None,
                                 title=values["title"] or None, source_session_ids=source)
        job.finished.connect(lambda s: (self.makeupCreated.emit(s.id), self.refresh()))
        job.failed.connect(self._failed)

    def _ask_export(self, fmt: str) -> None:
        suffix = {"xlsx": self.tr("Excel (*.xlsx)"), "csv": self.tr("CSV (*.csv)"), "pdf": self.tr("PDF (*.pdf)"),
                  "png": self.tr("PNG (*.png)")}[fmt]
        path = screen.ask_save_path(self, self.tr("Simpan rekap"), f"rekap.{fmt}", suffix, f".{fmt}")
        if path:
            self.export(fmt, path)

    def export(self, fmt: str, path: str | Path) -> None:
        """Write the recap on screen as xlsx, csv, pdf, or the rate chart as png; emits exported."""
        if self.data is None:
            return
        job = self.runner.submit(_export, self.data, fmt, str(path))
        job.finished.connect(self.exported.emit)
        job.failed.connect(self._failed)


def _export(db: sqlite_utils.Database, data: ViewData, fmt: str, path: str) -> str:
    """Runs on the worker (the PDF needs the database for the signature block): the lists on screen
    go into the XLSX as shown."""
    recap_export.export_recap(db, data.recap, fmt, path, absentees=data.absentees, anomalies=data.anomalies)
    return path
