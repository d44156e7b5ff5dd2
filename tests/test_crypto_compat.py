"""Signatures, keys and encrypted files stay byte-compatible: known answers made with `cryptography`.

The vectors below were produced by core/keys.py and core/crypt.py when they used PyCA
`cryptography` (before the switch to PyNaCl/libsodium, which keeps the packaged app 10 MB
smaller). Handover files and keys already in offices' databases must still verify and open, and
offices running an older version must still read what this one writes.
"""

import hashlib

import pytest

from kpps_desktop.core import crypt, keys

ED_SEED = bytes.fromhex("2c2764284151cf34ed12de823f6f1f328cf9ec38f29b90df71a9999b71b4d5f5")
ED_PUB = bytes.fromhex("f0a4ef7d31810abb1ca6ea0bdfb5085179edf4dd16411ba238fb9990bb0fcd00")
ED_MSG = b"manifest kpps 33.20.01.2001"
ED_SIG = bytes.fromhex("dfb205c9a4da04c06a7ae7e9144d214f94c5a269304a1333ebf79602636f2f6d"
                       "593be67c77bcb314e5ed11a637a49c35267a39bc6d6c44899fed81496b56110d")

X_A_PRIV = bytes.fromhex("19550bbd72850f8f755a6799168503ea98c468673732bca7ca14f2a68a13d525")  # recipient
X_A_PUB = bytes.fromhex("b68c368c38bafbfbc15191f73d563ec9d69e20a0bf9a2c1cb26564e741b00275")
X_B_PUB = bytes.fromhex("9f3d377e8cd4c408e1cbf1335b0b3c952990a736a93ca5cfe3e011eca84f717c")  # ephemeral
X_SHARED = bytes.fromhex("114666da1f7840e0722a58132be02b1bb5dcacfc4b61f6177cd791d0ed682039")
HKDF_KEY = bytes.fromhex("99cc0d7b7c81cf9ceeb7dbd151768adeb95deaa4b500303696997230865f839a")
PLAIN = b"PK\x03\x04 isi berkas serah terima " * 3
SEALED = bytes.fromhex(  # crypt.encrypt(PLAIN, X_A_PUB), ephemeral key X_B
    "4b505053454e43315728399c0f95ab93923e4f4f21b931a47c4c90926d94c221d561d797faf54417a5d625b4e411876b"
    "d42f3d7170e44d77159726b4e7df09e27845a68b23185b611ee4a8ac3ac6c127896e8a5bd442cc0fc2eb8a50c8711584"
    "cb148cc21999cbd8e27eaa44f776d8fdd404800914a421b4c2a7351de0f7eade52ad418446d7f7abdb06793804236a62"
    "4b943c71a27090be1d4418c44d30fefe8594d97c51251207ce5a213b1bf353b3dff1f745e0878826cbe57a")


def _own_key(db, seed: bytes, public: bytes) -> None:
    """Give the installation a known signing key, as an existing database holds its own."""
    with db.atomic():
        db.conn.execute("UPDATE keys SET private_key = ?, public_key = ?", (seed, public))


def test_signature_is_the_known_answer_and_verifies(pps_db):
    _own_key(pps_db, ED_SEED, ED_PUB)
    assert keys.public_key(pps_db) == ED_PUB
    assert keys.sign(pps_db, ED_MSG) == ED_SIG  # Ed25519 is deterministic
    assert keys.verify(ED_PUB, ED_SIG, ED_MSG)


@pytest.mark.parametrize("public, signature, data", [
    (ED_PUB, ED_SIG, ED_MSG + b"!"),  # altered data
    (ED_PUB, ED_SIG[:-1] + bytes([ED_SIG[-1] ^ 1]), ED_MSG),  # altered signature
    (X_A_PUB, ED_SIG, ED_MSG),  # another key
    (ED_PUB[:31], ED_SIG, ED_MSG),  # a key of the wrong length
    (ED_PUB, ED_SIG[:63], ED_MSG),  # a signature of the wrong length
    (ED_PUB, b"", ED_MSG),
    (b"", b"", b""),
])
def test_bad_signatures_are_refused_without_raising(public, signature, data):
    assert keys.verify(public, signature, data) is False


def test_existing_encrypted_file_opens():
    assert crypt.recipient_of(SEALED) == hashlib.sha256(X_A_PUB).digest()
    assert crypt.decrypt(SEALED, X_A_PRIV) == PLAIN


def test_key_derivation_is_the_known_answer():
    assert crypt._key(X_SHARED, X_B_PUB, X_A_PUB) == HKDF_KEY


def test_altered_or_crafted_files_are_refused():
    for offset in (40, 72, 84, len(SEALED) - 1):  # ephemeral key, nonce, body, tag
        bad = bytearray(SEALED)
        bad[offset] ^= 0x01
        with pytest.raises(crypt.CryptError, match="rusak"):
            crypt.decrypt(bytes(bad), X_A_PRIV)
    # An all-zero ephemeral key makes an all-zero shared secret: refused, not used as a key.
    crafted = SEALED[:40] + bytes(32) + SEALED[72:]
    with pytest.raises(crypt.CryptError, match="rusak"):
        crypt.decrypt(crafted, X_A_PRIV)
    with pytest.raises(crypt.CryptError, match="tidak valid"):
        crypt.encrypt(PLAIN, X_A_PUB[:31])


def test_new_keys_and_files_are_read_by_cryptography(pps_db):
    """What this version writes, an office still on the `cryptography` build reads (and back)."""
    cg = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.x25519")
    ed = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.ed25519")
    aead = pytest.importorskip("cryptography.hazmat.primitives.ciphers.aead")
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    seed, public = pps_db.conn.execute("SELECT private_key, public_key FROM keys").fetchone()
    assert ed.Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw() == public
    ed.Ed25519PublicKey.from_public_bytes(public).verify(keys.sign(pps_db, b"data"), b"data")
    enc_private, enc_public = keys.encryption_keypair(pps_db)
    assert cg.X25519PrivateKey.from_private_bytes(enc_private).public_key().public_bytes_raw() == enc_public

    sealed = crypt.encrypt(PLAIN, X_A_PUB)
    header, eph = sealed[:crypt.HEADER_BYTES], sealed[40:72]
    shared = cg.X25519PrivateKey.from_private_bytes(X_A_PRIV).exchange(cg.X25519PublicKey.from_public_bytes(eph))
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=eph + X_A_PUB, info=crypt.INFO).derive(shared)
    opened = aead.ChaCha20Poly1305(key).decrypt(header[72:], sealed[84:], header)
    assert opened == PLAIN
