"""The gap report (`kpps handover status`) and the canonical dump used by tests."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

import sqlite_utils

from kpps_desktop.core import dates, installation, wilayah
from kpps_desktop.core.exchange.records import COLUMNS, TABLES

CLOCK_TOLERANCE_DAYS = dates.CLOCK_TOLERANCE_DAYS


@dataclass
class DeviceGaps:
    device_id: str
    role: str | None
    wilayah: str | None
    events: int
    declared_max: int
    missing: list[tuple[int, int]]  # inclusive seq ranges not received

    @property
    def missing_count(self) -> int:
        return sum(b - a + 1 for a, b in self.missing)


@dataclass
class ClockFlag:
    device_id: str
    role: str | None
    wilayah: str | None
    events: int
    first: str
    last: str
    worst_days: float


@dataclass
class HandoverStatus:
    scope: str
    desa_total: int
    never_reported: list[str]
    reported: dict[str, str]  # desa -> latest report time
    gaps: list[DeviceGaps]
    clocks: list[ClockFlag]

    def as_json(self) -> dict:
        out = dataclasses.asdict(self)
        out["never_reported"] = [{"kode": k, "nama": wilayah.name(k)} for k in self.never_reported]
        return out


def handover_status(db: sqlite_utils.Database, scope: str | None = None) -> HandoverStatus:
    """Which desa never reported, which devices have holes in their seq numbers, whose clock is off."""
    inst = installation.require(db)
    scope = scope or inst.wilayah
    desas = ([scope] if wilayah.level_of(scope) == "desa"
             else [w.kode for w in wilayah.descendants(scope, "desa")])
    reported: dict[str, str] = {}
    declared: dict[str, int] = {}
    for raw, role, region, created in db.conn.execute(
            "SELECT manifest, role, wilayah, created_at FROM signed_manifests"):
        if role == "pps" and wilayah.is_within(region, scope):
            reported[region] = max(reported.get(region, ""), created)
        for e in json.loads(raw)["devices"]:
            declared[e["device_id"]] = max(declared.get(e["device_id"], 0), e["seq_max"])
    if inst.role == "pps":
        reported.setdefault(inst.wilayah, "perangkat ini")
    who = {r[0]: (r[1], r[2]) for r in db.conn.execute("SELECT device_id, role, wilayah FROM trusted_devices")}
    who[inst.device_id] = (inst.role, inst.wilayah)
    present = {r[0]: (r[1], r[2]) for r in db.conn.execute(
        "SELECT device_id, count(*), max(seq) FROM attendance GROUP BY device_id")}
    holes: dict[str, list[tuple[int, int]]] = {}
    for device, a, b in db.conn.execute(
            "SELECT device_id, prev + 1, seq - 1 FROM (SELECT device_id, seq, "
            "lag(seq, 1, 0) OVER (PARTITION BY device_id ORDER BY seq) AS prev FROM attendance) "
            "WHERE seq > prev + 1 ORDER BY device_id, seq"):
        holes.setdefault(device, []).append((a, b))
    gaps = []
    for device in sorted(set(present) | set(declared)):
        count, top = present.get(device, (0, 0))
        expected = max(top, declared.get(device, 0))
        missing = list(holes.get(device, []))
        if expected > top:
            missing.append((top + 1, expected))
        if missing:
            role, region = who.get(device, (None, None))
            gaps.append(DeviceGaps(device, role, region, count, expected, missing))
    clocks = [ClockFlag(d, *who.get(d, (None, None)), n, first, last, worst) for d, n, first, last, worst in
              db.conn.execute(
                  "SELECT a.device_id, count(*), min(a.at), max(a.at), "
                  "max(abs(julianday(substr(a.at, 1, 10)) - julianday(s.date))) FROM attendance a "
                  "JOIN sessions s ON s.id = a.session_id WHERE a.method <> 'close' AND "
                  "abs(julianday(substr(a.at, 1, 10)) - julianday(s.date)) > ? GROUP BY a.device_id",
                  (CLOCK_TOLERANCE_DAYS,))]
    return HandoverStatus(scope, len(desas), [d for d in desas if d not in reported],
                          {d: reported[d] for d in desas if d in reported}, gaps, clocks)


# --- canonical dump (tests, support) ---------------------------------------------------------

def canonical_dump(db: sqlite_utils.Database) -> str:
    """The merged data as sorted text: equal dumps mean equal databases for everything that travels."""
    out = []
    for table in TABLES:
        cols = COLUMNS[table]
        for row in db.conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {', '.join(cols)}"):
            out.append(f"{table}\t{json.dumps(row, ensure_ascii=False)}")
    return "\n".join(out)
