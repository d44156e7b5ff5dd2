"""This installation's Ed25519 signing key pair and the devices whose keys it trusts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import sqlite_utils
from nacl.bindings import crypto_box_keypair
from nacl.exceptions import CryptoError
from nacl.signing import SigningKey, VerifyKey

from kpps_desktop.core import db as dbmod
from kpps_desktop.core.errors import InputError


class KeysError(InputError):
    """A missing own key; the message is for the user (Indonesian)."""


@dataclass(frozen=True)
class TrustedDevice:
    device_id: str
    role: str
    wilayah: str
    public_key: bytes
    fingerprint: str
    first_seen: str
    vouched_by: str | None
    basis: str = "legacy"  # how it came to be trusted (exchange/authority.py BASES)
    encryption_key: bytes | None = None  # X25519 key it announced when first trusted


def fingerprint(public_key: bytes) -> str:
    """The verification code on the berita acara: 16 hex digits of the key's SHA-256, in groups of
    four for reading aloud (the receiver's import screen shows the same code)."""
    digest = hashlib.sha256(public_key).hexdigest()[:16].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def ensure_keypair(db: sqlite_utils.Database) -> bytes:
    """Make this installation's key pair once (at `kpps init`); returns the public key."""
    device = dbmod.device_id(db)
    row = db.conn.execute("SELECT public_key FROM keys WHERE device_id = ?", (device,)).fetchone()
    if row:
        encryption_keypair(db)
        return row[0]
    private = SigningKey.generate()
    raw_private = bytes(private)  # the 32-byte seed, as RFC 8032 and `cryptography` store it
    public = bytes(private.verify_key)
    with db.atomic():
        db.conn.execute(
            "INSERT INTO keys (device_id, private_key, public_key, created_at) VALUES (?, ?, ?, ?)",
            (device, raw_private, public, dbmod.utc_now()))
        encryption_keypair(db)
    return public


def encryption_keypair(db: sqlite_utils.Database, *, create: bool = True) -> tuple[bytes, bytes] | None:
    """(private, public) raw X25519 key that other offices encrypt handover files to (core/crypt.py).

    A key of its own, not derived from the signing key; made on first use, so databases set up
    before encryption existed get one at their next export. create=False only reads (None if absent).
    """
    device = dbmod.device_id(db)
    row = db.conn.execute("SELECT enc_private, enc_public FROM keys WHERE device_id = ?", (device,)).fetchone()
    if row is None:
        if not create:
            return None
        _own_row(db)  # raises the "run kpps init" message
    if row[0] is not None or not create:
        return (row[0], row[1]) if row[0] is not None else None
    public, private = crypto_box_keypair()  # raw X25519 (RFC 7748) keys
    with db.atomic():
        db.conn.execute("UPDATE keys SET enc_private = ?, enc_public = ? WHERE device_id = ? AND enc_private IS NULL",
                        (private, public, device))
    return encryption_keypair(db, create=False)


def _own_row(db: sqlite_utils.Database) -> tuple[bytes, bytes]:
    row = db.conn.execute("SELECT private_key, public_key FROM keys WHERE device_id = ?",
                          (dbmod.device_id(db),)).fetchone()
    if row is None:
        raise KeysError("Instalasi ini belum punya kunci tanda tangan. Jalankan 'kpps init' "
                        "dengan peran dan wilayahnya.")
    return row


def public_key(db: sqlite_utils.Database) -> bytes:
    return _own_row(db)[1]


def sign(db: sqlite_utils.Database, data: bytes) -> bytes:
    return SigningKey(_own_row(db)[0]).sign(data).signature


def verify(public: bytes, signature: bytes, data: bytes) -> bool:
    try:
        VerifyKey(public).verify(data, signature)
    except CryptoError:  # a wrong signature, or a key or signature of the wrong length
        return False
    return True


_TRUSTED = "device_id, role, wilayah, public_key, fingerprint, first_seen, vouched_by, basis, encryption_key"


def trusted_all(db: sqlite_utils.Database) -> list[TrustedDevice]:
    return [TrustedDevice(*r) for r in db.conn.execute(f"SELECT {_TRUSTED} FROM trusted_devices ORDER BY first_seen")]


def trusted(db: sqlite_utils.Database, device_id: str) -> TrustedDevice | None:
    row = db.conn.execute(
        f"SELECT {_TRUSTED} FROM trusted_devices WHERE device_id = ?", (device_id,)).fetchone()
    return TrustedDevice(*row) if row else None


def trusted_for(db: sqlite_utils.Database, role: str, wilayah: str) -> list[TrustedDevice]:
    """Devices already trusted for the same role and region (a second desk, or a reinstall)."""
    rows = db.conn.execute(
        f"SELECT {_TRUSTED} FROM trusted_devices WHERE role = ? AND wilayah = ? ORDER BY first_seen", (role, wilayah))
    return [TrustedDevice(*r) for r in rows]


def trust(db: sqlite_utils.Database, device_id: str, role: str, wilayah: str, public: bytes,
          vouched_by: str | None = None, *, basis: str, encryption_key: bytes | None = None) -> None:
    """Record a device's key, role and region once (call inside the import's transaction).

    A device already trusted keeps its role, region and key; only a stronger basis ('setup' or
    'paper' over the others) is recorded, with the encryption key announced then.
    """
    db.conn.execute(
        "INSERT INTO trusted_devices (device_id, role, wilayah, public_key, fingerprint, first_seen, "
        "vouched_by, basis, encryption_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(device_id) DO "
        "UPDATE SET basis = excluded.basis, encryption_key = coalesce(excluded.encryption_key, encryption_key) "
        "WHERE excluded.basis IN ('setup', 'paper') AND basis NOT IN ('setup', 'paper') "
        "AND public_key = excluded.public_key AND role = excluded.role AND wilayah = excluded.wilayah",
        (device_id, role, wilayah, public, fingerprint(public), dbmod.utc_now(), vouched_by, basis,
         encryption_key))
