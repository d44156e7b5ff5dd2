"""The audit log: entries for exports, imports, printing, reveals; append-only; the old print log moved in; the CLI."""

import datetime as dt
import json
import sqlite3

import pytest
import sqlite_utils

from kpps_desktop import cli
from kpps_desktop.core import audit, cards, exchange, installation, migrations, roster, roster_import
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import nik as nikmod

DESA = "33.20.01.2001"


def officer(n: int, desa: str = DESA) -> roster.Officer:
    born = dt.date(1980, 1 + n % 12, 1 + n % 27)
    return roster.Officer(nik=nikmod.make("332001", born, "L", n + 1), nama=f"Petugas Uji {n}", jk="L",
                          tanggal_lahir=born.isoformat(), desa=desa, tps=1 + n // 7,
                          jabatan="ketua" if n % 7 == 0 else "anggota")


def test_record_and_entries_with_operator_from_settings(pps_db):
    dbmod.set_setting(pps_db, "operator", "Siti Aminah")
    first = audit.record(pps_db, "export", "serah_terima", DESA, 70, {"file": "x.kpps"})
    audit.record(pps_db, "reveal_nik", "daftar_petugas", count=3, operator="Budi")
    found = audit.entries(pps_db)
    assert [e.id for e in found][0] == first
    assert [(e.action, e.operator, e.what, e.scope, e.count, e.detail) for e in found] == [
        ("export", "Siti Aminah", "serah_terima", DESA, 70, {"file": "x.kpps"}),
        ("reveal_nik", "Budi", "daftar_petugas", None, 3, None)]
    assert all(e.device_id == dbmod.device_id(pps_db) for e in found)
    assert dt.datetime.fromisoformat(found[0].at).utcoffset() == dt.timedelta(0)
    assert [e.action for e in audit.entries(pps_db, "reveal_nik")] == ["reveal_nik"]


def test_operator_is_empty_before_one_is_set(pps_db):
    audit.record(pps_db, "print", "kartu")
    assert audit.entries(pps_db)[0].operator == ""


def test_unknown_action_is_refused_and_nothing_written(pps_db):
    with pytest.raises(ValueError, match="tidak dikenal"):
        audit.record(pps_db, "hapus", "x")
    with pytest.raises(ValueError, match="tidak dikenal"):
        audit.entries(pps_db, "hapus")
    assert audit.entries(pps_db) == []


def test_since_filters_by_local_date(pps_db):
    audit.record(pps_db, "print", "kartu")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert len(audit.entries(pps_db, since=dt.date.today() - dt.timedelta(days=1))) == 1
    assert audit.entries(pps_db, since=tomorrow) == []
    assert audit.entries(pps_db, since=tomorrow.isoformat()) == []
    with pytest.raises(ValueError, match="TTTT-BB-HH"):
        audit.entries(pps_db, since="kemarin")


def test_log_is_append_only(pps_db):
    audit.record(pps_db, "print", "kartu", DESA, 7)
    with pytest.raises(sqlite3.IntegrityError, match="tidak boleh diubah"):
        with pps_db.atomic():
            pps_db.conn.execute("UPDATE audit_log SET operator = 'orang lain'")
    with pytest.raises(sqlite3.IntegrityError, match="tidak boleh dihapus"):
        with pps_db.atomic():
            pps_db.conn.execute("DELETE FROM audit_log")
    [entry] = audit.entries(pps_db)
    assert entry.operator == ""


def test_a_rolled_back_caller_leaves_no_entry(pps_db):
    with pytest.raises(RuntimeError):
        with pps_db.atomic():
            audit.record(pps_db, "export", "rekap")
            raise RuntimeError("the export failed after logging")
    assert audit.entries(pps_db) == []


def test_print_log_is_the_audit_log(pps_db):
    """One path: log_print writes audit entries; print_log (function and view) reads them."""
    cards.log_print(pps_db, "kartu", DESA, 70, "a4", "sekretaris")
    cards.log_print(pps_db, "daftar_hadir", "s1", 20, "f4", show_nik=True)
    assert [(e.action, e.what) for e in audit.entries(pps_db)] == [
        ("print", "kartu"), ("reveal_nik", "daftar_hadir"), ("print", "daftar_hadir")]
    assert [(r["what"], r["paper"], r["operator"]) for r in cards.print_log(pps_db)] == [
        ("kartu", "a4", "sekretaris"), ("daftar_hadir", "f4", None)]
    view = pps_db.conn.execute("SELECT what, count, paper FROM print_log").fetchall()
    assert view == [("kartu", 70, "a4"), ("daftar_hadir", 20, "f4")]


def test_migration_moves_the_old_print_log_in(tmp_path):
    path = tmp_path / "lama.sqlite"
    old = sqlite_utils.Database(sqlite3.connect(str(path)))
    with old.atomic():
        migrations.migrations.apply(old, stop_before="0005_audit")
        old.conn.execute(f"PRAGMA application_id = {dbmod.APPLICATION_ID}")
        old.conn.execute("PRAGMA user_version = 4")
        dbmod.set_meta(old, "device_id", "d" * 32)
        old.conn.executemany(
            "INSERT INTO print_log (id, at, what, scope, count, paper, operator, device_id) VALUES (?,?,?,?,?,?,?,?)",
            [("a", "2024-11-01T01:00:00+00:00", "kartu", DESA, 63, "a4", "Siti", "d" * 32),
             ("b", "2024-11-02T01:00:00+00:00", "daftar_hadir", "s1", 20, None, None, "d" * 32)])
    old.close()
    db = dbmod.open_db(path)
    try:
        assert [(e.id, e.action, e.what, e.count, e.operator, e.detail) for e in audit.entries(db)] == [
            ("a", "print", "kartu", 63, "Siti", {"paper": "a4"}),
            ("b", "print", "daftar_hadir", 20, "", None)]
        assert [r["id"] for r in cards.print_log(db)] == ["a", "b"]
        kind = db.conn.execute("SELECT type FROM sqlite_master WHERE name = 'print_log'").fetchone()[0]
        assert kind == "view"
    finally:
        db.close()


# --- hooks at the entry points -------------------------------------------------------------

def test_roster_import_is_logged_and_a_refused_one_is_not(pps_db, tmp_path):
    path = tmp_path / "roster.csv"
    rows = [officer(n) for n in range(3)]
    path.write_text("NIK;NAMA;JK;TPS;JABATAN\n" + "".join(
        f"'{o.nik};{o.nama};{o.jk};{o.tps};{o.jabatan}\n" for o in rows), encoding="utf-8")
    plan = roster_import.parse_roster(path, default_desa=DESA, scope=DESA)
    assert not plan.problems
    roster_import.apply_import(pps_db, plan)
    [entry] = audit.entries(pps_db, "import")
    assert (entry.what, entry.count, entry.detail) == ("daftar_petugas", 3, {"added": 3, "updated": 0})
    bad = tmp_path / "bad.csv"
    bad.write_text("NIK;NAMA;JK;TPS;JABATAN\n123;X;L;1;ketua\n", encoding="utf-8")
    with pytest.raises(roster_import.ImportRefused):
        roster_import.apply_import(pps_db, roster_import.parse_roster(bad, default_desa=DESA, scope=DESA))
    assert len(audit.entries(pps_db, "import")) == 1


def test_handover_export_and_committed_import_are_logged_preview_is_not(tmp_path):
    kpu = dbmod.open_db(tmp_path / "kpu.sqlite")
    pps = dbmod.open_db(tmp_path / "pps.sqlite")
    try:
        installation.init(kpu, "kpu", "33.20")
        installation.init(pps, "pps", DESA)
        roster.upsert_officers(kpu, [officer(n) for n in range(7)])
        out = exchange.export(kpu, tmp_path / "turun.kpps", DESA)
        [entry] = audit.entries(kpu)
        assert (entry.action, entry.what, entry.scope, entry.count) == ("export", "serah_terima", DESA, 7)
        assert entry.detail == {"file": str(out.path), "sha256": out.sha256,
                                "encrypted": out.encrypted_for is not None}
        assert exchange.import_file(pps, out.path, commit=False).status == "preview"
        assert audit.entries(pps) == []
        report = exchange.import_file(pps, out.path, trust_new=True)
        assert report.status == "imported"
        [entry] = audit.entries(pps)
        assert (entry.action, entry.what, entry.scope, entry.count) == ("import", "serah_terima", DESA, 7)
        assert entry.detail["sha256"] == report.file_hash and entry.detail["device_id"] == report.device_id
        assert exchange.import_file(pps, out.path).status == "already"
        assert len(audit.entries(pps)) == 1
    finally:
        kpu.close()
        pps.close()


# --- the CLI -----------------------------------------------------------------------------

def test_cli_audit_lists_and_filters(pps_db, db_path, capsys):
    dbmod.set_setting(pps_db, "operator", "Siti")
    audit.record(pps_db, "print", "kartu", DESA, 63, {"paper": "a4"})
    audit.record(pps_db, "export", "rekap", None, 1, {"file": "r.xlsx"})
    assert cli.main(["audit", "--db", str(db_path)]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert len(lines) == 2 and lines[0].split("\t")[1:6] == ["Siti", "print", "kartu", DESA, "63"]
    assert "paper=a4" in lines[0] and "2 catatan audit" in out.err
    assert cli.main(["audit", "--db", str(db_path), "--action", "export", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert (entry["action"], entry["detail"]) == ("export", {"file": "r.xlsx"})
    assert cli.main(["audit", "--db", str(db_path), "--since", "kemarin"]) == 1
    assert "TTTT-BB-HH" in capsys.readouterr().err


def test_cli_roster_json_is_an_export(pps_db, db_path, capsys):
    roster.upsert_officers(pps_db, [officer(n) for n in range(3)])
    assert cli.main(["roster", "list", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert audit.entries(pps_db) == []  # the masked table is not an export
    assert cli.main(["roster", "list", "--db", str(db_path), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    [entry] = audit.entries(pps_db)
    assert (entry.action, entry.what, entry.count, entry.detail) == (
        "export", "daftar_petugas", 3, {"format": "json", "file": "-"})
