"""First-run wizard: start with the Jepara demo data, or set the database up for one's own office."""

from __future__ import annotations

from typing import Callable

import sqlite_utils
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QRadioButton, QSpinBox, QVBoxLayout, QWidget, QWizard, QWizardPage,
)

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation, settings, wilayah
from kpps_desktop.ui.jobs import Job, JobRunner, start_with_progress
from kpps_desktop.ui.wilayah_picker import WilayahPicker
from kpps_desktop.ui.widgets import error_label
from kpps_desktop.ui import screen

PAGE_WELCOME, PAGE_OFFICE = 0, 1
ROLES = ("pps", "ppk", "kpu")


def set_up_office(db: sqlite_utils.Database, role: str, kode: str, operator: str,
                  values: dict | None = None) -> installation.Installation:
    """Role, region, operator name and the first settings (`values`) are saved together or not at all."""
    with db.atomic():
        inst = installation.init(db, role, kode)
        if operator:
            dbmod.set_setting(db, "operator", operator)
        settings.save_many(db, values or {})
    return inst


class WelcomePage(QWizardPage):
    def __init__(self, wizard: "FirstRunWizard"):
        super().__init__(wizard)
        self.setTitle(self.tr("Selamat datang di Presensi KPPS"))
        self.setSubTitle(self.tr("Database ini masih kosong. Bagaimana Anda ingin memulai?"))
        intro = QLabel(self.tr(
            "Presensi KPPS mencatat kehadiran petugas KPPS pada pelantikan dan bimbingan teknis, "
            "sepenuhnya tanpa internet."), self)
        intro.setWordWrap(True)
        self.office_radio = QRadioButton(self.tr("Atur untuk kantor saya"), self)
        office_hint = QLabel(self.tr(
            "Pilih peran kantor (PPS, PPK, atau KPU Kabupaten/Kota) dan wilayahnya, "
            "lalu impor daftar petugas."), self)
        self.setup_radio = QRadioButton(self.tr("Buka berkas dari PPK/KPU"), self)
        setup_hint = QLabel(self.tr(
            "Berkas penyiapan yang diserahkan kantor di atas: peran, wilayah, daftar petugas, pengaturan, "
            "dan kunci kantor di atas, sehingga berkas pertama ke PPK langsung terenkripsi."), self)
        self.setup_edit = QLineEdit(self)
        self.setup_edit.setPlaceholderText(self.tr("Berkas .kpps dari PPK/KPU"))
        self.setup_edit.textChanged.connect(self._setup_file_changed)
        browse = QPushButton(self.tr("Pilih berkas…"), self)
        browse.clicked.connect(self._browse)
        self.setup_info = QLabel(self)
        self.setup_info.setWordWrap(True)
        self.setup_info.setIndent(24)
        self.demo_radio = QRadioButton(self.tr("Mulai dengan data contoh (demo Kabupaten Jepara)"), self)
        demo_hint = QLabel(self.tr(
            "Untuk mencoba aplikasi atau pelatihan: petugas dengan nama dan NIK fiktif "
            "di seluruh Kabupaten Jepara. Jangan dipakai untuk data sungguhan."), self)
        for hint in (office_hint, setup_hint, demo_hint):
            hint.setWordWrap(True)
            hint.setIndent(24)
            hint.setStyleSheet("color: palette(dark);")
        group = QButtonGroup(self)
        group.addButton(self.office_radio)
        group.addButton(self.setup_radio)
        group.addButton(self.demo_radio)
        self.office_radio.setChecked(True)
        # The demo and the setup file need no second page: "Selesai" replaces "Lanjut". setFinalPage()
        # is what makes QWizard recompute its buttons; completeChanged alone does not.
        group.buttonToggled.connect(lambda *_: self.setFinalPage(not self.office_radio.isChecked()))
        self.error_label = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addWidget(self.office_radio)
        layout.addWidget(office_hint)
        layout.addSpacing(8)
        layout.addWidget(self.setup_radio)
        layout.addWidget(setup_hint)
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 0)
        row.addWidget(self.setup_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        layout.addWidget(self.setup_info)
        layout.addSpacing(8)
        layout.addWidget(self.demo_radio)
        layout.addWidget(demo_hint)
        layout.addStretch(1)
        layout.addWidget(self.error_label)

    def nextId(self) -> int:
        return PAGE_OFFICE if self.office_radio.isChecked() else -1

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Berkas penyiapan dari PPK/KPU"), "",
                                              self.tr("Berkas serah terima (*.kpps)"))
        if path:
            self.setup_edit.setText(path)

    def _setup_file_changed(self, text: str) -> None:
        """Show who made the file and its verification code, to compare with the paper handed over."""
        from kpps_desktop.core.exchange import ExchangeError, provisioning

        self.setup_radio.setChecked(True)
        if not text.strip():
            self.setup_info.clear()
            return
        try:
            setup = provisioning.read(text.strip())
        except ExchangeError as exc:
            self.setup_info.setText(self.tr("Berkas tidak dapat dipakai: {reason}").format(reason=exc))
            return
        if setup.desk is not None:  # a desk kit: this laptop becomes a check-in desk of that office
            self.setup_info.setText(self.tr(
                "Berkas meja presensi '{label}' dari {issuer}, kode verifikasi {code}: laptop ini menjadi "
                "meja presensi kantor itu untuk {n} sesi. Cocokkan kode dengan kertas yang diserahkan bersama "
                "berkas.").format(label=setup.desk["label"], issuer=setup.issuer, code=setup.code,
                                  n=len(setup.desk["sessions"])))
            return
        self.setup_info.setText(self.tr(
            "Dari {issuer}, kode verifikasi {code}, untuk {role} {kode} {name}. Cocokkan kode dengan kertas "
            "yang diserahkan bersama berkas.").format(
                issuer=setup.issuer, code=setup.code, role=setup.role.upper(), kode=setup.wilayah,
                name=wilayah.name(setup.wilayah)))

    def validatePage(self) -> bool:
        if self.setup_radio.isChecked():
            return self.wizard().set_up_from_file(self.setup_edit.text().strip())
        if not self.demo_radio.isChecked():
            return True
        return self.wizard().make_demo()


class OfficePage(QWizardPage):
    def __init__(self, wizard: "FirstRunWizard"):
        super().__init__(wizard)
        self.setTitle(self.tr("Atur untuk kantor saya"))
        self.setSubTitle(self.tr("Peran dan wilayah menentukan petugas mana yang dikelola di komputer ini."))
        labels = {
            "pps": self.tr("PPS — desa/kelurahan"),
            "ppk": self.tr("PPK — kecamatan"),
            "kpu": self.tr("KPU Kabupaten/Kota"),
        }
        self.role_group = QButtonGroup(self)
        self.role_radios: dict[str, QRadioButton] = {}
        role_box = QVBoxLayout()
        role_box.setSpacing(2)
        for role in ROLES:
            radio = QRadioButton(labels[role], self)
            radio.setObjectName(f"role_{role}")
            self.role_group.addButton(radio)
            self.role_radios[role] = radio
            role_box.addWidget(radio)
        self.role_radios["pps"].setChecked(True)
        self.picker = WilayahPicker("desa", self)
        self.code_label = QLabel(self)
        self.code_label.setStyleSheet("color: palette(dark);")
        self.operator_edit = QLineEdit(self)
        self.operator_edit.setPlaceholderText(self.tr("mis. Siti Aminah (opsional)"))
        self.operator_edit.setMaxLength(80)
        self.error_label = error_label(self)

        role_group_box = QGroupBox(self.tr("Peran kantor"), self)
        role_group_box.setLayout(role_box)
        region_box = QGroupBox(self.tr("Wilayah kantor"), self)
        region_layout = QVBoxLayout(region_box)
        region_layout.addWidget(self.picker)
        region_layout.addWidget(self.code_label)
        # The first settings (all editable later in Pengaturan); the camera is chosen there.
        self.title_edit = QLineEdit(settings.SETTINGS["event_title"].default, self)
        self.title_edit.setMaxLength(60)
        self.amount_spin = QSpinBox(self)
        self.amount_spin.setRange(1000, 10_000_000)
        self.amount_spin.setSingleStep(5000)
        self.amount_spin.setPrefix("Rp ")
        self.amount_spin.setGroupSeparatorShown(True)
        self.amount_spin.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))  # Rp 50.000
        self.amount_spin.setValue(settings.SETTINGS["transport"].default["amount"])
        self.sound_box = QCheckBox(self.tr("Bunyikan suara saat memindai"), self)
        self.sound_box.setChecked(settings.SETTINGS["sound"].default)
        # Printed on every form (kop, signatures); empty ones print dotted lines for the pen.
        self.paper_edits: dict[str, QLineEdit] = {}
        for key, hint in (("ketua_name", self.tr("mis. Ahmad Fauzi (opsional)")),
                          ("sekretaris_name", self.tr("mis. Sri Wahyuni (opsional)")),
                          ("kop_address", self.tr("mis. Jl. Raya Kedung No. 1 (opsional)"))):
            edit = QLineEdit(self)
            edit.setObjectName(key)
            edit.setPlaceholderText(hint)
            edit.setMaxLength(160 if key == "kop_address" else 80)
            self.paper_edits[key] = edit
        form = QFormLayout()
        form.addRow(self.tr("Nama operator:"), self.operator_edit)
        form.addRow(self.tr("Nama pemilihan dan tahun:"), self.title_edit)
        form.addRow(self.tr("Uang transport per kegiatan:"), self.amount_spin)
        form.addRow("", self.sound_box)
        form.addRow(self.tr("Nama ketua:"), self.paper_edits["ketua_name"])
        form.addRow(self.tr("Nama sekretaris:"), self.paper_edits["sekretaris_name"])
        form.addRow(self.tr("Alamat kantor:"), self.paper_edits["kop_address"])
        layout = QVBoxLayout(self)
        layout.addWidget(role_group_box)
        layout.addWidget(region_box)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.error_label)

        self.role_group.buttonToggled.connect(self._role_changed)
        self.picker.changed.connect(self._region_changed)
        self._region_changed(None)

    def role(self) -> str:
        return next(role for role, radio in self.role_radios.items() if radio.isChecked())

    def _role_changed(self, *_: object) -> None:
        self.picker.set_depth(installation.ROLE_LEVEL[self.role()])

    def _region_changed(self, code: str | None) -> None:
        self.code_label.setText(self.tr("Kode wilayah: {code}").format(code=code or self.tr("(belum lengkap)")))
        self.error_label.setVisible(False)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.picker.code() is not None

    def settings_values(self) -> dict:
        transport = {**settings.SETTINGS["transport"].default, "amount": self.amount_spin.value()}
        return {"event_title": self.title_edit.text(), "transport": transport,
                "sound": self.sound_box.isChecked(),
                **{key: edit.text() for key, edit in self.paper_edits.items()}}

    def validatePage(self) -> bool:
        return self.wizard().set_up(self.role(), self.picker.code() or "", self.operator_edit.text().strip(),
                                    self.settings_values())


class FirstRunWizard(QWizard):
    """Shown while the database has no installation; `choice` is 'init', 'demo' or None (canceled).

    `settled` is emitted when a choice's job has ended: the wizard accepted, or the page shows why not."""

    settled = Signal()

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.choice: str | None = None
        self.busy = False
        self.setWindowTitle(self.tr("Presensi KPPS — persiapan awal"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        self.welcome_page = WelcomePage(self)
        self.office_page = OfficePage(self)
        self.setPage(PAGE_WELCOME, self.welcome_page)
        self.setPage(PAGE_OFFICE, self.office_page)
        self.setStartId(PAGE_WELCOME)
        screen.fit(self, 640, 600)  # capped to the screen the taskbar leaves

    # Each choice runs as a job; the page's validatePage() answers False while it runs (the wizard
    # stays where it is, its buttons off), and the job's success finishes the wizard. No nested
    # event loop: a second click cannot start the work twice.
    def _start(self, page: QWizardPage, choice: str, job: Job, refused: Callable[[str], str],
               canceled: str | None = None) -> bool:
        page.error_label.setVisible(False)
        self._set_busy(True)

        def succeeded(_result: object) -> None:
            self._set_busy(False)
            self.choice = choice
            self.accept()  # validates the page again: the choice is made, so it passes
            self.settled.emit()

        def stopped(message: str) -> None:
            self._set_busy(False)
            page.error_label.setText(message)
            page.error_label.setVisible(True)
            self.settled.emit()

        job.success(succeeded).failure(lambda message: stopped(refused(message)))
        if canceled is not None:
            job.on_cancel(lambda: stopped(canceled))
        return False

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not busy)
        self.currentPage().setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.WaitCursor)
        else:
            self.unsetCursor()
        if not busy:  # Lanjut/Selesai as the page says (a region still to choose keeps it off)
            self.currentPage().completeChanged.emit()

    def done(self, result: int) -> None:
        if self.busy:  # closed (Esc, the window's X) while the database is being written: wait for it
            return
        super().done(result)

    def make_demo(self) -> bool:
        """Fill the database with the Jepara demo, behind a progress dialog with Batal."""
        from kpps_desktop.core import demo  # imported late: only this choice needs it

        if self.choice == "demo":
            return True
        job = start_with_progress(self, self.runner, self.tr("Membuat data contoh…"),
                                  lambda db, progress: demo.generate(db, progress=progress))
        return self._start(self.welcome_page, "demo", job,
                           lambda message: self.tr("Data contoh gagal dibuat: {message}").format(message=message),
                           canceled=self.tr("Pembuatan data contoh dibatalkan; database tidak diubah."))

    def set_up_from_file(self, path: str) -> bool:
        """Apply the office above's setup file (exchange/provisioning.py); a refusal shows on the page."""
        from kpps_desktop.core.exchange import provisioning

        if self.choice == "init":
            return True
        page = self.welcome_page
        if not path:
            page.error_label.setText(self.tr("Pilih dulu berkas penyiapan dari PPK/KPU."))
            page.error_label.setVisible(True)
            return False
        return self._start(page, "init", self.runner.submit(provisioning.apply, path),
                           lambda reason: self.tr("Berkas penyiapan ditolak: {reason}").format(reason=reason))

    def set_up(self, role: str, kode: str, operator: str, values: dict | None = None) -> bool:
        """Save the office's role, region and first settings; a refusal shows on the page."""
        if self.choice == "init":
            return True
        return self._start(self.office_page, "init", self.runner.submit(set_up_office, role, kode, operator, values),
                           lambda message: message)
