"""Add, edit or replace (PAW) one officer, with validation messages beside the fields."""

from __future__ import annotations

import dataclasses
import datetime as _dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QSizePolicy, QSpinBox, QVBoxLayout, QWidget,
)

from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import daring, roster, seats, sessions, wilayah
from kpps_desktop.ui import i18n
from kpps_desktop.core.errors import UserError
from kpps_desktop.ui.jobs import JobRunner
from kpps_desktop.ui.wilayah_picker import SearchCombo

ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a5300;"  # amber, dark enough to read on white
_NO_DATE = QDate(1900, 1, 1)  # QDateEdit cannot be empty: its minimum stands for "not filled in"
FIELDS = ("nik", "nama", "jk", "tempat_lahir", "tanggal_lahir", "alamat", "telepon",
          "desa", "tps", "tps_label", "jabatan")


def desa_choices(scope: str | None, extra: list[str] = ()) -> list[tuple[str, str]]:
    """(kode, 'Desa — Kecamatan') for every desa in an installation's scope, sorted by name."""
    codes = set(extra)
    if scope:
        if wilayah.level_of(scope) == "desa":
            codes.add(scope)
        else:
            codes.update(w.kode for w in wilayah.descendants(scope, "desa"))
    out = [(kode, f"{wilayah.name(kode)} — {wilayah.name(kode.rsplit('.', 1)[0])}") for kode in codes]
    return sorted(out, key=lambda kv: kv[1].lower())


def _save(db, mode: str, officer: roster.Officer, old_id: str | None):
    """Runs on the writer thread; a RosterError comes back as a value so its fields reach the form."""
    try:
        if mode == "add":
            return roster.add_officer(db, officer)
        if mode == "edit":
            return roster.update_officer(db, officer)
        return roster.replace_officer(db, old_id, officer)
    except roster.RosterError as exc:
        return exc


class OfficerDialog(QDialog):
    """mode 'add', 'edit' (officer given) or 'replace' (PAW: officer is the one leaving)."""

    saved = Signal(str)  # id of the officer added, changed, or taking the seat

    def __init__(self, runner: JobRunner, mode: str = "add", officer: roster.Officer | None = None,
                 scope: str | None = None, desa_codes: list[str] = (), parent: QWidget | None = None,
                 seat: tuple[str | None, int | None] = (None, None)):
        """`seat` is the (desa, TPS) being viewed when adding: the new officer defaults to its next
        free jabatan. Without it, desa (unless there is only one), TPS and jabatan start unchosen."""
        super().__init__(parent)
        if mode not in ("add", "edit", "replace") or (mode != "add" and officer is None):
            raise ValueError(f"mode {mode!r} needs an officer")
        self.runner, self.mode, self.original = runner, mode, officer
        self._validated_once = False
        self._confirmed: list[str] = []  # seat warnings the user has seen and saves anyway
        self.job = None
        self.setWindowTitle({"add": self.tr("Tambah petugas"), "edit": self.tr("Ubah data petugas"),
                             "replace": self.tr("Ganti petugas (PAW)")}[mode])

        self.nik = QLineEdit()
        self.nik.setPlaceholderText(self.tr("16 digit"))
        self.nik.setMaxLength(24)  # room for pasted spaces and dots, cleaned by core.nik
        self.nama = QLineEdit()
        self.jk = QComboBox()
        self.jk.addItem(self.tr("— pilih —"), None)
        self.jk.addItem(self.tr("Laki-laki"), "L")
        self.jk.addItem(self.tr("Perempuan"), "P")
        self.tempat_lahir = QLineEdit()
        self.tanggal_lahir = QDateEdit()
        self.tanggal_lahir.setDisplayFormat("dd-MM-yyyy")
        self.tanggal_lahir.setCalendarPopup(True)
        self.tanggal_lahir.setMinimumDate(_NO_DATE)
        self.tanggal_lahir.setSpecialValueText(self.tr("(tidak diisi)"))
        self.tanggal_lahir.setDate(_NO_DATE)
        self.alamat = QLineEdit()
        self.telepon = QLineEdit()
        self.desa = SearchCombo()
        own = [officer.desa] if officer else []
        self.desa.set_regions([wilayah.Wilayah(kode, label) for kode, label in desa_choices(
            scope, [*desa_codes, *own])])
        self.desa.lineEdit().setPlaceholderText(self.tr("Ketik nama desa…"))
        if self.desa.count() == 1:
            self.desa.setCurrentIndex(0)
        self.tps = QSpinBox()
        self.tps.setRange(0, 999)  # 0 stands for "not chosen": a TPS is never assumed
        self.tps.setSpecialValueText(self.tr("— pilih —"))
        self.tps_label = QLineEdit()
        self.tps_label.setPlaceholderText(self.tr("mis. Rutan, Pesantren (boleh kosong)"))
        self.jabatan = QComboBox()
        self.jabatan.addItem(self.tr("— pilih —"), None)
        for key, label in roster.JABATAN_LABELS.items():
            self.jabatan.addItem(i18n.core(label), key)

        labels = {
            "nik": self.tr("NIK"), "nama": self.tr("Nama"), "jk": self.tr("Jenis kelamin"),
            "tempat_lahir": self.tr("Tempat lahir"), "tanggal_lahir": self.tr("Tanggal lahir"),
            "alamat": self.tr("Alamat"), "telepon": self.tr("Telepon"), "desa": self.tr("Desa/Kel."),
            "tps": self.tr("TPS"), "tps_label": self.tr("Keterangan TPS"), "jabatan": self.tr("Jabatan"),
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages: dict[str, QLabel] = {}
        for name in FIELDS:
            box = QWidget()
            # The box spans the form's width so a message under a short combo is not squeezed.
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(1)
            field = getattr(self, name)
            if isinstance(field, QLineEdit):
                inner.addWidget(field)
            else:
                inner.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
            message = QLabel()
            message.setObjectName(f"message_{name}")
            message.setWordWrap(True)
            message.setVisible(False)
            inner.addWidget(message)
            self.messages[name] = message
            form.addRow(labels[name], box)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.general = QLabel()
        self.general.setObjectName("message_general")
        self.general.setWordWrap(True)
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setVisible(False)
        self.seat_warning = QLabel()
        self.seat_warning.setObjectName("message_seats")
        self.seat_warning.setWordWrap(True)
        self.seat_warning.setStyleSheet(WARNING_STYLE)
        self.seat_warning.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            # Enter in a field goes to the next field (keyPressEvent); only a click or Space on the
            # focused button saves, so a name typed and Entered is never saved unseen.
            button.setAutoDefault(False)
            button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        self.history = None
        if mode == "edit":
            self.history = self._history_list(officer.id)
            layout.addWidget(QLabel(self.tr("Riwayat presensi")))
            layout.addWidget(self.history)
        layout.addWidget(self.general)
        layout.addWidget(self.seat_warning)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        self.nik.editingFinished.connect(self._nik_finished)
        for widget in (self.nik, self.nama, self.tempat_lahir, self.alamat, self.telepon, self.tps_label):
            widget.textChanged.connect(self._changed)
        for combo in (self.jk, self.desa, self.jabatan):
            combo.currentIndexChanged.connect(self._changed)
        self.tanggal_lahir.dateChanged.connect(self._changed)
        self.tps.valueChanged.connect(self._changed)
        self._load()
        if mode == "add":
            self._take_seat(*seat)

    def _history_list(self, officer_id: str) -> QListWidget:
        """The officer's attendance events, newest first, with the evidence an import rests on."""
        widget = QListWidget()
        widget.setObjectName("attendanceHistory")
        widget.setMaximumHeight(110)
        events = self.runner.read(sessions.officer_history, officer_id)
        for e in events:
            when = _dt.datetime.fromisoformat(e["at"]).strftime("%H.%M")
            status = i18n.core(sessions.STATUS_LABELS.get(e["status"], e["status"]))
            text = f"{e['date']} {i18n.core(sessions.KINDS.get(e['kind'], e['kind']))}: {e['title']} — {status} {when}"
            if e["reason"]:
                text += f" ({e['reason']})"
            evidence = daring.describe(e["evidence"])
            if evidence:
                text += "; " + self.tr("bukti: {evidence}").format(evidence=evidence)
            item = QListWidgetItem(text)
            item.setToolTip(text)
            widget.addItem(item)
        if not events:
            widget.addItem(QListWidgetItem(self.tr("Belum ada catatan presensi.")))
        return widget

    # Form <-> Officer ----------------------------------------------------------------------
    def _load(self) -> None:
        o = self.original
        if self.mode == "edit":
            self.nik.setText(o.nik)
            self.nama.setText(o.nama)
            self.jk.setCurrentIndex(max(self.jk.findData(o.jk), 0))
            self.tempat_lahir.setText(o.tempat_lahir or "")
            if o.tanggal_lahir:
                self.tanggal_lahir.setDate(QDate.fromString(o.tanggal_lahir, Qt.DateFormat.ISODate))
            self.alamat.setText(o.alamat or "")
            self.telepon.setText(o.telepon or "")
        if o is not None:
            self.desa.setCurrentIndex(self.desa.findData(o.desa))
            self.tps.setValue(o.tps)
            self.tps_label.setText(o.tps_label or "")
            self.jabatan.setCurrentIndex(max(self.jabatan.findData(o.jabatan), 0))
        if self.mode == "replace":
            # The replacement takes the same seat: desa and TPS come from the one leaving.
            for widget in (self.desa, self.tps, self.tps_label):
                widget.setEnabled(False)
            self.heading.setText(self.tr("Pengganti untuk <b>{nama}</b> ({jabatan}, {tps}, {desa}). "
                                         "Petugas lama tetap tercatat dengan status Diganti.").format(
                nama=o.nama, jabatan=i18n.core(o.jabatan_label), tps=roster.tps_label(o.tps, o.tps_label),
                desa=wilayah.name(o.desa)))
        self.heading.setVisible(bool(self.heading.text()))

    def _take_seat(self, desa: str | None, tps: int | None) -> None:
        """Default to the next free place of the TPS being viewed, if one is."""
        if desa and self.desa.findData(desa) >= 0:
            self.desa.setCurrentIndex(self.desa.findData(desa))
        if not (desa and tps):
            return
        self.tps.setValue(tps)
        try:
            jabatan = self.runner.read(seats.next_free_jabatan, desa, tps)
        except UserError:  # a default only: the form works without it
            jabatan = None
        if jabatan:
            self.jabatan.setCurrentIndex(self.jabatan.findData(jabatan))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focus = self.focusWidget()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(focus, QAbstractButton):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def officer(self) -> roster.Officer:
        """The officer as the form now describes it (not yet validated)."""
        born = self.tanggal_lahir.date()
        values = dict(
            nik=self.nik.text(), nama=self.nama.text(), jk=self.jk.currentData() or "",
            tempat_lahir=self.tempat_lahir.text().strip() or None,
            tanggal_lahir=None if born == _NO_DATE else born.toString(Qt.DateFormat.ISODate),
            alamat=self.alamat.text().strip() or None, telepon=self.telepon.text().strip() or None,
            desa=self.desa.selected_code() or "", tps=self.tps.value(),
            tps_label=self.tps_label.text().strip() or None, jabatan=self.jabatan.currentData() or "",
        )
        if self.mode == "edit":
            return dataclasses.replace(self.original, **values)
        return roster.Officer(**values, is_demo=False)

    # Validation ------------------------------------------------------------------------------
    def show_problems(self, errors: dict[str, str], warnings: list[str] = ()) -> None:
        for name, label in self.messages.items():
            text, style = errors.get(name), ERROR_STYLE
            if not text and name == "nik" and warnings:
                # core.roster.validate's warnings all come from the NIK check.
                text, style = " ".join(warnings), WARNING_STYLE
            label.setText(text or "")
            label.setStyleSheet(style)
            label.setVisible(bool(text))
        other = [msg for key, msg in errors.items() if key not in self.messages]
        self.general.setText(" ".join(other))
        self.general.setVisible(bool(other))

    def validate(self) -> roster.Validation:
        result = roster.validate(self.officer())
        # Fields left unchosen get a plain request rather than core's "'' tidak dikenal".
        if not self.desa.selected_code():
            result.errors["desa"] = self.tr("Pilih desa/kelurahan dari daftar.")
        if self.tps.value() == 0:
            result.errors["tps"] = self.tr("Pilih nomor TPS.")
        if self.jabatan.currentData() is None:
            result.errors["jabatan"] = self.tr("Pilih jabatan: Ketua KPPS, Anggota KPPS, atau Linmas.")
        self.show_problems(result.errors, result.warnings)
        return result

    def _nik_finished(self) -> None:
        """Check the NIK as soon as it is typed; fill sex and birth date from it when still empty."""
        checked = nikmod.check(self.nik.text())
        if checked.ok:
            if self.jk.currentData() is None and checked.jk:
                self.jk.setCurrentIndex(self.jk.findData(checked.jk))
            if self.tanggal_lahir.date() == _NO_DATE and checked.tanggal_lahir:
                born = checked.tanggal_lahir
                self.tanggal_lahir.setDate(QDate(born.year, born.month, born.day))
        if self._validated_once or not checked.ok or checked.warnings:
            self.validate()
        else:
            self.show_problems({}, [])

    # Saving ------------------------------------------------------------------------------------
    def save(self) -> None:
        self._validated_once = True
        result = self.validate()
        if not result.ok:
            first = next((n for n in FIELDS if n in result.errors), None)
            if first:
                getattr(self, first).setFocus()
            return
        old_id = self.original.id if self.mode == "replace" else None
        if not self._seats_confirmed(result.officer, old_id):
            return
        self._set_busy(True)
        self.job = job = self.runner.submit(_save, self.mode, result.officer, old_id)
        job.finished.connect(lambda *_: self._job_ended(job))
        job.failed.connect(lambda *_: self._job_ended(job))
        # A quick job can end before the connects above (its signals are emitted from the
        # writer thread at that moment); job.done tells, and _job_ended runs only once.
        if job.done:
            self._job_ended(job)

    def _seats_confirmed(self, officer: roster.Officer, old_id: str | None) -> bool:
        """A second ketua, an eighth member, a TPS left without ketua: shown, with the names, and
        saved only when Simpan is pressed again with the same warnings in view."""
        try:
            warnings = self.runner.read(seats.seat_warnings, officer, replacing=old_id)
        except UserError as exc:
            self.show_problems({"_": str(exc)})
            return False
        if not warnings or warnings == self._confirmed:
            return True
        self._confirmed = warnings
        self.seat_warning.setText("\n".join(["⚠ " + w for w in warnings]
                                             + [self.tr("Tekan \"Simpan juga\" bila memang begitu.")]))
        self.seat_warning.setVisible(True)
        self.save_button.setText(self.tr("Simpan juga"))
        return False

    def _changed(self) -> None:
        if self._confirmed:  # the form changed: the warnings shown may no longer apply
            self._confirmed = []
            self.seat_warning.setVisible(False)
            self.save_button.setText(self.tr("Simpan"))
        if self._validated_once:
            self.validate()

    def _job_ended(self, job) -> None:
        if getattr(job, "handled", False):
            return
        job.handled = True
        self._set_busy(False)
        if job.error is not None:
            self.show_problems({"_": job.error})
        elif isinstance(job.result, roster.RosterError):
            self.show_problems(job.result.problems)
        else:
            self.saved.emit(job.result.id)
            self.accept()

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.WaitCursor if busy else Qt.CursorShape.ArrowCursor)

