"""The schema, step by step: each migration registered in order and applied at open, inside one
transaction (sqlite-utils' Migrations runs them; see core.db for opening)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from kpps_desktop.core import db as dbmod

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations


class _Migrations:
    """The schema steps, in order; sqlite-utils' Migrations is made from them only to apply them.

    The same decorator and apply() as Migrations, so a current database opens without
    importing sqlite-utils (connect(), and the desktop app's reading connection).
    """

    def __init__(self, name: str):
        self.name = name
        self._migrations: list[tuple[str, Callable, bool]] = []

    def __call__(self, *, name: str | None = None, transactional: bool = True) -> Callable:
        def register(fn: Callable) -> Callable:
            self._migrations.append((name or fn.__name__, fn, transactional))
            return fn
        return register

    def real(self) -> Migrations:
        from sqlite_utils.migrations import Migrations

        real = Migrations(self.name)
        for name, fn, transactional in self._migrations:
            real(name=name, transactional=transactional)(fn)
        return real

    def apply(self, db: sqlite_utils.Database, **kwargs: Any) -> None:
        self.real().apply(db, **kwargs)


migrations = _Migrations("kpps")


def latest_version() -> int:
    return len(migrations._migrations)


def _run_script(db: sqlite_utils.Database, script: str) -> None:
    """Run a migration's SQL inside the migration's transaction.

    sqlite3's executescript() COMMITs any open transaction before it starts, which would make
    every migration non-atomic: a failure halfway would leave half a schema behind. So the
    script is split into complete statements (sqlite3.complete_statement keeps trigger bodies
    whole) and each runs with execute().
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"Pernyataan SQL migrasi tidak lengkap: {statement.strip()[:80]}")


@migrations(name="0001_base")
def _m0001_base(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
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


@migrations(name="0002_cards")
def _m0002_cards(db: sqlite_utils.Database) -> None:
    # A revocation is its own record (with a global id) so it can travel between
    # installations the way attendance does; cards.revoked_at is the local shortcut.
    _run_script(
        db,
        """
        CREATE TABLE cards (
            code TEXT PRIMARY KEY,
            officer_id TEXT NOT NULL REFERENCES officers(id),
            issued_at TEXT NOT NULL,
            device_id TEXT NOT NULL,
            revoked_at TEXT
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX cards_live_officer ON cards(officer_id) WHERE revoked_at IS NULL;
        CREATE TABLE card_revocations (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL,
            officer_id TEXT NOT NULL,
            reason TEXT,
            at TEXT NOT NULL,
            device_id TEXT NOT NULL
        );
        CREATE INDEX card_revocations_code ON card_revocations(code);
        CREATE TABLE officer_photos (
            officer_id TEXT PRIMARY KEY REFERENCES officers(id),
            image BLOB NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE print_log (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            what TEXT NOT NULL,
            scope TEXT,
            count INTEGER NOT NULL,
            paper TEXT,
            operator TEXT,
            device_id TEXT NOT NULL
        );
        """
    )


@migrations(name="0003_attendance")
def _m0003_attendance(db: sqlite_utils.Database) -> None:
    # Attendance is an append-only event log (what sync merges); a correction is a new
    # event pointing at the one it corrects (`corrects`), so the triggers forbid any rewrite.
    _run_script(
        db,
        """
        CREATE TABLE attendance (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            officer_id TEXT REFERENCES officers(id),
            status TEXT NOT NULL CHECK (status IN ('hadir', 'hadir_daring', 'terlambat', 'izin',
                                                   'sakit', 'tidak_hadir', 'undo')),
            reason TEXT,
            at TEXT NOT NULL,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('scanner', 'camera', 'manual', 'paper',
                                                   'close', 'desk')),
            corrects TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (device_id, seq)
        );
        CREATE INDEX attendance_session_officer ON attendance(session_id, officer_id);
        CREATE TRIGGER attendance_no_update BEFORE UPDATE ON attendance BEGIN
            SELECT RAISE(ABORT, 'Presensi tidak boleh diubah; catat koreksi sebagai kejadian baru.');
        END;
        CREATE TRIGGER attendance_no_delete BEFORE DELETE ON attendance BEGIN
            SELECT RAISE(ABORT, 'Presensi tidak boleh dihapus; catat koreksi sebagai kejadian baru.');
        END;
        CREATE TABLE scan_log (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            text TEXT NOT NULL,
            result TEXT NOT NULL,
            officer_id TEXT,
            at TEXT NOT NULL,
            device_id TEXT NOT NULL,
            method TEXT NOT NULL,
            resolved_officer_id TEXT REFERENCES officers(id)
        );
        CREATE INDEX scan_log_session ON scan_log(session_id, at);
        """
    )


@migrations(name="0004_exchange")
def _m0004_exchange(db: sqlite_utils.Database) -> None:
    # Handover files (core/exchange/, docs/exchange-format.md). The private key sits in the
    # database for now: whoever copies the database can sign as this installation.
    # Merge needs no new row columns: officers and sessions already carry updated_at and
    # device_id (the last-writer key); attendance carries (device_id, seq) for gap reports.
    _run_script(
        db,
        """
        CREATE TABLE keys (
            device_id TEXT PRIMARY KEY,
            private_key BLOB NOT NULL,
            public_key BLOB NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE trusted_devices (
            device_id TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            wilayah TEXT NOT NULL,
            public_key BLOB NOT NULL,
            fingerprint TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            vouched_by TEXT
        );
        CREATE TABLE signed_manifests (
            sha256 TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            role TEXT NOT NULL,
            wilayah TEXT NOT NULL,
            created_at TEXT NOT NULL,
            manifest BLOB NOT NULL,
            signature BLOB NOT NULL
        );
        CREATE INDEX signed_manifests_device ON signed_manifests(device_id);
        CREATE TABLE imports (
            id TEXT PRIMARY KEY,
            file_hash TEXT NOT NULL UNIQUE,
            manifest_sha256 TEXT NOT NULL,
            device_id TEXT NOT NULL,
            at TEXT NOT NULL,
            counts TEXT NOT NULL
        );
        """
    )


@migrations(name="0005_audit")
def _m0005_audit(db: sqlite_utils.Database) -> None:
    # One audit trail for personal data (UU PDP), append-only like attendance; see core/audit.py.
    # The print log of 0002 moves in, and a view keeps its old shape for the views that read it.
    _run_script(
        db,
        """
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            operator TEXT NOT NULL DEFAULT '',
            device_id TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('export', 'import', 'print', 'reveal_nik',
                'delete_personal_data', 'backup', 'restore', 'settings')),
            what TEXT NOT NULL,
            scope TEXT,
            count INTEGER,
            detail TEXT
        );
        CREATE INDEX audit_log_action ON audit_log(action, at);
        INSERT INTO audit_log (id, at, operator, device_id, action, what, scope, count, detail)
            SELECT id, at, coalesce(operator, ''), device_id, 'print', what, scope, count,
                   CASE WHEN paper IS NULL THEN NULL ELSE json_object('paper', paper) END
            FROM print_log ORDER BY at, rowid;
        DROP TABLE print_log;
        CREATE VIEW print_log AS
            SELECT id, at, what, scope, count, json_extract(detail, '$.paper') AS paper,
                   nullif(operator, '') AS operator, device_id
            FROM audit_log WHERE action = 'print';
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
            SELECT RAISE(ABORT, 'Log audit tidak boleh diubah.');
        END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
            SELECT RAISE(ABORT, 'Log audit tidak boleh dihapus.');
        END;
        """
    )


@migrations(name="0006_encryption")
def _m0006_encryption(db: sqlite_utils.Database) -> None:
    # The X25519 key other offices encrypt handover files to (core/crypt.py); filled on first
    # use by keys.encryption_keypair, so existing installations need no step of their own.
    _run_script(
        db,
        """
        ALTER TABLE keys ADD COLUMN enc_private BLOB;
        ALTER TABLE keys ADD COLUMN enc_public BLOB;
        """
    )


@migrations(name="0007_scan_log_resolution")
def _m0007_scan_log_resolution(db: sqlite_utils.Database) -> None:
    # Refused scans are resolved later (core/checkin.resolve_scan, dismiss_scans): the row stays and
    # says how it ended. after_seq is this device's last attendance seq when the scan was logged,
    # so scans and check-ins of the same second keep the order they happened in (sessions.recent).
    # One statement at a time: executescript() would commit the migration's transaction first.
    for sql in (
        "ALTER TABLE scan_log ADD COLUMN after_seq INTEGER",
        "ALTER TABLE scan_log ADD COLUMN resolution TEXT CHECK (resolution IN ('resolved', 'dismissed'))",
        "ALTER TABLE scan_log ADD COLUMN resolved_at TEXT",
        "ALTER TABLE scan_log ADD COLUMN resolution_reason TEXT",
        "ALTER TABLE scan_log ADD COLUMN resolved_event_id TEXT",
        "CREATE INDEX scan_log_unresolved ON scan_log(session_id) WHERE resolution IS NULL",
    ):
        db.conn.execute(sql)


@migrations(name="0008_recap_tally")
def _m0008_recap_tally(db: sqlite_utils.Database) -> None:
    # Recap counts kept up to date instead of recomputed from every event (core/tally.py).
    from kpps_desktop.core import tally  # it imports sessions, which imports this module

    for sql in tally.MIGRATION:
        db.conn.execute(sql)


@migrations(name="0009_roster_order")
def _m0009_roster_order(db: sqlite_utils.Database) -> None:
    # The roster lists officers by desa, TPS, position and name (roster.ORDER_BY): an index in
    # that order spares the window sorting every officer at each start (~2 ms for Jepara). It
    # serves every (desa, tps) lookup as well, so it replaces that index rather than adding a
    # third one for each officer written.
    from kpps_desktop.core import roster  # it imports this module

    db.conn.execute(f"CREATE INDEX officers_roster_order ON officers({roster.ORDER_BY})")
    db.conn.execute("DROP INDEX officers_desa_tps")


@migrations(name="0010_attendance_evidence")
def _m0010_attendance_evidence(db: sqlite_utils.Database) -> None:
    # What an attendance event rests on when it was not a scan: for an imported online-meeting
    # report (core/daring), JSON with the file's SHA-256 and row. Travels in handover files.
    db.conn.execute("ALTER TABLE attendance ADD COLUMN evidence TEXT")


@migrations(name="0011_handover_authority")
def _m0011_handover_authority(db: sqlite_utils.Database) -> None:
    # Issue #12: how each device came to be trusted (exchange/authority.py), and the encryption
    # key it announced then. Devices trusted before are 'legacy': still trusted for what they
    # sign, but no longer a recipient of encrypted files until a setup file or the berita acara
    # code establishes them.
    _run_script(
        db,
        """
        ALTER TABLE trusted_devices ADD COLUMN basis TEXT NOT NULL DEFAULT 'legacy';
        ALTER TABLE trusted_devices ADD COLUMN encryption_key BLOB;
        """
    )
    # Versions dated more than a day ahead (9999-12-31, a clock years fast) would win every later
    # merge; they become "now", so the next genuine correction wins. Attendance is append-only and
    # signed at its origin: its times stay, readers take a time without offset as UTC (instant()).
    for table in ("officers", "sessions"):
        db.conn.execute(f"UPDATE {table} SET updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') "
                        "WHERE julianday(updated_at) IS NULL OR julianday(updated_at) > julianday('now') + 1")


@migrations(name="0012_audit_chain")
def _m0012_audit_chain(db: sqlite_utils.Database) -> None:
    # Each audit entry carries the SHA-256 of the previous entry's chain and its own fields, and
    # meta 'audit_head' the last one: an entry deleted or changed behind the triggers' back
    # (DROP TRIGGER, then DELETE) breaks the chain, and `kpps audit verify` names where.
    from kpps_desktop.core import audit  # it imports core.db, which imports this module lazily

    db.conn.execute("ALTER TABLE audit_log ADD COLUMN chain TEXT")
    db.conn.execute("DROP TRIGGER audit_log_no_update")
    audit.chain_existing(db)
    _run_script(db, """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
            SELECT RAISE(ABORT, 'Log audit tidak boleh diubah.');
        END;
        """)


@migrations(name="0013_replacements")
def _m0013_replacements(db: sqlite_utils.Database) -> None:
    # Whether an officer is a PAW replacement (someone's replaced_by), asked for every recap
    # pair (sessions.LATE_REPLACEMENT_SQL): a partial index holds only the few replaced officers.
    db.conn.execute("CREATE INDEX officers_replaced_by ON officers(replaced_by) WHERE replaced_by IS NOT NULL")


@migrations(name="0014_recap_held")
def _m0014_recap_held(db: sqlite_utils.Database) -> None:
    # The sessions someone attended, kept with the recap counts (core/tally.py): a recap tells a
    # session held from one "belum dilaksanakan" without probing 26,000 sessions at a tenth of
    # the country (~0.25 s).
    from kpps_desktop.core import tally  # it imports sessions, which imports core.db

    db.conn.execute("CREATE TABLE recap_held (session_id TEXT PRIMARY KEY) WITHOUT ROWID")
    db.conn.execute(f"INSERT INTO recap_held SELECT DISTINCT session_id FROM recap_tally WHERE {tally.RECORDED} > 0")


def upgrade(db: sqlite_utils.Database, path: Path, version: int) -> None:
    """Bring a database at schema `version` to the latest, in one transaction (a copy first when
    it already holds officers)."""
    if version and db.conn.execute("SELECT EXISTS (SELECT 1 FROM officers)").fetchone()[0]:
        from kpps_desktop.core import backup  # it imports core.db, as this module does

        backup.backup_before(path, "pre-migration")
    import uuid  # only a new database needs it (it loads `platform`)

    with db.atomic():
        migrations.apply(db)
        db.conn.execute(f"PRAGMA application_id = {dbmod.APPLICATION_ID}")
        db.conn.execute(f"PRAGMA user_version = {dbmod.latest_version()}")
        if dbmod.get_meta(db, "device_id") is None:
            # Random, not time-ordered: people tell devices apart by its first 8 digits.
            dbmod.set_meta(db, "device_id", uuid.uuid4().hex)
            dbmod.set_meta(db, "created_at", dbmod.utc_now())
