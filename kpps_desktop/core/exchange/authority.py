"""Who may say what: the trust and authority rules for a handover file's signers, in one place.

The rules (docs/exchange-format.md, "Authority"):
- A device's role and region are fixed when it is first trusted here; a later file cannot
  change them, and a role must match its region's level (a PPS key speaks for one desa).
- A key writes only inside its region: a PPS key its desa, a PPK key its kecamatan, a KPU key
  its kabupaten. The file's scope and every record must lie inside it; a record outside refuses
  the whole file. A session of a wider region (a KPU's bimtek) may be carried down and up, but
  a lower key cannot change one that is already here.
- How a device came to be trusted is its basis: 'setup' (the office above, from its setup
  file), 'paper' (the code on the berita acara matched in the room), 'trust_new' (the CLI's
  flag), 'vouched' (carried in a signed provenance by a trusted office), 'legacy' (trusted
  before these rules). Only 'setup' and 'paper' make an office a recipient of encrypted files,
  and --trust-new cannot add a device to an office already known through them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kpps_desktop.core import installation, keys, wilayah
from kpps_desktop.core.exchange.container import ExchangeError
from kpps_desktop.core.exchange.manifest import Manifest

BASES = ("setup", "paper", "trust_new", "vouched", "legacy")
ESTABLISHED = ("setup", "paper")


def normalize_code(text: str | None) -> str:
    """A verification code as typed or read aloud: hex digits only, upper case."""
    return re.sub(r"[^0-9A-F]", "", (text or "").upper())


def code_matches(manifest: Manifest, code: str | None) -> bool:
    return bool(code) and normalize_code(code) == normalize_code(manifest.fingerprint)


def _who(role: str, region: str) -> str:
    return f"{role.upper()} {region} {wilayah.name(region)}"


def check_role_region(m: Manifest) -> None:
    """A role speaks for one level: a PPS for a desa, a PPK for a kecamatan, a KPU for a kabupaten."""
    if wilayah.level_of(m.wilayah) != installation.ROLE_LEVEL[m.role]:
        raise ExchangeError(
            f"berkas mengaku dari {m.role.upper()} dengan wilayah {m.wilayah} "
            f"({wilayah.name(m.wilayah)}), padahal {m.role.upper()} hanya mewakili satu "
            f"{wilayah.LEVEL_LABELS[installation.ROLE_LEVEL[m.role]].lower()}; berkas ditolak")


def _known_matches(known: keys.TrustedDevice, m: Manifest) -> None:
    if known.public_key != m.public_key:
        raise ExchangeError(
            f"PERINGATAN: perangkat {m.device_id[:8]} ({_who(known.role, known.wilayah)}) sudah dikenal "
            f"dengan sidik jari {known.fingerprint}, tetapi berkas ini ditandatangani kunci lain "
            f"({m.fingerprint}). Berkas ditolak; hubungi pengirim.")
    if (known.role, known.wilayah) != (m.role, m.wilayah):
        raise ExchangeError(
            f"PERINGATAN: perangkat {m.device_id[:8]} dikenal sebagai {_who(known.role, known.wilayah)}, "
            f"tetapi berkas ini mengaku dari {_who(m.role, m.wilayah)}. Peran dan wilayah perangkat "
            "tidak dapat diubah oleh berkas; berkas ditolak.")


@dataclass
class Admission:
    """The outcome for the file's own signer: new here or not, and on what basis it is trusted."""
    new: bool
    basis: str | None  # for a new device: how it is trusted; None when it still needs confirming
    warnings: list[str]


def admit_signer(db, m: Manifest, inst: installation.Installation, *, trust_new: bool, code: str | None,
                 any_scope: bool) -> Admission:
    """Check the signer against what is known here; a refusal raises ExchangeError."""
    check_role_region(m)
    if m.device_id == inst.device_id:
        if m.public_key != keys.public_key(db) or (m.role, m.wilayah) != (inst.role, inst.wilayah):
            raise ExchangeError(f"berkas mengaku dari perangkat ini ({inst.device_id[:8]}) tetapi kunci atau "
                                "perannya lain; kemungkinan database disalin atau berkas dipalsukan")
        return Admission(False, None, [])
    known = keys.trusted(db, m.device_id)
    if known is not None:
        _known_matches(known, m)
        return Admission(False, None, [])
    if not any_scope and not (wilayah.is_within(m.wilayah, inst.wilayah)
                              or wilayah.is_within(inst.wilayah, m.wilayah)):
        raise ExchangeError(
            f"berkas dari {_who(m.role, m.wilayah)}, di luar hierarki instalasi ini "
            f"({_who(inst.role, inst.wilayah)}); berkas ditolak")
    warnings = []
    office = keys.trusted_for(db, m.role, m.wilayah)
    established = [t for t in office if t.basis in ESTABLISHED]
    if code_matches(m, code):
        basis = "paper"
    elif code:
        raise ExchangeError(
            f"kode verifikasi yang dimasukkan tidak cocok dengan berkas ini (kode berkas {m.fingerprint}); "
            "berkas ditolak. Periksa berita acara serah terima yang menyertai berkas.")
    elif trust_new:
        if established:
            raise ExchangeError(
                f"{_who(m.role, m.wilayah)} sudah dikenal melalui "
                f"{'berkas penyiapan' if established[0].basis == 'setup' else 'berita acara'} "
                f"(perangkat {established[0].device_id[:8]}); --trust-new tidak dapat menambah perangkat "
                f"baru untuk kantor itu. Cocokkan kode berita acara ({m.fingerprint}) dengan --code.")
        basis = "trust_new"
    else:
        basis = None
    if office:
        warnings.append(
            f"{m.role.upper()} {m.wilayah} sudah punya perangkat terpercaya "
            f"{', '.join(t.device_id[:8] for t in office)}; berkas ini dari perangkat lain "
            f"({m.device_id[:8]}, sidik jari {m.fingerprint}). Pastikan ini meja kedua, bukan palsu.")
    return Admission(True, basis, warnings)


def admit_carried(db, carried: Manifest, sender: Manifest, inst: installation.Installation) -> bool:
    """A manifest carried in provenance: its signer must fit what is known; True if new here.

    A sender vouches only for devices inside its own region (a PPK for its desa).
    """
    check_role_region(carried)
    if carried.device_id == inst.device_id:
        if carried.public_key != keys.public_key(db):
            raise ExchangeError(f"berkas membawa manifest atas nama perangkat ini ({inst.device_id[:8]}) "
                                "dengan kunci lain; berkas dipalsukan")
        return False
    known = keys.trusted(db, carried.device_id)
    if known is not None:
        _known_matches(known, carried)
        return False
    if not wilayah.is_within(carried.wilayah, sender.wilayah):
        raise ExchangeError(
            f"{_who(sender.role, sender.wilayah)} membawa manifest {_who(carried.role, carried.wilayah)} "
            "di luar wilayahnya; berkas ditolak")
    return True


def check_scope(m: Manifest) -> None:
    """The file's scope lies inside its signer's region."""
    if not wilayah.is_within(m.scope, m.wilayah):
        raise ExchangeError(
            f"berkas dari {_who(m.role, m.wilayah)} mencakup {m.scope} ({wilayah.name(m.scope)}), di luar "
            f"wilayah penandatangannya; sebuah kunci hanya berwenang atas wilayahnya sendiri")


def _within_sql(column: str, param: str = ":region") -> str:
    return f"({column} = {param} OR {column} LIKE {param} || '.%')"


def check_records(db, m: Manifest) -> None:
    """Every staged record lies inside the signer's region (call after staging, before merging).

    Officers by their desa; sessions by their scope (inside the region, or a wider one that
    covers it: carried, never changed, see frozen_sessions); the rest by their officer, which
    is in the file (checked here) or already in the database (checked in the same pass as the
    references, merge._check_references).
    """
    region = {"region": m.wilayah}
    row = db.conn.execute(
        f"SELECT desa, nama FROM x_officers WHERE NOT {_within_sql('desa')} LIMIT 1", region).fetchone()
    if row:
        raise ExchangeError(
            f"berkas dari {_who(m.role, m.wilayah)} memuat petugas desa {row[0]} ({wilayah.name(row[0])}), "
            "di luar wilayah penandatangan; berkas ditolak")
    row = db.conn.execute(
        f"SELECT scope, title FROM x_sessions WHERE scope IS NOT NULL AND NOT {_within_sql('scope')} "
        f"AND NOT (:region = scope OR :region LIKE scope || '.%') LIMIT 1", region).fetchone()
    if row:
        raise ExchangeError(
            f"berkas dari {_who(m.role, m.wilayah)} memuat sesi '{row[1]}' untuk {row[0]} "
            f"({wilayah.name(row[0])}), di luar wilayah penandatangan; berkas ditolak")


def frozen_sessions(m: Manifest) -> str:
    """SQL condition on a staged session row `x`: a session of a wider region than the signer's.

    Such a session (a KPU's bimtek in a desa's file) is carried so that its attendance refers
    to something, and inserted where it is missing, but the lower key cannot change it here.
    """
    return (f"(x.scope IS NOT NULL AND x.scope <> {_quote(m.wilayah)} AND "
            f"{_quote(m.wilayah)} LIKE x.scope || '.%')")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
