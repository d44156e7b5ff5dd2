"""The local database: where it lives, opening it safely, schema migrations, device identity."""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from kpps_desktop.core import dates
from kpps_desktop.core.errors import UserError

if TYPE_CHECKING:  # imported when first needed: sqlite-utils costs ~45 ms of the app's start-up
    import sqlite_utils

# PRAGMA application_id marks a file as ours ("KPPS" in ASCII), so a stranger's
# SQLite file is refused instead of being migrated into a mess.
APPLICATION_ID = 0x4B505053
DB_FILENAME = "presensi-kpps.sqlite"


class DatabaseError(UserError):
    """A database that cannot be used; the message is for the user, in Indonesian."""


class DatabaseBusy(DatabaseError):
    """Another program held the write lock beyond the busy timeout."""


class DatabaseReadOnly(DatabaseError):
    """The database file or its medium cannot be written; reading still works."""


def default_db_path() -> Path:
    """KPPS_DB if set, else the file in the user's data folder."""
    env = os.environ.get("KPPS_DB")
    if env:
        return Path(env)
    return user_db_path()


def user_db_path() -> Path:
    """The per-user default, the one database whose folder is made on first run."""
    import platformdirs

    return Path(platformdirs.user_data_dir("PresensiKPPS", appauthor=False)) / DB_FILENAME


# How long a write waits for another program's transaction before giving up (seconds).
BUSY_TIMEOUT = 30.0

_LOCKED = "Database {path} sedang dipakai program lain (aplikasi Presensi KPPS atau perintah kpps yang " \
          "masih berjalan) lebih dari {seconds:.0f} detik. Tutup program itu lalu ulangi; tidak ada yang diubah."
_READ_ONLY = "Database {path} tidak dapat ditulis (media hanya-baca, berkas terkunci, atau tanpa izin tulis): " \
             "perintah yang hanya membaca tetap jalan, perubahan tidak. Salin database ke diska yang dapat " \
             "ditulis atau buka kunci tulisnya, lalu ulangi."


def error_for(exc: sqlite3.Error, path: Path | str | None = None) -> UserError:
    """The Indonesian message for an SQLite failure met while using the database at `path`."""
    path = path or "ini"
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorname", "") or ""
    if "locked" in text or "busy" in text or code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DatabaseBusy(_LOCKED.format(path=path, seconds=BUSY_TIMEOUT))
    if "readonly" in text or "read-only" in text or code.startswith("SQLITE_READONLY"):
        return DatabaseReadOnly(_READ_ONLY.format(path=path))
    if "disk is full" in text or code == "SQLITE_FULL" or (
            ("disk i/o" in text or code.startswith("SQLITE_IOERR")) and _nearly_full(path)):
        # A WAL write that fails for lack of space may come back as SQLITE_IOERR: the free space tells.
        return DatabaseError(f"Diska tempat database {path} penuh: perubahan terakhir tidak disimpan, yang "
                             "sudah tersimpan tetap aman. Kosongkan ruang diska lalu ulangi.")
    if "could not decode" in text:
        return DatabaseError(f"Database {path} berisi teks yang tidak dapat dibaca (bukan UTF-8): {exc}. "
                             "Perbaiki data itu (mis. ubah nama petugasnya) lalu ulangi.")
    if "disk i/o" in text or code.startswith("SQLITE_IOERR"):
        return DatabaseError(f"Database {path} tidak dapat dibaca atau ditulis (kesalahan diska; flashdisk "
                             "tercabut?). Pasang lagi lalu ulangi.")
    if "unable to open" in text or code.startswith("SQLITE_CANTOPEN"):
        return DatabaseError(f"Database {path} tidak dapat dibuka (folder tidak ada atau tanpa izin).")
    if "not a database" in text or "malformed" in text or code in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
        return DatabaseError(f"Berkas {path} bukan database Presensi KPPS atau sudah rusak ({exc}). "
                             "Pulihkan dari cadangan (kpps backup list).")
    return DatabaseError(f"Database {path} tidak dapat dipakai: {exc}.")


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


# The hybrid-logical-clock step of an edit (docs/exchange-format.md, "Clock rule"): an edited
# officer or session gets max(this computer's clock, its previous updated_at + 1 s), so a
# correction made after seeing a version always wins over it, even against a sender's clock
# that ran ahead; a previous time more than a day ahead of this clock is not believed.
# SQL for UPDATE statements (bind ?1 = utc_now()); next_stamp() is the same in Python.
NEXT_STAMP_SQL = ("(CASE WHEN julianday(updated_at) >= julianday(?1) AND julianday(updated_at) <= julianday(?1) + 1 "
                  "THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', julianday(updated_at) + 1.0 / 86400) ELSE ?1 END)")


def next_stamp(previous: str | None) -> str:
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    try:
        seen = dates.instant(previous) if previous else None
    except ValueError:
        seen = None
    if seen is not None and now <= seen <= now + _dt.timedelta(days=1):
        now = (seen + _dt.timedelta(seconds=1)).astimezone(_dt.timezone.utc).replace(microsecond=0)
    return now.isoformat(timespec="seconds")


def edit_stamp(db: sqlite_utils.Database, table: str, row_id: str) -> str:
    """next_stamp() for one officer or session about to be edited."""
    row = db.conn.execute(f"SELECT updated_at FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return next_stamp(row[0] if row else None)


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
    except sqlite3.Error as exc:  # "rusak" only when it is: a lock or a read-only medium says so
        raise error_for(exc, path) from exc
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
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, check_same_thread=False)
    try:
        version = _check_identity(conn, path)
        if version != latest_version():
            raise DatabaseError(f"Database {path} belum siap dibaca (skema {version}); buka ulang aplikasi.")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise error_for(exc, path) from exc
    except DatabaseError:
        conn.close()
        raise
    return database(conn)


def connect(path: Path | str | None = None, *, check: bool = True) -> sqlite3.Connection:
    """open_db() as a plain sqlite3 connection: the same checks, durability and migrations.

    A current database opens without importing sqlite-utils (only a migration needs it).
    """
    path = Path(path) if path is not None else default_db_path()
    read_only = _check_path(path)
    if read_only:
        conn = _connect_read_only(path)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, check_same_thread=False)
    try:
        version = _check_identity(conn, path)
        if check and version:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise DatabaseError(f"Database {path} rusak: {result}.")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        if read_only:
            if version < latest_version():
                raise DatabaseReadOnly(_READ_ONLY.format(path=path) + " (Database ini juga perlu diperbarui "
                                       "ke skema baru, yang memerlukan izin tulis.)")
            conn.execute("PRAGMA query_only = ON")  # a write says "hanya-baca" before touching anything
            return conn
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
    except sqlite3.Error as exc:
        conn.close()
        raise error_for(exc, path) from exc
    return conn


def _nearly_full(path: Path | str) -> bool:
    import shutil

    try:
        return shutil.disk_usage(Path(path).parent).free < 1 << 20
    except (OSError, TypeError, ValueError):
        return False


def is_decode_error(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "could not decode" in str(exc).lower()


def fetch_lenient(conn: sqlite3.Connection, sql: str, params=()) -> tuple[list[tuple], list[int]]:
    """All rows of `sql`, undecodable text shown as U+FFFD; with the indexes of the rows that had any.

    The fast path (sqlite3's own decoding) is taken by the caller; this is the slow one for a
    database where some text is not UTF-8 (written by another tool): the rest is still listed.
    """
    bad = [0]

    def decode(raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            bad[0] += 1
            return raw.decode("utf-8", "replace")

    old = conn.text_factory
    conn.text_factory = decode
    try:
        rows, flagged, cur = [], [], conn.execute(sql, params)
        for row in cur:
            if bad[0]:
                flagged.append(len(rows))
                bad[0] = 0
            rows.append(row)
        return rows, flagged
    finally:
        conn.text_factory = old


def _check_path(path: Path) -> bool:
    """Refuse what cannot be this database before SQLite makes a new one; True when it is read-only.

    A missing folder is an error (an unmounted stick must not yield a new, empty database on the
    laptop), except the per-user default folder, made on first run. A folder or a 0-byte file
    is refused with its own message.
    """
    if not path.parent.is_dir():
        if path.parent.exists():
            raise DatabaseError(f"{path.parent} bukan folder; database {path.name} tidak dapat dipakai.")
        if path != user_db_path():
            raise DatabaseError(
                f"Folder {path.parent} tidak ada (flashdisk belum terpasang atau salah ketik?); database "
                f"tidak dibuat. Periksa lokasinya, atau buat foldernya dulu bila memang database baru.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"Folder data {path.parent} tidak dapat dibuat ({exc.strerror}).") from exc
    try:
        st = path.stat()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise DatabaseError(f"Database {path} tidak dapat dibaca ({exc.strerror}).") from exc
    import stat as _stat

    if _stat.S_ISDIR(st.st_mode):
        raise DatabaseError(f"{path} adalah folder, bukan berkas database; sebutkan berkasnya, mis. "
                            f"{path / DB_FILENAME}.")
    if not _stat.S_ISREG(st.st_mode):
        raise DatabaseError(f"{path} bukan berkas biasa (perangkat atau pipa); bukan database.")
    wal = Path(f"{path}-wal")
    if st.st_size == 0 and not (wal.exists() and wal.stat().st_size > 0):
        raise DatabaseError(
            f"Berkas database {path} kosong (0 bait): salinan yang gagal atau berkas yang terpotong, "
            "bukan database baru. Pulihkan dari cadangan (kpps backup list), atau hapus berkas itu bila "
            "memang ingin memulai database baru.")
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Read-only: `mode=ro`; on a medium where even the WAL index cannot be made, `immutable=1`."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    # Nothing else can be writing a file on a read-only medium, so reading it as immutable is safe.
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)


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
