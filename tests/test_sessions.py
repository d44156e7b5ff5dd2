"""Sessions: validation, who is expected, the append-only event log, effective status, closing."""

import datetime as dt
import sqlite3

import pytest

from kpps_desktop.core import checkin, installation, nik, roster, sessions
from kpps_desktop.core import db as dbmod

from helpers.sessions import KALIANYAR, KEDUNGMALANG, WIB, at, events, new_session


# --- creating and editing ---------------------------------------------------------------

def test_create_session_normalises_and_defaults_scope_to_the_installation(ppk_db):
    s = sessions.create_session(ppk_db, "pelantikan", "  Pelantikan   KPPS ", "2024-11-07", "8.00", "10:00",
                                venue=" Balai Desa ", facilitators=["Ketua PPS", "PPK "])
    assert (s.title, s.start_time, s.end_time, s.venue) == ("Pelantikan KPPS", "08:00", "10:00", "Balai Desa")
    assert (s.scope_kind, s.scope) == ("kecamatan", "33.20.01")
    assert s.facilitators == "Ketua PPS; PPK"
    assert s.closed_at is None and sessions.get_session(ppk_db, s.id) == s
    assert len(sessions.expected_officers(ppk_db, s.id)) == 21


def test_create_session_lists_every_problem_and_writes_nothing(ppk_db):
    with pytest.raises(sessions.SessionError) as err:
        sessions.create_session(ppk_db, "rapat", "", "07-11-2024", "08:00", "07:30", scope="33.20.02")
    assert set(err.value.problems) == {"kind", "title", "date", "end_time", "scope"}
    assert "Jam selesai (07:30) harus setelah jam mulai (08:00)" in str(err.value)
    assert "Kecamatan Pecangaan berada di luar wilayah instalasi ini (Kedung)" in str(err.value)
    with pytest.raises(sessions.SessionError, match="Jam '25:00' tidak valid"):
        new_session(ppk_db, start="25:00")
    with pytest.raises(sessions.SessionError, match="Kode wilayah '33.20.01.9999' tidak dikenal"):
        new_session(ppk_db, scope="33.20.01.9999")
    with pytest.raises(sessions.SessionError, match="bukan Kecamatan"):
        new_session(ppk_db, scope_kind="kecamatan", scope=KEDUNGMALANG)
    assert sessions.list_sessions(ppk_db) == []


def test_session_needs_an_installation(db):
    with pytest.raises(installation.InstallationError, match="belum diatur"):
        sessions.create_session(db, "bimtek", "Bimtek", "2024-11-07")


def test_update_session_validates_and_keeps_the_rest(ppk_db):
    s = new_session(ppk_db)
    changed = sessions.update_session(ppk_db, s.id, title="Bimtek Ulang", start="09:00", end="11:00")
    assert (changed.title, changed.start_time, changed.scope, changed.kind) == (
        "Bimtek Ulang", "09:00", KEDUNGMALANG, "bimtek")
    with pytest.raises(sessions.SessionError, match="harus setelah jam mulai"):
        sessions.update_session(ppk_db, s.id, end="08:30")
    assert sessions.get_session(ppk_db, s.id) == changed


def test_list_sessions_newest_day_first_then_by_start(ppk_db):
    a = new_session(ppk_db, title="Bimtek", start="10:00", end="15:00")
    b = new_session(ppk_db, kind="pelantikan", title="Pelantikan", start="08:00", end="10:00")
    c = new_session(ppk_db, kind="simulasi", title="Simulasi", date="2024-11-20")
    assert [s.id for s in sessions.list_sessions(ppk_db)] == [c.id, b.id, a.id]
    assert [s.id for s in sessions.list_sessions(ppk_db, date="2024-11-07")] == [b.id, a.id]


def test_susulan_expects_only_the_listed_active_officers(ppk_db):
    o = ppk_db.officers[KEDUNGMALANG]
    s = sessions.create_session(ppk_db, "susulan", "Bimtek susulan", "2024-11-09",
                                officer_ids=[o[0].id, o[1].id, o[1].id])
    assert s.scope_kind == "officers" and s.scope_label == "Petugas terpilih"
    assert [r["id"] for r in sessions.expected_officers(ppk_db, s.id)] == [o[0].id, o[1].id]
    with pytest.raises(sessions.SessionError, match="1 petugas tidak ditemukan"):
        sessions.create_session(ppk_db, "susulan", "X", "2024-11-09", officer_ids=[o[0].id, "nope"])
    with pytest.raises(sessions.SessionError, match="memerlukan daftar petugas"):
        sessions.create_session(ppk_db, "susulan", "X", "2024-11-09", scope_kind="officers")


def test_replaced_officers_are_not_expected(ppk_db):
    s = new_session(ppk_db)
    old = ppk_db.officers[KEDUNGMALANG][3]
    new = roster.replace_officer(ppk_db, old.id, roster.Officer(
        nik=nik.make("332001", dt.date(1995, 5, 5), "L", 9001), nama="Pengganti", jk="L",
        desa="", tps=0, jabatan="anggota"))
    ids = [r["id"] for r in sessions.expected_officers(ppk_db, s.id)]
    assert old.id not in ids and new.id in ids and len(ids) == 14


# --- the event log ----------------------------------------------------------------------

def test_attendance_is_append_only(ppk_db):
    s = new_session(ppk_db)
    o = ppk_db.officers[KEDUNGMALANG][0]
    checkin.check_in_officer(ppk_db, s.id, o.id, at("07:50"), "manual", "kartu tertinggal")
    with pytest.raises(sqlite3.DatabaseError, match="tidak boleh diubah"):
        ppk_db.conn.execute("UPDATE attendance SET status = 'izin'")
    with pytest.raises(sqlite3.DatabaseError, match="tidak boleh dihapus"):
        ppk_db.conn.execute("DELETE FROM attendance")
    ppk_db.conn.rollback()
    assert [e["status"] for e in events(ppk_db, s.id)] == ["hadir"]


def test_seq_is_strictly_increasing_per_device_and_unique(ppk_db):
    s1, s2 = new_session(ppk_db), new_session(ppk_db, scope=KALIANYAR)
    for o in ppk_db.officers[KEDUNGMALANG][:4]:
        checkin.check_in_officer(ppk_db, s1.id, o.id, at("07:55"), "manual", "kartu tertinggal")
    for o in ppk_db.officers[KALIANYAR][:3]:
        checkin.check_in_officer(ppk_db, s2.id, o.id, at("07:56"), "manual", "kartu tertinggal")
    rows = ppk_db.conn.execute("SELECT device_id, seq FROM attendance ORDER BY rowid").fetchall()
    assert {d for d, _ in rows} == {dbmod.device_id(ppk_db)}
    assert [q for _, q in rows] == list(range(1, 8))
    # An event merged from another device keeps its own numbering; ours continues.
    with sessions.write_transaction(ppk_db):
        ppk_db.conn.execute(
            f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES "
            "('x1', ?, ?, 'hadir', NULL, ?, 'other-device', 500, 'scanner', NULL, ?)",
            (s1.id, ppk_db.officers[KEDUNGMALANG][5].id, at("07:58").isoformat(), dbmod.utc_now()))
        assert sessions.append_event(ppk_db, s1.id, ppk_db.officers[KEDUNGMALANG][6].id, "hadir",
                                     at("07:59").isoformat(), "scanner")
    assert ppk_db.conn.execute("SELECT max(seq) FROM attendance WHERE device_id = ?",
                               (dbmod.device_id(ppk_db),)).fetchone()[0] == 8
    with pytest.raises(sqlite3.IntegrityError):
        ppk_db.conn.execute(
            f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES "
            "('x2', ?, NULL, 'hadir', NULL, ?, 'other-device', 500, 'scanner', NULL, ?)",
            (s1.id, at("08:00").isoformat(), dbmod.utc_now()))
    ppk_db.conn.rollback()


def _event(eid, status, hhmm, method="scanner", corrects=None, tz=WIB, device="a", seq=1):
    return {"id": eid, "status": status, "at": at(hhmm, tz).isoformat(), "method": method,
            "corrects": corrects, "created_at": "2024-11-07T00:00:00+00:00", "device_id": device, "seq": seq}


def test_two_desks_count_once_with_the_earliest_time():
    # Desk B's clock is in UTC: instants are compared, not strings.
    a = _event("a", "hadir", "08:12", device="desk-a")
    b = _event("b", "terlambat", "01:20", tz=dt.timezone.utc, device="desk-b")  # 08:20 WIB
    mark = sessions.effective_mark([b, a])
    assert (mark.status, mark.at, mark.event["id"]) == ("hadir", a["at"], "a")


def test_undo_cancels_the_event_it_corrects():
    a = _event("a", "hadir", "08:12")
    u = _event("u", "undo", "08:13", "desk", corrects="a", seq=2)
    assert sessions.effective_mark([a, u]) is None
    again = _event("c", "terlambat", "08:30", seq=3)
    assert sessions.effective_mark([a, u, again]).status == "terlambat"


def test_latest_status_wins_but_closing_never_outranks_a_real_record():
    izin = _event("i", "izin", "07:00", "desk")
    hadir = _event("h", "hadir", "08:05", seq=2)
    assert sessions.effective_mark([izin, hadir]).status == "hadir"
    sakit = _event("s", "sakit", "09:00", "desk", seq=3)
    assert sessions.effective_mark([izin, hadir, sakit]).status == "sakit"
    # A scan merged from another desk after this one closed the session still counts.
    closed = _event("t", "tidak_hadir", "12:00", "close", seq=4)
    late_merge = _event("x", "hadir", "08:10", device="desk-b")
    assert sessions.effective_mark([closed, late_merge]).status == "hadir"
    assert sessions.effective_mark([closed]).status == "tidak_hadir"


def test_late_is_after_start_plus_grace(ppk_db):
    s = new_session(ppk_db)
    assert sessions.grace_minutes(ppk_db) == 15
    assert not sessions.is_late(s, at("08:15"), 15)
    assert sessions.is_late(s, at("08:15:01"), 15)
    # The same instant seen from a UTC clock: the session start is wall-clock time there.
    assert not sessions.is_late(s, at("01:10", dt.timezone.utc).astimezone(WIB), 15)
    no_start = new_session(ppk_db, start=None, end=None)
    assert not sessions.is_late(no_start, at("23:00"), 15)


def test_times_must_carry_a_utc_offset():
    with pytest.raises(ValueError, match="zona waktu"):
        sessions.iso(dt.datetime(2024, 11, 7, 8, 0))


# --- closing ----------------------------------------------------------------------------

def test_close_marks_exactly_the_unmarked_expected_officers(ppk_db):
    s = new_session(ppk_db)
    o = ppk_db.officers[KEDUNGMALANG]
    roster.replace_officer(ppk_db, o[13].id, roster.Officer(
        nik=nik.make("332001", dt.date(1995, 5, 5), "L", 9001), nama="Pengganti", jk="L",
        desa="", tps=0, jabatan="anggota"))
    checkin.check_in_officer(ppk_db, s.id, o[0].id, at("07:50"), "manual", "kartu tertinggal")
    checkin.check_in_officer(ppk_db, s.id, o[1].id, at("08:40"), "manual", "kartu tertinggal")
    checkin.set_status(ppk_db, s.id, o[2].id, "izin", "CPNS", at("07:00"))
    checkin.set_status(ppk_db, s.id, o[3].id, "sakit", None, at("07:00"))
    undone = checkin.check_in_officer(ppk_db, s.id, o[4].id, at("07:55"), "manual", "kartu tertinggal")
    checkin.undo(ppk_db, undone.event_id, "salah orang", at("07:56"))
    # 14 expected (o[13] replaced, its replacement expected), 4 marked: 10 to mark.
    assert len(sessions.unmarked_officers(ppk_db, s.id)) == 10
    assert sessions.close_session(ppk_db, s.id, at("12:00")) == 10

    marks = sessions.current_status(ppk_db, s.id)
    expected = {r["id"] for r in sessions.expected_officers(ppk_db, s.id)}
    assert set(marks) == expected and o[13].id not in marks
    assert {k: m.status for k, m in marks.items() if m.status != "tidak_hadir"} == {
        o[0].id: "hadir", o[1].id: "terlambat", o[2].id: "izin", o[3].id: "sakit"}
    assert marks[o[4].id].status == "tidak_hadir" and marks[o[4].id].event["method"] == "close"
    assert sessions.get_session(ppk_db, s.id).closed_at == at("12:00").isoformat()
    # No one outside the session's desa was touched.
    assert not set(marks) & {x.id for x in ppk_db.officers[KALIANYAR]}
    with pytest.raises(sessions.SessionError, match="sudah ditutup"):
        sessions.close_session(ppk_db, s.id, at("12:05"))
    assert len(events(ppk_db, s.id)) == 6 + 10


def test_unknown_session_is_a_clear_error(ppk_db):
    with pytest.raises(sessions.SessionError, match="Sesi 'nope' tidak ditemukan"):
        sessions.close_session(ppk_db, "nope", at("12:00"))
