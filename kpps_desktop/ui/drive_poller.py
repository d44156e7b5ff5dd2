"""Looking for USB sticks every few seconds, off the GUI thread, only while someone is looking.

On Windows asking a drive letter about its volume can take a second or more (a waking stick, a
card reader, an antivirus scan of a newly plugged drive): on the GUI thread every 3 s that froze
the whole window, and it went on while the handover screen was hidden.
"""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal


class DrivePoller(QObject):
    """Calls `source()` on a thread of its own every `interval_ms` between start() and stop();
    `found` carries each result to the GUI thread. At most one call is under way at a time."""

    found = Signal(object)  # the source's list (core.drives.Drive)
    _done = Signal(object)  # from the polling thread; queued to the GUI thread

    def __init__(self, source: Callable[[], list], interval_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self.source = source
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self._done.connect(self._finish)

    def start(self) -> None:
        if not self.timer.isActive():
            self.timer.start()
            self.poll()  # now, not one interval later: a stick plugged in while hidden shows at once

    def stop(self) -> None:
        self.timer.stop()

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def poll(self) -> None:
        if self._busy:
            return  # the last look is still under way (a slow drive): no pile-up of threads
        self._busy = True
        threading.Thread(target=self._run, name="drive-poll", daemon=True).start()

    def _run(self) -> None:
        try:
            result = self.source()
        except OSError:
            result = []
        try:
            self._done.emit(result)
        except RuntimeError:  # the screen closed while we looked
            pass

    def _finish(self, result: list) -> None:
        self._busy = False
        self.found.emit(result)
