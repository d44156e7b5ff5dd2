"""The roster screen: search-as-you-type, filter combos, the officer table."""

from __future__ import annotations

from typing import Mapping, Sequence

# QMessageBox is reached through the module where a box opens: PySide builds a class and its
# enums on first access (~1 ms), which start-up need not pay.
from PySide6 import QtWidgets
from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLineEdit,
    QTableView, QVBoxLayout, QWidget,
)

from kpps_desktop.core import roster
from kpps_desktop.ui import i18n
from kpps_desktop.ui.roster_model import COLUMNS, RosterModel
from kpps_desktop.ui.wilayah_picker import SearchCombo

# Starting widths (px) that fit 1366 px wide screens; Nama takes what is left.
_WIDTHS = {"nik": 150, "jk": 40, "jabatan": 120, "tps": 120, "desa": 150, "kecamatan": 130, "status": 80}


class RosterView(QWidget):
    """Search box and filters above a QTableView; emits activated(officer_id) on Enter/double-click."""

    activated = Signal(str)
    selectionChanged = Signal()
    counted = Signal(int, int)  # rows shown, rows in the roster: for the window's status bar
    nikShown = Signal(bool)  # full NIKs on screen (after a confirmed, logged reveal) or masked again

    def __init__(self, parent: QWidget | None = None, runner=None):
        super().__init__(parent)
        self.runner = runner  # the GUI's one writer: records the reveal in the audit log
        self.model = RosterModel(self)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Cari nama, NIK, atau TPS (mis. 'tps 3')…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        # Regions are chosen with the one region widget (type a name, Enter or Tab takes it).
        self.kecamatan = self._combo(self.tr("Semua kecamatan"), SearchCombo())
        self.desa = self._combo(self.tr("Semua desa/kel."), SearchCombo())
        self.tps = self._combo(self.tr("Semua TPS"))
        self.jabatan = self._combo(self.tr("Semua jabatan"))
        for key, label in roster.JABATAN_LABELS.items():
            self.jabatan.addItem(i18n.core(label), key)
        self.status = self._combo(self.tr("Semua status"))
        for key, label in roster.STATUS_LABELS.items():
            self.status.addItem(i18n.core(label), key)
        self.show_nik = QCheckBox(self.tr("Tampilkan NIK"))
        self.show_nik.setToolTip(self.tr("NIK adalah data pribadi (UU PDP); tampilkan hanya bila perlu."))

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row height: no per-row size queries over 12,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for col, key in enumerate(COLUMNS):
            if key in _WIDTHS:
                header.resizeSection(col, _WIDTHS[key])
        header.setSectionResizeMode(COLUMNS.index("nama"), QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # roster order until a header is clicked
        self.table.setSortingEnabled(True)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        for combo in (self.kecamatan, self.desa, self.tps, self.jabatan, self.status):
            bar.addWidget(combo, 1)
        bar.addWidget(self.show_nik)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.search.textChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self._focus_table)
        self.kecamatan.currentIndexChanged.connect(self._kecamatan_changed)
        self.desa.currentIndexChanged.connect(self._desa_changed)
        for combo in (self.tps, self.jabatan, self.status):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.show_nik.toggled.connect(self._show_nik_toggled)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self.selectionChanged)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self._kept_id: str | None = None

    def _combo(self, all_label: str, combo: QComboBox | None = None) -> QComboBox:
        combo = combo if combo is not None else QComboBox()
        combo.addItem(all_label, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    # Public ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Mapping], select_id: str | None = None) -> None:
        """Show new rows, keeping filters, sort and (or moving to) the selected officer."""
        keep = select_id or self.selected_officer_id()
        self.model.set_rows(rows)
        self._fill_kecamatan()
        self.apply_filter()
        if keep:
            self.select_officer(keep)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_officer_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.officer_id(rows[0].row()) if rows else None

    def selected_row(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_dict(rows[0].row()) if rows else None

    def select_officer(self, officer_id: str) -> bool:
        row = self.model.row_of_id(officer_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def apply_filter(self) -> None:
        self.model.set_filter(
            self.search.text(),
            kecamatan=self.kecamatan.currentData(),
            desa=self.desa.currentData(),
            tps=self.tps.currentData(),
            jabatan=self.jabatan.currentData(),
            status=self.status.currentData(),
        )

    # NIK reveal (UU PDP) ------------------------------------------------------------------
    def _show_nik_toggled(self, on: bool) -> None:
        if not on:
            self.model.set_show_nik(False)
            self.nikShown.emit(False)
        elif not self.model.show_nik:
            self._set_nik_box(False)  # stays off until confirmed and logged
            self.ask_reveal_nik()

    def _set_nik_box(self, on: bool) -> None:
        self.show_nik.blockSignals(True)
        self.show_nik.setChecked(on)
        self.show_nik.blockSignals(False)

    def ask_reveal_nik(self) -> QtWidgets.QMessageBox:
        """Ask first (non-blocking); on Yes the reveal is written to the audit log, then shown."""
        QMessageBox = QtWidgets.QMessageBox
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Tampilkan NIK"), self.tr(
            "NIK adalah data pribadi yang dilindungi UU PDP. Tampilkan NIK lengkap {n} petugas di layar?\n\n"
            "Permintaan ini dicatat di log audit atas nama operator.").format(n=thousands(self.model.rowCount())),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("revealNikBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self._log_reveal)  # Yes is the box's accept role; No and Esc reject
        box.open()
        return box

    def _log_reveal(self) -> None:
        from kpps_desktop.core import audit  # only a reveal needs it, not the first window

        if self.runner is None:
            self._refuse_reveal(self.tr("Log audit tidak tersedia; NIK tetap disamarkan."))
            return
        scope = self.desa.currentData() or self.kecamatan.currentData()
        job = self.runner.submit(audit.record, "reveal_nik", "daftar_petugas", scope, self.model.rowCount(),
                                 {"layar": "Petugas"})
        job.finished.connect(lambda *_: self._reveal())
        job.failed.connect(self._refuse_reveal)

    def _reveal(self) -> None:
        self._set_nik_box(True)
        self.model.set_show_nik(True)
        self.nikShown.emit(True)

    def _refuse_reveal(self, message: str) -> None:
        QMessageBox = QtWidgets.QMessageBox
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Tampilkan NIK"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("revealNikRefused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # Dependent combos ---------------------------------------------------------------------
    def _refill(self, combo: QComboBox, items: list[tuple[object, str]]) -> None:
        """Replace a combo's choices, keeping the current one when it still exists.

        Built as one model and set at once: 200-odd addItem() calls cost ~20 ms at start-up,
        each one re-measuring the combo."""
        current = combo.currentData()
        model = QStandardItemModel(combo)
        for data, label in [(None, combo.itemText(0)), *items]:
            item = QStandardItem(label)
            item.setData(data, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        combo.blockSignals(True)
        combo.setModel(model)  # deletes the previous model, which the combo owned
        found = combo.findData(current) if current is not None else -1
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def _fill_kecamatan(self) -> None:
        options = self.model.index_.kecamatan_options()
        self._refill(self.kecamatan, [(k, n) for k, n in options])
        # A PPS or PPK sees one kecamatan (a PPS one desa): a filter with one choice is clutter.
        self.kecamatan.setVisible(len(options) > 1)
        self._fill_desa()

    def _fill_desa(self) -> None:
        options = self.model.index_.desa_options(self.kecamatan.currentData())
        self._refill(self.desa, [(k, n) for k, n in options])
        self.desa.setVisible(len(self.model.index_.by_desa) > 1)
        self._fill_tps()

    def _fill_tps(self) -> None:
        numbers = self.model.index_.tps_options(self.kecamatan.currentData(), self.desa.currentData())
        self._refill(self.tps, [(n, f"TPS {n:03d}") for n in numbers])

    def _kecamatan_changed(self) -> None:
        self._fill_desa()
        self.apply_filter()

    def _desa_changed(self) -> None:
        self._fill_tps()
        self.apply_filter()

    # Selection kept across resets ---------------------------------------------------------
    def _remember_selection(self) -> None:
        self._kept_id = self.selected_officer_id()

    def _restore_selection(self) -> None:
        if self._kept_id:
            row = self.model.row_of_id(self._kept_id)
            if row is not None:
                self.table.selectRow(row)
        self.counted.emit(self.model.rowCount(), self.model.total)

    def _activated(self, index) -> None:
        officer_id = self.model.officer_id(index.row())
        if officer_id:
            self.activated.emit(officer_id)

    def _focus_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)


def thousands(n: int) -> str:
    """Indonesian digit grouping: 12.201."""
    return f"{n:,}".replace(",", ".")
