"""The seats of a TPS: the next free place, and the warnings that name who is involved."""

import datetime as dt

from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import roster, seats

DESA = "33.20.01.2001"


def _add(db, n, jabatan, tps=1, nama=None):
    return roster.add_officer(db, roster.Officer(
        nik=nikmod.make("332001", dt.date(1980, 1, 1 + n % 28), "L", n + 1), nama=nama or f"Petugas {n:02d}",
        jk="L", desa=DESA, tps=tps, jabatan=jabatan))


def test_next_free_place_fills_ketua_then_anggota_then_linmas(pps_db):
    assert seats.next_free_jabatan(pps_db, DESA, 1) == "ketua"
    _add(pps_db, 0, "ketua")
    assert seats.next_free_jabatan(pps_db, DESA, 1) == "anggota"
    for n in range(1, 7):
        _add(pps_db, n, "anggota")
    assert seats.next_free_jabatan(pps_db, DESA, 1) == "linmas"
    _add(pps_db, 7, "linmas")
    _add(pps_db, 8, "linmas")
    assert seats.next_free_jabatan(pps_db, DESA, 1) is None


def test_warnings_name_the_people_and_a_paw_or_the_officer_itself_is_not_counted(pps_db):
    ketua = _add(pps_db, 0, "ketua", nama="Siti Aminah")
    second = roster.Officer(nik="", nama="Budi", jk="L", desa=DESA, tps=1, jabatan="ketua")
    assert seats.seat_warnings(pps_db, second) == [
        "TPS 001 Kedungmalang sudah punya Ketua KPPS: Siti Aminah. Budi akan menjadi ketua kedua."]
    assert seats.seat_warnings(pps_db, second, replacing=ketua.id) == []  # PAW: takes the seat
    assert seats.seat_warnings(pps_db, ketua) == []  # saving the ketua unchanged
    ketua.jabatan = "anggota"
    assert seats.seat_warnings(pps_db, ketua) == [
        "TPS 001 Kedungmalang tidak punya Ketua KPPS lagi setelah perubahan ini (anggota: belum ada)."]
