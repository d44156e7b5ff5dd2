"""Printed output (cards, daftar hadir, roster sheet) drawn as vector PDF with Qt's QPdfWriter."""

from __future__ import annotations

import functools
import os
import sys
from typing import TYPE_CHECKING

from kpps_desktop import assets

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

# Qt is imported where it draws: a render module that only chooses (render.recap_export for a CSV)
# loads no Qt, so `kpps recap --format csv` runs where Qt's GUI libraries cannot load.

FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def ensure_gui_app() -> QGuiApplication:
    """The running Q(Gui)Application, or a new one (offscreen when there is no display).

    Drawing text into a PDF needs one; the CLI and tests have none of their own.
    """
    from PySide6.QtGui import QGuiApplication

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
    from PySide6.QtGui import QFontDatabase

    fonts = assets.path("fonts")
    for name in FONT_FILES:
        if QFontDatabase.addApplicationFontFromData(fonts.joinpath(name).read_bytes()) < 0:
            raise RuntimeError(f"Fon {name} tidak dapat dimuat.")
    return FONT_FAMILY
