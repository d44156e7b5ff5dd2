"""Attendance recap by kecamatan, desa, TPS and officer, with its coverage; absentee lists, make-up sessions.

Counts are over (session, officer) pairs: an officer expected at three sessions counts three
times in "all sessions" (the head count of people is core/headcount.py). `hadir` is on time
only; `terlambat` (late) is separate, and `present` = hadir + terlambat + hadir_daring
(sessions.PRESENT) is what the rate uses. Replaced officers (diganti) are not expected; they
are counted apart. The effective status of each officer comes from sessions.pair_status_sql,
the SQL form of the one rule; the kecamatan, desa and TPS levels sum counts kept up to date by
core/tally.py, the officer level (one TPS) computes them directly.

Every recap says what it covers: every desa of the region has a row, those that never handed
a file over marked `reported: False` and left out of the totals and rates; sessions nobody
attended ("belum dilaksanakan") are counted in `not_held` and left out of the rate; open
sessions past their day are counted as "belum ditutup".
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Iterable, Sequence

import sqlite_utils

from kpps_desktop.core import installation, roster, sessions, tally, wilayah
from kpps_desktop.core.errors import InputError
from kpps_desktop.core.sessions import Session

STATUSES = ("hadir", "hadir_daring", "terlambat", "izin", "sakit", "tidak_hadir")
# Integer counts of every recap row, in this order everywhere (JSON, CSV, XLSX, PDF, screen).
COUNTS = ("expected", *STATUSES, "belum", "present", "diganti")
# What the column headers say: each name says what it counts (hadir is on time only).
COUNT_LABELS = {
    "expected": "Diharapkan", "hadir": "Tepat waktu", "hadir_daring": "Hadir daring", "terlambat": "Terlambat",
    "izin": "Izin", "sakit": "Sakit", "tidak_hadir": "Tidak hadir", "belum": "Belum tercatat",
    "present": "Hadir (total)", "diganti": "Diganti (PAW)",
}
EXPECTED_HELP = ("Diharapkan: jumlah pasangan sesi–petugas, bukan jumlah orang. Satu petugas yang diharapkan "
                 "di tiga sesi dihitung tiga kali. Petugas yang sudah diganti (PAW) tidak diharapkan.")
LEVELS = ("kecamatan", "desa", "tps", "officer")
LEVEL_LABELS = {"kecamatan": "Kecamatan", "desa": "Desa/Kelurahan", "tps": "TPS", "officer": "Petugas"}
ABSENT = ("tidak_hadir", "izin", "sakit", None)  # None: no record yet (open session)
# Session states; only sessions someone attended count in the rates.
NOT_HELD, UNCLOSED, OPEN, CLOSED = "belum_dilaksanakan", "belum_ditutup", "terbuka", "ditutup"
STATE_LABELS = {NOT_HELD: "Belum dilaksanakan", UNCLOSED: "Belum ditutup", OPEN: "Terbuka", CLOSED: "Ditutup"}
SILENT_LABEL = "Belum mengirim"


class RecapError(InputError):
    """A recap that cannot be made (unknown session, bad grouping); message in Indonesian."""


@dataclass
class Recap:
    by: str  # one of LEVELS
    sessions: list[Session]  # the sessions counted
    all_sessions: bool  # True when no session and no kind was chosen
    within: str | None  # region code the rows are limited to
    tps: int | None  # with by='officer': the TPS drilled into
    rows: list[dict]
    total: dict  # COUNTS summed over the desa that reported, with 'rate'
    kinds: tuple[str, ...] = ()  # session kinds chosen (empty: any)
    region: str | None = None  # the region the recap covers (the installation's, or `within`)
    coverage: dict = field(default_factory=dict)  # reported/total desa, silent desa, session states
    states: dict[str, str] = field(default_factory=dict)  # session id -> state
    people: bool = False  # rows carry head counts (core/headcount.py)

    @property
    def single(self) -> Session | None:
        return self.sessions[0] if len(self.sessions) == 1 and not self.all_sessions and not self.kinds else None


def rate(row: dict) -> float | None:
    """present over the expected pairs of sessions held (a session nobody attended is not a 0 %)."""
    held = row["expected"] - row.get("not_held", 0)
    return round(row["present"] / held, 4) if held > 0 else None


def _ids_filter(session_ids: Sequence[str] | None, column: str = "s.id") -> tuple[str, dict]:
    """SQL keeping the rows whose `column` is one of the sessions (all when None)."""
    if session_ids is None:
        return "1", {}
    return f"{column} IN (SELECT value FROM json_each(:ids))", {"ids": json.dumps(list(session_ids))}


def _within_filter(within: str | None, tps: int | None, alias: str = "o") -> tuple[str, dict]:
    """SQL keeping the rows of `alias` (with desa and tps columns) inside a region / one TPS."""
    if not within:
        return "1", {}
    level = wilayah.level_of(within)
    desa = f"{alias}.desa"
    sql = f"{desa} = :within" if level == "desa" else f"({desa} > :within || '.' AND {desa} < :within || '/')"
    params: dict = {"within": within}
    if tps is not None:
        sql += f" AND {alias}.tps = :tps"
        params["tps"] = tps
    return sql, params


def _officer_sql(session_where: str, within_where: str) -> str:
    """The officers of one TPS with their counts over the sessions, from the one rule."""
    sums = ",\n".join(f"sum(m.expected AND m.status = '{s}') AS {s}" for s in STATUSES)
    pairs = sessions.pair_status_sql(sessions.scope_pairs_sql(session_where, within_where))
    return f"""
    SELECT m.officer_id AS officer_id, o.nama AS nama, o.jabatan AS jabatan, m.desa AS desa, m.tps AS tps,
      o.tps_label AS tps_label, o.status AS officer_status, max(m.status) AS status,
      sum(m.expected) AS expected, {sums},
      sum(m.expected AND m.status IS NULL) AS belum, sum(NOT m.expected) AS diganti,
      sum(m.expected AND m.session_id IN (SELECT value FROM json_each(:not_held))) AS not_held
    FROM ({pairs}) m JOIN officers o ON o.id = m.officer_id
    GROUP BY m.officer_id
    ORDER BY desa, tps, CASE jabatan WHEN 'ketua' THEN 0 WHEN 'anggota' THEN 1 ELSE 2 END, nama"""


def _tally_sql(by_tps: bool, session_where: str, within_where: str, not_held: bool = True) -> str:
    """Counts summed from recap_tally (core/tally.py) per desa (or TPS), split by sessions held or not."""
    sums = ", ".join(f"sum(m.{c}) AS {c}" for c in tally.COUNTS)
    key = "m.desa, m.tps" if by_tps else "m.desa"
    label = "m.tps AS tps, max(m.tps_label) AS tps_label, " if by_tps else ""
    return f"""
    SELECT m.desa AS desa, {label}{sums},
      {"sum(m.expected) FILTER (WHERE m.session_id IN (SELECT value FROM json_each(:not_held)))"
       if not_held else "0"} AS not_held
    FROM recap_tally m
    WHERE ({session_where}) AND ({within_where})
    GROUP BY {key}
    ORDER BY {key}"""


def resolve_sessions(db: sqlite_utils.Database, session_ids: Sequence[str] | None,
                     kinds: Sequence[str] = ()) -> list[Session]:
    """The sessions a recap counts: the chosen ones (all when None), of the chosen kinds (any when empty)."""
    unknown = [k for k in kinds if k not in sessions.KINDS]
    if unknown:
        raise RecapError(f"Jenis sesi '{unknown[0]}' tidak dikenal (pilih: {', '.join(sessions.KINDS)}).")
    if session_ids is None:
        found = sorted(sessions.list_sessions(db), key=lambda s: (s.date, s.start_time or "", s.title))
    else:
        found = [sessions.require_session(db, sid) for sid in dict.fromkeys(session_ids)]
    return [s for s in found if not kinds or s.kind in kinds]


def session_states(db: sqlite_utils.Database, chosen: Sequence[Session],
                   today: _dt.date | None = None) -> dict[str, str]:
    """Each session's state: belum dilaksanakan (nobody recorded but by the closing), belum ditutup
    (held, still open after its day), terbuka, ditutup."""
    day = (today or _dt.date.today()).isoformat()
    # Kept with the counts (core/tally.py): probing the attendance of each session instead reads
    # events' pages all over a national file (~0.6 s at a tenth of the country). Only the few
    # sessions not held are read (all 26,517 held ones cost ~15 ms there).
    tally.refresh(db)
    never = {sid for (sid,) in db.conn.execute(
        "SELECT id FROM sessions WHERE id NOT IN (SELECT session_id FROM recap_held)")}
    return {s.id: NOT_HELD if s.id in never else CLOSED if s.closed_at else UNCLOSED if s.date < day else OPEN
            for s in chosen}


def reported_desa(db: sqlite_utils.Database, inst: installation.Installation | None) -> set[str] | None:
    """The desa whose PPS handed a file over (as the Serah terima panel counts them); None when this
    database has received no PPS file at all (a PPS's own, a demo): then every desa with data counts."""
    found = {r[0] for r in db.conn.execute("SELECT DISTINCT wilayah FROM signed_manifests WHERE role = 'pps'")}
    if not found:
        return None
    if inst is not None and inst.role == "pps":
        found.add(inst.wilayah)
    return found


def _region_desa(region: str | None) -> list[str]:
    if not region:
        return []
    if wilayah.level_of(region) == "desa":
        return [region]
    return [w.kode for w in wilayah.descendants(region, "desa")]


def _zero() -> dict:
    return {k: 0 for k in (*tally.COUNTS, "not_held")}


def recap(db: sqlite_utils.Database, by: str = "desa", session_ids: Sequence[str] | None = None,
          within: str | None = None, tps: int | None = None, *, kinds: Sequence[str] = (),
          people: bool = False, today: _dt.date | None = None) -> Recap:
    """Counts per kecamatan, desa, TPS or officer, for the given sessions (None = all) of the given kinds.

    `within` limits the rows to a region (drill-down: a kecamatan's desa, a desa's TPS);
    with by='officer', `tps` limits to one TPS. Without chosen sessions every desa of the
    region (the installation's, or `within`) has a row, reported or not; `people` adds the
    head counts of core/headcount.py.
    """
    if by not in LEVELS:
        raise RecapError(f"Pengelompokan '{by}' tidak dikenal (pilih: {', '.join(LEVELS)}).")
    if within:
        within = wilayah.normalize_code(within)
        if wilayah.get(within) is None:
            raise RecapError(f"Kode wilayah '{within}' tidak dikenal.")
    kinds = tuple(dict.fromkeys(kinds))
    chosen = resolve_sessions(db, session_ids, kinds)
    states = session_states(db, chosen, today)
    not_held = json.dumps([sid for sid, st in states.items() if st == NOT_HELD])
    some_not_held = not_held != "[]"
    ids = None if session_ids is None and not kinds else [s.id for s in chosen]
    inst = installation.get(db)
    region = within or (inst.wilayah if inst is not None else None)
    names = _Names()
    if by == "officer":
        session_where, params = _ids_filter(ids)
        within_where, wparams = _within_filter(within, tps)
        cur = db.conn.execute(_officer_sql(session_where, within_where), {**params, **wparams, "not_held": not_held})
        keys = [d[0] for d in cur.description]
        rows = [_label_row(by, dict(zip(keys, r)), names) for r in cur.fetchall()]
        for row in rows:
            row["reported"] = True
        coverage = {"reported": 1 if rows else 0, "total": 1 if rows else 0, "silent": []}
        total = _total(rows)
    else:
        tally.refresh(db)
        session_where, params = _ids_filter(ids, "m.session_id")
        within_where, wparams = _within_filter(within, tps, "m")
        args = {**params, **wparams, "not_held": not_held}
        if by == "tps":  # one scan: the desa with data are those of the TPS rows
            by_desa: dict[str, list[dict]] = defaultdict(list)
            for row in _fetch(db, _tally_sql(True, session_where, within_where, some_not_held), args):
                by_desa[row["desa"]].append(row)
            per_desa: dict = by_desa
        else:
            per_desa = {r["desa"]: r for r in _fetch(db, _tally_sql(False, session_where, within_where, some_not_held), args)}
        universe = sorted(set(per_desa) | (set(_region_desa(region)) if session_ids is None else set()))
        manifests = reported_desa(db, inst)
        own = {inst.wilayah} if inst is not None and inst.role == "pps" else set()
        reported = {d for d in universe if (d in manifests if manifests is not None else d in per_desa or d in own)}
        if by == "tps":
            rows = _tps_rows(by_desa, universe, reported, names)
        elif by == "desa":
            zero = _zero()
            rows = [_label_row("desa", per_desa.get(d) or {**zero, "desa": d}, names, d in reported) for d in universe]
        else:
            rows = _kecamatan_rows(universe, per_desa, reported, names)
        total = _total([r for r in rows if r["reported"]] if by != "kecamatan" else rows)
        silent = [d for d in universe if d not in reported]
        coverage = {"reported": len(universe) - len(silent), "total": len(universe), "silent": silent}
    _session_counts(db, rows, by, chosen, states)
    coverage["sessions"] = _state_totals(states)
    r = Recap(by, chosen, session_ids is None and not kinds, within, tps, rows, total, kinds, region,
              coverage, states, people)
    if people:
        from kpps_desktop.core import headcount

        headcount.add_people(db, r)
    return r


class _Names(dict):
    """Region names looked up once per recap (a national recap by TPS has 820,000 rows)."""

    def __missing__(self, code: str) -> str:
        found = self[code] = wilayah.name(code)
        return found


def _fetch(db: sqlite_utils.Database, sql: str, params: dict) -> list[dict]:
    cur = db.conn.execute(sql, params)
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, r)) for r in cur.fetchall()]


def _tps_rows(by_desa: dict[str, list[dict]], universe, reported, names) -> list[dict]:
    """One row per TPS of a reporting desa; one 'belum mengirim' row for each silent desa."""
    rows = []
    for d in universe:
        found = by_desa.get(d)
        if d in reported and found:
            rows += [_label_row("tps", r, names, True) for r in found]
        elif d not in reported:
            counts = {k: sum((r.get(k) or 0) for r in found or ()) for k in _zero()}
            rows.append(_label_row("tps", {"desa": d, "tps": None, "tps_label": None, **counts}, names, False))
    return rows


def _kecamatan_rows(universe, per_desa, reported, names) -> list[dict]:
    """Sums of the desa that reported; desa_reported / desa_total say how many that is."""
    groups: dict[str, dict] = {}
    for d in universe:
        g = groups.setdefault(d[:8], {"kecamatan": d[:8], **_zero(), "desa_reported": 0, "desa_total": 0})
        g["desa_total"] += 1
        if d in reported:
            g["desa_reported"] += 1
            for k in _zero():
                g[k] += per_desa.get(d, {}).get(k) or 0
    rows = []
    for code in sorted(groups):
        g = groups[code]
        row = _label_row("kecamatan", g, names, g["desa_reported"] > 0)
        row.update(desa_reported=g["desa_reported"], desa_total=g["desa_total"])
        rows.append(row)
    return rows


def _label_row(by: str, row: dict, name, reported: bool = True) -> dict:
    """Key fields first (kode, nama, region codes and names), then the counts, rate and coverage."""
    out: dict = {}
    if by == "kecamatan":
        out.update(kode=row["kecamatan"], nama=name[row["kecamatan"]])
    else:
        desa = row["desa"]
        kec = desa[:8]
        if by == "desa":
            out.update(kode=desa, nama=name[desa])
        elif by == "tps":
            if row["tps"] is None:
                out.update(kode=f"{desa}/-", nama=SILENT_LABEL, desa=desa, desa_nama=name[desa], tps=None,
                           tps_label=None)
            else:
                out.update(kode=f"{desa}/{row['tps']}", nama=roster.tps_label(row["tps"], row["tps_label"]),
                           desa=desa, desa_nama=name[desa], tps=row["tps"], tps_label=row["tps_label"])
        else:
            out.update(kode=row["officer_id"], nama=row["nama"], jabatan=row["jabatan"],
                       jabatan_label=roster.JABATAN_LABELS.get(row["jabatan"], row["jabatan"]),
                       desa=desa, desa_nama=name[desa], tps=row["tps"], tps_label=row["tps_label"],
                       officer_status=row["officer_status"], status=row["status"])
        out.update(kecamatan=kec, kecamatan_nama=name[kec])
    get = row.get
    for key in COUNTS:  # in this order: 'present' (not a column) holds its place until summed
        out[key] = get(key) or 0
    out["present"] = out["hadir"] + out["terlambat"] + out["hadir_daring"]  # sessions.PRESENT
    out["not_held"] = get("not_held") or 0
    out["reported"] = reported
    out["rate"] = rate(out) if reported else None
    return out


def _total(rows: list[dict]) -> dict:
    total = {key: sum(map(itemgetter(key), rows)) for key in (*COUNTS, "not_held")}
    total["rate"] = rate(total)
    return total


def _state_totals(states: dict[str, str]) -> dict:
    counts = Counter(states.values())
    out = {"total": len(states), "held": len(states) - counts[NOT_HELD]}
    out.update({st: counts[st] for st in STATE_LABELS})
    return out


def _session_counts(db: sqlite_utils.Database, rows: list[dict], by: str, chosen: Sequence[Session],
                    states: dict[str, str]) -> None:
    """Per row: how many of the chosen sessions touch it, and how many are not held / not closed."""
    key = "kecamatan" if by == "kecamatan" else "desa"
    officer_desa: dict[str, set[str]] = defaultdict(set)
    listed = [s.id for s in chosen if s.scope_kind == "officers"]
    if listed:
        for sid, desa in db.conn.execute(
                "SELECT DISTINCT so.session_id, o.desa FROM session_officers so JOIN officers o ON o.id = so.officer_id "
                "WHERE so.session_id IN (SELECT value FROM json_each(?))", (json.dumps(listed),)):
            officer_desa[sid].add(desa)
    region_of = (lambda r: r["kode"]) if by == "kecamatan" else (lambda r: r["desa"] if by != "desa" else r["kode"])
    codes = {region_of(r) for r in rows}
    counts: dict[str, list[int]] = {c: [0, 0, 0] for c in codes}
    # Sessions alike (same region, same state) counted once: a national recap has ~26,000.
    alike = Counter((s.scope_kind, s.scope if s.scope_kind != "officers" else s.id, states[s.id]) for s in chosen)
    for (kind, scope, st), n in alike.items():
        if kind == "desa" or (key == "kecamatan" and kind == "kecamatan"):
            found = counts.get(scope[:8] if key == "kecamatan" else scope)  # most sessions: one lookup
            touched = (found,) if found is not None else ()
        elif kind == "officers":
            touched = [counts[c] for c in {d[:8] if key == "kecamatan" else d for d in officer_desa[scope]} & codes]
        else:
            touched = [counts[c] for c in codes if wilayah.is_within(c, scope or "")]
        for c in touched:
            c[0] += n
            c[1] += n if st == NOT_HELD else 0
            c[2] += n if st == UNCLOSED else 0
    for r in rows:
        r["sessions"], r["sessions_not_held"], r["sessions_unclosed"] = counts[region_of(r)]


def drill_down(current: Recap, row: dict) -> tuple[str, str, int | None] | None:
    """(by, within, tps) one level below a row of `current`; None at the officer level or a silent row."""
    if current.by == "kecamatan":
        return "desa", row["kode"], None
    if current.by == "desa":
        return "tps", row["kode"], None
    if current.by == "tps" and row.get("tps") is not None:
        return "officer", row["desa"], row["tps"]
    return None


def as_json(r: Recap) -> dict:
    """{coverage, sessions, rows, total}: one row object per group with key fields, integer counts,
    rate and `reported`; coverage says how many desa reported of how many."""
    return {
        "by": r.by,
        "wilayah": r.region, "wilayah_nama": wilayah.name(r.region) if r.region else None,
        "kinds": list(r.kinds),
        "coverage": {"reported": r.coverage["reported"], "total": r.coverage["total"],
                     "silent": [{"kode": d, "nama": wilayah.name(d)} for d in r.coverage["silent"]],
                     "sessions": r.coverage["sessions"]},
        "sessions": [{"id": s.id, "kind": s.kind, "title": s.title, "date": s.date, "scope": s.scope,
                      "state": r.states[s.id]} for s in r.sessions],
        "rows": [dict(row) for row in r.rows],
        "total": dict(r.total),
    }


# --- lists that drive action -------------------------------------------------------------------

def absentees(db: sqlite_utils.Database, session_ids: Sequence[str] | None = None,
              within: str | None = None, *, kinds: Sequence[str] = (), today: _dt.date | None = None) -> list[dict]:
    """Expected officers who were not present in a session held: tidak hadir, izin, sakit, or no
    record yet (status None), exactly those the recap counts in those four columns.

    One row per (session, officer), sorted by session, desa, TPS and name.
    """
    chosen = resolve_sessions(db, session_ids, kinds)
    states = session_states(db, chosen, today)
    ids = [s.id for s in chosen if states[s.id] != NOT_HELD]
    session_where, params = _ids_filter(ids)
    within_where, wparams = _within_filter(within, None)
    pairs = sessions.pair_status_sql(sessions.scope_pairs_sql(session_where, within_where))
    cur = db.conn.execute(f"""
        SELECT m.session_id, s.title AS session_title, s.date AS session_date, s.kind AS session_kind,
               o.id AS officer_id, o.nama, o.jabatan, o.desa, o.tps, o.tps_label, m.status
        FROM ({pairs}) m
        JOIN officers o ON o.id = m.officer_id
        JOIN sessions s ON s.id = m.session_id
        WHERE m.expected AND (m.status IS NULL OR m.status IN ('tidak_hadir', 'izin', 'sakit'))
        ORDER BY s.date, s.start_time, s.title, o.desa, o.tps, o.nama""", {**params, **wparams})
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, row)) for row in cur.fetchall()]


def create_makeup_session(db: sqlite_utils.Database, officer_ids: Iterable[str], date, start: str | None = None,
                          end: str | None = None, venue: str | None = None, title: str | None = None,
                          source_session_ids: Sequence[str] = ()) -> Session:
    """A susulan session for exactly these officers (e.g. the absentees of a bimtek).

    The title defaults to 'Susulan <title of the session they missed>'.
    """
    ids = list(dict.fromkeys(officer_ids))
    if not ids:
        raise RecapError("Tidak ada petugas yang dipilih untuk sesi susulan.")
    if not title:
        sources = [sessions.require_session(db, sid) for sid in source_session_ids]
        title = f"Susulan {sources[0].title}" if len(sources) == 1 else "Sesi susulan"
    return sessions.create_session(db, "susulan", title, date, start, end, scope_kind="officers",
                                   venue=venue, officer_ids=ids)


def checkins_over_time(db: sqlite_utils.Database, session_id: str, bucket_minutes: int = 5) -> list[tuple[str, int]]:
    """Check-ins (effective hadir/terlambat) per bucket of local wall-clock time: [('07:45', 12), ...].

    Buckets run without gaps from the first to the last, so a chart shows quiet spells.
    """
    cur = db.conn.execute(
        f"SELECT substr(at, 12, 5) FROM ({sessions.effective_marks_sql('a.session_id = :id')}) "
        f"WHERE status IN ({sessions.sql_list(sessions.CHECKED_IN)})", {"id": session_id})
    counts: dict[int, int] = defaultdict(int)
    for (hhmm,) in cur.fetchall():
        minutes = int(hhmm[:2]) * 60 + int(hhmm[3:5])
        counts[minutes - minutes % bucket_minutes] += 1
    if not counts:
        return []
    lo, hi = min(counts), max(counts)
    return [(f"{m // 60:02d}:{m % 60:02d}", counts.get(m, 0)) for m in range(lo, hi + 1, bucket_minutes)]


def signatory(db: sqlite_utils.Database) -> tuple[str, str]:
    """(who signs, place) for the signature block: 'Ketua PPS Kedungmalang', 'Kedungmalang'."""
    inst = installation.get(db)
    if inst is None:
        return "Ketua", ""
    place = wilayah.name(inst.wilayah).removeprefix("Kabupaten ").removeprefix("Kota ")
    body = {"pps": "PPS", "ppk": "PPK", "kpu": "KPU"}[inst.role]
    return f"Ketua {body} {wilayah.name(inst.wilayah)}", place


def default_level(inst: installation.Installation | None) -> str:
    """The grouping a recap opens with: a KPU sees its kecamatan, a PPK its desa, a PPS its TPS."""
    return {"pps": "tps", "ppk": "desa"}.get(inst.role if inst is not None else "", "kecamatan")


# Kept importable from here: the exports' tables and the anomaly flags live in their own modules.
from kpps_desktop.core import anomalies as _anomalies  # noqa: E402
from kpps_desktop.core import recap_tables as _tables  # noqa: E402

ANOMALY_LABELS, Anomaly, anomalies = _anomalies.ANOMALY_LABELS, _anomalies.Anomaly, _anomalies.anomalies
_key_columns, cell, columns, format_date = _tables._key_columns, _tables.cell, _tables.columns, _tables.format_date
remark, scope_text, sessions_text, status_label = _tables.remark, _tables.scope_text, _tables.sessions_text, \
    _tables.status_label
table, title, workbook = _tables.table, _tables.title, _tables.workbook


def level_word(label: str) -> str:
    """A level's label inside a sentence: 'desa/kelurahan', 'kecamatan', but 'TPS' stays capitals."""
    return label if label.isupper() else label.lower()
