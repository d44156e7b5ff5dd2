"""Benchmark: check_in (decision + durable commit) with the Jepara roster and 100,000 events, beside a bare commit.

Run: .venv/bin/python bench/bench_checkin_core.py [--scans 1000] [--events 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from kpps_desktop.core import cards, checkin, demo, sessions
from kpps_desktop.core import db as dbmod


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def build(path: Path, events: int) -> tuple:
    db = dbmod.open_db(path)
    demo.generate(db)  # Kabupaten Jepara: 12,201 officers, 390 sessions
    cards.issue_missing(db)
    officers = db.conn.execute("SELECT id, desa FROM officers WHERE status = 'aktif'").fetchall()
    by_desa: dict[str, list[str]] = {}
    for oid, desa in officers:
        by_desa.setdefault(desa, []).append(oid)
    # History: earlier sessions of every desa, one event per officer, until `events` are stored;
    # all from this device, so the next-seq lookup runs over the whole history.
    device, now = dbmod.device_id(db), dbmod.utc_now()
    rows, seq, day = [], 0, dt.date(2024, 10, 1)
    with db.atomic():
        while seq < events:
            for desa, ids in by_desa.items():
                sid = dbmod.new_id()
                db.conn.execute(
                    "INSERT INTO sessions (id, kind, title, date, start_time, scope_kind, scope, created_at, "
                    "updated_at, device_id) VALUES (?, 'simulasi', 'Simulasi', ?, '08:00', 'desa', ?, ?, ?, ?)",
                    (sid, day.isoformat(), desa, now, now, device))
                for oid in ids:
                    if seq >= events:
                        break
                    seq += 1
                    rows.append((dbmod.new_id(), sid, oid, "hadir", None, f"{day}T08:05:00+07:00",
                                 device, seq, "scanner", None, now))
            day += dt.timedelta(days=1)
        db.conn.executemany(
            f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    today = dt.date.today().isoformat()
    session = sessions.create_session(db, "bimtek", "Bimtek gabungan", today, "08:00", scope_kind="kabupaten",
                                      scope="33.20")
    db.conn.execute("CREATE TABLE IF NOT EXISTS bench_floor (id TEXT PRIMARY KEY, v TEXT)")
    db.conn.commit()
    return db, session, len(officers)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scans", type=int, default=1000)
    ap.add_argument("--events", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        db, session, n_officers = build(Path(tmp) / "bench.sqlite", args.events)
        n_events = db.conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
        print(f"setup {time.perf_counter() - t0:.1f} s: {n_officers} officers, {n_events} attendance events, "
              f"SQLite {sqlite3.sqlite_version}, WAL, synchronous=FULL")
        codes = list(cards.current_codes(db).values())
        random.Random(1).shuffle(codes)
        codes = codes[:args.scans]

        floor, accepted, duplicate = [], [], []
        # Interleaved, so disk and CPU noise from neighbours hits both series alike.
        for _i, code in enumerate(codes):
            t = time.perf_counter()
            db.conn.execute("BEGIN")
            db.conn.execute("INSERT INTO bench_floor VALUES (?, ?)", (dbmod.new_id(), code))
            db.conn.execute("COMMIT")
            floor.append(time.perf_counter() - t)
            t = time.perf_counter()
            r = checkin.check_in(db, session.id, code, dt.datetime.now().astimezone())
            accepted.append(time.perf_counter() - t)
            assert r.result == "accepted", r
        for code in codes:
            t = time.perf_counter()
            r = checkin.check_in(db, session.id, code, dt.datetime.now().astimezone())
            duplicate.append(time.perf_counter() - t)
            assert r.result == "duplicate", r
        db.close()

    def line(name: str, values: list[float]) -> str:
        ms = [v * 1000 for v in values]
        return (f"{name:<38} n={len(ms):<5} p50 {statistics.median(ms):6.2f} ms   p99 {_pct(ms, 99):6.2f} ms"
                f"   max {max(ms):6.2f} ms")

    print(line("floor: bare INSERT + durable COMMIT", floor))
    print(line("check_in accepted (decide + commit)", accepted))
    print(line("check_in duplicate (decide only)", duplicate))
    print(f"accepted p99 - floor p99 = {(_pct(accepted, 99) - _pct(floor, 99)) * 1000:.2f} ms (target: p99 well under 30 ms)")


if __name__ == "__main__":
    main()
