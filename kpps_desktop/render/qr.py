"""QR symbols for card codes, drawn as 1-bit images (one pixel per module, scaled without smoothing)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

# Error correction Q (25 %) survives smudges and blur; a 22-character code still fits
# version 2 (25 x 25 modules), small enough for a 720p webcam to resolve.
EC_LEVEL = "Q"
QUIET_ZONE = 4  # modules of white the QR standard asks for around the symbol


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


# Dark = colour index 0, black; light = 1, white. With exactly this table Qt's PDF writer keeps the
# image at 1 bit per module (any other table or format becomes 8-bit RGB): a card's symbol is a
# few hundred bytes instead of hundreds of rectangles.
_TABLE = [QColor(0, 0, 0).rgba(), QColor(255, 255, 255).rgba()]
_BITS = bytes.maketrans(bytes(range(256)), b"0" + b"1" * 255)


def image(text: str) -> QImage:
    """The symbol (without quiet zone) as a 1-bit image, one pixel per module."""
    full, data = matrix(text, quiet_zone=True)
    n = full - 2 * QUIET_ZONE
    stride = (n + 31) // 32 * 4  # QImage rows are 32-bit aligned
    rows = bytearray()
    for y in range(QUIET_ZONE, QUIET_ZONE + n):
        row = data[y * full + QUIET_ZONE:y * full + QUIET_ZONE + n].translate(_BITS)
        rows += int(row + b"0" * (stride * 8 - n), 2).to_bytes(stride, "big")
    img = QImage(bytes(rows), n, n, stride, QImage.Format.Format_Mono).copy()  # copy: own the bytes
    img.setColorTable(_TABLE)
    return img


def draw(painter: QPainter, text: str, x: float, y: float, size: float) -> int:
    """Draw the symbol (without quiet zone) in the square at x, y of side `size`; returns n.

    Scaled without smoothing: each module stays a sharp square at any print resolution (the PDF
    image is not marked for interpolation)."""
    img = image(text)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.drawImage(QRectF(x, y, size, size), img)
    painter.restore()
    return img.width()
