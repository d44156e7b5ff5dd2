"""Attendance recap by kecamatan, desa, TPS and officer; absentee lists, make-up sessions, anomaly flags.

Counts are over (session, officer) pairs: an officer expected at three sessions counts three
times in "all sessions". `hadir` is on time only; `terlambat` (late) is separate, and
`present` = hadir + terlambat + hadir_daring (sessions.PRESENT) is what the rate uses.
Replaced officers (diganti) are not expected; they are counted apart. The effective status
of each officer comes from sessions.effective_marks_sql, the SQL form of the one rule; the
kecamatan, desa and TPS levels sum counts kept up to date by core/tally.py, the officer level
(one TPS) computes them directly.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Iterable, Sequence

import sqlite_utils

from kpps_desktop.core import dates, installation, roster, sessions, tabular, tally, wilayah
from kpps_desktop.core.sessions import Session
from kpps_desktop.core.errors import InputError

STATUSES = ("hadir", "hadir_daring", "terlambat", "izin", "sakit", "tidak_hadir")
# Integer counts of every recap row, in this order everywhere (JSON, CSV, XLSX, PDF, screen).
COUNTS = ("expected", *STATUSES, "belum", "present", "diganti")
COUNT_LABELS = {
    "expected": "Diharapkan", **sessions.STATUS_LABELS, "belum": "Belum tercatat",
    "present": "Jumlah hadir", "diganti": "Diganti (PAW)",
}
LEVELS = ("kecamatan", "desa", "tps", "officer")
LEVEL_LABELS = {"kecamatan": "Kecamatan", "desa": "Desa/Kelurahan", "tps": "TPS", "officer": "Petugas"}
ABSENT = ("tidak_hadir", "izin", "sakit", None)  # None: no record yet (open session)


class RecapError(InputError):
    """A recap that cannot be made (unknown session, bad grouping); message in Indonesian."""


@dataclass
class Recap:
    by: str  # one of LEVELS
    sessions: list[Session]  # the sessions counted
    all_sessions: bool  # True when no session was chosen
    within: str | None  # region code the rows are limited to
    tps: int | None  # with by='officer': the TPS drilled into
    rows: list[dict]
    total: dict  # COUNTS summed, with 'rate'

    @property
    def single(self) -> Session | None:
        return self.sessions[0] if len(self.sessions) == 1 and not self.all_sessions else None


def rate(row: dict) -> float | None:
    return round(row["present"] / row["expected"], 4) if row["expected"] else None


def _session_filter(session_ids: Sequence[str] | None, column: str = "s.id") -> tuple[str, dict]:
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


_KEYS = {
    "kecamatan": "substr(m.desa, 1, 8)",
    "desa": "m.desa",
    "tps": "m.desa, m.tps",
    "officer": "m.officer_id",
}
_EXTRA = {
    "kecamatan": "substr(m.desa, 1, 8) AS kecamatan",
    "desa": "m.desa AS desa",
    "tps": "m.desa AS desa, m.tps AS tps, max(o.tps_label) AS tps_label",
    "officer": ("m.officer_id AS officer_id, o.nama AS nama, o.jabatan AS jabatan, m.desa AS desa, m.tps AS tps, "
                "o.tps_label AS tps_label, o.status AS officer_status, max(m.status) AS status"),
}
_ORDER = {
    "kecamatan": "kecamatan", "desa": "desa", "tps": "desa, tps",
    "officer": "desa, tps, CASE jabatan WHEN 'ketua' THEN 0 WHEN 'anggota' THEN 1 ELSE 2 END, nama",
}


def counts_sql(by: str, session_where: str, within_where: str) -> str:
    """One GROUP BY over the (session, officer) pairs with their effective status (the officer level)."""
    sums = ",\n".join(f"sum(m.expected AND m.status = '{s}') AS {s}" for s in STATUSES)
    pairs = sessions.pair_status_sql(sessions.scope_pairs_sql(session_where, within_where))
    join = "JOIN officers o ON o.id = m.officer_id" if by in ("tps", "officer") else ""
    return f"""
    SELECT {_EXTRA[by]},
      sum(m.expected) AS expected,
      {sums},
      sum(m.expected AND m.status IS NULL) AS belum,
      sum(NOT m.expected) AS diganti
    FROM ({pairs}) m {join}
    GROUP BY {_KEYS[by]}
    ORDER BY {_ORDER[by]}"""


_TALLY_EXTRA = {
    "kecamatan": "substr(m.desa, 1, 8) AS kecamatan",
    "desa": "m.desa AS desa",
    "tps": "m.desa AS desa, m.tps AS tps, max(m.tps_label) AS tps_label",
}


def tally_sql(by: str, session_where: str, within_where: str) -> str:
    """The same counts summed from recap_tally (core/tally.py), for kecamatan, desa and TPS."""
    sums = ",\n".join(f"sum(m.{c}) AS {c}" for c in tally.COUNTS)
    return f"""
    SELECT {_TALLY_EXTRA[by]}, {sums}
    FROM recap_tally m
    WHERE ({session_where}) AND ({within_where})
    GROUP BY {_KEYS[by]}
    ORDER BY {_ORDER[by]}"""


def _resolve_sessions(db: sqlite_utils.Database, session_ids: Sequence[str] | None) -> list[Session]:
    if session_ids is None:
        return sorted(sessions.list_sessions(db), key=lambda s: (s.date, s.start_time or "", s.title))
    return [sessions.require_session(db, sid) for sid in dict.fromkeys(session_ids)]


def _label_row(by: str, row: dict, name) -> dict:
    """Key fields first (kode, nama, region codes and names), then the counts and rate.

    `name` looks up a region's name (a per-recap cache: a national recap by TPS has 820,000 rows).
    """
    out: dict = {}
    if by == "kecamatan":
        out.update(kode=row["kecamatan"], nama=name(row["kecamatan"]))
    else:
        desa = row["desa"]
        kec = desa[:8]
        if by == "desa":
            out.update(kode=desa, nama=name(desa))
        elif by == "tps":
            out.update(kode=f"{desa}/{row['tps']}", nama=roster.tps_label(row["tps"], row["tps_label"]),
                       desa=desa, desa_nama=name(desa), tps=row["tps"], tps_label=row["tps_label"])
        else:
            out.update(kode=row["officer_id"], nama=row["nama"], jabatan=row["jabatan"],
                       jabatan_label=roster.JABATAN_LABELS.get(row["jabatan"], row["jabatan"]),
                       desa=desa, desa_nama=name(desa), tps=row["tps"], tps_label=row["tps_label"],
                       officer_status=row["officer_status"], status=row["status"])
        out.update(kecamatan=kec, kecamatan_nama=name(kec))
    for key in COUNTS:  # in this order: 'present' (not a column) holds its place until summed
        out[key] = row.get(key) or 0
    out["present"] = sum(map(out.__getitem__, sessions.PRESENT))
    out["rate"] = rate(out)
    return out


def recap(db: sqlite_utils.Database, by: str = "desa", session_ids: Sequence[str] | None = None,
          within: str | None = None, tps: int | None = None) -> Recap:
    """Counts per kecamatan, desa, TPS or officer, for the given sessions (None = all).

    `within` limits the rows to a region (drill-down: a kecamatan's desa, a desa's TPS);
    with by='officer', `tps` limits to one TPS.
    """
    if by not in LEVELS:
        raise RecapError(f"Pengelompokan '{by}' tidak dikenal (pilih: {', '.join(LEVELS)}).")
    if within:
        within = wilayah.normalize_code(within)
        if wilayah.get(within) is None:
            raise RecapError(f"Kode wilayah '{within}' tidak dikenal.")
    chosen = _resolve_sessions(db, session_ids)
    if by == "officer":
        session_where, params = _session_filter(session_ids)
        within_where, wparams = _within_filter(within, tps)
        sql = counts_sql(by, session_where, within_where)
    else:
        tally.refresh(db)
        session_where, params = _session_filter(session_ids, "m.session_id")
        within_where, wparams = _within_filter(within, tps, "m")
        sql = tally_sql(by, session_where, within_where)
    cur = db.conn.execute(sql, {**params, **wparams})
    keys = [d[0] for d in cur.description]
    names: dict[str, str] = {}

    def name(code: str) -> str:
        found = names.get(code)
        if found is None:
            found = names[code] = wilayah.name(code)
        return found

    rows = [_label_row(by, dict(zip(keys, r)), name) for r in cur.fetchall()]
    total = {key: sum(map(itemgetter(key), rows)) for key in COUNTS}
    total["rate"] = rate(total)
    return Recap(by, chosen, session_ids is None, within, tps, rows, total)


def drill_down(current: Recap, row: dict) -> tuple[str, str, int | None] | None:
    """(by, within, tps) one level below a row of `current`; None at the officer level."""
    if current.by == "kecamatan":
        return "desa", row["kode"], None
    if current.by == "desa":
        return "tps", row["kode"], None
    if current.by == "tps":
        return "officer", row["desa"], row["tps"]
    return None


def as_json(r: Recap) -> list[dict]:
    """One object per group: key fields, integer counts by status, belum, present and rate."""
    return [dict(row) for row in r.rows]


# --- titles and tables for the exports -------------------------------------------------------

def scope_text(r: Recap) -> str:
    if r.within:
        text = f"{wilayah.LEVEL_LABELS[wilayah.level_of(r.within)]} {wilayah.name(r.within)}"
        return text + (f", TPS {r.tps:03d}" if r.tps is not None else "")
    return "Seluruh wilayah"


def sessions_text(r: Recap) -> str:
    if r.single:
        s = r.single
        hours = "–".join(t for t in (s.start_time, s.end_time) if t)
        return f"{s.title}, {format_date(s.date)}" + (f", {hours}" if hours else "")
    label = "Semua sesi" if r.all_sessions else "Sesi terpilih"
    return f"{label} ({len(r.sessions)} sesi)"


def title(r: Recap) -> str:
    return f"Rekapitulasi Kehadiran KPPS per {LEVEL_LABELS[r.by]}"


format_date = dates.tanggal  # '2024-11-07' -> '7 November 2024' (callers outside core use this name)


def _key_columns(by: str) -> list[tuple[str, str, float]]:
    """(field, header, xlsx width) of the key columns for a level."""
    if by == "kecamatan":
        return [("kode", "Kode", 11), ("nama", "Kecamatan", 24)]
    if by == "desa":
        return [("kode", "Kode", 15), ("nama", "Desa/Kelurahan", 24), ("kecamatan_nama", "Kecamatan", 20)]
    if by == "tps":
        return [("desa_nama", "Desa/Kelurahan", 22), ("nama", "TPS", 20), ("kecamatan_nama", "Kecamatan", 18)]
    return [("nama", "Nama", 28), ("jabatan_label", "Jabatan", 14), ("tps_label", "TPS", 12),
            ("desa_nama", "Desa/Kelurahan", 20)]


def columns(r: Recap) -> list[tuple[str, str, float]]:
    """(field, header, width) of every column of an export or the screen, in order."""
    cols = _key_columns(r.by)
    if r.by == "officer" and r.single:
        cols.append(("status_label", "Status", 14))
    cols += [(k, COUNT_LABELS[k], 11) for k in COUNTS]
    cols.append(("rate", "Persentase", 11))
    return cols


def cell(row: dict, key: str):
    if key == "tps_label":
        return roster.tps_label(row["tps"], row.get("tps_label"))
    if key == "status_label":
        return status_label(row)
    return row.get(key)


def status_label(row: dict) -> str:
    if row.get("officer_status") == "diganti":
        return "Diganti (PAW)"
    return sessions.STATUS_LABELS.get(row.get("status"), "Belum tercatat")


def table(r: Recap) -> tabular.Table:
    cols = columns(r)
    rate_col = len(cols) - 1
    body = [[cell(row, k) for k, _, _ in cols] for row in r.rows]
    totals = ["Jumlah"] + [""] * (len(_key_columns(r.by)) - 1 + (r.by == "officer" and r.single is not None))
    totals += [r.total[k] for k in COUNTS] + [r.total["rate"]]
    return tabular.Table(
        header=[h for _, h, _ in cols], rows=body, totals=totals, widths=[w for _, _, w in cols],
        title=title(r).upper(), subtitle=[f"Wilayah: {scope_text(r)}", f"Sesi: {sessions_text(r)}"],
        number_formats={rate_col: "0.0%"}, sheet="Rekap")


# --- lists that drive action -------------------------------------------------------------------

def absentees(db: sqlite_utils.Database, session_ids: Sequence[str] | None = None,
              within: str | None = None) -> list[dict]:
    """Expected officers who were not present: tidak hadir, izin, sakit, or no record yet (status None).

    One row per (session, officer), sorted by session, desa, TPS and name.
    """
    session_where, params = _session_filter(session_ids)
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


# --- anomaly flags: they inform, they never change data ----------------------------------------

BURST_COUNT, BURST_SECONDS = 20, 10
MANUAL_SHARE, MANUAL_MIN_EVENTS = 0.30, 10
WINDOW_SLACK = _dt.timedelta(hours=1)
CLOCK_DAYS = 1
DOUBLE_MINUTES = 5
SCAN_METHODS = ("scanner", "camera", "manual")
ANOMALY_LABELS = {
    "burst": "Presensi terlalu cepat",
    "manual": "Banyak presensi manual",
    "outside_window": "Di luar jam sesi",
    "clock": "Jam perangkat tidak wajar",
    "double": "Hadir di dua sesi sekaligus",
    "replaced": "Presensi petugas yang sudah diganti",
}


@dataclass
class Anomaly:
    kind: str  # one of ANOMALY_LABELS
    explanation: str  # one or two Indonesian sentences
    events: list[dict] = field(default_factory=list)  # the attendance events involved

    @property
    def label(self) -> str:
        return ANOMALY_LABELS[self.kind]

    def as_json(self) -> dict:
        return {"kind": self.kind, "label": self.label, "explanation": self.explanation,
                "events": [{k: e[k] for k in _EVENT_FIELDS} for e in self.events]}


_EVENT_FIELDS = ("id", "session_id", "session_title", "officer_id", "nama", "status", "at", "device_id", "method")


def _anomaly_events(db: sqlite_utils.Database, session_ids: Sequence[str] | None, within: str | None) -> list[dict]:
    event_where, params = _session_filter(session_ids, "a.session_id")
    within_where, wparams = _within_filter(within, None)
    cur = db.conn.execute(f"""
        SELECT a.id, a.session_id, s.title AS session_title, s.date, s.start_time, s.end_time,
               a.officer_id, o.nama, a.status, a.at, a.device_id, a.method,
               o.status AS officer_status, r.created_at AS replaced_at
        FROM attendance a JOIN sessions s ON s.id = a.session_id
        JOIN officers o ON o.id = a.officer_id
        LEFT JOIN officers r ON r.id = o.replaced_by
        WHERE ({event_where}) AND a.status != 'undo' AND a.method != 'close' AND {within_where}
          AND NOT EXISTS (SELECT 1 FROM attendance u WHERE u.session_id = a.session_id
                          AND u.officer_id = a.officer_id AND u.status = 'undo' AND u.corrects = a.id)
        ORDER BY a.device_id, julianday(a.at)""", {**params, **wparams})
    keys = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        e = dict(zip(keys, row))
        e["when"] = dates.instant(e["at"])
        out.append(e)
    return out


def _bursts(events: list[dict]) -> list[Anomaly]:
    found = []
    by_device: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        if e["method"] in SCAN_METHODS:
            by_device[e["device_id"]].append(e)
    window = _dt.timedelta(seconds=BURST_SECONDS)
    for device, evs in by_device.items():
        evs.sort(key=lambda e: e["when"])
        flagged = [False] * len(evs)
        j = 0
        for i, e in enumerate(evs):  # two pointers: evs[i:j] is the window starting at e
            while j < len(evs) and evs[j]["when"] - e["when"] < window:
                j += 1
            if j - i >= BURST_COUNT:
                flagged[i:j] = [True] * (j - i)
        cluster: list[dict] = []
        for e, flag in zip(evs, flagged):  # overlapping windows make one run, one flag
            if flag:
                cluster.append(e)
            elif cluster:
                found.append(_burst(device, cluster))
                cluster = []
        if cluster:
            found.append(_burst(device, cluster))
    return found


def _burst(device: str, cluster: list[dict]) -> Anomaly:
    seconds = (cluster[-1]["when"] - cluster[0]["when"]).total_seconds()
    return Anomaly("burst", (
        f"{len(cluster)} presensi dalam {seconds:.0f} detik dari perangkat {device[:8]} "
        f"(pukul {cluster[0]['at'][11:19]}). Satu meja tidak dapat memindai secepat ini "
        f"(≥ {BURST_COUNT} dalam {BURST_SECONDS} detik): periksa apakah kartu dipindai tanpa pemiliknya."),
        cluster)


def _manual_share(events: list[dict]) -> list[Anomaly]:
    found = []
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in events:
        if e["method"] in SCAN_METHODS:
            groups[(e["device_id"], e["session_id"])].append(e)
    for (device, _), evs in groups.items():
        manual = [e for e in evs if e["method"] == "manual"]
        if len(evs) >= MANUAL_MIN_EVENTS and len(manual) / len(evs) > MANUAL_SHARE:
            found.append(Anomaly("manual", (
                f"{len(manual)} dari {len(evs)} presensi ({len(manual) / len(evs):.0%}) di sesi "
                f"'{evs[0]['session_title']}' pada perangkat {device[:8]} dicatat manual, tanpa kartu. "
                f"Lebih dari {MANUAL_SHARE:.0%} patut diperiksa dengan daftar hadir bertanda tangan."),
                manual))
    return found


def _time_window(events: list[dict]) -> list[Anomaly]:
    clock: dict[str, list[dict]] = defaultdict(list)
    outside: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in events:
        if e["method"] == "desk":
            continue  # an izin letter is recorded whenever it arrives
        if _dt.datetime.fromisoformat(e["at"]).tzinfo is None:
            # Stored before the clock rule (issue #12) without a UTC offset: read as UTC, flagged.
            clock[e["device_id"]].append(e)
            continue
        local = e["when"].replace(tzinfo=None)  # wall-clock time, like the session's hours
        day = _dt.date.fromisoformat(e["date"])
        if abs((local.date() - day).days) > CLOCK_DAYS:
            clock[e["device_id"]].append(e)
            continue
        start = _dt.datetime.combine(day, _dt.time.fromisoformat(e["start_time"])) if e["start_time"] else None
        end = _dt.datetime.combine(day, _dt.time.fromisoformat(e["end_time"])) if e["end_time"] else None
        if (start and local < start - WINDOW_SLACK) or (end and local > end + WINDOW_SLACK):
            outside[(e["session_id"], e["device_id"])].append(e)
    found = [Anomaly("clock", (
        f"{len(evs)} presensi dari perangkat {device[:8]} bertanggal jauh dari tanggal sesinya atau "
        f"tanpa zona waktu (mis. {evs[0]['at'][:25]} untuk sesi tanggal {evs[0]['date']}). Jam atau tanggal "
        "perangkat kemungkinan salah; urutan kejadian dari perangkat ini tidak dapat dipercaya."), evs)
        for device, evs in clock.items()]
    for (_, device), evs in outside.items():
        e = evs[0]
        hours = "–".join(t for t in (e["start_time"], e["end_time"]) if t)
        found.append(Anomaly("outside_window", (
            f"{len(evs)} presensi di sesi '{e['session_title']}' (jam {hours}) dicatat lebih dari satu jam "
            f"di luar jam sesi oleh perangkat {device[:8]} (mis. pukul {e['at'][11:16]})."), evs))
    return found


def _overlap(a: dict, b: dict) -> bool:
    if a["date"] != b["date"]:
        return False
    if a["start_time"] and a["end_time"] and b["start_time"] and b["end_time"]:
        return a["start_time"] < b["end_time"] and b["start_time"] < a["end_time"]
    return True  # without hours, the same day is as close as we can tell


def _doubles(events: list[dict]) -> list[Anomaly]:
    by_officer: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        if e["status"] in sessions.CHECKED_IN:
            by_officer[e["officer_id"]].append(e)
    found = []
    gap = _dt.timedelta(minutes=DOUBLE_MINUTES)
    for evs in by_officer.values():
        if len({e["session_id"] for e in evs}) < 2:
            continue
        evs.sort(key=lambda e: e["when"])
        pairs = [(a, b) for i, a in enumerate(evs) for b in evs[i + 1:]
                 if a["session_id"] != b["session_id"] and abs(b["when"] - a["when"]) <= gap and _overlap(a, b)]
        if pairs:
            involved = list({id(x): x for pair in pairs for x in pair}.values())
            a, b = pairs[0]
            found.append(Anomaly("double", (
                f"{a['nama']} tercatat hadir di '{a['session_title']}' pukul {a['at'][11:16]} dan di "
                f"'{b['session_title']}' pukul {b['at'][11:16]}, dua sesi yang waktunya bersamaan. "
                "Satu orang tidak dapat hadir di dua tempat; mungkin kartunya dipakai orang lain."), involved))
    return found


def _replaced(events: list[dict]) -> list[Anomaly]:
    by_officer: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        if e["officer_status"] != "diganti":
            continue
        # The replacement's creation is when the PAW happened; attendance before it is fine.
        since = dates.instant(e["replaced_at"]) if e["replaced_at"] else None
        if since is None or e["when"] >= since:
            by_officer[e["officer_id"]].append(e)
    return [Anomaly("replaced", (
        f"{evs[0]['nama']} sudah diganti (PAW) tetapi tercatat {len(evs)} presensi sesudahnya "
        f"(mis. '{evs[0]['session_title']}'). Presensi ini tidak dihitung; periksa siapa yang hadir."), evs)
        for evs in by_officer.values()]


def anomalies(db: sqlite_utils.Database, session_ids: Sequence[str] | None = None,
              within: str | None = None) -> list[Anomaly]:
    """Every flag over the chosen sessions (None = all): what no spreadsheet shows. Reads only."""
    events = _anomaly_events(db, session_ids, within)
    return _bursts(events) + _manual_share(events) + _time_window(events) + _doubles(events) + _replaced(events)
