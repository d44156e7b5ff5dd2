"""Benchmark: the recap of the whole Jepara demo after three sessions, beside a plain SQL GROUP BY floor.

Run: .venv/bin/python bench/bench_recap.py [--repeat 7] [--national DBFILE]

The Jepara database: the demo (pelantikan + bimtek in each of 195 desa) plus a third session
(simulasi) per desa; ~85% of officers checked in across them (inserted directly, with some
late, online, izin and sakit), the first two sessions closed. --national runs the same recap
on a given database file (e.g. the sync helper's national-scale one) if it exists: it is
written to (a few check-ins), so give it a copy.

The recap sums counts kept per (desa, TPS, session) (core/tally.py). Printed: the recap by
kecamatan, desa and TPS with the counts current, right after one new check-in (the refresh of
one session), and the first recap after opening (the Jepara database is built by bulk inserts,
so this one counts all of it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import checkin, demo, recap, sessions

LIMIT_MS = 200.0
NATIONAL_LIMIT_S = 10.0
FLOOR_SQL = """SELECT substr(o.desa, 1, 8), a.status, count(*) FROM attendance a
               JOIN officers o ON o.id = a.officer_id GROUP BY 1, 2"""


def build(path: Path, seed: int = 1) -> dict:
    db = dbmod.open_db(path)
    demo.generate(db)
    rng = random.Random(seed)
    device, now = dbmod.device_id(db), dbmod.utc_now()
    day = demo.SESSION_DAY + dt.timedelta(days=3)
    with db.atomic():
        for desa in db.conn.execute("SELECT DISTINCT desa FROM officers").fetchall():
            db.conn.execute(
                "INSERT INTO sessions (id, kind, title, date, start_time, end_time, scope_kind, scope, "
                "created_at, updated_at, device_id) VALUES (?, 'simulasi', 'Simulasi KPPS', ?, '08:00', "
                "'11:00', 'desa', ?, ?, ?, ?)", (dbmod.new_id(), day.isoformat(), desa[0], now, now, device))
    pairs = db.conn.execute(f"SELECT session_id, officer_id FROM ({sessions.scope_pairs_sql()}) "
                            "WHERE expected").fetchall()
    starts = dict(db.conn.execute("SELECT id, date || 'T' || start_time FROM sessions").fetchall())
    closed = {sid for (sid,) in db.conn.execute("SELECT id FROM sessions WHERE kind != 'simulasi'")}
    rows, seq = [], 0
    for sid, oid in pairs:
        r = rng.random()
        start = dt.datetime.fromisoformat(starts[sid])
        if r < 0.85:
            minutes = rng.gauss(-5, 12)
            status = "terlambat" if minutes > sessions.DEFAULT_GRACE_MINUTES else (
                "hadir_daring" if r < 0.02 else "hadir")
            method = "desk" if status == "hadir_daring" else ("manual" if r < 0.05 else "scanner")
        elif r < 0.90:
            minutes, status, method = -60, rng.choice(("izin", "sakit")), "desk"
        elif sid in closed:
            minutes, status, method = 300, "tidak_hadir", "close"
        else:
            continue  # the open third session: not recorded yet
        seq += 1
        at = (start + dt.timedelta(minutes=minutes)).isoformat(timespec="seconds") + "+07:00"
        event_id = dbmod.new_id()
        rows.append((event_id, sid, oid, status, None, at, device, seq, method, None, now))
        # A few officers with several events, which take the full rule: a second desk's scan,
        # a paper entry after the closing, an undone check-in.
        extra = rng.random()
        if extra < 0.03:
            seq += 1
            later = (start + dt.timedelta(minutes=minutes + 2)).isoformat(timespec="seconds") + "+07:00"
            if status == "tidak_hadir":
                rows.append((dbmod.new_id(), sid, oid, "hadir", None, later, device, seq, "paper", None, now))
            elif extra < 0.015:
                rows.append((dbmod.new_id(), sid, oid, status, None, later, "desk-2", seq, "scanner", None, now))
            else:
                rows.append((dbmod.new_id(), sid, oid, "undo", "salah pindai", later, device, seq, "desk",
                             event_id, now))
    with db.atomic():
        db.conn.executemany(
            f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.conn.execute("UPDATE sessions SET closed_at = date || 'T16:00:00+07:00' WHERE kind != 'simulasi'")
    db.close()
    return {"sessions": len(starts), "pairs": len(pairs), "events": len(rows)}


def _ms(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def measure(path: Path, repeat: int, people: bool = True) -> dict:
    """Medians in ms: the floor, the first recap (it brings stale counts up to date), the recap
    by each level with the counts current, and the recap right after one new check-in."""
    db = dbmod.open_db(path, check=False)
    out: dict = {"floor": statistics.median(_ms(lambda: db.conn.execute(FLOOR_SQL).fetchall(), repeat))}
    t = time.perf_counter()
    out["result"] = recap.recap(db, "kecamatan")
    out["first"] = (time.perf_counter() - t) * 1000
    for by in ("kecamatan", "desa", "tps"):
        out[by] = statistics.median(_ms(lambda by=by: recap.recap(db, by), repeat))
    # The KPU's recap as #21 asks for it: coverage (always there) and the head counts of people.
    if people:  # skipped nationally: a head count of 5.7 M officers is not what the 10 s target is about
        # Interleaved with the floor, so both see the same load (the shared VM's swings by 2-3x).
        floor, people = [], []
        for _ in range(repeat):
            floor += _ms(lambda: db.conn.execute(FLOOR_SQL).fetchall(), 1)
            people += _ms(lambda: recap.recap(db, "kecamatan", people=True), 1)
        out["people"], out["people_floor"] = statistics.median(people), statistics.median(floor)
        out["people_result"] = recap.recap(db, "kecamatan", people=True)
    rng = random.Random(5)
    session_ids = [r[0] for r in db.conn.execute("SELECT id FROM sessions ORDER BY id")]
    after = []
    for _ in range(repeat):
        sid = rng.choice(session_ids)
        officer = rng.choice(sessions.expected_officers(db, sid))
        checkin.check_in_officer(db, sid, officer["id"], dt.datetime.now().astimezone(), "scanner")
        after += _ms(lambda: recap.recap(db, "kecamatan"), 1)
    out["after_checkin"] = statistics.median(after)
    db.close()
    return out


def report(name: str, m: dict, limit_ms: float) -> bool:
    r = m["result"]
    print(f"{name}: recap by kecamatan (all sessions) {m['kecamatan']:.1f} ms median "
          f"(limit {limit_ms:.0f} ms; floor: plain GROUP BY over the events {m['floor']:.1f} ms, "
          f"ratio {m['kecamatan'] / m['floor']:.2f}x)")
    print(f"  by desa {m['desa']:.1f} ms, by TPS {m['tps']:.1f} ms; right after one new check-in "
          f"{m['after_checkin']:.1f} ms; first recap on opening {m['first']:.1f} ms")
    print(f"  {len(r.rows)} kecamatan, {r.total['expected']} expected pairs, present {r.total['present']}, "
          f"rate {r.total['rate']:.1%}; {r.coverage['reported']} of {r.coverage['total']} desa reported")
    if "people" in m:
        t = m["people_result"].total
        print(f"  with coverage and people counts {m['people']:.1f} ms median (limit {limit_ms:.0f} ms; "
              f"floor in the same runs {m['people_floor']:.1f} ms, {m['people'] / m['people_floor']:.2f}x): "
              f"{t['people']} officers, {t['people_all']} at every required session, "
              f"{t['people_some']} missed some, {t['people_none']} missed all")
    slowest = max(m["kecamatan"], m["desa"], m["tps"], m["after_checkin"], m["first"], m.get("people", 0))
    return slowest <= limit_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each figure (their median is printed)")
    parser.add_argument("--national", type=Path, metavar="DBFILE", help="also time the recap of this database")
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "jepara.sqlite"
        t = time.perf_counter()
        info = build(path)
        print(f"built Jepara: {info['sessions']} sessions, {info['pairs']} expected pairs, "
              f"{info['events']} events in {time.perf_counter() - t:.1f} s")
        ok &= report("Jepara", measure(path, args.repeat), LIMIT_MS)
    if args.national:
        if not args.national.exists():
            print(f"national: {args.national} not found, skipped")
        else:
            ok &= report("national", measure(args.national, 3, people=False), NATIONAL_LIMIT_S * 1000)
    print("OK" if ok else "TOO SLOW")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
