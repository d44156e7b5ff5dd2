"""Windows that fit the laptop's screen: the main window's size and state remembered, dialogs capped
to the area the taskbar leaves, save dialogs starting in Documents (or the folder used last).

A 1366×768 laptop with a 40 px taskbar leaves 1366×728; a 1920×1080 one at 150 % leaves about
1280×690 logical pixels. Sizes here are logical pixels, so one rule serves every scaling.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from kpps_desktop.core import winfs

MAIN_SIZE = (1280, 720)  # the window's natural size on a screen with room for it
# What a window's frame takes beyond its contents on Windows 10/11 at any scaling, in logical pixels:
# the title bar (~31) and the resize borders (~8 a side, mostly invisible).
FRAME_W, FRAME_H = 16, 39
STATE_FILE = "jendela.ini"  # beside the database: per installation, and a test's own temporary folder


def available(widget: QWidget | None = None) -> QRect:
    """The screen area the widget is on (or the primary one), without the taskbar."""
    # QWidget.screen unbound: a screen may keep a child in an attribute named `screen` (CheckinHost does).
    screen = QWidget.screen(widget) if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def capped(width: int, height: int, area: QRect) -> tuple[int, int]:
    """(width, height) of contents that, with a window frame, fit in `area`."""
    return min(width, area.width() - FRAME_W), min(height, area.height() - FRAME_H)


def fit(widget: QWidget, width: int, height: int) -> None:
    """Resize a dialog to width×height, or to what the screen's free area allows, centred on it."""
    area = available(widget.parentWidget() or widget)
    w, h = capped(width, height, area)
    widget.resize(max(w, 1), max(h, 1))
    frame = QRect(0, 0, w + FRAME_W, h + FRAME_H)
    frame.moveCenter(area.center())
    widget.move(max(frame.left(), area.left()), max(frame.top(), area.top()))


def _state(folder: Path) -> QSettings:
    return QSettings(str(folder / STATE_FILE), QSettings.Format.IniFormat)


def place_main_window(window: QWidget, folder: Path) -> None:
    """Before the first show: the size and state of the last session, else maximised on a screen too
    small for the natural size (with its frame), else the natural size centred."""
    state = _state(folder)
    geometry = state.value("main/geometry")
    if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):  # Qt keeps it on a screen
        area = available(window)
        if not area.contains(window.geometry().topLeft()) or window.width() > area.width():
            fit(window, window.width(), window.height())
        if state.value("main/maximized") in (True, "true"):
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    area = available(window)
    width, height = MAIN_SIZE
    if width + FRAME_W > area.width() or height + FRAME_H > area.height() or area.width() < 1600:
        fit(window, width, height)  # the size it returns to when un-maximised
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        fit(window, width, height)


def save_main_window(window: QWidget, folder: Path) -> None:
    """Remember the window's size and whether it was maximised (called when it closes)."""
    state = _state(folder)
    state.setValue("main/geometry", window.saveGeometry())
    state.setValue("main/maximized", window.isMaximized())
    state.sync()


_last_folder: Path | None = None  # the folder a file was last saved to in this session


def save_start(file_name: str) -> str:
    """Where a save dialog starts: the folder used last, else Documents; with the suggested name."""
    folder = _last_folder
    if folder is None or not folder.is_dir():
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    return str(folder / file_name)


def remember_folder(path: str | Path) -> None:
    """A file was saved to `path`: the next save dialog starts in its folder."""
    global _last_folder
    _last_folder = Path(path).parent


def ask_save_path(parent: QWidget | None, title: str, file_name: str, filters: str,
                  suffix: str | None = None) -> Path | None:
    """The one save dialog: starts in the folder used last (else Documents) with `file_name` made
    safe for Windows; a typed name Windows would refuse (rekap:1.xlsx, CON.pdf, 'rekap.') is
    explained and asked again. `suffix` ('.pdf') is added when the user left it off."""
    from PySide6 import QtWidgets

    start = save_start(winfs.safe_name(file_name))
    while True:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, title, start, filters)
        if not path:
            return None
        if suffix and not path.lower().endswith(suffix):
            path += suffix
        problem = winfs.name_problem(Path(path).name)
        if problem is None:
            remember_folder(path)
            return Path(path)
        QtWidgets.QMessageBox.warning(parent, title, problem)
        start = str(Path(path).with_name(winfs.safe_name(Path(path).name)))
