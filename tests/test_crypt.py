"""Handover files encrypted to the receiving office: only it can open them; anyone else, any change, is refused."""

import datetime as dt
import hashlib
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kpps_desktop import cli
from kpps_desktop.core import checkin, crypt, demo, exchange, installation, keys, sessions
from kpps_desktop.core import db as dbmod

WIB = dt.timezone(dt.timedelta(hours=7))
KAB, KEDUNG, D1 = "33.20", "33.20.01", "33.20.01.2001"


def new_install(path, role, kode):
    db = dbmod.open_db(path)
    installation.init(db, role, kode)
    return db


def full_dump(db):
    """Every table, local ones included: what 'the database is unchanged' compares."""
    tables = [r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: sorted(map(repr, db.conn.execute(f"SELECT * FROM [{t}]"))) for t in tables}


def check_in_some(db, n=5):
    s = next(s for s in sessions.list_sessions(db) if s.kind == "pelantikan")
    for i, o in enumerate(sessions.expected_officers(db, s.id)[:n]):
        checkin.check_in_officer(db, s.id, o["id"], dt.datetime(2024, 11, 7, 7, 30 + i, tzinfo=WIB),
                                 "manual", "kartu tertinggal")
    return n


def pair():
    a, b = X25519PrivateKey.generate(), X25519PrivateKey.generate()
    return (a.private_bytes_raw(), a.public_key().public_bytes_raw()), (b.private_bytes_raw(),
                                                                       b.public_key().public_bytes_raw())


# --- the primitive ----------------------------------------------------------------------------

def test_round_trip_and_header():
    (priv, pub), _ = pair()
    data = b"PK\x03\x04" + bytes(range(256)) * 50
    sealed = crypt.encrypt(data, pub)
    assert sealed[:8] == b"KPPSENC1" and crypt.is_encrypted(sealed)
    assert crypt.recipient_of(sealed) == hashlib.sha256(pub).digest()
    assert len(sealed) == len(data) + crypt.HEADER_BYTES + crypt.TAG_BYTES
    assert data not in sealed and bytes(range(256)) not in sealed
    assert crypt.decrypt(sealed, priv) == data
    assert crypt.encrypt(data, pub) != sealed  # a fresh ephemeral key and nonce every time


def test_other_key_tampering_and_truncation_are_refused():
    (priv, pub), (other_priv, _) = pair()
    sealed = crypt.encrypt(b"rahasia " * 100, pub)
    with pytest.raises(crypt.CryptError, match="kantor lain"):
        crypt.decrypt(sealed, other_priv)
    # Every region: magic-adjacent recipient id, ephemeral key, nonce, body, tag.
    for offset in (8, 40, 72, 90, len(sealed) // 2, len(sealed) - 1):
        bad = bytearray(sealed)
        bad[offset] ^= 0x01
        with pytest.raises(crypt.CryptError):
            crypt.decrypt(bytes(bad), priv)
    for cut in (10, crypt.HEADER_BYTES, len(sealed) - 1):
        with pytest.raises(crypt.CryptError):
            crypt.decrypt(sealed[:cut], priv)
    with pytest.raises(crypt.CryptError, match="tidak valid"):
        crypt.encrypt(b"x", b"short")


# --- end to end with separate database files ------------------------------------------------

@pytest.fixture
def kpu_pps(tmp_path):
    """KPU Jepara with desa Kedungmalang's roster; PPS Kedungmalang set up from the KPU's setup file
    (plain: going down; it carries the KPU's key, which the PPS then encrypts to)."""
    kpu = new_install(tmp_path / "kpu.sqlite", "kpu", KAB)
    demo.generate(kpu, D1)
    down = exchange.provisioning.make(kpu, tmp_path / "down.kpps", D1)
    assert down.encrypted_for is None and not crypt.is_encrypted(down.path.read_bytes())
    assert "TIDAK terenkripsi" in down.receipt()
    pps = dbmod.open_db(tmp_path / "pps.sqlite")
    _, report = exchange.provisioning.apply(pps, down.path)
    assert report.status == "imported"
    yield kpu, pps
    kpu.close()
    pps.close()


def test_pps_sends_up_encrypted_to_the_kpu_that_sent_its_roster(kpu_pps, tmp_path):
    kpu, pps = kpu_pps
    n = check_in_some(pps)
    [to_kpu] = crypt.recipients(pps)
    assert (to_kpu.role, to_kpu.wilayah) == ("kpu", KAB)
    assert to_kpu.public_key == keys.encryption_keypair(kpu)[1]
    up = exchange.export(pps, tmp_path / "up.kpps", encrypt=to_kpu)
    raw = up.path.read_bytes()
    assert crypt.is_encrypted(raw) and up.sha256 == hashlib.sha256(raw).hexdigest() and up.size == len(raw)
    assert b"officers" not in raw and "terenkripsi untuk KPU Kabupaten Jepara" in up.receipt()

    # A PPK of the kecamatan (and anyone else) gets a clear refusal and an unchanged database.
    ppk = new_install(tmp_path / "ppk.sqlite", "ppk", KEDUNG)
    before = full_dump(ppk)
    report = exchange.import_file(ppk, up.path, trust_new=True)
    assert report.status == "refused" and "dienkripsi untuk kantor lain" in report.reason
    assert full_dump(ppk) == before

    # A tampered copy is refused at the KPU, which stays unchanged.
    before = full_dump(kpu)
    bad = bytearray(raw)
    bad[len(raw) // 2] ^= 0x40
    (tmp_path / "bad.kpps").write_bytes(bytes(bad))
    report = exchange.import_file(kpu, tmp_path / "bad.kpps", trust_new=True)
    assert report.status == "refused" and "rusak atau telah diubah" in report.reason
    assert full_dump(kpu) == before

    # The KPU opens it: preview, then import; the attendance arrives.
    preview = exchange.import_file(kpu, up.path, trust_new=True, commit=False)
    assert preview.status == "preview" and preview.encrypted and preview.counts["attendance"].new == n
    assert full_dump(kpu) == before
    report = exchange.import_file(kpu, up.path, trust_new=True)
    assert report.status == "imported" and report.encrypted, report.reason
    assert report.file_hash == up.sha256
    assert kpu.conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == n
    assert exchange.import_file(kpu, up.path).status == "already"


def test_default_follows_the_hierarchy_kpu_ppk_pps_and_back(tmp_path):
    """Rosters go down plain (they carry the key); every file going up is sealed for the office directly above."""
    kpu = new_install(tmp_path / "kpu.sqlite", "kpu", KAB)
    demo.generate(kpu, D1)
    to_ppk = exchange.provisioning.make(kpu, tmp_path / "kec.kpps", KEDUNG)
    ppk = dbmod.open_db(tmp_path / "ppk.sqlite")
    exchange.provisioning.apply(ppk, to_ppk.path)
    to_pps = exchange.provisioning.make(ppk, tmp_path / "desa.kpps", D1)  # part of its region: going down
    assert to_pps.encrypted_for is None
    pps = dbmod.open_db(tmp_path / "pps.sqlite")
    exchange.provisioning.apply(pps, to_pps.path)
    # The PPK's setup file carried the KPU it is established with: the desa knows both offices above.
    assert [r.role for r in crypt.recipients(pps)] == ["ppk", "kpu"]

    n = check_in_some(pps, 3)
    up = exchange.export(pps, tmp_path / "up.kpps")
    assert up.encrypted_for.role == "ppk" and crypt.is_encrypted(up.path.read_bytes())
    before = full_dump(kpu)
    refused = exchange.import_file(kpu, up.path, trust_new=True)
    assert refused.status == "refused" and "dienkripsi untuk kantor lain;" in refused.reason
    assert full_dump(kpu) == before
    report = exchange.import_file(ppk, up.path, trust_new=True)
    assert report.status == "imported" and report.encrypted, report.reason

    kec = exchange.export(ppk, tmp_path / "kec-up.kpps")
    assert kec.encrypted_for.role == "kpu" and kec.encrypted_for.public_key == keys.encryption_keypair(kpu)[1]
    report = exchange.import_file(kpu, kec.path, trust_new=True)
    assert report.status == "imported" and report.counts["attendance"].new == n, report.reason
    # Now the KPU has seen the PPK's key, so a refusal says whom the file is for.
    refused = exchange.import_file(kpu, up.path, trust_new=True)
    assert "dienkripsi untuk kantor lain (PPK Kedung)" in refused.reason


def test_cli_says_when_a_file_is_not_encrypted(kpu_pps, tmp_path, capsys):
    kpu, pps = kpu_pps
    pps_path = tmp_path / "pps.sqlite"
    check_in_some(pps, 1)
    pps.close()
    # No PPK key yet: the default leaves the file plain, and says so.
    assert cli.main(["export", "--db", str(pps_path), "--out", str(tmp_path / "plain")]) == 0
    out = capsys.readouterr()
    assert "TIDAK terenkripsi" in out.out and "TIDAK terenkripsi" in out.err
    assert not crypt.is_encrypted((tmp_path / "plain.kpps").read_bytes())
    assert cli.main(["export", "--db", str(pps_path), "--out", str(tmp_path / "sealed"), "--encrypt-to", "kpu"]) == 0
    out = capsys.readouterr()
    assert "terenkripsi untuk KPU" in out.out and out.err == ""
    assert crypt.is_encrypted((tmp_path / "sealed.kpps").read_bytes())
    assert cli.main(["export", "--db", str(pps_path), "--out", str(tmp_path / "x"), "--encrypt-to", "ppk"]) == 1
    assert "PPK belum diketahui" in capsys.readouterr().err
    assert not (tmp_path / "x.kpps").exists()
    report = exchange.import_file(kpu, tmp_path / "sealed.kpps", trust_new=True)
    assert report.status == "imported" and report.encrypted


def test_encryption_key_is_separate_made_once_and_carried_in_the_manifest(pps_db, tmp_path):
    private, public = keys.encryption_keypair(pps_db)
    assert keys.encryption_keypair(pps_db) == (private, public)
    assert public != keys.public_key(pps_db) and len(public) == 32
    result = exchange.export(pps_db, tmp_path / "f.kpps")
    manifest = exchange.verify_bytes(result.path.read_bytes())
    assert json.loads(manifest.raw)["device"]["encryption_key"] == public.hex()
