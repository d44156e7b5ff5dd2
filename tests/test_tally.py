"""The recap counts kept up to date (core/tally.py) equal a full recomputation after every kind of change."""

import dataclasses
import datetime as dt
import random
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpps_desktop.core import checkin, demo, exchange, installation, recap, roster, sessions, tally
from kpps_desktop.core import db as dbmod

WIB = dt.timezone(dt.timedelta(hours=7))
DAY = demo.SESSION_DAY
KEDUNG = "33.20.01"
DESAS = ("33.20.01.2001", "33.20.01.2002", "33.20.01.2003")


def at(minutes: int) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(7, 0), tzinfo=WIB) + dt.timedelta(minutes=minutes)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Three desa of Kecamatan Kedung (their demo roster and sessions), under a PPK installation."""
    path = tmp_path_factory.mktemp("tally") / "template.sqlite"
    db = dbmod.open_db(path)
    installation.init(db, "ppk", KEDUNG)
    for desa in DESAS:
        demo.generate(db, desa)
    db.close()
    return path


def fresh(db) -> set[tuple]:
    """Counts per (desa, TPS, session) recomputed from scratch by the one rule, bypassing the tally."""
    sql = tally._insert_sql("1").split("INSERT INTO recap_tally", 1)[1]
    sql = sql[sql.index("SELECT"):]
    return set(db.conn.execute(sql).fetchall())


def kept(db) -> set[tuple]:
    tally.refresh(db)
    cols = ", ".join(("desa", "tps", "session_id", "tps_label", *tally.COUNTS))
    return set(db.conn.execute(f"SELECT {cols} FROM recap_tally").fetchall())


def _officers(db, where="1", params=()):
    return [r[0] for r in db.conn.execute(f"SELECT id FROM officers WHERE {where} ORDER BY id", params)]


def _sessions(db):
    return [s for s in sessions.list_sessions(db) if not s.closed_at]


def op_check_in(db, rng):
    s = rng.choice(_sessions(db))
    officers = [o["id"] for o in sessions.expected_officers(db, s.id)]
    if officers:
        checkin.check_in_officer(db, s.id, rng.choice(officers), at(rng.randrange(0, 120)), "scanner")


def op_izin(db, rng):
    s = rng.choice(_sessions(db))
    officers = [o["id"] for o in sessions.expected_officers(db, s.id)]
    if officers:
        checkin.set_status(db, s.id, rng.choice(officers), rng.choice(("izin", "sakit")), "surat", at(30))


def op_undo(db, rng):
    events = [r[0] for r in db.conn.execute(
        "SELECT id FROM attendance WHERE status != 'undo' AND method != 'close' ORDER BY id")]
    if events:
        checkin.undo(db, rng.choice(events), "salah pindai", at(200))


def op_close(db, rng):
    open_ = _sessions(db)
    if len(open_) > 1:
        sessions.close_session(db, rng.choice(open_).id, at(480))


def op_replace(db, rng):
    old = roster.get_officer(db, rng.choice(_officers(db, "status = 'aktif'")))
    serial = rng.randrange(100, 9999)
    roster.replace_officer(db, old.id, roster.Officer(
        nik=f"332001410190{serial:04d}", nama=f"Pengganti {serial}", jk="P", desa=old.desa, tps=old.tps,
        jabatan=old.jabatan))


def op_move(db, rng):
    """An officer corrected to another TPS, or another desa (a data-entry fix)."""
    o = roster.get_officer(db, rng.choice(_officers(db)))
    if rng.random() < 0.5:
        o = dataclasses.replace(o, tps=o.tps % 3 + 1)
    else:
        o = dataclasses.replace(o, desa=rng.choice([d for d in DESAS if d != o.desa]), tps=1)
    roster.update_officer(db, o)


def op_add(db, rng):
    serial = rng.randrange(100, 9999)
    roster.add_officer(db, roster.Officer(
        nik=f"332001010190{serial:04d}", nama=f"Baru {serial}", jk="L", desa=rng.choice(DESAS),
        tps=rng.randrange(1, 4), jabatan="anggota"))


def op_makeup(db, rng):
    ids = rng.sample(_officers(db, "status = 'aktif'"), 3)
    recap.create_makeup_session(db, ids, "2024-11-12", "08:00")


def op_rescope(db, rng):
    """A session moved to another desa, widened to the kecamatan, or turned into a list of officers."""
    s = rng.choice(_sessions(db))
    r = rng.random()
    if r < 0.4:
        sessions.update_session(db, s.id, scope_kind="desa", scope=rng.choice(DESAS))
    elif r < 0.6:
        sessions.update_session(db, s.id, scope_kind="kecamatan", scope=KEDUNG)
    else:
        sessions.update_session(db, s.id, scope_kind="officers", scope=None,
                                officer_ids=rng.sample(_officers(db, "status = 'aktif'"), 4))


OPS = [op_check_in, op_check_in, op_izin, op_undo, op_close, op_replace, op_move, op_add, op_makeup, op_rescope]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 2**32)), min_size=1, max_size=8))
def test_kept_counts_equal_a_full_recount_after_any_changes(template, tmp_path_factory, plan):
    path = tmp_path_factory.mktemp("run") / "db.sqlite"
    path.write_bytes(template.read_bytes())
    db = dbmod.open_db(path, check=False)
    try:
        assert kept(db) == fresh(db)
        for op, seed in plan:
            try:
                op(db, random.Random(seed))
            except (roster.RosterError, sessions.SessionError, checkin.CheckinError):
                pass  # a refused change (e.g. a NIK drawn twice) changes nothing
            assert kept(db) == fresh(db), op.__name__
            assert not tally.is_stale(db)
    finally:
        db.close()


def test_recap_reads_the_kept_counts(template, tmp_path):
    path = tmp_path / "db.sqlite"
    path.write_bytes(template.read_bytes())
    with dbmod.opened(path) as db:
        s = sessions.list_sessions(db)[0]
        o = sessions.expected_officers(db, s.id)[0]
        before = recap.recap(db, "desa", [s.id]).rows[0]
        checkin.check_in_officer(db, s.id, o["id"], at(10), "scanner")
        assert tally.is_stale(db)  # the trigger noted the session
        after = recap.recap(db, "desa", [s.id]).rows[0]
        assert (after["hadir"], after["belum"]) == (before["hadir"] + 1, before["belum"] - 1)
        assert not tally.is_stale(db)


def test_a_database_from_before_the_tally_gets_its_counts(template, tmp_path):
    """A version-7 file (no recap_tally yet) is migrated and counted at the first recap."""
    path = tmp_path / "old.sqlite"
    path.write_bytes(template.read_bytes())
    with dbmod.opened(path) as db:
        o = _officers(db)[0]
        s = sessions.list_sessions(db)[0]
        checkin.check_in_officer(db, s.id, o, at(5), "scanner")
        expected = recap.recap(db, "kecamatan").rows
    conn = sqlite3.connect(path)
    with conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'recap_%'"):
            conn.execute(f"DROP TRIGGER {name}")
        for table in ("recap_tally", "recap_stale_session", "recap_stale_desa"):
            conn.execute(f"DROP TABLE {table}")
        for index in ("sessions_scope", "session_officers_officer", "attendance_undo"):
            conn.execute(f"DROP INDEX {index}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0008_recap_tally'")
        conn.execute("PRAGMA user_version = 7")
    conn.close()
    with dbmod.opened(path) as db:
        assert tally.is_stale(db)
        assert recap.recap(db, "kecamatan").rows == expected


def test_an_imported_handover_is_counted_before_it_commits(template, tmp_path):
    """The PPK's recap right after a desa's file merges needs no recount (the import refreshed it)."""
    pps_path, ppk_path = tmp_path / "pps.sqlite", tmp_path / "ppk.sqlite"
    with dbmod.opened(pps_path) as pps:
        installation.init(pps, "pps", DESAS[0])
        demo.generate(pps, DESAS[0])
        s = sessions.list_sessions(pps)[0]
        for o in sessions.expected_officers(pps, s.id)[:20]:
            checkin.check_in_officer(pps, s.id, o["id"], at(3), "scanner")
        out = exchange.export(pps, tmp_path / "up.kpps").path
        local = recap.recap(pps, "tps", [s.id]).rows
    with dbmod.opened(ppk_path) as ppk:
        installation.init(ppk, "ppk", KEDUNG)
        [report] = exchange.import_files(ppk, [out], trust_new=True)
        assert report.status == "imported", report.reason
        assert not tally.is_stale(ppk)
        assert kept(ppk) == fresh(ppk)
        assert recap.recap(ppk, "tps", [s.id]).rows == local


@pytest.mark.parametrize("scope_kind", ["desa", "kecamatan", "officers"])
def test_moving_an_officer_recounts_the_sessions_covering_either_desa(template, tmp_path, scope_kind):
    path = tmp_path / "db.sqlite"
    path.write_bytes(template.read_bytes())
    with dbmod.opened(path) as db:
        s = sessions.list_sessions(db)[0]
        mover = sessions.expected_officers(db, s.id)[0]
        if scope_kind == "kecamatan":
            sessions.update_session(db, s.id, scope_kind="kecamatan", scope=KEDUNG)
        elif scope_kind == "officers":
            sessions.update_session(db, s.id, scope_kind="officers", scope=None, officer_ids=[mover["id"]])
        checkin.check_in_officer(db, s.id, mover["id"], at(10), "scanner")
        assert kept(db) == fresh(db)
        o = roster.get_officer(db, mover["id"])
        roster.update_officer(db, dataclasses.replace(o, desa=DESAS[2], tps=o.tps % 3 + 1))
        assert kept(db) == fresh(db)
        rows = {(r["desa"], r["tps"]): r for r in recap.recap(db, "tps", [s.id]).rows}
        if scope_kind == "desa":  # out of the session's desa: no longer expected there
            assert (DESAS[2], o.tps % 3 + 1) not in rows
        else:  # still expected, now counted under the new desa and TPS
            assert rows[(DESAS[2], o.tps % 3 + 1)]["hadir"] >= 1


def test_events_from_any_writer_are_counted(template, tmp_path):
    """New events are found by rowid, not by the code that wrote them: a raw INSERT counts too."""
    path = tmp_path / "db.sqlite"
    path.write_bytes(template.read_bytes())
    with dbmod.opened(path) as db:
        assert kept(db) == fresh(db)
        s = sessions.list_sessions(db)[0]
        o = sessions.expected_officers(db, s.id)[0]
        with db.atomic():
            db.conn.execute(
                f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES (?, ?, ?, 'izin', 'surat', ?, ?, 1, "
                "'desk', NULL, ?)", (dbmod.new_id(), s.id, o["id"], at(1).isoformat(), "elsewhere", dbmod.utc_now()))
        assert tally.is_stale(db)
        assert recap.recap(db, "desa", [s.id]).rows[0]["izin"] == 1
        assert kept(db) == fresh(db)


def test_counts_are_rebuilt_when_the_events_shrink_under_them(template, tmp_path):
    """A file with fewer events than the counts include (restored from an older copy) is recounted."""
    path = tmp_path / "db.sqlite"
    path.write_bytes(template.read_bytes())
    with dbmod.opened(path) as db:
        s = sessions.list_sessions(db)[0]
        checkin.check_in_officer(db, s.id, sessions.expected_officers(db, s.id)[0]["id"], at(2), "scanner")
        tally.refresh(db)
        with db.atomic():  # as if the counts came from a newer copy of the file than the events
            dbmod.set_meta(db, tally.SEEN_KEY, "999999")
            db.conn.execute("UPDATE recap_tally SET hadir = hadir + 5")
        assert tally.is_stale(db)
        assert kept(db) == fresh(db)


def test_finding_new_events_reads_only_the_new_rows(db):
    """The lookup must stay a rowid range: a scan of all events per refresh made a national import
    quadratic (SQLite chose a full index scan for the DISTINCT this query once had)."""
    plan = [row[3] for row in db.conn.execute("EXPLAIN QUERY PLAN " + tally.NEW_EVENTS_SQL, (0,))]
    assert any("INTEGER PRIMARY KEY (rowid>?)" in step for step in plan), plan
