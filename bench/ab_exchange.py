"""A/B of the handover import: the same .kpps files imported alternately by this tree and another.

Prints the CPU time of `exchange.import_files` per run and the medians (wall time on a shared
machine swings too much to compare two versions). Make the files once, e.g.
  python bench/ab_exchange.py --make-jepara DIR
then compare against an export of main:
  git archive main | tar -x -C /tmp/base
  python bench/ab_exchange.py --against /tmp/base --runs 5 DIR
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
CHILD = r"""
import sys, time
from pathlib import Path
from kpps_desktop.core import db as dbmod, exchange, installation
files = sorted(Path(sys.argv[1]).glob("*.kpps"))
db = dbmod.open_db(Path(sys.argv[2]))
installation.init(db, "kpu", "33.20")
start = time.process_time()
reports = exchange.import_files(db, files, trust_new=True, any_scope=True)
cpu = time.process_time() - start
assert all(r.status == "imported" for r in reports), [r.reason for r in reports if not r.ok][:3]
print(cpu)
"""


def run(tree: Path, files: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        out = subprocess.run([sys.executable, "-c", CHILD, str(files), str(Path(tmp) / "kpu.sqlite")],
                             env=env, capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", type=Path, help="folder of .kpps files")
    parser.add_argument("--against", type=Path, help="the other source tree (e.g. an export of main)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--make-jepara", action="store_true", help="first write the 195 Jepara desa files there")
    args = parser.parse_args(argv)
    if args.make_jepara:
        sys.path.insert(0, str(HERE / "bench"))
        import bench_exchange

        args.files.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            for path in bench_exchange.jepara_files(Path(tmp)):
                path.rename(args.files / path.name)
    trees = [("ini", HERE)] + ([("pembanding", args.against.resolve())] if args.against else [])
    times: dict[str, list[float]] = {name: [] for name, _ in trees}
    for i in range(args.runs):
        for name, tree in (trees if i % 2 == 0 else trees[::-1]):
            times[name].append(run(tree, args.files))
            print(f"{name}: CPU {times[name][-1]:.2f} s", flush=True)
    for name, values in times.items():
        print(f"median {name}: CPU {statistics.median(values):.2f} s dari {len(values)} kali")
    return 0


if __name__ == "__main__":
    sys.exit(main())
