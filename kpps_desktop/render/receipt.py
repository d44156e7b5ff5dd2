"""The berita acara serah terima (handover receipt) of a .kpps file as a one-page vector PDF."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPen

from kpps_desktop import __version__
from kpps_desktop.core import exchange, wilayah
from kpps_desktop.core.drives import human_size
from kpps_desktop.render import pdf
from kpps_desktop.render.forms import tanggal
from kpps_desktop.render.pdf import mm

MARGIN = 20.0  # mm
LABEL_W = 48.0
ROLE_BODY = {"pps": "PPS", "ppk": "PPK", "kpu": "KPU"}
ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


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
    return f"{ROLE_BODY.get(result.role, result.role.upper())} {wilayah.name(sender_wilayah)}"


def receipt_pdf(result: exchange.ExportResult, out: Path | str, *, sender_wilayah: str,
                receiver: str = "", paper: str = "a4", tz: _dt.tzinfo | None = None) -> Path:
    """Draw the receipt: who handed over what (counts per kind of record), the file's SHA-256,
    the sender's key fingerprint, whether it is encrypted, and two signature boxes."""
    day, clock = local_time(result.created_at, tz)
    sender = sender_text(result, sender_wilayah)
    receiver = receiver or (result.encrypted_for.label if result.encrypted_for else "")
    with pdf.pdf_writer(out, paper, "Berita acara serah terima data presensi KPPS") as (_, p, page):
        left, width = MARGIN, page.width / pdf.UNIT - 2 * MARGIN
        y = MARGIN + 6
        pdf.draw_text(p, mm(left), mm(y), "BERITA ACARA SERAH TERIMA", 14, True, align="center", width=mm(width))
        y += 6.5
        pdf.draw_text(p, mm(left), mm(y), "DATA PRESENSI PETUGAS KPPS", 12, True, align="center", width=mm(width))
        y += 4
        p.setPen(QPen(pdf.INK, mm(0.4)))
        p.drawLine(mm(left), mm(y), mm(left + width), mm(y))
        y += 8
        y = _paragraph(p, left, y, width, (
            f"Pada hari ini {day}, pukul {clock}, {sender} menyerahkan berkas data presensi petugas "
            f"KPPS kepada {receiver or '.' * 40}, dengan rincian sebagai berikut:"))
        y += 3
        rows = [
            ("Wilayah data", f"{result.scope} {wilayah.name(result.scope)}"),
            ("Pengirim", sender),
            ("Perangkat pengirim", result.device_id),
            ("Kode verifikasi", result.fingerprint),
            ("Waktu pembuatan", f"{day}, {clock}"),
            ("Nama berkas", result.path.name),
            ("Ukuran berkas", f"{human_size(result.size)} ({_number(result.size)} bita)"),
            ("SHA-256", f"{result.sha256[:32]}\n{result.sha256[32:]}"),
            ("Enkripsi", result.encryption_text[0].upper() + result.encryption_text[1:]),
        ]
        for label, value in rows:
            y = _field(p, left, y, width, label, value, bold=label == "Kode verifikasi" or (
                label == "Enkripsi" and result.encrypted_for is None))
        y += 5
        pdf.draw_text(p, mm(left), mm(y), "Isi berkas:", 10, True)
        y += 2
        y = _counts(p, left + 4, y, 100.0, result.counts)
        y += 8
        y = _paragraph(p, left, y, width, (
            "Penerima memeriksa berkas dengan aplikasi Presensi KPPS (menu Serah terima → Terima). "
            "Berkas yang isinya berubah walau satu bita akan ditolak; SHA-256 di atas harus sama dengan "
            "yang ditampilkan saat impor. Berkas pertama dari perangkat ini diterima bila kode verifikasi di atas "
            "sama dengan kode yang tampil besar di layar impor penerima (\"Cocok dengan berita acara?\"); "
            "cukup dibandingkan di tempat, tanpa telepon."), size=9, color=pdf.MUTED)
        y += 10
        _signatures(p, left, y, width, sender, receiver)
        pdf.draw_text(p, mm(left), page.height - mm(MARGIN / 2), f"Dibuat oleh Presensi KPPS {__version__}",
                      7, False, pdf.MUTED)
    return Path(out)


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _paragraph(p, x: float, y: float, width: float, text: str, size: float = 10.5, color=pdf.INK) -> float:
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
    for part in value.split("\n"):
        _, lines = pdf.fit(part, mm(width - LABEL_W), bold=bold, max_pt=size, stages=((2, 7.5),))
        for line in lines:
            pdf.draw_text(p, mm(x + LABEL_W), mm(y), line, size, bold)
            y += lh
    return y + 0.8


def _counts(p, x: float, y: float, width: float, counts: dict[str, int]) -> float:
    row_h = 6.5
    p.setPen(QPen(pdf.RULE, mm(0.2)))
    rows = [("Jenis data", "Jumlah rekaman", True)]
    rows += [(exchange._LABELS[t], _number(counts.get(t, 0)), False) for t in exchange.TABLES]
    for label, value, head in rows:
        rect = QRectF(mm(x), mm(y), mm(width), mm(row_h))
        if head:
            p.fillRect(rect, pdf.RULE.lighter(150))
        p.setPen(QPen(pdf.RULE, mm(0.2)))
        p.drawRect(rect)
        p.drawLine(mm(x + width * 0.6), mm(y), mm(x + width * 0.6), mm(y + row_h))
        base = y + row_h / 2 + 1.4
        pdf.draw_text(p, mm(x + 2), mm(base), label, 9.5, head)
        pdf.draw_text(p, mm(x + width * 0.6), mm(base), value, 9.5, head, align="right", width=mm(width * 0.4 - 2))
        y += row_h
    return y


def _signatures(p, x: float, y: float, width: float, sender: str, receiver: str) -> None:
    box_w, box_h = (width - 16) / 2, 48.0
    for i, (title, who) in enumerate((("Yang menyerahkan,", sender), ("Yang menerima,", receiver))):
        bx = x + i * (box_w + 16)
        p.setPen(QPen(pdf.RULE, mm(0.3)))
        p.drawRect(QRectF(mm(bx), mm(y), mm(box_w), mm(box_h)))
        pdf.draw_text(p, mm(bx), mm(y + 6), title, 10, False, align="center", width=mm(box_w))
        if who:
            size, lines = pdf.fit(who, mm(box_w - 6), bold=True, max_pt=10, stages=((2, 7.5),))
            for n, line in enumerate(lines):
                pdf.draw_text(p, mm(bx + 3), mm(y + 11 + n * 4.5), line, size, True, align="center",
                              width=mm(box_w - 6))
        pdf.draw_text(p, mm(bx + 3), mm(y + box_h - 11), "(" + "." * 44 + ")", 10, False, align="center",
                      width=mm(box_w - 6))
        pdf.draw_text(p, mm(bx + 5), mm(y + box_h - 4), "Nama terang dan tanda tangan", 7.5, False, pdf.MUTED,
                      align="center", width=mm(box_w - 10))
