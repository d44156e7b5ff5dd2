"""Officers with valid NIKs for the card and print tests."""

import datetime as dt

from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import roster

DESA = "33.20.01.2001"


def make_officers(db, n, desa=DESA, names=None):
    officers = []
    for i in range(n):
        jk = "P" if i % 2 else "L"
        born = dt.date(1980, 1 + i % 12, 1 + i % 28)
        officers.append(roster.Officer(
            nik=nikmod.make("332001", born, jk, i + 1), nama=(names or {}).get(i, f"Petugas Nomor {i + 1}"),
            jk=jk, desa=desa, tps=1 + i // 7, jabatan="ketua" if i % 7 == 0 else "anggota",
            tanggal_lahir=born.isoformat()))
    roster.upsert_officers(db, officers)
    return officers
