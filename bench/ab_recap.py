"""A/B of the recap on one database: this tree against another (e.g. the baseline 67107d8), interleaved.

Run: .venv/bin/python bench/ab_recap.py --against TREE --runs 5 DBFILE [--by desa ...]

TREE is a checkout of the other version (`git archive 67107d8 kpps_desktop | tar -x -C TREE`, or a
`git worktree`). Each run is a fresh process of one tree (which one goes first alternates), opening
DBFILE read-only through a plain connection (no migration: the older code reads the newer file),
making one recap to warm the cache, then timing the recap by each level `--repeat` times.
Times are process CPU time (on the shared 2-core VM wall time swung ±40 % with the others' load);
the median of each run, then the median over the runs, are compared. The database must be current
(its recap counts up to date), e.g. one kept by `bench_exchange.py --national --scale 0.1 --keep DBFILE`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sqlite3, sys, time
sys.path.insert(0, sys.argv[1])
import sqlite_utils
from kpps_desktop.core import recap
conn = sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True, check_same_thread=False)
db = sqlite_utils.Database(conn)
levels = sys.argv[3].split(",")
recap.recap(db, levels[0])
out = {}
for by in levels:
    cpu = []
    for _ in range(int(sys.argv[4])):
        t = time.process_time()
        recap.recap(db, by)
        cpu.append((time.process_time() - t) * 1000)
    out[by] = sorted(cpu)[len(cpu) // 2]
t = time.process_time()
conn.execute("SELECT count(*), sum(expected) FROM recap_tally").fetchall()
out["floor"] = (time.process_time() - t) * 1000
print(json.dumps(out))
"""


def run(tree: Path, db: Path, levels: list[str], repeat: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(db), ",".join(levels), str(repeat)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--against", type=Path, required=True, metavar="TREE", help="the other version's tree")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--by", nargs="+", default=["kecamatan", "desa", "tps"])
    parser.add_argument("--repeat", type=int, default=3, help="recaps per level in each run (their median)")
    args = parser.parse_args(argv)
    trees = {"this": HERE, "base": args.against.resolve()}
    got: dict[str, list[dict]] = {"this": [], "base": []}
    for i in range(args.runs):
        order = ("base", "this") if i % 2 == 0 else ("this", "base")
        for name in order:
            got[name].append(run(trees[name], args.db, args.by, args.repeat))
        print(f"run {i + 1}: " + "; ".join(
            f"{name} " + " ".join(f"{k} {got[name][-1][k]:.0f}" for k in args.by) for name in order), flush=True)
    ok = True
    for by in [*args.by, "floor"]:
        base = statistics.median(r[by] for r in got["base"])
        this = statistics.median(r[by] for r in got["this"])
        change = this / base - 1
        print(f"{by}: base {base:.0f} ms, this {this:.0f} ms CPU, median of {args.runs} runs ({change:+.0%})")
        ok &= by == "floor" or change <= 0.20
    print("OK (within +20 %)" if ok else "SLOWER by more than 20 %")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
