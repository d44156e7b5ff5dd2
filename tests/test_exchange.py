"""Handover files: format, trust, merge rules, refusals that leave the database unchanged, gaps, CLI."""

import datetime as dt
import errno
import json
import os
import shutil
import subprocess
import zipfile

import pytest

from kpps_desktop import cli
from kpps_desktop.core import cards, checkin, demo, exchange, installation, keys, roster, sessions
from kpps_desktop.core.errors import UserError
from kpps_desktop.core import db as dbmod

from helpers.exchange import (D1, D2, KEDUNG, at, dump, export, full_dump, import_ok,
                              kpu_with_roster, new_install)


@pytest.fixture
def pair(tmp_path):
    """A KPU with the Kedung roster, and PPS Kedungmalang that imported its desa's part."""
    kpu = kpu_with_roster(tmp_path)
    down = export(kpu, tmp_path / "down.kpps", D1)
    pps = new_install(tmp_path / "pps.sqlite", "pps", D1)
    import_ok(pps, down.path, trust_new=True)
    yield kpu, pps, down
    kpu.close()
    pps.close()


def first_session(db, kind="pelantikan"):
    return next(s for s in sessions.list_sessions(db) if s.kind == kind)


# --- the file ------------------------------------------------------------------------------

def test_file_is_a_plain_zip_that_standard_tools_open(pair, tmp_path):
    kpu, _, down = pair
    with zipfile.ZipFile(down.path) as z:
        assert z.testzip() is None
        assert z.namelist() == list(exchange.MEMBERS)
        manifest = json.loads(z.read("manifest.json"))
        officers = [json.loads(line) for line in z.read("records/officers.jsonl").splitlines()]
    assert manifest["format"] == "kpps-handover" and manifest["version"] == 1
    assert manifest["device"]["id"] == kpu.device and manifest["scope"] == D1
    assert manifest["members"]["records/officers.jsonl"]["count"] == len(officers) == down.counts["officers"]
    assert {o["desa"] for o in officers} == {D1}
    if shutil.which("unzip"):
        assert subprocess.run(["unzip", "-tq", str(down.path)], capture_output=True).returncode == 0
    assert keys.verify(bytes.fromhex(manifest["device"]["public_key"]),
                       bytes.fromhex(zipfile.ZipFile(down.path).read("signature").decode()),
                       zipfile.ZipFile(down.path).read("manifest.json"))
    text = down.receipt()
    assert down.sha256 in text and "Kedungmalang" in text and "BERITA ACARA" in text


def test_attendance_carries_officer_ids_not_nik(pair, tmp_path):
    _, pps, _ = pair
    s = first_session(pps)
    oid = sessions.expected_officers(pps, s.id)[0]["id"]
    checkin.check_in_officer(pps, s.id, oid, at("07:50"), "manual", "kartu tertinggal")
    up = export(pps, tmp_path / "up.kpps")
    event = json.loads(zipfile.ZipFile(up.path).read("records/attendance.jsonl"))
    assert event["officer_id"] == oid and "nik" not in event
    nik = roster.get_officer(pps, oid).nik
    assert nik.encode() not in zipfile.ZipFile(up.path).read("records/attendance.jsonl")


def test_key_pair_is_made_at_init_and_kept(db):
    assert db.conn.execute("SELECT count(*) FROM keys").fetchone()[0] == 0
    installation.init(db, "pps", D1)
    public = keys.public_key(db)
    installation.init(db, "pps", D1)
    assert keys.public_key(db) == public and len(public) == 32


def test_export_before_init_is_a_clear_error(db, tmp_path):
    with pytest.raises(installation.InstallationError):
        exchange.export(db, tmp_path / "x.kpps")


def test_export_outside_own_region_is_refused(pair, tmp_path):
    _, pps, _ = pair
    with pytest.raises(exchange.ExchangeError, match="di luar wilayah"):
        exchange.export(pps, tmp_path / "x.kpps", D2)
    assert not (tmp_path / "x.kpps").exists()


# --- trust -----------------------------------------------------------------------------------

def test_first_file_from_a_device_needs_trust_and_nothing_is_written_before(pair, tmp_path):
    kpu, _, _ = pair
    pps2 = new_install(tmp_path / "other.sqlite", "pps", D1)
    down = export(kpu, tmp_path / "again.kpps", D1)
    before = full_dump(pps2)
    report = exchange.import_file(pps2, down.path)
    assert report.status == "refused" and "--trust-new" in report.reason and down.fingerprint in report.reason
    assert full_dump(pps2) == before
    preview = exchange.import_file(pps2, down.path, commit=False)
    assert preview.status == "preview" and preview.new_device
    assert preview.counts["officers"].new == down.counts["officers"]
    assert full_dump(pps2) == before
    assert import_ok(pps2, down.path, trust_new=True).counts["officers"].new == down.counts["officers"]
    assert exchange.import_file(pps2, down.path).status == "already"


def test_a_known_device_signing_with_another_key_is_refused_loudly(pair, tmp_path):
    kpu, pps, _ = pair
    # An impostor: a database that claims the KPU's device id but has its own key.
    fake = dbmod.open_db(tmp_path / "fake.sqlite")
    dbmod.set_meta(fake, "device_id", kpu.device)
    fake.conn.commit()
    installation.init(fake, "kpu", "33.20")
    demo.generate(fake, D1)
    forged = export(fake, tmp_path / "forged.kpps", D1)
    before = full_dump(pps)
    report = exchange.import_file(pps, forged.path, trust_new=True)
    assert report.status == "refused" and "PERINGATAN" in report.reason and "kunci lain" in report.reason
    assert full_dump(pps) == before


def test_a_second_desk_of_a_known_desa_is_a_warning(pair, tmp_path):
    kpu, pps, _ = pair
    desk2 = new_install(tmp_path / "desk2.sqlite", "pps", D1)
    import_ok(desk2, export(kpu, tmp_path / "d2.kpps", D1).path, trust_new=True)
    ppk = new_install(tmp_path / "ppk.sqlite", "ppk", KEDUNG)
    import_ok(ppk, export(pps, tmp_path / "a.kpps").path, trust_new=True)
    report = import_ok(ppk, export(desk2, tmp_path / "b.kpps").path, trust_new=True)
    assert report.warnings and "perangkat lain" in report.warnings[0]


def test_file_outside_the_installation_region_is_refused(pair, tmp_path):
    kpu, _, _ = pair
    other = new_install(tmp_path / "d2.sqlite", "pps", D2)
    report = exchange.import_file(other, export(kpu, tmp_path / "d1.kpps", D1).path, trust_new=True)
    assert report.status == "refused" and "di luar wilayah" in report.reason


# --- merge rules -------------------------------------------------------------------------------

def _set_officer(db, oid, nama, updated_at):
    db.conn.execute("UPDATE officers SET nama = ?, updated_at = ?, device_id = ? WHERE id = ?",
                    (nama, updated_at, dbmod.device_id(db), oid))
    db.conn.commit()


def test_roster_edit_latest_update_wins_in_either_order(pair, tmp_path):
    kpu, pps, _ = pair
    oid = roster.list_officers(pps)[0]["id"]
    _set_officer(pps, oid, "Nama Dari Desa", "2024-11-05T10:00:00+00:00")
    _set_officer(kpu, oid, "Nama Dari KPU", "2024-11-05T09:00:00+00:00")
    from_pps = export(pps, tmp_path / "pps.kpps").path
    from_kpu = export(kpu, tmp_path / "kpu.kpps", D1).path
    results = []
    for n, order in enumerate(((from_pps, from_kpu), (from_kpu, from_pps))):
        ppk = new_install(tmp_path / f"ppk{n}.sqlite", "ppk", KEDUNG)
        reports = [import_ok(ppk, p, trust_new=True) for p in order]
        assert sum(r.counts["officers"].conflict for r in reports) == 1
        results.append((roster.get_officer(ppk, oid).nama, dump(ppk)))
    assert results[0] == results[1] and results[0][0] == "Nama Dari Desa"
    # The KPU takes the desa's later edit; the desa keeps it when the KPU's older copy returns.
    assert import_ok(kpu, from_pps, trust_new=True).counts["officers"].applied == 1
    assert roster.get_officer(kpu, oid).nama == "Nama Dari Desa"


def test_a_closed_session_stays_closed_whoever_edits_later(pair, tmp_path):
    kpu, pps, _ = pair
    s = first_session(pps)
    sessions.close_session(pps, s.id, at("12:00"))
    later = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)).isoformat(timespec="seconds")
    kpu.conn.execute("UPDATE sessions SET venue = 'Aula Kecamatan', updated_at = ? WHERE id = ?", (later, s.id))
    kpu.conn.commit()
    import_ok(kpu, export(pps, tmp_path / "up.kpps").path, trust_new=True)
    merged = sessions.get_session(kpu, s.id)
    assert merged.venue == "Aula Kecamatan" and merged.closed_at == "2024-11-07T12:00:00+07:00"
    import_ok(pps, export(kpu, tmp_path / "down2.kpps", D1).path)
    assert sessions.get_session(pps, s.id) == merged


def test_card_and_revocation_travel_and_one_live_card_remains(pair, tmp_path):
    kpu, pps, _ = pair
    oid = roster.list_officers(pps)[0]["id"]
    desk2 = new_install(tmp_path / "desk2.sqlite", "pps", D1)
    import_ok(desk2, export(kpu, tmp_path / "r.kpps", D1).path, trust_new=True)
    cards.issue_missing(pps)
    pps.conn.execute("UPDATE cards SET issued_at = '2024-11-01T00:00:00+00:00'")
    pps.conn.commit()
    cards.issue_missing(desk2)  # the second desk printed its own cards later
    old = cards.current_codes(desk2)[oid]
    new = cards.reissue(desk2, oid, "kartu hilang")
    merged = []
    for n, order in enumerate(((pps, desk2), (desk2, pps))):
        ppk = new_install(tmp_path / f"ppk{n}.sqlite", "ppk", KEDUNG)
        for i, src in enumerate(order):
            import_ok(ppk, export(src, tmp_path / f"o{n}{i}.kpps").path, trust_new=True)
        merged.append(dump(ppk))
        assert cards.lookup(ppk, old).result == "revoked"
        live = cards.current_codes(ppk)
        assert live[oid] == cards.current_codes(pps)[oid]  # the earliest issued stays live
        assert cards.lookup(ppk, new).result == "revoked"
    assert merged[0] == merged[1]


def test_nik_under_another_id_is_refused_not_merged(pair, tmp_path):
    kpu, _, _ = pair
    o = roster.list_officers(kpu, within=D1)[0]
    other = new_install(tmp_path / "other.sqlite", "pps", D1)
    roster.add_officer(other, roster.Officer(nik=o["nik"], nama="Orang Sama", jk=o["jk"], desa=D1, tps=1,
                                             jabatan="anggota", tanggal_lahir=o["tanggal_lahir"]))
    before = full_dump(other)
    report = exchange.import_file(other, export(kpu, tmp_path / "d.kpps", D1).path, trust_new=True)
    assert report.status == "refused" and "dua sumber" in report.reason
    assert full_dump(other) == before


# --- gaps and clocks -----------------------------------------------------------------------------

def test_status_lists_silent_desa_gaps_and_clocks(tmp_path):
    kpu = kpu_with_roster(tmp_path)
    ppk = new_install(tmp_path / "ppk.sqlite", "ppk", KEDUNG)
    import_ok(ppk, export(kpu, tmp_path / "k.kpps", KEDUNG).path, trust_new=True)
    bimtek = sessions.create_session(ppk, "bimtek", "Bimtek Kecamatan", "2024-11-07", "08:00", scope_kind="kecamatan")
    d1 = roster.list_officers(ppk, within=D1)[:3]
    d2 = roster.list_officers(ppk, within=D2)[:2]
    # Interleaved seq numbers: desa 2's events fall between desa 1's.
    for o in (d1[0], d2[0], d1[1], d2[1]):
        checkin.check_in_officer(ppk, bimtek.id, o["id"], at("07:55"), "manual", "kartu tertinggal")
    checkin.check_in_officer(ppk, bimtek.id, d1[2]["id"], at("07:55", "2021-01-01"), "manual", "jam salah")
    part = export(ppk, tmp_path / "only-d1.kpps", D1)
    assert part.counts["attendance"] == 3
    import_ok(kpu, part.path, trust_new=True)
    status = exchange.handover_status(kpu)
    gap = next(g for g in status.gaps if g.device_id == ppk.device)
    assert gap.missing == [(2, 2), (4, 4)] and gap.declared_max == 5 and gap.missing_count == 2
    assert [c.device_id for c in status.clocks] == [ppk.device] and status.clocks[0].events == 1
    assert status.desa_total == 195 and len(status.never_reported) == 195  # no PPS file yet


# --- writing -----------------------------------------------------------------------------------

def test_full_drive_leaves_nothing_under_the_final_name(pair, tmp_path):
    kpu, _, _ = pair
    mnt = tmp_path / "usb"
    mnt.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mnt)],
                             capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("cannot mount a tiny tmpfs here")
    try:
        with pytest.raises(UserError, match="Diska penuh"):
            exchange.export(kpu, mnt / "kedung.kpps", KEDUNG)
        assert os.listdir(mnt) == []
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


def test_removed_drive_mid_write_is_a_clear_error(pair, tmp_path, monkeypatch):
    kpu, _, _ = pair
    real = os.write
    calls = []

    def failing(fd, data):
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.EIO, "Input/output error")
        return real(fd, data[:4096])

    monkeypatch.setattr(exchange.os, "write", failing)
    with pytest.raises(UserError, match="tercabut"):
        exchange.export(kpu, tmp_path / "out.kpps", KEDUNG)
    assert [p.name for p in tmp_path.iterdir() if "out" in p.name] == []


# --- CLI -------------------------------------------------------------------------------------

def test_cli_export_import_status(pair, tmp_path, capsys):
    kpu, pps, _ = pair
    pps_path = tmp_path / "pps.sqlite"
    s = first_session(pps)
    checkin.check_in_officer(pps, s.id, sessions.expected_officers(pps, s.id)[0]["id"], at("07:50"),
                             "manual", "kartu tertinggal")
    pps.close()
    out = tmp_path / "kedungmalang"
    assert cli.main(["export", "--db", str(pps_path), "--out", str(out)]) == 0
    assert "SHA-256" in capsys.readouterr().out and (tmp_path / "kedungmalang.kpps").exists()
    ppk_path = tmp_path / "ppk.sqlite"
    assert cli.main(["init", "--db", str(ppk_path), "--role", "ppk", "--wilayah", KEDUNG]) == 0
    bad = tmp_path / "bad.kpps"
    bad.write_bytes(b"PK\x03\x04 not really")
    good = str(tmp_path / "kedungmalang.kpps")
    capsys.readouterr()
    assert cli.main(["import", "--db", str(ppk_path), good, str(bad)]) == 1
    captured = capsys.readouterr()
    assert "--trust-new" in captured.err and "bad.kpps: DITOLAK" in captured.err
    assert cli.main(["import", "--db", str(ppk_path), "--trust-new", good, good]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "diimpor" in lines[0] and "Kedungmalang" in lines[0] and "catatan presensi 1 baru" in lines[0]
    assert "sudah pernah diimpor" in lines[1]
    assert cli.main(["handover", "status", "--db", str(ppk_path), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert D1 in status["reported"] and len(status["never_reported"]) == status["desa_total"] - 1
    assert cli.main(["handover", "status", "--db", str(ppk_path)]) == 0
    assert "1 dari 18 desa" in capsys.readouterr().out
