"""The berita acara serah terima (handover receipt) of a .kpps file as an Indonesian office form."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPen

from kpps_desktop import __version__
from kpps_desktop.core import exchange, paperwork, wilayah
from kpps_desktop.core.drives import human_size
from kpps_desktop.core.paperwork import DOTS, Paperwork, Signer
from kpps_desktop.render import layout, pdf
from kpps_desktop.render.forms import tanggal
from kpps_desktop.render.pdf import mm

if TYPE_CHECKING:
    import sqlite_utils

MARGIN = 20.0  # mm
LABEL_W = 40.0
ROLE_BODY = {"pps": "PPS", "ppk": "PPK", "kpu": "KPU"}
LEVEL_BODY = {"desa": "PPS", "kecamatan": "PPK", "kabupaten": "KPU", "provinsi": "KPU"}
ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}
STATUS_ROWS = (("hadir", "Hadir tepat waktu"), ("terlambat", "Hadir terlambat"), ("hadir_daring", "Hadir daring"),
               ("izin", "Izin"), ("sakit", "Sakit"), ("tidak_hadir", "Tidak hadir"), ("belum", "Belum tercatat"))


def local_time(stamp: str, tz: _dt.tzinfo | None = None) -> tuple[str, str]:
    """('Kamis, 7 November 2024', '14.05 WIB') of an ISO instant, in this computer's time zone."""
    t = _dt.datetime.fromisoformat(stamp).astimezone(tz)
    offset = t.utcoffset() or _dt.timedelta()
    hours = offset.total_seconds() / 3600
    zone = ZONES.get(int(hours)) if hours.is_integer() else None
    if zone is None:
        sign = "+" if offset >= _dt.timedelta() else "-"
        minutes = abs(int(offset.total_seconds())) // 60
        zone = f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return tanggal(t.date().isoformat()), f"{t:%H.%M} {zone}"


def sender_text(result: exchange.ExportResult, sender_wilayah: str) -> str:
    return f"{ROLE_BODY.get(result.role, result.role.upper())} {paperwork.region_title(sender_wilayah)}"


def receiver_jabatan(scope: str, sender_wilayah: str) -> str:
    """Who receives: the office above the sender, or the office of a narrower scope sent down."""
    if len(scope) > len(sender_wilayah):
        target = scope
    else:
        target = wilayah.parent_code(sender_wilayah) or sender_wilayah
    level = wilayah.level_of(target) or "kabupaten"
    return f"Sekretaris {LEVEL_BODY[level]} {paperwork.region_title(target)}"


def status_counts(db: sqlite_utils.Database, scope: str) -> tuple[int, dict[str, int]] | None:
    """(sessions, counts per status) of the attendance in `scope`, or None when there is none."""
    from kpps_desktop.core import recap

    try:
        r = recap.recap(db, "desa", within=scope)
    except recap.RecapError:
        return None
    return (len(r.sessions), dict(r.total)) if r.sessions else None


def receipt_pdf(result: exchange.ExportResult, out: Path | str, *, sender_wilayah: str,
                receiver: str = "", paper: str = "a4", tz: _dt.tzinfo | None = None,
                db: sqlite_utils.Database | None = None) -> Path:
    """Draw the berita acara: the two parties (names, jabatan), what was handed over (sessions,
    attendance per status, records), the file and its verification code, place, date, signatures."""
    kop = paperwork.get(db) if db is not None else None
    counts = status_counts(db, result.scope) if db is not None else None
    return draw_receipt(result, out, sender_wilayah=sender_wilayah, receiver=receiver, paper=paper, tz=tz,
                        kop=kop, counts=counts)


def draw_receipt(result: exchange.ExportResult, out: Path | str, *, sender_wilayah: str, receiver: str = "",
                 paper: str = "a4", tz: _dt.tzinfo | None = None, kop: Paperwork | None = None,
                 counts: tuple[int, dict[str, int]] | None = None) -> Path:
    if tz is None and kop is not None:  # the office's own zone, whatever the laptop's clock is set to
        hours = {v: k for k, v in ZONES.items()}[kop.zone]
        tz = _dt.timezone(_dt.timedelta(hours=hours))
    day, clock = local_time(result.created_at, tz)
    sender = sender_text(result, sender_wilayah)
    giver = kop.sekretaris if kop else Signer(f"Sekretaris {sender}", "")
    taker = Signer(receiver_jabatan(result.scope, sender_wilayah), "")
    place = kop.place if kop else ""
    with pdf.pdf_writer(out, paper, "Berita acara serah terima data presensi KPPS") as (_, p, page):
        page_w, page_h = page.width / pdf.UNIT, page.height / pdf.UNIT
        left, width = MARGIN, page_w - 2 * MARGIN
        y = layout.draw_kop(p, kop, layout.MARGIN_TOP, page_w) if kop else MARGIN
        heading = ["BERITA ACARA SERAH TERIMA", "DATA PRESENSI PETUGAS KPPS"]
        if kop:
            heading.append(kop.election.upper())
        y = layout.draw_heading(p, heading, y, page_w)
        pdf.draw_text(p, 0, mm(y), f"Nomor: {DOTS}", 9, False, pdf.INK, "center", mm(page_w))
        y += 8
        y = _paragraph(p, left, y, width, (
            f"Pada hari ini {day}, pukul {clock}, bertempat di {place or DOTS[:25]}, kami yang bertanda tangan "
            "di bawah ini:"))
        y += 1.5
        for n, (who, role) in enumerate(((giver, "PIHAK PERTAMA (yang menyerahkan)"),
                                         (taker, "PIHAK KEDUA (yang menerima)")), 1):
            y = _field(p, left, y, width, f"{n}. Nama", who.nama_or_dots)
            y = _field(p, left, y, width, "    Jabatan", who.jabatan)
            y = _paragraph(p, left + 4, y, width - 4, f"selanjutnya disebut {role}.", size=9.5)
            y += 1.5
        y = _paragraph(p, left, y, width, (
            f"PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA data presensi petugas KPPS "
            f"{paperwork.region_title(result.scope)} dalam satu berkas elektronik, dengan rincian:"))
        y += 2
        rows, listed = [], set()
        if counts is not None:
            sessions, total = counts
            # The sessions handed over are those the file carries for its scope (a KPU sending one
            # kecamatan its roster has the whole kabupaten's sessions; the recap lists them all).
            if "sessions" in result.counts:
                sessions, listed = result.counts["sessions"], {"sessions"}
            rows += [("Jumlah sesi kegiatan", paperwork.ribuan(sessions)),
                     ("Petugas yang diharapkan hadir (orang × sesi)", paperwork.ribuan(total.get("expected", 0)))]
            rows += [(label, paperwork.ribuan(total.get(key, 0))) for key, label in STATUS_ROWS]
        # Record counts of the file; kinds it does not carry are left out (no "Peserta sesi 0").
        rows += [(exchange._LABELS[t], paperwork.ribuan(result.counts[t])) for t in exchange.TABLES
                 if result.counts.get(t) and t not in listed]
        y = _counts(p, left + 4, y, 120.0, rows)
        y += 4
        for label, value, bold in (
                ("Nama berkas", result.path.name, False),
                ("Ukuran berkas", f"{human_size(result.size)} ({paperwork.ribuan(result.size)} bita)", False),
                ("Kode verifikasi", result.fingerprint, True),
                ("Enkripsi", result.encryption_text[0].upper() + result.encryption_text[1:],
                 result.encrypted_for is None)):
            y = _field(p, left, y, width, label, value, bold=bold)
        y += 2
        y = _paragraph(p, left, y, width, (
            "PIHAK KEDUA mencocokkan kode verifikasi di atas dengan yang tampil di layar impor aplikasi "
            "Presensi KPPS sebelum menerima berkas. Demikian berita acara ini dibuat rangkap dua untuk "
            "dipergunakan sebagaimana mestinya."), size=9.5)
        date_line = f"{place or DOTS[:20]}, {tanggal(_dt.datetime.fromisoformat(result.created_at).astimezone(tz).date().isoformat(), False)}"  # noqa: E501
        layout.draw_signatures(p, y + 2, page_w, [("Yang menerima, PIHAK KEDUA", taker),
                                                  ("Yang menyerahkan, PIHAK PERTAMA", giver)], date_line)
        note = f"SHA-256 berkas: {result.sha256[:32]} {result.sha256[32:]}"
        pdf.draw_text(p, mm(left), page_h - mm(MARGIN / 2 + 3), note, 6.5, False, pdf.MUTED)
        pdf.draw_text(p, mm(left), page_h - mm(MARGIN / 2), f"Dibuat oleh Presensi KPPS {__version__}",
                      6.5, False, pdf.MUTED)
    return pdf.target_path(out)


def _paragraph(p, x: float, y: float, width: float, text: str, size: float = 10.0, color=pdf.INK) -> float:
    lines = pdf.wrap(text, size, False, mm(width)) or [text]
    lh = pdf.line_height(size) / pdf.UNIT
    for line in lines:
        pdf.draw_text(p, mm(x), mm(y), line, size, False, color)
        y += lh
    return y


def _field(p, x: float, y: float, width: float, label: str, value: str, bold: bool = False) -> float:
    size = 10.0
    lh = pdf.line_height(size) / pdf.UNIT
    pdf.draw_text(p, mm(x), mm(y), label, size)
    pdf.draw_text(p, mm(x + LABEL_W - 3), mm(y), ":", size)
    _, lines = pdf.fit(value, mm(width - LABEL_W), bold=bold, max_pt=size, stages=((2, 7.5),))
    for line in lines:
        pdf.draw_text(p, mm(x + LABEL_W), mm(y), line, size, bold)
        y += lh
    return y + 0.6


def _counts(p, x: float, y: float, width: float, rows: list[tuple[str, str]]) -> float:
    row_h = 5.2
    for i, (label, value) in enumerate([("Uraian", "Jumlah"), *rows]):
        head = i == 0
        rect = QRectF(mm(x), mm(y), mm(width), mm(row_h))
        if head:
            p.fillRect(rect, pdf.RULE.lighter(150))
        p.setPen(QPen(pdf.RULE, mm(0.2)))
        p.drawRect(rect)
        p.drawLine(mm(x + width * 0.75), mm(y), mm(x + width * 0.75), mm(y + row_h))
        base = y + row_h / 2 + 1.2
        pdf.draw_text(p, mm(x + 2), mm(base), label, 8.5, head)
        pdf.draw_text(p, mm(x + width * 0.75), mm(base), value, 8.5, head, align="right", width=mm(width * 0.25 - 2))
        y += row_h
    return y
