"""Benchmark: a KPU importing handover files, beside a bare SQLite bulk insert of the same rows.

Default (Jepara): 195 desa files from 195 PPS databases holding the whole Jepara demo (12,201
officers, three sessions per desa, attendance), imported by one KPU; target <= 5 s.
--national: 5.74 million officers and ~17 million attendance events in one file per
kabupaten/kota (as each KPU Kabupaten would send them up), imported into one database; target
<= 10 min with memory bounded. --scale 0.1 imports every tenth kabupaten, to show that peak
memory does not grow with the data. Results and what limits them: docs/benchmarks-exchange.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import demo, exchange, installation, sessions, wilayah

JEPARA_TARGET_S = 5.0
NATIONAL_TARGET_S = 600.0
NATIONAL_TPS = 820_161  # Pemilu 2024, domestic TPS: x 7 = 5,741,127 KPPS
PRESENT = 0.99  # share of officers attending each session
CACHE_KIB = 256 * 1024  # page cache of the importing connection: memory is bounded by it


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- Jepara ------------------------------------------------------------------------------

def jepara_files(folder: Path) -> list[Path]:
    """195 PPS databases filled from the Jepara demo, each checks its officers in and exports."""
    source = folder / "source.sqlite"
    src = dbmod.open_db(source)
    demo.generate(src)
    desas = [r[0] for r in src.conn.execute("SELECT DISTINCT desa FROM officers ORDER BY desa")]
    src.close()
    rng = random.Random(7)
    files = []
    for desa in desas:
        db = dbmod.open_db(folder / f"pps-{desa}.sqlite")
        installation.init(db, "pps", desa)
        device = dbmod.device_id(db)
        with db.atomic():
            db.conn.execute("ATTACH DATABASE ? AS src", (str(source),))
            db.conn.execute("INSERT INTO officers SELECT * FROM src.officers WHERE desa = ?", (desa,))
            db.conn.execute("INSERT INTO sessions SELECT * FROM src.sessions WHERE scope = ?", (desa,))
            now = dbmod.utc_now()
            db.conn.execute(
                "INSERT INTO sessions (id, kind, title, date, start_time, end_time, venue, scope_kind, scope, "
                "is_demo, created_at, updated_at, device_id) VALUES (?, 'simulasi', ?, '2024-11-08', '08:00', "
                "'12:00', 'Balai Desa', 'desa', ?, 1, ?, ?, ?)",
                (uuid.uuid4().hex, f"Simulasi {wilayah.name(desa)}", desa, now, now, device))
            officers = [r[0] for r in db.conn.execute("SELECT id FROM officers")]
            sessions_ = db.conn.execute("SELECT id, date FROM sessions ORDER BY date, start_time").fetchall()
            events, seq = [], 0
            for sid, day in sessions_:
                for oid in officers:
                    if rng.random() < PRESENT:
                        seq += 1
                        events.append((uuid.uuid4().hex, sid, oid, "hadir", None,
                                       f"{day}T07:{rng.randrange(60):02d}:00+07:00", device, seq, "scanner",
                                       None, now))
            db.conn.executemany(f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        db.conn.execute("DETACH DATABASE src")
        files.append(exchange.export(db, folder / f"{desa}.kpps").path)
        db.close()
    return files


# --- national ------------------------------------------------------------------------------

_NAMES = ("Siti Aminah", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Sri Wahyuni", "Joko Susilo",
          "Nur Hidayah", "Ahmad Fauzi", "Rina Kartika", "Eko Prasetyo")


def national_plan() -> dict[str, dict[str, int]]:
    """kabupaten -> desa -> TPS count, 820,161 TPS spread over every desa (at least one each)."""
    rng = random.Random(2024)
    kabs = wilayah.children(None)
    desas = []
    for prov in kabs:
        for kab in wilayah.children(prov.kode):
            desas += [(kab.kode, d.kode) for d in wilayah.descendants(kab.kode, "desa")]
    weights = [rng.lognormvariate(0, 0.6) for _ in desas]
    extra = NATIONAL_TPS - len(desas)
    shares = [extra * w / sum(weights) for w in weights]
    counts = [1 + int(s) for s in shares]
    for i in sorted(range(len(desas)), key=lambda i: int(shares[i]) - shares[i])[:NATIONAL_TPS - sum(counts)]:
        counts[i] += 1
    plan: dict[str, dict[str, int]] = {}
    for (kab, desa), n in zip(desas, counts):
        plan.setdefault(kab, {})[desa] = n
    return plan


IDS = "time"  # "time": ids as the app makes them (db.time_id at the record's own time); "random": uuid4-like


def _ms(stamp: str) -> int:
    return int(dt.datetime.fromisoformat(stamp).timestamp() * 1000)


def _kab_rows(kab: str, desas: dict[str, int]):
    """Deterministic rows of one kabupaten: (device id, key, officers, sessions, attendance by device).

    Ids are made as the app makes them (IDS): at the moment each record was created. Each KPU
    Kabupaten typed its roster in on its own day between 1 December 2023 and 19 January 2024; the
    check-ins, though, happen in the same morning hours all over the country, so their ids
    interleave across files exactly as they would for real.
    """
    rng = random.Random(kab)
    device = f"{rng.getrandbits(128):032x}"
    key = Ed25519PrivateKey.from_private_bytes(rng.randbytes(32))
    entered = dt.datetime(2023, 12, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
        minutes=rng.randrange(50 * 24 * 60))
    stamp = entered.isoformat(timespec="seconds")
    clock = [_ms(stamp)]

    def hexid(at_ms: int | None = None) -> str:
        if IDS == "random":
            return f"{rng.getrandbits(128):032x}"
        if at_ms is None:  # roster entry: about ten records per millisecond
            clock[0] += rng.random() < 0.1
            at_ms = clock[0]
        return dbmod.time_id(at_ms, rng.getrandbits(74))
    officers, sessions_, attendance = [], [], []
    serial: dict[str, int] = {}
    for desa, tps_count in sorted(desas.items()):
        kec6 = desa[:8].replace(".", "")
        desk = f"{rng.getrandbits(128):032x}"  # device ids stay random (db.open_db)
        own = []
        for tps in range(1, tps_count + 1):
            for seat in range(7):
                serial[kec6] = serial.get(kec6, 0) + 1
                jk = "P" if rng.random() < 0.4 else "L"
                # Unique per kecamatan: the counter gives the day of birth and the serial.
                c = serial[kec6]
                day, month, year = 1 + c // 10000 % 28, rng.randint(1, 12), rng.randint(1964, 2006)
                nik = f"{kec6}{day + (40 if jk == 'P' else 0):02d}{month:02d}{year % 100:02d}{c % 10000:04d}"
                oid = hexid()
                own.append(oid)
                officers.append((oid, nik, rng.choice(_NAMES), jk, "Kota", f"{year}-{month:02d}-{day:02d}",
                                 "RT 001 RW 002", "0812" + str(rng.randrange(10**7, 10**8)), desa, tps, None,
                                 "ketua" if seat == 0 else "anggota", "aktif", None, 0, stamp, stamp, device))
        desa_sessions = []
        for kind, day in (("pelantikan", "2024-01-25"), ("bimtek", "2024-01-25"), ("simulasi", "2024-01-27")):
            sid = hexid()
            desa_sessions.append((sid, day))
            sessions_.append((sid, kind, f"{kind.title()} KPPS {desa}", day, "08:00", "12:00", "Balai Desa",
                              "desa", desa, None, None, 0, stamp, stamp, device))
        events, seq = [], 0
        for sid, day in desa_sessions:
            for oid in own:
                if rng.random() < PRESENT:
                    seq += 1
                    at = f"{day}T07:{rng.randrange(60):02d}:{rng.randrange(60):02d}+07:00"
                    events.append((hexid(_ms(at) + rng.randrange(1000)), sid, oid, "hadir", None, at,
                                   desk, seq, "scanner", None, at))
        attendance.append((desk, events))
    attendance.sort()
    return device, key, officers, sessions_, attendance


def _lines(table: str, rows):
    cols = exchange.COLUMNS[table]
    for row in rows:
        # Columns added later (attendance.evidence) are null here, as in most real files.
        yield exchange._line(row + (None,) * (len(cols) - len(row)) if len(row) < len(cols) else row, cols)


def national_file(args: tuple[str, dict[str, int], str, str]) -> tuple[str, int]:
    """Write one kabupaten's file as its KPU would send it up; returns (path, records)."""
    kab, desas, folder, ids = args
    global IDS
    IDS = ids  # a spawned worker does not inherit the parent's setting
    device, key, officers, sessions_, attendance = _kab_rows(kab, desas)
    import hashlib

    devices, att_lines = [], []
    for desk, events in attendance:
        h = hashlib.sha256()
        for line in _lines("attendance", events):
            h.update(line + b"\n")
            att_lines.append(line)
        if events:
            devices.append({"device_id": desk, "count": len(events), "seq_min": 1, "seq_max": len(events),
                            "digest": h.hexdigest()})
    records = {"officers": _lines("officers", officers), "sessions": _lines("sessions", sessions_),
               "attendance": iter(att_lines)}
    members, hashes = [], {}
    for name in exchange.MEMBERS[2:]:
        table = name.removeprefix("records/").removesuffix(".jsonl")
        member, digest, count = exchange._deflate(records.get(table, ()), name)
        members.append(member)
        hashes[name] = {"sha256": digest, "size": member.size, "count": count}
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    data, _ = exchange.assemble(members, hashes, devices,
                                device={"id": device, "role": "kpu", "wilayah": kab, "public_key": public.hex()},
                                scope=kab, created_at="2024-01-28T10:00:00+00:00", sign=key.sign)
    path = Path(folder) / f"{kab}.kpps"
    path.write_bytes(data)
    return str(path), len(officers) + len(sessions_) + len(att_lines)


# --- timing ------------------------------------------------------------------------------

def import_all(db_path: Path, files: list[Path], *, any_scope: bool) -> tuple[float, int]:
    """exchange.import_files over all files (as `kpps import FILE...` does), timed to the last commit."""
    db = dbmod.open_db(db_path)
    installation.init(db, "kpu", "33.20")
    db.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    records = 0
    start = time.perf_counter()
    step = 50 if len(files) > 200 else len(files)  # import_files commits at the end of each call
    for i in range(0, len(files), step):
        for report in exchange.import_files(db, files[i:i + step], trust_new=True, any_scope=any_scope):
            if report.status != "imported":
                raise SystemExit(f"{report.path}: {report.status} {report.reason}")
            records += sum(c.new for c in report.counts.values())
        if step < len(files):
            print(f"  {min(i + step, len(files))}/{len(files)} berkas, {records:,} rekaman, {time.perf_counter() - start:.0f} s, "
                  f"RSS puncak {peak_rss_mib():.0f} MiB", flush=True)
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed, records


def _floor_db(path: Path) -> sqlite3.Connection:
    schema = dbmod.open_db(path.with_suffix(".schema.sqlite"))
    ddl = [r[0] for r in schema.conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name IN ('officers', 'sessions', 'attendance') "
        "AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type = 'index'")]  # no recap triggers
    schema.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    for sql in ddl:
        conn.execute(sql)
    return conn


def _insert(conn, table: str, rows) -> None:
    conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(exchange.COLUMNS[table]))})", rows)


def floor_jepara(folder: Path, imported: Path) -> float:
    """The rows the KPU ended with, prebuilt, into the same schema: one executemany per table."""
    src = sqlite3.connect(imported)
    rows = {t: src.execute(f"SELECT {', '.join(exchange.COLUMNS[t])} FROM {t}").fetchall()
            for t in ("officers", "sessions", "attendance")}
    src.close()
    conn = _floor_db(folder / "floor.sqlite")
    start = time.perf_counter()
    conn.execute("BEGIN")
    for table, r in rows.items():
        _insert(conn, table, r)
    conn.execute("COMMIT")
    return time.perf_counter() - start


def floor_national(folder: Path, jobs: list[tuple], per_file: bool) -> float:
    """The same rows, regenerated per kabupaten (untimed), inserted with executemany.

    Committed as import_files commits (every exchange.COMMIT_RECORDS records and at the end),
    or, per_file, once per kabupaten as a file-by-file import would.
    """
    path = folder / "floor.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = _floor_db(path)
    total, pending = 0.0, 0
    for kab, desas, *_ in jobs:
        _, _, officers, sessions_, attendance = _kab_rows(kab, desas)
        events = [e for _, evs in attendance for e in evs]
        start = time.perf_counter()
        if not conn.in_transaction:
            conn.execute("BEGIN")
        _insert(conn, "officers", officers)
        _insert(conn, "sessions", sessions_)
        _insert(conn, "attendance", events)
        pending += len(officers) + len(sessions_) + len(events)
        if per_file or pending >= exchange.COMMIT_RECORDS:
            conn.execute("COMMIT")
            pending = 0
        total += time.perf_counter() - start
    start = time.perf_counter()
    if conn.in_transaction:
        conn.execute("COMMIT")
    total += time.perf_counter() - start
    conn.close()
    return total


def run_jepara(folder: Path) -> None:
    t0 = time.perf_counter()
    files = jepara_files(folder)
    print(f"Menyiapkan {len(files)} berkas desa: {time.perf_counter() - t0:.1f} s "
          f"({sum(p.stat().st_size for p in files) / 2**20:.1f} MiB)")
    elapsed, records = import_all(folder / "kpu.sqlite", files, any_scope=False)
    floor = floor_jepara(folder, folder / "kpu.sqlite")
    ok = "OK" if elapsed <= JEPARA_TARGET_S else "TERLALU LAMBAT"
    print(f"Impor KPU Jepara: {len(files)} berkas, {records:,} rekaman dalam {elapsed:.2f} s "
          f"({records / elapsed:,.0f} rekaman/s) [target <= {JEPARA_TARGET_S:.0f} s: {ok}]")
    print(f"Lantai (executemany polos, baris yang sama): {floor:.2f} s ({records / floor:,.0f} rekaman/s); "
          f"impor = {elapsed / floor:.1f}x lantai")
    print(f"RSS puncak: {peak_rss_mib():.0f} MiB")


def run_national(folder: Path, scale: float, floors: tuple[bool, ...], keep: Path | None = None) -> None:
    plan = national_plan()
    kabs = sorted(plan)
    step = max(1, round(1 / scale))
    chosen = kabs[::step] if scale < 1 else kabs
    jobs = [(k, plan[k], str(folder), IDS) for k in chosen]
    t0 = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(min(2, os.cpu_count() or 1)) as pool:
        made = pool.map(national_file, jobs, chunksize=4)
    files = [Path(p) for p, _ in made]
    print(f"Skala {scale:g}: {len(files)} berkas kabupaten/kota, {sum(n for _, n in made):,} rekaman, "
          f"{sum(p.stat().st_size for p in files) / 2**20:,.0f} MiB, dibuat dalam {time.perf_counter() - t0:.0f} s",
          flush=True)
    elapsed, records = import_all(folder / "national.sqlite", files, any_scope=True)
    ok = "OK" if elapsed <= NATIONAL_TARGET_S * scale + 1 else "TERLALU LAMBAT"
    print(f"Impor nasional: {records:,} rekaman dalam {elapsed:.0f} s ({records / elapsed:,.0f} rekaman/s) "
          f"[target skala penuh <= {NATIONAL_TARGET_S:.0f} s: {ok}]")
    print(f"RSS puncak proses pengimpor: {peak_rss_mib():.0f} MiB (cache SQLite {CACHE_KIB // 1024} MiB)",
          flush=True)
    if keep is not None:
        conn = sqlite3.connect(folder / "national.sqlite")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        shutil.move(str(folder / "national.sqlite"), str(keep))
        print(f"Database nasional disimpan di {keep}", flush=True)
    if floors:
        for suffix in ("", "-wal", "-shm"):  # room on the disk for the floor's database
            Path(f"{folder / 'national.sqlite'}{suffix}").unlink(missing_ok=True)
    for per_file in floors:
        how = "komit tiap berkas kabupaten" if per_file else \
            f"komit tiap {exchange.COMMIT_RECORDS:,} rekaman seperti import_files"
        floor = floor_national(folder, jobs, per_file)
        print(f"Lantai (executemany polos, baris yang sama, {how}): {floor:.0f} s "
              f"({records / floor:,.0f} rekaman/s); impor = {elapsed / floor:.2f}x lantai", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national", action="store_true", help="skala nasional (5,74 juta petugas)")
    parser.add_argument("--scale", type=float, default=1.0, help="bagian kabupaten yang diimpor (mis. 0.1)")
    parser.add_argument("--floor", choices=("batched", "per-file", "both", "none"), default="both",
                        help="lantai nasional: komit seperti import_files, tiap berkas, keduanya, atau tidak ada")
    parser.add_argument("--dir", type=Path, help="folder kerja (bawaan: folder sementara)")
    parser.add_argument("--ids", choices=("time", "random"), default="time",
                        help="id data nasional: berurut waktu seperti db.new_id (bawaan) atau acak (uuid4)")
    parser.add_argument("--commit-records", type=int, help="rekaman per komit import_files (bawaan "
                        f"{exchange.COMMIT_RECORDS:,}; 1 = komit tiap berkas)")
    parser.add_argument("--keep", type=Path, metavar="DBFILE",
                        help="simpan database hasil impor nasional di sini (untuk bench_recap.py --national)")
    parser.add_argument("--cache-mib", type=int, help="cache SQLite pengimpor (bawaan 256 MiB)")
    args = parser.parse_args(argv)
    global IDS, CACHE_KIB
    IDS = args.ids
    if args.commit_records:
        exchange.COMMIT_RECORDS = exchange.importer.COMMIT_RECORDS = args.commit_records
    if args.cache_mib:
        CACHE_KIB = exchange.BULK_CACHE_KIB = exchange.importer.BULK_CACHE_KIB = args.cache_mib * 1024
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        if args.national:
            run_national(Path(tmp), args.scale, {"batched": (False,), "per-file": (True,), "none": (),
                                                 "both": (False, True)}[args.floor], args.keep)
        else:
            run_jepara(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
