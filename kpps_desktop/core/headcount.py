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
from typing import Sequence

import sqlite_utils

from kpps_desktop.core import sessions
from kpps_desktop.core.sessions import Session

REQUIRED_KINDS = ("pelantikan", "bimtek")
KEYS = ("people", "people_all", "people_some", "people_none")
_IDS = "s.id IN (SELECT value FROM json_each(:ids))"
_IDS_A = "(SELECT value FROM json_each(:ids))"
_PRESENT = frozenset(sessions.PRESENT)


def per_officer(db: sqlite_utils.Database, required: Sequence[Session], makeup: Sequence[Session] = (),
                within_where: str = "1", params: dict | None = None) -> dict[str, list]:
    """Active officer id -> [desa, tps, required sessions expected, attended, susulan attended].

    Plain reads joined here, no per-pair status subquery (~20 µs a pair, and the expected pairs
    of the one rule cost as much again: together 3/4 of a Jepara recap with people):
    - expected: a session's region says who is expected, except for officer lists and PAW
      replacements (not expected at a session closed before they came): for those few the
      one rule decides (sessions.scope_pairs_sql);
    - attended: one read of the sessions' events; a pair with one live event (most) takes its
      status as is, the others go through sessions.effective_mark, the rule itself.
    """
    params = params or {}
    out: dict[str, list] = {oid: [desa, tps, 0, 0, 0] for oid, desa, tps in db.conn.execute(
        f"SELECT o.id, o.desa, o.tps FROM officers o WHERE o.status = 'aktif' AND {within_where}", params)}
    if not required or not out:
        return out
    replacements = {oid for (oid,) in db.conn.execute(
        "SELECT replaced_by FROM officers WHERE replaced_by IS NOT NULL")}
    by_desa: dict[str, int] = defaultdict(int)
    wider = []
    for s in required:
        if s.scope_kind == "desa":
            by_desa[s.scope] += 1
        elif s.scope_kind != "officers":
            wider.append(s.scope + ".")
    for oid, c in out.items():
        if oid not in replacements:
            c[2] = by_desa.get(c[0], 0) + (sum(c[0].startswith(w) for w in wider) if wider else 0)
    listed = [s.id for s in required if s.scope_kind == "officers"]
    if listed:
        for (oid,) in db.conn.execute("SELECT officer_id FROM session_officers WHERE session_id IN "
                                      "(SELECT value FROM json_each(?))", (json.dumps(listed),)):
            c = out.get(oid)
            if c is not None and oid not in replacements:
                c[2] += 1
    if replacements & out.keys():
        for (oid,) in db.conn.execute(
                f"SELECT officer_id FROM ({sessions.scope_pairs_sql(_IDS, 'o.id IN (SELECT replaced_by FROM officers)')})"
                " WHERE expected", {"ids": json.dumps([s.id for s in required])}):
            if oid in out:
                out[oid][2] += 1
    _attended(db, out, {s.id for s in required}, [s.id for s in (*required, *makeup)])
    return out


def _attended(db: sqlite_utils.Database, out: dict[str, list], required: set[str], ids: list[str]) -> None:
    """Count each officer's effective 'present' marks at the required sessions and the susulan.

    The live events come in index order (session, officer), so a pair's events are neighbours:
    no dict of 24,000 pairs, no sort (EXPLAIN QUERY PLAN: one search of attendance_session_officer).
    """
    several: list[tuple[str, str]] = []
    present = _PRESENT

    def count(sid: str, oid: str) -> None:
        c = out.get(oid)
        if c is not None:
            c[3 if sid in required else 4] += 1

    psid = poid = pstatus = None
    n = 0
    for sid, oid, status in db.conn.execute(
            f"SELECT session_id, officer_id, status FROM attendance a WHERE a.session_id IN {_IDS_A} "
            f"AND a.officer_id IS NOT NULL AND a.status != 'undo' AND a.id NOT IN ({sessions._UNDONE_SQL}) "
            "ORDER BY a.session_id, a.officer_id", {"ids": json.dumps(ids)}):
        if oid == poid and sid == psid:
            n += 1
            continue
        if n == 1 and pstatus in present:
            count(psid, poid)
        elif n > 1:
            several.append((psid, poid))
        psid, poid, pstatus, n = sid, oid, status, 1
    if n == 1 and pstatus in present:
        count(psid, poid)
    elif n > 1:
        several.append((psid, poid))
    if several:  # the rule proper, over the live events of each such pair
        events: dict[tuple[str, str], list[dict]] = defaultdict(list)
        cur = db.conn.execute(
            f"SELECT {', '.join('a.' + c for c in sessions.EVENT_COLUMNS.split(', '))} "
            "FROM json_each(:pairs) j JOIN attendance a "
            "ON a.session_id = json_extract(j.value, '$[0]') AND a.officer_id = json_extract(j.value, '$[1]') "
            f"WHERE a.status != 'undo' AND a.id NOT IN ({sessions._UNDONE_SQL})",
            {"pairs": json.dumps(several)})
        keys = [d[0] for d in cur.description]
        for row in cur:
            e = dict(zip(keys, row))
            events[(e["session_id"], e["officer_id"])].append(e)
        for (sid, oid), found in events.items():
            mark = sessions.effective_mark(found)
            if mark is not None and mark.status in present:
                count(sid, oid)


def add_people(db: sqlite_utils.Database, r) -> None:
    """Add people, people_all, people_some, people_none to every row and the total of a recap.Recap."""
    from kpps_desktop.core import recap

    kinds = r.kinds or REQUIRED_KINDS
    held = [s for s in r.sessions if r.states.get(s.id) != recap.NOT_HELD]
    required = [s for s in held if s.kind in kinds and s.kind != "susulan"]
    makeup = [s for s in held if s.kind == "susulan" and "susulan" not in kinds]
    within_where, params = recap._within_filter(r.within, r.tps)
    found = per_officer(db, required, makeup, within_where, params)
    counts: dict = defaultdict(lambda: [0, 0, 0, 0])
    for oid, (desa, tps, req, att, made) in found.items():
        c = counts[oid if r.by == "officer" else (desa, tps) if r.by == "tps" else desa]
        c[0] += 1
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


def _row_key(by: str, row: dict):
    if by == "tps":
        return (row["desa"], row["tps"])
    return row["kode"]  # officer id, desa or kecamatan code
