"""Recap charts drawn with QPainter: attendance rate bars, check-ins over time; to PDF or PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from kpps_desktop.render import FONT_FAMILY, ensure_gui_app
from kpps_desktop.render.pdf import no_ligatures

INK = QColor("#1d1d1f")
MUTED = QColor("#5f6368")
GRID = QColor("#d0d4d8")
BAR = QColor("#2e7d32")
BAR_LOW = QColor("#c62828")  # rates under LOW_RATE: the desa someone should call
BAR_MID = QColor("#f9a825")
LOW_RATE, MID_RATE = 0.70, 0.85
TIME_BAR = QColor("#1565c0")


def _font(px: float, bold: bool = False) -> QFont:
    # Pixel sizes in the device's own units: the same drawing fits a 1200 dpi PDF and a PNG.
    f = QFont(FONT_FAMILY)
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return no_ligatures(f)


def rate_color(rate: float | None) -> QColor:
    if rate is None:
        return MUTED
    return BAR_LOW if rate < LOW_RATE else BAR_MID if rate < MID_RATE else BAR


def draw_rates(p: QPainter, rect: QRectF, items: Sequence[tuple[str, float | None]], title: str,
               pt: float) -> None:
    """Horizontal bars, one per (label, rate 0..1), with the percentage at the bar's end.

    `pt` is device units per point, so text keeps its size on any device. Many items shrink
    the rows, down to a floor, then the list is cut with a note.
    """
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    title_font, label_font = _font(9 * pt, True), _font(7 * pt)
    p.setFont(title_font)
    p.setPen(INK)
    fm_title = QFontMetricsF(title_font, p.device())
    p.drawText(QPointF(rect.left(), rect.top() + fm_title.ascent()), title)
    top = rect.top() + fm_title.height() * 1.4
    fm = QFontMetricsF(label_font, p.device())
    row_h = max(fm.height() * 1.25, min(fm.height() * 2.2, (rect.bottom() - top) / max(1, len(items))))
    fit = int((rect.bottom() - top - (fm.height() if len(items) * row_h > rect.bottom() - top else 0)) // row_h)
    shown = list(items)
    if len(shown) > fit:  # the lowest rates, lowest first: the rows a reader must act on
        shown = sorted((it for it in items if it[1] is not None), key=lambda it: it[1])[:max(fit, 0)]
    label_w = min(rect.width() * 0.32, max((fm.horizontalAdvance(t) for t, _ in shown), default=0) + 4 * pt)
    value_w = fm.horizontalAdvance("100,0%") + 4 * pt
    bar_left = rect.left() + label_w
    bar_w = rect.width() - label_w - value_w
    p.setPen(QPen(GRID, 0.5 * pt))
    for frac in (0.25, 0.5, 0.75, 1.0):
        x = bar_left + bar_w * frac
        p.drawLine(QPointF(x, top), QPointF(x, top + row_h * len(shown)))
    p.setFont(label_font)
    for i, (label, rate) in enumerate(shown):
        y = top + i * row_h
        text = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 3 * pt)
        p.setPen(INK)
        p.drawText(QRectF(rect.left(), y, label_w - 3 * pt, row_h),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        if rate is not None:
            p.fillRect(QRectF(bar_left, y + row_h * 0.18, bar_w * min(rate, 1.0), row_h * 0.64), rate_color(rate))
        p.setPen(MUTED if rate is None else INK)
        value = "–" if rate is None else f"{rate * 100:.1f}%".replace(".", ",")
        p.drawText(QRectF(bar_left + bar_w * min(rate or 0, 1.0) + 2 * pt, y, value_w, row_h),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, value)
    if len(shown) < len(items):
        p.setPen(MUTED)
        p.drawText(QPointF(rect.left(), rect.bottom() - fm.descent()),
                   f"{len(shown)} terendah dari {len(items)} ditampilkan, dari yang terendah")
    p.restore()


def draw_timeline(p: QPainter, rect: QRectF, buckets: Sequence[tuple[str, int]], title: str, pt: float) -> None:
    """Vertical bars of check-ins per time bucket ('07:45', n), labels every few buckets."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    title_font, label_font = _font(9 * pt, True), _font(7 * pt)
    fm_title = QFontMetricsF(title_font, p.device())
    fm = QFontMetricsF(label_font, p.device())
    p.setFont(title_font)
    p.setPen(INK)
    p.drawText(QPointF(rect.left(), rect.top() + fm_title.ascent()), title)
    if not buckets:
        p.setFont(label_font)
        p.setPen(MUTED)
        p.drawText(QPointF(rect.left(), rect.top() + fm_title.height() * 2.2), "Belum ada presensi.")
        p.restore()
        return
    peak = max(n for _, n in buckets) or 1
    axis_w = fm.horizontalAdvance(str(peak)) + 3 * pt
    top = rect.top() + fm_title.height() * 1.6
    bottom = rect.bottom() - fm.height() * 1.4
    left, width = rect.left() + axis_w, rect.width() - axis_w
    step = width / len(buckets)
    p.setFont(label_font)
    p.setPen(QPen(GRID, 0.5 * pt))
    p.drawLine(QPointF(left, bottom), QPointF(left + width, bottom))
    p.setPen(MUTED)
    p.drawText(QRectF(rect.left(), top - fm.height() / 2, axis_w - 2 * pt, fm.height()),
               Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(peak))
    every = max(1, int(fm.horizontalAdvance("00:00 ") // step) + 1)
    for i, (label, n) in enumerate(buckets):
        x = left + i * step
        h = (bottom - top) * n / peak
        p.fillRect(QRectF(x + step * 0.1, bottom - h, step * 0.8, h), TIME_BAR)
        if i % every == 0:
            p.drawText(QRectF(x - step * every / 2, bottom + 1 * pt, step * every + step, fm.height()),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
    p.restore()


def to_image(draw: Callable[[QPainter, QRectF, float], None], width: int = 1200, height: int = 700,
             scale: float = 2.0) -> QImage:
    """Run a draw(painter, rect, pt) into a white image; `scale` = pixels per point."""
    ensure_gui_app()
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    margin = 8 * scale
    draw(p, QRectF(margin, margin, width - 2 * margin, height - 2 * margin), scale)
    p.end()
    return image


def save_png(draw: Callable[[QPainter, QRectF, float], None], out: Path | str, width: int = 1200,
             height: int = 700) -> Path:
    from kpps_desktop.core import fileio
    from kpps_desktop.core.errors import UserError

    image = to_image(draw, width, height)
    with fileio.atomic_path(out) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise UserError(f"Tidak dapat menulis gambar ke {out}; periksa apakah diska penuh atau tercabut.")
    return Path(out)


def rate_items(rows: Sequence[dict]) -> list[tuple[str, float | None]]:
    """(label, rate) for a recap's rows, in the recap's order; a desa that never reported says so."""
    return [(r.get("nama") or r["kode"] if r.get("reported", True) else f"{r.get('nama') or r['kode']} (belum mengirim)",
             r["rate"]) for r in rows]
