"""The desk's result banner: the coloured panel and what it says for each check-in result."""

from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kpps_desktop.core import checkin, dates, roster, sessions
from kpps_desktop.ui import i18n

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
    "wrong_day": QT_TRANSLATE_NOOP("CheckinScreen", "BUKAN HARI SESI"),
}
# Every refusal says what to do next: the queue must not stall at the desk.
NEXT_STEPS = {
    "unknown": QT_TRANSLATE_NOOP("CheckinScreen", "Pindai ulang, atau cari nama (F2)."),
    "revoked": QT_TRANSLATE_NOOP("CheckinScreen", "Pakai kartu baru, atau cari nama (F2) untuk presensi manual."),
    "not_in_session": QT_TRANSLATE_NOOP("CheckinScreen",
                                        "Arahkan ke sesi yang benar, atau cari nama (F2) bila ia memang peserta."),
    "invalid": QT_TRANSLATE_NOOP("CheckinScreen",
                                 "Pindai ulang kartu presensi (bukan KTP), atau cari nama (F2)."),
    "closed": QT_TRANSLATE_NOOP("CheckinScreen",
                                "Entri kertas (F4) masih bisa; untuk sesi lain pilih ← Ganti sesi."),
    "wrong_day": QT_TRANSLATE_NOOP("CheckinScreen",
                                   "Pilih sesi hari ini (← Ganti sesi), atau entri kertas (F4) dengan jamnya."),
    "error": QT_TRANSLATE_NOOP("CheckinScreen", "Pindai ulang; bila terulang, catat di kertas dan lapor operator."),
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
IDLE_TEXT = QT_TRANSLATE_NOOP("CheckinScreen", "Pindai kartu, tunjukkan ke kamera, atau cari nama (F2)")



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
                      with_next_step(result.message, result.result), **common)


def with_next_step(message: str, result: str) -> str:
    """A refusal's message and, on its own line, what the desk should do now."""
    step = NEXT_STEPS.get(result, NEXT_STEPS["error"])
    return f"{message}\n{_t(step)}" if message else _t(step)


def idle_view(session: sessions.Session) -> ResultView:
    """What the banner shows between results: SIAP, or SESI DITUTUP for a closed session."""
    if session.closed_at:
        return ResultView("refused", QCoreApplication.translate("CheckinScreen", "SESI DITUTUP"),
                          QCoreApplication.translate("CheckinScreen", "Ditutup pukul {time}; pindaian tidak diterima.")
                          .format(time=hhmm(session.closed_at)) + "\n" + _t(NEXT_STEPS["closed"]))
    return ResultView("idle", QCoreApplication.translate("CheckinScreen", "SIAP"), _t(IDLE_TEXT))


class ResultPanel(QWidget):
    """The coloured result, painted directly so it scales to any window; readable from two metres."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.view = ResultView("idle", QCoreApplication.translate("CheckinScreen", "SIAP"), _t(IDLE_TEXT))
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


