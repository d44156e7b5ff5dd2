"""Recap numbers against raw events, the SQL form of the status rule, absentees, make-up sessions, anomalies."""

import datetime as dt
import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpps_desktop.core import checkin, demo, recap, roster, sessions
from kpps_desktop.core import db as dbmod

WIB = dt.timezone(dt.timedelta(hours=7))
DAY = demo.SESSION_DAY
KEDUNG = "33.20.01"


def at(hhmm: str, day: dt.date = DAY, tz=WIB) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm), tzinfo=tz)


def demo_sessions(db, desa):
    return {s.kind: s for s in sessions.list_sessions(db) if s.scope == desa}


@pytest.fixture(scope="module")
def kedung_template(tmp_path_factory):
    """Kecamatan Kedung's demo with attendance made through core.checkin, built once per module."""
    path = tmp_path_factory.mktemp("kedung") / "template.sqlite"
    db = dbmod.open_db(path)
    demo.generate(db, KEDUNG)
    rng = random.Random(7)
    desas = sorted({s.scope for s in sessions.list_sessions(db)})[:3]
    for desa in desas:
        for kind, s in demo_sessions(db, desa).items():
            start = s.start_time
            for i, o in enumerate(sessions.expected_officers(db, s.id)):
                r = rng.random()
                queue = dt.timedelta(seconds=12 * i)  # one desk, one scan every 12 s
                if r < 0.70:
                    checkin.check_in_officer(db, s.id, o["id"], at(start) - dt.timedelta(minutes=20) + queue, "scanner")
                elif r < 0.78:
                    checkin.check_in_officer(db, s.id, o["id"], at(start) + dt.timedelta(minutes=40) + queue, "camera")
                elif r < 0.82:
                    checkin.set_status(db, s.id, o["id"], "hadir_daring", "tes CPNS", at(start))
                elif r < 0.86:
                    checkin.set_status(db, s.id, o["id"], "izin", "acara keluarga", at(start))
                elif r < 0.89:
                    checkin.set_status(db, s.id, o["id"], "sakit", None, at(start))
            if kind == "pelantikan":
                sessions.close_session(db, s.id, at("16:00"))
    db.desas = desas
    db.close()
    return path, desas


@pytest.fixture
def kedung(kedung_template, tmp_path):
    path, desas = kedung_template
    copy = tmp_path / "kedung.sqlite"
    copy.write_bytes(path.read_bytes())
    db = dbmod.open_db(copy)
    db.desas = desas
    yield db
    db.close()


def oracle(db, session_ids, level_key):
    """Counts per group from the Python rule (sessions.current_status) and the roster, computed here."""
    out: dict = {}
    for sid in session_ids:
        marks = sessions.current_status(db, sid)
        s = sessions.require_session(db, sid)
        where, params = (("desa = ?", [s.scope]) if s.scope_kind == "desa" else
                         ("id IN (SELECT officer_id FROM session_officers WHERE session_id = ?)", [sid]))
        for oid, desa, tps, status in db.conn.execute(
                f"SELECT id, desa, tps, status FROM officers WHERE {where}", params):
            c = out.setdefault(level_key(desa, tps), {k: 0 for k in recap.COUNTS})
            if status == "diganti":
                c["diganti"] += 1
                continue
            c["expected"] += 1
            mark = marks.get(oid)
            c[mark.status if mark else "belum"] += 1
            c["present"] += bool(mark and mark.status in sessions.PRESENT)
    return out


# --- the SQL form of the effective-status rule agrees with the Python one ------------------

STATUS_EVENTS = st.sampled_from(["hadir", "terlambat", "hadir_daring", "izin", "sakit", "close", "undo"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=st.lists(st.tuples(st.integers(0, 2), STATUS_EVENTS, st.integers(0, 3), st.sampled_from([7, 8, 0]),
                               st.integers(0, 2), st.sampled_from(["dev-a", "dev-b"])), max_size=14))
def test_sql_rule_agrees_with_effective_mark(kedung, plan):
    """Random event logs (ties in time, clocks in other zones, undo, closes, paper after close)."""
    s = sessions.create_session(kedung, "simulasi", "Uji aturan", "2024-11-09", "08:00", scope=kedung.desas[0])
    officers = [o["id"] for o in sessions.expected_officers(kedung, s.id)[:3]]
    written: dict[str, list[str]] = {}
    seq = {"dev-a": 0, "dev-b": 0}
    for n, (who, status, minute, offset, created, device) in enumerate(plan):
        oid = officers[who]
        corrects = None
        if status == "undo":
            if not written.get(oid):
                continue
            corrects = written[oid][minute % len(written[oid])]
        tz = dt.timezone(dt.timedelta(hours=offset))
        when = dt.datetime(2024, 11, 9, 8, minute, tzinfo=WIB).astimezone(tz).isoformat()
        seq[device] += 1
        event_id = f"{s.id}-{n:02d}"  # the database is shared by the examples
        kedung.conn.execute(
            f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
            (event_id, s.id, oid, "tidak_hadir" if status == "close" else status, when, f"{device}-{s.id}", seq[device],
             "close" if status == "close" else ("desk" if status == "undo" else "scanner"), corrects,
             f"2024-11-09T01:0{created}:00+00:00"))
        written.setdefault(oid, []).append(event_id)
    python = {oid: (m.status, m.at, m.event["id"]) for oid, m in sessions.current_status(kedung, s.id).items()}
    rows = kedung.conn.execute(f"SELECT officer_id, status, at, event_id FROM "
                               f"({sessions.effective_marks_sql('a.session_id = :id')})", {"id": s.id}).fetchall()
    assert {oid: (status, when, eid) for oid, status, when, eid in rows} == python
    pairs = sessions.pair_status_sql(sessions.scope_pairs_sql("s.id = :id"))
    by_pair = dict(kedung.conn.execute(f"SELECT officer_id, status FROM ({pairs})", {"id": s.id}).fetchall())
    assert {oid: st for oid, st in by_pair.items() if st} == {oid: v[0] for oid, v in python.items()}


def test_scope_pairs_sql_agrees_with_expected_officers(kedung):
    desa = kedung.desas[1]
    o = sessions.expected_officers(kedung, demo_sessions(kedung, desa)["bimtek"].id)
    paw = roster.replace_officer(kedung, o[0]["id"], roster.Officer(
        nik="3320014101900099", nama="Pengganti", jk="P", desa=desa, tps=1, jabatan="ketua"))
    susulan = recap.create_makeup_session(kedung, [o[1]["id"], o[2]["id"]], "2024-11-10", "08:00")
    for s in sessions.list_sessions(kedung):
        rows = kedung.conn.execute(f"SELECT officer_id, expected FROM ({sessions.scope_pairs_sql('s.id = :id')})",
                                   {"id": s.id}).fetchall()
        assert {oid for oid, e in rows if e} == {x["id"] for x in sessions.expected_officers(kedung, s.id)}, s.title
    assert (o[0]["id"], 0) in kedung.conn.execute(
        f"SELECT officer_id, expected FROM ({sessions.scope_pairs_sql('s.scope = :d')})", {"d": desa}).fetchall()
    assert paw.id and susulan.scope_kind == "officers"


# --- recap numbers --------------------------------------------------------------------------

@pytest.mark.parametrize("by, key", [
    ("kecamatan", lambda desa, tps: desa[:8]),
    ("desa", lambda desa, tps: desa),
    ("tps", lambda desa, tps: f"{desa}/{tps}"),
])
def test_recap_matches_the_python_rule_over_all_sessions(kedung, by, key):
    ids = [s.id for s in sessions.list_sessions(kedung)]
    r = recap.recap(kedung, by)
    expect = oracle(kedung, ids, key)
    assert {row["kode"]: {k: row[k] for k in recap.COUNTS} for row in r.rows} == expect
    assert r.total["expected"] == sum(c["expected"] for c in expect.values())
    assert r.all_sessions and len(r.sessions) == len(ids)


def test_recap_of_one_session_counts_each_status_as_written(kedung):
    desa = kedung.desas[0]
    s = demo_sessions(kedung, desa)["pelantikan"]
    raw = dict(kedung.conn.execute(
        "SELECT status, count(*) FROM attendance WHERE session_id = ? GROUP BY status", (s.id,)).fetchall())
    r = recap.recap(kedung, "desa", [s.id])
    [row] = r.rows
    # One event per officer here, so the raw counts are the effective ones.
    assert {k: row[k] for k in sessions.STATUS_LABELS} == {k: raw.get(k, 0) for k in sessions.STATUS_LABELS}
    assert row["expected"] == sum(raw.values()) == len(sessions.expected_officers(kedung, s.id))
    assert row["belum"] == 0 and row["present"] == row["hadir"] + row["terlambat"] + row["hadir_daring"]
    assert row["rate"] == round(row["present"] / row["expected"], 4)
    assert (row["kode"], row["nama"], row["kecamatan"], row["kecamatan_nama"]) == (desa, "Kedungmalang", KEDUNG, "Kedung")
    bimtek = recap.recap(kedung, "desa", [demo_sessions(kedung, desa)["bimtek"].id]).rows[0]
    assert bimtek["tidak_hadir"] == 0 and bimtek["belum"] > 0  # still open: nobody marked absent yet


def test_corrections_count_as_the_rule_says(kedung):
    desa = kedung.desas[0]
    s = demo_sessions(kedung, desa)["pelantikan"]
    before = recap.recap(kedung, "desa", [s.id]).rows[0]
    absent = next(a for a in recap.absentees(kedung, [s.id]) if a["status"] == "tidak_hadir")
    checkin.check_in_officer(kedung, s.id, absent["officer_id"], at("08:02"), "paper")  # signed on paper
    present = next(e for e in sessions.current_status(kedung, s.id).values() if e.status == "hadir")
    checkin.undo(kedung, present.event["id"], "salah pindai", at("09:00"))
    after = recap.recap(kedung, "desa", [s.id]).rows[0]
    assert (after["tidak_hadir"], after["hadir"]) == (before["tidak_hadir"] - 1, before["hadir"])
    assert after["belum"] == 1 and after["expected"] == before["expected"]


def test_replaced_officers_are_counted_apart(kedung):
    desa = kedung.desas[2]
    s = demo_sessions(kedung, desa)["bimtek"]
    old = sessions.expected_officers(kedung, s.id)[0]
    before = recap.recap(kedung, "tps", [s.id], within=desa).rows[0]
    new = roster.replace_officer(kedung, old["id"], roster.Officer(
        nik="3320014101900098", nama="Pengganti", jk="P", desa=desa, tps=old["tps"], jabatan=old["jabatan"]))
    after = recap.recap(kedung, "tps", [s.id], within=desa).rows[0]
    assert after["diganti"] == before["diganti"] + 1 and after["expected"] == before["expected"]
    officers = recap.recap(kedung, "officer", [s.id], within=desa, tps=old["tps"])
    by_id = {row["kode"]: row for row in officers.rows}
    assert recap.status_label(by_id[old["id"]]) == "Diganti (PAW)" and by_id[old["id"]]["expected"] == 0
    assert recap.status_label(by_id[new.id]) == "Belum tercatat" and by_id[new.id]["expected"] == 1


def test_drill_down_from_kecamatan_to_officers(kedung):
    top = recap.recap(kedung, "kecamatan")
    assert [row["kode"] for row in top.rows] == [KEDUNG]
    by, within, tps = recap.drill_down(top, top.rows[0])
    desas = recap.recap(kedung, by, within=within)
    assert by == "desa" and sum(r["expected"] for r in desas.rows) == top.rows[0]["expected"]
    row = next(r for r in desas.rows if r["kode"] == kedung.desas[0])
    by, within, _ = recap.drill_down(desas, row)
    tps_level = recap.recap(kedung, by, within=within)
    assert sum(r["expected"] for r in tps_level.rows) == row["expected"]
    by, within, tps = recap.drill_down(tps_level, tps_level.rows[0])
    people = recap.recap(kedung, by, within=within, tps=tps)
    assert by == "officer" and len(people.rows) == 7  # one TPS, seven KPPS
    assert sum(r["expected"] for r in people.rows) == tps_level.rows[0]["expected"]
    assert recap.drill_down(people, people.rows[0]) is None


def test_bad_input_gives_clear_messages(kedung):
    with pytest.raises(recap.RecapError, match="Pengelompokan 'rt' tidak dikenal"):
        recap.recap(kedung, "rt")
    with pytest.raises(sessions.SessionError, match="Sesi 'nope' tidak ditemukan"):
        recap.recap(kedung, "desa", ["nope"])
    with pytest.raises(recap.RecapError, match="Kode wilayah '33.20.01.9999' tidak dikenal"):
        recap.recap(kedung, "desa", within="33.20.01.9999")


# --- absentees and the make-up session --------------------------------------------------------

def test_absentees_and_a_makeup_session_for_exactly_them(kedung):
    s = demo_sessions(kedung, kedung.desas[0])["pelantikan"]
    gone = recap.absentees(kedung, [s.id])
    marks = sessions.current_status(kedung, s.id)
    assert {a["officer_id"] for a in gone} == {
        o["id"] for o in sessions.expected_officers(kedung, s.id)
        if marks[o["id"]].status in ("tidak_hadir", "izin", "sakit")}
    assert {a["session_title"] for a in gone} == {s.title}
    makeup = recap.create_makeup_session(kedung, [a["officer_id"] for a in gone], "2024-11-12", "09:00", "11:00",
                                         venue="Balai Desa", source_session_ids=[s.id])
    assert (makeup.kind, makeup.title, makeup.scope_kind) == ("susulan", f"Susulan {s.title}", "officers")
    assert {o["id"] for o in sessions.expected_officers(kedung, makeup.id)} == {a["officer_id"] for a in gone}
    r = recap.recap(kedung, "desa", [makeup.id])
    assert r.total["expected"] == r.total["belum"] == len(gone)


def test_makeup_session_refuses_nobody_and_writes_nothing(kedung):
    count = kedung.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    with pytest.raises(recap.RecapError, match="Tidak ada petugas"):
        recap.create_makeup_session(kedung, [], "2024-11-12")
    with pytest.raises(sessions.SessionError, match="tidak valid"):
        recap.create_makeup_session(kedung, ["x"], "12-11-2024")
    assert kedung.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == count


def test_checkins_over_time_has_buckets_without_gaps(kedung):
    s = demo_sessions(kedung, kedung.desas[0])["pelantikan"]
    buckets = recap.checkins_over_time(kedung, s.id, 5)
    marks = [m for m in sessions.current_status(kedung, s.id).values() if m.status in sessions.CHECKED_IN]
    assert sum(n for _, n in buckets) == len(marks)
    assert buckets[0] == ("07:40", sum("07:40" <= m.at[11:16] < "07:45" for m in marks))
    assert [b for b, _ in buckets][:3] == ["07:40", "07:45", "07:50"]


# --- anomaly flags ------------------------------------------------------------------------------

SEQ = itertools.count(1001)  # device sequence numbers of the planted events


def _insert(db, session_id, officer_id, status, when, method="scanner", device="desk-x"):
    db.conn.execute(
        f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, ?)",
        (dbmod.new_id(), session_id, officer_id, status, when, device, next(SEQ), method, dbmod.utc_now()))


def test_anomalies_flag_each_kind_and_change_nothing(kedung):
    desa = kedung.desas[1]
    ss = demo_sessions(kedung, desa)
    s = sessions.create_session(kedung, "simulasi", "Simulasi", "2024-11-09", "08:00", "10:00", scope=desa)
    people = sessions.expected_officers(kedung, s.id)
    base = dt.datetime(2024, 11, 9, 8, 0, tzinfo=WIB)
    for i, o in enumerate(people[:25]):  # 25 scans in 6 seconds from one device
        _insert(kedung, s.id, o["id"], "hadir", (base + dt.timedelta(seconds=i // 4)).isoformat(), device="fast")
    for i, o in enumerate(people[25:37]):  # 12 events on another desk, 5 of them manual
        _insert(kedung, s.id, o["id"], "hadir", (base + dt.timedelta(minutes=i)).isoformat(),
                method="manual" if i < 5 else "scanner", device="slow")
    _insert(kedung, s.id, people[40]["id"], "hadir", "2024-11-09T12:30:00+07:00", device="late")
    _insert(kedung, s.id, people[41]["id"], "hadir", "2020-01-01T08:00:00+07:00", device="clock")
    other = sessions.create_session(kedung, "simulasi", "Simulasi B", "2024-11-09", "08:30", "11:00", scope=desa)
    _insert(kedung, other.id, people[0]["id"], "hadir", (base + dt.timedelta(minutes=2)).isoformat(), device="b")
    new = roster.replace_officer(kedung, people[42]["id"], roster.Officer(
        nik="3320014101900097", nama="Pengganti", jk="P", desa=desa, tps=people[42]["tps"], jabatan="anggota"))
    _insert(kedung, s.id, people[42]["id"], "hadir", dt.datetime.now(WIB).isoformat(timespec="seconds"), device="late2")
    for o in people[43:53]:  # ten paper entries all written down as 08:00
        _insert(kedung, s.id, o["id"], "hadir", "2024-11-09T08:00:00+07:00", method="paper", device="paper")
    neighbour = demo_sessions(kedung, kedung.desas[0])["simulasi"] if "simulasi" in demo_sessions(
        kedung, kedung.desas[0]) else sessions.create_session(kedung, "simulasi", "Simulasi tetangga", "2024-11-09",
                                                              "08:00", "10:00", scope=kedung.desas[0])
    stranger = sessions.expected_officers(kedung, neighbour.id)[0]
    _insert(kedung, neighbour.id, stranger["id"], "hadir", "2024-11-09T08:30:00+07:00", device="slow")
    kedung.conn.commit()
    count = kedung.conn.execute("SELECT count(*) FROM attendance").fetchone()[0]

    flags = recap.anomalies(kedung, [s.id, other.id, neighbour.id])
    by_kind = {}
    for f in flags:
        by_kind.setdefault(f.kind, []).append(f)
    assert set(by_kind) == set(recap.ANOMALY_LABELS)
    [burst] = by_kind["burst"]
    assert len(burst.events) == 25 and "25 presensi dalam 6 detik" in burst.explanation
    [manual] = by_kind["manual"]
    assert len(manual.events) == 5 and "5 dari 12 presensi (42%)" in manual.explanation
    assert [e["device_id"] for f in by_kind["outside_window"] for e in f.events] == ["late"]
    # The PAW happened today, long after the session's day, so that device's clock is flagged too.
    assert sorted(e["device_id"] for f in by_kind["clock"] for e in f.events) == ["clock", "late2"]
    [double] = by_kind["double"]
    assert {e["session_id"] for e in double.events} == {s.id, other.id} and people[0]["nama"] in double.explanation
    [replaced] = by_kind["replaced"]
    assert [e["device_id"] for e in replaced.events] == ["late2"] and "sudah diganti (PAW)" in replaced.explanation
    [paper] = by_kind["paper_same_time"]
    assert len(paper.events) == 10 and "berjam 08:00" in paper.explanation
    [lent] = by_kind["device_many_desa"]
    assert lent.device_id == "slow" and {e["desa"] for e in lent.events} == {desa, kedung.desas[0]}
    assert all(f.desa and f.kecamatan_nama == "Kedung" and f.session_title and f.device for f in flags)
    assert new.id and kedung.conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == count
    assert recap.anomalies(kedung, [ss["bimtek"].id]) == []  # ordinary desk work raises nothing
    assert all(f.as_json()["events"] for f in flags)


def test_a_replacement_added_after_a_session_closed_is_not_expected_there(kedung):
    """#17: a PAW replacement made after the pelantikan closed showed 'Belum tercatat' in it forever."""
    desa = kedung.desas[0]
    ss = demo_sessions(kedung, desa)
    closed, open_ = ss["pelantikan"], ss["bimtek"]
    assert closed.closed_at and not open_.closed_at
    old = next(o for o in sessions.expected_officers(kedung, closed.id)
               if sessions.current_status(kedung, closed.id)[o["id"]].status == "hadir")
    before = recap.recap(kedung, "desa", [closed.id]).rows[0]
    new = roster.replace_officer(kedung, old["id"], roster.Officer(
        nik="3320014101900099", nama="Pengganti Baru", jk="P", desa=desa, tps=old["tps"], jabatan=old["jabatan"]))
    after = recap.recap(kedung, "desa", [closed.id]).rows[0]
    assert after["belum"] == 0 and after["expected"] == before["expected"] - 1  # the old one is diganti now
    people = recap.recap(kedung, "officer", [closed.id], within=desa, tps=old["tps"]).rows
    assert new.id not in {r["kode"] for r in people}
    assert new.id not in {o["id"] for o in sessions.expected_officers(kedung, closed.id)}
    # In the session still open the replacement is expected, and nothing is recorded yet.
    row = next(r for r in recap.recap(kedung, "officer", [open_.id], within=desa, tps=old["tps"]).rows
               if r["kode"] == new.id)
    assert row["expected"] == 1 and recap.status_label(row) == "Belum tercatat"
    assert new.id in {o["id"] for o in sessions.expected_officers(kedung, open_.id)}


def people_oracle(db, key, kinds=("pelantikan", "bimtek"), makeup=True):
    """Head counts from the Python rule: expected_officers and current_status of each session held
    (`makeup`: a susulan attended makes up one; a recap of chosen kinds counts only those)."""
    states = recap.session_states(db, sessions.list_sessions(db))
    held = [s for s in sessions.list_sessions(db) if states[s.id] != recap.NOT_HELD]
    req: dict = {}
    att: dict = {}
    for s in held:
        marks = sessions.current_status(db, s.id)
        present = {oid for oid, m in marks.items() if m.status in sessions.PRESENT}
        if s.kind in kinds and s.kind != "susulan":
            for o in sessions.expected_officers(db, s.id):
                req[o["id"]] = req.get(o["id"], 0) + 1
            for oid in present:
                att[oid] = att.get(oid, 0) + 1
        elif s.kind == "susulan" and makeup:
            for oid in present:
                att[oid] = att.get(oid, 0) + 1
    out: dict = {}
    for oid, desa, tps in db.conn.execute("SELECT id, desa, tps FROM officers WHERE status = 'aktif'"):
        c = out.setdefault(key(oid, desa, tps), [0, 0, 0, 0])
        c[0] += 1
        n = req.get(oid, 0)
        if n:
            a = min(n, att.get(oid, 0))
            c[1] += a == n
            c[2] += 0 < a < n
            c[3] += a == 0
    return out


def test_head_counts_follow_the_rule_for_replacements_lists_undo_and_susulan(kedung):
    """The people counts read events and scopes directly (no per-pair subquery); they must still say
    what the one rule says: a PAW replacement made after a session closed, a kecamatan-wide bimtek,
    a pelantikan for a list of officers, an undone check-in, a second desk's scan, a susulan."""
    desa, other = kedung.desas[0], kedung.desas[1]
    ss = demo_sessions(kedung, desa)
    closed, open_ = ss["pelantikan"], ss["bimtek"]
    marks = sessions.current_status(kedung, closed.id)
    old = next(o for o in sessions.expected_officers(kedung, closed.id) if marks[o["id"]].status == "hadir")
    paw = roster.replace_officer(kedung, old["id"], roster.Officer(
        nik="3320014101900099", nama="Pengganti Baru", jk="P", desa=desa, tps=old["tps"], jabatan=old["jabatan"]))
    checkin.check_in_officer(kedung, open_.id, paw.id, at("07:50"), "scanner")
    wide = sessions.create_session(kedung, "bimtek", "Bimtek kecamatan", DAY.isoformat(), "13:00",
                                   scope_kind="kecamatan", scope=KEDUNG)
    people = sessions.expected_officers(kedung, ss["bimtek"].id)
    listed = sessions.create_session(kedung, "pelantikan", "Pelantikan susulan daftar", DAY.isoformat(), "15:00",
                                     officer_ids=[o["id"] for o in people[:6]])
    for o in people[:4]:
        checkin.check_in_officer(kedung, wide.id, o["id"], at("12:55"), "scanner")
        checkin.check_in_officer(kedung, listed.id, o["id"], at("14:55"), "scanner")
    undone = checkin.check_in_officer(kedung, wide.id, people[4]["id"], at("12:56"), "scanner")
    checkin.undo(kedung, undone.event_id, "salah pindai", at("12:57"))
    _insert(kedung, wide.id, people[0]["id"], "hadir", at("12:58").isoformat(), device="desk-y")  # a second desk
    absent = [o for o in sessions.expected_officers(kedung, closed.id)
              if sessions.current_status(kedung, closed.id).get(o["id"]) is None
              or sessions.current_status(kedung, closed.id)[o["id"]].status not in sessions.PRESENT]
    makeup = recap.create_makeup_session(kedung, [o["id"] for o in absent[:3]], DAY.isoformat(), "16:00")
    checkin.check_in_officer(kedung, makeup.id, absent[0]["id"], at("15:55"), "scanner")
    for by, key in (("desa", lambda oid, d, t: d), ("tps", lambda oid, d, t: f"{d}/{t}"),
                    ("kecamatan", lambda oid, d, t: d[:8])):
        r = recap.recap(kedung, by, people=True)
        got = {row["kode"]: [row[k] for k in ("people", "people_all", "people_some", "people_none")]
               for row in r.rows if row["people"]}
        assert got == people_oracle(kedung, key), by
    r = recap.recap(kedung, "officer", within=desa, tps=old["tps"], people=True)
    want = people_oracle(kedung, lambda oid, d, t: oid)
    assert {row["kode"]: [row[k] for k in ("people", "people_all", "people_some", "people_none")]
            for row in r.rows if row["people"]} == {oid: c for oid, c in want.items() if oid in {x["kode"] for x in r.rows}}
    bimtek = recap.recap(kedung, "desa", kinds=["bimtek"], people=True)
    got = {row["kode"]: [row[k] for k in ("people", "people_all", "people_some", "people_none")] for row in bimtek.rows
           if row["people"]}
    assert got == people_oracle(kedung, lambda oid, d, t: d, kinds=("bimtek",), makeup=False)
    assert other and paw.id


def test_session_columns_are_the_fields_in_order():
    """list_sessions builds sessions positionally from SESSION_COLUMNS (26,517 of them nationally)."""
    import dataclasses

    assert [f.name for f in dataclasses.fields(sessions.Session)] == sessions.SESSION_COLUMNS.split(", ")
