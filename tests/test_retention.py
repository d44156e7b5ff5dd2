"""Retention: after delete_personal_data no personal datum is left in the database file, and the recap is unchanged."""

import datetime as dt
import json
import sqlite3

import pytest
from PIL import Image

from kpps_desktop import cli
from kpps_desktop.core import audit, backup, cards, checkin, demo, recap, retention, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.progress import Canceled, Progress

WIB = dt.timezone(dt.timedelta(hours=7))
DESA = "33.20.01.2001"
PERSONAL = ("nik", "nama", "tempat_lahir", "tanggal_lahir", "alamat", "telepon")


@pytest.fixture
def term(db_path, tmp_path):
    """A PPS at the end of its term: demo roster, cards, photos, check-ins with reasons, a lost card,
    a refused scan of a typed NIK, a closed session, and a backup beside the database."""
    db = dbmod.open_db(db_path)
    demo.generate(db, DESA)
    dbmod.set_setting(db, "operator", "Operator Meja")
    cards.issue_missing(db)
    officers = {r[0]: dict(zip(PERSONAL, r[1:]))
                for r in db.conn.execute(f"SELECT id, {', '.join(PERSONAL)} FROM officers")}
    folder = tmp_path / "foto"
    folder.mkdir()
    for o in list(officers.values())[:3]:
        Image.new("RGB", (300, 400), (20, 120, 200)).save(folder / f"{o['nik']}.jpg")
    assert cards.import_photos(db, folder).imported == 3
    codes = cards.current_codes(db)
    first, second = sorted(sessions.list_sessions(db), key=lambda s: (s.date, s.start_time))[:2]
    start = dt.datetime.combine(dt.date.fromisoformat(first.date), dt.time.fromisoformat(first.start_time), tzinfo=WIB)
    expected = sessions.expected_officers(db, first.id)
    for i, o in enumerate(expected[:40]):
        assert checkin.check_in(db, first.id, codes[o["id"]], start + dt.timedelta(minutes=i)).ok
    sick = expected[41]
    checkin.set_status(db, first.id, sick["id"], "izin", f"{sick['nama']} dirawat, demam berdarah", start)
    checkin.check_in(db, first.id, officers[expected[42]["id"]]["nik"], start)  # a NIK typed into the scan field
    lost = expected[43]
    cards.reissue(db, lost["id"], f"kartu {lost['nama']} hilang")
    sessions.close_session(db, first.id, start + dt.timedelta(hours=4))
    backup.create(db_path, "manual")
    db.officers, db.sessions_ = officers, (first, second)
    db.live_codes = cards.current_codes(db)
    yield db
    db.close()


def recaps(db) -> str:
    """Every anonymous recap the app offers, as JSON text."""
    ids = [s.id for s in sessions.list_sessions(db)]
    out = {f"{by}:{sid}": recap.as_json(recap.recap(db, by, [sid] if sid else None))
           for by in ("kecamatan", "desa", "tps") for sid in [None, *ids]}
    return json.dumps(out, sort_keys=True)


def file_bytes(path) -> bytes:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def personal_values(officers: dict) -> list[str]:
    values = []
    for o in officers.values():
        values += [o[k] for k in PERSONAL if o[k]]
    return values


def test_plan_counts_what_goes_and_what_stays(term):
    p = retention.plan(term)
    n = len(term.officers)
    assert (p.wilayah, p.officers, p.niks, p.births, p.addresses, p.phones) == (DESA, n, n, n, n, n)
    assert (p.photos, p.cards, p.reasons, p.scan_texts, p.backups) == (3, n + 1, 2, 1, 1)
    assert p.sessions == 2 and p.attendance > 40 and p.deleted_at is None
    assert any("NIK 63" in line for line in p.deleted_lines())


def test_wrong_confirmation_deletes_nothing(term, db_path):
    before = file_bytes(db_path)
    for typed in ("", None, "33.20.01.2002", "hapus"):
        with pytest.raises(retention.RetentionError, match="Konfirmasi salah.*33.20.01.2001"):
            retention.delete_personal_data(term, typed)
    assert retention.plan(term).niks == len(term.officers)
    assert audit.entries(term, "delete_personal_data") == []
    assert all(v.encode() in file_bytes(db_path) for v in personal_values(term.officers)[:20])
    assert len(before) > 0


def test_cancel_before_the_commit_leaves_everything(term):
    progress = Progress()
    progress.cancel()
    with pytest.raises(Canceled):
        retention.delete_personal_data(term, DESA, progress=progress)
    p = retention.plan(term)
    assert (p.niks, p.photos, p.cards, p.backups) == (len(term.officers), 3, len(term.officers) + 1, 1)
    assert audit.entries(term, "delete_personal_data") == []


def test_no_personal_datum_left_in_the_file_and_recap_identical(term, db_path):
    before_recap = recaps(term)
    kept = {r[0]: r[1:] for r in term.conn.execute("SELECT id, desa, tps, jabatan, jk, status, replaced_by FROM officers")}
    attendance = term.conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
    raw = file_bytes(db_path)
    secrets = personal_values(term.officers) + list(term.live_codes.values())
    assert all(s.encode() in raw for s in secrets[:50])  # the scan below can see them

    progress = Progress()
    done = retention.delete_personal_data(term, "3320012001", progress=progress)  # dots optional

    assert progress.done == progress.total == 6
    assert done.plan.niks == len(term.officers) and len(done.backups_removed) == 1
    assert backup.list_backups(db_path) == []
    raw = file_bytes(db_path)
    left = [s for s in secrets if s.encode() in raw]
    assert left == []
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert recaps(term) == before_recap
    assert {r[0]: r[1:] for r in term.conn.execute(
        "SELECT id, desa, tps, jabatan, jk, status, replaced_by FROM officers")} == kept
    assert term.conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == attendance
    rows = term.conn.execute(f"SELECT id, {', '.join(PERSONAL)} FROM officers").fetchall()
    assert all(r[1] == retention.DELETED_PREFIX + r[0] and r[2].startswith("Petugas TPS ")
               and r[3:] == (None,) * 4 for r in rows)
    for table in ("officer_photos", "cards"):
        assert term.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    [entry] = audit.entries(term, "delete_personal_data")
    assert (entry.operator, entry.scope, entry.count, entry.detail["niks"]) == (
        "Operator Meja", DESA, len(term.officers), len(term.officers))
    assert term.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_pseudonyms_number_each_tps_ketua_first(term):
    retention.delete_personal_data(term, DESA)
    rows = term.conn.execute("SELECT nama, jabatan FROM officers WHERE tps = 1 ORDER BY nama").fetchall()
    assert rows[0] == ("Petugas TPS 001 #1", "ketua")
    assert [n for n, _ in rows] == [f"Petugas TPS 001 #{i}" for i in range(1, len(rows) + 1)]


def test_attendance_stays_append_only_and_a_second_run_is_harmless(term):
    retention.delete_personal_data(term, DESA)
    with pytest.raises(sqlite3.IntegrityError, match="tidak boleh diubah"):
        with term.atomic():
            term.conn.execute("UPDATE attendance SET status = 'hadir'")
    again = retention.delete_personal_data(term, DESA)
    assert (again.plan.niks, again.plan.photos, again.plan.backups) == (0, 0, 0)
    assert retention.plan(term).deleted_at is not None
    assert len(audit.entries(term, "delete_personal_data")) == 2


def test_cli_retention(term, db_path, capsys):
    assert cli.main(["retention", "status", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Akan dihapus" in out and f"--confirm {DESA}" in out
    assert cli.main(["retention", "delete", "--db", str(db_path), "--confirm", "33.20.01.2002"]) == 1
    assert "Konfirmasi salah" in capsys.readouterr().err
    assert retention.plan(term).niks == len(term.officers)
    assert cli.main(["retention", "delete", "--db", str(db_path), "--confirm", DESA]) == 0
    assert "dihapus" in capsys.readouterr().out
    assert retention.plan(term).niks == 0
    assert cli.main(["retention", "status", "--db", str(db_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["niks"] == 0
