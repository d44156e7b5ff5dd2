"""Issue #12: a key speaks only for its own office and region; times and versions it cannot fake.

Every attack here is a file forged the way an attacker with a desa laptop would: signed with a
real installation's real key, claiming what the attacker wants. Each numbered case of the issue
has its test; each refusal leaves the receiving database unchanged.
"""

import datetime as dt
import json

import pytest
from helpers.exchange import D1, D2, KEDUNG, at, full_dump, new_install

from kpps_desktop import cli
from kpps_desktop.core import cards, checkin, crypt, demo, exchange, installation, keys, recap, roster, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.exchange import provisioning
from kpps_desktop.render import forms

UTC = dt.timezone.utc


def forge(signer, records=None, *, role=None, wilayah=None, scope=None, created_at="2024-11-07T09:00:00+00:00",
          encryption_key=None, raw_manifest=None, setup=None) -> bytes:
    """A file signed with `signer`'s real key, claiming whatever the attacker wants."""
    inst = installation.require(signer)
    members, hashes = [], {}
    for name in exchange.MEMBERS[2:]:
        table = name[len("records/"):-len(".jsonl")] if name.startswith("records/") else None
        lines = [json.dumps(r, separators=(",", ":")).encode() for r in (records or {}).get(table, [])]
        member, digest, count = exchange._deflate(lines, name)
        members.append(member)
        hashes[name] = {"sha256": digest, "size": member.size, "count": count}
    device = {"id": inst.device_id, "role": role or inst.role, "wilayah": wilayah or inst.wilayah,
              "public_key": keys.public_key(signer).hex(),
              "encryption_key": (encryption_key or keys.encryption_keypair(signer)[1]).hex()}
    if raw_manifest is not None:
        head = [exchange._deflate_bytes(exchange.MANIFEST, raw_manifest),
                exchange._deflate_bytes(exchange.SIGNATURE, keys.sign(signer, raw_manifest).hex().encode())]
        return exchange._zip(head + members)
    data, _ = exchange.assemble(members, hashes, [], device=device, scope=scope or inst.wilayah,
                                created_at=created_at, sign=lambda b: keys.sign(signer, b), setup=setup)
    return data


def write(tmp_path, data: bytes, name="forged.kpps"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(db, path, **kw) -> str:
    before = full_dump(db)
    report = exchange.import_file(db, path, **kw)
    assert report.status == "refused", f"forged file accepted: {report.summary()}"
    assert full_dump(db) == before
    return report.reason


def officer_row(db, desa=None) -> dict:
    sql = "SELECT * FROM officers" + (" WHERE desa = ?" if desa else "") + " ORDER BY id LIMIT 1"
    cur = db.conn.execute(sql, (desa,) if desa else ())
    return dict(zip([d[0] for d in cur.description], cur.fetchone()))


def record(db, table, row) -> dict:
    return {c: row[c] for c in exchange.COLUMNS[table]}


@pytest.fixture
def chain(tmp_path):
    """KPU Jepara provisions PPK Kedung, which provisions PPS desa 1; the PPS's first file goes up
    with its berita acara code. Everything the issue's attacker starts from."""
    kpu = new_install(tmp_path / "kpu.sqlite", "kpu", "33.20")
    demo.generate(kpu, KEDUNG)
    ppk = dbmod.open_db(tmp_path / "ppk.sqlite")
    provisioning.apply(ppk, provisioning.make(kpu, tmp_path / "setup-ppk.kpps", KEDUNG).path)
    pps = dbmod.open_db(tmp_path / "pps.sqlite")
    provisioning.apply(pps, provisioning.make(ppk, tmp_path / "setup-pps.kpps", D1).path)
    s = next(x for x in sessions.list_sessions(pps) if x.kind == "pelantikan")
    for o in sessions.expected_officers(pps, s.id)[:3]:
        checkin.check_in_officer(pps, s.id, o["id"], at("07:30", s.date), "manual", "kartu tertinggal")
    up = exchange.export(pps, tmp_path / "up.kpps")
    assert up.encrypted_for is not None and up.encrypted_for.role == "ppk"  # the first file already sealed
    report = exchange.import_file(ppk, up.path, code=up.fingerprint)
    assert report.status == "imported", report.reason
    yield {"kpu": kpu, "ppk": ppk, "pps": pps, "session": s, "tmp": tmp_path}
    for db in (kpu, ppk, pps):
        db.close()


# --- 1. a desa key claiming to be the KPU ----------------------------------------------------

def test_1_a_desa_key_cannot_claim_to_be_the_kpu_nor_become_a_recipient(chain, tmp_path):
    ppk, pps = chain["ppk"], chain["pps"]
    kpu_key = keys.encryption_keypair(chain["kpu"])[1]
    forged = write(tmp_path, forge(pps, role="kpu", wilayah="33.20", scope=KEDUNG))
    assert "dikenal sebagai PPS" in refused(ppk, forged)
    assert "hanya mewakili" in refused(ppk, write(tmp_path, forge(pps, role="kpu", wilayah=D1), "b.kpps"))
    # The PPK's next file up is still sealed for the real KPU, never for the desa.
    assert [r.public_key for r in crypt.recipients(ppk)] == [kpu_key]
    assert exchange.export(ppk, tmp_path / "kec.kpps").encrypted_for.public_key == kpu_key


def test_1_a_strangers_key_taken_with_trust_new_never_becomes_a_recipient(chain, tmp_path):
    stranger = new_install(tmp_path / "stranger.sqlite", "kpu", "33.20")
    forged = write(tmp_path, forge(stranger, scope=KEDUNG))
    # The KPU is established at this PPK by its setup file: --trust-new cannot add a second one.
    assert "--trust-new tidak dapat menambah" in refused(chain["ppk"], forged, trust_new=True)
    # A PPK set up by hand, with no KPU established: the stranger is trusted, but only for what it
    # signs; files going up are never encrypted to it.
    lone = new_install(tmp_path / "lone.sqlite", "ppk", KEDUNG)
    assert exchange.import_file(lone, forged, trust_new=True).status == "imported"
    assert crypt.recipients(lone) == []
    assert exchange.export(lone, tmp_path / "lone-up.kpps").encrypted_for is None


# --- 4. authority tied to region -------------------------------------------------------------

def test_4_a_desa_key_writes_only_inside_its_desa(chain, tmp_path):
    ppk, pps = chain["ppk"], chain["pps"]
    other = record(ppk, "officers", officer_row(ppk, D2))
    changed = {**other, "nama": "NAMA PALSU", "updated_at": "2024-11-08T00:00:00+00:00"}
    # Scoped to the whole kecamatan.
    reason = refused(ppk, write(tmp_path, forge(pps, {"officers": [changed]}, scope=KEDUNG)))
    assert "di luar wilayah penandatangannya" in reason
    # Scoped to its own desa but carrying another desa's officer.
    refused(ppk, write(tmp_path, forge(pps, {"officers": [changed]}, scope=D1), "b.kpps"))
    # A card for another desa's officer already at the PPK (the officer is not in the file).
    card = {"code": cards.new_code(), "officer_id": other["id"], "issued_at": "2024-11-07T08:00:00+00:00",
            "device_id": installation.require(pps).device_id, "revoked_at": None}
    assert "di luar wilayah penandatangan" in refused(ppk, write(tmp_path, forge(pps, {"cards": [card]}), "c.kpps"))
    # A session of another desa.
    s = record(ppk, "sessions", dict(zip([d[0] for d in ppk.conn.execute("SELECT * FROM sessions").description],
                                         ppk.conn.execute("SELECT * FROM sessions LIMIT 1").fetchone())))
    foreign = {**s, "id": "ab" * 16, "scope_kind": "desa", "scope": D2}
    assert "di luar wilayah penandatangan" in refused(ppk, write(tmp_path, forge(pps, {"sessions": [foreign]}),
                                                                  "d.kpps"))


def test_4_a_wider_session_is_carried_but_a_desa_key_cannot_change_it(chain, tmp_path):
    ppk, pps = chain["ppk"], chain["pps"]
    made = sessions.create_session(ppk, "bimtek", "Bimtek Kecamatan", "2024-11-09", "08:00", scope_kind="kecamatan",
                                   scope=KEDUNG)
    cols = [d[0] for d in ppk.conn.execute("SELECT * FROM sessions").description]
    wide = dict(zip(cols, ppk.conn.execute("SELECT * FROM sessions WHERE id = ?", (made.id,)).fetchone()))
    changed = {**record(ppk, "sessions", wide), "title": "Dibatalkan", "closed_at": "2024-11-07T08:00:00+00:00",
               "updated_at": "2024-11-08T00:00:00+00:00"}
    report = exchange.import_file(ppk, write(tmp_path, forge(pps, {"sessions": [changed]})))
    assert report.status == "imported", report.reason
    after = sessions.get_session(ppk, wide["id"])
    assert (after.title, after.closed_at) == (wide["title"], wide["closed_at"])


# --- 2. times without offset --------------------------------------------------------------------

@pytest.mark.parametrize("stamp", ["2024-11-07T08:00:00", "2024-11-07", "20241107T080000",
                                   "2019-12-31T23:00:00+00:00"])
def test_2_a_time_without_offset_or_before_2020_refuses_the_file(chain, tmp_path, stamp, qapp):
    ppk, pps, s = chain["ppk"], chain["pps"], chain["session"]
    o = sessions.expected_officers(pps, s.id)[5]
    event = {"id": "cd" * 16, "session_id": s.id, "officer_id": o["id"], "status": "hadir", "reason": None,
             "at": stamp, "device_id": installation.require(pps).device_id, "seq": 999, "method": "manual",
             "corrects": None, "created_at": "2024-11-07T08:00:00+00:00"}
    reason = refused(ppk, write(tmp_path, forge(pps, {"attendance": [event]})))
    assert "zona waktu" in reason or "2020" in reason
    # The session still works end to end at the PPK.
    assert checkin.check_in_officer(ppk, s.id, o["id"], at("08:10", s.date), "manual", "x").result
    sessions.close_session(ppk, s.id, at("12:00", s.date))
    forms.daftar_hadir_pdf(ppk, s.id, tmp_path / "dh.pdf")


def test_2_an_old_database_with_a_naive_time_still_runs_every_command(chain, tmp_path, qapp):
    """Rows stored before the clock rule: read as UTC and flagged, never a traceback."""
    ppk, s = chain["ppk"], chain["session"]
    o = sessions.expected_officers(ppk, s.id)[6]
    ppk.conn.execute(
        f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES (?, ?, ?, 'hadir', NULL, '2024-11-07T08:00:00', "
        "?, 1, 'manual', NULL, '2024-11-07T08:00:00')", ("ef" * 16, s.id, o["id"], "12" * 16))
    ppk.conn.commit()
    other = sessions.expected_officers(ppk, s.id)[7]
    checkin.check_in_officer(ppk, s.id, other["id"], at("08:20", s.date), "manual", "x")
    sessions.close_session(ppk, s.id, at("12:00", s.date))
    forms.daftar_hadir_pdf(ppk, s.id, tmp_path / "dh.pdf")
    assert any(a.kind == "clock" and "tanpa zona waktu" in a.explanation for a in recap.anomalies(ppk, [s.id]))
    ppk.close()
    for fmt in ("pdf", "xlsx", "csv", "json"):
        assert cli.main(["recap", "--db", str(chain["tmp"] / "ppk.sqlite"), "--format", fmt,
                         "--out", str(tmp_path / f"r.{fmt}")]) == 0
    chain["ppk"] = dbmod.open_db(chain["tmp"] / "ppk.sqlite")


# --- 3. future dates and the clock rule --------------------------------------------------------

def test_3_a_far_future_version_is_refused(chain, tmp_path):
    ppk, pps = chain["ppk"], chain["pps"]
    mine = record(pps, "officers", officer_row(pps, D1))
    for stamp in ("9999-12-31T00:00:00+00:00",
                  (dt.datetime.now(UTC) + dt.timedelta(days=2)).isoformat(timespec="seconds")):
        forged = {**mine, "nama": "NAMA PALSU", "updated_at": stamp}
        assert "lebih dari sehari" in refused(ppk, write(tmp_path, forge(pps, {"officers": [forged]})))
    # The manifest's own time is held to the same rule.
    assert "lebih dari sehari" in refused(ppk, write(tmp_path, forge(pps, created_at="9999-12-31T00:00:00+00:00"),
                                                     "m.kpps"))


def test_3_a_correction_made_after_seeing_a_version_wins_over_a_fast_clock(chain, tmp_path):
    """A desk whose clock runs 20 hours ahead edits a name; the desa corrects it at its true time;
    the PPK ends with the correction, not the fast clock's version."""
    ppk, pps = chain["ppk"], chain["pps"]
    officer = roster.get_officer(pps, officer_row(pps, D1)["id"])
    fast = (dt.datetime.now(UTC) + dt.timedelta(hours=20)).isoformat(timespec="seconds")
    ppk.conn.execute("UPDATE officers SET nama = 'Nama Salah', updated_at = ? WHERE id = ?", (fast, officer.id))
    ppk.conn.commit()
    down = exchange.export(ppk, tmp_path / "down.kpps", D1)
    assert exchange.import_file(pps, down.path).status == "imported"
    assert roster.get_officer(pps, officer.id).nama == "Nama Salah"
    fixed = roster.get_officer(pps, officer.id)
    fixed.nama = "Nama Benar"
    roster.update_officer(pps, fixed)
    report = exchange.import_file(ppk, exchange.export(pps, tmp_path / "up2.kpps").path)
    assert report.status == "imported", report.reason
    assert roster.get_officer(ppk, officer.id).nama == "Nama Benar"


# --- 5. parsing before the signature ----------------------------------------------------------

def test_5_a_deeply_nested_manifest_is_refused_and_the_other_files_still_import(chain, tmp_path, capsys):
    ppk, pps = chain["ppk"], chain["pps"]
    deep = write(tmp_path, forge(pps, raw_manifest=b"[" * 200_000 + b"]" * 200_000 + b"\n"), "deep.kpps")
    nested_line = write(tmp_path, forge(pps, {"officers": [json.loads("[" * 30 + "]" * 30)]}), "line.kpps")
    s = chain["session"]
    o = sessions.expected_officers(pps, s.id)[8]
    checkin.check_in_officer(pps, s.id, o["id"], at("07:50", s.date), "manual", "x")
    good = exchange.export(pps, tmp_path / "good.kpps").path
    ppk.close()
    code = cli.main(["import", "--db", str(chain["tmp"] / "ppk.sqlite"), str(deep), str(nested_line), str(good)])
    out = capsys.readouterr()
    assert code == 1
    assert "deep.kpps: DITOLAK" in out.err and "line.kpps: DITOLAK" in out.err
    assert "good.kpps: diimpor" in out.out
    chain["ppk"] = dbmod.open_db(chain["tmp"] / "ppk.sqlite")
    assert chain["ppk"].conn.execute("SELECT count(*) FROM attendance WHERE officer_id = ?", (o["id"],)).fetchone()[0]


def test_5_preview_of_a_strangers_file_reports_instead_of_crashing(chain, tmp_path):
    stranger = new_install(tmp_path / "stranger.sqlite", "pps", D1)
    demo_row = {**record(chain["pps"], "officers", officer_row(chain["pps"], D1)), "nama": "Orang Lain"}
    path = write(tmp_path, forge(stranger, {"officers": [demo_row]}))
    before = full_dump(chain["ppk"])
    report = exchange.import_file(chain["ppk"], path, commit=False)
    assert report.status in ("preview", "refused") and report.summary()
    assert full_dump(chain["ppk"]) == before
    assert cli.main(["import", "--db", str(chain["tmp"] / "ppk.sqlite"), "--preview", str(path)]) in (0, 1)


# --- 6. one officer validator -------------------------------------------------------------------

def test_6_a_nik_the_roster_import_refuses_is_refused_in_a_handover_file_too(chain, tmp_path):
    ppk, pps = chain["ppk"], chain["pps"]
    row = record(pps, "officers", officer_row(pps, D1))
    bad_nik = row["nik"][:6] + "9999" + row["nik"][10:]
    problems = roster.record_problems({**row, "nik": bad_nik})
    assert "nik" in problems
    forged = {**row, "id": "9a" * 16, "nik": bad_nik}
    assert "NIK" in refused(ppk, write(tmp_path, forge(pps, {"officers": [forged]})))


# --- 7. the code on the berita acara, and provisioning ---------------------------------------

def test_7_the_code_on_the_berita_acara_admits_a_new_desk_and_a_wrong_one_refuses(chain, tmp_path):
    ppk = chain["ppk"]
    desk2 = new_install(tmp_path / "desk2.sqlite", "pps", D1)
    up = exchange.export(desk2, tmp_path / "desk2.kpps")
    assert f"Kode verifikasi: {up.fingerprint}" in up.receipt()
    reason = refused(ppk, up.path)
    assert up.fingerprint in reason and "--code" in reason
    assert "tidak cocok" in refused(ppk, up.path, code="0000 0000 0000 0000")
    # The office (PPS desa 1) is established by paper here: --trust-new cannot add a device to it.
    assert "--trust-new tidak dapat menambah" in refused(ppk, up.path, trust_new=True)
    report = exchange.import_file(ppk, up.path, code=up.fingerprint.lower().replace(" ", "-"))
    assert report.status == "imported", report.reason
    assert keys.trusted(ppk, report.device_id).basis == "paper"


def test_7_cli_provision_then_init_from_the_setup_file(chain, tmp_path, capsys):
    chain["ppk"].close()
    assert cli.main(["provision", "--db", str(chain["tmp"] / "ppk.sqlite"), "--wilayah", D2,
                     "--out", str(tmp_path / "d2.kpps")]) == 0
    capsys.readouterr()
    new_db = tmp_path / "d2.sqlite"
    assert cli.main(["init", "--db", str(new_db), "--from", str(tmp_path / "d2.kpps")]) == 0
    assert "Database diatur: PPS 33.20.01.2002" in capsys.readouterr().out
    db = dbmod.open_db(new_db)
    try:
        assert [r.role for r in crypt.recipients(db)] == ["ppk", "kpu"]
        assert roster.list_officers(db) and all(o["desa"] == D2 for o in roster.list_officers(db))
    finally:
        db.close()
    # A setup file for another office, or a plain handover file, is refused by init --from.
    assert cli.main(["init", "--db", str(tmp_path / "x.sqlite"), "--role", "pps", "--wilayah", D1]) == 0
    assert cli.main(["init", "--db", str(tmp_path / "x.sqlite"), "--from", str(tmp_path / "d2.kpps")]) == 1
    assert cli.main(["init", "--db", str(tmp_path / "y.sqlite")]) == 2


def test_6_the_fast_nik_pass_accepts_only_what_the_nik_validator_accepts():
    """nik.all_valid is the handover import's shortcut over millions of NIKs: it may never accept
    a NIK nik.check refuses (on a False the import asks nik.check, which names the error)."""
    import random

    from kpps_desktop.core import nik

    rng = random.Random(12)
    disagree = 0
    for i in range(60_000):
        if i % 2:
            text = "".join(rng.choice("0123456789") for _ in range(16))
        else:
            text = (f"33{rng.randrange(100):02d}{rng.randrange(100):02d}{rng.randrange(80):02d}"
                    f"{rng.randrange(14):02d}{rng.randrange(100):02d}{rng.randrange(10000):04d}")
        fast, slow = nik.all_valid([text]), not nik.check(text).errors
        assert slow or not fast, text
        disagree += fast != slow
    assert disagree < 60  # only 29 February, which needs the century
    assert not nik.all_valid(["3320019999990001"]) and nik.all_valid(["3320015705900001"])


def test_6_the_fast_officer_pass_leaves_to_the_validator_everything_it_could_refuse():
    """roster.rows_to_check: every row it lets through passes roster.record_problems."""
    import random

    from kpps_desktop.core import nik

    rng = random.Random(6)
    texts = ["", " ", "Siti  Aminah", "Budi", "x" * 100, "x" * 101, "Ṣiti", "Bu\u202edi", "Bu\x00di", "a\tb",
             "0812-3456 7890", "+62 812 3456 7890", "12345", "0812345678901234567", "RT 01 / RW 02", None]
    columns = exchange.COLUMNS["officers"]
    base = {"id": "a" * 32, "nik": nik.make("332001", dt.date(1990, 5, 17), "L", 12), "nama": "Siti", "jk": "L",
            "tempat_lahir": None, "tanggal_lahir": None, "alamat": None, "telepon": None, "desa": D1, "tps": 1,
            "tps_label": None, "jabatan": "ketua", "status": "aktif", "replaced_by": None, "is_demo": 0,
            "created_at": "2024-11-01T00:00:00+00:00", "updated_at": "2024-11-01T00:00:00+00:00",
            "device_id": "b" * 32}
    records = []
    for _ in range(3000):
        r = dict(base)
        for key in ("nama", "tempat_lahir", "alamat", "telepon", "tps_label"):
            if rng.random() < 0.4:
                r[key] = rng.choice(texts)
        if rng.random() < 0.3:
            r["nik"] = "".join(rng.choice("0123456789") for _ in range(16))
        records.append(r)
    rows = [tuple(r[c] for c in columns) for r in records]
    flagged = set(roster.rows_to_check(columns, rows))
    for i, r in enumerate(records):
        if i not in flagged:
            assert roster.record_problems(r) == {}, r
    assert 0 < len(flagged) < len(rows)


def test_7_a_refused_setup_file_leaves_a_fresh_database_fresh(chain, tmp_path):
    """Verified on its own, refused when merged (a reference to nothing): not even the role stays."""
    dangling = {"session_id": "0" * 32, "officer_id": "1" * 32}
    setup = {"kind": "office", "role": "pps", "wilayah": D2, "settings": {}, "upper": []}
    path = write(tmp_path, forge(chain["ppk"], {"session_officers": [dangling]}, scope=D2, setup=setup))
    assert provisioning.read(path).wilayah == D2
    fresh = dbmod.open_db(tmp_path / "fresh.sqlite")
    try:
        before = full_dump(fresh)
        with pytest.raises(exchange.ExchangeError, match="tidak ada"):
            provisioning.apply(fresh, path)
        assert full_dump(fresh) == before and installation.get(fresh) is None
    finally:
        fresh.close()


def test_3_migration_0011_brings_far_future_versions_back_to_now(tmp_path):
    """A database that took 9999-12-31 versions before the clock rule: after the upgrade they are
    'now', so the desa's next genuine correction wins."""
    path = tmp_path / "old.sqlite"
    db = new_install(path, "ppk", KEDUNG)
    demo.generate(db, D1)
    oid = officer_row(db, D1)["id"]
    db.conn.execute("UPDATE officers SET nama = 'Nama Palsu', updated_at = '9999-12-31T00:00:00+00:00' WHERE id = ?",
                    (oid,))
    # Back to the schema before 0011, as a database of the previous version is.
    db.conn.execute("ALTER TABLE trusted_devices DROP COLUMN basis")
    db.conn.execute("ALTER TABLE trusted_devices DROP COLUMN encryption_key")
    db.conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0011_handover_authority'")
    db.conn.execute("PRAGMA user_version = 10")
    db.conn.commit()
    db.close()
    db = dbmod.open_db(path)
    try:
        stamp = dt.datetime.fromisoformat(
            db.conn.execute("SELECT updated_at FROM officers WHERE id = ?", (oid,)).fetchone()[0])
        assert abs(stamp - dt.datetime.now(UTC)) < dt.timedelta(minutes=5)
        fixed = roster.get_officer(db, oid)
        fixed.nama = "Nama Benar"
        roster.update_officer(db, fixed)
        assert db.conn.execute("SELECT updated_at FROM officers WHERE id = ?", (oid,)).fetchone()[0] > \
            stamp.isoformat(timespec="seconds")
    finally:
        db.close()


def test_7_one_call_takes_each_files_own_code(chain, tmp_path):
    """The handover screen and the CLI make the same batched call; each file brings its own code."""
    ppk = chain["ppk"]
    ups = []
    for name in ("meja-a", "meja-b"):
        desk = new_install(tmp_path / f"{name}.sqlite", "pps", D1)
        ups.append(exchange.export(desk, tmp_path / f"{name}.kpps"))
        desk.close()
    reports = exchange.import_files(ppk, [u.path for u in ups],
                                    codes={str(ups[0].path): ups[0].fingerprint, str(ups[1].path): "0000 0000 0000 0000"})
    assert [r.status for r in reports] == ["imported", "refused"]
    assert "tidak cocok" in reports[1].reason
