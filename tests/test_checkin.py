"""The one check-in decision: every result kind, desk corrections, speed-safe queries, and the CLI."""

import datetime as dt
import json
import sqlite3

import pytest

from helpers.cli import run
from helpers.sessions import KALIANYAR, KEDUNGMALANG, at, events, new_session

from kpps_desktop import cli
from kpps_desktop.core import cards, checkin, nik, roster, sessions
from kpps_desktop.core import db as dbmod


def code_of(db, officer):
    return db.codes[officer.id]


def scan_log(db):
    return db.conn.execute("SELECT text, result, officer_id, method FROM scan_log ORDER BY rowid").fetchall()


# --- each result ------------------------------------------------------------------------

def test_accepted_is_committed_before_check_in_returns(desk, db_path):
    o = desk.officers[KEDUNGMALANG][0]
    r = checkin.check_in(desk, desk.session.id, code_of(desk, o), at("07:52:10"))
    assert (r.result, r.status, r.message, r.at) == ("accepted", "hadir", "Hadir pukul 07:52",
                                                     "2024-11-07T07:52:10+07:00")
    assert r.ok and r.officer == {"id": o.id, "nama": o.nama, "jabatan": "ketua", "jabatan_label": "Ketua KPPS",
                                  "tps": 1, "tps_label": None, "desa": KEDUNGMALANG, "desa_nama": "Kedungmalang"}
    assert not desk.conn.in_transaction
    other = sqlite3.connect(db_path)  # another reader sees it: it is committed
    assert other.execute("SELECT officer_id, status, method, at FROM attendance WHERE id = ?",
                         (r.event_id,)).fetchone() == (o.id, "hadir", "scanner", r.at)
    other.close()


def test_scanner_text_is_forgiving_about_case_and_spaces(desk):
    o = desk.officers[KEDUNGMALANG][1]
    text = "  " + cards.format_code(code_of(desk, o)).lower() + "\n"
    assert checkin.check_in(desk, desk.session.id, text, at("07:55"), "camera").result == "accepted"


def test_duplicate_shows_the_earlier_time_and_writes_nothing(desk):
    o = desk.officers[KEDUNGMALANG][0]
    first = checkin.check_in(desk, desk.session.id, code_of(desk, o), at("08:12"))
    again = checkin.check_in(desk, desk.session.id, code_of(desk, o), at("08:30"), "camera")
    assert (again.result, again.message, again.previous_at) == ("duplicate", "Sudah hadir pukul 08:12", first.at)
    assert again.ok and again.event_id is None and again.officer["id"] == o.id
    assert len(events(desk, desk.session.id)) == 1 and scan_log(desk) == []


def test_unknown_code_is_logged(desk):
    stranger = cards.new_code()
    r = checkin.check_in(desk, desk.session.id, stranger, at("08:01"))
    assert (r.result, r.message, r.officer, r.event_id) == ("unknown", "Kode tidak dikenal", None, None)
    assert not r.ok and scan_log(desk) == [(stranger, "unknown", None, "scanner")]


def test_revoked_card_names_the_officer(desk):
    o = desk.officers[KEDUNGMALANG][2]
    old = code_of(desk, o)
    new = cards.reissue(desk, o.id, "kartu hilang")
    r = checkin.check_in(desk, desk.session.id, old, at("08:01"))
    assert r.result == "revoked" and r.message.startswith("Kartu sudah dicabut") and r.officer["id"] == o.id
    assert scan_log(desk) == [(old, "revoked", o.id, "scanner")]
    assert checkin.check_in(desk, desk.session.id, new, at("08:02")).result == "accepted"


def test_officer_of_another_desa_is_not_in_session_and_says_which(desk):
    o = desk.officers[KALIANYAR][0]
    r = checkin.check_in(desk, desk.session.id, code_of(desk, o), at("08:01"))
    assert (r.result, r.message) == ("not_in_session", "Petugas Desa Kalianyar, bukan peserta sesi ini")
    assert r.officer["id"] == o.id and events(desk, desk.session.id) == []
    assert scan_log(desk) == [(code_of(desk, o), "not_in_session", o.id, "scanner")]


def test_replaced_officer_is_not_in_session(desk):
    o = desk.officers[KEDUNGMALANG][5]
    roster.replace_officer(desk, o.id, roster.Officer(
        nik=nik.make("332001", dt.date(1995, 5, 5), "L", 9001), nama="Pengganti", jk="L",
        desa="", tps=0, jabatan="anggota"))
    r = checkin.check_in(desk, desk.session.id, code_of(desk, o), at("08:01"))
    assert (r.result, r.message) == ("not_in_session", f"{o.nama} sudah diganti (PAW), bukan peserta sesi ini")


def test_susulan_refuses_officers_not_on_its_list(desk):
    o = desk.officers[KEDUNGMALANG]
    s = sessions.create_session(desk, "susulan", "Susulan", "2024-11-09", officer_ids=[o[0].id])
    assert checkin.check_in(desk, s.id, code_of(desk, o[0]), at("08:00")).result == "accepted"
    r = checkin.check_in(desk, s.id, code_of(desk, o[1]), at("08:00"))
    assert (r.result, r.message) == ("not_in_session", f"{o[1].nama} tidak terdaftar di sesi ini")


@pytest.mark.parametrize("text", ["hello", "", "K1.0000", "https://example.com/?q=1"])
def test_text_that_is_not_our_code_is_invalid(desk, text):
    r = checkin.check_in(desk, desk.session.id, text, at("08:01"))
    assert (r.result, r.message) == ("invalid", "Bukan kode kartu Presensi KPPS")
    assert scan_log(desk) == [(text.strip(), "invalid", None, "scanner")]


def test_closed_session_refuses_scans_but_takes_paper_entries(desk):
    o = desk.officers[KEDUNGMALANG]
    sessions.close_session(desk, desk.session.id, at("12:00"))
    r = checkin.check_in(desk, desk.session.id, code_of(desk, o[0]), at("12:05"))
    assert (r.result, r.message) == ("closed", "Sesi sudah ditutup pukul 12:00; presensi tidak diterima")
    assert not r.ok and scan_log(desk)[-1][1] == "closed"
    with pytest.raises(checkin.CheckinError, match="memerlukan alasan"):
        checkin.check_in_officer(desk, desk.session.id, o[0].id, at("12:06"))
    # The signed paper list says 07:58: it outranks the 'tidak hadir' the closing wrote.
    paper = checkin.check_in(desk, desk.session.id, code_of(desk, o[0]), at("07:58"), "paper")
    assert paper.result == "accepted" and paper.at == "2024-11-07T07:58:00+07:00"
    assert sessions.current_status(desk, desk.session.id)[o[0].id].status == "hadir"


def test_unknown_session_raises(desk):
    with pytest.raises(sessions.SessionError, match="tidak ditemukan"):
        checkin.check_in(desk, "nope", "x", at("08:00"))


# --- late, manual, desk statuses, undo --------------------------------------------------

def test_late_after_start_plus_grace_and_grace_is_a_setting(desk):
    o = desk.officers[KEDUNGMALANG]
    assert checkin.check_in(desk, desk.session.id, code_of(desk, o[0]), at("08:15")).status == "hadir"
    late = checkin.check_in(desk, desk.session.id, code_of(desk, o[1]), at("08:16"))
    assert (late.status, late.message) == ("terlambat", "Hadir pukul 08:16 (terlambat)")
    dbmod.set_setting(desk, "grace_minutes", 30)
    assert checkin.check_in(desk, desk.session.id, code_of(desk, o[2]), at("08:29")).status == "hadir"


def test_manual_check_in_needs_a_reason_and_is_marked_manual(desk):
    o = desk.officers[KEDUNGMALANG][0]
    with pytest.raises(checkin.CheckinError, match="memerlukan alasan"):
        checkin.check_in_officer(desk, desk.session.id, o.id, at("08:00"), "manual", "  ")
    assert events(desk, desk.session.id) == []
    r = checkin.check_in_officer(desk, desk.session.id, o.id, at("08:00"), "manual", "kartu tertinggal")
    assert r.result == "accepted"
    e = events(desk, desk.session.id)[0]
    assert (e["method"], e["reason"]) == ("manual", "kartu tertinggal")
    assert checkin.check_in_officer(desk, desk.session.id, o.id, at("08:05"), "manual", "x").result == "duplicate"
    assert checkin.check_in_officer(desk, desk.session.id, "nope", at("08:05"), "manual", "x").result == "unknown"
    with pytest.raises(checkin.CheckinError, match="tidak dikenal"):
        checkin.check_in_officer(desk, desk.session.id, o.id, at("08:05"), "telepati", "x")


def test_desk_statuses_need_reasons_and_a_later_scan_still_counts(desk):
    o = desk.officers[KEDUNGMALANG]
    sid = desk.session.id
    for status in ("hadir_daring", "izin"):
        with pytest.raises(checkin.CheckinError, match="memerlukan alasan"):
            checkin.set_status(desk, sid, o[0].id, status, None, at("07:00"))
    with pytest.raises(checkin.CheckinError, match="tidak dapat diatur"):
        checkin.set_status(desk, sid, o[0].id, "hadir", "x", at("07:00"))
    with pytest.raises(checkin.CheckinError, match="Kalianyar, bukan peserta"):
        checkin.set_status(desk, sid, desk.officers[KALIANYAR][0].id, "sakit", None, at("07:00"))
    assert events(desk, sid) == []
    r = checkin.set_status(desk, sid, o[0].id, "hadir_daring", "tes CPNS", at("07:00"))
    assert (r.result, r.status, r.message) == ("accepted", "hadir_daring", f"{o[0].nama}: Hadir daring")
    checkin.set_status(desk, sid, o[1].id, "sakit", None, at("07:00"))
    assert checkin.check_in(desk, sid, code_of(desk, o[1]), at("08:05")).result == "accepted"
    marks = sessions.current_status(desk, sid)
    assert (marks[o[0].id].status, marks[o[1].id].status) == ("hadir_daring", "hadir")
    assert {e["method"] for e in events(desk, sid)} == {"desk", "scanner"}


def test_undo_then_scan_again(desk):
    o = desk.officers[KEDUNGMALANG][0]
    sid = desk.session.id
    first = checkin.check_in(desk, sid, code_of(desk, o), at("08:02"))
    with pytest.raises(checkin.CheckinError, match="memerlukan alasan"):
        checkin.undo(desk, first.event_id, "", at("08:03"))
    u = checkin.undo(desk, first.event_id, "salah orang", at("08:03"))
    assert (u.status, u.message) == ("undo", f"{o.nama}: presensi dibatalkan")
    assert o.id not in sessions.current_status(desk, sid)
    with pytest.raises(checkin.CheckinError, match="sudah dibatalkan"):
        checkin.undo(desk, first.event_id, "lagi", at("08:04"))
    with pytest.raises(checkin.CheckinError, match="tidak dapat dibatalkan"):
        checkin.undo(desk, u.event_id, "lagi", at("08:04"))
    with pytest.raises(checkin.CheckinError, match="tidak ditemukan"):
        checkin.undo(desk, "nope", "x", at("08:04"))
    again = checkin.check_in(desk, sid, code_of(desk, o), at("08:20"))
    assert (again.result, again.status) == ("accepted", "terlambat")
    assert [(e["status"], e["corrects"]) for e in events(desk, sid)] == [
        ("hadir", None), ("undo", first.event_id), ("terlambat", None)]


def test_two_events_for_one_officer_count_once_with_the_earliest_time(desk):
    o = desk.officers[KEDUNGMALANG][0]
    sid = desk.session.id
    mine = checkin.check_in(desk, sid, code_of(desk, o), at("08:20"))
    # The same officer scanned at another desk at 08:12, merged in later.
    with sessions.write_transaction(desk):
        desk.conn.execute(
            f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES "
            "('other', ?, ?, 'hadir', NULL, ?, 'desk-b', 1, 'camera', NULL, ?)",
            (sid, o.id, at("08:12").isoformat(), dbmod.utc_now()))
    marks = sessions.current_status(desk, sid)
    assert len(marks) == 1 and (marks[o.id].status, marks[o.id].at) == ("hadir", at("08:12").isoformat())
    assert mine.status == "terlambat"
    r = checkin.check_in(desk, sid, code_of(desk, o), at("08:40"))
    assert (r.result, r.message) == ("duplicate", "Sudah hadir pukul 08:12")


def test_every_query_of_a_scan_uses_an_index(desk):
    """The decision never scans a table: its cost must not grow with the events stored."""
    o = desk.officers[KEDUNGMALANG]
    sql: list[str] = []
    desk.conn.set_trace_callback(sql.append)
    checkin.check_in(desk, desk.session.id, code_of(desk, o[0]), at("08:00"))  # accepted
    checkin.check_in(desk, desk.session.id, code_of(desk, o[0]), at("08:01"))  # duplicate
    checkin.check_in(desk, desk.session.id, code_of(desk, desk.officers[KALIANYAR][0]), at("08:01"))
    desk.conn.set_trace_callback(None)
    plans = []
    for stmt in sql:
        if stmt.split()[0].upper() in ("SELECT", "INSERT"):
            plans += [row[-1] for row in desk.conn.execute("EXPLAIN QUERY PLAN " + stmt)]
    assert plans and not [p for p in plans if p.startswith("SCAN")], plans


# --- CLI --------------------------------------------------------------------------------

def test_cli_session_create_list_checkin_close(desk, db_path, capsys):
    db = ["--db", str(db_path)]
    code, out, err = run(capsys, "session", "create", "--kind", "pelantikan", "--title", "Pelantikan KPPS",
                         "--date", "2024-11-07", "--start", "08:00", "--end", "10:00",
                         "--desa", KEDUNGMALANG, "--venue", "Balai Desa", "--json", *db)
    assert code == 0, err
    sid = json.loads(out)["id"]
    code, out, _ = run(capsys, "session", "list", "--json", *db)
    listed = {s["id"]: s for s in json.loads(out)}
    assert listed[sid]["scope"] == KEDUNGMALANG and listed[sid]["venue"] == "Balai Desa"
    code, out, _ = run(capsys, "session", "list", *db)
    assert sid in out and "Pelantikan KPPS" in out

    o = desk.officers[KEDUNGMALANG]
    code, out, _ = run(capsys, "checkin", "--session", sid, code_of(desk, o[0]), "--any-day", *db)
    first = json.loads(out)
    assert code == 0 and first["result"] == "accepted" and first["officer"]["nama"] == o[0].nama
    assert set(first["officer"]) >= {"id", "nama", "jabatan", "tps", "desa"}
    assert dt.datetime.fromisoformat(first["at"]).utcoffset() is not None
    code, out, _ = run(capsys, "checkin", "--session", sid, code_of(desk, o[0]), "--any-day", *db)
    assert code == 0 and json.loads(out)["result"] == "duplicate"
    assert json.loads(out)["previous_at"] == first["at"]
    for text, result in [(code_of(desk, desk.officers[KALIANYAR][0]), "not_in_session"),
                         ("bukan kode", "invalid"), (cards.new_code(), "unknown")]:
        code, out, _ = run(capsys, "checkin", "--session", sid, text, "--any-day", *db)
        assert (code, json.loads(out)["result"]) == (1, result)
        if result == "invalid":
            assert json.loads(out)["officer"] is None

    # From the paper list: 07:45 on the session's day, marked paper.
    code, out, _ = run(capsys, "checkin", "--session", sid, code_of(desk, o[1]), "--at", "07.45",
                       "--reason", "laptop mati", *db)
    paper = json.loads(out)
    assert code == 0 and paper["at"].startswith("2024-11-07T07:45:00")
    row = desk.conn.execute("SELECT method, reason, at FROM attendance WHERE id = ?", (paper["event_id"],)).fetchone()
    assert row == ("paper", "laptop mati", paper["at"])

    code, _, err = run(capsys, "session", "close", sid, *db)
    assert code == 1 and "12 petugas akan ditandai tidak hadir" in err and "--yes" in err
    assert sessions.get_session(desk, sid).closed_at is None
    code, out, _ = run(capsys, "session", "close", sid, "--yes", *db)
    assert code == 0 and "12 petugas ditandai tidak hadir" in out
    code, out, _ = run(capsys, "checkin", "--session", sid, code_of(desk, o[2]), "--any-day", *db)
    assert (code, json.loads(out)["result"]) == (1, "closed")


def test_cli_refuses_a_scan_into_a_session_not_dated_today(desk, db_path, capsys):
    """Finding 5: a session dated 7 Nov 2024 took scans on another day as 'terlambat'."""
    db = ["--db", str(db_path)]
    o = desk.officers[KEDUNGMALANG]
    before = desk.conn.execute("SELECT (SELECT count(*) FROM attendance), (SELECT count(*) FROM scan_log)").fetchone()
    code, out, err = run(capsys, "checkin", "--session", desk.session.id, code_of(desk, o[0]), *db)
    answer = json.loads(out)
    assert code == 1 and answer["result"] == "wrong_day" and answer["event_id"] is None
    assert "Kamis, 7 November 2024" in answer["message"] and "bukan hari ini" in answer["message"]
    after = desk.conn.execute("SELECT (SELECT count(*) FROM attendance), (SELECT count(*) FROM scan_log)").fetchone()
    assert after == before  # nothing written, not even a refused scan
    # --any-day records now; --at records the paper's time on the session's day.
    code, out, _ = run(capsys, "checkin", "--session", desk.session.id, code_of(desk, o[0]), "--any-day", *db)
    assert code == 0 and json.loads(out)["result"] == "accepted"
    code, out, _ = run(capsys, "checkin", "--session", desk.session.id, code_of(desk, o[1]), "--at", "07:50", *db)
    assert code == 0 and json.loads(out)["at"].startswith("2024-11-07T07:50")


def test_cli_checkin_today_needs_no_flag(desk, db_path, capsys):
    today = dt.date.today().isoformat()
    s = new_session(desk, date=today, start="00:00", end="23:59")
    code, out, _ = run(capsys, "checkin", "--session", s.id, code_of(desk, desk.officers[KEDUNGMALANG][0]),
                       "--db", str(db_path))
    assert code == 0 and json.loads(out)["result"] == "accepted"


def test_cli_refusals_are_messages(desk, db_path, capsys):
    db = ["--db", str(db_path)]
    code, _, err = run(capsys, "session", "create", "--kind", "bimtek", "--title", "X", "--date", "7/11/2024", *db)
    assert code == 1 and "Tanggal '7/11/2024' tidak valid" in err and "Traceback" not in err
    code, _, err = run(capsys, "checkin", "--session", "nope", "abc", *db)
    assert code == 1 and "tidak ditemukan" in err
    code, _, err = run(capsys, "checkin", "--session", desk.session.id, "abc", "--at", "7pm", *db)
    assert code == 1 and "Jam '7pm' tidak valid" in err
    code, _, err = run(capsys, "session", "close", "nope", "--yes", *db)
    assert code == 1 and "tidak ditemukan" in err


def test_cli_checkin_help_documents_results_and_exit_status(capsys):
    with pytest.raises(SystemExit):
        cli.main(["checkin", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "not_in_session" in text and "Status keluar 0 untuk accepted dan duplicate" in text


def test_tally_and_recent_scans_for_the_screen(desk):
    o = desk.officers[KEDUNGMALANG]
    sid = desk.session.id
    checkin.check_in(desk, sid, code_of(desk, o[0]), at("07:50"))
    checkin.check_in(desk, sid, code_of(desk, o[8]), at("08:20"))  # TPS 2, late
    checkin.set_status(desk, sid, o[1].id, "hadir_daring", "tes CPNS", at("07:00"))
    checkin.set_status(desk, sid, o[2].id, "izin", "sakit keluarga", at("07:00"))
    checkin.check_in(desk, sid, "bukan kode", at("08:21"))
    t = sessions.tally(desk, sid)
    assert (t.expected, t.present) == (14, 3)
    assert t.by_status == {"hadir": 1, "terlambat": 1, "hadir_daring": 1, "izin": 1, None: 10}
    assert t.by_tps == {(KEDUNGMALANG, 1): (2, 7), (KEDUNGMALANG, 2): (1, 7)}
    last = sessions.recent(desk, sid, limit=2)
    assert [(r["result"], r["nama"], r["text"]) for r in last] == [
        ("invalid", None, "bukan kode"), ("terlambat", o[8].nama, None)]
