"""QR symbols for card codes, drawn as 1-bit images (one pixel per module, scaled without smoothing)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from kpps_desktop.render import qrfast

# Error correction Q (25 %) survives smudges and blur; a 22-character code still fits
# version 2 (25 x 25 modules), small enough for a 720p webcam to resolve.
EC_LEVEL = "Q"
QUIET_ZONE = 4  # modules of white the QR standard asks for around the symbol


def matrix(text: str, quiet_zone: bool = False) -> tuple[int, bytes]:
    """(n, n*n bytes) with 0 for a dark module, row by row; with the quiet zone if asked.

    Card codes (version 2-Q, alphanumeric) come from qrfast (~0.05 ms); anything else from
    zxing-cpp's encoder (~0.15 ms); the pure-Python `qrcode` package (~3 ms, measured in
    bench/bench_cards.py) is only the fallback when zxing-cpp is missing.
    """
    if qrfast.encodable(text):
        n, _stride, rows = packed(text, align=4)
        bits = "".join(format(int.from_bytes(rows[y * 4:y * 4 + 4], "big") >> 7, "025b") for y in range(n))
        data = bits.encode().translate(_LEVELS)
        if quiet_zone:
            q = QUIET_ZONE
            blank = b"\xff" * (n + 2 * q)
            data = blank * q + b"".join(b"\xff" * q + data[y * n:y * n + n] + b"\xff" * q
                                        for y in range(n)) + blank * q
            n += 2 * q
        return n, data
    return _matrix_zxing(text, quiet_zone)


def _matrix_zxing(text: str, quiet_zone: bool = False) -> tuple[int, bytes]:
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
_LEVELS = bytes.maketrans(b"01", b"\x00\xff")  # packed rows: 1 = white
_ROWS_25 = sum(((1 << 25) - 1) << (7 + 32 * y) for y in range(25))  # the 25 module bits of each row


def packed(text: str, align: int = 4) -> tuple[int, int, bytes]:
    """(n, bytes per row, rows): the symbol without quiet zone, 1 bit per module (1 = white),
    each row padded to a multiple of `align` bytes (QImage wants 4, a PDF image 1)."""
    if qrfast.encodable(text):
        # 25 modules: 4 bytes per row at either alignment; flip to 1 = white, padding stays 0.
        return qrfast.SIZE, 4, (int.from_bytes(qrfast.encode(text), "big") ^ _ROWS_25).to_bytes(100, "big")
    n, data = _matrix_zxing(text)
    stride = (n + 8 * align - 1) // (8 * align) * align
    bits = data.translate(_BITS)
    pad = b"0" * (stride * 8 - n)
    joined = b"".join([bits[y * n:y * n + n] + pad for y in range(n)])
    return n, stride, int(joined, 2).to_bytes(stride * n, "big")


def image(text: str) -> QImage:
    """The symbol (without quiet zone) as a 1-bit image, one pixel per module."""
    n, stride, rows = packed(text)
    img = QImage(rows, n, n, stride, QImage.Format.Format_Mono).copy()  # copy: own the bytes
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
