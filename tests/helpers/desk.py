"""The check-in desk as the GUI tests drive it: a settable clock, scanner bursts, what was recorded."""

import datetime as dt
import itertools

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from helpers.sessions import KEDUNGMALANG, at

class Clock:
    """The device clock, set by the test."""

    def __init__(self, hhmm: str = "07:55"):
        self.set(hhmm)

    def set(self, hhmm: str) -> None:
        self.now = at(hhmm)

    def __call__(self) -> dt.datetime:
        return self.now


def officer(desk, n=0, desa=KEDUNGMALANG):
    return desk.officers[desa][n]


def scan(qtbot, screen, text, target=None, enter=True):
    """A keyboard-wedge scanner typing `text` into whatever has focus, as fast as it does.

    The detector's clock advances 1 ms per key, as a scanner's does: a busy CI machine that
    pauses the test process mid-burst must not turn a scan into typing (the timing rules have
    their own tests in test_scanner.py and test_ui_checkin.py, with real and explicit key gaps).
    """
    target = target or QApplication.focusWidget() or screen
    real_clock = screen.scanner.clock
    start, keys = real_clock(), itertools.count()
    screen.scanner.clock = lambda: start + next(keys) * 0.001
    try:
        with qtbot.waitSignal(screen.result_shown, timeout=5000):
            QTest.keyClicks(target, text)
            if enter:
                QTest.keyClick(target, Qt.Key.Key_Return)
            screen.scanner.clock = real_clock  # a burst without Enter ends by the real timer
    finally:
        screen.scanner.clock = real_clock
    return screen.panel.view


def attendance(desk):
    return desk.conn.execute("SELECT officer_id, status, method, reason, at, corrects FROM attendance "
                             "ORDER BY seq").fetchall()


def on_modal(callback):
    """Run `callback(dialog)` once the next modal dialog is open (exec() blocks the test)."""
    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
        else:
            callback(dialog)
    QTimer.singleShot(0, poll)
