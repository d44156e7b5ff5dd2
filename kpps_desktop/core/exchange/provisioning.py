"""Setup files: the office above prepares, signed, everything an office below starts with.

A setup file is an ordinary handover file (.kpps) whose signed manifest carries a `setup` block
(docs/exchange-format.md, "Provisioning"):

    {"kind": "office", "role": "pps", "wilayah": "33.20.01.2001",
     "settings": {"event_title": ..., "transport": {...}, "grace_minutes": 15},
     "upper": [{"device_id", "role", "wilayah", "public_key", "encryption_key"}, ...]}

Its records are the roster and sessions of the office below (the same export as `kpps export
--scope`). Applying it (`kpps init --from FILE`, the first-run wizard's "Buka berkas dari
PPK/KPU") sets the installation's role and region, trusts the issuer and the offices above it
that the issuer itself holds as established (basis 'setup': so the first file going up is
already encrypted to the PPK), saves the settings and imports the records, in one transaction.
Kinds other than "office" (a desk kit for another check-in desk of the same office, issue #19)
extend `KINDS`; a reader refuses a kind it does not know.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from kpps_desktop.core import crypt, fileio, installation, keys, settings, wilayah
from kpps_desktop.core.errors import UserError
from kpps_desktop.core.exchange.container import MAX_FILE_BYTES, ExchangeError
from kpps_desktop.core.exchange.export import ExportResult, export
from kpps_desktop.core.exchange.manifest import Manifest, verify_bytes
from kpps_desktop.core.exchange.records import clock_at
from kpps_desktop.core.progress import Progress

KINDS = ("office", "desk")  # desk: a check-in desk of the issuer's own office (desks.py)
# Settings the office above decides for the offices below; local ones (operator, camera, sound,
# language, backups) stay each computer's own.
PROVISIONED = ("event_title", "transport", "grace_minutes")
_LEVEL = {"pps": 0, "ppk": 1, "kpu": 2}


@dataclass(frozen=True)
class SetupFile:
    """A verified setup file, before it is applied (what the wizard shows)."""
    path: Path
    manifest: Manifest
    kind: str
    role: str
    wilayah: str
    settings: dict
    upper: list[dict]
    desk: dict | None = None  # kind "desk": {"kit", "label", "secret", "sessions"}

    @property
    def issuer(self) -> str:
        m = self.manifest
        return f"{m.role.upper()} {wilayah.name(m.wilayah)}"

    @property
    def code(self) -> str:
        """The issuer's verification code, to compare with the paper handed over with the file."""
        return self.manifest.fingerprint

    def summary(self) -> str:
        if self.desk is not None:
            return (f"Berkas meja presensi '{self.desk['label']}' dari {self.issuer} (kode verifikasi {self.code}), "
                    f"{len(self.desk['sessions'])} sesi")
        return (f"Berkas penyiapan dari {self.issuer} (kode verifikasi {self.code}) untuk "
                f"{self.role.upper()} {self.wilayah} {wilayah.name(self.wilayah)}")


def make(db: sqlite_utils.Database, out: Path | str, kode: str, *, now: _dt.datetime | None = None,
         progress: Progress | None = None) -> ExportResult:
    """Write the setup file for the office below that covers region `kode` (its role follows the level)."""
    inst = installation.require(db)
    if installation.desk(db) is not None:
        raise ExchangeError("Perangkat ini meja presensi; berkas penyiapan hanya dibuat di perangkat induknya.")
    kode = wilayah.normalize_code(kode)
    level = wilayah.level_of(kode) if wilayah.get(kode) else None
    role = installation.LEVEL_ROLE.get(level or "")
    if role is None:
        raise ExchangeError(f"Kode wilayah '{kode}' bukan desa, kecamatan, atau kabupaten yang dikenal.")
    if not can_make(inst, kode):
        raise ExchangeError(
            f"{inst.role.upper()} {inst.wilayah_name} hanya dapat menyiapkan kantor di bawahnya dalam wilayahnya; "
            f"{role.upper()} {kode} ({wilayah.name(kode)}) bukan salah satunya.")
    upper = [{"device_id": r.device_id, "role": r.role, "wilayah": r.wilayah,
              "public_key": keys.trusted(db, r.device_id).public_key.hex(), "encryption_key": r.public_key.hex()}
             for r in crypt.recipients(db)]
    setup = {"kind": "office", "role": role, "wilayah": kode,
             "settings": {k: settings.get(db, k) for k in PROVISIONED}, "upper": upper}
    # Plain: the office below has no key yet (the threat model in the docs says what that means).
    return export(db, out, kode, now=now, encrypt=False, setup=setup, progress=progress)


def can_make(inst: installation.Installation, kode: str) -> bool:
    """Whether this installation may write a setup file for the office of region `kode`."""
    role = installation.LEVEL_ROLE.get(wilayah.level_of(kode) or "") if wilayah.get(kode) else None
    return role is not None and _LEVEL[role] < _LEVEL[inst.role] and inst.covers(kode)


def read(path: Path | str, *, now: _dt.datetime | None = None) -> SetupFile:
    """Verify a setup file fully (structure, signature, every record) without a database."""
    path = Path(path)
    try:
        data = fileio.read_input(path, MAX_FILE_BYTES, "Berkas penyiapan")
    except UserError as exc:
        raise ExchangeError(str(exc)) from exc
    if crypt.is_encrypted(data):
        raise ExchangeError("berkas ini terenkripsi untuk kantor lain; berkas penyiapan tidak pernah terenkripsi")
    with clock_at(now):
        manifest = verify_bytes(data)
    return _setup_of(path, manifest)


def _setup_of(path: Path, m: Manifest) -> SetupFile:
    s = m.setup
    if s is None:
        raise ExchangeError("berkas ini berkas serah terima biasa, bukan berkas penyiapan dari PPK/KPU")
    kind = s.get("kind")
    if kind not in KINDS:
        raise ExchangeError(f"jenis berkas penyiapan {kind!r:.30} tidak dikenal; perbarui aplikasi")
    try:
        region = installation.check_scope(s.get("role"), s.get("wilayah") if type(s.get("wilayah")) is str else "")
    except (installation.InstallationError, TypeError, AttributeError) as exc:
        raise ExchangeError(f"berkas penyiapan tidak sah ({exc})") from None
    role = s["role"]
    desk = None
    if kind == "desk":
        from kpps_desktop.core.exchange import desks

        desk = desks.check_setup(s, m)
    elif _LEVEL[role] >= _LEVEL[m.role] or not wilayah.is_within(region.kode, m.wilayah) or m.scope != region.kode:
        raise ExchangeError(f"berkas penyiapan tidak sah: {m.role.upper()} {m.wilayah} tidak dapat menyiapkan "
                            f"{role.upper()} {region.kode}")
    values = s.get("settings")
    if type(values) is not dict or not set(values) <= set(PROVISIONED):
        raise ExchangeError("berkas penyiapan tidak sah (pengaturan tidak dikenal)")
    try:
        checked = {k: settings.validate(k, v) for k, v in values.items()}
    except settings.SettingError as exc:
        raise ExchangeError(f"berkas penyiapan tidak sah ({exc})") from None
    upper = s.get("upper")
    if type(upper) is not list or len(upper) > 4:
        raise ExchangeError("berkas penyiapan tidak sah (daftar kantor di atas)")
    for u in upper:
        try:
            ok = (type(u) is dict and set(u) == {"device_id", "role", "wilayah", "public_key", "encryption_key"}
                  and u["role"] in _LEVEL and _LEVEL[u["role"]] > _LEVEL[m.role]
                  and type(u["wilayah"]) is str and wilayah.get(u["wilayah"]) is not None
                  and wilayah.level_of(u["wilayah"]) == installation.ROLE_LEVEL[u["role"]]
                  and wilayah.is_within(m.wilayah, u["wilayah"])
                  and len(bytes.fromhex(u["public_key"])) == 32 and len(bytes.fromhex(u["encryption_key"])) == 32
                  and type(u["device_id"]) is str and len(u["device_id"]) == 32)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise ExchangeError("berkas penyiapan tidak sah (kantor di atas tidak sesuai)")
    return SetupFile(path, m, kind, role, region.kode, checked, upper, desk)


def establish(db: sqlite_utils.Database, m: Manifest, inst: installation.Installation) -> list[str]:
    """Inside the import's transaction: trust the issuer and its upper offices as 'setup', save settings.

    Called by the importer for a setup file applied on purpose (apply()). Returns warnings.
    """
    setup = _setup_of(Path("."), m)
    if (setup.role, setup.wilayah) != (inst.role, inst.wilayah):
        raise ExchangeError(
            f"berkas penyiapan ini untuk {setup.role.upper()} {setup.wilayah} ({wilayah.name(setup.wilayah)}), "
            f"bukan untuk instalasi ini ({inst.role.upper()} {inst.wilayah} {inst.wilayah_name})")
    keys.trust(db, m.device_id, m.role, m.wilayah, m.public_key, basis="setup", encryption_key=m.encryption_key)
    for u in setup.upper:
        public = bytes.fromhex(u["public_key"])
        known = keys.trusted(db, u["device_id"])
        if known is not None and (known.public_key, known.role, known.wilayah) != (public, u["role"], u["wilayah"]):
            raise ExchangeError(f"PERINGATAN: berkas penyiapan menyebut perangkat {u['device_id'][:8]} dengan kunci "
                                "atau peran lain dari yang sudah dikenal di sini; berkas ditolak")
        keys.trust(db, u["device_id"], u["role"], u["wilayah"], public, m.device_id, basis="setup",
                   encryption_key=bytes.fromhex(u["encryption_key"]))
    for key, value in setup.settings.items():
        db.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                        "value = excluded.value", (key, _json(value)))
    return []


def _json(value) -> str:
    return json.dumps(value)


def apply(db: sqlite_utils.Database, path: Path | str, *, now: _dt.datetime | None = None):
    """`kpps init --from FILE`: set up this installation from the office above's setup file.

    A fresh database takes the file's role and region; one already set up the same way takes
    the file's keys and settings (a PPS set up by hand that later receives its setup file).
    Returns (Installation, ImportReport); a refusal raises ExchangeError or InstallationError.
    """
    from kpps_desktop.core.exchange.importer import import_file

    from kpps_desktop.core import sessions

    setup = read(path, now=now)
    if setup.desk is not None and installation.get(db) is not None:
        raise ExchangeError("Berkas meja presensi hanya dipasang di laptop yang belum diatur (database baru): "
                            "meja adalah perangkat baru dengan kuncinya sendiri.")
    # One transaction: a refused file leaves a fresh database as fresh as it was.
    with sessions.write_transaction(db):
        inst = installation.init(db, setup.role, setup.wilayah)
        report = import_file(db, path, establish=True, now=now)
        if not report.ok:
            raise ExchangeError(report.reason or "berkas penyiapan ditolak")
        if setup.desk is not None:
            from kpps_desktop.core.exchange import desks

            desks.bind(db, setup.manifest, setup.desk)
            inst = installation.require(db)
    return inst, report
