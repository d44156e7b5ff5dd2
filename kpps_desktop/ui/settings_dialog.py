"""The settings dialog: every key of core.settings on five tabs, checked as it is typed."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QTabWidget,
    QVBoxLayout, QWidget,
)

from kpps_desktop.core import sessions, settings
from kpps_desktop.ui.camera import load_multimedia
from kpps_desktop.ui import i18n
from kpps_desktop.ui.jobs import JobRunner
from kpps_desktop.ui.widgets import error_label
from kpps_desktop.ui import screen


# Rupiah read the Indonesian way (Rp 5.000.000) whatever the interface language or the system locale.
RUPIAH_LOCALE = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


class SettingsDialog(QDialog):
    """Reads and saves through `runner` (the one writer); emits `saved(values)` after a save."""

    saved = Signal(dict)
    refused = Signal(str)  # the save failed; the message is shown in the dialog

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(self.tr("Pengaturan"))
        self.values: dict[str, Any] = runner.read(settings.get_all)
        # key -> (reads the widget's value, the label under it that shows that key's problem)
        self._fields: dict[str, tuple[Callable[[], Any], QLabel]] = {}

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._general_tab(), self.tr("Umum"))
        self.tabs.addTab(self._paper_tab(), self.tr("Formulir"))
        self.tabs.addTab(self._transport_tab(), self.tr("Transport"))
        self.tabs.addTab(self._attendance_tab(), self.tr("Presensi"))
        self.tabs.addTab(self._camera_tab(), self.tr("Kamera/Suara"))
        self.error_label = error_label(self)
        self.error_label.setObjectName("saveError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        screen.fit(self, 520, 380)  # capped to the screen the taskbar leaves

    # Tabs --------------------------------------------------------------------------------
    def _form(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        return page, QFormLayout(page)

    def _add(self, form: QFormLayout, key: str, widget: QWidget, read: Callable[[], Any],
             changed: Signal) -> None:
        """One row: label from the registry, the widget, and the inline message below it."""
        setting = settings.SETTINGS[key]
        widget.setObjectName(key)
        widget.setToolTip(i18n.core(setting.help))
        error = error_label(widget.parentWidget())
        error.setObjectName(f"{key}Error")
        form.addRow(i18n.core(setting.label) + ":", widget)
        form.addRow("", error)
        self._fields[key] = (read, error)
        changed.connect(lambda *_: self._check(key))

    def _general_tab(self) -> QWidget:
        page, form = self._form()
        self.operator_edit = QLineEdit(self.values["operator"], page)
        self.operator_edit.setPlaceholderText(self.tr("mis. Siti Aminah"))
        self._add(form, "operator", self.operator_edit, self.operator_edit.text, self.operator_edit.textChanged)
        self.title_edit = QLineEdit(self.values["event_title"], page)
        self._add(form, "event_title", self.title_edit, self.title_edit.text, self.title_edit.textChanged)
        self.language_combo = QComboBox(page)
        for code, name in settings.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(self.values["language"]))
        self._add(form, "language", self.language_combo, self.language_combo.currentData,
                  self.language_combo.currentIndexChanged)
        # The screens are built in the language chosen at start-up; say so instead of leaving the
        # user to wonder why nothing changed.
        self.language_note = QLabel(self.tr("Bahasa baru dipakai saat aplikasi dibuka lagi."), page)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.language_note.setStyleSheet("color: #8a5300;")
        form.addRow("", self.language_note)
        self.language_combo.currentIndexChanged.connect(lambda *_: self._language_changed())
        self._language_changed()
        self.backup_spin = QSpinBox(page)
        self.backup_spin.setRange(0, 9999)  # the registry decides what is allowed, and says why
        self.backup_spin.setValue(self.values["backup_keep"])
        self._add(form, "backup_keep", self.backup_spin, self.backup_spin.value, self.backup_spin.valueChanged)
        return page

    def _paper_tab(self) -> QWidget:
        """Kop and signatories of every printed form; empty fields print dotted lines."""
        page, form = self._form()
        self.paper_edits: dict[str, QLineEdit] = {}
        for key in ("kop_office", "kop_address", "ketua_name", "sekretaris_name", "place"):
            edit = QLineEdit(self.values[key], page)
            self.paper_edits[key] = edit
            self._add(form, key, edit, edit.text, edit.textChanged)
        self.materai_spin = QSpinBox(page)
        self.materai_spin.setRange(0, 1_000_000_000)
        self.materai_spin.setSingleStep(500_000)
        self.materai_spin.setPrefix("Rp ")
        self.materai_spin.setGroupSeparatorShown(True)
        self.materai_spin.setLocale(RUPIAH_LOCALE)
        self.materai_spin.setValue(self.values["materai_threshold"])
        self._add(form, "materai_threshold", self.materai_spin, self.materai_spin.value,
                  self.materai_spin.valueChanged)
        return page

    def _transport_tab(self) -> QWidget:
        page, form = self._form()
        rules = self.values["transport"]
        self.amount_spin = QSpinBox(page)
        self.amount_spin.setRange(0, 10_000_000)
        self.amount_spin.setSingleStep(5000)
        self.amount_spin.setPrefix("Rp ")
        self.amount_spin.setGroupSeparatorShown(True)
        self.amount_spin.setLocale(RUPIAH_LOCALE)
        self.amount_spin.setValue(rules["amount"])
        self.kind_boxes: dict[str, QCheckBox] = {}
        kinds = QWidget(page)
        kinds_layout = QVBoxLayout(kinds)
        kinds_layout.setContentsMargins(0, 0, 0, 0)
        for kind, label in sessions.KINDS.items():
            box = QCheckBox(i18n.core(label), kinds)
            box.setObjectName(f"kind_{kind}")
            box.setChecked(kind in rules["kinds"])
            kinds_layout.addWidget(box)
            self.kind_boxes[kind] = box
        self.daring_box = QCheckBox(self.tr("Hadir daring juga dibayar"), page)
        self.daring_box.setObjectName("daring")
        self.daring_box.setChecked(rules["daring"])
        self.late_box = QCheckBox(self.tr("Hadir terlambat juga dibayar"), page)
        self.late_box.setObjectName("terlambat")
        self.late_box.setChecked(rules["terlambat"])
        form.addRow(self.tr("Besar per kegiatan:"), self.amount_spin)
        form.addRow(self.tr("Jenis sesi yang dibayar:"), kinds)
        form.addRow("", self.daring_box)
        form.addRow("", self.late_box)
        error = error_label(page)
        error.setObjectName("transportError")
        form.addRow("", error)
        self._fields["transport"] = (self._transport_value, error)
        for signal in [self.amount_spin.valueChanged, self.daring_box.toggled, self.late_box.toggled,
                       *(b.toggled for b in self.kind_boxes.values())]:
            signal.connect(lambda *_: self._check("transport"))
        return page

    def _transport_value(self) -> dict:
        return {"kinds": [k for k, box in self.kind_boxes.items() if box.isChecked()],
                "amount": self.amount_spin.value(), "daring": self.daring_box.isChecked(),
                "terlambat": self.late_box.isChecked()}

    def _attendance_tab(self) -> QWidget:
        page, form = self._form()
        self.grace_spin = QSpinBox(page)
        self.grace_spin.setRange(0, 9999)
        self.grace_spin.setSuffix(self.tr(" menit"))
        self.grace_spin.setValue(self.values["grace_minutes"])
        self._add(form, "grace_minutes", self.grace_spin, self.grace_spin.value, self.grace_spin.valueChanged)
        self.daring_minutes_spin = QSpinBox(page)
        self.daring_minutes_spin.setRange(0, 9999)
        self.daring_minutes_spin.setSuffix(self.tr(" menit"))
        self.daring_minutes_spin.setValue(self.values["daring_min_minutes"])
        self._add(form, "daring_min_minutes", self.daring_minutes_spin, self.daring_minutes_spin.value,
                  self.daring_minutes_spin.valueChanged)
        self.reset_spin = QSpinBox(page)  # how long a result stays on the desk's banner
        self.reset_spin.setRange(0, 999)
        self.reset_spin.setSuffix(self.tr(" detik"))
        self.reset_spin.setValue(self.values["checkin_reset_seconds"])
        self._add(form, "checkin_reset_seconds", self.reset_spin, self.reset_spin.value, self.reset_spin.valueChanged)
        return page

    def _camera_tab(self) -> QWidget:
        page, form = self._form()
        self.sound_box = QCheckBox(self.tr("Bunyikan suara saat memindai"), page)
        self.sound_box.setChecked(self.values["sound"])
        self._add(form, "sound", self.sound_box, self.sound_box.isChecked, self.sound_box.toggled)
        self.camera_combo = QComboBox(page)
        self.camera_combo.addItem(self.tr("Kamera bawaan sistem"), "")
        multimedia = load_multimedia()
        if multimedia is not None:
            for device in multimedia[0].QMediaDevices.videoInputs():
                self.camera_combo.addItem(device.description(), bytes(device.id().data()).decode(errors="replace"))
        saved = self.values["camera"]
        if saved and self.camera_combo.findData(saved) < 0:
            # Unplugged now; keep the choice rather than silently forgetting it.
            self.camera_combo.addItem(self.tr("{id} (tidak terhubung)").format(id=saved), saved)
        self.camera_combo.setCurrentIndex(max(0, self.camera_combo.findData(saved)))
        self._add(form, "camera", self.camera_combo, self.camera_combo.currentData,
                  self.camera_combo.currentIndexChanged)
        return page

    def _language_changed(self) -> None:
        self.language_note.setVisible(self.language_combo.currentData() != i18n.current())

    # Checking and saving -------------------------------------------------------------------
    def _check(self, key: str) -> bool:
        read, error = self._fields[key]
        try:
            settings.validate(key, read())
        except settings.SettingError as exc:
            error.setText(exc.problems[key])
            error.setVisible(True)
        else:
            error.setVisible(False)
        self.error_label.setVisible(False)
        ok = not any(label.isVisibleTo(self) for _read, label in self._fields.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)
        return not error.isVisibleTo(self)

    def current_values(self) -> dict[str, Any]:
        return {key: read() for key, (read, _error) in self._fields.items()}

    def save(self) -> bool:
        """Save everything in one transaction through the runner; the dialog closes once it is saved,
        and stays open with the message when refused. False when the form itself is wrong."""
        if not all([self._check(key) for key in self._fields]):
            return False
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(False)  # one save at a time: a second click cannot queue another

        def saved(values: dict[str, Any]) -> None:
            self.values = values
            self.saved.emit(values)
            self.accept()

        def refused(message: str) -> None:
            save.setEnabled(True)
            self.error_label.setText(message)
            self.error_label.setVisible(True)
            self.refused.emit(message)

        self.runner.submit(settings.save_many, self.current_values()).success(saved).failure(refused)
        return True
