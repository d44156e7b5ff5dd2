"""The local database: where it lives, opening it safely, schema migrations, device identity."""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sqlite3
import uuid
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils
from sqlite_utils.migrations import Migrations

# PRAGMA application_id marks a file as ours ("KPPS" in ASCII), so a stranger's
# SQLite file is refused instead of being migrated into a mess.
APPLICATION_ID = 0x4B505053
DB_FILENAME = "presensi-kpps.sqlite"

migrations = Migrations("kpps")


class DatabaseError(Exception):
    """A database that cannot be used; the message is for the user, in Indonesian."""


def default_db_path() -> Path:
    """KPPS_DB if set, else the file in the user's data folder."""
    env = os.environ.get("KPPS_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("PresensiKPPS", appauthor=False)) / DB_FILENAME


def new_id() -> str:
    """A globally unique id for records that travel between installations."""
    return uuid.uuid4().hex


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def latest_version() -> int:
    return len(migrations._migrations)


@migrations(name="0001_base")
def _m0001_base(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE officers (
            id TEXT PRIMARY KEY,
            nik TEXT NOT NULL UNIQUE,
            nama TEXT NOT NULL,
            jk TEXT NOT NULL CHECK (jk IN ('L', 'P')),
            tempat_lahir TEXT,
            tanggal_lahir TEXT,
            alamat TEXT,
            telepon TEXT,
            desa TEXT NOT NULL,
            tps INTEGER NOT NULL CHECK (tps > 0),
            tps_label TEXT,
            jabatan TEXT NOT NULL CHECK (jabatan IN ('ketua', 'anggota', 'linmas')),
            status TEXT NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'diganti')),
            replaced_by TEXT REFERENCES officers(id),
            is_demo INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            device_id TEXT NOT NULL
        );
        CREATE INDEX officers_desa_tps ON officers(desa, tps);
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('pelantikan', 'bimtek', 'simulasi', 'susulan')),
            title TEXT NOT NULL,
            date TEXT NOT NULL,
            start_time TEXT,
            end_time TEXT,
            venue TEXT,
            scope_kind TEXT NOT NULL CHECK (scope_kind IN ('desa', 'kecamatan', 'kabupaten', 'officers')),
            scope TEXT,
            facilitators TEXT,
            closed_at TEXT,
            is_demo INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            device_id TEXT NOT NULL
        );
        CREATE INDEX sessions_date ON sessions(date);
        CREATE TABLE session_officers (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            officer_id TEXT NOT NULL REFERENCES officers(id),
            PRIMARY KEY (session_id, officer_id)
        ) WITHOUT ROWID;
        """
    )


def _connect(path: Path) -> sqlite_utils.Database:
    conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
    return sqlite_utils.Database(conn)


def _check_identity(db: sqlite_utils.Database, path: Path) -> int:
    """Return the file's schema version, or raise DatabaseError if it is not ours."""
    try:
        app_id = db.conn.execute("PRAGMA application_id").fetchone()[0]
        version = db.conn.execute("PRAGMA user_version").fetchone()[0]
        tables = db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
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
    path = Path(path) if path is not None else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = _connect(path)
    try:
        version = _check_identity(db, path)
        if check and version:
            result = db.conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise DatabaseError(f"Database {path} rusak: {result}.")
        db.conn.execute("PRAGMA busy_timeout = 30000")
        db.enable_wal()
        # An acknowledged check-in must survive a power cut: FULL syncs the WAL on commit.
        db.conn.execute("PRAGMA synchronous = FULL")
        db.conn.execute("PRAGMA foreign_keys = ON")
        if version < latest_version():
            _migrate(db)
    except DatabaseError:
        db.close()
        raise
    except sqlite3.DatabaseError as exc:
        db.close()
        raise DatabaseError(f"Database {path} tidak dapat dibuka: {exc}.") from exc
    return db


def _migrate(db: sqlite_utils.Database) -> None:
    with db.atomic():
        migrations.apply(db)
        db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.conn.execute(f"PRAGMA user_version = {latest_version()}")
        if get_meta(db, "device_id") is None:
            set_meta(db, "device_id", new_id())
            set_meta(db, "created_at", utc_now())


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
