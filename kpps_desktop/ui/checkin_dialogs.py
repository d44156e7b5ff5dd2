"""The desk's dialogs: officer search, manual check-in and desk statuses, paper entry, undo reason."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractListModel, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListView, QPushButton, QVBoxLayout, QWidget,
)

from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import roster, sessions
from kpps_desktop.core.roster_search import RosterIndex
from kpps_desktop.ui import i18n, screen
from kpps_desktop.ui.checkin_result import RESULT_LABELS, TONES, _t

OTHER = QT_TRANSLATE_NOOP("CheckinScreen", "Lainnya…")
# What the desk picks from; 'Lainnya…' asks for the reason in words. Reasons are saved in Indonesian
# (they end up on the printed forms) whatever the interface language.
DESK_ACTIONS = {
    "manual": (QT_TRANSLATE_NOOP("CheckinScreen", "Hadir (presensi manual)"),
               [QT_TRANSLATE_NOOP("CheckinScreen", "Kartu tertinggal"),
                QT_TRANSLATE_NOOP("CheckinScreen", "Kartu rusak"), OTHER]),
    "hadir_daring": (QT_TRANSLATE_NOOP("CheckinScreen", "Hadir daring"),
                     [QT_TRANSLATE_NOOP("CheckinScreen", "Tugas di luar kota"),
                      QT_TRANSLATE_NOOP("CheckinScreen", "Ujian/seleksi CPNS"), OTHER]),
    "izin": (QT_TRANSLATE_NOOP("CheckinScreen", "Izin"),
             [QT_TRANSLATE_NOOP("CheckinScreen", "Keperluan keluarga"),
              QT_TRANSLATE_NOOP("CheckinScreen", "Tugas kantor"), OTHER]),
    "sakit": (QT_TRANSLATE_NOOP("CheckinScreen", "Sakit"),
              [QT_TRANSLATE_NOOP("CheckinScreen", "Dengan surat dokter"),
               QT_TRANSLATE_NOOP("CheckinScreen", "Tanpa surat dokter"), OTHER]),
}

# --- officer search (manual and paper entry) -------------------------------------------

class OfficerListModel(QAbstractListModel):
    """Positions of a RosterIndex shown one officer per line, NIK masked."""

    def __init__(self, index: RosterIndex, status: Callable[[str], str | None], parent=None):
        super().__init__(parent)
        self.roster = index
        self.status = status
        self.positions: list[int] = []

    def set_positions(self, positions: list[int]) -> None:
        self.beginResetModel()
        self.positions = positions
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.positions)

    def officer(self, row: int) -> dict:
        return self.roster.rows[self.positions[row]]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        o = self.officer(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            mark = self.status(o["id"])
            state = f"   [{_t(RESULT_LABELS.get(mark, mark))}]" if mark else ""
            return (f"{o['nama']} — {i18n.core(roster.JABATAN_LABELS.get(o['jabatan'], o['jabatan']))} · "
                    f"{roster.tps_label(o['tps'], o['tps_label'])} · {self.roster.names[o['desa']]} · "
                    f"NIK {nikmod.mask(o['nik'])}{state}")
        if role == Qt.ItemDataRole.UserRole:
            return o["id"]
        return None


class OfficerSearch(QWidget):
    """A search box over the session's expected officers and the matching list."""

    chosen = Signal()  # double-click or Enter on a row

    MAX_ROWS = 200  # a longer list is not read by anyone; type more instead

    def __init__(self, index: RosterIndex, status: Callable[[str], str | None], parent=None, *,
                 autoselect: bool = True):
        super().__init__(parent)
        self.index = index
        self.autoselect = autoselect
        self.query = QLineEdit()
        self.query.setObjectName("officerQuery")
        self.query.setPlaceholderText(self.tr("Cari nama, NIK, atau TPS (mis. 'siti', '0012', 'tps 3')"))
        self.query.setClearButtonEnabled(True)
        self.model = OfficerListModel(index, status, self)
        self.list = QListView()
        self.list.setObjectName("officerList")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        self.query.textChanged.connect(self.search)
        self.query.returnPressed.connect(self._enter)
        self.query.installEventFilter(self)
        self.list.doubleClicked.connect(lambda _index: self.chosen.emit())
        self.list.activated.connect(lambda _index: self.chosen.emit())
        self.search("")

    # Up/Down/PageUp/PageDown typed in the box move the list's highlight: the hands stay on the
    # keyboard, and Enter then takes the row the desk sees highlighted.
    _MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.query and event.type() == QEvent.Type.KeyPress and event.key() in self._MOVES:
            if self.model.rowCount():
                if not self.list.currentIndex().isValid():
                    self.list.setCurrentIndex(self.model.index(0))
                    if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                        return True
                # The list moves its own highlight (and scrolls); focus stays in the box.
                self.list.keyPressEvent(event)
            return True
        return super().eventFilter(obj, event)

    def search(self, text: str) -> None:
        # NIKs are masked in the list: digits match only what the desk can see there.
        found = self.index.filter(text, nik_visible=False)
        self.model.set_positions(found[: self.MAX_ROWS])
        if len(found) > self.MAX_ROWS:
            self.count.setText(self.tr("{n} petugas (menampilkan {shown} pertama)").format(
                n=len(found), shown=self.MAX_ROWS))
        else:
            self.count.setText(self.tr("{n} petugas").format(n=len(found)))
        if found and self.autoselect:
            self.list.setCurrentIndex(self.model.index(0))

    def _enter(self) -> None:
        """Enter in the box takes the highlighted row (the only row, if just one matches)."""
        if self.model.rowCount() == 1:
            self.list.setCurrentIndex(self.model.index(0))
        if self.list.currentIndex().isValid():
            self.chosen.emit()
        else:
            self.list.setFocus()

    def selected(self) -> dict | None:
        index = self.list.currentIndex()
        return self.model.officer(index.row()) if index.isValid() else None


class ReasonPicker(QWidget):
    """A combo of usual reasons plus 'Lainnya…' with a text field."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("reasonCombo")
        self.other = QLineEdit()
        self.other.setObjectName("reasonOther")
        self.other.setPlaceholderText(self.tr("Tulis alasannya"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.other, 2)
        self.combo.currentTextChanged.connect(self._sync)
        self.other.textChanged.connect(self.changed)

    def set_choices(self, choices: list[str]) -> None:
        self.combo.clear()
        for choice in choices:
            self.combo.addItem(_t(choice), choice)
        self._sync()

    def _sync(self) -> None:
        self.other.setEnabled(self.combo.currentData() == OTHER)
        self.changed.emit()

    def reason(self) -> str:
        if self.combo.currentData() == OTHER:
            return self.other.text().strip()
        return self.combo.currentData() or ""


class ManualDialog(QDialog):
    """Pick an officer, then: manual check-in (reason required) or a desk status (daring, izin, sakit)."""

    def __init__(self, index: RosterIndex, status: Callable[[str], str | None], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Presensi manual dan status meja"))
        screen.fit(self, 760, 520)  # capped to the screen the taskbar leaves
        self.search = OfficerSearch(index, status, self)
        self.action = QComboBox()
        self.action.setObjectName("deskAction")
        for key, (label, _choices) in DESK_ACTIONS.items():
            self.action.addItem(_t(label), key)
        self.reason = ReasonPicker(self)
        self.problem = QLabel()
        self.problem.setObjectName("manualProblem")
        self.problem.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Catat sebagai"), self.action)
        form.addRow(self.tr("Alasan"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.action.currentIndexChanged.connect(self._action_changed)
        self.reason.changed.connect(self._validate)
        self.search.list.selectionModel().currentChanged.connect(self._validate)
        self.search.model.modelReset.connect(self._validate)
        self.search.chosen.connect(lambda: self.reason.combo.setFocus())
        self._action_changed()
        self.search.query.setFocus()

    def _action_changed(self) -> None:
        self.reason.set_choices(DESK_ACTIONS[self.action.currentData()][1])

    def _problem(self) -> str:
        if self.search.selected() is None:
            return self.tr("Pilih petugas dari daftar.")
        if self.action.currentData() != "sakit" and not self.reason.reason():
            return self.tr("Alasan wajib diisi.")
        return ""

    def _validate(self) -> None:
        problem = self._problem()
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:
        if not self._problem():
            super().accept()

    def choice(self) -> tuple[str, str, str]:
        """(officer_id, action: 'manual' or a desk status, reason)."""
        return self.search.selected()["id"], self.action.currentData(), self.reason.reason()


class PaperDialog(QDialog):
    """'Entri dari daftar hadir kertas': code (or officer) + the time written on the paper, many in a row."""

    submitted = Signal(str, str, str)  # kind ('code' or 'officer'), code or officer id, HH:MM

    def __init__(self, index: RosterIndex, status: Callable[[str], str | None], session: sessions.Session,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Entri dari daftar hadir kertas"))
        screen.fit(self, 760, 560)  # capped to the screen the taskbar leaves
        intro = QLabel(self.tr("Presensi yang ditandatangani di kertas pada {title} ({date}). "
                               "Jam sesuai yang tertulis di kertas; tercatat sebagai entri kertas.").format(
            title=session.title, date=session.date))
        intro.setWordWrap(True)
        self.time = QLineEdit()
        self.time.setObjectName("paperTime")
        self.time.setPlaceholderText(self.tr("JJ:MM"))
        self.time.setMaximumWidth(90)
        self.code = QLineEdit()
        self.code.setObjectName("paperCode")
        self.code.setPlaceholderText(self.tr("Kode kartu (K1.…), atau kosongkan dan pilih petugas di bawah"))
        # Nothing picked until the desk picks it: an empty code must never save the top row.
        self.search = OfficerSearch(index, status, self, autoselect=False)
        self.outcome = QLabel()
        self.outcome.setObjectName("paperOutcome")
        self.outcome.setWordWrap(True)
        self.save = QPushButton(self.tr("Simpan entri"))
        self.save.setObjectName("paperSave")
        self.save.setDefault(True)
        close = QPushButton(self.tr("Selesai"))
        close.clicked.connect(self.accept)
        form = QFormLayout()
        form.addRow(self.tr("Jam di kertas"), self.time)
        form.addRow(self.tr("Kode kartu"), self.code)
        buttons = QHBoxLayout()
        buttons.addWidget(self.outcome, 1)
        buttons.addWidget(self.save)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("atau pilih petugas:")))
        layout.addWidget(self.search, 1)
        layout.addLayout(buttons)
        self.save.clicked.connect(self._submit)
        self.code.returnPressed.connect(self._submit)
        self.search.chosen.connect(self._submit)
        self.time.setFocus()

    def _submit(self) -> None:
        time_text = self.time.text().strip()
        if not time_text:
            self.show_outcome(self.tr("Isi jam yang tertulis di kertas (JJ:MM)."), "refused")
            self.time.setFocus()
            return
        if self.code.text().strip():
            self.submitted.emit("code", self.code.text().strip(), time_text)
        elif self.search.selected() is not None:
            self.submitted.emit("officer", self.search.selected()["id"], time_text)
        else:
            self.show_outcome(self.tr("Isi kode kartu atau pilih petugas."), "refused")

    def show_outcome(self, text: str, tone: str) -> None:
        bg, fg = TONES[tone]
        self.outcome.setText(text)
        self.outcome.setStyleSheet(f"background: {bg.name()}; color: {fg.name()}; padding: 4px;")

    def entered(self) -> None:
        """One entry saved: clear the code for the next line of the paper (the time often repeats)."""
        self.code.clear()
        self.code.setFocus()


class ReasonDialog(QDialog):
    """Asks a required reason (undo of a check-in)."""

    def __init__(self, title: str, question: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(question)
        label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("undoReason")
        self.reason.setPlaceholderText(self.tr("Alasan (wajib), mis. salah orang"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Batalkan presensi"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Kembali"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))


