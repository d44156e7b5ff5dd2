"""The one page-layout rule of every printed form: kop, repeated table header, keep-with-next, "Halaman x dari y".

Every tabular form (daftar hadir, roster sheet, recap, payee list) is drawn by `draw_form`:
- page 1 opens with the kop (office, address, a rule) and the form's heading and intro block;
  later pages repeat a one-line heading; every page repeats the table's column titles;
- the tail (totals, "terbilang", signatures) always shares its page with at least
  `KEEP_ROWS` data rows (or all of them when there are fewer): a signature block never
  stands alone on a page, and no page is without a data row;
- every page says "Halaman x dari y", the count known before drawing because the plan is
  made first (`plan`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPdfWriter, QPen

from kpps_desktop.core.errors import InputError
from kpps_desktop.core.paperwork import DOTS, Paperwork, Signer
from kpps_desktop.render import pdf
from kpps_desktop.render.pdf import mm

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 15.0, 12.0, 15.0  # mm; clear of any printer's dead edge
KEEP_ROWS = 3
HEAD_FILL = QColor("#eceff1")
GRID = QColor("#5f6368")
FOOTER_GAP = 6.0  # mm between the last row and the page number line
RUNNING_H = 8.0  # the one-line heading of pages 2..n
SIGN_H = 40.0  # place/date, jabatan, room to sign, printed name


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # mm; the widest column takes the paper's spare width
    align: str = "left"


def plan(n: int, row_h: float, first_space: float, next_space: float, tail_h: float,
         keep: int = KEEP_ROWS) -> list[range]:
    """Row indices per page: greedy, then the last rows moved with the tail when it does not fit.

    Always at least one page and one row per page (n = 0 plans one row: the "nothing to
    list" line). The tail shares the last page with min(keep, rows) rows.
    """
    n = max(n, 1)
    cap_first = max(1, int((first_space + 1e-6) // row_h))
    cap_next = max(1, int((next_space + 1e-6) // row_h))
    pages: list[range] = []
    start = 0
    while start < n:
        end = min(n, start + (cap_next if pages else cap_first))
        pages.append(range(start, end))
        start = end
    last = pages[-1]
    space = first_space if len(pages) == 1 else next_space
    if space - len(last) * row_h < tail_h - 1e-6 and len(last) > 0:
        fits_with_tail = max(1, int((next_space - tail_h + 1e-6) // row_h))
        move = min(keep, fits_with_tail, max(1, len(last) - 1))
        if move >= len(last):  # one row alone on page 1 with a tail too tall: the kop is too big
            raise InputError("Kepala formulir terlalu tinggi untuk kertas ini.")
        pages[-1] = range(last.start, last.stop - move)
        pages.append(range(last.stop - move, last.stop))
    return pages


@dataclass
class Form:
    """What a tabular form is made of; the drawing callbacks get the painter and millimetres."""

    heading: Sequence[str]  # title lines under the kop; the first is the form's name
    columns: Sequence[Column]
    row_h: float
    n_rows: int
    draw_row: Callable[[int, float, "Table"], None]  # (row index, top, table)
    tail_h: float
    draw_tail: Callable[[float, "Table"], None]  # (top, table)
    intro_h: float = 0.0
    draw_intro: Callable[[QPainter, float, float], None] | None = None  # (painter, top, width)
    empty_text: str = "Tidak ada data."
    running: str = ""  # the heading of pages 2..n; the first heading line when empty
    # "Jumlah dipindahkan": (kind 'dari'/'ke', rows before, top, table) draws a carried subtotal.
    carry: Callable[[str, int, float, "Table"], None] | None = None
    pages: list[range] = field(default_factory=list)


class Table:
    """Column geometry and cell drawing for one form, on whichever page is current."""

    def __init__(self, p: QPainter, page_w: float, columns: Sequence[Column], row_h: float):
        self.p = p
        spare = page_w - 2 * MARGIN_X - sum(c.width for c in columns)
        widest = max(range(len(columns)), key=lambda i: columns[i].width)
        self.columns = [Column(c.title, c.width + (spare if i == widest else 0), c.align)
                        for i, c in enumerate(columns)]
        self.row_h = row_h
        self.head_h = 9.0

    def xs(self) -> list[float]:
        out, x = [], MARGIN_X
        for c in self.columns:
            out.append(x)
            x += c.width
        return out + [x]

    @property
    def left(self) -> float:
        return MARGIN_X

    @property
    def width(self) -> float:
        return sum(c.width for c in self.columns)

    def header(self, top: float) -> None:
        xs = self.xs()
        self.p.fillRect(QRectF(mm(xs[0]), mm(top), mm(xs[-1] - xs[0]), mm(self.head_h)), HEAD_FILL)
        for c, x in zip(self.columns, xs):
            size, lines = pdf.fit(c.title, mm(c.width - 1.6), bold=True, max_pt=7.5, stages=((2, 5.5),))
            lh = pdf.line_height(size, True)
            y = mm(top + self.head_h / 2) - lh * len(lines) / 2 + pdf.metrics(size, True).ascent()
            for line in lines:
                pdf.draw_text(self.p, mm(x + 0.8), y, line, size, True, pdf.INK, "center", mm(c.width - 1.6))
                y += lh
        self.grid(top, self.head_h)

    def grid(self, top: float, height: float) -> None:
        xs = self.xs()
        self.p.setPen(QPen(GRID, mm(0.2)))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawLines([QLineF(mm(x), mm(top), mm(x), mm(top + height)) for x in xs]
                         + [QLineF(mm(xs[0]), mm(top + height), mm(xs[-1]), mm(top + height)),
                            QLineF(mm(xs[0]), mm(top), mm(xs[-1]), mm(top))])

    def fill(self, top: float, color: QColor) -> None:
        xs = self.xs()
        self.p.fillRect(QRectF(mm(xs[0]), mm(top), mm(xs[-1] - xs[0]), mm(self.row_h)), color)

    def cell(self, col: int, top: float, text: str, *, bold: bool = False, max_pt: float = 8.0,
             lines: int = 2, color: QColor = pdf.INK, span: int = 1) -> None:
        """Text centred vertically in a cell (or `span` cells), wrapped or shrunk to fit, never clipped."""
        if not text:
            return
        xs = self.xs()
        x, width = xs[col], xs[col + span] - xs[col]
        align = self.columns[col].align
        size, parts = pdf.fit(text, mm(width - 2.4), bold=bold, max_pt=max_pt,
                              stages=((lines, 7.0), (lines + 1, 4.5)))
        lh = pdf.line_height(size, bold)
        y = mm(top + self.row_h / 2) - lh * len(parts) / 2 + pdf.metrics(size, bold).ascent()
        for line in parts:
            pdf.draw_text(self.p, mm(x + 1.2), y, line, size, bold, color, align, mm(width - 2.4))
            y += lh


def kop_height(kop: Paperwork | None) -> float:
    return 5.5 * len(kop.office) + 4.5 + 4.0 if kop is not None else 0.0


def draw_kop(p: QPainter, kop: Paperwork, top: float, page_w: float) -> float:
    """Office name lines, the address, a double rule; returns the y below it."""
    y = top
    for line in kop.office:
        y += 5.5
        size, lines = pdf.fit(line, mm(page_w - 2 * MARGIN_X), bold=True, max_pt=11.5, stages=((1, 8.0),))
        pdf.draw_text(p, 0, mm(y), lines[0], size, True, pdf.INK, "center", mm(page_w))
    y += 4.5
    address = kop.address or f"Alamat: {DOTS * 2}"
    size, lines = pdf.fit(address, mm(page_w - 2 * MARGIN_X), max_pt=8.5, stages=((1, 6.5),))
    pdf.draw_text(p, 0, mm(y), lines[0], size, False, pdf.INK, "center", mm(page_w))
    y += 2.2
    p.setPen(QPen(pdf.INK, mm(0.6)))
    p.drawLine(QLineF(mm(MARGIN_X), mm(y), mm(page_w - MARGIN_X), mm(y)))
    p.setPen(QPen(pdf.INK, mm(0.2)))
    p.drawLine(QLineF(mm(MARGIN_X), mm(y + 0.9), mm(page_w - MARGIN_X), mm(y + 0.9)))
    return top + kop_height(kop)


def heading_height(heading: Sequence[str]) -> float:
    return 6.5 + 4.8 * (len(heading) - 1) + 3.0


def draw_heading(p: QPainter, heading: Sequence[str], top: float, page_w: float) -> float:
    y = top + 6.0
    for i, line in enumerate(heading):
        size, lines = pdf.fit(line, mm(page_w - 2 * MARGIN_X), bold=True, max_pt=12.5 if i == 0 else 9.5,
                              stages=((1, 7.5),))
        pdf.draw_text(p, 0, mm(y), lines[0], size, True, pdf.INK, "center", mm(page_w))
        y += 4.8
    return top + heading_height(heading)


def draw_form(writer: QPdfWriter, p: QPainter, page_w: float, page_h: float, kop: Paperwork | None,
              form: Form) -> list[range]:
    """Plan the pages, then draw them all; returns the plan (row ranges per page).

    `kop` None: a working paper that is not an office form (the import check report), no kop."""
    table = Table(p, page_w, form.columns, form.row_h)
    bottom = page_h - MARGIN_BOTTOM - FOOTER_GAP
    first_top = MARGIN_TOP + kop_height(kop) + heading_height(form.heading) + form.intro_h
    next_top = MARGIN_TOP + RUNNING_H
    carry_rows = 1 if form.carry else 0
    first_space = bottom - first_top - table.head_h - carry_rows * form.row_h
    next_space = bottom - next_top - table.head_h - 2 * carry_rows * form.row_h
    pages = plan(form.n_rows, form.row_h, first_space, next_space, form.tail_h)
    form.pages = pages
    total = len(pages)
    for number, rows in enumerate(pages, 1):
        if number > 1:
            writer.newPage()
            size, lines = pdf.fit(f"{form.running or form.heading[0]} (lanjutan)", mm(page_w - 2 * MARGIN_X),
                                  bold=True, max_pt=9, stages=((1, 6.5),))
            pdf.draw_text(p, mm(MARGIN_X), mm(MARGIN_TOP + 4.5), lines[0], size, True, pdf.MUTED)
            y = next_top
        else:
            y = draw_kop(p, kop, MARGIN_TOP, page_w) if kop is not None else MARGIN_TOP
            y = draw_heading(p, form.heading, y, page_w)
            if form.draw_intro is not None:
                form.draw_intro(p, y, page_w - 2 * MARGIN_X)
            y += form.intro_h
        table.header(y)
        y += table.head_h
        if form.carry and number > 1:
            form.carry("dari", rows.start, y, table)
            y += form.row_h
        for i in rows:
            if form.n_rows == 0:
                pdf.draw_text(p, mm(MARGIN_X + 2), mm(y + form.row_h / 2 + 1.2), form.empty_text, 9, False,
                              pdf.MUTED)
            else:
                form.draw_row(i, y, table)
                table.grid(y, form.row_h)
            y += form.row_h
        if number < total:
            if form.carry:
                form.carry("ke", rows.stop, y, table)
        else:
            form.draw_tail(y, table)
        pdf.draw_text(p, 0, mm(page_h - MARGIN_BOTTOM + 3), f"Halaman {number} dari {total}", 7.5, False,
                      pdf.MUTED, "center", mm(page_w))
    return pages


def draw_signatures(p: QPainter, top: float, page_w: float, signers: Sequence[tuple[str, Signer]],
                    place_date: str) -> float:
    """Signature blocks side by side (the last one on the right under the place and date).

    Each: the line above ('Mengetahui,'), the jabatan, room to sign, the printed name
    underlined (dots when the name setting is empty). Returns the y below the blocks.
    """
    width = 75.0
    right = page_w - MARGIN_X - width
    slots = [right] if len(signers) == 1 else [MARGIN_X + 5, right]
    y = top + 5
    pdf.draw_text(p, mm(right), mm(y), place_date, 9, False, pdf.INK, "center", mm(width))
    for x, (above, signer) in zip(slots, signers):
        pdf.draw_text(p, mm(x), mm(y + 5), above, 9, False, pdf.INK, "center", mm(width))
        size, lines = pdf.fit(signer.jabatan, mm(width), bold=True, max_pt=9, stages=((2, 7.0),))
        for i, line in enumerate(lines[:2]):
            pdf.draw_text(p, mm(x), mm(y + 9.5 + i * 4), line, size, True, pdf.INK, "center", mm(width))
        name = signer.nama_or_dots
        size, lines = pdf.fit(name, mm(width), bold=True, max_pt=9.5, stages=((1, 7.0),))
        pdf.draw_text(p, mm(x), mm(y + 33), lines[0], size, True, pdf.INK, "center", mm(width))
        if signer.nama:
            w = pdf.text_width(lines[0], size, True) / pdf.UNIT
            p.setPen(QPen(pdf.INK, mm(0.2)))
            p.drawLine(QLineF(mm(x + (width - w) / 2), mm(y + 33.8), mm(x + (width + w) / 2), mm(y + 33.8)))
    return top + SIGN_H

