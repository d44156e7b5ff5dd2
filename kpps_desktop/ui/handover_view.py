"""The handover screen (Serah terima): send a .kpps file to a USB stick, receive and merge files, see who is missing."""

from __future__ import annotations

import datetime as _dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import sqlite_utils
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kpps_desktop.core import crypt, drives, exchange, installation, wilayah, winfs
from kpps_desktop.core.progress import Progress
from kpps_desktop.ui.drive_poller import DrivePoller
from kpps_desktop.ui.handover_status import (
    GREEN,
    GREY,
    ORANGE,
    RED,
    HandoverStatusPanel,
)
from kpps_desktop.ui.jobs import JobRunner, run_with_progress
from kpps_desktop.ui.wilayah_picker import SearchCombo
from kpps_desktop.core.errors import UserError

POLL_MS = 3000
BELOW = {"kabupaten": ("kecamatan", "desa"), "kecamatan": ("desa",), "desa": ()}
WARNING_STYLE = "QLabel { background: #b3261e; color: white; padding: 8px; font-weight: bold; }"
CAUTION_STYLE = "QLabel { background: #fff1d6; color: #5f3b00; padding: 6px; border: 1px solid #e0a800; }"
OK_STYLE = "QLabel { background: #e3f4e1; color: #1e4620; padding: 6px; border: 1px solid #7cb87a; }"


@dataclass
class State:
    """What the screen needs from the database, read in one job."""
    inst: installation.Installation | None
    recipients: list[crypt.Recipient] = field(default_factory=list)
    default_recipient: crypt.Recipient | None = None
    status: exchange.HandoverStatus | None = None


def load(db: sqlite_utils.Database) -> State:
    inst = installation.get(db)
    if inst is None:
        return State(None)
    return State(inst, crypt.recipients(db), crypt.default_recipient(db), exchange.handover_status(db))


def preview_files(db: sqlite_utils.Database, paths: list[Path], progress: Progress | None = None
                  ) -> list[exchange.ImportReport]:
    """Check each file and count what it would bring, writing nothing (each is rolled back)."""
    return exchange.import_files(db, paths, commit=False, progress=progress)


def merge_files(db: sqlite_utils.Database, items: list[tuple[Path, str | None]], progress: Progress | None = None
                ) -> list[exchange.ImportReport]:
    """Import each (path, code): every file all or nothing; a refused one does not stop the rest.

    code is the verification code the user confirmed against the paper berita acara, for a file
    from a new device (None otherwise): the device is then trusted on that basis ('paper').
    """
    return exchange.import_files(db, [p for p, _ in items], codes={str(p): code for p, code in items},
                                 progress=progress)


def default_file_name(role: str, scope: str, now: _dt.datetime) -> str:
    return f"presensi-{role}-{scope}-{now:%Y%m%d-%H%M}{exchange.SUFFIX}"


def find_kpps_files(folders: list[Path]) -> list[Path]:
    """Handover files at the top of each folder (where the sender saved them), newest first."""
    found = []
    for folder in folders:
        try:
            found += [p for p in folder.iterdir() if p.suffix.lower() == exchange.SUFFIX and p.is_file()]
        except OSError:  # the stick was pulled out
            continue
    return sorted(found, key=lambda p: p.stat().st_mtime if p.exists() else 0, reverse=True)


class HandoverView(QWidget):
    """Kirim (export), Terima (preview, trust, merge) and Status; every database access goes through the runner."""

    loaded = Signal()
    exported = Signal(object)  # exchange.ExportResult
    previewed = Signal()
    imported = Signal(object)  # the reports of the files merged
    failed = Signal(str)

    # QT_TRANSLATE_NOOP with the class name: PySide's lupdate gives QT_TR_NOOP in a class body no context.
    COLUMNS = (QT_TRANSLATE_NOOP("HandoverView", "Berkas"), QT_TRANSLATE_NOOP("HandoverView", "Pengirim"),
               QT_TRANSLATE_NOOP("HandoverView", "Baru"), QT_TRANSLATE_NOOP("HandoverView", "Duplikat dilewati"),
               QT_TRANSLATE_NOOP("HandoverView", "Konflik"), QT_TRANSLATE_NOOP("HandoverView", "Kode berita acara"),
               QT_TRANSLATE_NOOP("HandoverView", "Keterangan"))
    C_FILE, C_SENDER, C_NEW, C_DUP, C_CONFLICT, C_TRUST, C_NOTE = range(7)

    def __init__(self, runner: JobRunner, db_path: Path | str, parent: QWidget | None = None, *,
                 drive_source: Callable[[], list[drives.Drive]] = drives.removable_drives,
                 clock: Callable[[], _dt.datetime] = lambda: _dt.datetime.now().astimezone(),
                 poll_ms: int = POLL_MS):
        super().__init__(parent)
        self.runner, self.db_path = runner, Path(db_path)
        self.drive_source, self.clock = drive_source, clock
        self.state = State(None)
        self.result: exchange.ExportResult | None = None
        self.reports: list[exchange.ImportReport] = []
        self.trust_boxes: list[QCheckBox | None] = []
        self._drives: list[drives.Drive] = []
        self._custom: Path | None = None  # a folder picked by hand, listed after the drives
        self._listed: tuple | None = None
        self._suggested = ""  # the last file name offered; a different text is the user's own
        self.message_box: QMessageBox | None = None

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._send_page(), self.tr("Kirim"))
        self.tabs.addTab(self._receive_page(), self.tr("Terima"))
        self.tabs.addTab(self._status_page(), self.tr("Status"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addWidget(self.tabs)

        # Sticks are looked for off the GUI thread, and only while this screen shows (showEvent).
        self.poller = DrivePoller(self.drive_source, poll_ms, self)
        self.poller.found.connect(self._show_drives)
        self.refresh_drives()
        self.refresh()

    # --- building the pages ---------------------------------------------------------------

    def _send_page(self) -> QWidget:
        page = QWidget()
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
        self.receipt_text = QPlainTextEdit()
        self.receipt_text.setReadOnly(True)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.receipt_text.setFont(mono)
        self.receipt_text.setPlaceholderText(self.tr("Berita acara muncul di sini setelah berkas ditulis dan diperiksa."))
        self.print_button = QPushButton(self.tr("Cetak berita acara…"))
        self.print_button.clicked.connect(self._ask_print)
        self.pdf_button = QPushButton(self.tr("Simpan PDF…"))
        self.pdf_button.clicked.connect(self._ask_pdf)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        v = QVBoxLayout(box)
        v.addWidget(self.receipt_banner)
        v.addWidget(self.receipt_text, 1)
        v.addLayout(row)
        self._set_receipt_enabled(False)

        h = QHBoxLayout(page)
        h.addLayout(left, 5)
        h.addWidget(box, 6)
        return page

    def _receive_page(self) -> QWidget:
        page = QWidget()
        self.add_button = QPushButton(self.tr("Pilih berkas…"))
        self.add_button.clicked.connect(self._ask_files)
        self.scan_button = QPushButton(self.tr("Ambil dari flashdisk"))
        self.scan_button.setToolTip(self.tr("Semua berkas .kpps di flashdisk yang terdeteksi"))
        self.scan_button.clicked.connect(self.add_from_drives)
        self.clear_button = QPushButton(self.tr("Kosongkan daftar"))
        self.clear_button.clicked.connect(self.clear_files)
        self.merge_button = QPushButton(self.tr("Gabungkan"))
        font = self.merge_button.font()
        font.setBold(True)
        self.merge_button.setFont(font)
        self.merge_button.clicked.connect(self.merge)
        bar = QHBoxLayout()
        for b in (self.add_button, self.scan_button, self.clear_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.merge_button)

        self.alarm = QLabel()
        self.alarm.setWordWrap(True)
        self.alarm.setStyleSheet(WARNING_STYLE)
        self.alarm.hide()
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for c in range(len(self.COLUMNS) - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.C_NOTE, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self.tr("Pilih berkas .kpps dari flashdisk. Berkas diperiksa dulu (pratinjau); "
                                      "tidak ada yang disimpan sebelum Anda menekan Gabungkan."))
        self.summary.setWordWrap(True)
        # Who has sent and who not, where the files are received (the Status tab has the table).
        self.receive_status = QLabel()
        self.receive_status.setObjectName("receiveStatus")
        self.receive_status.setWordWrap(True)
        self.receive_status.hide()
        v = QVBoxLayout(page)
        v.addWidget(self.receive_status)
        v.addLayout(bar)
        v.addWidget(self.alarm)
        v.addWidget(self.table, 1)
        v.addWidget(self.summary)
        self._update_merge_button()
        return page

    def _status_page(self) -> QWidget:
        self.status_panel = HandoverStatusPanel()
        self.status_panel.refreshRequested.connect(self.refresh)
        return self.status_panel

    # The status page's parts, by the names the tests and older code use.
    status_summary = property(lambda self: self.status_panel.summary)
    status_table = property(lambda self: self.status_panel.table)
    status_refresh = property(lambda self: self.status_panel.refresh_button)

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        job = self.runner.submit(load)
        job.finished.connect(self._loaded)
        job.failed.connect(self._failed)

    def _failed(self, message: str) -> None:
        self.failed.emit(message)
        # Window-modal but not blocking: the screen (and a test) carries on while it is shown.
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Serah terima"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message_box = box

    def _loaded(self, state: State) -> None:
        self.state = state
        inst = state.inst
        self._destination_changed()
        self._update_merge_button()
        if inst is None:
            self.destination_label.setText(self.tr("Atur dulu peran dan wilayah instalasi ini."))
            self.loaded.emit()
            return
        self._fill_scopes(inst)
        self.status_panel.fill(state.status)
        self._fill_receive_status(state.status)
        self.loaded.emit()

    def show_receiving(self) -> None:
        """The Terima tab: where a PPK or KPU starts its day."""
        self.tabs.setCurrentIndex(1)

    def _fill_receive_status(self, status: exchange.HandoverStatus | None) -> None:
        if status is None or not status.desa_total or self.state.inst is None or self.state.inst.role == "pps":
            self.receive_status.hide()
            return
        missing = [wilayah.name(k) for k in status.never_reported]
        text = self.tr("{done} dari {total} desa/kelurahan sudah mengirim.").format(
            done=len(status.reported), total=status.desa_total)
        if missing:
            shown = ", ".join(missing[:8]) + (self.tr(", dan {n} lainnya").format(n=len(missing) - 8)
                                              if len(missing) > 8 else "")
            text += " " + self.tr("Belum: {names}.").format(names=shown)
        self.receive_status.setText(text)
        self.receive_status.show()

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
        inst = self.state.inst
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
        inst = self.state.inst
        if inst is None or self.file_name.text().strip() not in ("", self._suggested):
            return
        self._suggested = default_file_name(inst.role, self.scope_code() or inst.wilayah, self.clock())
        self.file_name.setText(self._suggested)

    def recipient(self) -> crypt.Recipient | None:
        return self.encryption.currentData()

    def _update_encryption_note(self) -> None:
        inst = self.state.inst
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

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.poller.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.poller.stop()

    def refresh_drives(self) -> None:
        """Look for sticks now (the Segarkan button; the timer's looks go through the poller)."""
        try:
            found = self.drive_source()
        except OSError:
            found = []
        self._show_drives(found)

    def _show_drives(self, found: list[drives.Drive]) -> None:
        if (found, self._custom) == self._listed:
            return  # unchanged: keep the user's selection and scroll position
        self._drives, self._listed = found, (found, self._custom)
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
        self.send_button.setEnabled(dest is not None and self.state.inst is not None)
        self.destination_label.setText(self.tr("Berkas akan ditulis ke: {path}").format(path=dest) if dest else
                                       self.tr("Pilih flashdisk atau folder tujuan."))
        self.send_button.setToolTip(self.destination_label.text())

    # --- export ----------------------------------------------------------------------------

    def export_now(self) -> exchange.ExportResult | None:
        """Write, read back and verify the file (in the runner, with Batal), then show the receipt."""
        dest, inst = self.destination(), self.state.inst
        if dest is None or inst is None:
            return None
        self._suggest_name()  # the suggested name carries the time of sending, not of opening the screen
        name = self.file_name.text().strip()
        if Path(name).name != name:
            self._failed(self.tr("Nama berkas tidak boleh memuat garis miring."))
            return None
        if problem := winfs.name_problem(name):  # CON, 'rekap:1', a trailing dot: Windows refuses or hides them
            self._failed(problem)
            return None
        if not dest.is_dir():
            self._failed(self.tr("Tujuan {path} tidak ada lagi (flashdisk dicabut?). Colokkan lagi atau "
                                 "pilih tujuan lain.").format(path=dest))
            self.refresh_drives()
            return None
        if self.setup_box.isChecked():
            from kpps_desktop.core.exchange import provisioning

            job = run_with_progress(self, self.runner, self.tr("Menulis berkas penyiapan…"), provisioning.make,
                                    dest / name, self.scope_code())
        else:
            job = run_with_progress(self, self.runner, self.tr("Menulis berkas serah terima…"), exchange.export,
                                    dest / name, self.scope_code(), encrypt=self.recipient() or False)
        if job.error is not None:
            self._failed(job.error)
            return None
        if job.result is None:  # canceled
            return None
        self.show_receipt(job.result)
        self.refresh_drives()
        self.exported.emit(job.result)
        return job.result

    def show_receipt(self, result: exchange.ExportResult) -> None:
        self.result = result
        self.receipt_text.setPlainText(result.receipt())
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
        self._set_receipt_enabled(True)

    def _set_receipt_enabled(self, on: bool) -> None:
        self.print_button.setEnabled(on)
        self.pdf_button.setEnabled(on)
        why = "" if on else self.tr("Berita acara ada setelah berkas dikirim dan diperiksa.")
        self.print_button.setToolTip(why)
        self.pdf_button.setToolTip(why)

    def save_receipt_pdf(self, path: Path | str) -> Path | None:
        """The berita acara as PDF (render/receipt.py), drawn on the worker like the other PDFs."""
        if self.result is None or self.state.inst is None:
            return None
        job = run_with_progress(self, self.runner, self.tr("Menyimpan PDF…"), _receipt_job, self.result, Path(path),
                                self.state.inst.wilayah)
        if job.error is not None:
            self._failed(job.error)
            return None
        return job.result

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

    def print_receipt(self, printer) -> int:
        """Render the receipt and send it to `printer` at actual size; returns the page count."""
        from kpps_desktop.ui.print_view import paint_pdf

        with tempfile.TemporaryDirectory() as tmp:
            path = self.save_receipt_pdf(Path(tmp) / "berita-acara.pdf")
            if path is None:
                return 0
            try:
                return paint_pdf(path, printer, "a4")
            except (UserError, OSError) as exc:
                self._failed(str(exc))
                return 0

    def _ask_print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        from kpps_desktop.ui.print_view import printer_for

        printer = printer_for("a4")
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak berita acara"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_receipt(printer)

    # --- import ----------------------------------------------------------------------------

    def _ask_files(self) -> None:
        start = str(self._drives[0].path) if self._drives else str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Pilih berkas serah terima"), start,
                                                self.tr("Berkas serah terima (*.kpps)"))
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_from_drives(self) -> None:
        found = find_kpps_files([d.path for d in self._drives or []])
        if not found:
            self.summary.setText(self.tr("Tidak ada berkas .kpps di flashdisk yang terdeteksi."))
            return
        self.add_files(found)

    def add_files(self, paths: list[Path]) -> None:
        """Preview the files (nothing is written) and list them with what each would bring."""
        known = {r.path.resolve(): i for i, r in enumerate(self.reports)}
        again = [known[Path(p).resolve()] for p in dict.fromkeys(paths) if Path(p).resolve() in known]
        paths = [Path(p) for p in dict.fromkeys(paths) if Path(p).resolve() not in known]
        if not paths:
            self._say_listed(again)
            return
        self.tabs.setCurrentIndex(1)
        job = run_with_progress(self, self.runner, self.tr("Memeriksa berkas…"), preview_files, paths)
        if job.error is not None:
            self._failed(job.error)
            return
        for report in job.result or []:
            self._add_row(report)
        self._update_alarm()
        self._update_merge_button()
        self._summarize()
        self.previewed.emit()

    def _summarize(self) -> None:
        """Counts that agree with the Gabungkan button: ready means it would be merged now."""
        ready = len(self._mergeable())
        waiting = sum(r.status == "preview" for r in self.reports) - ready
        text = self.tr("{n} berkas siap digabungkan, {bad} ditolak, {old} sudah pernah diimpor.").format(
            n=ready, bad=sum(r.status == "refused" for r in self.reports),
            old=sum(r.status == "already" for r in self.reports))
        if waiting:
            text += " " + self.tr("{n} berkas dari perangkat baru menunggu: bandingkan kode verifikasi yang tampil "
                                  "besar dengan kode di berita acara serah terima yang diserahkan bersama berkas, "
                                  "lalu centang \"Cocok dengan berita acara?\".").format(n=waiting)
        self.summary.setText(text)

    def _say_listed(self, rows: list[int]) -> None:
        """A file added again is already in the list: say at once what became of it."""
        if not rows:
            return
        self.tabs.setCurrentIndex(1)
        self.table.selectRow(rows[0])
        done = [self.reports[i].path.name for i in rows if self.reports[i].status in ("imported", "already")]
        listed = [self.reports[i].path.name for i in rows if self.reports[i].status not in ("imported", "already")]
        parts = []
        if done:
            parts.append(self.tr("Sudah pernah diimpor: {names}.").format(names=", ".join(done)))
        if listed:
            parts.append(self.tr("Sudah ada di daftar: {names}.").format(names=", ".join(listed)))
        self.summary.setText(" ".join(parts))

    def clear_files(self) -> None:
        self.reports.clear()
        self.trust_boxes.clear()
        self.table.setRowCount(0)
        self._update_alarm()
        self._update_merge_button()

    def _sender(self, r: exchange.ImportReport) -> str:
        if r.role is None:
            return "–"
        text = f"{r.role.upper()} {wilayah.name(r.wilayah)}"
        if r.scope and r.scope != r.wilayah:
            text += " " + self.tr("(wilayah {name})").format(name=wilayah.name(r.scope))
        return text

    def _add_row(self, report: exchange.ImportReport) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.reports.append(report)
        box = None
        if report.status == "preview" and report.new_device and not report.desk:
            # The ceremony (docs/exchange-format.md, Provisioning): the sender's code, large, beside
            # the one question; compared with the paper in the room, no phone call.
            code = QLabel(report.fingerprint or "")
            code.setObjectName("verification_code")
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            font.setPointSize(max(self.font().pointSize(), 9) + 7)
            font.setBold(True)
            code.setFont(font)
            code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box = QCheckBox(self.tr("Cocok dengan berita acara?"))
            box.setToolTip(self.tr("Perangkat baru. Centang bila kode ini sama dengan kode verifikasi di berita "
                                   "acara serah terima yang diserahkan bersama berkas."))
            box.toggled.connect(lambda on, device=report.device_id: self._trust_toggled(device, on))
            holder = QWidget()
            h = QVBoxLayout(holder)
            h.setContentsMargins(6, 2, 6, 2)
            h.addWidget(code)
            h.addWidget(box)
            self.table.setCellWidget(row, self.C_TRUST, holder)
        self.trust_boxes.append(box)
        self._fill_row(row, report)

    def _fill_row(self, row: int, report: exchange.ImportReport, note: str | None = None) -> None:
        counts = report.counts
        new = sum(c.new for c in counts.values())
        values = {
            self.C_FILE: report.path.name,
            self.C_SENDER: self._sender(report),
            self.C_NEW: str(new) if counts else "",
            self.C_DUP: str(sum(c.duplicate for c in counts.values())) if counts else "",
            self.C_CONFLICT: str(sum(c.conflict for c in counts.values())) if counts else "",
            self.C_NOTE: note if note is not None else self._note(report),
        }
        if self.trust_boxes[row] is None:
            values[self.C_TRUST] = self.tr("dikenal") if report.status in ("preview", "imported") else ""
        color = {"refused": RED, "already": GREY}.get(report.status)
        if report.status == "preview" and report.new_device and not report.desk:
            color = ORANGE
        if report.status == "imported":
            color = GREEN
        for col, text in values.items():
            item = QTableWidgetItem(text)
            if col == self.C_FILE:
                item.setToolTip(str(report.path))
            if col == self.C_NEW and counts:
                item.setToolTip("\n".join(self.tr("{what}: {n} baru").format(what=exchange._LABELS[t], n=c.new)
                                           for t, c in counts.items()))
            if col == self.C_NOTE:
                item.setToolTip(item.text())
            if color is not None:
                item.setBackground(QBrush(color))
            self.table.setItem(row, col, item)
        self.table.resizeRowToContents(row)

    def _note(self, r: exchange.ImportReport) -> str:
        parts = []
        if r.status == "refused":
            parts.append(self.tr("DITOLAK: {reason}").format(reason=r.reason))
        elif r.status == "already":
            parts.append(self.tr("Sudah pernah diimpor; tidak ada yang berubah."))
        elif r.status == "imported":
            parts.append(self.tr("Digabungkan."))
        if r.desk:  # a check-in desk set up from this office's kit: its secret proved it, no code
            parts.append(self.tr("Meja presensi {label}, disiapkan dari berkas meja kantor ini.").format(label=r.desk))
        elif r.new_device and r.status == "preview":
            parts.append(self.tr("Perangkat baru {device}, kode verifikasi {fp}: cocokkan dengan berita acara.").format(
                device=r.device_id[:8], fp=r.fingerprint))
        if r.status != "refused":
            parts.append(self.tr("Terenkripsi untuk kantor ini.") if r.encrypted else self.tr("Tidak terenkripsi."))
        parts += r.warnings
        return " ".join(parts)

    def _trust_toggled(self, device_id: str, on: bool) -> None:
        # One device, one decision: every listed file from it follows the box just clicked.
        for report, box in zip(self.reports, self.trust_boxes):
            if box is not None and report.device_id == device_id and box.isChecked() != on:
                box.setChecked(on)
        self._update_merge_button()
        self._summarize()

    def trusted(self, row: int) -> bool:
        box = self.trust_boxes[row]
        return box is None or box.isChecked()

    def _mergeable(self) -> list[int]:
        return [i for i, r in enumerate(self.reports) if r.status == "preview" and self.trusted(i)]

    def _update_merge_button(self) -> None:
        rows = self._mergeable()
        self.merge_button.setEnabled(bool(rows) and self.state.inst is not None)
        self.merge_button.setText(self.tr("Gabungkan ({n} berkas)").format(n=len(rows)) if rows else
                                  self.tr("Gabungkan"))
        waiting = sum(r.status == "preview" for r in self.reports) - len(rows)
        if self.state.inst is None:
            tip = self.tr("Atur dulu peran dan wilayah instalasi ini.")
        elif rows:
            tip = self.tr("Gabungkan {n} berkas ke database ini; tiap berkas utuh atau tidak sama sekali.").format(
                n=len(rows))
        elif waiting:
            tip = self.tr("{n} berkas dari perangkat baru: centang \"Cocok dengan berita acara?\" setelah kode "
                          "verifikasinya dicocokkan dengan berita acara.").format(n=waiting)
        elif self.reports:
            tip = self.tr("Tidak ada berkas baru untuk digabungkan.")
        else:
            tip = self.tr("Belum ada berkas: pilih berkas atau ambil dari flashdisk.")
        self.merge_button.setToolTip(tip)

    def _update_alarm(self) -> None:
        loud = [r for r in self.reports if r.status == "refused" and r.reason and "PERINGATAN" in r.reason]
        self.alarm.setVisible(bool(loud))
        if loud:
            self.alarm.setText(self.tr(
                "PERINGATAN: {files} mengaku dari perangkat yang sudah dikenal, tetapi kunci, peran, atau wilayahnya lain. "
                "Bisa jadi berkas palsu, atau laptop pengirim dipasang ulang. Berkas DITOLAK; hubungi pengirim "
                "dan minta berkas beserta berita acara yang baru.").format(files=", ".join(r.path.name for r in loud)))

    def merge(self) -> list[exchange.ImportReport]:
        """Import the accepted files (each all or nothing), show the results, emit `imported`."""
        rows = self._mergeable()
        if not rows:
            return []
        items = [(self.reports[i].path, self.reports[i].fingerprint
                  if self.reports[i].new_device and not self.reports[i].desk else None) for i in rows]
        job = run_with_progress(self, self.runner, self.tr("Menggabungkan berkas…"), merge_files, items)
        if job.error is not None:
            self._failed(job.error)
            return []
        done = job.result or []
        for i, report in zip(rows, done):
            self.reports[i] = report
            if self.trust_boxes[i] is not None:
                self.trust_boxes[i].setEnabled(False)
            note = self._note(report)
            if report.status == "imported":
                note = self.tr("Digabungkan: {summary}").format(summary=report.summary())
            self._fill_row(i, report, note)
        self._update_alarm()
        self._update_merge_button()
        merged = [r for r in done if r.status == "imported"]
        self.summary.setText(self.tr("{ok} berkas digabungkan, {bad} ditolak.").format(
            ok=len(merged), bad=sum(r.status == "refused" for r in done)))
        if merged:
            self.imported.emit(merged)
            self.refresh()
        return done

    def shutdown(self) -> None:
        self.poller.stop()


def _receipt_job(db: sqlite_utils.Database, result: exchange.ExportResult, path: Path, sender_wilayah: str,
                 progress: Progress | None = None) -> Path:
    from kpps_desktop.render import receipt  # QtGui drawing: loaded when first needed

    return receipt.receipt_pdf(result, path, sender_wilayah=sender_wilayah, db=db)
