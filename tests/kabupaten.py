"""A KPU Kabupaten Jepara database built the real way: one PPS database per desa, each exporting its
handover file, the KPU importing them. Some desa stay silent, and a few problems are planted.

What was written is kept in `Built.truth` (the status of every officer at every session, as
planted here), so the tests compare the recap with this plan, not with the code under test.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import demo, exchange, installation, sessions, wilayah

JEPARA = "33.20"
KARIMUNJAWA = "33.20.10"
WIB = dt.timezone(dt.timedelta(hours=7))


@dataclass
class Built:
    path: Path
    silent: list[str]  # desa that never sent a file
    desas: list[str]  # every desa of Jepara
    not_held: str = ""  # desa whose bimtek never happened (no event, never closed)
    unclosed: str = ""  # desa whose bimtek was held but never closed
    burst: str = ""  # desa where one desk checked 50 in 59 s
    paper: str = ""  # desa where 50 paper entries share the time 08:00
    clock: str = ""  # desa whose laptop's clock ran a year ahead
    device: dict[str, str] = field(default_factory=dict)  # desa -> its PPS device id
    # (desa, kind, officer id) -> status (None: nothing recorded), for expected officers only
    truth: dict[tuple[str, str, str], str | None] = field(default_factory=dict)
    officers: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # desa -> [(officer id, tps)]


def _at(day: str, hhmm: str, seconds: float = 0) -> str:
    start = dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(hhmm), tzinfo=WIB)
    return (start + dt.timedelta(seconds=seconds)).isoformat(timespec="seconds")


def build(folder: Path, seed: int = 21) -> Built:
    source = folder / "source.sqlite"
    src = dbmod.open_db(source)
    demo.generate(src)
    desas = [w.kode for w in wilayah.descendants(JEPARA, "desa")]
    with_data = {r[0] for r in src.conn.execute("SELECT DISTINCT desa FROM officers")}
    src.close()
    assert set(desas) == with_data, "the demo fills every desa of Jepara"
    rng = random.Random(seed)
    karimunjawa = [d for d in desas if d.startswith(KARIMUNJAWA + ".")]
    others = [d for d in desas if not d.startswith(KARIMUNJAWA + ".")]
    lone = rng.sample(sorted({d[:8] for d in others}), 4)  # four kecamatan each lose one desa
    silent = karimunjawa + [next(d for d in others if d.startswith(k + ".")) for k in lone]
    talking = [d for d in others if d not in silent]
    picks = rng.sample(talking, 5)
    built = Built(folder / "kpu.sqlite", sorted(silent), desas, *picks)
    files = []
    for desa in talking:
        files.append(_pps_file(folder, source, desa, built, rng))
    kpu = dbmod.open_db(built.path)
    installation.init(kpu, "kpu", JEPARA)
    for report in exchange.import_files(kpu, files, trust_new=True):
        assert report.status == "imported", (report.path, report.status, report.reason)
    kpu.close()
    return built


def _pps_file(folder: Path, source: Path, desa: str, built: Built, rng: random.Random) -> Path:
    db = dbmod.open_db(folder / f"pps-{desa}.sqlite")
    db.conn.execute("PRAGMA synchronous = OFF")  # a throwaway desk: no need to wait for the disk
    installation.init(db, "pps", desa)
    device = built.device[desa] = dbmod.device_id(db)
    now = dbmod.utc_now()
    with db.atomic():
        db.conn.execute("ATTACH DATABASE ? AS src", (str(source),))
        db.conn.execute("INSERT INTO officers SELECT * FROM src.officers WHERE desa = ?", (desa,))
        db.conn.execute("INSERT INTO sessions SELECT * FROM src.sessions WHERE scope = ?", (desa,))
    db.conn.execute("DETACH DATABASE src")
    officers = db.conn.execute(f"SELECT id, tps FROM officers ORDER BY {'desa, tps, jabatan, nama'}").fetchall()
    built.officers[desa] = officers
    events, seq, closes = [], [0], []

    def add(sid, oid, status, at, method, dev=device):
        seq[0] += 1
        events.append((uuid.uuid4().hex, sid, oid, status, None, at, dev, seq[0], method, None, now))

    for sid, kind, day, start in db.conn.execute(
            "SELECT id, kind, date, start_time FROM sessions ORDER BY start_time").fetchall():
        if kind == "bimtek" and desa == built.not_held:
            for oid, _ in officers:
                built.truth[(desa, kind, oid)] = None
            continue
        clock = 0.0
        for i, (oid, _) in enumerate(officers):
            r = rng.random()
            if kind == "pelantikan" and desa == built.burst and i < 50:
                status, at, method = "hadir", _at(day, start, -600 + i * 59 / 49), "scanner"
            elif kind == "pelantikan" and desa == built.paper and i < 50:
                status, at, method = "hadir", _at(day, "08:00"), "paper"
            elif r < 0.80:  # a normal queue: one card every 6 to 20 seconds
                clock += rng.uniform(6, 20)
                status, at, method = "hadir", _at(day, start, -1500 + clock), "scanner"
            elif r < 0.86:
                clock += rng.uniform(6, 20)
                status, at, method = "terlambat", _at(day, start, 1800 + clock), "scanner"
            elif r < 0.90:
                status, at, method = "izin", _at(day, start, -3600), "desk"
            else:
                status = None
            if desa == built.clock and status in ("hadir", "terlambat"):
                at = str(int(at[:4]) + 1) + at[4:]  # the laptop's clock runs a year ahead
            if status:
                add(sid, oid, status, at, method)
            built.truth[(desa, kind, oid)] = status
        if not (kind == "bimtek" and desa == built.unclosed):
            for oid, _ in officers:
                if built.truth[(desa, kind, oid)] is None:
                    add(sid, oid, "tidak_hadir", _at(day, "16:00"), "close")
                    built.truth[(desa, kind, oid)] = "tidak_hadir"
            closes.append((_at(day, "16:00"), sid))
    with db.atomic():
        db.conn.executemany("UPDATE sessions SET closed_at = ? WHERE id = ?", closes)
        db.conn.executemany(f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
    path = exchange.export(db, folder / f"{desa}.kpps", encrypt=False).path
    db.close()
    return path
