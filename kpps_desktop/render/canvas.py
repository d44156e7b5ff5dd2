"""One drawing interface for cards, two targets: a QPainter (printer, screen image) or pdfdoc.

Card layout code calls these methods once; `QtCanvas` turns them into QPainter calls (a printer
gets vectors, a test or the camera simulation gets an image), `PdfCanvas` into compact PDF
operators. Coordinates are device units (pdf.RESOLUTION per inch), y down.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from kpps_desktop.render import pdf, pdfdoc, qr


class QtCanvas:
    def __init__(self, painter: QPainter):
        self.p = painter

    def fill_rect(self, x: float, y: float, w: float, h: float, color: QColor) -> None:
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(color)
        self.p.drawRect(QRectF(x, y, w, h))

    def stroke_rect(self, x: float, y: float, w: float, h: float, color: QColor, width: float) -> None:
        self.p.setPen(QPen(color, width))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawRect(QRectF(x, y, w, h))

    def lines(self, segments: list[tuple[float, float, float, float]], color: QColor, width: float) -> None:
        self.p.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        self.p.drawLines([QLineF(*s) for s in segments])

    def fill_round_rect(self, x: float, y: float, w: float, h: float, r: float, color: QColor) -> None:
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(color)
        self.p.drawRoundedRect(QRectF(x, y, w, h), r, r)

    def fill_ellipse(self, cx: float, cy: float, rx: float, ry: float, color: QColor) -> None:
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(color)
        self.p.drawEllipse(QPointF(cx, cy), rx, ry)

    def save(self, dx: float = 0.0, dy: float = 0.0, clip: tuple[float, float, float, float] | None = None) -> None:
        self.p.save()
        self.p.translate(dx, dy)
        if clip:
            path = QPainterPath()
            path.addRect(QRectF(*clip))
            self.p.setClipPath(path, Qt.ClipOperation.IntersectClip)

    def restore(self) -> None:
        self.p.restore()

    def text(self, x: float, baseline: float, text: str, size_pt: float, bold: bool = False,
             color: QColor = pdf.INK, align: str = "left", width: float = 0.0) -> None:
        pdf.draw_text(self.p, x, baseline, text, size_pt, bold, color, align, width)

    def text_width(self, text: str, size_pt: float, bold: bool = False) -> float:
        return pdf.text_width(text, size_pt, bold)

    def qr(self, code: str, x: float, y: float, size: float) -> None:
        qr.draw(self.p, code, x, y, size)

    def photo(self, data: bytes, x: float, y: float, w: float, h: float) -> bool:
        image = QImage.fromData(data)
        if image.isNull():
            return False
        self.p.drawImage(QRectF(x, y, w, h), image)
        return True

    def template(self, key: str, x: float, y: float, draw: Callable[["QtCanvas"], None]) -> None:
        """Draw `draw` with its origin at x, y (on a PDF: once, then by reference per `key`)."""
        self.save(x, y)
        draw(self)
        self.restore()


class PdfCanvas:
    """The same calls written with pdfdoc: shared parts become one Form XObject each."""

    def __init__(self, doc: pdfdoc.PdfDocument, content: pdfdoc.Content | None = None):
        self.doc = doc
        self.c = content or pdfdoc.Content(doc)
        for name in ("fill_rect", "stroke_rect", "lines", "fill_round_rect", "fill_ellipse", "save",
                     "restore", "text"):
            setattr(self, name, getattr(self.c, name))

    @staticmethod
    def text_width(text: str, size_pt: float, bold: bool = False) -> float:
        return pdfdoc.text_width(text, size_pt, bold)

    def qr(self, code: str, x: float, y: float, size: float) -> None:
        n, _stride, rows = qr.packed(code, align=1)  # PDF image rows end on a byte
        self.c.bitmap(x, y, size, n, rows)

    def photo(self, data: bytes, x: float, y: float, w: float, h: float) -> bool:
        image = QImage.fromData(data)
        if image.isNull():
            return False
        if data[:2] == b"\xff\xd8" and _jpeg_components(data) == 3:
            ref = self.doc.jpeg(data, image.width(), image.height())
        else:
            ref = self.doc.rgb_image(image)
        self.c.image(x, y, w, h, f"P{ref}", ref)
        return True

    def template(self, key: str, x: float, y: float, draw: Callable[["PdfCanvas"], None]) -> None:
        name, ref = self.doc.form(key, lambda content: draw(PdfCanvas(self.doc, content)))
        self.c.form(name, ref, x, y)


def _jpeg_components(data: bytes) -> int:
    """Colour components in a JPEG's frame header (SOFn), 0 when none is found."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return 0
        marker = data[i + 1]
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return data[i + 9]
        i += 2 + length
    return 0
