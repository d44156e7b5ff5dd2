"""Several check-in desks, one session: kits from the master, desk files home, who is missing (issue #19)."""

import json

import pytest

from helpers.exchange import D1, D2, KEDUNG, at, import_ok, new_install

from kpps_desktop import cli
from kpps_desktop.core import cards, checkin, demo, installation, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.exchange import desks, provisioning
from kpps_desktop.core import exchange

D3, D4 = "33.20.01.2003", "33.20.01.2004"



def ppk_master(tmp_path):
    """PPK Kedung with its roster and a bimtek for 4 of its 18 desa."""
    ppk = new_install(tmp_path / "ppk.sqlite", "ppk", KEDUNG)
    demo.generate(ppk, KEDUNG)
    session = sessions.create_session(ppk, "bimtek", "Bimtek KPPS 4 desa", "2024-11-07", "08:00",
                                      desas=[D1, D2, D3, D4])
    return ppk, session


def desk_from(tmp_path, kit_path, name):
    db = dbmod.open_db(tmp_path / f"{name}.sqlite")
    provisioning.apply(db, kit_path)
    return db


@pytest.fixture
def office(tmp_path):
    ppk, session = ppk_master(tmp_path)
    codes = cards.current_codes(ppk, issue=True)
    kits = [desks.make_kit(ppk, tmp_path / f"meja{i}.kpps", [session.id], f"Meja {i}")[0]
            for i in (1, 2, 3)]
    tables = [desk_from(tmp_path, k.path, f"desk{i}") for i, k in enumerate(kits, 1)]
    expected = sessions.expected_officers(ppk, session.id, "id, desa")
    yield ppk, session, kits, tables, expected, codes
    for db in (ppk, *tables):
        db.close()


def scan(db, session, code, hhmm):
    return checkin.check_in(db, session.id, code, at(hhmm), "scanner")


def present(db, session_id):
    return {oid: m for oid, m in sessions.current_status(db, session_id).items() if m.status in sessions.PRESENT}


def status_json(tmp_path, capsys):
    assert cli.main(["--db", str(tmp_path / "ppk.sqlite"), "handover", "status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_master_and_three_desks_end_to_end(office, tmp_path, capsys):
    ppk, session, kits, (d1, d2, d3), expected, codes = office
    ppk.close()
    # Each desk is a new device with its own keys, bound to the master, showing its label.
    master = dbmod.device_id(dbmod.open_db(tmp_path / "ppk.sqlite"))
    ids = {dbmod.device_id(d) for d in (d1, d2, d3)}
    assert len(ids) == 3 and master not in ids
    for i, d in enumerate((d1, d2, d3), 1):
        inst = installation.require(d)
        assert (inst.role, inst.wilayah, inst.desk_label) == ("ppk", KEDUNG, f"Meja {i}")
        assert installation.desk(d).master == master
        assert len(sessions.expected_officers(d, session.id, "id")) == len(expected)
    # Check-ins: 10 at each desk; the first officer also at desk 2 (later); a foreign card at desk 3.
    o = [e["id"] for e in expected]
    for k in range(10):
        assert scan(d1, session, codes[o[k]], f"07:{10 + k}").result == "accepted"
        assert scan(d2, session, codes[o[10 + k]], f"07:{20 + k}").result == "accepted"
        assert scan(d3, session, codes[o[20 + k]], f"07:{30 + k}").result == "accepted"
    assert scan(d2, session, codes[o[0]], "07:45").result == "accepted"
    foreign = cards.new_code()
    assert scan(d3, session, foreign, "07:50").result == "unknown"
    files = []
    for i, d in enumerate((d1, d2, d3), 1):
        result = exchange.export(d, tmp_path / f"pulang{i}.kpps")
        assert result.encrypted_for is not None and result.encrypted_for.device_id == master  # to its master
        files.append(result.path)
    # Two desk files come home, no --trust-new, no code: the third desk is flagged as missing.
    ppk = dbmod.open_db(tmp_path / "ppk.sqlite")
    for path in files[:2]:
        report = import_ok(ppk, path)
        assert report.encrypted and report.new_device and not report.warnings
        assert report.desk in report.summary() and report.desk.startswith("Meja ")
    ppk.close()
    out = status_json(tmp_path, capsys)
    by_label = {d["label"]: d for d in out["desks"]}
    assert [by_label[f"Meja {i}"]["returned"] for i in (1, 2, 3)] == [True, True, False]
    assert (by_label["Meja 1"]["records"], by_label["Meja 2"]["records"], by_label["Meja 3"]["records"]) == (10, 11, 0)
    assert by_label["Meja 2"]["last_seq"] == 11
    assert cli.main(["--db", str(tmp_path / "ppk.sqlite"), "handover", "status"]) == 0
    text = capsys.readouterr().out
    assert "meja belum menyerahkan\tMeja 3" in text and "Meja 3 belum menyerahkan berkas" in text
    # Desa status counts the attendance that came through desks (before: "0 dari 18 desa").
    assert set(out["reported"]) >= {e["desa"] for e in expected[:21]}
    # The third comes home: nothing missing, counts exact, each officer once at the earliest time.
    ppk = dbmod.open_db(tmp_path / "ppk.sqlite")
    import_ok(ppk, files[2])
    got = present(ppk, session.id)
    assert set(got) == set(o[:30])
    assert got[o[0]].at.startswith("2024-11-07T07:10")  # desk 1's scan, not desk 2's later one
    # The foreign card travelled back and is resolved centrally.
    unresolved = checkin.unresolved_scans(ppk, session.id)
    assert [s["text"] for s in unresolved] == [foreign]
    status = exchange.handover_status(ppk)
    assert status.desks_missing == [] and [d.records for d in status.desks] == [10, 11, 11 - 1]
    # Re-importing changes nothing.
    assert exchange.import_file(ppk, files[0]).status == "already"
    ppk.close()
    capsys.readouterr()
    out = status_json(tmp_path, capsys)
    assert all(d["returned"] and d["missing"] == 0 for d in out["desks"])
    # Scans at the master see the desk's refused scan (kpps scans).
    assert cli.main(["--db", str(tmp_path / "ppk.sqlite"), "scans", "--session", session.id, "--json"]) == 0
    assert foreign in capsys.readouterr().out


def test_a_strangers_file_is_not_accepted_as_a_desk(office, tmp_path):
    ppk, session, kits, (d1, d2, d3), expected, codes = office
    # A PPK Kedung laptop set up by hand, with the same roster: no kit, so no desk.
    stranger = new_install(tmp_path / "stranger.sqlite", "ppk", KEDUNG)
    demo.generate(stranger, KEDUNG)
    path = exchange.export(stranger, tmp_path / "stranger.kpps").path
    report = exchange.import_file(ppk, path)
    assert report.status == "refused" and "kode verifikasi" in report.reason
    # A second laptop set up from an already used kit: the kit is one laptop's.
    scan(d1, session, codes[expected[0]["id"]], "07:10")
    import_ok(ppk, exchange.export(d1, tmp_path / "d1.kpps").path)
    twin = desk_from(tmp_path, kits[0].path, "twin")
    scan(twin, session, codes[expected[1]["id"]], "07:11")
    report = exchange.import_file(ppk, exchange.export(twin, tmp_path / "twin.kpps").path)
    assert report.status == "refused" and "sudah dipakai perangkat" in report.reason
    # A laptop that has the kit's id but not its secret: the proof does not match.
    dbmod.set_meta(d2, "desk_secret", "00" * 32)
    scan(d2, session, codes[expected[2]["id"]], "07:12")
    report = exchange.import_file(ppk, exchange.export(d2, tmp_path / "d2.kpps").path)
    assert report.status == "refused" and "buktinya tidak cocok" in report.reason
    twin.close()
    stranger.close()


def test_a_desk_key_writes_only_its_own_attendance_for_its_kit(office, tmp_path):
    """Think as an attacker holding a desk laptop: it must not change the roster, other sessions, or
    speak for the PPK."""
    ppk, session, kits, (d1, d2, d3), expected, codes = office
    scan(d1, session, codes[expected[0]["id"]], "07:10")
    import_ok(ppk, exchange.export(d1, tmp_path / "d1.kpps").path)
    before = exchange.canonical_dump(ppk)
    # A roster change signed with the desk's key (the desk's files never carry one; a forger's could).
    d1.conn.execute("UPDATE officers SET nama = 'PALSU', updated_at = '2024-11-07T09:00:00+07:00' WHERE id = ?",
                    (expected[5]["id"],))
    d1.conn.commit()
    cols = exchange.COLUMNS
    records = ({t: f"SELECT {', '.join(cols[t])} FROM {t} WHERE " + ("id = :officer" if t == "officers" else "0")
                for t in exchange.TABLES}, {"officer": expected[5]["id"]})
    forged = exchange.export(d1, tmp_path / "roster.kpps", records=records).path
    report = exchange.import_file(ppk, forged)
    assert report.status == "refused" and "hanya boleh mengirim catatan presensi" in report.reason
    # Another session: created on the desk, checked in there, sent home.
    other = sessions.create_session(d1, "bimtek", "Sesi lain", "2024-11-07", "10:00", desas=[D1])
    checkin.check_in(d1, other.id, codes[expected[0]["id"]], at("10:05"))
    report = exchange.import_file(ppk, exchange.export(d1, tmp_path / "other.kpps").path)
    assert report.status == "refused" and "tidak ada di berkas mejanya" in report.reason
    # Closing the session (marking everyone else tidak hadir) is the master's.
    with pytest.raises(sessions.SessionError, match="meja presensi"):
        sessions.close_session(d2, session.id, at("12:00"))
    assert exchange.canonical_dump(ppk) == before
    # The desk key is no recipient, and the master's own office stays the master's.
    from kpps_desktop.core import crypt, keys
    assert keys.trusted(ppk, dbmod.device_id(d1)).basis == "desk"
    assert all(r.device_id != dbmod.device_id(d1) for r in crypt.recipients(ppk))


def test_a_kit_is_for_a_new_laptop_and_refuses_bad_input(office, tmp_path):
    ppk, session, kits, desks_, expected, codes = office
    # The master's own database is no desk.
    with pytest.raises(exchange.ExchangeError, match="laptop yang belum diatur"):
        provisioning.apply(ppk, kits[0].path)
    assert installation.desk(ppk) is None
    with pytest.raises(exchange.ExchangeError, match="sudah dipakai berkas meja lain"):
        desks.make_kit(ppk, tmp_path / "x.kpps", [session.id], "Meja 1")
    with pytest.raises(sessions.SessionError):
        desks.make_kit(ppk, tmp_path / "x.kpps", ["0" * 32])
    assert not (tmp_path / "x.kpps").exists()
    assert [k.label for k in desks.kits(ppk)] == ["Meja 1", "Meja 2", "Meja 3"]
    # A desk cannot write kits itself, nor setup files for the offices below.
    with pytest.raises(exchange.ExchangeError, match="sendiri meja presensi"):
        desks.make_kit(desks_[0], tmp_path / "y.kpps", [session.id])
    with pytest.raises(exchange.ExchangeError, match="meja presensi"):
        provisioning.make(desks_[0], tmp_path / "z.kpps", D1)
    assert not (tmp_path / "z.kpps").exists()
    # The label defaults to the next free one.
    assert desks.make_kit(ppk, tmp_path / "m4.kpps", [session.id])[1] == "Meja 4"


def test_cli_desk_kit_then_init_from_it(tmp_path, capsys):
    ppk, session = ppk_master(tmp_path)
    ppk.close()
    kit = tmp_path / "meja1.kpps"
    assert cli.main(["--db", str(tmp_path / "ppk.sqlite"), "desk", "kit", "--session", session.id,
                     "--label", "Meja Depan", "--out", str(kit)]) == 0
    assert "Meja Depan" in capsys.readouterr().out
    desk_db = str(tmp_path / "desk.sqlite")
    assert cli.main(["--db", desk_db, "init", "--from", str(kit)]) == 0
    assert "Meja Depan" in capsys.readouterr().out
    assert cli.main(["--db", desk_db, "handover", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["desk"]["label"] == "Meja Depan"
    assert cli.main(["--db", desk_db, "handover", "status"]) == 0
    assert "Meja Depan, meja presensi PPK" in capsys.readouterr().out
    assert cli.main(["--db", str(tmp_path / "ppk.sqlite"), "desk", "kit", "--session", "nope",
                     "--out", str(tmp_path / "bad.kpps")]) == 1
    assert "Sesi" in capsys.readouterr().err and not (tmp_path / "bad.kpps").exists()


def test_a_desk_file_with_a_gap_is_flagged(office, tmp_path, monkeypatch):
    ppk, session, kits, (d1, d2, d3), expected, codes = office
    for k in range(4):
        scan(d1, session, codes[expected[k]["id"]], f"07:1{k}")
    # The desk's own file, one record (seq 2) lost on the way: the manifest still announces 1-4.
    (queries, params), block = desks.outgoing(d1)
    queries = {**queries, "attendance": queries["attendance"].replace("ORDER BY", "AND seq <> 2 ORDER BY")}
    monkeypatch.setattr(desks, "outgoing", lambda db: ((queries, params), block))
    path = exchange.export(d1, tmp_path / "gap.kpps").path
    monkeypatch.undo()
    import_ok(ppk, path)
    [m1] = [d for d in exchange.handover_status(ppk).desks if d.label == "Meja 1"]
    assert (m1.returned, m1.records, m1.last_seq, m1.missing) == (True, 3, 4, 1)
    assert desks.missing_labels(ppk) == ["Meja 1", "Meja 2", "Meja 3"]
