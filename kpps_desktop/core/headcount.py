"""People, not pairs: how many officers attended every required session, missed some, or missed all.

A recap counts (session, officer) pairs; this counts each active officer once. The required
sessions are the pelantikan and bimtek held (someone attended) where the officer was expected,
or the chosen kinds when the recap was limited to some. A susulan attended makes up one missed
required session (the app does not record which one it replaced). An officer with no required
session held is counted in `people` only.
"""

from __future__ import annotations

import json
from collections import defaultdict

import sqlite_utils

from kpps_desktop.core import sessions

REQUIRED_KINDS = ("pelantikan", "bimtek")
KEYS = ("people", "people_all", "people_some", "people_none")


def per_officer(db: sqlite_utils.Database, required_ids: list[str], makeup_ids: list[str],
                within_where: str = "1", params: dict | None = None) -> dict[str, list[int]]:
    """officer id -> [required sessions, attended, susulan attended], expected pairs only.

    Two plain reads (the expected pairs, the effective statuses of the people present) joined
    here: the per-pair status subquery of the recap costs ~20 µs a pair, 0.5 s for Jepara.
    """
    ids = json.dumps(required_ids + makeup_ids)
    required = set(required_ids)
    out: dict[str, list[int]] = {}
    for sid, oid in db.conn.execute(
            f"SELECT session_id, officer_id FROM ({sessions.scope_pairs_sql(_IDS, within_where)}) WHERE expected",
            {"ids": ids, **(params or {})}):
        c = out.setdefault(oid, [0, 0, 0])
        c[0] += sid in required
    present = ", ".join(repr(s) for s in sessions.PRESENT)
    for sid, oid in db.conn.execute(
            f"SELECT session_id, officer_id FROM ({sessions.effective_marks_sql('a.session_id IN ' + _IDS_A)}) "
            f"WHERE status IN ({present})", {"ids": ids}):
        c = out.get(oid)
        if c is not None:
            c[1 if sid in required else 2] += 1
    return out


_IDS = "s.id IN (SELECT value FROM json_each(:ids))"
_IDS_A = "(SELECT value FROM json_each(:ids))"


def add_people(db: sqlite_utils.Database, r) -> None:
    """Add people, people_all, people_some, people_none to every row and the total of a recap.Recap."""
    from kpps_desktop.core import recap

    kinds = r.kinds or REQUIRED_KINDS
    held = [s for s in r.sessions if r.states.get(s.id) != recap.NOT_HELD]
    required = [s.id for s in held if s.kind in kinds and s.kind != "susulan"]
    makeup = [s.id for s in held if s.kind == "susulan" and "susulan" not in kinds]
    within_where, params = recap._within_filter(r.within, r.tps)
    found = per_officer(db, required, makeup, within_where, params)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    active = db.conn.execute(
        f"SELECT o.id, o.desa, o.tps FROM officers o WHERE o.status = 'aktif' AND {within_where}", params or {})
    for oid, desa, tps in active:
        c = counts[_key(r.by, oid, desa, tps)]
        c[0] += 1
        req, att, made = found.get(oid, (0, 0, 0))
        if not req:
            continue
        att = min(req, att + made)
        c[1] += att == req
        c[2] += 0 < att < req
        c[3] += att == 0
    if r.by == "kecamatan":  # a kecamatan sums its desa that reported
        silent = set(r.coverage.get("silent", ()))
        by_kec: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for desa, c in counts.items():
            if desa not in silent:
                by_kec[desa[:8]] = [a + b for a, b in zip(by_kec[desa[:8]], c)]
        counts = by_kec
    total = [0, 0, 0, 0]
    for row in r.rows:
        c = counts.get(_row_key(r.by, row), [0, 0, 0, 0]) if row.get("reported", True) else [0, 0, 0, 0]
        row.update(zip(KEYS, c))
        total = [a + b for a, b in zip(total, c)]
    r.total.update(zip(KEYS, total))


def _key(by: str, oid: str, desa: str, tps: int):
    if by == "officer":
        return oid
    if by == "tps":
        return (desa, tps)
    return desa  # desa, and kecamatan (summed from its desa)


def _row_key(by: str, row: dict):
    if by == "officer":
        return row["kode"]
    if by == "tps":
        return (row["desa"], row["tps"])
    return row["kode"]
