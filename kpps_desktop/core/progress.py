"""A Qt-free progress object for long work: the function ticks, the UI observes and may cancel."""

from __future__ import annotations

import threading
from typing import Callable


class Canceled(Exception):
    """Raised inside long work when the user pressed Cancel; the work leaves nothing half-done."""


class Progress:
    """Long functions take one of these: call tick(); check() raises Canceled when asked to stop.

    Thread-safe enough for one worker and one observer: plain attribute reads and writes.
    """

    def __init__(self, total: int = 0, on_change: Callable[["Progress"], None] | None = None):
        self.total = total
        self.done = 0
        self.message = ""
        self._canceled = threading.Event()
        self._on_change = on_change

    @property
    def canceled(self) -> bool:
        return self._canceled.is_set()

    def cancel(self) -> None:
        self._canceled.set()

    def set_total(self, total: int, message: str | None = None) -> None:
        self.total = total
        if message is not None:
            self.message = message
        self._notify()

    def tick(self, n: int = 1, message: str | None = None) -> None:
        self.done += n
        if message is not None:
            self.message = message
        self._notify()
        self.check()

    def check(self) -> None:
        if self.canceled:
            raise Canceled("Dibatalkan oleh pengguna.")

    def _notify(self) -> None:
        if self._on_change is not None:
            self._on_change(self)


