"""One running app per database: a lock file in the data folder, held by the OS while the app runs.

The lock is the operating system's (msvcrt.locking on Windows, flock elsewhere), not the file's
existence: a crashed or killed app leaves the file behind but not the lock, so the next start is
never refused by a stale file.
"""

from __future__ import annotations

import os
from pathlib import Path

ALREADY_RUNNING = ("Presensi KPPS sudah terbuka (untuk database {db}). Pakai jendela yang sudah ada; "
                   "bila tidak terlihat, cari di taskbar.")


class AlreadyRunning(Exception):
    """Another Presensi KPPS holds this database; the message is for the user (Indonesian)."""


def lock_path(db_path: Path | str) -> Path:
    """`<database>.lock` beside the database, in the data folder."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


class InstanceLock:
    """Held from acquire() to release() (or the process's end, however it ends)."""

    def __init__(self, db_path: Path | str):
        self.db_path = Path(db_path)
        self.path = lock_path(db_path)
        self._fd: int | None = None

    def acquire(self) -> InstanceLock:
        """Take the lock or raise AlreadyRunning. Returns self, so `lock = InstanceLock(p).acquire()`."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise AlreadyRunning(ALREADY_RUNNING.format(db=self.db_path)) from exc
        # Who holds it, for a person looking at the folder (the lock itself is what counts).
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


if os.name == "nt":
    import msvcrt

    def _lock(fd: int) -> None:
        # A region far past the PID written at the start: Windows' byte locks also block reads.
        os.lseek(fd, 1 << 20, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # raises OSError (EACCES) when another process has it

    def _unlock(fd: int) -> None:
        os.lseek(fd, 1 << 20, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # per open file: two opens in one process conflict too

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
