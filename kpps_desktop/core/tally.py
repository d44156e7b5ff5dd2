"""Recap counts kept up to date: per (desa, TPS, session), refreshed from what changed since.

Recomputing every officer's effective status from the events costs about a microsecond per
(session, officer) pair, which is 20 s for a national database of 18 million pairs. So the
counts live in `recap_tally`, and triggers (migration 0008) note what each write makes stale:
a session (a new or re-scoped session, its officer list) or a desa (an officer added, moved,
replaced or removed); new attendance events are found by rowid (the append-only table only
grows), so any writer's events count. `refresh` recomputes just those parts with the one
rule (sessions.pair_status_sql) in one write transaction; the recap reads the counts. Handover
imports refresh before they commit, so a freshly merged database recaps at once.
"""

from __future__ import annotations

import sqlite_utils

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import sessions

STATUSES = ("hadir", "hadir_daring", "terlambat", "izin", "sakit", "tidak_hadir")
# The count columns of recap_tally, in this order.
COUNTS = ("expected", *STATUSES, "belum", "diganti")

MIGRATION = [
    f"""CREATE TABLE recap_tally (
        desa TEXT NOT NULL,
        tps INTEGER NOT NULL,
        session_id TEXT NOT NULL,
        tps_label TEXT,
        {", ".join(f"{c} INTEGER NOT NULL" for c in COUNTS)},
        PRIMARY KEY (desa, tps, session_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX recap_tally_session ON recap_tally(session_id)",
    "CREATE TABLE recap_stale_session (session_id TEXT PRIMARY KEY) WITHOUT ROWID",
    # The refresh finds its way by index only, so its cost follows what changed, not the file's size:
    # the sessions covering a desa, the lists naming an officer, the (few) undo events.
    "CREATE INDEX sessions_scope ON sessions(scope_kind, scope)",
    "CREATE INDEX session_officers_officer ON session_officers(officer_id)",
    "CREATE INDEX attendance_undo ON attendance(corrects) WHERE status = 'undo'",
    "CREATE TABLE recap_stale_desa (desa TEXT PRIMARY KEY) WITHOUT ROWID",
    # What makes a session's counts stale: its scope, its own officer list, and its new events,
    # which need no trigger: attendance is append-only, so the rows after the last refresh's
    # max(rowid) are exactly the new ones (a trigger per event cost ~3% of a national import).
    """CREATE TRIGGER recap_stale_session_insert AFTER INSERT ON sessions BEGIN
        INSERT OR IGNORE INTO recap_stale_session VALUES (NEW.id);
    END""",
    """CREATE TRIGGER recap_stale_session_scope AFTER UPDATE OF scope_kind, scope ON sessions
    WHEN OLD.scope_kind IS NOT NEW.scope_kind OR OLD.scope IS NOT NEW.scope BEGIN
        INSERT OR IGNORE INTO recap_stale_session VALUES (NEW.id);
    END""",
    """CREATE TRIGGER recap_stale_session_delete AFTER DELETE ON sessions BEGIN
        INSERT OR IGNORE INTO recap_stale_session VALUES (OLD.id);
    END""",
    """CREATE TRIGGER recap_stale_session_officers_insert AFTER INSERT ON session_officers BEGIN
        INSERT OR IGNORE INTO recap_stale_session VALUES (NEW.session_id);
    END""",
    """CREATE TRIGGER recap_stale_session_officers_delete AFTER DELETE ON session_officers BEGIN
        INSERT OR IGNORE INTO recap_stale_session VALUES (OLD.session_id);
    END""",
    # What makes a desa's counts stale: an officer arriving, leaving, moving or being replaced.
    """CREATE TRIGGER recap_stale_officer_insert AFTER INSERT ON officers BEGIN
        INSERT OR IGNORE INTO recap_stale_desa VALUES (NEW.desa);
    END""",
    """CREATE TRIGGER recap_stale_officer_update AFTER UPDATE OF desa, tps, tps_label, status ON officers
    WHEN OLD.desa IS NOT NEW.desa OR OLD.tps IS NOT NEW.tps OR OLD.tps_label IS NOT NEW.tps_label
      OR OLD.status IS NOT NEW.status BEGIN
        INSERT OR IGNORE INTO recap_stale_desa VALUES (OLD.desa);
        INSERT OR IGNORE INTO recap_stale_desa VALUES (NEW.desa);
    END""",
    """CREATE TRIGGER recap_stale_officer_delete AFTER DELETE ON officers BEGIN
        INSERT OR IGNORE INTO recap_stale_desa VALUES (OLD.desa);
    END""",
    # Counts for what is already there are made at the first refresh.
    "INSERT INTO recap_stale_session SELECT id FROM sessions",
]

_STALE_SESSIONS = "SELECT session_id FROM recap_stale_session"

# The sessions whose officers include someone of a stale desa, by each kind of scope.
_SESSIONS_OF_STALE_DESA = """
    INSERT OR IGNORE INTO recap_stale_session
    SELECT s.id FROM recap_stale_desa d JOIN sessions s ON s.scope_kind = 'desa' AND s.scope = d.desa
    UNION SELECT s.id FROM recap_stale_desa d
      JOIN sessions s ON s.scope_kind = 'kecamatan' AND s.scope = substr(d.desa, 1, 8)
    UNION SELECT s.id FROM recap_stale_desa d
      JOIN sessions s ON s.scope_kind = 'kabupaten' AND s.scope = substr(d.desa, 1, 5)
    UNION SELECT so.session_id FROM recap_stale_desa d JOIN officers o ON o.desa = d.desa
      JOIN session_officers so ON so.officer_id = o.id"""


def _insert_sql(session_where: str) -> str:
    """Counts of the sessions `session_where` picks (alias s), by the one rule, into recap_tally."""
    pairs = sessions.pair_status_sql(sessions.scope_pairs_sql(session_where))
    counts = ", ".join(f"count(*) FILTER (WHERE m.expected AND m.status = '{s}')" for s in STATUSES)
    return f"""
    INSERT INTO recap_tally (desa, tps, session_id, tps_label, {", ".join(COUNTS)})
    SELECT m.desa, m.tps, m.session_id, max(m.tps_label), count(*) FILTER (WHERE m.expected), {counts},
           count(*) FILTER (WHERE m.expected AND m.status IS NULL), count(*) FILTER (WHERE NOT m.expected)
    FROM ({pairs}) m
    GROUP BY m.desa, m.tps, m.session_id"""


# Someone was recorded other than absent: the session was held (table recap_held, migration 0014).
RECORDED = "hadir + hadir_daring + terlambat + izin + sakit"
SEEN_KEY = "recap_attendance_rowid"  # meta: attendance rows up to this rowid are counted
NEW_EVENTS_SQL = "INSERT OR IGNORE INTO recap_stale_session SELECT session_id FROM attendance WHERE rowid > ?"


def _events(db: sqlite_utils.Database) -> tuple[int, int]:
    """(rowid of the newest attendance event, rowid the counts include)."""
    top = db.conn.execute("SELECT max(rowid) FROM attendance").fetchone()[0] or 0
    return top, int(dbmod.get_meta(db, SEEN_KEY) or 0)


def is_stale(db: sqlite_utils.Database) -> bool:
    top, seen = _events(db)
    return top != seen or bool(db.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM recap_stale_session) OR EXISTS (SELECT 1 FROM recap_stale_desa)").fetchone()[0])


def refresh(db: sqlite_utils.Database) -> None:
    """Recompute the counts of every stale session and desa; when nothing is stale, three cheap reads.

    Inside the caller's transaction when there is one (an import refreshes before it commits),
    else in its own write transaction.
    """
    if not is_stale(db):
        return
    with sessions.write_transaction(db):
        c = db.conn
        top, seen = _events(db)
        if top < seen:  # fewer events than counted: the file was replaced under us; count it all
            c.execute("DELETE FROM recap_tally")
            c.execute("INSERT OR IGNORE INTO recap_stale_session SELECT id FROM sessions")
        else:
            # No DISTINCT (the primary key drops repeats): with it SQLite scans the whole
            # (session_id, officer_id) index instead of the new rows by rowid.
            c.execute(NEW_EVENTS_SQL, (seen,))
        # An officer who moved leaves a stale desa behind (the old and the new one): recount
        # every session that covers either, whole; then the stale sessions are all there is.
        c.execute(_SESSIONS_OF_STALE_DESA)
        c.execute(f"DELETE FROM recap_tally WHERE session_id IN ({_STALE_SESSIONS})")
        c.execute(_insert_sql(f"s.id IN ({_STALE_SESSIONS})"))
        c.execute(f"DELETE FROM recap_held WHERE session_id IN ({_STALE_SESSIONS})")
        c.execute(f"INSERT OR IGNORE INTO recap_held SELECT session_id FROM recap_tally "
                  f"WHERE session_id IN ({_STALE_SESSIONS}) AND {RECORDED} > 0")
        c.execute("DELETE FROM recap_stale_session")
        c.execute("DELETE FROM recap_stale_desa")
        dbmod.set_meta(db, SEEN_KEY, str(top))

