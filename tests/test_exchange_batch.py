"""import_files: several files per transaction (a savepoint each) gives what file-by-file gives."""

import json
import sqlite3
import uuid
import zipfile

import pytest
from helpers.exchange import D1, D2, KEDUNG, at, dump, export, kpu_with_roster, new_install

from kpps_desktop.core import checkin, exchange, sessions
from kpps_desktop.core import db as dbmod


@pytest.fixture
def up_files(tmp_path):
    """Two desa that imported their roster, checked officers in and exported up to the PPK."""
    kpu = kpu_with_roster(tmp_path)
    files = []
    for desa in (D1, D2):
        down = export(kpu, tmp_path / f"down-{desa}.kpps", desa)
        pps = new_install(tmp_path / f"pps-{desa}.sqlite", "pps", desa)
        assert exchange.import_file(pps, down.path, trust_new=True).status == "imported"
        pel = next(s for s in sessions.list_sessions(pps) if s.kind == "pelantikan")
        for i, o in enumerate(sessions.expected_officers(pps, pel.id)[:12]):
            checkin.check_in_officer(pps, pel.id, o["id"], at(f"07:{10 + i}"), "manual", "kartu tertinggal")
        files.append(export(pps, tmp_path / f"up-{desa}.kpps").path)
        pps.close()
    kpu.close()
    return files


def ppk(tmp_path, name):
    return new_install(tmp_path / name, "ppk", KEDUNG)


@pytest.mark.parametrize("commit_records", [1, 10**9])
def test_batched_import_equals_file_by_file_and_is_committed(tmp_path, up_files, commit_records):
    one = ppk(tmp_path, "one.sqlite")
    for path in up_files:
        assert exchange.import_file(one, path, trust_new=True).status == "imported"
    batched = ppk(tmp_path, "batched.sqlite")
    reports = exchange.import_files(batched, up_files + up_files, trust_new=True, commit_records=commit_records)
    assert [r.status for r in reports] == ["imported", "imported", "already", "already"]
    assert not batched.conn.in_transaction
    # Committed: another connection sees it all.
    other = sqlite3.connect(tmp_path / "batched.sqlite")
    assert other.execute("SELECT count(*) FROM imports").fetchone()[0] == 2
    other.close()
    assert dump(batched) == dump(one)


def test_a_refused_file_in_a_batch_rolls_back_only_itself(tmp_path, up_files):
    bad = tmp_path / "bad.kpps"
    data = bytearray(up_files[1].read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    only_first = ppk(tmp_path, "first.sqlite")
    assert exchange.import_file(only_first, up_files[0], trust_new=True).status == "imported"
    db = ppk(tmp_path, "batch.sqlite")
    reports = exchange.import_files(db, [bad, up_files[0], bad], trust_new=True)
    assert [r.status for r in reports] == ["refused", "imported", "refused"]
    assert reports[0].reason
    assert dump(db) == dump(only_first)


def test_a_file_refused_after_staging_leaves_the_batch_intact(tmp_path, up_files):
    """Refused at the merge step (its temp tables full): its savepoint alone is undone."""
    with zipfile.ZipFile(up_files[1]) as z:
        nik = json.loads(z.read("records/officers.jsonl").splitlines()[0])["nik"]

    def with_local_officer(name):
        db = ppk(tmp_path, name)
        db.conn.execute(
            "INSERT INTO officers (id, nik, nama, jk, desa, tps, jabatan, created_at, updated_at, device_id) "
            "VALUES (?, ?, 'Orang Lain', 'L', ?, 1, 'anggota', '2024-11-01T00:00:00+00:00', "
            "'2024-11-01T00:00:00+00:00', ?)", ("f" * 32, nik, D2, "e" * 32))
        db.conn.commit()
        return db
    expected = with_local_officer("expected.sqlite")
    assert exchange.import_file(expected, up_files[0], trust_new=True).status == "imported"
    db = with_local_officer("batch.sqlite")
    reports = exchange.import_files(db, [up_files[0], up_files[1], up_files[0]], trust_new=True)
    assert [r.status for r in reports] == ["imported", "refused", "already"]
    assert "NIK" in reports[1].reason
    assert dump(db) == dump(expected)


def test_a_batch_rolled_back_under_it_is_never_reported_imported(tmp_path, up_files):
    """If SQLite drops the whole transaction (here a trigger's RAISE(ROLLBACK)), the files already
    merged in that batch are reported refused, and the next file starts a new transaction."""
    db = ppk(tmp_path, "batch.sqlite")
    db.conn.execute("CREATE TEMP TRIGGER boom AFTER INSERT ON main.imports "
                    "WHEN (SELECT count(*) FROM main.imports) >= 2 BEGIN SELECT RAISE(ROLLBACK, 'boom'); END")
    reports = exchange.import_files(db, [up_files[0], up_files[1], up_files[1]], trust_new=True)
    assert [r.status for r in reports] == ["refused", "refused", "imported"]
    assert "impor ulang" in reports[0].reason
    assert [r[0] for r in db.conn.execute("SELECT device_id FROM imports")] == [reports[2].device_id]
    assert not db.conn.execute("SELECT 1 FROM officers WHERE desa = ?", (D1,)).fetchone()


def test_new_ids_are_time_ordered_uuid7():
    ids = [dbmod.new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 32 and uuid.UUID(i).version == 7 for i in ids)
    assert ids[0][:12] <= ids[-1][:12]  # the millisecond prefix never goes back
    assert dbmod.time_id(1_700_000_000_000, 0) < dbmod.time_id(1_700_000_000_001, 2**74 - 1)
    assert dbmod.time_id(1_700_000_000_000, 5)[:12] == f"{1_700_000_000_000:012x}"


def test_device_ids_stay_random(tmp_path):
    a = dbmod.open_db(tmp_path / "a.sqlite")
    b = dbmod.open_db(tmp_path / "b.sqlite")
    assert uuid.UUID(dbmod.device_id(a)).version == 4
    assert dbmod.device_id(a)[:8] != dbmod.device_id(b)[:8]


VALID = {
    "officers": {"id": "a" * 32, "nik": "3320014101900001", "nama": "Siti", "jk": "P", "tempat_lahir": None,
                 "tanggal_lahir": "1990-01-01", "alamat": "RT 1", "telepon": None, "desa": D1, "tps": 3,
                 "tps_label": None, "jabatan": "ketua", "status": "aktif", "replaced_by": None, "is_demo": 0,
                 "created_at": "2024-11-01T00:00:00+00:00", "updated_at": "2024-11-01T00:00:00+00:00",
                 "device_id": "b" * 32},
    "sessions": {"id": "c" * 32, "kind": "bimtek", "title": "Bimtek", "date": "2024-11-07", "start_time": "08:00",
                 "end_time": None, "venue": None, "scope_kind": "desa", "scope": D1, "facilitators": None,
                 "closed_at": None, "is_demo": 1, "created_at": "2024-11-01T00:00:00+00:00",
                 "updated_at": "2024-11-01T00:00:00+00:00", "device_id": "d" * 32},
    "attendance": {"id": "e" * 32, "session_id": "c" * 32, "officer_id": None, "status": "izin", "reason": "x",
                   "at": "2024-11-07T07:30:00+07:00", "device_id": "f" * 32, "seq": 2**62, "method": "close",
                   "corrects": "0" * 32, "created_at": "2024-11-07T07:30:00+07:00",
                   "evidence": None},  # left out of a line when null: _records puts it back first
}
TRICKY = [None, 0, 1, -1, 2, 999, 1000, 2**62, 2**62 + 1, True, False, 1.0, "", "a" * 32, "A" * 32, "g" * 32,
          "a" * 31, "a" * 33, "３" * 16, "3320014101900001", "332001410190000", "x" * 500, "x" * 501, [], {},
          ["a"], D1, "33.20", "99.99.99.9999", "2024-11-07", "2024-02-30", "2024-11-07T07:30:00+07:00",
          "24:00", "08:00", "8:00", "ketua", "hadir", "L", "P", "bimtek", "desa", "aktif"]


@pytest.mark.parametrize("table", sorted(VALID))
def test_batch_validator_accepts_exactly_what_the_record_validator_accepts(table):
    """Every column of a valid record set to every tricky value: the fast path agrees, or falls back."""
    fast, slow = exchange._BATCH_VALIDATORS[table], exchange._VALIDATORS[table]
    good = VALID[table]
    assert fast([good, good]) == [slow(good)] * 2
    for column in exchange.COLUMNS[table]:
        for value in TRICKY:
            record = {**good, column: value}
            try:
                expected = slow(record)
            except exchange._Invalid:
                expected = None
            rows = fast([good, record, good])
            if expected is None:
                assert rows is None, (column, value)
            else:
                assert rows in (None, [slow(good), expected, slow(good)]), (column, value)
    assert fast([good, {k: v for k, v in good.items() if k != "id"}]) is None
    assert fast([good, [good]]) is None
