"""This installation's role (PPS, PPK, KPU) and the region it covers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import wilayah
from kpps_desktop.core.errors import InputError

if TYPE_CHECKING:  # annotations only: importing sqlite-utils costs ~45 ms of start-up
    import sqlite_utils

# Each role covers one level of the region tree.
ROLE_LEVEL = {"pps": "desa", "ppk": "kecamatan", "kpu": "kabupaten"}
ROLE_LABELS = {"pps": "PPS (desa/kelurahan)", "ppk": "PPK (kecamatan)", "kpu": "KPU Kabupaten/Kota"}
LEVEL_ROLE = {level: role for role, level in ROLE_LEVEL.items()}


class InstallationError(InputError):
    """A role or scope that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class Installation:
    role: str
    wilayah: str
    device_id: str
    is_demo: bool

    @property
    def wilayah_name(self) -> str:
        return wilayah.name(self.wilayah)

    def covers(self, kode: str) -> bool:
        return wilayah.is_within(kode, self.wilayah)


def get(db: sqlite_utils.Database) -> Installation | None:
    """The installation, or None before `kpps init` / the first-run wizard."""
    role = dbmod.get_meta(db, "role")
    if role is None:
        return None
    return Installation(
        role=role,
        wilayah=dbmod.get_meta(db, "wilayah") or "",
        device_id=dbmod.device_id(db),
        is_demo=dbmod.get_meta(db, "demo") == "1",
    )


def check_scope(role: str, kode: str) -> wilayah.Wilayah:
    if role not in ROLE_LEVEL:
        raise InstallationError(f"Peran '{role}' tidak dikenal; pilih pps, ppk, atau kpu.")
    try:
        return wilayah.require(wilayah.normalize_code(kode), ROLE_LEVEL[role])
    except wilayah.WilayahError as exc:
        raise InstallationError(f"{exc} Peran {role.upper()} memerlukan kode {wilayah.LEVEL_LABELS[ROLE_LEVEL[role]]}.") from exc


def init(db: sqlite_utils.Database, role: str, kode: str, *, demo: bool = False) -> Installation:
    """Set role and scope once; re-running with the same values is harmless."""
    region = check_scope(role, kode)
    current = get(db)
    if current is not None:
        if (current.role, current.wilayah) == (role, region.kode):
            _ensure_keypair(db)  # a database set up before handover files had keys
            return current
        raise InstallationError(
            f"Database ini sudah diatur sebagai {current.role.upper()} {current.wilayah} "
            f"({wilayah.name(current.wilayah)}); tidak dapat diubah menjadi {role.upper()} {region.kode}."
        )
    with db.atomic():
        dbmod.set_meta(db, "role", role)
        dbmod.set_meta(db, "wilayah", region.kode)
        if demo:
            dbmod.set_meta(db, "demo", "1")
        _ensure_keypair(db)  # signs this installation's handover files
    installation = get(db)
    assert installation is not None
    return installation


def _ensure_keypair(db: sqlite_utils.Database) -> None:
    # Imported here: PyNaCl costs ~3 ms, and opening the app never needs it.
    from kpps_desktop.core import keys

    keys.ensure_keypair(db)


def require(db: sqlite_utils.Database) -> Installation:
    installation = get(db)
    if installation is None:
        raise InstallationError(
            "Database belum diatur. Jalankan 'kpps init --role pps --wilayah KODE_DESA' "
            "atau 'kpps demo'."
        )
    return installation
