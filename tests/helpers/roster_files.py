"""Roster files as offices send them, shared by the core, GUI and CLI tests of the import."""

from __future__ import annotations

import datetime as dt

import openpyxl

from kpps_desktop.core import nik

HEADER = ["NO", "NIK", "NAMA", "JK", "TGL LAHIR", "TPS", "JABATAN"]


def _officer(i: int, tps: int) -> list:
    jk = "P" if i % 3 == 0 else "L"
    born = dt.date(1975 + i, 1 + i % 12, 1 + i % 27)
    return [i, nik.make("332001", born, jk, 100 + i), f"Petugas Nomor {i}", jk, born.strftime("%d-%m-%Y"),
            f"TPS {tps:03d}", "KETUA KPPS" if i in (1, 8) else "ANGGOTA KPPS"]


def with_signature_totals_and_repeated_header(path):
    """A desa roster printed over two pages: a title, TPS 001, a totals row, the header again,
    TPS 002 with two bad rows (row 16: JK 'X'; row 19: a NIK cut to 15 digits), a totals row,
    and the PPS's signature block under the table, all as a real .xlsx.

    Data rows: 6-12 (TPS 001) and 15-21 (TPS 002): 12 officers import, 2 rows have problems.
    """
    first = [_officer(i, 1) for i in range(1, 8)]
    second = [_officer(i, 2) for i in range(8, 15)]
    second[1][3] = "X"  # row 16
    second[4][1] = second[4][1][:15]  # row 19
    rows = [
        ["DAFTAR NAMA ANGGOTA KPPS"],                      # 1 (merged A1:G1)
        ["DESA KEDUNGMALANG KECAMATAN KEDUNG"],            # 2 (merged A2:G2)
        [],                                                # 3
        [],                                                # 4
        HEADER,                                            # 5
        *first,                                            # 6-12
        [None, None, "JUMLAH TPS 001", "L: 4, P: 3"],      # 13
        HEADER,                                            # 14 (page 2 repeats it)
        *second,                                           # 15-21
        [None, "JUMLAH", 14],                              # 22
        [],                                                # 23
        [None, None, None, None, "Kedungmalang, 1 November 2024"],  # 24
        [None, "Mengetahui,", None, None, "Ketua PPS Kedungmalang"],  # 25
        [],                                                # 26
        [None, None, None, None, "SUPARMAN, S.Pd."],       # 27
        [None, None, None, None, "NIP. -"],                # 28
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    ws.merge_cells("A1:G1")
    ws.merge_cells("A2:G2")
    for cells in ws.iter_rows(min_row=6, min_col=2, max_col=2):
        cells[0].number_format = "@"
    wb.save(path)
    return path
