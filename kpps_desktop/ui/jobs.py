"""The one background-job runner: a single worker thread that owns the writing connection."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Any, Callable

# QEventLoop (wait, below) and QProgressDialog through the module: see main_window.
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

from kpps_desktop.core import db as dbmod
from kpps_desktop.core.errors import message_for
from kpps_desktop.core.progress import Canceled, Progress


def friendly_error(exc: BaseException) -> str:
    """Our own errors already speak Indonesian; anything else is a bug, saved as a crash report."""
    message = message_for(exc)  # the same rule as the CLI's: a bare ValueError or OSError is a bug
    if message is not None:
        return message
    from kpps_desktop.core import crash_report

    path = crash_report.save(exc, crash_report.default_dir())
    return QCoreApplication.translate("jobs", "Terjadi kesalahan tak terduga: {error}").format(
        error=f"{exc.__class__.__name__}: {exc}") + "\n\n" + crash_report.cli_message(path)


class Outcome(StrEnum):
    PENDING = "pending"
    FINISHED = "finished"
    CANCELED = "canceled"
    FAILED = "failed"


class Job(QObject):
    """One submitted call; its signals arrive on the GUI thread.

    Read the way Anki's CollectionOp reads: `runner.submit(fn, ...).success(show).failure(warn)`;
    the callbacks run on the GUI thread when the work is done, and the caller never waits in a
    nested event loop (a timer or a second click cannot re-enter it mid-operation).
    """

    finished = Signal(object)
    failed = Signal(str)
    canceled = Signal()
    progressed = Signal(int, int, str)

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, progress: Progress | None):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.progress = progress
        self.done = False  # set on the GUI thread only
        self.outcome = Outcome.PENDING
        self.result: Any = None
        self.error: str | None = None
        self._last_emit = 0.0
        if progress is not None:
            progress._on_change = self._on_progress

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()

    # Chainable callbacks; one added after the job is done runs at once with its outcome.
    def success(self, fn: Callable[[Any], Any]) -> Job:
        return self._when(Outcome.FINISHED, self.finished, fn, lambda: (self.result,))

    def failure(self, fn: Callable[[str], Any]) -> Job:
        return self._when(Outcome.FAILED, self.failed, fn, lambda: (self.error or "",))

    def on_cancel(self, fn: Callable[[], Any]) -> Job:
        return self._when(Outcome.CANCELED, self.canceled, fn, tuple)

    def always(self, fn: Callable[[], Any]) -> Job:
        """fn() when the job ends, however it ends (before the callbacks added after this one)."""
        if self.done:
            fn()
        else:
            for signal in (self.finished, self.failed, self.canceled):
                signal.connect(lambda *_: fn())
        return self

    def _when(self, outcome: Outcome, signal, fn: Callable, args: Callable[[], tuple]) -> Job:
        if self.done:
            if self.outcome == outcome:
                fn(*args())
        else:
            signal.connect(fn)
        return self

    def _on_progress(self, p: Progress) -> None:
        now = time.monotonic()
        # Throttled: a tick per row must not flood the GUI thread with events.
        if now - self._last_emit >= 0.05 or p.done >= p.total:
            self._last_emit = now
            self.progressed.emit(p.done, p.total, p.message)


class _Worker(QObject):
    # The worker only reports back; the runner turns that into the job's signals on the GUI
    # thread, so a caller that connects right after submit() can never miss a fast result.
    completed = Signal(object)

    def __init__(self, db_path: Path):
        super().__init__()
        self.db_path = db_path
        self._db = None

    @Slot(object)
    def run(self, job: Job) -> None:
        try:
            if self._db is None:
                self._db = dbmod.open_db(self.db_path)
            kwargs = dict(job.kwargs)
            if job.progress is not None:
                kwargs["progress"] = job.progress
            job.result = job.fn(self._db, *job.args, **kwargs)
            job.outcome = Outcome.FINISHED
        except Canceled:
            job.outcome = Outcome.CANCELED
        except Exception as exc:  # the GUI shows every failure; nothing passes silently
            job.error = friendly_error(exc)
            job.outcome = Outcome.FAILED
        self.completed.emit(job)

    @Slot()
    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class JobRunner(QObject):
    """Runs `fn(db, *args, **kwargs)` on one worker thread, in submission order.

    Every database write from the GUI goes through here, so there is exactly one writer.
    """

    _dispatch = Signal(object)
    _close = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("kpps-writer")
        self._worker = _Worker(Path(db_path))
        self._worker.moveToThread(self._thread)
        self._dispatch.connect(self._worker.run)
        self._worker.completed.connect(self._on_completed)
        self._close.connect(self._worker.close, Qt.ConnectionType.BlockingQueuedConnection)
        self._jobs: set[Job] = set()
        self._reader = None
        self._thread.start()

    def read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a short read `fn(db, ...)` right here on the GUI thread, through a read-only connection
        (core.db.open_reader: no check, query_only). What a dialog needs before it shows; no nested
        event loop. It sees what committed jobs wrote; a write still queued is not there yet."""
        if self._reader is None:
            self._reader = dbmod.open_reader(self._worker.db_path)
        return fn(self._reader, *args, **kwargs)

    def submit(self, fn: Callable[..., Any], *args: Any, progress: Progress | None = None, **kwargs: Any) -> Job:
        job = Job(fn, args, kwargs, progress)
        self._jobs.add(job)  # keeps the Job alive until it has reported
        self._dispatch.emit(job)
        return job

    @Slot(object)
    def _on_completed(self, job: Job) -> None:
        self._jobs.discard(job)
        job.done = True
        if job.outcome == Outcome.FINISHED:
            job.finished.emit(job.result)
        elif job.outcome == Outcome.CANCELED:
            job.canceled.emit()
        else:
            job.failed.emit(job.error or "")

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """BLOCKING: run a job and wait for it in a nested event loop; raise JobError on failure.

        For tests only. Widgets use submit(...).success(...).failure(...), or read(...) for a short
        read (tests/test_architecture.py checks that no widget calls this)."""
        job = self.submit(fn, *args, **kwargs)
        wait(job)
        if job.error is not None:
            raise JobError(job.error)
        return job.result

    def shutdown(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._thread.isRunning():
            self._close.emit()
            self._thread.quit()
            self._thread.wait()


class JobError(Exception):
    """A job failed; the message is already fit for the user."""


def wait(job: Job) -> None:
    """BLOCKING: spin an event loop until `job` is done. Only where no widget is up to re-enter it:
    the app's start-up before its first window (--demo), its shutdown, and tests
    (tests/test_architecture.py checks that no widget calls this)."""
    if job.done:
        return
    loop = QtCore.QEventLoop()
    job.finished.connect(loop.quit)
    job.failed.connect(loop.quit)
    job.canceled.connect(loop.quit)
    loop.exec()


def start_with_progress(parent: QWidget | None, runner: JobRunner, title: str,
                        fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Job:
    """Start long work behind a window-modal progress dialog with a working Batal (cancel) button;
    returns at once. The dialog closes when the job is done, before its callbacks run."""
    progress = Progress()
    job = runner.submit(fn, *args, progress=progress, **kwargs)
    dialog = QtWidgets.QProgressDialog(title, QCoreApplication.translate("jobs", "Batal"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.canceled.connect(job.cancel)

    def on_progress(done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if message:
            dialog.setLabelText(message)

    def close() -> None:
        dialog.reset()
        dialog.deleteLater()

    job.progressed.connect(on_progress)
    return job.always(close)  # before any caller's callback: the dialog is gone when those run
