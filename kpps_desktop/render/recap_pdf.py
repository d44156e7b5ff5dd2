"""Recap and transport payee PDFs: landscape A4/F4, title block, paged table, charts, signatures."""

from __future__ import annotations

import contextlib
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

import sqlite_utils
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter, QPdfWriter, QPen

from kpps_desktop.core import recap, terbilang
from kpps_desktop.core.transport import Payees
from kpps_desktop.render import charts, pdf
from kpps_desktop.render.pdf import mm

MARGIN = 12.0  # mm
ROW_H, HEAD_H, TITLE_H = 6.0, 10.0, 22.0
HEAD_FILL = QColor("#eceff1")
TOTAL_FILL = QColor("#f5f5f5")
GRID = QColor("#5f6368")
SIGN_H = 38.0
CHART_H = 72.0


@dataclass(frozen=True)
class Col:
    title: str
    width: float  # mm; the widest column takes the paper's spare width
    align: str = "left"


@contextlib.contextmanager
def landscape(out: Path | str, paper: str, title: str) -> Iterator[tuple[QPdfWriter, QPainter, float, float]]:
    """pdf.pdf_writer turned landscape, with the page size in millimetres (this module draws in mm)."""
    with pdf.pdf_writer(out, paper, title, landscape=True) as (writer, painter, page):
        yield writer, painter, page.width / mm(1), page.height / mm(1)


class _Sheet:
    """Pages with a title block, a table whose header repeats, and room kept for what follows."""

    def __init__(self, writer: QPdfWriter, p: QPainter, page_w: float, page_h: float, title: str,
                 subtitle: Sequence[str], cols: Sequence[Col]):
        self.writer, self.p, self.page_w, self.page_h = writer, p, page_w, page_h
        self.title, self.subtitle = title, list(subtitle)
        spare = page_w - 2 * MARGIN - sum(c.width for c in cols)
        widest = max(range(len(cols)), key=lambda i: cols[i].width)
        self.cols = [Col(c.title, c.width + (spare if i == widest else 0), c.align) for i, c in enumerate(cols)]
        self.page = 0
        self.y = 0.0
        self._start(first=True)

    @property
    def bottom(self) -> float:
        return self.page_h - MARGIN - 5

    def xs(self) -> list[float]:
        out, x = [], MARGIN
        for c in self.cols:
            out.append(x)
            x += c.width
        return out + [x]

    def _start(self, first: bool = False) -> None:
        if not first:
            self.writer.newPage()
        self.page += 1
        y = MARGIN
        pdf.draw_text(self.p, mm(MARGIN), mm(y + 5), self.title, 13, True, pdf.INK, "center",
                      mm(self.page_w - 2 * MARGIN))
        y += 7
        for line in self.subtitle:
            y += 4.6
            pdf.draw_text(self.p, mm(MARGIN), mm(y), line, 9, False, pdf.INK, "center", mm(self.page_w - 2 * MARGIN))
        self.y = max(y + 4, MARGIN + TITLE_H)
        pdf.draw_text(self.p, mm(MARGIN), mm(self.page_h - MARGIN + 2),
                      f"Halaman {self.page} · dicetak {_dt.date.today().strftime('%d-%m-%Y')} · Presensi KPPS",
                      7, False, pdf.MUTED, "right", mm(self.page_w - 2 * MARGIN))

    def header(self) -> None:
        xs = self.xs()
        self.p.fillRect(QRectF(mm(xs[0]), mm(self.y), mm(xs[-1] - xs[0]), mm(HEAD_H)), HEAD_FILL)
        for c, x in zip(self.cols, xs):
            size, lines = pdf.fit(c.title, mm(c.width - 1.6), bold=True, max_pt=7.5, stages=((2, 5.5),))
            lh = pdf.line_height(size, True)
            y = mm(self.y + HEAD_H / 2) - lh * len(lines) / 2 + pdf.metrics(size, True).ascent()
            for line in lines:
                pdf.draw_text(self.p, mm(x + 0.8), y, line, size, True, pdf.INK, "center", mm(c.width - 1.6))
                y += lh
        self._grid(HEAD_H)
        self.y += HEAD_H

    def _grid(self, height: float) -> None:
        xs = self.xs()
        self.p.setPen(QPen(GRID, mm(0.2)))
        self.p.drawLines([QLineF(mm(x), mm(self.y), mm(x), mm(self.y + height)) for x in xs]
                         + [QLineF(mm(xs[0]), mm(self.y), mm(xs[-1]), mm(self.y)),
                            QLineF(mm(xs[0]), mm(self.y + height), mm(xs[-1]), mm(self.y + height))])

    def row(self, values: Sequence[str], *, bold: bool = False, fill: QColor | None = None,
            height: float = ROW_H) -> float:
        """Draw one row (a new page with the header first when it does not fit); returns its top."""
        if self.y + height > self.bottom:
            self._start()
            self.header()
        xs = self.xs()
        if fill is not None:
            self.p.fillRect(QRectF(mm(xs[0]), mm(self.y), mm(xs[-1] - xs[0]), mm(height)), fill)
        for c, x, text in zip(self.cols, xs, values):
            if not text:
                continue
            size, lines = pdf.fit(str(text), mm(c.width - 2), bold=bold, max_pt=8,
                                  stages=((1, 6.5), (2, 5.0)))
            lh = pdf.line_height(size, bold)
            y = mm(self.y + height / 2) - lh * len(lines) / 2 + pdf.metrics(size, bold).ascent()
            for line in lines:
                pdf.draw_text(self.p, mm(x + 1), y, line, size, bold, pdf.INK, c.align, mm(c.width - 2))
                y += lh
        self._grid(height)
        top = self.y
        self.y += height
        return top

    def need(self, height: float) -> None:
        """Room for a block below the table: a new page (title only) when it does not fit."""
        if self.y + height > self.bottom:
            self._start()

    def signatures(self, blocks: Sequence[tuple[str, str]], place: str) -> None:
        """Signature blocks side by side: (line above, who signs); the place and date top right."""
        self.need(SIGN_H)
        y = self.y + 6
        width = 80.0
        right = self.page_w - MARGIN - width
        slots = [right] if len(blocks) == 1 else [MARGIN + 10, right]
        pdf.draw_text(self.p, mm(right), mm(y), f"{place}, {recap.format_date(_dt.date.today())}"
                      if place else recap.format_date(_dt.date.today()), 9, False, pdf.INK, "center", mm(width))
        for x, (above, who) in zip(slots, blocks):
            pdf.draw_text(self.p, mm(x), mm(y + 5), above, 9, False, pdf.INK, "center", mm(width))
            size, lines = pdf.fit(who, mm(width), bold=True, max_pt=9, stages=((2, 7.0),))
            for i, line in enumerate(lines):
                pdf.draw_text(self.p, mm(x), mm(y + 10 + i * 4), line, size, True, pdf.INK, "center", mm(width))
            pdf.draw_text(self.p, mm(x), mm(y + 32), "(" + "." * 48 + ")", 9, False, pdf.INK, "center", mm(width))
        self.y = y + SIGN_H


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value * 100:.1f}%".replace(".", ",")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def recap_pdf(db: sqlite_utils.Database, r: recap.Recap, out: Path | str, paper: str = "a4") -> Path:
    """The recap table with totals, the rate chart (and check-ins over time for one session), signature."""
    cols = recap.columns(r)
    key_n = len(cols) - len(recap.COUNTS) - 1
    pdf_cols = [Col(h, 34 if i == 0 else 24, "left") for i, (_, h, _) in enumerate(cols[:key_n])]
    pdf_cols += [Col(h, 15.5, "right") for _, h, _ in cols[key_n:]]
    table = recap.table(r)
    who, place = recap.signatory(db)
    with landscape(out, paper, recap.title(r)) as (writer, p, page_w, page_h):
        sheet = _Sheet(writer, p, page_w, page_h, table.title, table.subtitle, pdf_cols)
        sheet.header()
        for row in table.rows:
            sheet.row([_fmt(v) for v in row])
        sheet.row([_fmt(v) for v in table.totals], bold=True, fill=TOTAL_FILL)
        buckets = recap.checkins_over_time(db, r.single.id) if r.single else []
        show_rates = r.by != "officer" and len(r.rows) > 1
        if show_rates or buckets:
            # Every row when it fits on a page (4 mm each), else the lowest ones, said so on the chart.
            room = page_h - 2 * MARGIN - TITLE_H - 12
            chart_h = max(CHART_H, min(room, 14 + 4.0 * len(r.rows))) if show_rates else CHART_H
            sheet.need(chart_h + 6)
            top = sheet.y + 6
            usable = page_w - 2 * MARGIN
            parts = [d for d in (show_rates, bool(buckets)) if d]
            width = (usable - 8 * (len(parts) - 1)) / len(parts)
            x = MARGIN
            if show_rates:
                charts.draw_rates(p, QRectF(mm(x), mm(top), mm(width), mm(chart_h)), charts.rate_items(r.rows),
                                  f"Persentase kehadiran per {recap.LEVEL_LABELS[r.by].lower()}", pdf.PT)
                x += width + 8
            if buckets:
                charts.draw_timeline(p, QRectF(mm(x), mm(top), mm(width), mm(CHART_H)), buckets,
                                     "Presensi per 5 menit", pdf.PT)
            sheet.y = top + chart_h
        sheet.signatures([("Mengetahui,", who)], place)
    return Path(out)


def transport_pdf(db: sqlite_utils.Database, payees: Payees, out: Path | str, paper: str = "a4") -> Path:
    """Daftar penerima uang transport: amounts, total in figures and words, signature boxes."""
    from kpps_desktop.core import transport

    if not payees.rows:
        raise transport.TransportError("Tidak ada petugas yang berhak menerima uang transport pada sesi terpilih.")
    table = transport.table(payees)
    who, place = recap.signatory(db)
    cols = [Col("No", 9, "center"), Col("Nama", 50), Col("Jabatan", 24), Col("TPS", 20, "center"),
            Col("Desa/Kelurahan", 30), Col("Kegiatan", 32), Col("Jumlah (Rp)", 24, "right"),
            Col("Tanda tangan", 60), Col("Ket.", 18)]
    with landscape(out, paper, transport.title(payees)) as (writer, p, page_w, page_h):
        sheet = _Sheet(writer, p, page_w, page_h, table.title, transport.subtitle(payees), cols)
        sheet.header()
        xs = None
        for i, row in enumerate(payees.rows, 1):
            top = sheet.row([str(i), row["nama"], row["jabatan_label"], row["tps_text"], row["desa_nama"],
                             row["kegiatan"], terbilang.rupiah(row["amount"]).removeprefix("Rp "), "",
                             row["keterangan"]], height=9.0)
            xs = sheet.xs()
            # Signatures alternate left and right so neighbours' signatures never collide.
            sign_x, sign_w = xs[7], sheet.cols[7].width
            half = sign_w / 2
            x = sign_x + (1 if i % 2 else half + 1)
            pdf.draw_text(p, mm(x), mm(top + 6.5), f"{i}. " + "." * 18, 7.5, False, pdf.MUTED, "left", mm(half - 2))
        sheet.row(["", "Jumlah", "", "", "", "", terbilang.rupiah(payees.total).removeprefix("Rp "), "", ""],
                  bold=True, fill=TOTAL_FILL)
        sheet.need(12)
        pdf.draw_text(p, mm(MARGIN), mm(sheet.y + 6), f"Jumlah: {terbilang.rupiah(payees.total)}", 9.5, True)
        pdf.draw_text(p, mm(MARGIN), mm(sheet.y + 11), f"Terbilang: {payees.total_words.capitalize()}", 9.5)
        sheet.y += 12
        sheet.signatures([("Mengetahui,", who), ("Yang membayarkan,", who.replace("Ketua", "Sekretaris", 1))],
                         place)
    return Path(out)
