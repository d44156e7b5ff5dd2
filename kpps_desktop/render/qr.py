"""QR symbols for card codes, drawn as vector rectangles (one per run of dark modules)."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter

# Error correction Q (25 %) survives smudges and blur; a 22-character code still fits
# version 2 (25 x 25 modules), small enough for a 720p webcam to resolve.
EC_LEVEL = "Q"
QUIET_ZONE = 4  # modules of white the QR standard asks for around the symbol
_DARK_RUN = re.compile(rb"\x00+")
_BLACK = QColor(0, 0, 0)


def matrix(text: str, quiet_zone: bool = False) -> tuple[int, bytes]:
    """(n, n*n bytes) with 0 for a dark module, row by row; with the quiet zone if asked.

    zxing-cpp's encoder picks the mask by the standard's penalty rules and takes about
    0.03 ms; the pure-Python `qrcode` package needs about 2 ms for the same (measured in
    bench/bench_cards.py), too slow for 12,201 cards, so it is only the fallback.
    """
    try:
        import zxingcpp
    except ImportError:
        return _matrix_qrcode(text, quiet_zone)
    image = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=EC_LEVEL
                                    ).to_image(add_quiet_zones=quiet_zone)
    return image.shape[0], bytes(image)


def _matrix_qrcode(text: str, quiet_zone: bool = False) -> tuple[int, bytes]:
    import qrcode

    q = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=QUIET_ZONE if quiet_zone else 0)
    q.add_data(text, optimize=0)
    q.make(fit=True)
    return len(q.modules) + (2 * QUIET_ZONE if quiet_zone else 0), bytes(
        0 if dark else 255 for row in q.get_matrix() for dark in row)


# Rectangles are in 1/16 module and each reaches 1/16 module into the row below:
# rows that only touch leave hairline seams when a viewer anti-aliases each edge.
_SUB = 16


def rects(text: str) -> tuple[int, list[QRect]]:
    """The dark runs as rectangles in 1/16-module units, ready for QPainter.drawRects."""
    # With the white quiet zone around it no run spans two rows, so one scan finds them all.
    n, data = matrix(text, quiet_zone=True)
    out = []
    for run in _DARK_RUN.finditer(data):
        y, x = divmod(run.start(), n)
        out.append(QRect((x - QUIET_ZONE) * _SUB, (y - QUIET_ZONE) * _SUB,
                         (run.end() - run.start()) * _SUB, _SUB + 1))
    return n - 2 * QUIET_ZONE, out


def draw(painter: QPainter, text: str, x: float, y: float, size: float) -> int:
    """Draw the symbol (without quiet zone) in the square at x, y of side `size`; returns n."""
    n, runs = rects(text)
    painter.save()
    painter.translate(x, y)
    painter.scale(size / (n * _SUB), size / (n * _SUB))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_BLACK)
    painter.drawRects(runs)
    painter.restore()
    return n
