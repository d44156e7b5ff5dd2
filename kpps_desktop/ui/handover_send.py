"""The handover screen's Kirim tab: choose a stick or folder, write and verify a .kpps file, show its receipt."""

from __future__ import annotations

import datetime as _dt
import errno
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import sqlite_utils
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kpps_desktop.core import crypt, drives, exchange, installation, wilayah, winfs
from kpps_desktop.core.errors import UserError
from kpps_desktop.core.progress import Progress
from kpps_desktop.ui.jobs import Job, JobRunner, start_with_progress
from kpps_desktop.ui.receipt_preview import ReceiptPreview
from kpps_desktop.ui.wilayah_picker import SearchCombo

if TYPE_CHECKING:
    from kpps_desktop.ui.handover_view import State

# Why the system's temporary folder refused the on-screen berita acara, in Indonesian (strerror is the OS's language).
TEMP_REASONS = {errno.ENOENT: "folder itu tidak ada", errno.EACCES: "tidak ada izin menulis",
                errno.EPERM: "tidak ada izin menulis", errno.ENOSPC: "diska penuh", errno.EROFS: "hanya-baca"}
BELOW = {"kabupaten": ("kecamatan", "desa"), "kecamatan": ("desa",), "desa": ()}
CAUTION_STYLE = "QLabel { background: #fff1d6; color: #5f3b00; padding: 6px; border: 1px solid #e0a800; }"
OK_STYLE = "QLabel { background: #e3f4e1; color: #1e4620; padding: 6px; border: 1px solid #7cb87a; }"


def default_file_name(role: str, scope: str, now: _dt.datetime) -> str:
    return f"presensi-{role}-{scope}-{now:%Y%m%d-%H%M}{exchange.SUFFIX}"


def _receipt_job(db: sqlite_utils.Database, result: exchange.ExportResult, path: Path, sender_wilayah: str,
                 progress: Progress | None = None) -> Path:
    from kpps_desktop.render import receipt  # QtGui drawing: loaded when first needed

    return receipt.receipt_pdf(result, path, sender_wilayah=sender_wilayah, db=db)


def _receipt_preview_job(db: sqlite_utils.Database, result: exchange.ExportResult, sender_wilayah: str,
                         progress: Progress | None = None) -> bytes:
    """The berita acara's PDF as bytes, for the screen: drawn by the same function as the saved and
    printed one, in a temporary folder that is gone when this returns."""
    try:
        tmp = tempfile.TemporaryDirectory(prefix="kpps-berita-acara-")
    except OSError as exc:
        reason = TEMP_REASONS.get(exc.errno, exc.strerror or str(exc))
        raise UserError(f"Folder sementara {tempfile.gettempdir()} tidak dapat dipakai ({reason}).") from exc
    with tmp:
        return _receipt_job(db, result, Path(tmp.name) / "berita-acara.pdf", sender_wilayah).read_bytes()


class SendPage(QWidget):
    """Destination, what to send, and the berita acara of the file written; writes through the runner.

    While a file or its receipt is being written, the buttons that would start another are off:
    the drive poll may still change the list, but cannot start or re-enable anything."""

    exported = Signal(object)  # exchange.ExportResult
    receipt_shown = Signal(int)  # the berita acara is on screen: its page count
    receipt_unavailable = Signal(str)  # the file is written, but its berita acara could not be shown
    receipt_saved = Signal(object)  # the berita acara's PDF (Path)
    printed = Signal(int)  # pages sent to the printer
    failed = Signal(str)

    def __init__(self, runner: JobRunner, drive_source: Callable[[], list[drives.Drive]],
                 clock: Callable[[], _dt.datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self.runner, self.drive_source, self.clock = runner, drive_source, clock
        self.state: State | None = None
        self.result: exchange.ExportResult | None = None
        self.job: Job | None = None  # the export or receipt under way
        self.preview_job: Job | None = None  # the on-screen berita acara being drawn (buttons stay on)
        self.drives: list[drives.Drive] = []
        self._custom: Path | None = None  # a folder picked by hand, listed after the drives
        self._listed: tuple | None = None
        self._suggested = ""  # the last file name offered; a different text is the user's own
        self._build()

    @property
    def inst(self) -> installation.Installation | None:
        return self.state.inst if self.state is not None else None

    def _build(self) -> None:
        dest = QGroupBox(self.tr("1. Tujuan: flashdisk atau folder"))
        self.drive_list = QListWidget()
        self.drive_list.setMinimumHeight(110)
        self.drive_list.currentRowChanged.connect(lambda _: self._destination_changed())
        self.refresh_button = QPushButton(self.tr("Segarkan daftar"))
        self.refresh_button.clicked.connect(self.refresh_drives)
        self.folder_button = QPushButton(self.tr("Pilih folder lain…"))
        self.folder_button.clicked.connect(self._ask_folder)
        self.no_drive = QLabel(self.tr("Tidak ada flashdisk terdeteksi. Colokkan flashdisk, tunggu sebentar, "
                                       "atau pilih folder lain."))
        self.no_drive.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        v = QVBoxLayout(dest)
        v.addWidget(self.drive_list)
        v.addWidget(self.no_drive)
        v.addLayout(buttons)

        what = QGroupBox(self.tr("2. Isi berkas"))
        self.scope = SearchCombo()
        self.scope.setMinimumWidth(320)
        self.scope.currentIndexChanged.connect(lambda _: self._scope_changed())
        self.encryption = QComboBox()
        self.encryption.currentIndexChanged.connect(lambda _: self._update_encryption_note())
        self.encryption_note = QLabel()
        self.encryption_note.setWordWrap(True)
        self.file_name = QLineEdit()
        self.setup_box = QCheckBox(self.tr("Berkas penyiapan untuk kantor wilayah ini"))
        self.setup_box.setToolTip(self.tr(
            "Untuk kantor di bawah yang baru memasang aplikasi: peran, wilayah, daftar petugas, pengaturan, dan "
            "kunci kantor ini. Dibuka di sana dengan \"Buka berkas dari PPK/KPU\"."))
        self.setup_box.toggled.connect(lambda _: self._update_encryption_note())
        form = QFormLayout(what)
        form.addRow(self.tr("Wilayah:"), self.scope)
        form.addRow("", self.setup_box)
        form.addRow(self.tr("Enkripsi:"), self.encryption)
        form.addRow("", self.encryption_note)
        form.addRow(self.tr("Nama berkas:"), self.file_name)
        self.what = what

        self.send_button = QPushButton(self.tr("Kirim ke tujuan"))
        self.send_button.setDefault(True)
        font = self.send_button.font()
        font.setBold(True)
        self.send_button.setFont(font)
        self.send_button.setMinimumHeight(36)
        self.send_button.clicked.connect(self.export_now)
        self.destination_label = QLabel()
        self.destination_label.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(dest, 1)
        left.addWidget(what)
        left.addWidget(self.destination_label)
        left.addWidget(self.send_button)

        box = QGroupBox(self.tr("3. Berita acara serah terima"))
        self.receipt_banner = QLabel()
        self.receipt_banner.setWordWrap(True)
        self.receipt_banner.hide()
        # The code the receiving office compares, large: read out or checked against the paper.
        self.code_caption = QLabel(self.tr("Kode verifikasi:"))
        self.verification_code = QLabel()
        self.verification_code.setObjectName("verification_code")
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(max(self.font().pointSize(), 9) + 7)
        font.setBold(True)
        self.verification_code.setFont(font)
        self.verification_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_caption)
        code_row.addWidget(self.verification_code, 1)
        self.code_caption.hide()
        self.verification_code.hide()
        # The form itself: the PDF that prints, rendered through the runner after the file is verified.
        self.receipt_view = ReceiptPreview()
        self.receipt_view.show_message(self.tr("Berita acara muncul di sini setelah berkas ditulis dan diperiksa."))
        self.print_button = QPushButton(self.tr("Cetak berita acara…"))
        self.print_button.clicked.connect(self._ask_print)
        self.pdf_button = QPushButton(self.tr("Simpan PDF…"))
        self.pdf_button.clicked.connect(self._ask_pdf)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        zoom_hint = QLabel(self.tr("Ctrl++ / Ctrl+− memperbesar / memperkecil, Ctrl+0 selebar panel"))
        zoom_hint.setStyleSheet("color: palette(dark);")
        row.addWidget(zoom_hint)
        v = QVBoxLayout(box)
        v.addWidget(self.receipt_banner)
        v.addLayout(code_row)
        v.addWidget(self.receipt_view, 1)
        v.addLayout(row)
        self._set_receipt_enabled(False)

        h = QHBoxLayout(self)
        h.addLayout(left, 5)
        h.addWidget(box, 6)

    # --- what the database says -------------------------------------------------------------

    def set_state(self, state: State) -> None:
        self.state = state
        self._destination_changed()
        if state.inst is None:
            self.destination_label.setText(self.tr("Atur dulu peran dan wilayah instalasi ini."))
        else:
            self._fill_scopes(state.inst)

    def _fill_scopes(self, inst: installation.Installation) -> None:
        """The installation's region (default), and for a PPK/KPU each region below it (a roster going down)."""
        current = self.scope_code() or inst.wilayah
        regions = [wilayah.get(inst.wilayah)]
        for level in BELOW[wilayah.level_of(inst.wilayah)]:
            regions += wilayah.descendants(inst.wilayah, level)
        self.scope.blockSignals(True)
        self.scope.clear()
        for w in regions:
            label = w.nama if w.kode != inst.wilayah else self.tr("{nama} (seluruh wilayah instalasi)").format(nama=w.nama)
            if w.level == "desa" and inst.role != "ppk":
                label = f"{w.nama}, Kec. {wilayah.name(w.kode[:8])}"
            self.scope.addItem(f"{w.kode} · {label}", w.kode)
        index = self.scope.findData(current)
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)
        self.scope.setEnabled(len(regions) > 1)
        self._scope_changed()

    def scope_code(self) -> str | None:
        return self.scope.itemData(self.scope.currentIndex()) if self.scope.currentIndex() >= 0 else None

    def set_scope(self, kode: str) -> bool:
        index = self.scope.findData(kode)
        if index >= 0:
            self.scope.setCurrentIndex(index)
        return index >= 0

    def _scope_changed(self) -> None:
        inst = self.inst
        if inst is None:
            return
        scope = self.scope_code() or inst.wilayah
        self.encryption.blockSignals(True)
        self.encryption.clear()
        for r in self.state.recipients:
            self.encryption.addItem(self.tr("Enkripsi untuk {office} (sidik jari {fp})").format(
                office=r.label, fp=r.fingerprint), r)
        self.encryption.addItem(self.tr("Tanpa enkripsi"), None)
        going_up = scope == inst.wilayah
        default = self.state.default_recipient if going_up else None
        index = next((i for i, r in enumerate(self.state.recipients) if default and r.device_id == default.device_id),
                     len(self.state.recipients))
        self.encryption.setCurrentIndex(index)
        self.encryption.blockSignals(False)
        from kpps_desktop.core.exchange import provisioning

        can_setup = provisioning.can_make(inst, scope)
        self.setup_box.setEnabled(can_setup)
        if not can_setup:
            self.setup_box.setChecked(False)
        self._update_encryption_note()
        self._suggest_name()

    def _suggest_name(self) -> None:
        """Offer presensi-<role>-<kode>-<time>.kpps unless the user typed a name of their own."""
        inst = self.inst
        if inst is None or self.file_name.text().strip() not in ("", self._suggested):
            return
        self._suggested = default_file_name(inst.role, self.scope_code() or inst.wilayah, self.clock())
        self.file_name.setText(self._suggested)

    def recipient(self) -> crypt.Recipient | None:
        return self.encryption.currentData()

    def _update_encryption_note(self) -> None:
        inst = self.inst
        if inst is None:
            return
        r = self.recipient()
        if r is not None:
            self.encryption_note.setStyleSheet(OK_STYLE)
            self.encryption_note.setText(self.tr(
                "Berkas dienkripsi: hanya {office} yang dapat membukanya. Flashdisk yang hilang tidak "
                "membocorkan data.").format(office=r.label))
            return
        self.encryption_note.setStyleSheet(CAUTION_STYLE)
        if (self.scope_code() or inst.wilayah) != inst.wilayah:
            why = self.tr("Berkas untuk wilayah di bawah (daftar petugas ke desa) dikirim tanpa enkripsi; "
                          "berkas ini juga membawa kunci kantor ini untuk berkas balasannya.")
        elif not self.state.recipients and inst.role != "kpu":
            why = self.tr("Kunci enkripsi kantor di atas belum diketahui: kunci itu datang bersama berkas "
                          "penyiapan dari PPK/KPU, atau lewat kode berita acara.")
        else:
            why = ""
        self.encryption_note.setText(self.tr(
            "Berkas ini TIDAK terenkripsi: siapa pun yang menemukan flashdisk dapat membaca data pribadi "
            "di dalamnya (nama, NIK, alamat).") + (" " + why if why else ""))

    # --- destination -------------------------------------------------------------------------

    def refresh_drives(self) -> None:
        """Look for sticks now (the Segarkan button; the timer's looks go through the poller)."""
        try:
            found = self.drive_source()
        except OSError:
            found = []
        self.show_drives(found)

    def show_drives(self, found: list[drives.Drive]) -> None:
        if (found, self._custom) == self._listed:
            return  # unchanged: keep the user's selection and scroll position
        self.drives, self._listed = found, (found, self._custom)
        chosen = self.destination()
        self.drive_list.blockSignals(True)
        self.drive_list.clear()
        for d in found:
            item = QListWidgetItem(d.text)
            item.setData(Qt.ItemDataRole.UserRole, str(d.path))
            self.drive_list.addItem(item)
        if self._custom is not None:
            item = QListWidgetItem(self.tr("Folder: {path}").format(path=self._custom))
            item.setData(Qt.ItemDataRole.UserRole, str(self._custom))
            self.drive_list.addItem(item)
        paths = [Path(self.drive_list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.drive_list.count())]
        if chosen in paths:
            self.drive_list.setCurrentRow(paths.index(chosen))
        elif self.drive_list.count():
            self.drive_list.setCurrentRow(0)
        self.drive_list.blockSignals(False)
        self.no_drive.setVisible(not found)
        self._destination_changed()

    def destination(self) -> Path | None:
        item = self.drive_list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def set_destination(self, folder: Path | str) -> None:
        """Choose a folder that is not a detected drive (the "Pilih folder lain…" path)."""
        self._custom = Path(folder)
        self.refresh_drives()
        self.drive_list.setCurrentRow(self.drive_list.count() - 1)

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Pilih folder tujuan"),
                                                  str(self._custom or Path.home()))
        if folder:
            self.set_destination(folder)

    def _destination_changed(self) -> None:
        dest = self.destination()
        self.send_button.setEnabled(dest is not None and self.inst is not None and self.job is None)
        self.destination_label.setText(self.tr("Berkas akan ditulis ke: {path}").format(path=dest) if dest else
                                       self.tr("Pilih flashdisk atau folder tujuan."))
        self.send_button.setToolTip(self.destination_label.text())

    # --- jobs --------------------------------------------------------------------------------

    def _run(self, title: str, fn: Callable, *args, **kwargs) -> Job:
        """One job at a time from this page, behind a progress dialog; the buttons are off until it ends."""
        job = self.job = start_with_progress(self, self.runner, title, fn, *args, **kwargs)
        self._set_busy(True)
        return job.always(self._idle).failure(self.failed.emit)  # idle first: the caller's callbacks see it

    def _idle(self) -> None:
        self.job = None
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.refresh_button, self.folder_button, self.what):
            widget.setEnabled(not busy)
        self._destination_changed()
        self._set_receipt_enabled(self.result is not None and not busy)

    def export_now(self) -> Job | None:
        """Write, read back and verify the file (in the runner, with Batal), then show the receipt.
        Returns the job at once (None when refused before it starts); `exported` says when it is done."""
        dest, inst = self.destination(), self.inst
        if dest is None or inst is None or self.job is not None:
            return None
        self._suggest_name()  # the suggested name carries the time of sending, not of opening the screen
        name = self.file_name.text().strip()
        if Path(name).name != name:
            self.failed.emit(self.tr("Nama berkas tidak boleh memuat garis miring."))
            return None
        if problem := winfs.name_problem(name):  # CON, 'rekap:1', a trailing dot: Windows refuses or hides them
            self.failed.emit(problem)
            return None
        if not dest.is_dir():
            self.failed.emit(self.tr("Tujuan {path} tidak ada lagi (flashdisk dicabut?). Colokkan lagi atau "
                                     "pilih tujuan lain.").format(path=dest))
            self.refresh_drives()
            return None
        if self.setup_box.isChecked():
            from kpps_desktop.core.exchange import provisioning

            job = self._run(self.tr("Menulis berkas penyiapan…"), provisioning.make, dest / name, self.scope_code())
        else:
            job = self._run(self.tr("Menulis berkas serah terima…"), exchange.export,
                            dest / name, self.scope_code(), encrypt=self.recipient() or False)

        def written(result: exchange.ExportResult) -> None:
            self.show_receipt(result)
            self.refresh_drives()
            self.exported.emit(result)

        return job.success(written)

    def show_receipt(self, result: exchange.ExportResult) -> None:
        """The banner and the code at once; the form itself once the runner has drawn it (receipt_shown)."""
        self.result = result
        if result.encrypted_for is None:
            self.receipt_banner.setStyleSheet(CAUTION_STYLE)
            self.receipt_banner.setText(self.tr(
                "Berkas {name} ditulis dan diperiksa, tetapi TIDAK terenkripsi. Simpan flashdisk baik-baik "
                "dan hapus berkasnya setelah diterima.").format(name=result.path.name))
        else:
            self.receipt_banner.setStyleSheet(OK_STYLE)
            self.receipt_banner.setText(self.tr(
                "Berkas {name} ditulis, dibaca ulang, dan diperiksa. Terenkripsi untuk {office}.").format(
                name=result.path.name, office=result.encrypted_for.label))
        self.receipt_banner.show()
        self.verification_code.setText(result.fingerprint)
        self.code_caption.show()
        self.verification_code.show()
        self._set_receipt_enabled(True)
        self.receipt_view.show_message(self.tr("Menyiapkan berita acara…"))
        if self.inst is None:
            return
        job = self.preview_job = self.runner.submit(_receipt_preview_job, result, self.inst.wilayah)
        job.success(lambda data: self._preview_ready(job, data)).failure(lambda why: self._preview_failed(job, why))

    def _preview_ready(self, job: Job, data: bytes) -> None:
        if job is not self.preview_job:
            return  # a newer file was sent meanwhile: its own form follows
        self.preview_job = None
        if self.receipt_view.show_pdf(data):
            self.receipt_shown.emit(self.receipt_view.document.pageCount())
        else:
            self._no_preview(self.tr("PDF berita acara tidak terbaca."))

    def _preview_failed(self, job: Job, message: str) -> None:
        if job is self.preview_job:
            self.preview_job = None
            self._no_preview(message)

    def _no_preview(self, reason: str) -> None:
        """Say why there is no form; the file, its banner, its code and the buttons stay as they are."""
        text = self.tr("Berita acara tidak dapat ditampilkan: {reason}\n\nBerkas {name} sudah ditulis dan "
                       "diperiksa; kode verifikasinya ada di atas. Coba \"Simpan PDF…\" atau \"Cetak berita "
                       "acara…\".").format(reason=reason, name=self.result.path.name)
        self.receipt_view.show_message(text)
        self.receipt_unavailable.emit(text)

    def _set_receipt_enabled(self, on: bool) -> None:
        self.print_button.setEnabled(on)
        self.pdf_button.setEnabled(on)
        why = "" if on or self.result is not None else self.tr("Berita acara ada setelah berkas dikirim dan diperiksa.")
        self.print_button.setToolTip(why)
        self.pdf_button.setToolTip(why)

    def save_receipt_pdf(self, path: Path | str) -> Job | None:
        """The berita acara as PDF (render/receipt.py), drawn on the worker like the other PDFs;
        `receipt_saved` carries its path when it is written."""
        if self.result is None or self.inst is None or self.job is not None:
            return None
        job = self._run(self.tr("Menyimpan PDF…"), _receipt_job, self.result, Path(path), self.inst.wilayah)
        return job.success(self.receipt_saved.emit)

    def _ask_pdf(self) -> None:
        if self.result is None:
            return
        suggested = self.result.path.parent / f"berita-acara-{self.result.path.stem}.pdf"
        if not self.result.path.parent.is_dir():
            suggested = Path.home() / suggested.name
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan berita acara"), str(suggested),
                                              self.tr("PDF (*.pdf)"))
        if path:
            self.save_receipt_pdf(Path(path).with_suffix(".pdf"))

    def print_receipt(self, printer) -> Job | None:
        """Render the receipt, then send it to `printer` at actual size; `printed` carries the page count."""
        from kpps_desktop.ui.print_view import paint_pdf

        tmp = tempfile.TemporaryDirectory()
        job = self.save_receipt_pdf(Path(tmp.name) / "berita-acara.pdf")
        if job is None:
            tmp.cleanup()
            return None

        def paint(path: Path) -> None:
            try:
                pages = paint_pdf(path, printer, "a4")
            except UserError as exc:  # a refusing printer is a PrinterError; anything else is a bug
                self.failed.emit(str(exc))
                return
            finally:
                tmp.cleanup()
            self.printed.emit(pages)

        return job.success(paint).failure(lambda _message: tmp.cleanup()).on_cancel(tmp.cleanup)

    def _ask_print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        from kpps_desktop.ui.print_view import printer_for

        printer = printer_for("a4")
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak berita acara"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_receipt(printer)
