"""The local database: where it lives, opening it safely, schema migrations, device identity."""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from kpps_desktop.core.errors import UserError

if TYPE_CHECKING:  # imported when first needed: sqlite-utils costs ~45 ms of the app's start-up
    import sqlite_utils

# PRAGMA application_id marks a file as ours ("KPPS" in ASCII), so a stranger's
# SQLite file is refused instead of being migrated into a mess.
APPLICATION_ID = 0x4B505053
DB_FILENAME = "presensi-kpps.sqlite"


class DatabaseError(UserError):
    """A database that cannot be used; the message is for the user, in Indonesian."""


def default_db_path() -> Path:
    """KPPS_DB if set, else the file in the user's data folder."""
    env = os.environ.get("KPPS_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("PresensiKPPS", appauthor=False)) / DB_FILENAME


def new_id() -> str:
    """A globally unique id for records that travel between installations.

    Time-ordered (the UUIDv7 layout: 48 bits of Unix milliseconds, then 74 random bits), so
    records made one after another sit side by side in every index and inserting them appends
    instead of touching pages all over the B-tree (docs/benchmarks-exchange.md). Still 32 hex
    digits; nothing may rely on an id being random beyond its uniqueness.
    """
    import secrets  # here, not at the top: it loads hmac and OpenSSL (~3 ms of the app's start-up)

    return time_id(_dt.datetime.now(_dt.timezone.utc).timestamp() * 1000, secrets.randbits(74))


def time_id(ms: float, rand74: int) -> str:
    """The id new_id() makes at Unix time `ms` (milliseconds) with these 74 random bits."""
    value = ((int(ms) & (2**48 - 1)) << 80 | 0x7 << 76 | (rand74 >> 62 & 0xFFF) << 64 | 0b10 << 62
             | rand74 & (2**62 - 1))
    return f"{value:032x}"


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def latest_version() -> int:
    """The schema version this app writes (PRAGMA user_version): one per registered migration."""
    from kpps_desktop.core import migrations  # it imports this module; sqlite-utils is not loaded

    return migrations.latest_version()


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils' Database over a connection from connect(): the same connection, not a new one."""
    import sqlite_utils

    # No sqlite-utils plugins are used; loading them scans every installed package (~11 ms).
    return sqlite_utils.Database(conn, execute_plugins=False)


class Reader:
    """A connection from connect() for the core readers that use nothing but `db.conn` (roster
    lists and counts, meta, settings): the desktop app shows its window through one without
    waiting for sqlite-utils; writes go through open_db() on the job runner's thread."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def close(self) -> None:
        self.conn.close()


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """Return the file's schema version, or raise DatabaseError if it is not ours."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"Berkas {path} bukan database Presensi KPPS atau sudah rusak ({exc})."
        ) from exc
    if app_id == 0 and tables == 0:
        return 0  # a new, empty file
    if app_id != APPLICATION_ID:
        raise DatabaseError(f"Berkas {path} bukan database Presensi KPPS.")
    if version > latest_version():
        raise DatabaseError(
            f"Database {path} dibuat oleh versi aplikasi yang lebih baru "
            f"(skema {version}, aplikasi ini {latest_version()}). Perbarui aplikasi."
        )
    return version


def open_db(path: Path | str | None = None, *, check: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the database, apply pending migrations, make it durable.

    Raises DatabaseError with an Indonesian message when the file is not ours, is newer
    than this app, or is corrupt.
    """
    return database(connect(path, check=check))


def open_reader(path: Path | str) -> sqlite_utils.Database:
    """A connection for a screen to read through, opened in a few milliseconds on the GUI thread.

    No integrity check and no migration (the job runner's connection, which opened the file first,
    did both), and PRAGMA query_only: a widget cannot write by mistake; writes go through the runner.
    """
    path = Path(path)
    conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
    try:
        version = _check_identity(conn, path)
        if version != latest_version():
            raise DatabaseError(f"Database {path} belum siap dibaca (skema {version}); buka ulang aplikasi.")
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"Database {path} tidak dapat dibuka: {exc}.") from exc
    except DatabaseError:
        conn.close()
        raise
    return database(conn)


def connect(path: Path | str | None = None, *, check: bool = True) -> sqlite3.Connection:
    """open_db() as a plain sqlite3 connection: the same checks, durability and migrations.

    A current database opens without importing sqlite-utils (only a migration needs it).
    """
    path = Path(path) if path is not None else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
    try:
        version = _check_identity(conn, path)
        if check and version:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise DatabaseError(f"Database {path} rusak: {result}.")
        conn.execute("PRAGMA busy_timeout = 30000")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = wal")  # outside any transaction: a fresh connection
        # An acknowledged check-in must survive a power cut: FULL syncs the WAL on commit.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < latest_version():
            from kpps_desktop.core import migrations  # it imports this module

            migrations.upgrade(database(conn), path, version)
    except DatabaseError:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"Database {path} tidak dapat dibuka: {exc}.") from exc
    return conn


def get_meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def device_id(db: sqlite_utils.Database) -> str:
    value = get_meta(db, "device_id")
    assert value, "open_db() always sets a device id"
    return value


def get_setting(db: sqlite_utils.Database, key: str, default: Any = None) -> Any:
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else default


def set_setting(db: sqlite_utils.Database, key: str, value: Any) -> None:
    with db.atomic():
        db.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )


@contextlib.contextmanager
def opened(path: Path | str | None = None) -> Iterator[sqlite_utils.Database]:
    db = open_db(path)
    try:
        yield db
    finally:
        db.close()
