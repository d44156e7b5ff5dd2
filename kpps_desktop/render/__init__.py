"""Printed output (cards, daftar hadir, roster sheet) drawn as vector PDF with Qt's QPdfWriter."""

from __future__ import annotations

import functools
import os
import sys

from PySide6.QtGui import QFontDatabase, QGuiApplication

from kpps_desktop import assets

FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def ensure_gui_app() -> QGuiApplication:
    """The running Q(Gui)Application, or a new one (offscreen when there is no display).

    Drawing text into a PDF needs one; the CLI and tests have none of their own.
    """
    app = QGuiApplication.instance()
    if app is None:
        no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and no_display:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["kpps"])
    register_fonts()
    return app


@functools.lru_cache(maxsize=1)
def register_fonts() -> str:
    """Load the bundled DejaVu Sans so every card looks the same on every machine."""
    fonts = assets.path("fonts")
    for name in FONT_FILES:
        if QFontDatabase.addApplicationFontFromData(fonts.joinpath(name).read_bytes()) < 0:
            raise RuntimeError(f"Fon {name} tidak dapat dimuat.")
    return FONT_FAMILY
