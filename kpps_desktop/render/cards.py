"""Officer ID cards (ISO ID-1) on A4/F4 sheets with cut marks, and the printer calibration page."""

from __future__ import annotations

import contextlib
import functools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from kpps_desktop.core import cards as cardmod
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import roster, wilayah
from kpps_desktop.core.progress import Progress
from kpps_desktop.core import fileio
from kpps_desktop.render import pdf, pdfdoc
from kpps_desktop.render.canvas import PdfCanvas, QtCanvas
from kpps_desktop.render.pdf import mm
from kpps_desktop.core.errors import InputError

CARD_W, CARD_H = 85.60, 53.98  # ISO/IEC 7810 ID-1, millimetres
SAFE_MARGIN = 7.0  # cheap inkjets cannot print the outer 3-5 mm; cards stay well clear
MARK_EDGE = 5.5  # crop marks end at least this far from the paper's edge (inside every printer's reach)
MIN_GAP = 3.0  # between cards: room for two scissor cuts by hand
MAX_GAP = 6.0
DEFAULT_TITLE = "Pemilihan Serentak 2024"
FOOTER = "Tunjukkan kartu ini untuk presensi pelantikan dan bimtek. Kartu hilang: lapor ke PPS."

# Card geometry in millimetres from the card's top-left corner.
HEADER_H = 11.5
GOLD_H = 0.7  # the gold rule under the header
QR_MODULE = 0.8  # version 2 = 25 modules = 20 mm; 4 px per module even at 127 dpi
QR_SIZE = 25 * QR_MODULE
QUIET = 4 * QR_MODULE  # the QR standard's quiet zone, kept clear on every side
QR_X = CARD_W - 3.6 - QR_SIZE  # 3.6 mm = 4.5 modules of white to the card edge
QR_Y = HEADER_H + GOLD_H + QUIET + 0.1
CODE_BASE = QR_Y + QR_SIZE + QUIET + 2.2  # first line of the typed code: its cap top clears the quiet zone
PHOTO = QRectF(4.0, 15.0, 19.0, 19.0 * 4 / 3)
TEXT_X = 26.0
TEXT_W = QR_X - 3.3 - TEXT_X  # stays out of the QR's left quiet zone

# Names: two lines down to 7 pt, then three down to 6, then four down to 5.5; never clipped.
NAME_MAX_PT = 8.5
NAME_STAGES = ((2, 7.0), (3, 6.0), (4, 5.5))

RED = QColor("#8c1c13")
GOLD = QColor("#d4a72c")
PHOTO_BG = QColor("#e8eaed")
SILHOUETTE = QColor("#b4bac2")
CUT = QColor("#b0b0b0")
WHITE = QColor(255, 255, 255)
Canvas = QtCanvas | PdfCanvas
JABATAN_COLORS = {"ketua": QColor("#8c1c13"), "anggota": QColor("#1f5f8b"), "linmas": QColor("#3f6b2a")}


@dataclass(frozen=True)
class SheetLayout:
    paper: str
    cols: int
    rows: int
    gap_x: float
    gap_y: float
    left: float
    top: float

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    def origin(self, slot: int) -> tuple[float, float]:
        """Top-left corner (mm) of the card in slot 0 .. per_page-1, row by row."""
        row, col = divmod(slot, self.cols)
        return self.left + col * (CARD_W + self.gap_x), self.top + row * (CARD_H + self.gap_y)


def _fit_count(space: float, size: float) -> tuple[int, float]:
    """Most cards of `size` in `space` with MIN_GAP between them, then the widest gap (<= MAX_GAP)."""
    count = int((space + MIN_GAP + 1e-9) // (size + MIN_GAP))
    if count <= 1:
        return count, 0.0
    # Spare room is shared between the gaps and the two margins.
    gap = max(MIN_GAP, min(MAX_GAP, (space - count * size) / (count + 1)))
    return count, math.floor(gap * 10 + 1e-6) / 10


def sheet_layout(paper: str) -> SheetLayout:
    """Cards per sheet computed from the paper, keeping SAFE_MARGIN on every side.

    A4 (210 x 297): 2 x 5 = 10 cards, 3 mm apart; F4 (215 x 330): 2 x 5 = 10 (a sixth row
    would need 338.9 mm with its gaps).
    """
    w, h = pdf.paper_size(paper)
    cols, gap_x = _fit_count(w - 2 * SAFE_MARGIN, CARD_W)
    rows, gap_y = _fit_count(h - 2 * SAFE_MARGIN, CARD_H)
    block_w = cols * CARD_W + (cols - 1) * gap_x
    block_h = rows * CARD_H + (rows - 1) * gap_y
    return SheetLayout(paper.lower(), cols, rows, gap_x, gap_y, (w - block_w) / 2, (h - block_h) / 2)


@dataclass(frozen=True)
class CardInfo:
    """What one card shows, resolved from the database once."""

    code: str
    nama: str
    jabatan: str
    tps: str
    desa: str
    kecamatan: str
    kabupaten: str
    photo: bytes | None = None


@functools.lru_cache(maxsize=4096)
def _region_names(desa: str) -> tuple[str, str, str]:
    kec = wilayah.parent_code(desa) or ""
    kab = wilayah.parent_code(kec) or ""
    return wilayah.name(desa), wilayah.name(kec), wilayah.name(kab)


def _card_info(row: dict, photo: bytes | None) -> CardInfo:
    desa, kec, kab = _region_names(row["desa"])
    return CardInfo(row["code"], row["nama"], row["jabatan"],
                    roster.tps_label(row["tps"], row["tps_label"]), desa, kec, kab, photo)


def _draw_placeholder(c: Canvas, w: float, h: float) -> None:
    """A grey box with a head and shoulders: the card of an officer without a photo."""
    c.fill_rect(0, 0, w, h, PHOTO_BG)
    c.save(clip=(0, 0, w, h))
    c.fill_ellipse(w * 0.5, h * 0.38, w * 0.21, w * 0.21, SILHOUETTE)
    c.fill_round_rect(w * 0.14, h * 0.64, w * 0.72, h * 0.5, w * 0.3, SILHOUETTE)
    c.restore()


def _draw_photo(c: Canvas, info: CardInfo) -> None:
    x, y, w, h = mm(PHOTO.x()), mm(PHOTO.y()), mm(PHOTO.width()), mm(PHOTO.height())
    if info.photo and c.photo(info.photo, x, y, w, h):
        c.stroke_rect(x, y, w, h, pdf.RULE, mm(0.15))
        return

    def placeholder(t: Canvas) -> None:
        _draw_placeholder(t, w, h)
        t.stroke_rect(0, 0, w, h, pdf.RULE, mm(0.15))
    c.template("placeholder", x, y, placeholder)


def _draw_static(c: Canvas, title: str) -> None:
    """What every card of a print shares: bands, heading, election title, footer."""
    c.fill_rect(0, 0, mm(CARD_W), mm(HEADER_H), RED)
    c.fill_rect(0, mm(HEADER_H), mm(CARD_W), mm(GOLD_H), GOLD)
    c.fill_rect(0, mm(CARD_H - 1.6), mm(CARD_W), mm(1.6), RED)
    c.text(mm(4), mm(5.0), "KARTU PETUGAS KPPS", 8.0, True, WHITE)
    size, lines = pdf.fit(title.upper(), mm(CARD_W - 8), max_pt=6.0, stages=((1, 4.5),))
    c.text(mm(4), mm(9.2), lines[0], size, False, QColor("#f6e7c1"))
    c.text(mm(4), mm(CARD_H - 3.2), FOOTER, 4.8, False, pdf.MUTED)


def _draw_pill(c: Canvas, jabatan: str) -> None:
    label = roster.JABATAN_LABELS.get(jabatan, jabatan).upper()
    pill_w = c.text_width(label, 5.5, True) + mm(3.0)
    c.fill_round_rect(0, 0, pill_w, mm(3.6), mm(1.0), JABATAN_COLORS.get(jabatan, RED))
    c.text(mm(1.5), mm(2.6), label, 5.5, True, WHITE)


@functools.lru_cache(maxsize=1)
def _place_lines() -> tuple[float, ...]:
    """Baselines (device units, from the block's top) of the desa, kecamatan and kabupaten lines."""
    y, baselines = 0.0, []
    for _ in range(3):
        y += pdf.metrics(6.0).ascent()
        baselines.append(y)
        y += pdf.metrics(6.0).descent() + mm(0.3)
    return tuple(baselines)


def _draw_place(c: Canvas, info: CardInfo) -> None:
    """Desa, kecamatan, kabupaten: the same block on every card of a desa."""
    width = mm(TEXT_W)
    for text, baseline in zip((f"Desa/Kel. {info.desa}", f"Kec. {info.kecamatan}", info.kabupaten.title()),
                              _place_lines()):
        size, lines = pdf.fit(text, width, max_pt=6.0, stages=((1, 4.0),))
        # A shrunk line keeps its baseline: the block is as tall on every card.
        c.text(0, baseline, lines[0], size, False, pdf.MUTED)


def draw_card(target: QPainter | Canvas, info: CardInfo, title: str) -> None:
    """One card with its top-left corner at the origin, on a QPainter or a canvas."""
    c = QtCanvas(target) if isinstance(target, QPainter) else target
    c.template(f"card:{title}", 0, 0, lambda t: _draw_static(t, title))
    _draw_photo(c, info)

    x, width = mm(TEXT_X), mm(TEXT_W)
    y = mm(15.0)
    size, lines = pdf.fit(info.nama, width, bold=True, max_pt=NAME_MAX_PT, stages=NAME_STAGES)
    fm = pdf.metrics(size, True)
    for line in lines:
        y += fm.ascent()
        c.text(x, y, line, size, True)
        y += fm.descent() + mm(0.2)

    y += mm(1.2)
    c.template(f"pill:{info.jabatan}", x, y, lambda t: _draw_pill(t, info.jabatan))
    y += mm(3.6) + mm(1.2)

    size, lines = pdf.fit(info.tps, width, bold=True, max_pt=8.0, stages=((1, 5.0),))
    y += pdf.metrics(size, True).ascent()
    c.text(x, y, lines[0], size, True)
    y += pdf.metrics(size, True).descent() + mm(0.8)
    c.template(f"place:{info.desa}|{info.kecamatan}|{info.kabupaten}", x, y, lambda t: _draw_place(t, info))

    c.qr(info.code, mm(QR_X), mm(QR_Y), mm(QR_SIZE))
    # The code for typing by hand, two lines so it stays as narrow as the QR.
    text = cardmod.format_code(info.code)
    for i, part in enumerate((text[:12], text[13:])):
        c.text(mm(QR_X - 2), mm(CODE_BASE + i * 2.6), part, 6.0, True, pdf.INK, "center", mm(QR_SIZE + 4))


def _draw_cut_marks(c: Canvas, layout: SheetLayout) -> None:
    """Card outlines (hairline) and crop marks in the margins at every card edge."""
    xs, ys = set(), set()
    for slot in range(layout.per_page):
        x, y = layout.origin(slot)
        c.stroke_rect(mm(x), mm(y), mm(CARD_W), mm(CARD_H), CUT, mm(0.1))
        xs.update((x, x + CARD_W))
        ys.update((y, y + CARD_H))
    top = layout.top
    bottom = layout.top + layout.rows * CARD_H + (layout.rows - 1) * layout.gap_y
    left = layout.left
    right = layout.left + layout.cols * CARD_W + (layout.cols - 1) * layout.gap_x
    w, h = pdf.paper_size(layout.paper)
    lines = []
    # Each mark runs from 1 mm off the cards outwards, stopping MARK_EDGE short of the paper's edge.
    for x in sorted(xs):
        lines.append((mm(x), mm(top - 1), mm(x), mm(max(MARK_EDGE, top - 7))))
        lines.append((mm(x), mm(bottom + 1), mm(x), mm(min(h - MARK_EDGE, bottom + 7))))
    for y in sorted(ys):
        lines.append((mm(left - 1), mm(y), mm(max(MARK_EDGE, left - 7)), mm(y)))
        lines.append((mm(right + 1), mm(y), mm(min(w - MARK_EDGE, right + 7)), mm(y)))
    c.lines(lines, QColor(0, 0, 0), mm(0.15))


@contextlib.contextmanager
def _sheets(out: Path | str | pdf.PrinterTarget, paper: str, title: str) -> Iterator[Callable[[], Canvas]]:
    """Pages to draw cards on: `new_page()` returns the next page's canvas.

    A file is written with pdfdoc (compact: shared parts once, inline QR images); a printer is
    drawn on through Qt, page by page, as vectors.
    """
    if isinstance(out, pdf.PrinterTarget):
        with pdf.pdf_writer(out, paper, title) as (writer, painter, _page):
            canvas = QtCanvas(painter)
            first = [True]

            def next_qt() -> Canvas:
                if not first[0]:
                    writer.newPage()
                first[0] = False
                return canvas
            yield next_qt
        return
    pdf.ensure_gui_app()
    w, h = pdf.paper_size(paper)
    with fileio.atomic_path(out, verify=pdf.check_complete) as partial:
        with open(partial, "wb") as f:
            doc = pdfdoc.PdfDocument(f, w, h, title)
            page: list[PdfCanvas] = []

            def next_pdf() -> Canvas:
                if page:
                    doc.add_page(page.pop().c)
                page.append(PdfCanvas(doc))
                return page[0]
            yield next_pdf
            if page:
                doc.add_page(page.pop().c)
            doc.close()


def cards_pdf(db: sqlite_utils.Database, out: Path | str | pdf.PrinterTarget, *,
              officer_ids: list[str] | None = None, within: str | None = None, paper: str = "a4",
              progress: Progress | None = None, operator: str | None = None) -> int:
    """Write ID cards for the chosen officers (or everyone `within` a region) to a PDF or a printer.

    Officers without a card get one first. Returns the number of cards; logs the print.
    """
    layout = sheet_layout(paper)
    rows = cardmod.officers_for_print(db, officer_ids=officer_ids, within=within)
    if not rows:
        raise InputError("Tidak ada petugas aktif untuk dicetak kartunya.")
    title = dbmod.get_setting(db, "event_title", DEFAULT_TITLE)
    with_photo = cardmod.photo_ids(db)
    if progress:
        progress.set_total(len(rows), "Menggambar kartu")
    with _sheets(out, paper, f"Kartu petugas KPPS ({len(rows)})") as new_page:
        for i, row in enumerate(rows):
            slot = i % layout.per_page
            if slot == 0:
                c = new_page()
                c.template(f"marks:{layout.paper}", 0, 0, lambda t: _draw_cut_marks(t, layout))
            photo = cardmod.photo(db, row["id"]) if row["id"] in with_photo else None
            x, y = layout.origin(slot)
            c.save(mm(x), mm(y))
            draw_card(c, _card_info(row, photo), title)
            c.restore()
            if progress and (i % 50 == 49 or i == len(rows) - 1):
                progress.tick(i + 1 - progress.done)
    scope = "petugas terpilih" if officer_ids else (within or "semua")
    cardmod.log_print(db, "kartu", scope, len(rows), layout.paper, operator)
    return len(rows)


def calibration_pdf(out: Path | str, paper: str = "a4") -> None:
    """One page to check a printer's scaling: a 100 mm ruler and an ID-1 card outline."""
    w, h = pdf.paper_size(paper)
    layout = sheet_layout(paper)
    with pdf.pdf_writer(out, paper, "Kalibrasi printer") as (_writer, p, _page):
        pdf.draw_text(p, mm(20), mm(25), "Halaman kalibrasi printer", 14, True)
        notes = (
            f"Kertas {paper.upper()} ({w:g} × {h:g} mm). Cetak dengan skala 100% "
            "(matikan \u201cfit to page\u201d / \u201csesuaikan dengan halaman\u201d).",
            "Penggaris di bawah harus tepat 100 mm dan kotak kartu tepat 85,60 × 53,98 mm.",
            f"Kartu dicetak {layout.cols} × {layout.rows} = {layout.per_page} per lembar, "
            f"kartu minimal {SAFE_MARGIN:g} mm dan tanda potong minimal {MARK_EDGE:g} mm dari tepi.",
        )
        for i, line in enumerate(notes):
            pdf.draw_text(p, mm(20), mm(33 + i * 5.5), line, 9)
        # Ruler: 100 mm with a tick every millimetre.
        x0, y0 = 20.0, 70.0
        p.setPen(QPen(QColor(0, 0, 0), mm(0.15)))
        ticks = [QLineF(mm(x0), mm(y0), mm(x0 + 100), mm(y0))]
        for i in range(101):
            length = 6.0 if i % 10 == 0 else (4.0 if i % 5 == 0 else 2.5)
            ticks.append(QLineF(mm(x0 + i), mm(y0), mm(x0 + i), mm(y0 - length)))
        p.drawLines(ticks)
        for i in range(0, 101, 10):
            pdf.draw_text(p, mm(x0 + i - 5), mm(y0 + 4.5), str(i), 7, False, pdf.INK, "center", mm(10))
        pdf.draw_text(p, mm(x0 + 103), mm(y0 + 1), "mm", 8)
        # The card outline with the same crop marks as the sheets.
        p.setPen(QPen(QColor(0, 0, 0), mm(0.2)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(mm(20), mm(90), mm(CARD_W), mm(CARD_H)))
        pdf.draw_text(p, mm(20), mm(90 + CARD_H + 5), "Kartu ID-1: 85,60 × 53,98 mm", 8, False, pdf.MUTED)
        # The unprintable edge: nothing of ours is drawn outside this frame.
        p.setPen(QPen(pdf.RULE, mm(0.2), Qt.PenStyle.DashLine))
        p.drawRect(QRectF(mm(MARK_EDGE), mm(MARK_EDGE), mm(w - 2 * MARK_EDGE), mm(h - 2 * MARK_EDGE)))
        pdf.draw_text(p, mm(MARK_EDGE + 2), mm(h - MARK_EDGE - 2),
                      f"Garis putus-putus: {MARK_EDGE:g} mm dari tepi kertas; harus tercetak utuh.",
                      7, False, pdf.MUTED)
