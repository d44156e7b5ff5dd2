"""Sessions (pelantikan, bimtek, ...): list, create, edit, and close with a count of who becomes tidak hadir."""

from __future__ import annotations


from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from kpps_desktop.core import dates, installation, sessions, wilayah
from kpps_desktop.ui import i18n
from kpps_desktop.ui.jobs import Job, JobRunner
from kpps_desktop.ui.wilayah_picker import SearchCombo
from kpps_desktop.ui import screen

ERROR_STYLE = "border: 2px solid #b3261e;"
# Which form field a SessionError problem belongs to.
FIELDS = {"kind": "kind", "title": "title", "date": "date", "start_time": "start", "end_time": "end",
          "scope": "scope", "scope_kind": "scope", "officers": "scope", "venue": "venue"}


local_now = dates.local_now


def _problems_of(db, fn, *args, **kwargs):
    """Run fn on the writer; a SessionError comes back as its field -> message dict, for the form."""
    try:
        return fn(db, *args, **kwargs)
    except sessions.SessionError as exc:
        return exc.problems


def session_label(s: sessions.Session) -> str:
    when = s.date + (f" {s.start_time}" if s.start_time else "")
    closed = "  " + QCoreApplication.translate("SessionDialog", "[DITUTUP]") if s.closed_at else ""
    return f"{when} · {i18n.core(s.kind_label)} · {s.title}{closed}"


class SessionDialog(QDialog):
    """Create, edit and close sessions. Reads and writes through `runner` (the one writer).

    `checkin_requested(session_id)` asks the main window to open the check-in screen.
    """

    checkin_requested = Signal(str)
    changed = Signal()  # a session was created, edited or closed
    settled = Signal()  # a save or close has ended, saved or with its problems shown

    def __init__(self, runner: JobRunner, parent: QWidget | None = None, *, clock=local_now):
        super().__init__(parent)
        self.runner, self.clock = runner, clock
        self.current: sessions.Session | None = None
        self.setWindowTitle(self.tr("Sesi pelantikan dan bimtek"))
        screen.fit(self, 980, 560)  # capped to the screen the taskbar leaves
        self.installation = runner.read(installation.get)

        self.list = QListWidget()
        self.list.setObjectName("sessionList")
        self.new_button = QPushButton(self.tr("Sesi baru"))
        self.new_button.setObjectName("newSession")
        self.close_session_button = QPushButton(self.tr("Tutup sesi…"))
        self.close_session_button.setObjectName("closeSession")
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.close_session_button)
        left.addLayout(row)

        self.kind = QComboBox()
        for key, label in sessions.KINDS.items():
            self.kind.addItem(i18n.core(label), key)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("mis. Bimbingan Teknis KPPS Desa Kedungmalang"))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.start = QLineEdit()
        self.start.setPlaceholderText("08:00")
        self.end = QLineEdit()
        self.end.setPlaceholderText("12:00")
        self.venue = QLineEdit()
        self.venue.setPlaceholderText(self.tr("mis. Balai Desa Kedungmalang"))
        self.scope = SearchCombo()
        self.scope.setObjectName("sessionScope")
        # "Beberapa desa": a kecamatan's bimtek for some of its desa; only they are expected.
        self.desa_box = QWidget()
        self.desa_filter = QLineEdit()
        self.desa_filter.setObjectName("sessionDesaFilter")
        self.desa_filter.setPlaceholderText(self.tr("Cari desa…"))
        self.desa_list = QListWidget()
        self.desa_list.setObjectName("sessionDesas")
        self.desa_list.setMaximumHeight(150)
        self.desa_count = QLabel()
        desa_layout = QVBoxLayout(self.desa_box)
        desa_layout.setContentsMargins(0, 0, 0, 0)
        desa_layout.addWidget(self.desa_filter)
        desa_layout.addWidget(self.desa_list)
        desa_layout.addWidget(self.desa_count)
        self.desa_box.setVisible(False)
        self.facilitators = QLineEdit()
        self.facilitators.setPlaceholderText(self.tr("Pisahkan dengan titik koma: Ketua PPS; Anggota PPK"))
        self.fields = {"kind": self.kind, "title": self.title, "date": self.date, "start": self.start,
                       "end": self.end, "venue": self.venue, "scope": self.scope,
                       "facilitators": self.facilitators}
        for name, widget in self.fields.items():
            widget.setObjectName(f"session_{name}")
        form = QFormLayout()
        form.addRow(self.tr("Jenis"), self.kind)
        form.addRow(self.tr("Judul"), self.title)
        form.addRow(self.tr("Tanggal"), self.date)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel(self.tr("sampai")))
        times.addWidget(self.end)
        form.addRow(self.tr("Jam"), times)
        form.addRow(self.tr("Tempat"), self.venue)
        form.addRow(self.tr("Peserta"), self.scope)
        form.addRow("", self.desa_box)
        form.addRow(self.tr("Fasilitator"), self.facilitators)
        self.problems = QLabel()
        self.problems.setObjectName("sessionProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b3261e;")
        self.save_button = QPushButton(self.tr("Simpan"))
        self.save_button.setObjectName("saveSession")
        self.save_button.setDefault(True)
        self.checkin_button = QPushButton(self.tr("Mulai presensi"))
        self.checkin_button.setObjectName("startCheckin")
        done = QPushButton(self.tr("Selesai"))
        done.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.checkin_button)
        buttons.addWidget(done)
        right = QVBoxLayout()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        right.addWidget(self.heading)
        right.addLayout(form)
        right.addWidget(self.problems)
        right.addStretch(1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

        self._fill_scopes()
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.desa_filter.textChanged.connect(self._filter_desas)
        self.desa_list.itemChanged.connect(self._count_desas)
        self.list.currentItemChanged.connect(self._selected)
        self.new_button.clicked.connect(self.new_session)
        self.save_button.clicked.connect(self.save)
        self.close_session_button.clicked.connect(self.confirm_close)
        self.checkin_button.clicked.connect(self._start_checkin)
        self.reload()
        if self.list.count() == 0:
            self.new_session()

    # Reading -----------------------------------------------------------------------------
    def _fill_scopes(self) -> None:
        """The installation's own region first, then the kecamatan and desa within it."""
        inst = self.installation
        self.scope.clear()
        if inst is None:
            return
        level = installation.ROLE_LEVEL[inst.role]
        self.scope.addItem(self.tr("Seluruh {level} {name}").format(level=wilayah.LEVEL_LABELS[level],
                                                                    name=inst.wilayah_name),
                           f"{level}|{inst.wilayah}")
        if level != "desa":
            self.scope.addItem(self.tr("Beberapa desa (pilih di bawah)"), "desas|")
            self.desa_list.blockSignals(True)
            for region in wilayah.descendants(inst.wilayah, "desa"):
                item = QListWidgetItem(f"{region.nama} ({region.kode})")
                item.setData(Qt.ItemDataRole.UserRole, region.kode)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.desa_list.addItem(item)
            self.desa_list.blockSignals(False)
        for sub in {"kabupaten": ("kecamatan", "desa"), "kecamatan": ("desa",)}.get(level, ()):
            text = self.tr("Kec. {name}") if sub == "kecamatan" else self.tr("Desa {name}")
            for region in wilayah.descendants(inst.wilayah, sub):
                self.scope.addItem(text.format(name=region.nama), f"{sub}|{region.kode}")
        self.scope.setCurrentIndex(0)
        self._count_desas()

    def _scope_changed(self, _index: int = 0) -> None:
        self.desa_box.setVisible(self.scope.selected_code() == "desas|")

    def _filter_desas(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.desa_list.count()):
            item = self.desa_list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def checked_desas(self) -> list[str]:
        return [self.desa_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.desa_list.count())
                if self.desa_list.item(i).checkState() == Qt.CheckState.Checked]

    def _count_desas(self, *_args) -> None:
        self.desa_count.setText(self.tr("{n} desa dipilih").format(n=len(self.checked_desas())))

    def reload(self, select: str | None = None) -> None:
        select = select or (self.current.id if self.current else None)
        self.list.blockSignals(True)
        self.list.clear()
        for s in self.runner.read(sessions.list_sessions):
            item = QListWidgetItem(session_label(s))
            item.setData(Qt.ItemDataRole.UserRole, s)
            self.list.addItem(item)
            if s.id == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        current = self.list.currentItem()
        self._show(current.data(Qt.ItemDataRole.UserRole) if current else self.current)

    def _selected(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self._show(item.data(Qt.ItemDataRole.UserRole))

    def _show(self, s: sessions.Session | None) -> None:
        self.current = s
        self._clear_problems()
        if s is None:
            self.heading.setText(self.tr("Sesi baru"))
            self.title.clear()
            self.date.setDate(QDate.currentDate())
            for field in (self.start, self.end, self.venue, self.facilitators):
                field.clear()
            self.scope.setCurrentIndex(0)
        else:
            if s.closed_at:
                self.heading.setText(self.tr("Ubah sesi — ditutup {time}").format(
                    time=s.closed_at[:16].replace("T", " ")))
            else:
                self.heading.setText(self.tr("Ubah sesi"))
            self.kind.setCurrentIndex(self.kind.findData(s.kind))
            self.title.setText(s.title)
            self.date.setDate(QDate.fromString(s.date, "yyyy-MM-dd"))
            self.start.setText(s.start_time or "")
            self.end.setText(s.end_time or "")
            self.venue.setText(s.venue or "")
            self.facilitators.setText(s.facilitators or "")
            index = self.scope.findData(f"{s.scope_kind}|{s.scope or ''}")
            if index < 0:  # a list of officers (susulan), kept as it is
                self.scope.addItem(s.scope_label, f"{s.scope_kind}|{s.scope or ''}")
                index = self.scope.count() - 1
            self.scope.setCurrentIndex(index)
        self.close_session_button.setEnabled(s is not None and not s.closed_at)
        self.checkin_button.setEnabled(s is not None)

    # Writing -----------------------------------------------------------------------------
    def new_session(self) -> None:
        self.list.setCurrentItem(None)
        self.list.clearSelection()
        self._show(None)
        self.title.setFocus()

    def values(self) -> dict:
        scope = self.scope.selected_code()
        scope_kind, code = scope.split("|") if scope else (None, None)
        v = {"kind": self.kind.currentData(), "title": self.title.text(),
             "date": self.date.date().toString("yyyy-MM-dd"), "start": self.start.text() or None,
             "end": self.end.text() or None, "venue": self.venue.text() or None,
             "scope_kind": scope_kind, "scope": code or None, "facilitators": self.facilitators.text() or None}
        if scope_kind == "desas":
            v.update(scope_kind=None, scope=None, desas=self.checked_desas())
        return v

    def _clear_problems(self) -> None:
        self.problems.clear()
        self.problems.setStyleSheet("color: #b3261e;")
        for widget in self.fields.values():
            widget.setStyleSheet("")

    def save(self) -> Job | None:
        """Create or update from the form through the runner; problems are shown beside the fields,
        nothing saved. None when the form is refused before anything is sent; else the job."""
        self._clear_problems()
        v = self.values()
        if self.scope.selected_code() is None:
            self._problem({"scope": self.tr("Pilih peserta sesi dari daftar.")})
            return None
        if self.scope.selected_code() == "desas|" and not v["desas"]:
            self._problem({"scope": self.tr("Centang desa yang diundang ke sesi ini.")})
            return None
        if self.current is None:
            job = self.runner.submit(_problems_of, sessions.create_session, **v)
        else:
            job = self.runner.submit(_problems_of, sessions.update_session, self.current.id, **v)
        self._set_busy(True)

        def saved(result: sessions.Session | dict) -> None:
            self._set_busy(False)
            if isinstance(result, dict):
                self._problem(result)
            else:
                self.current = result
                self.reload(select=result.id)
                self.changed.emit()
            self.settled.emit()

        def failed(message: str) -> None:
            self._set_busy(False)
            self._problem({"session": message})
            self.settled.emit()

        return job.success(saved).failure(failed)

    def _set_busy(self, busy: bool) -> None:
        """While a save or close runs, nothing else can be started from the dialog."""
        for button in (self.save_button, self.new_button, self.checkin_button, self.list):
            button.setEnabled(not busy)
        s = self.current
        self.close_session_button.setEnabled(not busy and s is not None and not s.closed_at)
        self.checkin_button.setEnabled(not busy and s is not None)

    def _problem(self, problems: dict[str, str]) -> None:
        self.problems.setText("\n".join(problems.values()))
        for key in problems:
            widget = self.fields.get(FIELDS.get(key, key))
            if widget is not None:
                widget.setStyleSheet(ERROR_STYLE)

    def confirm_close(self) -> Job | None:
        """Ask first, showing how many become tidak hadir, then close through the runner (the job
        returned; its result is that number). None when there is nothing to close or it was not confirmed."""
        s = self.current
        if s is None or s.closed_at:
            return None
        missing = len(self.runner.read(sessions.unmarked_officers, s.id))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Tutup sesi"),
                          self.tr("Tutup sesi “{title}” ({date})?\n\n{missing} petugas yang belum tercatat akan "
                                  "ditandai TIDAK HADIR. Sesudah ditutup, pemindaian ditolak; entri dari daftar hadir "
                                  "kertas dan izin yang datang terlambat masih dapat dicatat.").format(
                              title=s.title, date=s.date, missing=missing),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmClose")
        box.button(QMessageBox.StandardButton.Yes).setText(
            self.tr("Tutup, tandai {missing} tidak hadir").format(missing=missing))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Batal"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
        self._set_busy(True)

        def closed(marked: int) -> None:
            self._set_busy(False)
            self.reload(select=s.id)
            self.problems.setStyleSheet("color: #1b7f3b;")
            self.problems.setText(self.tr("Sesi ditutup: {marked} petugas ditandai tidak hadir.").format(marked=marked))
            self.changed.emit()
            self.settled.emit()

        def failed(message: str) -> None:
            self._set_busy(False)
            self.problems.setText(message)
            self.settled.emit()

        return self.runner.submit(sessions.close_session, s.id, self.clock()).success(closed).failure(failed)

    def _start_checkin(self) -> None:
        if self.current is not None:
            self.checkin_requested.emit(self.current.id)
            self.accept()
