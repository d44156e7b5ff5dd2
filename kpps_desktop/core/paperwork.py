"""What SPJ paper carries besides the table: kop, signatories, place, date, time zone, numbers in words."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kpps_desktop.core import installation, settings, wilayah

if TYPE_CHECKING:
    import sqlite_utils

DOTS = "." * 40  # printed where a setting is still empty, for the pen
BODY = {"pps": "PPS", "ppk": "PPK", "kpu": "KPU"}
OFFICE = {"pps": "PANITIA PEMUNGUTAN SUARA", "ppk": "PANITIA PEMILIHAN KECAMATAN", "kpu": "KOMISI PEMILIHAN UMUM"}

# Province codes (the first two digits of any region code) by time zone (UU/Keppres 41/1987).
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}


def zone(kode: str | None) -> str:
    """'WIB', 'WITA' or 'WIT' of a region code; Java/Sumatra (WIB) when unknown."""
    prov = (kode or "")[:2]
    return "WITA" if prov in _WITA else "WIT" if prov in _WIT else "WIB"


def jam(hhmm: str | None) -> str:
    """'08:00' (or an ISO instant) -> '08.00', the dot official Indonesian writes."""
    if not hhmm:
        return ""
    if len(hhmm) > 5:
        hhmm = _dt.datetime.fromisoformat(hhmm).strftime("%H:%M")
    return hhmm[:5].replace(":", ".")


def ribuan(n: int) -> str:
    """12201 -> '12.201': Indonesian digit grouping for every count a user reads."""
    return f"{n:,}".replace(",", ".")


def desimal(value: float, places: int = 1) -> str:
    """0.8413 -> '84,1': a percentage with the decimal comma."""
    return f"{value * 100:.{places}f}".replace(".", ",")


def region_title(kode: str) -> str:
    """'Desa Kedungmalang', 'Kelurahan Kauman', 'Kecamatan Kedung', 'Kabupaten Jepara'."""
    level = wilayah.level_of(kode)
    nama = wilayah.name(kode)
    if level == "desa":
        # Kemendagri codes: a serial starting with 1 is a kelurahan, with 2 a desa.
        return f"{'Kelurahan' if kode.rsplit('.', 1)[-1].startswith('1') else 'Desa'} {nama}"
    if level == "kecamatan":
        return f"Kecamatan {nama}"
    return nama  # kabupaten/kota and provinsi names already say what they are


@dataclass(frozen=True)
class Signer:
    jabatan: str  # 'Ketua PPS Desa Kedungmalang'
    nama: str  # '' when the setting is empty: the form prints dots for the pen

    @property
    def nama_or_dots(self) -> str:
        return self.nama or DOTS


@dataclass(frozen=True)
class Paperwork:
    """Everything an office form needs from the settings and the installation."""

    office: tuple[str, ...]  # kop lines, upper case: body, region lines
    address: str  # '' -> dotted line
    election: str  # 'Pemilihan Serentak 2024'
    ketua: Signer
    sekretaris: Signer
    place: str
    materai_threshold: int
    body: str  # 'PPS'
    zone: str  # time zone of the installation's region
    wilayah: str = ""  # the installation's region code

    def signing_date(self, activity_date: str | None) -> str:
        """The activity's date ('7 November 2024'): the SPJ is dated by what it accounts for."""
        from kpps_desktop.core.recap import format_date

        return format_date(activity_date or _dt.date.today())

    def place_date(self, activity_date: str | None) -> str:
        return f"{self.place or DOTS[:20]}, {self.signing_date(activity_date)}"


def get(db: sqlite_utils.Database) -> Paperwork:
    values = settings.get_all(db)
    inst = installation.get(db)
    role = inst.role if inst else "pps"
    kode = inst.wilayah if inst else ""
    body = BODY[role]
    region = region_title(kode) if kode else ""
    office = (values["kop_office"].upper(),) if values["kop_office"] else _default_office(role, kode)
    place = values["place"] or (_place(kode) if kode else "")
    return Paperwork(
        office=office, address=values["kop_address"], election=values["event_title"],
        ketua=Signer(f"Ketua {body} {region}".strip(), values["ketua_name"]),
        sekretaris=Signer(f"Sekretaris {body} {region}".strip(), values["sekretaris_name"]),
        place=place, materai_threshold=values["materai_threshold"], body=body, zone=zone(kode), wilayah=kode)


def _default_office(role: str, kode: str) -> tuple[str, ...]:
    """'PANITIA PEMUNGUTAN SUARA' / 'DESA KEDUNGMALANG KECAMATAN KEDUNG' / 'KABUPATEN JEPARA'."""
    if not kode:
        return (OFFICE[role],)
    chain = [c for c in reversed(wilayah.ancestors(kode)) if wilayah.level_of(c) != "provinsi"]
    titles = [region_title(c).upper() for c in chain]
    if role == "pps":
        return (f"{OFFICE[role]} {titles[0]}", " ".join(titles[1:]))
    if role == "ppk":
        return (f"{OFFICE[role]} {titles[0].removeprefix('KECAMATAN ')}", " ".join(titles[1:]))
    return (f"{OFFICE[role]} {titles[0]}",)


def _place(kode: str) -> str:
    return wilayah.name(kode).removeprefix("Kabupaten ").removeprefix("Kota ")
