"""Crash handling: an unexpected error is saved as a report and shown in a friendly box, never a silent exit."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
# QMessageBox is reached through the module where a box opens: PySide builds a class and its
# enums on first access (~1 ms), which start-up need not pay.
from PySide6 import QtWidgets
from PySide6.QtWidgets import QApplication


# The report itself is Qt-free (the CLI writes the same one); these names stay importable here.
from kpps_desktop.core.errors import UserError
from kpps_desktop.core.crash_report import report_text, scrub as _scrub, write_report  # noqa: F401


def message(path: Path | None) -> str:
    """What the user reads (the report itself stays Indonesian: it is for the maintainers)."""
    where = (QCoreApplication.translate("crash", "Laporan kesalahan disimpan di:\n{path}").format(path=path)
             if path is not None else QCoreApplication.translate("crash", "Laporan kesalahan tidak dapat disimpan."))
    return (QCoreApplication.translate("crash", "Maaf, terjadi kesalahan yang tidak terduga.") + "\n\n" + where
            + "\n\n" + QCoreApplication.translate(
                "crash", "Data yang sudah tersimpan tetap aman. Bila kesalahan berulang, tutup lalu buka lagi "
                         "aplikasi, dan kirimkan berkas laporan itu kepada pengelola aplikasi."))


class CrashHandler(QObject):
    """Installed as sys.excepthook and threading.excepthook; `uninstall()` puts the old hooks back."""

    reported = Signal(object)  # the report's Path (or None when it could not be written)
    _show = Signal(str)

    def __init__(self, log_dir: Path | str, dialogs: bool | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.log_dir = Path(log_dir)
        self._dialogs = dialogs
        self.box: QtWidgets.QMessageBox | None = None
        self._old = (sys.excepthook, threading.excepthook)
        # Queued: a crash on a worker thread still opens its box on the GUI thread.
        self._show.connect(self._open_box, Qt.ConnectionType.QueuedConnection)

    def install(self) -> "CrashHandler":
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback,
                                                        args.thread.name if args.thread else None)
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._old

    def can_show(self) -> bool:
        if self._dialogs is not None:
            return self._dialogs
        # offscreen/minimal: nobody can click OK, so stderr is the only place to say it.
        return isinstance(QCoreApplication.instance(), QApplication) and \
            QGuiApplication.platformName() not in ("offscreen", "minimal")

    def handle(self, exc_type, exc, tb, thread: str | None = None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._old[0](exc_type, exc, tb)
            return
        if issubclass(exc_type, UserError):
            # A refusal with its own Indonesian message that no dialog caught: shown, not a crash.
            text, path = str(exc), None
            if sys.stderr is not None:
                print(text, file=sys.stderr)
            if self.can_show():
                self._show.emit(text)
            return
        try:
            path = write_report(self.log_dir, exc_type, exc, tb, thread=thread)
        except Exception:
            path = None
        text = message(path)
        if sys.stderr is not None:  # None in a Windows GUI build; the report holds the traceback
            print(text, file=sys.stderr)
        if self.can_show():
            self._show.emit(text)
        self.reported.emit(path)

    @Slot(str)
    def _open_box(self, text: str) -> None:
        if self.box is not None and self.box.isVisible():
            return  # one box at a time: an error that repeats (e.g. while painting) must not pile up boxes
        box = QtWidgets.QMessageBox
        self.box = box(box.Icon.Critical, QCoreApplication.applicationName() or "Presensi KPPS", text,
                       box.StandardButton.Ok)
        self.box.setObjectName("crashBox")
        self.box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box.open()  # not exec(): the app keeps running and saving what the user does


def install_crash_handler(app: QCoreApplication | None, log_dir: Path | str,
                          dialogs: bool | None = None) -> CrashHandler:
    """Call once after the QApplication exists; reports go to `log_dir` (e.g. `<data dir>/crash`)."""
    handler = CrashHandler(log_dir, dialogs, parent=app)
    return handler.install()
