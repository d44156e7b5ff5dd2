"""The log of refused scans: what lands in it, resolving and dismissing, recent() order, and the CLI."""

import json

import pytest
from helpers.cli import run
from helpers.sessions import KALIANYAR, KEDUNGMALANG, at, events

from kpps_desktop.core import cards, checkin, sessions


def officer(desk, n=0, desa=KEDUNGMALANG):
    return desk.officers[desa][n]


def scan_rows(desk):
    return desk.conn.execute("SELECT id, result, resolution, resolved_officer_id, resolved_at, resolution_reason, "
                             "resolved_event_id FROM scan_log ORDER BY rowid").fetchall()


def refused_pair(desk):
    """A walk-in's unknown code at 07:50, then a Kalianyar officer's card at 07:51."""
    stranger = cards.new_code()
    unknown = checkin.check_in(desk, desk.session.id, stranger, at("07:50"))
    outsider = checkin.check_in(desk, desk.session.id, desk.codes[officer(desk, 0, KALIANYAR).id], at("07:51"))
    return unknown, outsider


# --- what lands in the log ----------------------------------------------------------------

def test_unknown_code_and_not_in_session_card_wait_in_the_log_newest_first(desk):
    unknown, outsider = refused_pair(desk)
    assert (unknown.result, outsider.result) == ("unknown", "not_in_session")
    assert unknown.scan_id and outsider.scan_id
    found = checkin.unresolved_scans(desk, desk.session.id)
    assert [s["id"] for s in found] == [outsider.scan_id, unknown.scan_id]
    owner = officer(desk, 0, KALIANYAR)
    assert found[0]["officer"]["nama"] == owner.nama and found[0]["officer"]["desa_nama"] == "Kalianyar"
    assert "nik" not in found[0]["officer"]  # personal data stays out of the log view
    assert found[1] == {"id": unknown.scan_id, "at": "2024-11-07T07:50:00+07:00", "text": found[1]["text"],
                        "result": "unknown", "method": "scanner", "officer": None}
    assert checkin.unresolved_count(desk, desk.session.id) == 2
    assert events(desk, desk.session.id) == []


def test_accepted_and_duplicate_scans_never_enter_the_log(desk):
    code = desk.codes[officer(desk).id]
    checkin.check_in(desk, desk.session.id, code, at("07:50"))
    checkin.check_in(desk, desk.session.id, code, at("07:52"))
    assert checkin.unresolved_scans(desk, desk.session.id) == []


def test_listing_an_unknown_session_says_so(desk):
    with pytest.raises(sessions.SessionError, match="Sesi 'nope' tidak ditemukan"):
        checkin.unresolved_scans(desk, "nope")


# --- resolving ------------------------------------------------------------------------------

def test_resolve_records_one_manual_check_in_at_the_scan_time_and_marks_the_scan(desk):
    unknown, outsider = refused_pair(desk)
    o = officer(desk, 3)
    # Resolved at 09:30, long after the 08:15 grace: the officer still was at the desk at 07:50.
    r = checkin.resolve_scan(desk, unknown.scan_id, o.id, at("09:30"), "  kartu   tertukar ")
    assert (r.result, r.status, r.at, r.officer["id"]) == ("accepted", "hadir", "2024-11-07T07:50:00+07:00", o.id)
    assert r.scan_id is None  # not a refusal: the screen must not count it as one
    evs = events(desk, desk.session.id)
    assert [(e["officer_id"], e["status"], e["method"], e["reason"], e["at"]) for e in evs] == [
        (o.id, "hadir", "manual", "dari log pindaian: kartu tertukar", "2024-11-07T07:50:00+07:00")]
    row = next(s for s in scan_rows(desk) if s[0] == unknown.scan_id)
    assert row == (unknown.scan_id, "unknown", "resolved", o.id, "2024-11-07T09:30:00+07:00", "kartu tertukar",
                   evs[0]["id"])
    assert [s["id"] for s in checkin.unresolved_scans(desk, desk.session.id)] == [outsider.scan_id]
    assert checkin.unresolved_count(desk, desk.session.id) == 1
    assert sessions.current_status(desk, desk.session.id)[o.id].status == "hadir"


def test_second_resolve_is_refused_with_who_and_when_and_changes_nothing(desk):
    unknown, _ = refused_pair(desk)
    o = officer(desk, 3)
    checkin.resolve_scan(desk, unknown.scan_id, o.id, at("09:30"), "kartu tertukar")
    before = (scan_rows(desk), events(desk, desk.session.id))
    with pytest.raises(checkin.CheckinError,
                       match=f"Pindaian ini sudah diselesaikan pukul 09:30: dicatat hadir untuk {o.nama}"):
        checkin.resolve_scan(desk, unknown.scan_id, officer(desk, 4).id, at("09:31"), "lagi")
    assert (scan_rows(desk), events(desk, desk.session.id)) == before


def test_resolve_at_now_when_asked_can_be_late(desk):
    unknown, _ = refused_pair(desk)
    r = checkin.resolve_scan(desk, unknown.scan_id, officer(desk).id, at("09:30"), "datang belakangan",
                             at_scan_time=False)
    assert (r.status, r.at, r.message) == ("terlambat", "2024-11-07T09:30:00+07:00", "Hadir pukul 09:30 (terlambat)")


def test_resolving_to_an_officer_already_present_resolves_without_a_second_event(desk):
    unknown, _ = refused_pair(desk)
    o = officer(desk, 2)
    first = checkin.check_in_officer(desk, desk.session.id, o.id, at("07:55"), "manual", "kartu tertinggal")
    r = checkin.resolve_scan(desk, unknown.scan_id, o.id, at("09:00"), "kartunya rusak")
    assert (r.result, r.message, r.previous_at) == ("duplicate", "Sudah hadir pukul 07:55", first.at)
    assert len(events(desk, desk.session.id)) == 1
    row = next(s for s in scan_rows(desk) if s[0] == unknown.scan_id)
    assert row[2:4] == ("resolved", o.id) and row[6] is None


@pytest.mark.parametrize("case, message", [
    ("outsider", "Tidak dicatat: Petugas Desa Kalianyar, bukan peserta sesi ini."),
    ("no_reason", "Alasan wajib diisi"),
    ("no_such_scan", "Pindaian 'nope' tidak ditemukan di log."),
    ("no_such_officer", "Tidak dicatat: Petugas tidak ditemukan."),
    ("closed", "Tidak dicatat: Sesi sudah ditutup pukul 12:00; presensi tidak diterima."),
])
def test_a_resolve_that_cannot_be_done_says_why_and_changes_nothing(desk, case, message):
    unknown, _ = refused_pair(desk)
    scan_id, officer_id, reason = unknown.scan_id, officer(desk).id, "kartu tertukar"
    if case == "outsider":
        officer_id = officer(desk, 1, KALIANYAR).id
    elif case == "no_reason":
        reason = "   "
    elif case == "no_such_scan":
        scan_id = "nope"
    elif case == "no_such_officer":
        officer_id = "nobody"
    elif case == "closed":
        sessions.close_session(desk, desk.session.id, at("12:00"))
    before = (scan_rows(desk), events(desk, desk.session.id))
    with pytest.raises(checkin.CheckinError) as err:
        checkin.resolve_scan(desk, scan_id, officer_id, at("12:30"), reason)
    assert message in str(err.value)
    assert (scan_rows(desk), events(desk, desk.session.id)) == before
    assert not desk.conn.in_transaction


# --- dismissing ---------------------------------------------------------------------------

def test_dismiss_sets_scans_aside_with_the_reason_and_keeps_the_rows(desk):
    unknown, outsider = refused_pair(desk)
    assert checkin.dismiss_scans(desk, [unknown.scan_id, outsider.scan_id], "salah baca kamera", at("10:00")) == 2
    assert checkin.unresolved_scans(desk, desk.session.id) == []
    assert [r[2:] for r in scan_rows(desk)] == [
        ("dismissed", None, "2024-11-07T10:00:00+07:00", "salah baca kamera", None)] * 2
    with pytest.raises(checkin.CheckinError, match=r"sudah diabaikan pukul 10:00 \(salah baca kamera\)"):
        checkin.dismiss_scan(desk, unknown.scan_id, "lagi", at("10:01"))
    with pytest.raises(checkin.CheckinError, match="sudah diabaikan"):
        checkin.resolve_scan(desk, unknown.scan_id, officer(desk).id, at("10:02"), "ternyata petugas")
    assert events(desk, desk.session.id) == []


def test_dismiss_is_all_or_nothing(desk):
    unknown, outsider = refused_pair(desk)
    checkin.resolve_scan(desk, outsider.scan_id, officer(desk).id, at("09:00"), "kartu tertukar")
    before = scan_rows(desk)
    with pytest.raises(checkin.CheckinError, match="sudah diselesaikan"):
        checkin.dismiss_scans(desk, [unknown.scan_id, outsider.scan_id], "orang lain", at("10:00"))
    assert scan_rows(desk) == before
    with pytest.raises(checkin.CheckinError, match="Alasan wajib diisi"):
        checkin.dismiss_scan(desk, unknown.scan_id, "")
    with pytest.raises(checkin.CheckinError, match="Pilih pindaian"):
        checkin.dismiss_scans(desk, [], "orang lain")


# --- recent(): newest first, also within one second --------------------------------------------

def test_recent_keeps_the_order_of_scans_and_check_ins_within_one_second(desk):
    s, same = desk.session.id, at("08:00:00")  # the whole burst shares one clock second
    a = checkin.check_in(desk, s, cards.new_code(), same)
    b = checkin.check_in(desk, s, desk.codes[officer(desk, 0).id], same)
    c = checkin.check_in(desk, s, "bukan kode", same)
    d = checkin.check_in(desk, s, desk.codes[officer(desk, 1).id], same)
    e = checkin.check_in(desk, s, desk.codes[officer(desk, 0, KALIANYAR).id], same)
    f = checkin.check_in(desk, s, "lagi bukan kode", same)
    assert [r.result for r in (a, b, c, d, e, f)] == ["unknown", "accepted", "invalid", "accepted",
                                                      "not_in_session", "invalid"]
    rows = sessions.recent(desk, s, 10)
    assert [(row["result"], row["event_id"], row["nama"]) for row in rows] == [
        ("invalid", None, None), ("not_in_session", None, officer(desk, 0, KALIANYAR).nama),
        ("hadir", d.event_id, officer(desk, 1).nama), ("invalid", None, None),
        ("hadir", b.event_id, officer(desk, 0).nama), ("unknown", None, None)]
    assert [row["text"] for row in rows if row["result"] == "invalid"] == ["lagi bukan kode", "bukan kode"]
    assert [r["id"] for r in checkin.unresolved_scans(desk, s)] == [f.scan_id, e.scan_id, c.scan_id, a.scan_id]


# --- CLI --------------------------------------------------------------------------------

def test_cli_lists_resolves_and_dismisses(desk, db_path, capsys):
    db = ["--db", str(db_path)]
    unknown, outsider = refused_pair(desk)
    sid = desk.session.id
    code, out, err = run(capsys, "scans", "--session", sid, "--json", *db)
    listed = json.loads(out)
    assert code == 0 and [s["id"] for s in listed] == [outsider.scan_id, unknown.scan_id]
    assert listed[0]["result"] == "not_in_session" and listed[0]["officer"]["nama"] == officer(desk, 0, KALIANYAR).nama
    code, out, err = run(capsys, "scans", "--session", sid, *db)
    assert code == 0 and unknown.scan_id in out and "not_in_session" in out and "2 pindaian" in err

    o = officer(desk, 5)
    code, out, err = run(capsys, "scans", "resolve", unknown.scan_id, "--officer", o.id, "--reason", "kartu tertukar",
                         "--json", *db)
    done = json.loads(out)
    assert code == 0, err
    assert (done["scan_id"], done["result"], done["officer"]["id"], done["at"]) == (
        unknown.scan_id, "accepted", o.id, "2024-11-07T07:50:00+07:00")
    assert [(e["officer_id"], e["method"], e["reason"]) for e in events(desk, sid)] == [
        (o.id, "manual", "dari log pindaian: kartu tertukar")]
    code, out, err = run(capsys, "scans", "resolve", unknown.scan_id, "--officer", o.id, "--reason", "lagi", *db)
    assert code == 1 and "sudah diselesaikan" in err and o.nama in err and "Traceback" not in err
    assert len(events(desk, sid)) == 1

    code, out, err = run(capsys, "scans", "dismiss", outsider.scan_id, "--reason", "orang lain", *db)
    assert code == 0 and "1 pindaian diabaikan" in out
    code, out, _ = run(capsys, "scans", "--session", sid, "--json", *db)
    assert json.loads(out) == []


def test_cli_scans_refusals_are_messages(desk, db_path, capsys):
    db = ["--db", str(db_path)]
    code, _, err = run(capsys, "scans", *db)
    assert code == 1 and "--session" in err
    code, _, err = run(capsys, "scans", "--session", "nope", *db)
    assert code == 1 and "Sesi 'nope' tidak ditemukan" in err
    code, _, err = run(capsys, "scans", "resolve", "nope", "--officer", officer(desk).id, "--reason", "x", *db)
    assert code == 1 and "tidak ditemukan di log" in err and "Traceback" not in err
    code, _, err = run(capsys, "scans", "dismiss", "nope", "--reason", "x", *db)
    assert code == 1 and "tidak ditemukan di log" in err
