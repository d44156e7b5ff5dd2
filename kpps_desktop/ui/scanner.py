"""USB keyboard-wedge scanners: a scanner's key burst told apart from typing by timing, anywhere in a window."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

# A scanner types a whole code within a few milliseconds per key; a fast human needs 80 ms
# or more between keys (a two-key rollover can be quicker, but never eight keys in a row).
MAX_GAP = 0.030  # seconds between keys while a burst is still short enough to be typing
MIN_LENGTH = 8  # characters before a burst counts as a scan (card codes have 22)
# Once a burst is long enough to be a scanner, a longer pause ends it: scanners that send
# no Enter or Tab, and cheap ones whose timing jitters mid-code.
END_AFTER = 0.080
TERMINATORS = ("\r", "\n", "\t")


@dataclass
class Decision:
    """What to do with one key press: `consume` it now; then the scans and held keys to give back."""

    consume: bool
    scans: list[str] = field(default_factory=list)
    released: list[object] = field(default_factory=list)

    def then(self, other: "Decision") -> "Decision":
        """This decision about earlier keys, followed by `other` about the current one."""
        return Decision(other.consume, self.scans + other.scans, self.released + other.released)


class BurstDetector:
    """Pure timing logic, no Qt: the caller passes each key with the time it arrived.

    Printable keys are held back (consumed) while they may start a burst. A burst ends at a
    terminator (Enter, Tab), a non-text key, or a pause: at MIN_LENGTH characters or more it
    becomes a scan and its keys are swallowed; shorter, it was typing and its keys are
    released, in order, for the caller to deliver (at most MAX_GAP late).
    """

    def __init__(self, max_gap: float = MAX_GAP, min_length: int = MIN_LENGTH, end_after: float = END_AFTER):
        self.max_gap, self.min_length, self.end_after = max_gap, min_length, end_after
        self._held: list[tuple[object, str]] = []
        self._last = 0.0

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def deadline(self) -> float | None:
        """When the held keys must be decided if no other key comes (call expire then)."""
        if not self._held:
            return None
        return self._last + (self.end_after if len(self._held) >= self.min_length else self.max_gap)

    def expire(self, t: float) -> Decision:
        deadline = self.deadline()
        if deadline is None or t < deadline:
            return Decision(False)
        return self._resolve()

    def press(self, item: object, text: str, t: float) -> Decision:
        """One key press; `text` is its character, '' for a key that types nothing (arrows, F-keys)."""
        decision = self.expire(t)
        if text in TERMINATORS:
            if len(self._held) >= self.min_length:
                return decision.then(self._resolve(consume=True))
            return decision.then(self._resolve())
        if not text:
            return decision.then(self._resolve())
        self._held.append((item, text))
        self._last = t
        return decision.then(Decision(True))

    def _resolve(self, consume: bool = False) -> Decision:
        held, self._held = self._held, []
        if len(held) >= self.min_length:
            return Decision(consume, scans=["".join(text for _, text in held)])
        return Decision(consume, released=[item for item, _ in held])


class ScanDetector(QObject):
    """The Qt side: an application-wide key filter for one window, so a scan lands wherever focus is.

    Scanned text never reaches the focused field (it is emitted as `scanned`); typing reaches
    it unchanged, each key at most MAX_GAP later.
    """

    scanned = Signal(str)

    def __init__(self, scope: QWidget, clock: Callable[[], float] = time.monotonic,
                 detector: BurstDetector | None = None, *, with_dialogs: bool = False):
        super().__init__(scope)
        self.scope = scope
        # The main window's router also watches the dialogs it owns: a scan in a search box or in
        # "Ubah data petugas" must not be typed there.
        self.with_dialogs = with_dialogs
        self.clock = clock
        self.detector = detector or BurstDetector()
        self.enabled = True
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._expire)
        QCoreApplication.instance().installEventFilter(self)
        scope.destroyed.connect(self._uninstall)

    def _uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _watching(self, obj: QObject) -> bool:
        if not (self.enabled and obj.isWidgetType() and shiboken6.isValid(self.scope)):
            return False
        if not self.scope.isVisible():
            return False
        target, window = obj.window(), self.scope.window()
        if not self.with_dialogs:
            return target is window
        while target is not None:
            if target is window:
                return True
            parent = target.parentWidget()
            target = parent.window() if parent is not None else None
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress or not self._watching(obj):
            return False
        text = event.text()
        commands = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                        | Qt.KeyboardModifier.MetaModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = "\r"
        elif event.key() == Qt.Key.Key_Tab:
            text = "\t"
        elif event.isAutoRepeat() or commands or not text.isprintable():
            # A held-down key or a shortcut is a person at the keyboard, never a scanner.
            text = ""
        if event.key() in (Qt.Key.Key_Shift, Qt.Key.Key_CapsLock):
            return False  # scanners press Shift for capitals: not a character, not the end
        copy = (obj, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                               event.isAutoRepeat(), event.count()))
        decision = self.detector.press(copy, text, self.clock())
        self._apply(decision)
        return decision.consume

    def _expire(self) -> None:
        if not shiboken6.isValid(self.scope):  # the window closed while keys were held
            return
        self._apply(self.detector.expire(self.clock()))

    def _apply(self, decision) -> None:
        for receiver, event in decision.released:
            if shiboken6.isValid(receiver):
                self._replaying = True
                try:
                    QCoreApplication.sendEvent(receiver, event)
                finally:
                    self._replaying = False
        for text in decision.scans:
            self.scanned.emit(text)
        deadline = self.detector.deadline()
        if deadline is None:
            self._timer.stop()
        else:
            self._timer.start(max(0, round((deadline - self.clock()) * 1000)))
