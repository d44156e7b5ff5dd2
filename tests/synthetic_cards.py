"""Camera frames made from rendered cards: what a 720p webcam sees of a card held up at the desk.

Used by tests/test_ui_camera.py and bench/bench_checkin_gui.py.
"""

from __future__ import annotations

import random

from PIL import Image, ImageFilter
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage, QPainter

from kpps_desktop.render import cards as render_cards
from kpps_desktop.render import ensure_gui_app, pdf

DESK = (92, 80, 68)  # a wooden table under a fluorescent tube


def card_image(code: str, nama: str = "Siti Aminah Rahayu", px_per_mm: float = 6.0) -> QImage:
    """The printed card at `px_per_mm` (6 px/mm: a card filling ~40% of a 720p frame)."""
    ensure_gui_app()
    info = render_cards.CardInfo(code, nama, "anggota", "TPS 003", "Kedungmalang", "Kedung", "KABUPATEN JEPARA")
    image = QImage(round(render_cards.CARD_W * px_per_mm), round(render_cards.CARD_H * px_per_mm),
                   QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    # Fonts are sized in points against the PDF resolution; give the image the same resolution.
    dpm = round(pdf.RESOLUTION / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(px_per_mm / pdf.UNIT, px_per_mm / pdf.UNIT)
    render_cards.draw_card(p, info, render_cards.DEFAULT_TITLE)
    p.end()
    return image


def to_pil(image: QImage) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    import io

    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")


def to_qimage(picture: Image.Image) -> QImage:
    rgb = picture.convert("RGB")
    data = rgb.tobytes()
    image = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: `data` goes away


def camera_frame(card: QImage | Image.Image, angle: float = 0.0, blur: float = 0.0, noise: float = 0.0,
                 size: tuple[int, int] = (1280, 720), at: tuple[int, int] | None = None,
                 seed: int = 0) -> QImage:
    """The card on a desk in a `size` frame: rotated by `angle` degrees, Gaussian `blur` (px),
    sensor `noise` (0..1 mix of random grey), placed at `at` (default: centred)."""
    picture = card if isinstance(card, Image.Image) else to_pil(card)
    frame = Image.new("RGB", size, DESK)
    turned = picture.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=DESK)
    x, y = at or ((size[0] - turned.width) // 2, (size[1] - turned.height) // 2)
    frame.paste(turned, (x, y))
    if blur:
        frame = frame.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        rng = random.Random(seed)
        grain = Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).convert("RGB")
        frame = Image.blend(frame, grain, noise)
    return to_qimage(frame)


def nv12_frame(image: QImage):
    """The same picture as the NV12 QVideoFrame a webcam driver delivers (luma plane + neutral chroma)."""
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h = grey.width(), grey.height()
    frame = QVideoFrame(QVideoFrameFormat(grey.size(), QVideoFrameFormat.PixelFormat.Format_NV12))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    luma, stride = frame.bits(0), frame.bytesPerLine(0)
    src, src_stride = memoryview(grey.constBits()), grey.bytesPerLine()
    for row in range(h):
        luma[row * stride: row * stride + w] = src[row * src_stride: row * src_stride + w]
    chroma = frame.bits(1)
    chroma[:] = b"\x80" * len(chroma)
    frame.unmap()
    return frame
