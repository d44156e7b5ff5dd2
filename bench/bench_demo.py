"""Benchmark: the Jepara demo (12,201 officers) against a bare executemany of the same rows."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import demo

RUNS = 3
TARGET_S = 5.0


def time_generate(folder: Path, run: int) -> float:
    """generate() for Jepara into a fresh file (opening the file is not timed)."""
    database = dbmod.open_db(folder / f"demo-{run}.sqlite")
    try:
        start = time.perf_counter()
        result = demo.generate(database)
        elapsed = time.perf_counter() - start
    finally:
        database.close()
    assert result.added == 12201, result
    return elapsed


def time_floor(folder: Path, rows: list[tuple]) -> float:
    """The same officer rows, prebuilt, in one executemany and one transaction, same pragmas."""
    schema_source = dbmod.open_db(folder / "schema.sqlite")
    ddl = schema_source.conn.execute(
        # The table and its indexes; not the recap triggers (migration 0008), which write to
        # tables the floor does not have and are part of the work being measured.
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'officers' AND type IN ('table', 'index') "
        "AND sql IS NOT NULL"
    ).fetchall()
    schema_source.close()
    conn = sqlite3.connect(folder / "floor.sqlite", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for (sql,) in ddl:
        conn.execute(sql)
    columns = ", ".join("?" * len(rows[0]))
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO officers VALUES ({columns})", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        times = [time_generate(folder, run) for run in range(RUNS)]
        plan = demo.tps_plan(demo.JEPARA)
        people = demo._officers(demo.JEPARA, 0, plan)
        now = dbmod.utc_now()
        # Table order: id..jabatan, status, replaced_by, is_demo, created_at, updated_at, device_id.
        rows = [row + ("aktif", None, 1, now, now, "bench") for part in people.values() for row in part]
        assert len(rows) == 12201
        floor = time_floor(folder, rows)
    median = statistics.median(times)
    print(f"demo_jepara: median {median:.2f} s (floor {floor:.2f} s, ratio {median / floor:.1f}x, "
          f"target <= {TARGET_S:.0f} s) runs: {', '.join(f'{t:.2f}' for t in times)}")


if __name__ == "__main__":
    main()
