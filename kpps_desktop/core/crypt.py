"""Handover files encrypted to the receiving office: X25519 + HKDF-SHA256 + ChaCha20-Poly1305.

Layout of an encrypted file (all of it is authenticated; the header is the AEAD's associated data):

    b"KPPSENC1"  8 bytes   magic and version
    recipient   32 bytes   SHA-256 of the recipient's X25519 public key (who can open it)
    ephemeral   32 bytes   the sender's one-time X25519 public key
    nonce       12 bytes   random
    ciphertext             ChaCha20-Poly1305 of the plain .kpps file, 16-byte tag at the end

The key is HKDF-SHA256(X25519(ephemeral, recipient), salt = ephemeral || recipient public key,
info = INFO). The plain file inside stays signed as before: encryption hides the data from a
finder of the USB stick, the signature says who made it. See docs/exchange-format.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass

import sqlite_utils
from nacl.bindings import (crypto_aead_chacha20poly1305_ietf_decrypt, crypto_aead_chacha20poly1305_ietf_encrypt,
                           crypto_box_keypair, crypto_scalarmult, crypto_scalarmult_base)
from nacl.exceptions import CryptoError as _NaclError

from kpps_desktop.core import installation, keys, wilayah
from kpps_desktop.core.errors import InputError

MAGIC = b"KPPSENC1"
INFO = b"kpps-desktop handover file v1"
HEADER_BYTES = len(MAGIC) + 32 + 32 + 12
TAG_BYTES = 16
# Offices above each role, nearest first: who a file going up is meant for.
PARENTS = {"pps": ("ppk", "kpu"), "ppk": ("kpu",), "kpu": ()}


class CryptError(InputError):
    """A file that cannot be encrypted or opened here; the message is for the user."""


def key_id(public: bytes) -> bytes:
    return hashlib.sha256(public).digest()


def is_encrypted(data: bytes) -> bool:
    return data[:len(MAGIC)] == MAGIC


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    """HKDF-SHA256 (RFC 5869) of the shared secret to one 32-byte key: extract, then the single
    expand block a 32-byte output needs (tests/test_crypto_compat.py holds a known answer)."""
    prk = hmac.digest(ephemeral + recipient, shared, "sha256")
    return hmac.digest(prk, INFO + b"\x01", "sha256")


def encrypt(data: bytes, recipient_x25519_pub: bytes) -> bytes:
    """data sealed so that only the holder of the recipient's private key can read it."""
    if len(recipient_x25519_pub) != 32:
        raise CryptError(f"kunci enkripsi penerima tidak valid ({len(recipient_x25519_pub)} bita, bukan 32)")
    eph_pub, eph_private = crypto_box_keypair()
    try:  # libsodium refuses a low-order key (an all-zero shared secret)
        shared = crypto_scalarmult(eph_private, recipient_x25519_pub)
    except _NaclError:
        raise CryptError("kunci enkripsi penerima tidak valid (kunci lemah)") from None
    nonce = os.urandom(12)
    header = MAGIC + key_id(recipient_x25519_pub) + eph_pub + nonce
    key = _key(shared, eph_pub, recipient_x25519_pub)
    return header + crypto_aead_chacha20poly1305_ietf_encrypt(data, header, nonce, key)


def recipient_of(data: bytes) -> bytes:
    """The recipient key id in an encrypted file's header."""
    if not is_encrypted(data):
        raise CryptError("berkas tidak terenkripsi")
    if len(data) < HEADER_BYTES + TAG_BYTES:
        raise CryptError("berkas terenkripsi terpotong")
    return data[len(MAGIC):len(MAGIC) + 32]


def decrypt(data: bytes, own_private: bytes) -> bytes:
    """The plain file; CryptError when it is meant for another key, truncated or altered."""
    wanted = recipient_of(data)
    own_public = crypto_scalarmult_base(own_private)
    if wanted != key_id(own_public):
        raise CryptError("Berkas ini dienkripsi untuk kantor lain")
    header = data[:HEADER_BYTES]
    eph_pub, nonce = header[len(MAGIC) + 32:len(MAGIC) + 64], header[len(MAGIC) + 64:]
    try:  # a failed tag, or an all-zero shared secret (a crafted ephemeral key)
        shared = crypto_scalarmult(own_private, eph_pub)
        return crypto_aead_chacha20poly1305_ietf_decrypt(data[HEADER_BYTES:], header, nonce,
                                                         _key(shared, eph_pub, own_public))
    except _NaclError:
        raise CryptError("berkas terenkripsi rusak atau telah diubah (autentikasi gagal)") from None


# --- the offices of this installation ---------------------------------------------------------

@dataclass(frozen=True)
class Recipient:
    """An office above this one, established here by its setup file or a berita acara code."""
    device_id: str
    role: str
    wilayah: str
    public_key: bytes  # X25519
    received_at: str

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.public_key)

    @property
    def label(self) -> str:
        return f"{self.role.upper()} {wilayah.name(self.wilayah)}"


def _encryption_key(manifest: dict) -> bytes | None:
    value = manifest.get("device", {}).get("encryption_key")
    try:
        key = bytes.fromhex(value) if isinstance(value, str) else b""
    except ValueError:
        return None
    return key if len(key) == 32 else None


def recipients(db: sqlite_utils.Database) -> list[Recipient]:
    """Offices above this installation (its PPK, its KPU) that files may be encrypted to, nearest first.

    Only devices established by the office's setup file or by the code on a berita acara
    (exchange/authority.py ESTABLISHED), whose fixed role is above this one and whose fixed
    region contains this installation's: never a key merely taken with --trust-new, and never
    whatever a file claims about itself (issue #12). The key is the one announced when the
    device was established.
    """
    inst = installation.require(db)
    parents = PARENTS[inst.role]
    found = [Recipient(t.device_id, t.role, t.wilayah, t.encryption_key, t.first_seen)
             for t in keys.trusted_all(db)
             if t.basis in ("setup", "paper") and t.encryption_key is not None and len(t.encryption_key) == 32
             and t.role in parents and wilayah.is_within(inst.wilayah, t.wilayah)]
    return sorted(found, key=lambda r: (parents.index(r.role), r.received_at), reverse=False)


def default_recipient(db: sqlite_utils.Database, scope: str | None = None) -> Recipient | None:
    """Who a file going up is encrypted to unless the user says otherwise: the office directly above.

    Only the next level (a PPS's PPK, a PPK's KPU): a PPS whose roster came straight from the
    KPU still hands its file to the PPK, which must be able to open it. A file for part of the
    region (a roster going down to one desa) is not for an office above: None.
    """
    inst = installation.require(db)
    if scope and scope != inst.wilayah:
        return None
    nearest = PARENTS[inst.role][:1]
    return next((r for r in recipients(db) if r.role in nearest), None)


def open_here(db: sqlite_utils.Database, data: bytes) -> bytes:
    """Decrypt a file meant for this installation; CryptError names the office it is meant for."""
    own = keys.encryption_keypair(db, create=False) if installation.get(db) else None
    wanted = recipient_of(data)
    if own is None or key_id(own[1]) != wanted:
        office = _office_with_key(db, wanted)
        raise CryptError("Berkas ini dienkripsi untuk kantor lain" + (f" ({office})" if office else "")
                         + "; hanya kantor itu yang dapat membukanya. Serahkan ke sana, atau minta "
                         "pengirim mengekspor ulang untuk kantor ini.")
    return decrypt(data, own[0])


def _office_with_key(db: sqlite_utils.Database, wanted: bytes) -> str | None:
    """The office whose signed manifest carried this key, if one reached this installation."""
    for (raw,) in db.conn.execute("SELECT manifest FROM signed_manifests ORDER BY created_at DESC"):
        manifest = json.loads(raw)
        key = _encryption_key(manifest)
        if key is not None and key_id(key) == wanted:
            device = manifest["device"]
            return f"{device['role'].upper()} {wilayah.name(device['wilayah'])}"
    return None
