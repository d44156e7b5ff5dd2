"""The recap screen's Tidak hadir tab: a PPS's checkable list (→ susulan), a PPK's or KPU's tree by kecamatan and desa."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kpps_desktop.core import recap_tables, roster, sessions, wilayah
from kpps_desktop.ui import i18n


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _status(a: dict) -> str:
    return (i18n.core(sessions.STATUS_LABELS.get(a["status"], ""))
            or QCoreApplication.translate("RecapView", "Belum tercatat"))


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

    def set_rows(self, rows: list[dict]) -> None:
        """In the order the core lists them: by session, desa, TPS and name."""
        self.beginResetModel()
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
            return _status(a)
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


# Node ids of AbsentTreeModel: 0 a kecamatan; 1..n a desa under kecamatan id-1; _LEAF + j a name
# under the j-th desa of the whole list. Built lazily like AbsentModel: nothing per row until drawn.
_LEAF = 1 << 24


class AbsentTreeModel(QAbstractItemModel):
    """Absentees by kecamatan, desa, then names (recap_tables.absentee_groups), each group with its count."""

    HEADERS = (QT_TRANSLATE_NOOP("RecapAbsent", "Wilayah / Nama"), QT_TRANSLATE_NOOP("RecapAbsent", "Jumlah"),
               QT_TRANSLATE_NOOP("RecapAbsent", "TPS"), QT_TRANSLATE_NOOP("RecapAbsent", "Jabatan"),
               QT_TRANSLATE_NOOP("RecapAbsent", "Status"), QT_TRANSLATE_NOOP("RecapAbsent", "Sesi"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[recap_tables.AbsentGroup] = []
        self._desa: list[tuple[int, int]] = []  # (kecamatan row, desa row) of the j-th desa
        self._first: list[int] = []  # index in _desa of each kecamatan's first desa

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.groups = recap_tables.absentee_groups(rows)
        self._desa, self._first = [], []
        for i, g in enumerate(self.groups):
            self._first.append(len(self._desa))
            self._desa += [(i, d) for d in range(len(g.children))]
        self.endResetModel()

    def group(self, index: QModelIndex) -> recap_tables.AbsentGroup | None:
        """The kecamatan or desa of a group row; None for a name."""
        node = index.internalId()
        if not index.isValid() or node >= _LEAF:
            return None
        return self.groups[index.row()] if node == 0 else self.groups[node - 1].children[index.row()]

    def absentee(self, index: QModelIndex) -> dict | None:
        if not index.isValid() or index.internalId() < _LEAF:
            return None
        kec, desa = self._desa[index.internalId() - _LEAF]
        return self.groups[kec].children[desa].rows[index.row()]

    def index(self, row, column, parent=QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        node = parent.internalId()
        if node == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, _LEAF + self._first[node - 1] + parent.row())

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = index.internalId()
        if node == 0:
            return QModelIndex()
        if node < _LEAF:
            return self.createIndex(node - 1, 0, 0)
        kec, desa = self._desa[node - _LEAF]
        return self.createIndex(desa, 0, kec + 1)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.column() != 0:
            return 0
        node = parent.internalId()
        if node == 0:
            return len(self.groups[parent.row()].children)
        if node < _LEAF:
            return len(self.groups[node - 1].children[parent.row()].rows)
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RecapAbsent", self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column, group = index.column(), self.group(index)
        if group is not None:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("RecapAbsent", "{count} catatan tidak hadir, izin, sakit atau belum "
                                                                 "tercatat, dari {people} petugas").format(
                    count=group.count, people=group.people)
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            if column == 0:
                return group.nama
            if column == 1:
                return QCoreApplication.translate("RecapAbsent", "{count} ({people} orang)").format(
                    count=_number(group.count), people=_number(group.people))
            return None
        a = self.absentee(index)
        if role == Qt.ItemDataRole.UserRole:
            return a["officer_id"]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {0: a["nama"], 2: roster.tps_label(a["tps"], a.get("tps_label")),
                3: i18n.core(roster.JABATAN_LABELS.get(a["jabatan"], a["jabatan"] or "")),
                4: _status(a), 5: a["session_title"]}.get(column)


class AbsentPanel(QWidget):
    """The tab's content: a PPS ticks names for a susulan; a PPK or KPU reads them by kecamatan and desa,
    with nothing to arrange (a susulan is the PPS's job)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = AbsentModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree_model = AbsentTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        for column, width in enumerate((200, 115, 65, 115, 90)):
            self.tree.setColumnWidth(column, width)
        self.tree.setToolTip(self.tr("Klik ▸ atau tekan → untuk membuka kecamatan dan desa; * membuka semuanya."))
        self.tree.hide()
        self.makeup = QPushButton(QCoreApplication.translate("RecapView", "Buat sesi susulan"))
        self.makeup.setToolTip(QCoreApplication.translate(
            "RecapView", "Sesi susulan untuk petugas yang dicentang di daftar ini."))
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.table, 1)
        v.addWidget(self.tree, 1)
        v.addWidget(self.makeup)

    @property
    def grouped(self) -> bool:
        return not self.tree.isHidden()

    def fill(self, rows: list[dict], role: str | None) -> None:
        """A PPK or KPU gets the tree (one kecamatan opened at once); a PPS (or no installation) the list."""
        grouped = role in ("ppk", "kpu")
        self.table.setHidden(grouped)
        self.tree.setHidden(not grouped)
        # A susulan is arranged by the PPS of the desa: not from a PPK's or KPU's recap.
        self.makeup.setVisible(not grouped)
        self.makeup.setEnabled(bool(rows))
        self.model.set_rows([] if grouped else rows)  # one of the two views holds the rows
        self.tree_model.set_rows(rows if grouped else [])
        if grouped and self.tree_model.rowCount() == 1:
            self.tree.expand(self.tree_model.index(0, 0))

    def checked_ids(self) -> list[str]:
        return self.model.checked_ids()
