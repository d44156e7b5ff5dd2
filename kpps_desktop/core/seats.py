"""The seats of a TPS (one Ketua and six Anggota KPPS, two Linmas) and the changes that break them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kpps_desktop.core import wilayah
from kpps_desktop.core.roster import Officer, tps_label

if TYPE_CHECKING:
    import sqlite_utils

KPPS_PER_TPS = 7  # the Ketua and six Anggota
LINMAS_PER_TPS = 2


def occupants(db: sqlite_utils.Database, desa: str, tps: int, *, leaving: tuple[str | None, ...] = ()
              ) -> dict[str, list[str]]:
    """Names of the active officers of one TPS by jabatan, leaving out the ids in `leaving`."""
    out: dict[str, list[str]] = {"ketua": [], "anggota": [], "linmas": []}
    rows = db.conn.execute(
        "SELECT id, nama, jabatan FROM officers WHERE desa = ? AND tps = ? AND status = 'aktif' ORDER BY nama",
        (desa, tps))
    for officer_id, nama, jabatan in rows:
        if officer_id not in leaving and jabatan in out:
            out[jabatan].append(nama)
    return out


def next_free_jabatan(db: sqlite_utils.Database, desa: str, tps: int) -> str | None:
    """The seat a new officer of this TPS most likely takes: the Ketua first, then Anggota, then Linmas."""
    seats = occupants(db, desa, tps)
    if not seats["ketua"]:
        return "ketua"
    if len(seats["ketua"]) + len(seats["anggota"]) < KPPS_PER_TPS:
        return "anggota"
    if len(seats["linmas"]) < LINMAS_PER_TPS:
        return "linmas"
    return None


def _where(desa: str, tps: int, label: str | None = None) -> str:
    return f"{tps_label(tps, label)} {wilayah.name(desa)}"


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else "belum ada"


def seat_warnings(db: sqlite_utils.Database, officer: Officer, *, replacing: str | None = None) -> list[str]:
    """What saving `officer` (new, edited, or taking the seat of `replacing`) would do to the seats,
    in words that name the people involved; an empty list when the seats stay as they should.

    Warnings, not errors: a second ketua for a day, or an eighth name while a PAW is on its way,
    can be real; the user confirms them."""
    before = None
    if officer.id:
        row = db.conn.execute("SELECT desa, tps, jabatan, status FROM officers WHERE id = ?",
                              (officer.id,)).fetchone()
        before = row if row and row[3] == "aktif" else None
    leaving = (officer.id, replacing)
    seats = occupants(db, officer.desa, officer.tps, leaving=leaving)
    where = _where(officer.desa, officer.tps, officer.tps_label)
    out: list[str] = []
    if officer.jabatan == "ketua" and seats["ketua"]:
        out.append(f"{where} sudah punya Ketua KPPS: {_names(seats['ketua'])}. "
                   f"{officer.nama} akan menjadi ketua kedua.")
    kpps = seats["ketua"] + seats["anggota"]
    if officer.jabatan in ("ketua", "anggota") and len(kpps) >= KPPS_PER_TPS:
        out.append(f"{where} sudah punya {len(kpps)} anggota KPPS ({_names(kpps)}); "
                   f"{officer.nama} akan menjadi yang ke-{len(kpps) + 1}.")
    if officer.jabatan == "linmas" and len(seats["linmas"]) >= LINMAS_PER_TPS:
        out.append(f"{where} sudah punya {len(seats['linmas'])} Linmas ({_names(seats['linmas'])}); "
                   f"{officer.nama} akan menjadi yang ke-{len(seats['linmas']) + 1}.")
    stays_here = True
    if before is not None and before[2] == "ketua":
        old_desa, old_tps = before[0], before[1]
        moved = (old_desa, old_tps) != (officer.desa, officer.tps) or officer.jabatan != "ketua"
        left = occupants(db, old_desa, old_tps, leaving=leaving)
        if moved and not left["ketua"]:
            stays_here = (old_desa, old_tps) != (officer.desa, officer.tps)
            out.append(f"{_where(old_desa, old_tps)} tidak punya Ketua KPPS lagi setelah perubahan ini "
                       f"(anggota: {_names(left['anggota'])}).")
    if officer.jabatan == "anggota" and not seats["ketua"] and stays_here:
        out.append(f"{where} belum punya Ketua KPPS (anggota: {_names(seats['anggota'])}).")
    return out
