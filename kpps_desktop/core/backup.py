"""Backups of the database: SQLite's online backup, written atomically, verified, rotated, restored."""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import fileio, winfs
from kpps_desktop.core.errors import InputError, UserError

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
        # Not Path.as_uri(): on a network folder it gives file://server/share/..., which SQLite refuses.
        conn = sqlite3.connect(winfs.sqlite_uri(path, mode="ro"), uri=True)
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
    try:
        # The app's one write path (core/fileio.py): temp file beside, verified, synced, renamed.
        with fileio.atomic_path(final, verify=verify) as temp:
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
    except sqlite3.Error as exc:
        raise BackupError(f"Cadangan gagal dibuat: {dbmod.error_for(exc, db_path)}") from exc
    except BackupError:
        raise
    except UserError as exc:  # disk full, read-only, held by another program: the write path's words
        raise BackupError(f"Cadangan gagal ditulis ke {folder}: {exc}") from exc
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


@dataclass(frozen=True)
class Rotation:
    deleted: list[Path]
    skipped: list[Path]  # held by another program (a viewer, an antivirus scan) or read-only: tried next time

    @property
    def message(self) -> str | None:
        if not self.skipped:
            return None
        names = ", ".join(p.name for p in self.skipped)
        return (f"Cadangan lama tidak dapat dihapus karena sedang dibuka program lain atau hanya-baca: {names}. "
                "Dilewati; dicoba lagi pada cadangan berikutnya.")


_log = logging.getLogger(__name__)


def _delete(path: Path) -> bool:
    """Delete one old backup; False when another program holds it or it stays read-only."""
    for attempt in range(2):
        try:
            path.unlink()
            return True
        except FileNotFoundError:
            return True
        except OSError as exc:
            # Held by another program, or read-only (Windows says PermissionError for both).
            if not (fileio.is_sharing_violation(exc) or isinstance(exc, PermissionError)) or attempt:
                return False
            # A backup copied back from a CD or a stick may carry Windows' read-only attribute.
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
    return False


def rotate(db_path: Path | str, keep_daily: int | None = None, now: _dt.datetime | None = None) -> Rotation:
    """Delete old automatic backups; manual ones are never deleted.

    A backup another program holds open (or a read-only one) is skipped, not an error: a locked
    old copy must never stop the day's backup, the start-up or an import. Returns what was
    deleted and what was skipped (also logged).
    """
    db_path = Path(db_path)
    keep_daily = _daily_keep(db_path) if keep_daily is None else keep_daily
    cutoff = (now or _dt.datetime.now()) - _dt.timedelta(days=KEEP_BEFORE_DAYS)
    backups = list_backups(db_path)
    daily = [b for b in backups if b.reason == DAILY]
    before = [b for b in backups if b.reason in BEFORE_REASONS]
    doomed = daily[keep_daily:] + [b for b in before[KEEP_BEFORE:] if b.created < cutoff]
    deleted, skipped = [], []
    for b in doomed:
        (deleted if _delete(b.path) else skipped).append(b.path)
    result = Rotation(deleted, skipped)
    if result.message:
        _log.warning(result.message)
    return result


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


IN_USE = ("Database sedang dipakai program lain (jendela Presensi KPPS yang lain, kpps.exe, atau "
          "antivirus yang sedang memeriksanya). Tutup program itu lalu ulangi.")


def _replace_db(source: Path, db_path: Path) -> None:
    # A -wal left by the old file would be replayed into the new one: drop it first (its
    # committed pages are in the pre-restore backup, which went through SQLite). -shm first: it
    # is only an index, rebuilt at the next open, so failing after it loses nothing. A file held
    # for a moment (an antivirus scan) is retried by fileio; one held by a running program is not.
    try:
        for suffix in ("-shm", "-wal", "-journal"):
            fileio.remove(f"{db_path}{suffix}")
        fileio.replace(source, db_path)
    except OSError as exc:  # Windows: another process has the database open (sharing violation)
        raise BackupError(IN_USE) from exc
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
    """Call before anything opens the database: applies a scheduled restore. Returns its pre-restore backup.

    When the database is held by another program the restore is cancelled (the pending copy is
    deleted; the backup it came from stays in the list) and BackupError says so: the database is
    left as it was, and the next start does not try, fail and back up again.
    """
    pending = pending_restore(db_path)
    if pending is None:
        return None
    db_path = Path(db_path)
    pre = backup_before(db_path, "pre-restore", now=now)
    try:
        _replace_db(pending, db_path)
    except BackupError as exc:
        with contextlib.suppress(OSError):
            pending.unlink()
        raise BackupError(f"Pemulihan cadangan dibatalkan: {exc} Database tetap seperti sebelumnya; "
                          "pilih cadangan itu lagi di menu Cadangan.") from exc
    return pre
