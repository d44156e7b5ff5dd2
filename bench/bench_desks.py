"""Benchmark: the master imports 3 check-in desk files of 400 check-ins each (issue #19: ≤ 1 s), beside a floor."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kpps_desktop.core import cards, checkin, demo, exchange, installation, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.exchange import desks, provisioning
from kpps_desktop.core.exchange.records import COLUMNS

KEDUNG = "33.20.01"
DESKS, PER_DESK, RUNS = 3, 400, 5
WIB = dt.timezone(dt.timedelta(hours=7))


def prepare(folder: Path) -> tuple[Path, list[Path]]:
    """PPK Kedung with a kecamatan bimtek, 3 desks from kits, 400 scans at each, their files home."""
    ppk = dbmod.open_db(folder / "ppk.sqlite")
    installation.init(ppk, "ppk", KEDUNG)
    demo.generate(ppk, KEDUNG)
    session = sessions.create_session(ppk, "bimtek", "Bimtek KPPS Kecamatan Kedung", "2024-11-07", "08:00")
    codes = cards.current_codes(ppk, issue=True)
    officers = [o["id"] for o in sessions.expected_officers(ppk, session.id, "id")]
    kits = [desks.make_kit(ppk, folder / f"meja{i}.kpps", [session.id], f"Meja {i}")[0].path
            for i in range(1, DESKS + 1)]
    ppk.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ppk.close()
    files = []
    start = dt.datetime(2024, 11, 7, 7, 0, tzinfo=WIB)
    for i, kit in enumerate(kits):
        desk = dbmod.open_db(folder / f"desk{i}.sqlite")
        provisioning.apply(desk, kit)
        for k in range(PER_DESK):  # overlapping officers: some come to two desks
            officer = officers[(i * 300 + k) % len(officers)]
            result = checkin.check_in(desk, session.id, codes[officer], start + dt.timedelta(seconds=7 * k + i))
            assert result.ok, result.message
        files.append(exchange.export(desk, folder / f"pulang{i}.kpps").path)
        desk.close()
    return folder / "ppk.sqlite", files


def time_import(master: Path, files: list[Path], folder: Path, run: int) -> tuple[float, int]:
    path = folder / f"run{run}.sqlite"
    shutil.copy(master, path)
    db = dbmod.open_db(path)
    start = time.perf_counter()
    reports = exchange.import_files(db, files)
    elapsed = time.perf_counter() - start
    assert all(r.status == "imported" for r in reports), [r.reason for r in reports]
    new = sum(r.counts["attendance"].new for r in reports)
    assert not exchange.handover_status(db).desks_missing
    db.close()
    return elapsed, new


def time_floor(files: list[Path], folder: Path, run: int, master: Path) -> float:
    """The same attendance rows, read from the desks' databases, inserted bare into a copy of the table."""
    rows = []
    for i in range(DESKS):
        conn = sqlite3.connect(folder / f"desk{i}.sqlite")
        rows += conn.execute(f"SELECT {', '.join(COLUMNS['attendance'])} FROM attendance").fetchall()
        conn.close()
    conn = sqlite3.connect(folder / f"floor{run}.sqlite")
    conn.execute(f"CREATE TABLE a ({', '.join(COLUMNS['attendance'])}, PRIMARY KEY (id), UNIQUE (device_id, seq))")
    start = time.perf_counter()
    with conn:
        conn.executemany(f"INSERT INTO a VALUES ({', '.join('?' * len(COLUMNS['attendance']))})", rows)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        master, files = prepare(folder)
        print(f"prepared master + {DESKS} desks x {PER_DESK} check-ins in {time.perf_counter() - t0:.1f} s")
        times, floors = [], []
        for run in range(RUNS):
            elapsed, new = time_import(master, files, folder, run)
            assert new == DESKS * PER_DESK, new
            times.append(elapsed)
            floors.append(time_floor(files, folder, run, master))
        med, floor = statistics.median(times), statistics.median(floors)
        print(f"import_{DESKS}_desk_files_{DESKS * PER_DESK}_checkins: median {med:.3f} s (target <= 1 s; "
              f"floor {floor:.4f} s = bare insert of the same rows)  runs: {', '.join(f'{t:.3f}' for t in times)}")
        return 0 if med <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
