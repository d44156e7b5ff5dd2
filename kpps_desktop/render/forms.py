"""Paper forms: the daftar hadir a session's officers sign (SPJ evidence), the roster sheet with QR codes."""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import sqlite_utils
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from kpps_desktop.core import cards as cardmod
from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import dates, roster, sessions, wilayah
from kpps_desktop.core.progress import Progress
from kpps_desktop.render import pdf, qr
from kpps_desktop.render.pdf import mm
from kpps_desktop.core.errors import InputError

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 15.0, 12.0, 14.0  # mm; clear of any printer's dead edge
HEAD_FILL = QColor("#eceff1")
GRID = QColor("#5f6368")


def tanggal(date: str, with_day: bool = True) -> str:
    """'2024-11-11' -> 'Senin, 11 November 2024'."""
    return dates.tanggal(date, with_day)


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # mm
    align: str = "left"


class _Table:
    """A paged table: header block and column titles repeated on every page, page numbers."""

    def __init__(self, writer, painter: QPainter, paper: str, columns: list[Column], row_h: float,
                 header: Callable[[QPainter, float], float], header_h: float, footer_h: float):
        self.writer, self.p = writer, painter
        self.page_w, self.page_h = pdf.paper_size(paper)
        spare = self.page_w - 2 * MARGIN_X - sum(c.width for c in columns)
        # The widest column (the name) takes whatever the paper has to spare.
        widest = max(range(len(columns)), key=lambda i: columns[i].width)
        self.columns = [Column(c.title, c.width + (spare if i == widest else 0), c.align)
                        for i, c in enumerate(columns)]
        self.row_h, self.header, self.header_h, self.footer_h = row_h, header, header_h, footer_h
        self.title_h = 8.0
        self.body_top = MARGIN_TOP + header_h + self.title_h
        self.rows_per_page = max(1, int((self.page_h - MARGIN_BOTTOM - 6 - self.body_top) // row_h))

    def pages(self, rows: int) -> int:
        n = max(1, math.ceil(rows / self.rows_per_page))
        used = rows - (n - 1) * self.rows_per_page
        if self.footer_h and self.body_top + used * self.row_h + self.footer_h > self.page_h - MARGIN_BOTTOM - 6:
            n += 1  # the signature block does not fit under the last rows
        return n

    def xs(self) -> list[float]:
        out, x = [], MARGIN_X
        for c in self.columns:
            out.append(x)
            x += c.width
        return out + [x]

    def start_page(self, page: int, total: int) -> None:
        if page:
            self.writer.newPage()
        self.header(self.p, MARGIN_TOP)
        top = MARGIN_TOP + self.header_h
        xs = self.xs()
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(HEAD_FILL)
        self.p.drawRect(QRectF(mm(xs[0]), mm(top), mm(xs[-1] - xs[0]), mm(self.title_h)))
        for c, x in zip(self.columns, xs):
            size, lines = pdf.fit(c.title, mm(c.width - 2), bold=True, max_pt=7.5, stages=((2, 5.5),))
            lh = pdf.line_height(size, True)
            y = mm(top + self.title_h / 2) - lh * len(lines) / 2 + pdf.metrics(size, True).ascent()
            for line in lines:
                pdf.draw_text(self.p, mm(x + 1), y, line, size, True, pdf.INK, "center", mm(c.width - 2))
                y += lh
        self._grid(top, self.title_h)
        pdf.draw_text(self.p, 0, mm(self.page_h - MARGIN_BOTTOM + 6), f"Halaman {page + 1} dari {total}",
                      7.5, False, pdf.MUTED, "center", mm(self.page_w))

    def _grid(self, top: float, height: float) -> None:
        xs = self.xs()
        self.p.setPen(QPen(GRID, mm(0.2)))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawLines([QLineF(mm(x), mm(top), mm(x), mm(top + height)) for x in xs]
                         + [QLineF(mm(xs[0]), mm(top + height), mm(xs[-1]), mm(top + height)),
                            QLineF(mm(xs[0]), mm(top), mm(xs[-1]), mm(top))])

    def row_top(self, slot: int) -> float:
        return self.body_top + slot * self.row_h

    def cell(self, col: int, top: float, text: str, *, bold: bool = False, max_pt: float = 8.0,
             lines: int = 2, color: QColor = pdf.INK) -> None:
        """Text centred vertically in a cell, wrapped or shrunk to fit, never clipped."""
        if not text:
            return
        c = self.columns[col]
        x = self.xs()[col]
        size, parts = pdf.fit(text, mm(c.width - 2.4), bold=bold, max_pt=max_pt,
                              stages=((lines, 7.0), (lines + 1, 4.5)))
        lh = pdf.line_height(size, bold)
        y = mm(top + self.row_h / 2) - lh * len(parts) / 2 + pdf.metrics(size, bold).ascent()
        for line in parts:
            pdf.draw_text(self.p, mm(x + 1.2), y, line, size, bold, color, c.align, mm(c.width - 2.4))
            y += lh

    def finish_row(self, slot: int) -> None:
        self._grid(self.row_top(slot), self.row_h)


# --- daftar hadir -----------------------------------------------------------------------

DH_COLUMNS = [
    Column("No", 8, "center"), Column("Nama", 44), Column("NIK", 27, "center"),
    Column("Jabatan", 21), Column("TPS", 17, "center"), Column("Jam hadir", 12, "center"),
    Column("Status", 15, "center"), Column("Tanda tangan", 36),
]


def _scope_lines(session: sessions.Session, officers: list[dict]) -> list[tuple[str, str]]:
    """Desa / kecamatan / kabupaten of the session, as label-value pairs for the header."""
    kode = session.scope
    if session.scope_kind == "officers":
        desas = {o["desa"] for o in officers}
        kode = desas.pop() if len(desas) == 1 else None
        if kode is None:
            return [("Peserta", "Petugas terpilih")]
    # Desa first, up to the kabupaten (the province is implied).
    return [(wilayah.LEVEL_LABELS[wilayah.level_of(code)], wilayah.name(code))
            for code in reversed(wilayah.ancestors(kode)[1:])]


def daftar_hadir_pdf(db: sqlite_utils.Database, session_id: str, out: Path | str, paper: str = "a4", *,
                     show_nik: bool = False, operator: str | None = None,
                     progress: Progress | None = None) -> int:
    """The signed attendance list of a session; returns the number of officer rows.

    Check-in times and statuses come from the attendance records (empty when none).
    """
    session = sessions.require_session(db, session_id)
    officers = sessions.expected_officers(db, session_id)
    marks = sessions.current_status(db, session_id)
    region = _scope_lines(session, officers)
    waktu = " – ".join(t for t in (session.start_time, session.end_time) if t)
    info_left = [("Kegiatan", f"{session.kind_label}: {session.title}"),
                 ("Hari/Tanggal", tanggal(session.date)),
                 ("Waktu", f"{waktu} WIB" if waktu else "-"), ("Tempat", session.venue or "-")]
    header_h = 12 + 4.6 * max(len(info_left), len(region)) + 3

    def header(p: QPainter, top: float) -> None:
        w = pdf.paper_size(paper)[0]
        pdf.draw_text(p, 0, mm(top + 5), "DAFTAR HADIR", 13, True, pdf.INK, "center", mm(w))
        size, lines = pdf.fit(f"{session.kind_label.upper()} KPPS",
                              mm(w - 40), bold=True, max_pt=9.5)
        pdf.draw_text(p, 0, mm(top + 10), lines[0], size, True, pdf.MUTED, "center", mm(w))
        y = top + 16
        half = (w - 2 * MARGIN_X) / 2
        for column, pairs in enumerate((info_left, region)):
            x = MARGIN_X + column * (half + 4)
            label_w = max((pdf.text_width(label, 8, True) for label, _ in pairs), default=0) + mm(1.5)
            for i, (label, value) in enumerate(pairs):
                pdf.draw_text(p, mm(x), mm(y + i * 4.6), label, 8, True)
                size, lines = pdf.fit(f": {value}", mm(half - 4) - label_w, max_pt=8, stages=((1, 5.5),))
                pdf.draw_text(p, mm(x) + label_w, mm(y + i * 4.6), lines[0], size)

    footer_h = 46.0
    with pdf.pdf_writer(out, paper, f"Daftar hadir {session.title}") as (writer, p, _page):
        table = _Table(writer, p, paper, DH_COLUMNS, 9.0, header, header_h, footer_h)
        total = table.pages(len(officers))
        if progress:
            progress.set_total(len(officers), "Menyusun daftar hadir")
        page = -1
        sign_x = table.xs()[7]
        sign_w = table.columns[7].width
        for i, o in enumerate(officers):
            slot = i % table.rows_per_page
            if slot == 0:
                page += 1
                table.start_page(page, total)
            top = table.row_top(slot)
            mark = marks.get(o["id"])
            nik = o["nik"] if show_nik else nikmod.mask(o["nik"])
            table.cell(0, top, str(i + 1))
            table.cell(1, top, o["nama"], bold=True)
            table.cell(2, top, nik, max_pt=7.5, lines=1)
            table.cell(3, top, roster.JABATAN_LABELS.get(o["jabatan"], o["jabatan"]), max_pt=7.5)
            table.cell(4, top, roster.tps_label(o["tps"], o["tps_label"]), max_pt=7.5)
            if mark is not None:
                if mark.status in sessions.PRESENT:
                    table.cell(5, top, _hhmm(mark.at), max_pt=7.5, lines=1)
                table.cell(6, top, sessions.STATUS_LABELS.get(mark.status, mark.status), max_pt=7.5)
            # Indonesian forms alternate: odd numbers sign on the left half, even on the right.
            x = sign_x + (0 if i % 2 == 0 else sign_w / 2)
            pdf.draw_text(p, mm(x + 1), mm(top + 3.4), f"{i + 1}.", 6.5, False, pdf.MUTED)
            p.setPen(QPen(pdf.RULE, mm(0.15), Qt.PenStyle.DotLine))
            p.drawLine(QLineF(mm(x + 1.5), mm(top + table.row_h - 1.8), mm(x + sign_w / 2 - 1.5),
                              mm(top + table.row_h - 1.8)))
            table.finish_row(slot)
            if progress and i % 100 == 99:
                progress.tick(100)
        used = len(officers) - max(page, 0) * table.rows_per_page
        if page < 0:
            page = 0
            table.start_page(0, total)
            pdf.draw_text(p, mm(MARGIN_X), mm(table.body_top + 6),
                          "Tidak ada petugas yang diharapkan hadir pada sesi ini.", 9, False, pdf.MUTED)
            used = 1
        y = table.row_top(used) + 5
        if page + 1 < total:
            page += 1
            table.start_page(page, total)
            y = table.body_top + 5
        _signature_block(p, y, paper, session, region, len(officers))
    cardmod.log_print(db, "daftar_hadir", session_id, len(officers), paper.lower(), operator, show_nik=show_nik)
    return len(officers)


def _hhmm(at: str) -> str:
    return _dt.datetime.fromisoformat(at).strftime("%H:%M")


def _signature_block(p: QPainter, y: float, paper: str, session: sessions.Session,
                     region: list[tuple[str, str]], count: int) -> None:
    w = pdf.paper_size(paper)[0]
    pdf.draw_text(p, mm(MARGIN_X), mm(y), f"Jumlah petugas: {count} orang", 8.5)
    place = region[0][1] if region and region[0][0] != "Peserta" else ""
    date_line = f"{place}, {tanggal(session.date, with_day=False)}" if place else tanggal(session.date, False)
    col_w = 70.0
    right_x = w - MARGIN_X - col_w
    pdf.draw_text(p, mm(right_x), mm(y + 7), date_line, 9, False, pdf.INK, "center", mm(col_w))
    for x, role in ((MARGIN_X, "Ketua PPS"), (right_x, "Sekretaris PPS")):
        pdf.draw_text(p, mm(x), mm(y + 12), "Mengetahui," if role == "Ketua PPS" else "", 9, False,
                      pdf.INK, "center", mm(col_w))
        pdf.draw_text(p, mm(x), mm(y + 16.5), role, 9, True, pdf.INK, "center", mm(col_w))
        pdf.draw_text(p, mm(x), mm(y + 38), "(" + "." * 48 + ")", 9, False, pdf.INK, "center", mm(col_w))


# --- roster sheet with QR codes -------------------------------------------------------------

RS_COLUMNS = [
    Column("No", 9, "center"), Column("Kode QR", 20, "center"), Column("Nama / NIK", 52),
    Column("Jabatan", 24), Column("TPS", 20, "center"), Column("Desa/Kel.", 27),
    Column("Kode", 28, "center"),
]
RS_QR = 13.0  # mm; 0.52 mm modules, 2.5 mm (almost 5 modules) of white above and below


def roster_sheet_pdf(db: sqlite_utils.Database, out: Path | str, *, within: str | None = None,
                     paper: str = "a4", show_nik: bool = False, operator: str | None = None,
                     progress: Progress | None = None) -> int:
    """One row per active officer with a small QR, for the desk to scan when a card is forgotten."""
    rows = cardmod.officers_for_print(db, within=within)
    if not rows:
        raise InputError("Tidak ada petugas aktif untuk dicetak.")
    scope = wilayah.name(within) if within else "Semua wilayah"
    level = wilayah.LEVEL_LABELS.get(wilayah.level_of(within) or "", "") if within else ""

    def header(p: QPainter, top: float) -> None:
        w = pdf.paper_size(paper)[0]
        pdf.draw_text(p, 0, mm(top + 5), "DAFTAR PETUGAS KPPS DENGAN KODE QR", 12, True, pdf.INK, "center", mm(w))
        pdf.draw_text(p, 0, mm(top + 10.5), f"{level} {scope}".strip() + f" · {len(rows)} petugas",
                      9, False, pdf.MUTED, "center", mm(w))

    with pdf.pdf_writer(out, paper, f"Daftar petugas dengan kode QR ({len(rows)})") as (writer, p, _page):
        table = _Table(writer, p, paper, RS_COLUMNS, RS_QR + 5.0, header, 15.0, 0.0)
        total = table.pages(len(rows))
        if progress:
            progress.set_total(len(rows), "Menyusun daftar petugas")
        page = -1
        qr_x = table.xs()[1] + (table.columns[1].width - RS_QR) / 2
        for i, o in enumerate(rows):
            slot = i % table.rows_per_page
            if slot == 0:
                page += 1
                table.start_page(page, total)
            top = table.row_top(slot)
            nik = o["nik"] if show_nik else nikmod.mask(o["nik"])
            table.cell(0, top, str(i + 1))
            qr.draw(p, o["code"], mm(qr_x), mm(top + 2.5), mm(RS_QR))
            table.cell(2, top, f"{o['nama']}", bold=True)
            pdf.draw_text(p, mm(table.xs()[2] + 1.2), mm(top + table.row_h - 1.6), nik, 6.5, False, pdf.MUTED)
            table.cell(3, top, roster.JABATAN_LABELS.get(o["jabatan"], o["jabatan"]), max_pt=7.5)
            table.cell(4, top, roster.tps_label(o["tps"], o["tps_label"]), max_pt=7.5)
            table.cell(5, top, wilayah.name(o["desa"]), max_pt=7.5)
            table.cell(6, top, cardmod.format_code(o["code"]), bold=True, max_pt=7.0, lines=3)
            table.finish_row(slot)
            if progress and i % 100 == 99:
                progress.tick(100)
    cardmod.log_print(db, "daftar_petugas_qr", within or "semua", len(rows), paper.lower(), operator, show_nik=show_nik)
    return len(rows)
