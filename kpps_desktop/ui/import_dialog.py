"""Roster import dialog: pick a spreadsheet, preview and check it, then import it in one go."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar,
    QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from kpps_desktop.core import installation, nik, roster, roster_import, wilayah
from kpps_desktop.core.progress import Progress
from kpps_desktop.ui import i18n
from kpps_desktop.ui.jobs import Job, JobError, JobRunner
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


def _n(count: int) -> str:
    """12201 -> '12.201', as Indonesian readers write it."""
    return _ID.toString(count)


def _table(model: RowsModel, parent: QWidget) -> QTableView:
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
        self.report_model = RowsModel([self.tr("Jenis"), self.tr("Baris"), self.tr("Kolom"), self.tr("Alasan")], self)
        self.preview_view = _table(self.preview_model, self)
        self.report_view = _table(self.report_model, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.preview_view, self.tr("Pratinjau"))
        self.tabs.addTab(self.report_view, self.tr("Laporan pemeriksaan"))

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
                       self.import_button, self.close_button):
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
            inst = self.runner.call(lambda db: installation.get(db))
        except JobError as exc:
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
            self.report_model.set_rows([])
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
        problem, warning = self.tr("Masalah"), self.tr("Peringatan")
        report = [(problem, p.row or "", p.column, p.reason) for p in plan.problems]
        report += [(warning, w.row or "", w.column, w.reason) for w in plan.warnings]
        self.report_model.set_rows(
            report, [_PROBLEM_COLOR] * len(plan.problems) + [_WARNING_COLOR] * len(plan.warnings))
        for view in (self.preview_view, self.report_view):
            view.resizeColumnsToContents()
        bad_rows = plan.bad_rows
        self.tabs.setTabText(0, self.tr("Pratinjau ({n})").format(n=_n(len(plan.officers))))
        self.tabs.setTabText(1, self.tr("Laporan pemeriksaan ({p} masalah, {w} peringatan)").format(
            p=_n(len(plan.problems)), w=_n(len(plan.warnings))))
        summary = self.tr("{ok} baris siap diimpor, {bad} baris bermasalah").format(
            ok=_n(len(plan.officers)), bad=_n(bad_rows))
        if plan.warnings:
            summary += self.tr(", {n} peringatan").format(n=_n(len(plan.warnings)))
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
        except (UserError, OSError) as exc:
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
