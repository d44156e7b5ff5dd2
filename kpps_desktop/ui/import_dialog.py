"""Roster import dialog: pick a spreadsheet, preview and check it, then import it in one go."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

import datetime as _dt

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar,
    QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from kpps_desktop.core import import_report, installation, nik, roster, roster_import, wilayah
from kpps_desktop.core.progress import Progress
from kpps_desktop.ui import i18n
from kpps_desktop.ui.jobs import Job, JobRunner
from kpps_desktop.ui import screen
from kpps_desktop.core.errors import UserError

_PROBLEM_COLOR = QColor("#b00020")
_ID = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
_WARNING_COLOR = QColor("#8a5a00")


class RowsModel(QAbstractTableModel):
    """A read-only table of plain tuples; `colors` paints whole rows (problems red, warnings amber)."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None):
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple] = []
        self._colors: list[QColor | None] = []

    def set_rows(self, rows: list[tuple], colors: list[QColor | None] | None = None) -> None:
        self.beginResetModel()
        self._rows = rows
        self._colors = colors or [None] * len(rows)
        self.endResetModel()

    def row(self, index: int) -> tuple:
        return self._rows[index]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._rows[index.row()][index.column()]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and self._colors[index.row()] is not None:
            return QBrush(self._colors[index.row()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


_NOTE_COLOR = QColor("#5f6368")


class ReportModel(QAbstractTableModel):
    """The check report: Jenis, Baris, Nama, Kolom, Nilai, Alasan. A problem's Nilai is the cell in
    the file and can be edited when that column exists: `fixed(row, field, text)` asks for a re-check."""

    fixed = Signal(int, str, str)
    NILAI = 4

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._headers = [self.tr("Jenis"), self.tr("Baris"), self.tr("Nama"), self.tr("Kolom"),
                         self.tr("Nilai di berkas"), self.tr("Alasan")]
        self._kinds = {"problem": self.tr("Masalah"), "warning": self.tr("Peringatan"), "note": self.tr("Catatan")}
        self._colors = {"problem": _PROBLEM_COLOR, "warning": _WARNING_COLOR, "note": _NOTE_COLOR}
        self.plan: roster_import.ImportPlan | None = None
        self._entries: list[tuple[str, roster_import.Problem]] = []

    def set_plan(self, plan: roster_import.ImportPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self._entries = import_report.entries(plan) if plan is not None else []
        self.endResetModel()

    def entry(self, index: int) -> tuple[str, roster_import.Problem]:
        return self._entries[index]

    def row(self, index: int) -> tuple:
        """The row as shown, for tests and copying."""
        return tuple(self.data(self.index(index, c)) for c in range(len(self._headers)))

    def _value(self, problem: roster_import.Problem) -> str:
        value = self.plan.cell(problem.row, problem.field) if problem.field else None
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.strftime("%d-%m-%Y")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return "" if value is None else str(value)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def _editable(self, index: QModelIndex) -> bool:
        kind, problem = self._entries[index.row()]
        return index.column() == self.NILAI and kind == "problem" and self.plan.editable(problem)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, problem = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and self._editable(index):
                return self.tr("Klik dua kali (atau F2) untuk memperbaiki isi sel ini, lalu Enter.")
            return (self._kinds[kind], problem.row, problem.nama, problem.column, self._value(problem),
                    problem.reason)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(self._colors[kind])
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self._editable(index):
            return False
        _kind, problem = self._entries[index.row()]
        text = str(value).strip()
        if text == self._value(problem):
            return False
        self.fixed.emit(problem.row, problem.field, text)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


def _n(count: int) -> str:
    """12201 -> '12.201', as Indonesian readers write it."""
    return _ID.toString(count)


def _table(model: QAbstractTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class ImportDialog(QDialog):
    """Read a roster file in the background, show what would change, write only on "Impor".

    exec() returns Accepted once an import succeeded; `result_counts` is then
    (added, updated, skipped).
    """

    def __init__(self, runner: JobRunner, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.db_path = Path(db_path)
        self.plan: roster_import.ImportPlan | None = None
        self.result_counts: tuple[int, int, int] | None = None
        self._job: Job | None = None
        self._importing = False
        self.setWindowTitle(self.tr("Impor daftar petugas KPPS"))
        screen.fit(self, 1000, 620)  # capped to the screen the taskbar leaves

        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.path_edit.setPlaceholderText(self.tr("Belum ada berkas dipilih (.xlsx atau .csv)"))
        self.browse_button = QPushButton(self.tr("Pilih berkas…"), self)
        self.browse_button.clicked.connect(self.browse)
        self.template_button = QPushButton(self.tr("Unduh templat…"), self)
        self.template_button.setToolTip(self.tr("Simpan contoh berkas Excel dengan kolom yang dikenali."))
        self.template_button.clicked.connect(self.download_template)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("Berkas:"), self))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        file_row.addWidget(self.template_button)

        self.scope_label = QLabel(self)
        self.scope_label.setWordWrap(True)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Batal"), self)
        self.cancel_button.clicked.connect(self.cancel_reading)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.cancel_button)
        self._progress_widgets = (self.progress_bar, self.cancel_button)

        self.preview_model = RowsModel(
            [self.tr("Nama"), self.tr("NIK"), self.tr("JK"), self.tr("TPS"), self.tr("Jabatan"), self.tr("Desa")], self)
        self.report_model = ReportModel(self)
        self.report_model.fixed.connect(self.fix_cell)
        self.preview_view = _table(self.preview_model, self)
        self.report_view = _table(self.report_model, self)
        self.report_view.setEditTriggers(QTableView.EditTrigger.DoubleClicked
                                         | QTableView.EditTrigger.EditKeyPressed
                                         | QTableView.EditTrigger.AnyKeyPressed)
        self.report_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.skip_rows_button = QPushButton(self.tr("Lewati baris ini"), self)
        self.skip_rows_button.setToolTip(self.tr("Baris bermasalah yang dipilih tidak diimpor; baris lain tetap."))
        self.skip_rows_button.clicked.connect(self.skip_selected_rows)
        self.save_report_button = QPushButton(self.tr("Simpan laporan…"), self)
        self.save_report_button.setToolTip(self.tr("Simpan laporan pemeriksaan sebagai Excel (.xlsx) atau PDF."))
        self.save_report_button.clicked.connect(self.ask_save_report)
        self.fix_hint = QLabel(self.tr(
            "Perbaiki isi sel di kolom \"Nilai di berkas\" (klik dua kali atau F2, lalu Enter): "
            "baris diperiksa ulang. Berkas aslinya tidak diubah."), self)
        self.fix_hint.setWordWrap(True)
        report_page = QWidget(self)
        report_layout = QVBoxLayout(report_page)
        report_layout.setContentsMargins(0, 4, 0, 0)
        report_layout.addWidget(self.fix_hint)
        report_layout.addWidget(self.report_view, 1)
        report_buttons = QHBoxLayout()
        report_buttons.addWidget(self.skip_rows_button)
        report_buttons.addStretch(1)
        report_buttons.addWidget(self.save_report_button)
        report_layout.addLayout(report_buttons)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.preview_view, self.tr("Pratinjau"))
        self.tabs.addTab(report_page, self.tr("Laporan pemeriksaan"))

        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_label = QLabel(self)
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet("color: #1b5e20; font-weight: bold;")

        self.skip_box = QCheckBox(self.tr("Lewati baris bermasalah (hanya baris yang valid diimpor)"), self)
        self.skip_box.toggled.connect(self._update_buttons)
        self.import_button = QPushButton(self.tr("Impor"), self)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton(self.tr("Tutup"), self)
        self.close_button.clicked.connect(self.reject)
        for button in (self.browse_button, self.template_button, self.cancel_button,
                       self.import_button, self.close_button, self.skip_rows_button, self.save_report_button):
            button.setAutoDefault(False)  # Enter must never start an import by accident
        button_row = QHBoxLayout()
        button_row.addWidget(self.skip_box)
        button_row.addStretch(1)
        button_row.addWidget(self.import_button)
        button_row.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.scope_label)
        layout.addLayout(progress_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.done_label)
        layout.addLayout(button_row)

        self._default_desa: str | None = None
        self._scope: str | None = None
        self._show_error("")
        self._read_installation()
        self._set_progress_visible(False)
        self._show_plan(None)
        self.browse_button.setFocus()

    # ---- set-up -------------------------------------------------------------------------
    def _read_installation(self) -> None:
        try:
            inst = self.runner.read(installation.get)
        except UserError as exc:
            self._show_error(str(exc))
            return
        if inst is None:
            self.scope_label.setText(self.tr("Wilayah kantor belum diatur: kode desa wajib ada di setiap baris."))
            return
        self._scope = inst.wilayah
        region = wilayah.name(inst.wilayah)
        if inst.role == "pps":
            self._default_desa = inst.wilayah
            self.scope_label.setText(self.tr(
                "Wilayah: Desa/Kelurahan {name} ({code}). Baris tanpa kode desa dianggap dari desa ini."
            ).format(name=region, code=inst.wilayah))
        else:
            self.scope_label.setText(self.tr(
                "Wilayah: {name} ({code}). Hanya petugas dari wilayah ini yang dapat diimpor; "
                "setiap baris harus memuat kode desa."
            ).format(name=region, code=inst.wilayah))

    # ---- reading ------------------------------------------------------------------------
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih berkas daftar petugas"), str(Path.home()),
            self.tr("Daftar petugas (*.xlsx *.csv);;Semua berkas (*)"))
        if path:
            self.set_path(path)

    def set_path(self, path: str | Path) -> None:
        """Read and check a roster file in the background; nothing is written yet."""
        if self._importing:
            return
        self.cancel_reading()
        self.path_edit.setText(str(path))
        self._show_plan(None)
        self._show_error("")
        self._say(self.tr("Membaca berkas…"))
        self.progress_bar.setRange(0, 0)
        self._set_progress_visible(True)
        default_desa, scope = self._default_desa, self._scope
        job = self.runner.submit(
            lambda db, progress: roster_import.parse_roster(
                Path(path), default_desa=default_desa, scope=scope, progress=progress),
            progress=Progress())
        job.progressed.connect(lambda done, total, message: self._on_progress(job, done, total, message))
        self._follow(job, self._on_parsed, self._on_read_failed)

    def cancel_reading(self) -> None:
        """Stop reading now; whatever the old job still reports is ignored (see _take)."""
        if self._job is not None and not self._importing:
            self._job.cancel()
            self._job = None
            self._set_progress_visible(False)
            self._say(self.tr("Pembacaan berkas dibatalkan."))
            self._update_buttons()

    def _follow(self, job: Job, on_finished: Callable[[Any], None], on_failed: Callable[[str], None]) -> None:
        """Route a job's outcome to the handlers exactly once, even if it is already over.

        submit() starts the job before we can connect to it, so a quick job may have
        emitted its signals to nobody; then its stored outcome is delivered directly.
        """
        self._job = job
        self._update_buttons()
        job.finished.connect(lambda result: self._take(job) and on_finished(result))
        job.failed.connect(lambda message: self._take(job) and on_failed(message))
        canceled = job.progress is not None and job.progress.canceled
        if job.done and not canceled and self._take(job):
            if job.error is not None:
                on_failed(job.error)
            else:
                on_finished(job.result)

    def _take(self, job: Job) -> bool:
        """True once for the current job; a replaced or canceled job's late signals are ignored."""
        if job is not self._job:
            return False
        self._job = None
        self._set_progress_visible(False)
        return True

    def _on_progress(self, job: Job, done: int, total: int, message: str) -> None:
        if job is not self._job:
            return
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total else 0)
        if message:
            self.progress_bar.setFormat(message + "  %p%")

    def _on_parsed(self, plan: roster_import.ImportPlan) -> None:
        self._show_plan(plan)

    def _on_read_failed(self, message: str) -> None:
        self._say("")
        self._show_error(self.tr("Berkas tidak dapat dibaca: {message}").format(message=message))
        self._update_buttons()

    def _show_plan(self, plan: roster_import.ImportPlan | None) -> None:
        self.plan = plan
        if plan is None:
            self.preview_model.set_rows([])
            self.report_model.set_plan(None)
            self._say(self.tr("Pilih berkas daftar petugas (.xlsx atau .csv)."))
            self.tabs.setTabText(0, self.tr("Pratinjau"))
            self.tabs.setTabText(1, self.tr("Laporan pemeriksaan"))
            self.skip_box.setVisible(False)
            self._update_buttons()
            return
        self.preview_model.set_rows([
            (o.nama, nik.mask(o.nik), o.jk, roster.tps_label(o.tps, o.tps_label),
             i18n.core(o.jabatan_label), wilayah.name(o.desa))
            for o in plan.officers
        ])
        self.report_model.set_plan(plan)
        for view in (self.preview_view, self.report_view):
            view.resizeColumnsToContents()
        self.report_view.setColumnWidth(ReportModel.NILAI, max(self.report_view.columnWidth(ReportModel.NILAI), 150))
        bad_rows = plan.bad_rows
        self.tabs.setTabText(0, self.tr("Pratinjau ({n})").format(n=_n(len(plan.officers))))
        self.tabs.setTabText(1, self.tr("Laporan pemeriksaan ({p} masalah, {w} peringatan, {c} catatan)").format(
            p=_n(len(plan.problems)), w=_n(len(plan.warnings)), c=_n(len(plan.notes))))
        summary = self.tr("{ok} baris siap diimpor, {bad} baris bermasalah").format(
            ok=_n(len(plan.officers)), bad=_n(bad_rows))
        if plan.warnings:
            summary += self.tr(", {n} peringatan").format(n=_n(len(plan.warnings)))
        if plan.notes:
            summary += self.tr(", {n} baris bukan data atau dilewati").format(
                n=_n(plan.note_rows))
        self._say(summary + ".")
        self.skip_box.setChecked(False)
        self.skip_box.setVisible(bool(plan.problems))
        if plan.problems:
            self.tabs.setCurrentIndex(1)  # show what is wrong first
            self.summary_label.setToolTip(self.tr(
                "Perbaiki baris bermasalah di berkas lalu pilih lagi, atau centang "
                "\"Lewati baris bermasalah\"."))
        else:
            self.tabs.setCurrentIndex(0)
        self._update_buttons()

    # ---- fixing in place -----------------------------------------------------------------
    def fix_cell(self, row: int, fld: str, text: str) -> None:
        """Check the rows again with one cell as the user corrected it (the file is not changed)."""
        self._recheck({(row, fld): text}, None)

    def skip_selected_rows(self) -> None:
        rows = self._selected_problem_rows()
        if rows and self.plan is not None:
            self._recheck(None, set(self.plan.skip_rows) | rows)

    def _selected_problem_rows(self) -> set[int]:
        out = set()
        for index in self.report_view.selectionModel().selectedRows():
            kind, problem = self.report_model.entry(index.row())
            if kind == "problem":
                out.add(problem.row)
        return out

    def _recheck(self, edits: dict | None, skips: set[int] | None) -> None:
        if self.plan is None or self._importing or self._job is not None:
            return
        plan = self.plan
        self._say(self.tr("Memeriksa ulang…"))
        job = self.runner.submit(
            lambda db, progress: roster_import.recheck(plan, edits, skips, progress=progress), progress=Progress())
        self._follow(job, self._on_rechecked, self._on_read_failed)

    def _on_rechecked(self, plan: roster_import.ImportPlan) -> None:
        self._show_plan(plan)
        self.tabs.setCurrentIndex(1)
        self.report_view.setFocus()
        if plan.problems:  # on to the next thing to fix
            for r in range(self.report_model.rowCount()):
                if self.report_model.entry(r)[0] == "problem":
                    self.report_view.setCurrentIndex(self.report_model.index(r, ReportModel.NILAI))
                    break

    # ---- the report as a file -----------------------------------------------------------
    def ask_save_report(self) -> None:
        source = Path(self.path_edit.text() or "daftar")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan laporan pemeriksaan"), str(source.with_name(f"laporan-{source.stem}.xlsx")),
            self.tr("Buku kerja Excel (*.xlsx);;PDF (*.pdf)"))
        if path:
            self.save_report(path)

    def save_report(self, path: str | Path) -> bool:
        from kpps_desktop.render.import_report import write_report  # Qt's PDF writer: only when saving

        path = Path(path)
        if path.suffix.lower() not in (".xlsx", ".pdf"):
            path = path.with_suffix(".xlsx")
        if self.plan is None:
            return False
        try:
            write_report(self.plan, self.path_edit.text(), path)
        except UserError as exc:  # a file error is one already (core.fileio); anything else is a bug
            self._show_error(self.tr("Laporan tidak dapat disimpan: {message}").format(message=exc))
            return False
        self._show_error("")
        self.done_label.setText(self.tr("Laporan disimpan di {path}.").format(path=path))
        self.done_label.setVisible(True)
        return True

    # ---- importing ----------------------------------------------------------------------
    def start_import(self) -> None:
        if not self.import_button.isEnabled() or self.plan is None:
            return
        self._importing = True
        self._show_error("")
        self._say(self.tr("Menyimpan ke database…"))
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setFormat("")
        self.progress_bar.setVisible(True)
        job = self.runner.submit(roster_import.apply_import, self.plan, skip_invalid=self.skip_box.isChecked())
        self._follow(job, self._on_imported, self._on_import_failed)

    def _on_imported(self, result: roster_import.ImportResult) -> None:
        self._importing = False
        self.result_counts = (result.added, result.updated, result.skipped)
        self._say("")
        self.done_label.setText(self.tr(
            "Impor selesai: {added} petugas ditambahkan, {updated} diperbarui, {skipped} baris dilewati."
        ).format(added=_n(result.added), updated=_n(result.updated), skipped=_n(result.skipped)))
        self.import_button.setVisible(False)
        self.skip_box.setVisible(False)
        self.close_button.setText(self.tr("Selesai"))
        self._update_buttons()
        self.close_button.setFocus()

    def _on_import_failed(self, message: str) -> None:
        self._importing = False
        self._say("")
        self._show_error(self.tr("Impor gagal; database tidak diubah. {message}").format(message=message))
        self._update_buttons()

    # ---- template -----------------------------------------------------------------------
    def download_template(self) -> None:
        path = screen.ask_save_path(self, self.tr("Simpan templat daftar petugas"), "templat-petugas-kpps.xlsx",
                                    self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx")
        if path:
            self.save_template(path)

    def save_template(self, path: str | Path) -> bool:
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            roster_import.write_template(path)
        except UserError as exc:  # written through core.fileio: a file error is a UserError already
            self._show_error(self.tr("Templat tidak dapat disimpan: {message}").format(message=exc))
            return False
        self._show_error("")
        self.done_label.setText(self.tr("Templat disimpan di {path}.").format(path=path))
        return True

    # ---- state --------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.summary_label.setText(text)
        self.summary_label.setVisible(bool(text))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _set_progress_visible(self, visible: bool) -> None:
        for widget in self._progress_widgets:
            widget.setVisible(visible)
        if not visible:
            self.progress_bar.setFormat("%p%")

    def _update_buttons(self) -> None:
        busy = self._job is not None
        imported = self.result_counts is not None
        plan = self.plan
        can_import = (plan is not None and bool(plan.officers) and not busy and not imported
                      and (not plan.problems or self.skip_box.isChecked()))
        self.import_button.setEnabled(can_import)
        if can_import:
            tip = self.tr("Simpan {n} petugas ke database (semua sekaligus).").format(n=_n(len(plan.officers)))
        elif plan is None:
            tip = self.tr("Pilih dulu berkas daftar petugas.")
        elif imported:
            tip = self.tr("Berkas ini sudah diimpor.")
        elif busy:
            tip = self.tr("Tunggu pemeriksaan selesai.")
        elif plan.problems:
            tip = self.tr("{n} baris bermasalah: perbaiki di laporan, lewati barisnya, atau centang "
                          "\"Lewati baris bermasalah\".").format(n=_n(plan.bad_rows))
        else:
            tip = self.tr("Tidak ada baris petugas di berkas ini.")
        self.import_button.setToolTip(tip)
        self.save_report_button.setEnabled(plan is not None and not busy)
        self.skip_rows_button.setEnabled(plan is not None and not busy and not imported
                                         and bool(self._selected_problem_rows()))
        self.fix_hint.setVisible(plan is not None and bool(plan.problems) and not imported)
        self.browse_button.setEnabled(not self._importing and not imported)
        self.skip_box.setEnabled(not busy)
        self.close_button.setEnabled(not self._importing)
        self.done_label.setVisible(bool(self.done_label.text()))

    def done(self, result: int) -> None:
        if self._importing:
            return  # the write is one transaction; let it finish rather than leave the user guessing
        self.cancel_reading()
        if self.result_counts is not None:
            result = QDialog.DialogCode.Accepted
        super().done(result)
