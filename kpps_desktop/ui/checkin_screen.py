"""The check-in screen the desk lives in on the day: scanner, camera, manual and paper entry, one result panel."""

from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QAbstractListModel, QCoreApplication, QModelIndex, QRectF, Qt, QTimer, Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListView, QListWidget, QListWidgetItem, QPushButton, QSizePolicy,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from kpps_desktop.core import cards, checkin, dates, roster, sessions, wilayah
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import nik as nikmod
from kpps_desktop.core.roster_search import RosterIndex
from kpps_desktop.ui import i18n
from kpps_desktop.ui.jobs import Job, JobRunner
from kpps_desktop.ui.scanner import ScanDetector
from kpps_desktop.ui.sounds import Sounds
from kpps_desktop.ui import screen

# Colours chosen to be told apart by people with red-green colour blindness too: the
# amber and the red differ in lightness, and every result also says its word in capitals.
TONES = {
    "idle": (QColor("#37474f"), QColor("#ffffff")),
    "accepted": (QColor("#1b7f3b"), QColor("#ffffff")),
    "duplicate": (QColor("#f4b400"), QColor("#1d1d1f")),
    "refused": (QColor("#c62828"), QColor("#ffffff")),
    "info": (QColor("#1f5f8b"), QColor("#ffffff")),
}
# The texts below are marked for translation here and translated where they are shown (_t).
C = "CheckinScreen"
HEADLINES = {
    "duplicate": QT_TRANSLATE_NOOP("CheckinScreen", "SUDAH HADIR"),
    "unknown": QT_TRANSLATE_NOOP("CheckinScreen", "KODE TIDAK DIKENAL"),
    "revoked": QT_TRANSLATE_NOOP("CheckinScreen", "KARTU DICABUT"),
    "not_in_session": QT_TRANSLATE_NOOP("CheckinScreen", "BUKAN PESERTA SESI INI"),
    "invalid": QT_TRANSLATE_NOOP("CheckinScreen", "BUKAN KARTU PRESENSI"),
    "closed": QT_TRANSLATE_NOOP("CheckinScreen", "SESI SUDAH DITUTUP"),
}
RESULT_LABELS = {
    **sessions.STATUS_LABELS,
    "undo": QT_TRANSLATE_NOOP("CheckinScreen", "Dibatalkan"),
    "unknown": QT_TRANSLATE_NOOP("CheckinScreen", "Kode tidak dikenal"),
    "revoked": QT_TRANSLATE_NOOP("CheckinScreen", "Kartu dicabut"),
    "not_in_session": QT_TRANSLATE_NOOP("CheckinScreen", "Bukan peserta"),
    "invalid": QT_TRANSLATE_NOOP("CheckinScreen", "Bukan kartu presensi"),
    "closed": QT_TRANSLATE_NOOP("CheckinScreen", "Sesi ditutup"),
}
METHOD_LABELS = {
    "scanner": QT_TRANSLATE_NOOP("CheckinScreen", "pemindai"),
    "camera": QT_TRANSLATE_NOOP("CheckinScreen", "kamera"),
    "manual": QT_TRANSLATE_NOOP("CheckinScreen", "manual"),
    "paper": QT_TRANSLATE_NOOP("CheckinScreen", "kertas"),
    "desk": QT_TRANSLATE_NOOP("CheckinScreen", "meja"),
    "close": QT_TRANSLATE_NOOP("CheckinScreen", "penutupan"),
}
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
IDLE_TEXT = QT_TRANSLATE_NOOP("CheckinScreen", "Pindai kartu, tunjukkan ke kamera, atau cari nama (F2)")
RECENT_LIMIT = 12
REFRESH_MS = 60_000  # counters re-read in full: picks up check-ins from the CLI or a merge


def _t(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP above (or one of core's labels), in the interface language."""
    translated = QCoreApplication.translate(C, text)
    return translated if translated != text else i18n.core(text)


local_now = dates.local_now


def hhmm(at: str | None) -> str:
    return checkin.hhmm(at) if at else ""


DAYS = (
    QT_TRANSLATE_NOOP("CheckinScreen", "Senin"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Selasa"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Rabu"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Kamis"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Jumat"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Sabtu"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Minggu"),
)
MONTHS = (
    QT_TRANSLATE_NOOP("CheckinScreen", "Januari"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Februari"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Maret"),
    QT_TRANSLATE_NOOP("CheckinScreen", "April"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Mei"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Juni"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Juli"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Agustus"),
    QT_TRANSLATE_NOOP("CheckinScreen", "September"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Oktober"),
    QT_TRANSLATE_NOOP("CheckinScreen", "November"),
    QT_TRANSLATE_NOOP("CheckinScreen", "Desember"),
)


def tanggal(iso_date: str) -> str:
    """'2024-11-07' -> 'Kamis, 7 November 2024' (the system locale may not be Indonesian)."""
    d = _dt.date.fromisoformat(iso_date)
    return QCoreApplication.translate("CheckinScreen", "{day}, {d} {month} {year}").format(
        day=_t(DAYS[d.weekday()]), d=d.day, month=_t(MONTHS[d.month - 1]), year=d.year)


# --- the result panel -------------------------------------------------------------------

@dataclass(frozen=True)
class ResultView:
    """What the big panel shows; built from a check-in Result (or an error) by `view_for`."""

    tone: str  # a key of TONES
    headline: str
    message: str = ""
    name: str = ""
    details: str = ""  # jabatan · TPS · desa
    time: str = ""  # the big HH:MM
    photo: QImage | None = None


def view_for(result: checkin.Result, photo: bytes | None = None) -> ResultView:
    officer = result.officer or {}
    details = ""
    if officer:
        details = " · ".join(p for p in (i18n.core(officer.get("jabatan_label")),
                                         roster.tps_label(officer["tps"], officer.get("tps_label")),
                                         QCoreApplication.translate("CheckinScreen", "Desa {name}").format(
                                             name=officer.get("desa_nama"))) if p)
    image = QImage.fromData(photo) if photo else None
    common = {"name": officer.get("nama", ""), "details": details,
              "photo": image if image is not None and not image.isNull() else None}
    if result.status == "undo":
        return ResultView("info", QCoreApplication.translate("CheckinScreen", "PRESENSI DIBATALKAN"), result.message,
                          time=hhmm(result.at), **common)
    if result.result == "accepted" and result.status in sessions.CHECKED_IN:
        headline = (QCoreApplication.translate("CheckinScreen", "HADIR — TERLAMBAT") if result.status == "terlambat"
                    else QCoreApplication.translate("CheckinScreen", "HADIR"))
        return ResultView("accepted", headline, result.message, time=hhmm(result.at), **common)
    if result.result == "accepted":  # a desk status: daring, izin, sakit
        return ResultView("info", i18n.core(sessions.STATUS_LABELS[result.status]).upper(), result.message,
                          time=hhmm(result.at), **common)
    if result.result == "duplicate":
        return ResultView("duplicate", _t(HEADLINES["duplicate"]), result.message, time=hhmm(result.previous_at),
                          **common)
    headline = HEADLINES.get(result.result)
    return ResultView("refused", _t(headline) if headline else QCoreApplication.translate("CheckinScreen", "DITOLAK"),
                      result.message, **common)


class ResultPanel(QWidget):
    """The coloured result, painted directly so it scales to any window; readable from two metres."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.view = ResultView("idle", self.tr("SIAP"), _t(IDLE_TEXT))
        self.paint_count = 0
        self.painted_at = 0.0  # perf_counter() after the last paint: the benchmark's finish line
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 320)

    def show_view(self, view: ResultView) -> None:
        self.view = view
        self.setAccessibleName(f"{view.headline} {view.name} {view.message}")
        # Painted now, before the counters and lists: the result is what the queue waits for.
        self.repaint()

    @property
    def tone_color(self) -> QColor:
        return TONES[self.view.tone][0]

    @staticmethod
    def _font(px: float, bold: bool = False) -> QFont:
        f = QFont()
        f.setPixelSize(max(8, int(px)))
        f.setBold(bold)
        return f

    def _fit(self, p: QPainter, rect: QRectF, text: str, px: float, bold: bool, flags: int,
             min_px: float = 12) -> None:
        """Draw text in rect at the largest size up to px that fits (wrapping allowed)."""
        while True:
            font = self._font(px, bold)
            used = QFontMetrics(font).boundingRect(rect.toRect(), flags | Qt.TextFlag.TextWordWrap, text)
            if (used.height() <= rect.height() and used.width() <= rect.width()) or px <= min_px:
                break
            px *= 0.9
        p.setFont(font)
        p.drawText(rect, flags | Qt.TextFlag.TextWordWrap, text)

    def paintEvent(self, event) -> None:
        v = self.view
        bg, fg = TONES[v.tone]
        w, h = self.width(), self.height()
        unit = min(h, w * 0.62)
        pad = unit * 0.05
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(self.rect(), bg)
        p.setPen(QPen(fg))
        left, top = pad, pad
        inner_w = w - 2 * pad
        head_h = unit * 0.16
        self._fit(p, QRectF(left, top, inner_w, head_h), v.headline, unit * 0.13, True,
                  Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        top += head_h + pad * 0.5
        body_h = h - top - pad
        text_left = left
        if v.photo is not None and v.name:
            ph = min(body_h * 0.8, unit * 0.55)
            pw = ph * 3 / 4
            p.drawImage(QRectF(left, top, pw, ph), v.photo)
            p.setPen(QPen(fg, 3))
            p.drawRect(QRectF(left, top, pw, ph))
            text_left = left + pw + pad
        text_w = w - pad - text_left
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        y = top
        if v.name:
            name_h = body_h * 0.36
            self._fit(p, QRectF(text_left, y, text_w, name_h), v.name, unit * 0.12, True, align)
            y += name_h
        if v.details:
            det_h = body_h * 0.16
            self._fit(p, QRectF(text_left, y, text_w, det_h), v.details, unit * 0.055, False, align)
            y += det_h
        rest = top + body_h - y
        if v.time:
            time_w = text_w * 0.34
            self._fit(p, QRectF(w - pad - time_w, y, time_w, rest), v.time, unit * 0.16, True,
                      Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
            text_w -= time_w
        if v.message:
            size = unit * (0.06 if v.name else 0.08)
            self._fit(p, QRectF(text_left, y, text_w, rest), v.message, size, False,
                      Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom if v.name else align)
        p.end()
        self.paint_count += 1
        self.painted_at = time.perf_counter()


# --- live counters ----------------------------------------------------------------------

class LiveCounts:
    """Present / expected for the session and per TPS, kept up to date one officer at a time.

    Loaded once from sessions.expected_officers and sessions.current_status (tens of ms with a
    whole kabupaten), then each result moves one officer: the next scan never waits for a recount.
    """

    def __init__(self, expected: list[dict], marks: dict[str, sessions.Mark]):
        self.place = {o["id"]: (o["desa"], o["tps"]) for o in expected}
        self.status: dict[str, str] = {oid: m.status for oid, m in marks.items() if oid in self.place}
        self.by_tps: dict[tuple[str, int], list[int]] = {}
        for key in self.place.values():
            self.by_tps.setdefault(key, [0, 0])[1] += 1
        self.present = 0
        for oid, status in self.status.items():
            if status in sessions.PRESENT:
                self.present += 1
                self.by_tps[self.place[oid]][0] += 1

    @property
    def expected(self) -> int:
        return len(self.place)

    def update(self, officer_id: str, status: str | None) -> tuple[str, int] | None:
        """Set one officer's effective status; returns the TPS whose count changed, if any."""
        key = self.place.get(officer_id)
        if key is None:
            return None
        was = self.status.get(officer_id) in sessions.PRESENT
        now = status in sessions.PRESENT
        if status is None:
            self.status.pop(officer_id, None)
        else:
            self.status[officer_id] = status
        if was == now:
            return None
        delta = 1 if now else -1
        self.present += delta
        self.by_tps[key][0] += delta
        return key


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
        self.list.doubleClicked.connect(lambda _index: self.chosen.emit())
        self.list.activated.connect(lambda _index: self.chosen.emit())
        self.search("")

    def search(self, text: str) -> None:
        found = self.index.filter(text)
        self.model.set_positions(found[: self.MAX_ROWS])
        if len(found) > self.MAX_ROWS:
            self.count.setText(self.tr("{n} petugas (menampilkan {shown} pertama)").format(
                n=len(found), shown=self.MAX_ROWS))
        else:
            self.count.setText(self.tr("{n} petugas").format(n=len(found)))
        if found and self.autoselect:
            self.list.setCurrentIndex(self.model.index(0))

    def _enter(self) -> None:
        if self.model.rowCount() == 1:
            self.list.setCurrentIndex(self.model.index(0))
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


# --- the screen -------------------------------------------------------------------------

class CheckinScreen(QWidget):
    """One session's check-in desk. Reads through its own connection; every write goes through `runner`.

    `clock` gives the device's aware local time (passed in so tests can fix it).
    """

    result_shown = Signal(object)  # the checkin.Result (or an error string) just shown

    def __init__(self, runner: JobRunner, db_path: Path, session_id: str, parent: QWidget | None = None, *,
                 clock: Callable[[], _dt.datetime] = local_now):
        super().__init__(parent)
        self.runner, self.db_path, self.session_id, self.clock = runner, Path(db_path), session_id, clock
        self.db = dbmod.open_reader(self.db_path)  # reads only: writes go through the runner
        self.session = sessions.require_session(self.db, session_id)
        self.sounds = Sounds(bool(dbmod.get_setting(self.db, "sound", True)), self)
        self.last_event: checkin.Result | None = None  # what Ctrl+Z would undo
        self.camera = None  # the CameraWidget, created on first use
        self._pending: set[Job] = set()
        self._build()
        self.scanner = ScanDetector(self)
        self.scanner.scanned.connect(lambda text: self.submit_code(text, "scanner"))
        self._shortcuts()
        self.reload()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.reload)
        self._refresh_timer.start()
        self.undo_button.setEnabled(False)
        # The writer opens its connection on its first job: let that be now, not the first scan.
        runner.submit(sessions.get_session, session_id)
        # Sound effects decode in the background; start now so the first beep is not late.
        QTimer.singleShot(0, self.sounds.load)

    # Layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("sessionTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.counter = QLabel()
        self.counter.setObjectName("presentCounter")
        self.counter.setStyleSheet("font-size: 24pt; font-weight: bold;")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.counter)

        self.panel = ResultPanel(self)

        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(self.tr("Ketik atau tempel kode kartu, lalu Enter"))
        self.scan_field.setClearButtonEnabled(True)
        self.scan_field.returnPressed.connect(self._scan_field_entered)

        def button(text: str, name: str, slot) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click must not pull focus off the scan field
            b.clicked.connect(slot)
            return b

        self.manual_button = button(self.tr("Cari / manual (F2)"), "manualButton", self.open_manual)
        self.paper_button = button(self.tr("Entri kertas (F4)"), "paperButton", self.open_paper)
        self.undo_button = button(self.tr("Batalkan terakhir (Ctrl+Z)"), "undoButton", self.undo_last)
        self.camera_button = button(self.tr("Kamera (F6)"), "cameraButton", self.toggle_camera)
        self.sound_button = button("", "soundButton", self.toggle_sound)
        self.full_button = button(self.tr("Layar penuh (F11)"), "fullScreenButton", self.toggle_full_screen)
        grid = QGridLayout()
        for i, b in enumerate((self.manual_button, self.paper_button, self.undo_button, self.camera_button,
                               self.sound_button, self.full_button)):
            grid.addWidget(b, i // 2, i % 2)
        self.scan_log_button = button("", "scanLogButton", self.open_scan_log)
        grid.addWidget(self.scan_log_button, 3, 0, 1, 2)

        self.camera_box = QFrame()
        self.camera_box.setObjectName("cameraBox")
        self.camera_box.setLayout(QVBoxLayout())
        self.camera_box.layout().setContentsMargins(0, 0, 0, 0)
        self.camera_box.hide()

        self.tps_table = QTableWidget(0, 2)
        self.tps_table.setObjectName("tpsCounts")
        self.tps_table.setHorizontalHeaderLabels([self.tr("TPS"), self.tr("Hadir")])
        self.tps_table.verticalHeader().hide()
        self.tps_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tps_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tps_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tps_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tps_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentScans")
        self.recent_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        side = QVBoxLayout()
        side.addWidget(self.scan_field)
        side.addLayout(grid)
        side.addWidget(self.camera_box, 3)
        side.addWidget(QLabel(self.tr("Per TPS")))
        side.addWidget(self.tps_table, 2)
        side.addWidget(QLabel(self.tr("Terakhir")))
        side.addWidget(self.recent_list, 3)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(430)
        side_widget.setMinimumWidth(330)
        body = QHBoxLayout()
        body.addWidget(self.panel, 1)
        body.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        self._update_sound_button()

    def _shortcuts(self) -> None:
        for keys, slot in ((Qt.Key.Key_F2, self.open_manual), (Qt.Key.Key_F4, self.open_paper),
                           (Qt.Key.Key_F6, self.toggle_camera), (Qt.Key.Key_F11, self.toggle_full_screen),
                           (Qt.Key.Key_F5, self.reload), (QKeySequence.StandardKey.Undo, self.undo_last)):
            QShortcut(QKeySequence(keys), self, slot)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._leave_full_screen)

    # Reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the session, its expected officers and every count (a few tens of ms at most)."""
        self.session = sessions.require_session(self.db, self.session_id)
        expected = sessions.expected_officers(self.db, self.session_id)
        self.counts = LiveCounts(expected, sessions.current_status(self.db, self.session_id))
        self.index = RosterIndex(expected)
        s = self.session
        when = tanggal(s.date) + (f" · {s.start_time}" if s.start_time else "")
        when += f"–{s.end_time}" if s.end_time else ""
        closed = " · " + self.tr("DITUTUP {time}").format(time=hhmm(s.closed_at)) if s.closed_at else ""
        venue = f" · {s.venue}" if s.venue else ""
        self.title.setText(f"{i18n.core(s.kind_label)}: {s.title}\n{when}{venue} · {s.scope_label}{closed}")
        self._fill_tps_table()
        self._show_counts()
        self._fill_recent()
        self._show_unresolved(checkin.unresolved_count(self.db, self.session_id))

    def _tps_name(self, key: tuple[str, int]) -> str:
        desa, tps = key
        label = roster.tps_label(tps)
        if self.session.scope_kind != "desa":
            label = f"{wilayah.name(desa)} · {label}"
        return label

    def _fill_tps_table(self) -> None:
        keys = sorted(self.counts.by_tps, key=lambda k: (wilayah.name(k[0]), k[1]))
        self._tps_row = {key: row for row, key in enumerate(keys)}
        self.tps_table.setRowCount(len(keys))
        for key, row in self._tps_row.items():
            self.tps_table.setItem(row, 0, QTableWidgetItem(self._tps_name(key)))
            self.tps_table.setItem(row, 1, QTableWidgetItem())
            self._show_tps(key)

    def _show_tps(self, key: tuple[str, int]) -> None:
        present, expected = self.counts.by_tps[key]
        item = self.tps_table.item(self._tps_row[key], 1)
        item.setText(f"{present} / {expected}")
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setBackground(TONES["accepted"][0].lighter(190) if present >= expected else QColor(0, 0, 0, 0))

    def _show_counts(self) -> None:
        c = self.counts
        pct = f" ({100 * c.present // c.expected}%)" if c.expected else ""
        self.counter.setText(self.tr("Hadir {present} / {expected}").format(present=c.present, expected=c.expected)
                             + pct)

    def _fill_recent(self) -> None:
        self.recent_list.clear()
        for row in sessions.recent(self.db, self.session_id, RECENT_LIMIT):
            who = row["nama"] or (row["text"] or "")[:24] or "—"
            label = _t(RESULT_LABELS.get(row["result"], row["result"]))
            method = _t(METHOD_LABELS.get(row["method"], row["method"]))
            item = QListWidgetItem(f"{hhmm(row['at'])}  {who} — {label} ({method})")
            if row["event_id"] is None:
                item.setForeground(TONES["refused"][0])
            self.recent_list.addItem(item)

    def mark_of(self, officer_id: str) -> str | None:
        return self.counts.status.get(officer_id)

    # Writing -----------------------------------------------------------------------------
    def _submit(self, fn, *args, on_done=None) -> Job:
        job = self.runner.submit(fn, *args)
        self._pending.add(job)
        job.finished.connect(lambda result, job=job: self._finished(job, result, on_done))
        job.failed.connect(lambda message, job=job: self._failed(job, message, on_done))
        return job

    def submit_code(self, text: str, method: str = "scanner") -> Job:
        """A scanned, photographed or typed code: the same core call as `kpps checkin`."""
        return self._submit(checkin.check_in, self.session_id, text, self.clock(), method)

    def submit_officer(self, officer_id: str, action: str, reason: str | None) -> Job:
        """From the desk: a manual check-in (reason required) or daring/izin/sakit."""
        if action == "manual":
            return self._submit(checkin.check_in_officer, self.session_id, officer_id, self.clock(), "manual", reason)
        return self._submit(checkin.set_status, self.session_id, officer_id, action, reason, self.clock())

    def _scan_field_entered(self) -> None:
        text = self.scan_field.text().strip()
        self.scan_field.clear()
        if text:
            self.submit_code(text, "scanner")

    def _finished(self, job: Job, result: checkin.Result, on_done) -> None:
        self._pending.discard(job)
        self.show_result(result)
        if on_done is not None:
            on_done(result, None)

    def _failed(self, job: Job, message: str, on_done) -> None:
        self._pending.discard(job)
        self.panel.show_view(ResultView("refused", self.tr("TIDAK DISIMPAN"), message))
        self.sounds.play("error")
        if on_done is not None:
            on_done(None, message)
        self.result_shown.emit(message)

    def show_result(self, result: checkin.Result) -> None:
        officer = result.officer
        photo = cards.photo(self.db, officer["id"]) if officer and result.ok else None
        self.panel.show_view(view_for(result, photo))
        self.sounds.play("accepted" if result.result == "accepted" and result.status != "undo"
                         else "duplicate" if result.result == "duplicate" else "error")
        # After the paint: the counters, the lists, and what Ctrl+Z would undo.
        if result.result == "accepted" and result.status in sessions.CHECKED_IN:
            self.last_event = result
        elif result.status == "undo":
            self.last_event = None
        if officer and result.result == "accepted":
            mark = sessions.officer_mark(self.db, self.session_id, officer["id"])
            key = self.counts.update(officer["id"], mark.status if mark else None)
            if key is not None:
                self._show_tps(key)
                self._show_counts()
        self._fill_recent()
        if result.scan_id is not None:  # refused and kept in the log: one more for the desk to resolve
            self._show_unresolved(self.unresolved + 1)
        self.undo_button.setEnabled(self.last_event is not None)
        self.result_shown.emit(result)

    # Desk actions ------------------------------------------------------------------------
    def _show_unresolved(self, count: int) -> None:
        self.unresolved = count
        self.scan_log_button.setText(self.tr("Pindaian belum selesai ({n})").format(n=count))
        bg, fg = TONES["duplicate"]
        self.scan_log_button.setStyleSheet(f"background: {bg.name()}; color: {fg.name()};" if count else "")

    def open_scan_log(self):
        """The refused scans of this session, to resolve (check in the right officer) or dismiss."""
        from kpps_desktop.ui.scan_log_dialog import ScanLogDialog  # it builds on this module's widgets

        dialog = ScanLogDialog(self.runner, self.db_path, self.session_id, self, clock=self.clock,
                               index=self.index, status=self.mark_of)
        dialog.resolved.connect(self.show_result)
        dialog.count_changed.connect(self._show_unresolved)

        def closed(_code: int) -> None:
            self._show_unresolved(checkin.unresolved_count(self.db, self.session_id))
            dialog.deleteLater()
            self.scan_field.setFocus()

        dialog.finished.connect(closed)
        dialog.open()
        return dialog

    def open_manual(self) -> None:
        dialog = ManualDialog(self.index, self.mark_of, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.submit_officer(*dialog.choice())
        self.scan_field.setFocus()

    def open_paper(self) -> PaperDialog:
        dialog = PaperDialog(self.index, self.mark_of, self.session, self)
        dialog.submitted.connect(lambda kind, value, at: self._paper_entry(dialog, kind, value, at))
        dialog.finished.connect(lambda _code: self.scan_field.setFocus())
        dialog.open()
        return dialog

    def _paper_entry(self, dialog: PaperDialog, kind: str, value: str, written: str) -> None:
        try:
            now = checkin.paper_time(self.db, self.session_id, written)
        except sessions.SessionError as exc:
            dialog.show_outcome(str(exc), "refused")
            return

        def done(result: checkin.Result | None, error: str | None) -> None:
            if result is None:
                dialog.show_outcome(error or "", "refused")
                return
            view = view_for(result)
            name = f"{view.name}: " if view.name else ""
            dialog.show_outcome(f"{name}{result.message}", view.tone)
            if result.ok:
                dialog.entered()

        if kind == "code":
            self._submit(checkin.check_in, self.session_id, value, now, "paper", on_done=done)
        else:
            self._submit(checkin.check_in_officer, self.session_id, value, now, "paper", on_done=done)

    def undo_last(self) -> None:
        last = self.last_event
        if last is None:
            return
        who = last.officer["nama"] if last.officer else self.tr("presensi ini")
        dialog = ReasonDialog(self.tr("Batalkan presensi"),
                              self.tr("Batalkan presensi {who} pukul {time}? Pembatalan dicatat, "
                                      "catatan aslinya tetap tersimpan.").format(who=who, time=hhmm(last.at)),
                              self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._submit(checkin.undo, last.event_id, dialog.reason.text().strip(), self.clock())
        self.scan_field.setFocus()

    def toggle_sound(self) -> None:
        self.sounds.enabled = not self.sounds.enabled
        self.runner.submit(dbmod.set_setting, "sound", self.sounds.enabled)
        self._update_sound_button()

    def _update_sound_button(self) -> None:
        self.sound_button.setText(self.tr("Suara: nyala") if self.sounds.enabled else self.tr("Suara: mati"))

    def toggle_camera(self) -> None:
        if self.camera is None:
            from kpps_desktop.ui.camera import CameraWidget  # Qt Multimedia loads only now

            self.camera = CameraWidget(self.camera_box)
            self.camera.setObjectName("cameraWidget")
            self.camera.scanned.connect(lambda text: self.submit_code(text, "camera"))
            self.camera_box.layout().addWidget(self.camera)
        showing = not self.camera_box.isVisible()
        self.camera_box.setVisible(showing)
        if showing and self.camera.available:
            self.camera.start()
        elif not showing:
            self.camera.stop()

    def toggle_full_screen(self) -> None:
        window = self.window()
        if window.isFullScreen():
            window.showNormal()
        else:
            window.showFullScreen()

    def _leave_full_screen(self) -> None:
        if self.window().isFullScreen():
            self.window().showNormal()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.scan_field.setFocus()

    def shutdown(self) -> None:
        """Stop the camera and close the reading connection (the window is closing)."""
        self._refresh_timer.stop()
        if self.camera is not None:
            self.camera.shutdown()
        self.db.close()
