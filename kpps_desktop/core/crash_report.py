"""Crash reports: an unexpected error saved to a file (no personal data) instead of a traceback on screen.

Shared by the GUI's crash handler (ui/crash.py) and the CLI (`kpps ...` on an error that is not
a UserError): both write the same report and tell the user where it is.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

import kpps_desktop

# A NIK (16 digits) that ends up in an error message stays masked in the saved report.
_NIK = re.compile(r"\b(\d{4})\d{8}(\d{4})\b")


def scrub(text: str) -> str:
    """No personal data in a report that may be e-mailed around: NIKs masked, home folder hidden."""
    home = str(Path.home())
    if len(home) > 1:
        text = text.replace(home, "~")
    return _NIK.sub(r"\1********\2", text)


def _qt_version() -> str:
    """Named only when the GUI already loaded Qt (core never imports it; the CLI has no reason to)."""
    pyside, qtcore = sys.modules.get("PySide6"), sys.modules.get("PySide6.QtCore")
    if pyside is None or qtcore is None:
        return "-"
    return f"PySide6 {getattr(pyside, '__version__', '?')}, Qt {qtcore.qVersion()}"


def report_text(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                now: _dt.datetime | None = None, thread: str | None = None) -> str:
    import platform  # only a crash needs it: not paid for at every start-up

    lines = [
        "Laporan kesalahan Presensi KPPS",
        f"Waktu: {(now or _dt.datetime.now().astimezone()).isoformat(timespec='seconds')}",
        f"Versi: {kpps_desktop.__version__}{' (paket)' if getattr(sys, 'frozen', False) else ''}",
        f"Python: {platform.python_version()} · {_qt_version()}",
        f"Sistem: {platform.platform()}",
        f"Thread: {thread or threading.current_thread().name}",
        f"Perintah: {' '.join(sys.argv[1:])}" if sys.argv[1:] else "Perintah: -",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)),
    ]
    return scrub("\n".join(lines))


def write_report(log_dir: Path | str, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None, now: _dt.datetime | None = None, thread: str | None = None) -> Path:
    """`<log_dir>/crash-YYYYmmdd-HHMMSS.txt` (a suffix when two crashes share a second)."""
    from kpps_desktop.core import fileio

    now = now or _dt.datetime.now().astimezone()
    folder = Path(log_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{now:%Y%m%d-%H%M%S}.txt"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{n}.txt"
    fileio.write_text(path, report_text(exc_type, exc, tb, now, thread))
    return path


def default_dir() -> Path:
    """Beside the default database: `<data dir>/crash` (KPPS_DB's folder when that is set)."""
    from kpps_desktop.core import db as dbmod

    return dbmod.default_db_path().parent / "crash"


def save(exc: BaseException, log_dir: Path | str | None = None) -> Path | None:
    """Write a report for `exc`; None when even that fails (a full disk): the caller still says so."""
    try:
        return write_report(log_dir or default_dir(), type(exc), exc, exc.__traceback__)
    except Exception:
        return None


def cli_message(path: Path | None) -> str:
    where = (f"Laporan kesalahan disimpan di {path}; kirimkan berkas itu kepada pengelola aplikasi."
             if path is not None else "Laporan kesalahan tidak dapat disimpan.")
    return f"Maaf, terjadi kesalahan yang tidak terduga. Data yang sudah tersimpan tetap aman. {where}"
