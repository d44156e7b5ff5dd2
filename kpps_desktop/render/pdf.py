"""Shared PDF plumbing: paper sizes, a writer with millimetre helpers, fonts, fitting text."""

from __future__ import annotations

import contextlib
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from PySide6.QtCore import QBuffer, QMarginsF, QPointF, QSizeF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter

from kpps_desktop import __version__
from kpps_desktop.core import fileio
from kpps_desktop.core.errors import InputError, UserError
from kpps_desktop.render import FONT_FAMILY, ensure_gui_app

# Millimetres. F4 (folio) is the common office paper in Indonesia.
PAPERS = {"a4": (210.0, 297.0), "f4": (215.0, 330.0)}
RESOLUTION = 1200  # device units per inch: 0.02 mm steps, fine enough for QR modules
UNIT = RESOLUTION / 25.4  # device units per millimetre
PT = RESOLUTION / 72  # device units per typographic point

INK = QColor("#1d1d1f")
MUTED = QColor("#5f6368")
RULE = QColor("#9aa0a6")


def paper_size(paper: str) -> tuple[float, float]:
    try:
        return PAPERS[paper.lower()]
    except KeyError:
        raise InputError(f"Ukuran kertas '{paper}' tidak dikenal (pilih: a4 atau f4).") from None


def mm(value: float) -> float:
    return value * UNIT


@functools.lru_cache(maxsize=None)
def font(size_pt: float, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(size_pt)
    f.setBold(bold)
    # Kerning and hinting differ between screen and PDF; exact advances keep measurements true.
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    no_ligatures(f)
    return f


def no_ligatures(f: QFont) -> QFont:
    """Names are searched and copied from the PDF: a 'fi' ligature glyph would turn
    "Rofiqoh" into "Roﬁqoh" in the text layer, so a viewer's search misses it."""
    for tag in ("liga", "clig", "dlig"):
        f.setFeature(QFont.Tag(tag), 0)
    return f


@functools.lru_cache(maxsize=None)
def metrics(size_pt: float, bold: bool = False) -> QFontMetricsF:
    return QFontMetricsF(font(size_pt, bold), _measure_device())


@functools.lru_cache(maxsize=1)
def _measure_device() -> QPdfWriter:
    # Metrics must come from a device with the writer's resolution, not the screen's.
    ensure_gui_app()
    buffer = QBuffer()
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    _keep_alive.append(buffer)
    return writer


_keep_alive: list = []


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Advance width in device units."""
    return metrics(size_pt, bold).horizontalAdvance(text)


def wrap(text: str, size_pt: float, bold: bool, width: float) -> list[str] | None:
    """Greedy word wrap; None when a single word is wider than `width`."""
    fm = metrics(size_pt, bold)
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if fm.horizontalAdvance(trial) <= width:
            current = trial
            continue
        if fm.horizontalAdvance(word) > width:
            return None
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


@functools.lru_cache(maxsize=8192)  # desa names and labels repeat on every card
def fit(text: str, width: float, *, bold: bool = False, max_pt: float,
        stages: tuple[tuple[int, float], ...] = ((1, 6.0),), step: float = 0.25
        ) -> tuple[float, list[str]]:
    """The size and lines at which `text` fits `width`: never clipped.

    `stages` are (max_lines, min_pt) tried in order, e.g. ((2, 7.0), (3, 5.5)): two lines
    down to 7 pt, then three lines down to 5.5 pt. If nothing fits, the last stage keeps
    shrinking until it does.
    """
    for max_lines, min_pt in stages:
        size = max_pt
        while size >= min_pt - 1e-9:
            lines = wrap(text, size, bold, width)
            if lines is not None and len(lines) <= max_lines:
                return size, lines
            size -= step
    max_lines = stages[-1][0]
    while size > 0.5:
        lines = wrap(text, size, bold, width)
        if lines is not None and len(lines) <= max_lines:
            return size, lines
        size -= step / 2
    return 0.5, [" ".join(text.split())]


@dataclass
class Page:
    width: float  # device units
    height: float


class PrinterError(UserError):
    """The printer would not start a job (off, unplugged, no driver): the message says what to check."""


class PrinterTarget:
    """A printer to draw a document on directly, as vectors, instead of a PDF file: passed where a
    render function takes `out`. Counts the pages sent.

    The printer is set to RESOLUTION device units per inch, the same as the PDF writer, so every
    measurement (and the fonts' point sizes) come out the same; Windows' print engine scales to the
    driver's own dots. Nothing is rasterised here: a page of cards is a few hundred kilobytes in
    the spooler instead of a 35 MB bitmap.
    """

    def __init__(self, device: QPagedPaintDevice):
        self.device = device
        self.pages = 0

    def newPage(self) -> bool:  # the QPagedPaintDevice method the render functions call
        self.pages += 1
        return self.device.newPage()


def target_path(out: Path | str | PrinterTarget) -> Path | PrinterTarget:
    """What a render function returns: the PDF's path, or the printer it drew on."""
    return out if isinstance(out, PrinterTarget) else Path(out)


@contextlib.contextmanager
def _printer_pages(target: PrinterTarget, paper: str, landscape: bool) -> Iterator[tuple[PrinterTarget, QPainter, Page]]:
    w_mm, h_mm = paper_size(paper)
    if landscape:
        w_mm, h_mm = h_mm, w_mm
    device = target.device
    device.setResolution(RESOLUTION)
    if hasattr(device, "setFullPage"):  # QPrinter: the origin at the paper's corner, not the margins'
        device.setFullPage(True)
    painter = QPainter()
    if not painter.begin(device):
        raise PrinterError("Printer tidak dapat dipakai. Periksa apakah printer menyala dan terhubung.")
    target.pages = 1
    try:
        yield target, painter, Page(mm(w_mm), mm(h_mm))
    except BaseException:
        if hasattr(device, "abort"):
            device.abort()  # the spooler drops what was sent: no half a printout
        painter.end()
        raise
    painter.end()


@contextlib.contextmanager
def pdf_writer(out: Path | str | PrinterTarget, paper: str, title: str,
               landscape: bool = False) -> Iterator[tuple[QPdfWriter, QPainter, Page]]:
    """A QPdfWriter with no margins (origin at the paper's corner) and an active painter.

    Pages are streamed: each newPage() flushes the previous one, so memory stays bounded.
    The PDF is written beside `out` and renamed at the end: a cancel or an error never
    leaves a half-written file that looks complete. A PrinterTarget as `out` draws on the printer.
    """
    ensure_gui_app()
    if isinstance(out, PrinterTarget):
        with _printer_pages(out, paper, landscape) as drawn:
            yield drawn
        return
    w_mm, h_mm = paper_size(paper)
    with fileio.atomic_path(out, verify=check_complete) as partial:
        with _writing(partial, paper, title, landscape, w_mm, h_mm) as drawn:
            yield drawn


def check_complete(path: Path) -> None:
    """QPdfWriter ignores a failed write (a full disk gives a 0-byte or truncated PDF): check the trailer."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        f.seek(max(0, size - 64))
        tail = f.read()
    if size < 64 or b"%%EOF" not in tail:
        raise UserError(f"PDF {path.name} tidak tertulis lengkap ({size} bait): diska penuh atau tercabut? "
                        "Kosongkan ruang atau pakai diska lain, lalu ulangi; tidak ada berkas setengah "
                        "jadi yang tertinggal.")


@contextlib.contextmanager
def _writing(partial: Path, paper: str, title: str, landscape: bool, w_mm: float, h_mm: float
             ) -> Iterator[tuple[QPdfWriter, QPainter, Page]]:
    writer = QPdfWriter(str(partial))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator(f"Presensi KPPS {__version__}")
    writer.setPageLayout(page_layout(paper, landscape))
    if landscape:
        w_mm, h_mm = h_mm, w_mm
    painter = QPainter()
    if not painter.begin(writer):
        raise UserError(f"Tidak dapat menulis PDF ke {partial.parent}: folder hanya-baca atau diska penuh?")
    try:
        yield writer, painter, Page(mm(w_mm), mm(h_mm))
    finally:
        painter.end()  # QPdfEngine writes the trailer and closes the file it opened
        del painter, writer  # closed before the rename: Windows cannot rename an open file


def page_layout(paper: str, landscape: bool = False) -> QPageLayout:
    """The paper at its exact size with no margins. F4 is a custom 215 × 330 mm size, never matched
    to a driver's nearest sheet (Folio 8.5 × 13 in, or Legal on some inkjet drivers)."""
    w_mm, h_mm = paper_size(paper)
    size = QPageSize(QSizeF(w_mm, h_mm), QPageSize.Unit.Millimeter, paper.upper(),
                     QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def draw_text(painter: QPainter, x: float, baseline: float, text: str, size_pt: float,
              bold: bool = False, color: QColor = INK, align: str = "left",
              width: float = 0.0) -> None:
    """One line of text at a baseline; align 'center'/'right' within [x, x + width]."""
    painter.setFont(font(size_pt, bold))
    painter.setPen(color)
    if align != "left":
        advance = text_width(text, size_pt, bold)
        x += (width - advance) / (2 if align == "center" else 1)
    painter.drawText(QPointF(x, baseline), text)


def line_height(size_pt: float, bold: bool = False) -> float:
    return metrics(size_pt, bold).lineSpacing()
