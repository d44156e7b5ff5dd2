"""Benchmark: importing a whole kabupaten roster (12,201 KPPS of Jepara) from .xlsx, beside its floor."""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation, nik, roster_import, wilayah

KABUPATEN = "33.20"  # Jepara: 195 desa, 1,743 TPS, 7 KPPS each
TPS_TOTAL = 1743
RUNS = 3


def write_roster(path: Path) -> int:
    """A synthetic Jepara roster shaped like the real ones: title rows, DESA merged down per desa."""
    desa = wilayah.descendants(KABUPATEN, "desa")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DAFTAR ANGGOTA KPPS KABUPATEN JEPARA PILKADA 2024"])
    ws.merge_cells("A1:L1")
    ws.append([])
    ws.append(list(roster_import.TEMPLATE_HEADERS))
    used: set[str] = set()
    row, no = 4, 0
    for d_index, d in enumerate(desa):
        tps_count = TPS_TOTAL // len(desa) + (1 if d_index < TPS_TOTAL % len(desa) else 0)
        first_row = row
        for tps in range(1, tps_count + 1):
            for seat in range(1, 8):
                no += 1
                jk = "P" if seat % 3 == 0 else "L"
                born = dt.date(1965 + no % 40, 1 + no % 12, 1 + no % 28)
                serial = 1 + no % 9000
                value = nik.make(d.kode.replace(".", "")[:6], born, jk, serial)
                while value in used:
                    serial += 1
                    value = nik.make(d.kode.replace(".", "")[:6], born, jk, serial)
                used.add(value)
                ws.append([no, value, f"Petugas {no:05d}", jk, "Jepara", born.strftime("%d-%m-%Y"),
                           f"RT {seat:02d} RW {tps:02d}", f"0812{no:07d}", d.nama if row == first_row else None,
                           f"TPS {tps:03d}", "KETUA KPPS" if seat == 1 else f"KPPS {seat}", None])
                row += 1
        ws.merge_cells(start_row=first_row, end_row=row - 1, start_column=9, end_column=9)
    wb.save(path)
    return no


def time_import(path: Path, folder: Path, run: int) -> tuple[float, int]:
    db = dbmod.open_db(folder / f"import-{run}.sqlite")
    installation.init(db, "kpu", KABUPATEN)
    start = time.perf_counter()
    plan = roster_import.parse_roster(path, default_desa=None, scope=KABUPATEN)
    result = roster_import.apply_import(db, plan)
    elapsed = time.perf_counter() - start
    db.close()
    assert not plan.problems, plan.problems[:3]
    return elapsed, result.added


def time_floor(path: Path, folder: Path, run: int) -> float:
    """openpyxl read-only iteration plus a bare executemany insert of the same rows."""
    start = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = [r for r in wb.active.iter_rows(min_row=4, values_only=True)]
    wb.close()
    conn = sqlite3.connect(folder / f"floor-{run}.sqlite")
    conn.execute("CREATE TABLE t (no, nik UNIQUE, nama, jk, tempat, tanggal, alamat, hp, desa, tps, jabatan, ket)")
    with conn:
        conn.executemany("INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.close()
    return time.perf_counter() - start


def time_reads(path: Path) -> tuple[float, float]:
    """read_table (read-only mode + merges from the sheet XML) against openpyxl's normal mode,
    which knows merged cells itself but builds every cell object: the choice made in read_table."""
    start = time.perf_counter()
    roster_import.read_table(path)
    chosen = time.perf_counter() - start
    start = time.perf_counter()
    wb = openpyxl.load_workbook(path, data_only=True)
    list(wb.active.iter_rows(values_only=True))
    list(wb.active.merged_cells.ranges)
    wb.close()
    return chosen, time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "roster-jepara.xlsx"
        t0 = time.perf_counter()
        count = write_roster(path)
        print(f"wrote {count} rows in {time.perf_counter() - t0:.1f} s ({path.stat().st_size / 1e6:.1f} MB)")
        imports, floors = [], []
        for run in range(RUNS):
            elapsed, added = time_import(path, folder, run)
            assert added == count, (added, count)
            imports.append(elapsed)
            floors.append(time_floor(path, folder, run))
        chosen, normal = time_reads(path)
        imp, floor = statistics.median(imports), statistics.median(floors)
        print(f"import_xlsx_{count}: median {imp:.2f} s (floor {floor:.2f} s, ratio {imp / floor:.1f}x)"
              f"  runs: {', '.join(f'{t:.2f}' for t in imports)}")
        print(f"read_table (read-only + merges from XML): {chosen:.2f} s; openpyxl normal mode: {normal:.2f} s")
        return 0 if imp <= 3.0 else 1


if __name__ == "__main__":
    sys.exit(main())
