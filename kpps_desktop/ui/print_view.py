"""The print screen: ID cards, a lost card again, daftar hadir, roster sheet, calibration; preview, save, print."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTemporaryDir, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton, QRadioButton, QScrollArea,
    QStackedWidget, QVBoxLayout, QWidget,
)

from kpps_desktop.core import installation, roster, sessions, wilayah
from kpps_desktop.core.progress import Progress
from kpps_desktop.core.roster_search import RosterIndex
# The print spec and the reissue live below both front ends; re-exported for callers of this module.
from kpps_desktop.render.printing import (
    REISSUE_REASONS, Preview, PrintSpec, print_document, region_label, render_document, render_preview,
    reissue_spec,
)
from kpps_desktop.ui import i18n, screen
from kpps_desktop.ui.jobs import Job, JobRunner, start_with_progress
# paint_pdf re-exported: the handover receipt prints with it.
from kpps_desktop.ui.printer import paint_pdf, printer_for  # noqa: F401
from kpps_desktop.ui.wilayah_picker import SearchCombo

# Texts marked here are translated where they are shown (PrintView.tr).
KINDS = {
    "kartu": QT_TRANSLATE_NOOP("PrintView", "Kartu petugas"),
    "kartu_ulang": QT_TRANSLATE_NOOP("PrintView", "Cetak ulang satu kartu (kartu hilang)"),
    "daftar_hadir": QT_TRANSLATE_NOOP("PrintView", "Daftar hadir sesi"),
    "daftar_qr": QT_TRANSLATE_NOOP("PrintView", "Daftar petugas dengan kode QR"),
    "kalibrasi": QT_TRANSLATE_NOOP("PrintView", "Halaman kalibrasi printer"),
}
FILE_STEMS = {"kartu": "kartu-petugas", "kartu_ulang": "kartu-ulang", "daftar_hadir": "daftar-hadir",
              "daftar_qr": "daftar-petugas-qr", "kalibrasi": "kalibrasi-printer"}
PAPERS = {"a4": "A4 (210 × 297 mm)", "f4": "F4 (215 × 330 mm)"}
PREVIEW_DELAY_MS = 300
SEARCH_LIMIT = 50
ERROR_STYLE = "background: #fdecea; color: #8c1d18; border: 1px solid #f1b0a9; padding: 6px;"
INFO_STYLE = "background: #e7f4ea; color: #1b5e20; border: 1px solid #a8d5b4; padding: 6px;"


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Indonesian thousands separator


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- the screen ---------------------------------------------------------------------------

class PrintView(QWidget):
    """Choose what to print, for whom and on which paper; see it; save it as PDF or print it."""

    preview_updated = Signal()  # the preview shows a new document or message
    message_shown = Signal(str)  # the text of every message (errors and confirmations)

    def __init__(self, runner: JobRunner, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner, self.db_path = runner, Path(db_path)
        # Reads for the screen are short, through the runner's read-only connection; writes go through its jobs.
        self.inst = runner.read(installation.require)
        self._selected: list[str] = []
        self._index = RosterIndex([])
        self._per_desa: dict[str, int] = {}  # active officers per desa, for the counts shown
        self._tmp = QTemporaryDir()
        self._serial = 0
        self._preview_job: Job | None = None
        self._preview_out: Path | None = None
        self._shown_pdf: Path | None = None
        self._stale = False
        self._preview_interrupted = False
        self._active: tuple[Job, object] | None = None  # the save or print under way
        self.preview: Preview | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._start_preview)
        self._build()
        self.refresh()

    # --- layout ---

    def _build(self) -> None:
        options = QWidget()
        left = self._left = QVBoxLayout(options)
        left.setContentsMargins(0, 0, 6, 0)

        what = QGroupBox(self.tr("Yang dicetak"))
        what_layout = QVBoxLayout(what)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for i, (key, label) in enumerate(KINDS.items()):
            button = QRadioButton(self.tr(label))
            button.setObjectName(f"kind_{key}")
            self.kind_group.addButton(button, i)
            self.kind_buttons[key] = button
            what_layout.addWidget(button)
        self.kind_buttons["kartu"].setChecked(True)
        self.kind_group.idToggled.connect(lambda _id, on: on and self._kind_changed())
        left.addWidget(what)

        calibration = QLabel(self.tr("Satu halaman dengan penggaris 100 mm dan kotak seukuran kartu. Cetak dengan "
                                     "skala 100% (matikan \u201csesuaikan dengan halaman\u201d), lalu ukur hasilnya."))
        calibration.setWordWrap(True)
        calibration_box = QGroupBox(self.tr("Kalibrasi"))
        QVBoxLayout(calibration_box).addWidget(calibration)
        # One box of details per kind of printout; only the chosen kind's box is shown.
        self.detail_boxes = {"kartu": self._scope_page(), "kartu_ulang": self._reprint_page(),
                             "daftar_hadir": self._session_page(), "kalibrasi": calibration_box}
        self.detail_boxes["daftar_qr"] = self.detail_boxes["kartu"]
        for box in dict.fromkeys(self.detail_boxes.values()):
            left.addWidget(box, 1 if box is self.detail_boxes["kartu_ulang"] else 0)
        left.addStretch(1)

        paper_box = QGroupBox(self.tr("Kertas"))
        paper_form = QFormLayout(paper_box)
        self.paper = QComboBox()
        for key, label in PAPERS.items():
            self.paper.addItem(label, key)
        self.paper.currentIndexChanged.connect(self._changed)
        paper_form.addRow(self.tr("Ukuran:"), self.paper)
        self.show_nik = QCheckBox(self.tr("Tampilkan NIK lengkap"))
        self.show_nik.setToolTip(self.tr("Tanpa centang, NIK disamarkan (UU PDP). Berlaku untuk daftar hadir "
                                         "dan daftar petugas."))
        self.show_nik.toggled.connect(self._changed)
        paper_form.addRow(self.show_nik)
        left.insertWidget(1, paper_box)

        scroll = QScrollArea()
        scroll.setWidget(options)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(410)

        right = QVBoxLayout()
        self.preview_label = QLabel()
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setStyleSheet("font-weight: bold;")
        right.addWidget(self.preview_label)
        self.preview_stack = QStackedWidget()
        self.document = QPdfDocument(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.pdf_view.setPageSpacing(12)
        self.pdf_view.setStyleSheet("background: #8a9096;")
        self.preview_message = QLabel()
        self.preview_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_message.setWordWrap(True)
        self.preview_message.setStyleSheet("background: #eef0f2; color: #3c4043; font-size: 11pt; padding: 24px;")
        self.preview_stack.addWidget(self.pdf_view)
        self.preview_stack.addWidget(self.preview_message)
        right.addWidget(self.preview_stack, 1)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        right.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("Simpan PDF…"))
        self.save_button.clicked.connect(self._ask_save)
        self.print_button = QPushButton(self.tr("Cetak…"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self._ask_print)
        for button in (self.save_button, self.print_button):
            button.setMinimumWidth(130)
            buttons.addWidget(button)
        right.addLayout(buttons)

        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(right, 1)

    def _scope_page(self) -> QWidget:
        box = QGroupBox(self.tr("Cakupan"))
        form = QFormLayout(box)
        self.scope_region = QRadioButton(self.tr("Wilayah: {name}").format(name=region_label(self.inst.wilayah)))
        self.scope_region.setChecked(True)
        self.scope_selected = QRadioButton(self.tr("Petugas terpilih"))
        self.scope_selected.setEnabled(False)
        self.scope_selected.setToolTip(self.tr("Pilih petugas di layar daftar petugas, lalu pilih cetak kartu."))
        self.scope_region.toggled.connect(self._changed)
        form.addRow(self.scope_region)
        level = wilayah.level_of(self.inst.wilayah)
        self.kecamatan = SearchCombo()
        self.kecamatan.setObjectName("kecamatan")
        self.desa = SearchCombo()
        self.desa.setObjectName("desa")
        form.addRow(self.tr("Kecamatan:"), self.kecamatan)
        form.addRow(self.tr("Desa/Kel.:"), self.desa)
        # Only levels below the installation's own can be narrowed down.
        form.setRowVisible(self.kecamatan, level == "kabupaten")
        form.setRowVisible(self.desa, level in ("kabupaten", "kecamatan"))
        self.kecamatan.currentIndexChanged.connect(self._kecamatan_changed)
        self.desa.currentIndexChanged.connect(self._changed)
        form.addRow(self.scope_selected)
        self.scope_count = QLabel()
        self.scope_count.setStyleSheet("color: palette(dark);")
        form.addRow(self.scope_count)
        return box

    def _reprint_page(self) -> QWidget:
        box = QGroupBox(self.tr("Cetak ulang satu kartu"))
        layout = QVBoxLayout(box)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Cari nama, NIK, atau nomor TPS…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.setMinimumHeight(150)
        self.results.setAlternatingRowColors(True)
        self.results.currentItemChanged.connect(self._changed)
        layout.addWidget(self.results, 1)
        self.reissue = QCheckBox(self.tr("Terbitkan kode baru (kode lama dicabut)"))
        self.reissue.setToolTip(self.tr("Untuk kartu yang hilang: kartu lama tidak dapat dipakai presensi lagi."))
        self.reissue.toggled.connect(self._reissue_toggled)
        layout.addWidget(self.reissue)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("Alasan:")))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(REISSUE_REASONS)
        self.reason.setEnabled(False)
        reason_row.addWidget(self.reason, 1)
        layout.addLayout(reason_row)
        return box

    def _session_page(self) -> QWidget:
        box = QGroupBox(self.tr("Sesi"))
        layout = QVBoxLayout(box)
        self.session = SearchCombo()
        self.session.lineEdit().setPlaceholderText(self.tr("Pilih atau cari sesi…"))
        self.session.currentIndexChanged.connect(self._changed)
        self.session.editTextChanged.connect(self._changed)
        layout.addWidget(self.session)
        hint = QLabel(self.tr("Jam hadir dan status diisi dari catatan presensi sesi ini; sesi yang belum "
                              "berjalan menghasilkan formulir kosong untuk ditandatangani."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(dark);")
        layout.addWidget(hint)
        return box

    # --- data ---

    def refresh(self) -> None:
        """Re-read officers and sessions, keeping the choices made; schedules a new preview."""
        self._stale = False
        rows = [r for r in self.runner.read(roster.list_officers, within=self.inst.wilayah) if r["status"] == "aktif"]
        self._index = RosterIndex(rows)
        self._per_desa = {}
        for r in rows:
            self._per_desa[r["desa"]] = self._per_desa.get(r["desa"], 0) + 1
        kecamatan = self.kecamatan.currentData()
        self.kecamatan.blockSignals(True)
        self.kecamatan.clear()
        self.kecamatan.addItem(self.tr("Semua kecamatan"), None)
        if wilayah.level_of(self.inst.wilayah) == "kabupaten":
            for kec in wilayah.children(self.inst.wilayah):
                n = sum(c for d, c in self._per_desa.items() if d.startswith(kec.kode + "."))
                self.kecamatan.addItem(f"{kec.nama} ({n})", kec.kode)
        self.kecamatan.setCurrentIndex(max(0, self.kecamatan.findData(kecamatan)))
        self.kecamatan.blockSignals(False)
        self._fill_desa()

        chosen = self.session.selected_code()
        self.session.blockSignals(True)
        self.session.clear()
        for s in self.runner.read(sessions.list_sessions):
            waktu = f" {s.start_time}" if s.start_time else ""
            self.session.addItem(f"{s.date}{waktu} · {s.title}", s.id)
        self.session.setCurrentIndex(self.session.findData(chosen) if chosen else 0)
        self.session.blockSignals(False)
        self._search_changed()
        self._kind_changed()

    def _fill_desa(self) -> None:
        level = wilayah.level_of(self.inst.wilayah)
        parent = self.kecamatan.currentData() if level == "kabupaten" else self.inst.wilayah
        chosen = self.desa.currentData()
        self.desa.blockSignals(True)
        self.desa.clear()
        self.desa.addItem(self.tr("Semua desa/kelurahan"), None)
        if parent and level != "desa":
            for desa in wilayah.children(parent):
                self.desa.addItem(f"{desa.nama} ({self._per_desa.get(desa.kode, 0)})", desa.kode)
        self.desa.setCurrentIndex(max(0, self.desa.findData(chosen)))
        self.desa.setEnabled(bool(parent))
        self.desa.blockSignals(False)

    def _kecamatan_changed(self) -> None:
        self._fill_desa()
        self._changed()

    def _search_changed(self) -> None:
        chosen = self._reprint_id()
        self.results.blockSignals(True)
        self.results.clear()
        for pos in self._index.filter(self.search.text())[:SEARCH_LIMIT]:
            r = self._index.rows[pos]
            text = (f"{r['nama']}\n{i18n.core(roster.JABATAN_LABELS.get(r['jabatan'], r['jabatan']))} · "
                    f"{roster.tps_label(r['tps'], r['tps_label'])} · {wilayah.name(r['desa'])}")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r["id"])
            self.results.addItem(item)
            if r["id"] == chosen:
                self.results.setCurrentItem(item)
        self.results.blockSignals(False)
        self._changed()

    def _reprint_id(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    # --- state ---

    def kind(self) -> str:
        return list(KINDS)[self.kind_group.checkedId()]

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def set_paper(self, paper: str) -> None:
        self.paper.setCurrentIndex(self.paper.findData(paper.lower()))

    def set_scope(self, kode: str | None) -> bool:
        """Choose a region within the installation (None: all of it); False when not offered."""
        self.scope_region.setChecked(True)
        if kode is None or kode == self.inst.wilayah:
            self.kecamatan.setCurrentIndex(0)
            self.desa.setCurrentIndex(0)
            return True
        kec = kode if wilayah.level_of(kode) == "kecamatan" else wilayah.parent_code(kode)
        if wilayah.level_of(self.inst.wilayah) == "kabupaten":
            index = self.kecamatan.findData(kec)
            if index < 0:
                return False
            self.kecamatan.setCurrentIndex(index)
        index = self.desa.findData(kode) if wilayah.level_of(kode) == "desa" else 0
        if index < 0:
            return False
        self.desa.setCurrentIndex(index)
        return True

    def set_session(self, session_id: str) -> bool:
        index = self.session.findData(session_id)
        self.session.setCurrentIndex(index)
        return index >= 0

    def choose_officer(self, officer_id: str) -> bool:
        """Pick an officer in the search results (what a click does); False when not listed."""
        for i in range(self.results.count()):
            if self.results.item(i).data(Qt.ItemDataRole.UserRole) == officer_id:
                self.results.setCurrentRow(i)
                return True
        return False

    def select_officers(self, ids: list[str]) -> None:
        """Print cards for officers picked elsewhere (the roster screen's selection)."""
        self._selected = list(dict.fromkeys(ids))
        self.scope_selected.setText(self.tr("Petugas terpilih ({n})").format(n=len(self._selected)))
        self.scope_selected.setEnabled(bool(self._selected))
        self.set_kind("kartu")
        if self._selected:
            self.scope_selected.setChecked(True)
        else:
            self.scope_region.setChecked(True)
        self._changed()

    def _within(self) -> str:
        return self.desa.currentData() or self.kecamatan.currentData() or self.inst.wilayah

    def spec(self) -> PrintSpec:
        """The printout chosen on screen; ValueError with a message for the user if incomplete."""
        kind, paper = self.kind(), self.paper.currentData()
        if kind == "kalibrasi":
            return PrintSpec(kind, paper)
        if kind == "daftar_hadir":
            session_id = self.session.selected_code()
            if not session_id:
                raise ValueError(self.tr("Pilih sesi yang daftar hadirnya akan dicetak."))
            return PrintSpec(kind, paper, session_id=session_id, show_nik=self.show_nik.isChecked())
        if kind == "kartu_ulang":
            officer_id = self._reprint_id()
            if not officer_id:
                raise ValueError(self.tr("Cari lalu pilih petugas yang kartunya akan dicetak ulang."))
            if self.reissue.isChecked():
                return reissue_spec((officer_id,), self.reason.currentText(), paper)
            return PrintSpec(kind, paper, officer_ids=(officer_id,))
        if kind == "kartu" and self.scope_selected.isChecked():
            return PrintSpec(kind, paper, officer_ids=tuple(self._selected))
        return PrintSpec(kind, paper, within=self._within(), show_nik=self.show_nik.isChecked())

    def _kind_changed(self) -> None:
        kind = self.kind()
        shown = self.detail_boxes[kind]
        for box in self.detail_boxes.values():
            box.setVisible(box is shown)
        # The search list takes the spare height; every other box keeps its natural size.
        self._left.setStretch(self._left.count() - 1, 0 if kind == "kartu_ulang" else 1)
        # The roster sheet lists a region; only cards take a hand-picked set of officers.
        self.scope_selected.setVisible(kind == "kartu")
        if kind != "kartu" and self.scope_selected.isChecked():
            self.scope_region.setChecked(True)
        self.show_nik.setEnabled(kind in ("daftar_hadir", "daftar_qr"))
        self._changed()

    def _reissue_toggled(self, on: bool) -> None:
        self.reason.setEnabled(on)
        self._changed()

    def _changed(self) -> None:
        self.message.hide()  # a message is about the choices it was given for
        self.kecamatan.setEnabled(self.scope_region.isChecked())
        self.desa.setEnabled(self.scope_region.isChecked() and self.desa.count() > 1)
        if self.kind() in ("kartu", "daftar_qr"):
            if self.scope_selected.isChecked():
                n = len(self._selected)
            else:
                within = self._within()
                n = sum(c for d, c in self._per_desa.items() if wilayah.is_within(d, within))
            self.scope_count.setText(self.tr("{n} petugas aktif").format(n=_number(n)))
        self._timer.start()  # debounced: a burst of changes renders once

    # --- preview ---

    def _start_preview(self) -> None:
        if self._preview_job is not None and not self._preview_job.done:
            self._preview_job.cancel()  # stale: its result would be thrown away
        try:
            spec = self.spec()
        except ValueError as exc:
            self._show_preview_message(str(exc))
            return
        self._serial += 1
        out = Path(self._tmp.path()) / f"pratinjau-{self._serial}.pdf"
        self._preview_out = out
        self.preview_label.setText(self.tr("Menyiapkan pratinjau…"))
        job = self.runner.submit(render_preview, spec, out, progress=Progress())
        job.finished.connect(self._preview_finished)
        job.failed.connect(self._preview_failed)
        self._preview_job = job

    def _preview_finished(self, preview: Preview) -> None:
        if preview.out != self._preview_out:
            preview.out.unlink(missing_ok=True)  # an older preview finished after a newer was asked
            return
        if not preview.pages:
            self._show_preview_message(preview.message)
            return
        self.preview = preview
        self.document.load(str(preview.out))
        if self._shown_pdf is not None and self._shown_pdf != preview.out:
            self._shown_pdf.unlink(missing_ok=True)
        self._shown_pdf = preview.out
        self.preview_label.setText(self._preview_caption(preview))
        self.preview_stack.setCurrentWidget(self.pdf_view)
        self.preview_updated.emit()

    def _preview_failed(self, message: str) -> None:
        if self.sender() is self._preview_job:
            self._show_preview_message(message)

    def _show_preview_message(self, text: str) -> None:
        self.preview = None
        self.preview_label.setText(self.tr("Pratinjau"))
        self.preview_message.setText(text)
        self.preview_stack.setCurrentWidget(self.preview_message)
        self.preview_updated.emit()

    def _preview_caption(self, preview: Preview) -> str:
        kind, paper = self.kind(), self.paper.currentData().upper()
        if kind == "kalibrasi":
            return self.tr("Pratinjau: halaman kalibrasi · kertas {paper}").format(paper=paper)
        if preview.per_page:
            text = self.tr("Pratinjau lembar 1 dari {pages} · {count} kartu · {per_page} kartu per lembar {paper}")
            text = text.format(pages=_number(preview.pages), count=_number(preview.count),
                               per_page=preview.per_page, paper=paper)
            if kind == "kartu_ulang" and self.reissue.isChecked():
                text += " · " + self.tr("kode baru diterbitkan saat disimpan/dicetak")
            return text
        return self.tr("Pratinjau: {pages} halaman {paper} · {count} petugas").format(
            pages=_number(preview.pages), paper=paper, count=_number(preview.count))

    def preview_pages(self) -> int:
        """Pages in the preview now shown (0 while it shows a message)."""
        if self.preview_stack.currentWidget() is not self.pdf_view:
            return 0
        return self.document.pageCount()

    # --- save and print ---

    def _show_message(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.show()
        self.message_shown.emit(text)

    def _ready_spec(self) -> PrintSpec | None:
        try:
            spec = self.spec()
        except ValueError as exc:
            self._show_message(str(exc), error=True)
            return None
        # The user waits for the save, not behind a preview; the preview resumes afterwards.
        self._preview_interrupted = self._timer.isActive() or (
            self._preview_job is not None and not self._preview_job.done)
        self._timer.stop()
        if self._preview_job is not None:
            self._preview_job.cancel()
        return spec

    def _start(self, title: str, spec: PrintSpec, fn, target, done, canceled: str) -> Job:
        """Start the whole document's job behind progress and Batal; the message shows when it ends.

        Save and print wait for it without a nested event loop: the buttons are off until then."""
        for button in (self.save_button, self.print_button):
            button.setEnabled(False)
        job = start_with_progress(self, self.runner, title, fn, spec, target)
        self._active = (job, target)  # a QPrinter must outlive the job that draws on it

        def ended() -> None:
            self._active = None
            for button in (self.save_button, self.print_button):
                button.setEnabled(True)
            if self._preview_interrupted or spec.reissue_reason:
                self._timer.start()  # and after a reissue the card shows its new code

        def finished(result: int) -> None:
            text = done(result)
            if spec.reissue_reason:
                text += " " + self.tr("Kode lama dicabut; kartu lama tidak berlaku lagi.")
                self.reissue.setChecked(False)  # a second print must not revoke the new card
            self._show_message(text, error=False)
            ended()

        def failed(message: str) -> None:
            self._show_message(message or self.tr("Gagal."), error=True)
            ended()

        def was_canceled() -> None:
            self._show_message(canceled, error=False)
            ended()

        return job.success(finished).failure(failed).on_cancel(was_canceled)

    def save_pdf(self, path: Path | str) -> Job | None:
        """Start writing the whole document to `path` with progress and Batal; returns the job
        (None, with the reason shown, when the choices are incomplete)."""
        spec = self._ready_spec()
        if spec is None:
            return None
        path = Path(path)

        def done(count: int) -> str:
            if spec.kind == "kalibrasi":
                what = self.tr("halaman kalibrasi")
            elif spec.kind.startswith("kartu"):
                what = self.tr("{n} kartu").format(n=_number(count or 0))
            else:
                what = self.tr("{n} petugas").format(n=_number(count or 0))
            return self.tr("Tersimpan: {path} ({what}).").format(path=path, what=what)

        return self._start(self.tr("Menyimpan PDF…"), spec, render_document, path, done,
                           self.tr("Dibatalkan; tidak ada berkas yang disimpan."))

    def print_to(self, printer: QPrinter) -> Job | None:
        """Start rendering the whole document onto `printer` at actual size; returns the job (None, with
        the reason shown, when the choices are incomplete)."""
        spec = self._ready_spec()
        if spec is None:
            return None
        self._serial += 1
        return self._start(self.tr("Mencetak…"), spec, print_document, printer,
                           lambda pages: self.tr("Dikirim ke printer: {n} halaman.").format(n=_number(pages or 0)),
                           self.tr("Pencetakan dibatalkan."))

    def default_file_name(self) -> str:
        spec_kind = self.kind()
        where = ""
        if spec_kind in ("kartu", "daftar_qr") and not self.scope_selected.isChecked():
            where = wilayah.name(self._within())
        elif spec_kind == "daftar_hadir":
            where = self.session.currentText().split("·")[-1]
        parts = [FILE_STEMS[spec_kind], _slug(where), self.paper.currentData()]
        return "-".join(p for p in parts if p) + ".pdf"

    def _ask_save(self) -> None:
        path = screen.ask_save_path(self, self.tr("Simpan PDF"), self.default_file_name(),
                                    self.tr("Dokumen PDF (*.pdf)"), ".pdf")
        if path:
            self.save_pdf(path)

    def _ask_print(self) -> None:
        try:
            self.spec()
        except ValueError as exc:
            self._show_message(str(exc), error=True)
            return
        printer = printer_for(self.paper.currentData())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()  # the roster or the sessions may have changed on another screen

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._stale = True

    def shutdown(self) -> None:
        """Stop the preview and close the reading connection (the window is closing)."""
        self._timer.stop()
        if self._preview_job is not None and not self._preview_job.done:
            self._preview_job.cancel()
        self.document.close()
