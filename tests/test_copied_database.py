"""A database copied to another computer continues there as a new device, so both copies merge."""

import shutil

import pytest

from helpers.exchange import D1, at, export, import_ok, kpu_with_roster, new_install

from kpps_desktop.core import checkin, sessions
from kpps_desktop.core import db as dbmod


def copy_database(db, src, dst):
    """What a secretary does with the app closed: copy the file (everything in it, WAL included)."""
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(src, dst)


def first_session(db):
    return next(s for s in sessions.list_sessions(db) if s.scope == D1 and s.kind == "pelantikan")


def officer_ids(db):
    return [r[0] for r in db.conn.execute("SELECT id FROM officers WHERE desa = ? ORDER BY id", (D1,))]


@pytest.fixture
def original(tmp_path):
    """KPU Jepara with the Kedung roster, and the PPS of Kedungmalang that took its desa's part."""
    kpu = kpu_with_roster(tmp_path)
    down = export(kpu, tmp_path / "down.kpps", D1)
    pps = new_install(tmp_path / "pps.sqlite", "pps", D1)
    import_ok(pps, down.path, trust_new=True)
    yield kpu, pps
    kpu.close()
    pps.close()


def test_opening_a_copy_on_another_computer_gives_it_a_new_device_id(original, tmp_path, monkeypatch):
    _, pps = original
    before = dbmod.device_id(pps)
    assert dbmod.copy_notice(pps) is None
    copy_database(pps, tmp_path / "pps.sqlite", tmp_path / "laptop2.sqlite")
    # Reopened on the same computer: the same device.
    same = dbmod.open_db(tmp_path / "laptop2.sqlite")
    assert dbmod.device_id(same) == before
    same.close()
    monkeypatch.setenv(dbmod.MACHINE_ENV, "laptop-kedua")
    copy = dbmod.open_db(tmp_path / "laptop2.sqlite")
    try:
        assert dbmod.device_id(copy) != before
        assert dbmod.get_meta(copy, "copied_from") == before
        notice = dbmod.copy_notice(copy)
        assert notice and before[:8] in notice and dbmod.device_id(copy)[:8] in notice
    finally:
        copy.close()
    copy = dbmod.open_db(tmp_path / "laptop2.sqlite")  # opened again there: no second change
    assert dbmod.device_id(copy) == dbmod.get_meta(copy, "device_id") != before
    copy.close()


def test_both_copies_check_ins_merge_at_the_office_above(original, tmp_path, monkeypatch):
    kpu, pps = original
    copy_database(pps, tmp_path / "pps.sqlite", tmp_path / "laptop2.sqlite")
    session = first_session(pps)
    ids = officer_ids(pps)
    checkin.check_in_officer(pps, session.id, ids[0], at("07:50"), "manual", "meja 1")
    checkin.check_in_officer(pps, session.id, ids[1], at("08:05"), "manual", "meja 1")
    monkeypatch.setenv(dbmod.MACHINE_ENV, "laptop-kedua")
    copy = dbmod.open_db(tmp_path / "laptop2.sqlite")
    try:
        checkin.check_in_officer(copy, session.id, ids[1], at("07:58"), "manual", "meja 2")  # came to both desks
        checkin.check_in_officer(copy, session.id, ids[2], at("08:01"), "manual", "meja 2")
        up_copy = export(copy, tmp_path / "up2.kpps")
    finally:
        copy.close()
    monkeypatch.delenv(dbmod.MACHINE_ENV)
    up = export(pps, tmp_path / "up1.kpps")
    import_ok(kpu, up.path, trust_new=True)
    import_ok(kpu, up_copy.path, trust_new=True)  # before: refused, a sequence number used twice
    marks = sessions.current_status(kpu, session.id)
    assert {oid for oid in marks if marks[oid].status in sessions.CHECKED_IN} == set(ids[:3])
    assert marks[ids[1]].at == at("07:58").isoformat()  # once, with the earlier time
    # Importing both again changes nothing.
    before = kpu.conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
    for path in (up.path, up_copy.path):
        report = kpps_import(kpu, path)
        assert report.status in ("already", "imported")
    assert kpu.conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == before


def kpps_import(db, path):
    from kpps_desktop.core import exchange

    return exchange.import_file(db, path)


def test_the_app_and_the_status_say_so_once(original, tmp_path, monkeypatch, capsys):
    import json
    import subprocess
    import sys

    from helpers.cli import run

    _, pps = original
    copy_database(pps, tmp_path / "pps.sqlite", tmp_path / "laptop2.sqlite")
    monkeypatch.setenv(dbmod.MACHINE_ENV, "laptop-kedua")
    code, out, err = run(capsys, "--db", str(tmp_path / "laptop2.sqlite"), "handover", "status", "--json")
    assert code == 0 and json.loads(out)["copied_from"] == dbmod.device_id(pps)
    code, out, err = run(capsys, "--db", str(tmp_path / "laptop2.sqlite"), "handover", "status")
    assert code == 0 and "disalin dari komputer lain" in err
    shot = [sys.executable, "-m", "kpps_desktop", "--db", str(tmp_path / "laptop2.sqlite"), "--screenshot",
            str(tmp_path / "shot.png"), "-platform", "offscreen"]
    first = subprocess.run(shot, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "disalin dari komputer lain" in first.stderr
    second = subprocess.run(shot, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0 and "disalin" not in second.stderr  # said once
