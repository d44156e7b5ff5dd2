"""A small roster with the names the daring report fixtures (tests/data/daring) were written for."""

import datetime as dt
from pathlib import Path

from kpps_desktop.core import installation, nik, roster, sessions

KEDUNGMALANG, KALIANYAR = "33.20.01.2001", "33.20.01.2002"
WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2024, 11, 7, 12, 30, tzinfo=WIB)
DATA = Path(__file__).resolve().parents[1] / "data" / "daring"

NAMES = {
    (KEDUNGMALANG, 1): ["Ahmad Fauzi", "Siti Aminah", "Muhammad Ma'ruf", "Dewi Lestari", "Budi Santoso",
                        "Nur Hidayah", "Sri Wahyuni"],
    (KEDUNGMALANG, 2): ["Agus Salim", "Siti Aminah", "Eko Prasetyo", "Rina Marlina", "Joko Susilo", "Sumarno",
                        "Wahyu Hidayat"],
    (KALIANYAR, 1): ["Slamet Riyadi", "Siti Rohmah", "Ahmad Fauzan", "Tri Handayani", "Bambang Sutrisno",
                     "Lina Marlina", "Yusuf Efendi"],
}


def officer_nik(serial: int, jk: str) -> str:
    return nik.make("332001", dt.date(1990, 1, 1) + dt.timedelta(days=serial), jk, serial)


def make(db) -> dict[str, str]:
    """A PPK installation (Kecamatan Kedung) with the 21 officers above; returns 'Name@desa/tps' -> id."""
    installation.init(db, "ppk", "33.20.01")
    officers, serial = [], 0
    for (desa, tps), names in NAMES.items():
        for seat, nama in enumerate(names):
            serial += 1
            jk = "P" if seat % 2 else "L"
            officers.append(roster.Officer(nik=officer_nik(serial, jk), nama=nama, jk=jk, desa=desa, tps=tps,
                                           jabatan="ketua" if seat == 0 else "anggota"))
    roster.upsert_officers(db, officers)
    ids = {}
    for o in roster.list_officers(db):
        ids[f"{o['nama']}@{o['desa'][-4:]}/{o['tps']}"] = o["id"]
    return ids


def session(db) -> sessions.Session:
    return sessions.create_session(db, "pelantikan", "Pelantikan daring", "2024-11-07", "09:00", "12:00",
                                   scope="33.20.01")
