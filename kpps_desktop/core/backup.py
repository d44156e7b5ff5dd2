"""Backups of the database: SQLite's online backup, written atomically, verified, rotated, restored."""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kpps_desktop.core import db as dbmod
from kpps_desktop.core.errors import InputError

if TYPE_CHECKING:  # annotations only: importing sqlite-utils costs ~45 ms of start-up
    pass

DAILY = "daily"
# Backups made before a risky change: kept for KEEP_BEFORE_DAYS days, and always the newest KEEP_BEFORE.
BEFORE_REASONS = ("pre-import", "pre-migration", "pre-restore")
KEEP_BEFORE_DAYS, KEEP_BEFORE = 30, 10
PENDING = "restore-pending.sqlite"  # a restore chosen in the GUI, applied at the next start

_NAME = re.compile(r"^presensi-(\d{8})-(\d{6})-([a-z0-9-]+?)(?:\.(\d+))?\.sqlite$")


class BackupError(dbmod.DatabaseError):
    """A backup that cannot be made, read or restored; the message is for the user (Indonesian)."""


@dataclass(frozen=True)
class Backup:
    path: Path
    created: _dt.datetime  # local time, from the file name
    reason: str  # daily, manual, usb, pre-import, pre-migration, pre-restore
    n: int = 1  # 2, 3, ... for further backups with the same reason in the same second

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def backup_dir(db_path: Path | str) -> Path:
    """`backups/` beside the database, in the same data folder."""
    return Path(db_path).parent / "backups"


def parse_name(path: Path) -> Backup | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    created = _dt.datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
    return Backup(path, created, m.group(3), int(m.group(4) or 1))


def list_backups(db_path: Path | str) -> list[Backup]:
    """This database's backups, newest first."""
    folder = backup_dir(db_path)
    found = [b for p in folder.glob("presensi-*.sqlite") if (b := parse_name(p))] if folder.is_dir() else []
    return sorted(found, key=lambda b: (b.created, b.n), reverse=True)


def _fsync_dir(folder: Path) -> None:
    # The rename itself must reach the disk before a power cut; Windows cannot open a folder.
    if os.name != "nt":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def verify(path: Path | str) -> None:
    """Raise BackupError unless `path` is an intact Presensi KPPS database (read only)."""
    path = Path(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"Berkas cadangan {path} tidak dapat dibuka ({exc}).") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Berkas {path} bukan cadangan Presensi KPPS atau sudah rusak ({exc}).") from exc
    finally:
        conn.close()
    if app_id != dbmod.APPLICATION_ID:
        raise BackupError(f"Berkas {path} bukan database Presensi KPPS.")
    if result != "ok":
        raise BackupError(f"Berkas cadangan {path} rusak: {result}.")


def _free_name(folder: Path, stamp: str, reason: str) -> Path:
    path = folder / f"presensi-{stamp}-{reason}.sqlite"
    n = 1
    while path.exists():  # two backups in one second (a test, or a quick double click)
        n += 1
        path = folder / f"presensi-{stamp}-{reason}.{n}.sqlite"
    return path


def create(db_path: Path | str, reason: str = "manual", dest_dir: Path | str | None = None,
           now: _dt.datetime | None = None) -> Path:
    """Copy the database with SQLite's online backup while others may keep writing.

    Written to a temporary file, verified (integrity_check), synced, then renamed: a crash or a
    pulled USB stick leaves no half-written backup under a real name.
    """
    db_path = Path(db_path)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", reason):
        raise InputError(f"Alasan cadangan '{reason}' tidak sah (huruf kecil, angka, tanda minus).")
    if not db_path.is_file():
        raise BackupError(f"Database {db_path} tidak ada; tidak ada yang dicadangkan.")
    folder = Path(dest_dir) if dest_dir is not None else backup_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"Folder cadangan {folder} tidak dapat dibuat ({exc.strerror}).") from exc
    stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    final = _free_name(folder, stamp, reason)
    temp = folder / f".{final.name}.tmp"
    try:
        src = sqlite3.connect(str(db_path), timeout=30)
        try:
            dst = sqlite3.connect(str(temp))
            try:
                # One step (pages=-1): the copy is one consistent snapshot, taken under a read
                # transaction; in WAL mode writers carry on meanwhile.
                src.backup(dst)
                # A standalone file: no -wal beside it to lose when only the .sqlite is copied.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        verify(temp)
        _fsync_file(temp)
        os.replace(temp, final)
        _fsync_dir(folder)
    except sqlite3.Error as exc:
        raise BackupError(f"Cadangan gagal dibuat: {exc}.") from exc
    except OSError as exc:
        raise BackupError(f"Cadangan gagal ditulis ke {folder}: {exc.strerror or exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return final


def _daily_keep(db_path: Path) -> int:
    from kpps_desktop.core import settings  # settings imports transport, which is heavier

    conn = sqlite3.connect(str(db_path), timeout=30)
    try:
        return settings.get(dbmod.Reader(conn), "backup_keep")
    except sqlite3.Error:
        return settings.SETTINGS["backup_keep"].default
    finally:
        conn.close()


def rotate(db_path: Path | str, keep_daily: int | None = None, now: _dt.datetime | None = None) -> list[Path]:
    """Delete old automatic backups; manual ones are never deleted. Returns what was deleted."""
    db_path = Path(db_path)
    keep_daily = _daily_keep(db_path) if keep_daily is None else keep_daily
    cutoff = (now or _dt.datetime.now()) - _dt.timedelta(days=KEEP_BEFORE_DAYS)
    backups = list_backups(db_path)
    daily = [b for b in backups if b.reason == DAILY]
    before = [b for b in backups if b.reason in BEFORE_REASONS]
    doomed = daily[keep_daily:] + [b for b in before[KEEP_BEFORE:] if b.created < cutoff]
    for b in doomed:
        with contextlib.suppress(FileNotFoundError):
            b.path.unlink()
    return [b.path for b in doomed]


def daily_backup(db_path: Path | str, now: _dt.datetime | None = None) -> Path | None:
    """At most one backup a day (call at start-up); None when today's exists or there is no database."""
    db_path = Path(db_path)
    now = now or _dt.datetime.now()
    if not db_path.is_file():
        return None
    if any(b.reason == DAILY and b.created.date() == now.date() for b in list_backups(db_path)):
        return None
    path = create(db_path, DAILY, now=now)
    rotate(db_path, now=now)
    return path


def backup_before(db_path: Path | str, reason: str, now: _dt.datetime | None = None) -> Path | None:
    """A backup before a risky change (`pre-import`, `pre-migration`); None when there is no database."""
    if reason not in BEFORE_REASONS:
        raise InputError(f"Alasan '{reason}' bukan salah satu dari {', '.join(BEFORE_REASONS)}.")
    db_path = Path(db_path)
    if not db_path.is_file():
        return None
    path = create(db_path, reason, now=now)
    rotate(db_path, now=now)
    return path


def copy_to(db_path: Path | str, folder: Path | str, now: _dt.datetime | None = None) -> Path:
    """"Cadangkan ke flashdisk": a fresh, verified backup written atomically into `folder`."""
    return create(db_path, "usb", dest_dir=folder, now=now)


def _stage(backup: Path | str, target: Path) -> None:
    """Copy a backup to `target` and check it by opening it as the app would (migrating it if older)."""
    backup = Path(backup)
    if not backup.is_file():
        raise BackupError(f"Berkas cadangan {backup} tidak ada.")
    verify(backup)
    # In a folder of its own: opening an older copy migrates it, and that migration's own
    # pre-migration backup must not land among the real ones.
    work = target.parent / ".restore-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        staged = work / "presensi.sqlite"
        shutil.copyfile(backup, staged)
        try:
            dbmod.open_db(staged).close()
        except dbmod.DatabaseError as exc:
            raise BackupError(f"Cadangan {backup.name} tidak dapat dipakai: {exc}") from exc
        verify(staged)
        _fsync_file(staged)
        os.replace(staged, target)
        _fsync_dir(target.parent)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _replace_db(source: Path, db_path: Path) -> None:
    # A -wal left by the old file would be replayed into the new one: drop it first (its
    # committed pages are in the pre-restore backup, which went through SQLite).
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{db_path}{suffix}").unlink()
    try:
        os.replace(source, db_path)
    except PermissionError as exc:
        raise BackupError("Database masih dipakai (tutup aplikasi Presensi KPPS lalu coba lagi).") from exc
    _fsync_dir(db_path.parent)


def restore(backup: Path | str, db_path: Path | str, now: _dt.datetime | None = None) -> Path | None:
    """Replace the database with a backup, after backing the current one up ('pre-restore').

    Every connection to `db_path` must be closed first (the CLI, or the GUI at start-up through
    apply_pending_restore). Returns the pre-restore backup (None when there was no database).
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staged = db_path.parent / ".restore-staged.sqlite"
    try:
        _stage(backup, staged)
        pre = backup_before(db_path, "pre-restore", now=now)
        _replace_db(staged, db_path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
    return pre


def schedule_restore(backup: Path | str, db_path: Path | str) -> Path:
    """Check a backup now and keep it to be restored at the next start (the GUI holds the file open)."""
    pending = Path(db_path).parent / PENDING
    _stage(backup, pending)
    return pending


def pending_restore(db_path: Path | str) -> Path | None:
    pending = Path(db_path).parent / PENDING
    return pending if pending.is_file() else None


def apply_pending_restore(db_path: Path | str, now: _dt.datetime | None = None) -> Path | None:
    """Call before anything opens the database: applies a scheduled restore. Returns its pre-restore backup."""
    pending = pending_restore(db_path)
    if pending is None:
        return None
    db_path = Path(db_path)
    pre = backup_before(db_path, "pre-restore", now=now)
    _replace_db(pending, db_path)
    return pre
