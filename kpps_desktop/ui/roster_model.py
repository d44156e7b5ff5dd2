"""The roster table model: shows the row positions that core.roster_search picked."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import roster
from kpps_desktop.core.roster_search import RosterIndex
from kpps_desktop.ui import i18n

COLUMNS = ("nama", "nik", "jk", "jabatan", "tps", "desa", "kecamatan", "status")
OFFICER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RosterModel(QAbstractTableModel):
    """Holds the index and the visible positions; data() reads one cell from the index's columns."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.index_ = RosterIndex([])
        self._positions: list[int] = []
        self._filter: tuple[str, dict] = ("", {})
        self._sort: tuple[str | None, bool] = (None, False)
        self._show_nik = False
        self._headers = (self.tr("Nama"), self.tr("NIK"), self.tr("JK"), self.tr("Jabatan"), self.tr("TPS"),
                         self.tr("Desa/Kel."), self.tr("Kecamatan"), self.tr("Status"))
        # A colour serves ForegroundRole as well as a brush; building a QBrush in Python would make
        # PySide set up QGradient and QImage (their 200-odd enum members, ~1 ms of start-up).
        self._replaced_color = QColor("#80868b")

    # Feeding and filtering ---------------------------------------------------------------
    def set_rows(self, rows: Sequence[Mapping]) -> None:
        """New rows from roster.list_table (or list_officers' dicts); the current filter and sort stay in force."""
        self.beginResetModel()
        self.index_ = RosterIndex(rows)
        self._positions = self._compute()
        self.endResetModel()

    def set_filter(self, text: str = "", **filters: Any) -> None:
        self.beginResetModel()
        self._filter = (text, filters)
        self._positions = self._compute()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column] if 0 <= column < len(COLUMNS) else None
        self.beginResetModel()
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        self._positions = self._compute()
        self.endResetModel()

    def _compute(self) -> list[int]:
        text, filters = self._filter
        found = self.index_.filter(text, nik_visible=self._show_nik, **filters)
        key, descending = self._sort
        return self.index_.sort(found, key, descending) if key or descending else found

    @property
    def show_nik(self) -> bool:
        return self._show_nik

    def set_show_nik(self, show: bool) -> None:
        self._show_nik = bool(show)
        if self._filter[0] and any(c.isdigit() for c in self._filter[0]):
            # Digits match only what is shown, so revealing or masking NIKs changes the rows.
            self.set_filter(self._filter[0], **self._filter[1])
            return
        col = COLUMNS.index("nik")
        if self._positions:
            self.dataChanged.emit(self.index(0, col), self.index(len(self._positions) - 1, col))

    # Lookups for the view ----------------------------------------------------------------
    @property
    def total(self) -> int:
        return len(self.index_)

    def officer_id(self, row: int) -> str | None:
        if 0 <= row < len(self._positions):
            return self.index_.column("id")[self._positions[row]]
        return None

    def row_dict(self, row: int) -> dict | None:
        if 0 <= row < len(self._positions):
            return dict(self.index_.rows[self._positions[row]])
        return None

    def row_of_id(self, officer_id: str) -> int | None:
        """The visible row of an officer, or None when filtered out (linear: used after resets only)."""
        position = self.index_.position_of_id.get(officer_id)
        if position is None:
            return None
        try:
            return self._positions.index(position)
        except ValueError:
            return None

    # QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._positions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        position = self._positions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(position, COLUMNS[index.column()])
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._replaced_color if self.index_.column("status")[position] == "diganti" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(position)
        if role == OFFICER_ID_ROLE:
            return self.index_.column("id")[position]
        return None

    def _display(self, position: int, key: str) -> str:
        column = self.index_.column
        if key == "nik":
            nik = column("nik")[position]
            return nik if self._show_nik else nikmod.mask(nik)
        if key == "jabatan":
            jabatan = column("jabatan")[position]
            return i18n.core(roster.JABATAN_LABELS.get(jabatan, jabatan))
        if key == "tps":
            return roster.tps_label(column("tps")[position], column("tps_label")[position])
        if key == "desa":
            kode = column("desa")[position]
            return self.index_.names.get(kode, kode)
        if key == "kecamatan":
            kode = column("desa")[position].rsplit(".", 1)[0]
            return self.index_.names.get(kode, kode)
        if key == "status":
            status = column("status")[position]
            return i18n.core(roster.STATUS_LABELS.get(status, status))
        return column(key)[position] or ""

    def _tooltip(self, position: int) -> str | None:
        if self.index_.column("status")[position] != "diganti":
            return None
        successor = self.index_.position_of_id.get(self.index_.column("replaced_by")[position] or "")
        if successor is None:
            return self.tr("Diganti (PAW)")
        return self.tr("Diganti (PAW) oleh {nama}").format(nama=self.index_.column("nama")[successor])
