"""Sessions (pelantikan, bimtek, ...): who is expected, the attendance event log, closing."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable, Iterator, NamedTuple

import sqlite_utils

from kpps_desktop.core import dates
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation, roster, wilayah
from kpps_desktop.core.errors import InputError

class Kind(StrEnum):
    """A session's kind (the value stored and exported)."""
    PELANTIKAN = "pelantikan"
    BIMTEK = "bimtek"
    SIMULASI = "simulasi"
    SUSULAN = "susulan"


class Status(StrEnum):
    """An attendance event's status (the value stored and exported); 'undo' events correct one."""
    HADIR = "hadir"
    HADIR_DARING = "hadir_daring"
    TERLAMBAT = "terlambat"
    IZIN = "izin"
    SAKIT = "sakit"
    TIDAK_HADIR = "tidak_hadir"


KINDS = {Kind.PELANTIKAN: "Pelantikan", Kind.BIMTEK: "Bimtek", Kind.SIMULASI: "Simulasi", Kind.SUSULAN: "Susulan"}
SCOPE_KINDS = ("desa", "kecamatan", "kabupaten", "officers")
STATUS_LABELS = {
    Status.HADIR: "Hadir", Status.HADIR_DARING: "Hadir daring", Status.TERLAMBAT: "Terlambat",
    Status.IZIN: "Izin", Status.SAKIT: "Sakit", Status.TIDAK_HADIR: "Tidak hadir",
}
# Statuses that mean "came in person": a second scan of one of these is a duplicate.
CHECKED_IN = (Status.HADIR, Status.TERLAMBAT)
DEFAULT_GRACE_MINUTES = 15

EVENT_COLUMNS = "id, session_id, officer_id, status, reason, at, device_id, seq, method, corrects, created_at"
SESSION_COLUMNS = ("id, kind, title, date, start_time, end_time, venue, scope_kind, scope, "
                   "facilitators, closed_at, is_demo")


def sql_list(values) -> str:
    """Fixed values (statuses, kinds) as an SQL list: "'hadir', 'terlambat'"."""
    return ", ".join(f"'{v}'" for v in values)


class SessionError(InputError):
    """A session that cannot be saved or used; `problems` maps field -> message (Indonesian)."""

    def __init__(self, problems: dict[str, str] | str):
        self.problems = problems if isinstance(problems, dict) else {"session": problems}
        super().__init__(" ".join(self.problems.values()))


@dataclass
class Session:
    id: str
    kind: str
    title: str
    date: str  # YYYY-MM-DD
    start_time: str | None
    end_time: str | None
    venue: str | None
    scope_kind: str
    scope: str | None  # region code; None for scope_kind 'officers'
    facilitators: str | None
    closed_at: str | None
    is_demo: bool = False

    @classmethod
    def from_row(cls, row: dict) -> "Session":
        return cls(**{**row, "is_demo": bool(row.get("is_demo"))})

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def scope_label(self) -> str:
        if self.scope_kind == "officers":
            return "Petugas terpilih"
        return f"{wilayah.LEVEL_LABELS[self.scope_kind]} {wilayah.name(self.scope or '')}"


class Mark(NamedTuple):
    """An officer's effective status in a session and the event that gives it."""
    status: str
    at: str
    event: dict


# --- validation -------------------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_time(text: str | None, field: str = "jam") -> str | None:
    """'8:05', '08.05' (the Indonesian way) or '08:05' -> '08:05'; None/'' -> None."""
    if text is None or str(text).strip() == "":
        return None
    m = _TIME.match(str(text).strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise SessionError({field: f"Jam '{text}' tidak valid (JJ:MM, mis. 08:00)."})
    return f"{int(m[1]):02d}:{m[2]}"


def parse_date(text) -> str:
    if isinstance(text, _dt.date):
        return text.isoformat()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(text).strip()):
            raise ValueError
        return _dt.date.fromisoformat(str(text).strip()).isoformat()
    except ValueError:
        raise SessionError({"date": f"Tanggal '{text}' tidak valid (TTTT-BB-HH, mis. 2024-11-07)."}) from None


def _validate(db: sqlite_utils.Database, v: dict, officer_ids: list[str] | None) -> dict:
    """Check and normalise session fields in place; raise SessionError listing every problem."""
    problems: dict[str, str] = {}

    def check(field, fn):
        try:
            v[field] = fn(v[field])
        except SessionError as exc:
            problems.update(exc.problems)

    if v["kind"] not in KINDS:
        problems["kind"] = f"Jenis sesi '{v['kind']}' tidak dikenal ({', '.join(KINDS)})."
    v["title"] = " ".join((v["title"] or "").split())
    if not v["title"]:
        problems["title"] = "Judul sesi wajib diisi."
    check("date", parse_date)
    check("start_time", lambda t: parse_time(t, "start_time"))
    check("end_time", lambda t: parse_time(t, "end_time"))
    if v["start_time"] and v["end_time"] and "start_time" not in problems and v["end_time"] <= v["start_time"]:
        problems["end_time"] = f"Jam selesai ({v['end_time']}) harus setelah jam mulai ({v['start_time']})."
    if isinstance(v["facilitators"], (list, tuple)):
        v["facilitators"] = "; ".join(f.strip() for f in v["facilitators"] if f.strip())
    v["facilitators"] = (v["facilitators"] or "").strip() or None
    v["venue"] = (v["venue"] or "").strip() or None

    inst = installation.require(db)
    if v["scope_kind"] is None:
        v["scope_kind"] = "officers" if officer_ids else (
            wilayah.level_of(v["scope"]) if v["scope"] else installation.ROLE_LEVEL[inst.role])
    if v["scope_kind"] == "officers":
        v["scope"] = None
        if not officer_ids:
            problems["scope"] = "Sesi untuk petugas terpilih memerlukan daftar petugas."
        else:
            rows = db.conn.execute(
                f"SELECT id, desa FROM officers WHERE id IN ({','.join('?' * len(officer_ids))})",
                officer_ids).fetchall()
            found = dict(rows)
            missing = [i for i in officer_ids if i not in found]
            outside = [i for i, desa in found.items() if not inst.covers(desa)]
            if missing:
                problems["officers"] = f"{len(missing)} petugas tidak ditemukan."
            elif outside:
                problems["officers"] = f"{len(outside)} petugas berada di luar wilayah {inst.wilayah_name}."
    elif v["scope_kind"] not in SCOPE_KINDS:
        problems["scope_kind"] = f"Cakupan '{v['scope_kind']}' tidak dikenal."
    else:
        v["scope"] = v["scope"] or inst.wilayah
        try:
            region = wilayah.require(wilayah.normalize_code(v["scope"]), v["scope_kind"])
            v["scope"] = region.kode
            if not (inst.covers(region.kode)):
                problems["scope"] = (f"{wilayah.LEVEL_LABELS[region.level]} {region.nama} berada di luar "
                                     f"wilayah instalasi ini ({inst.wilayah_name}).")
        except wilayah.WilayahError as exc:
            problems["scope"] = str(exc)
    if problems:
        raise SessionError(problems)
    return v


# --- sessions ---------------------------------------------------------------------------

def officers_of_desas(db: sqlite_utils.Database, desas: Iterable[str]) -> list[str]:
    """The active officers of these desa, for a session that invites a chosen set of desa.

    Raises SessionError naming each code that is not a desa of this installation's region.
    """
    inst = installation.require(db)
    codes, problems = [], []
    for raw in dict.fromkeys(desas):
        try:
            region = wilayah.require(wilayah.normalize_code(raw), "desa")
        except wilayah.WilayahError as exc:
            problems.append(str(exc))
            continue
        if not inst.covers(region.kode):
            problems.append(f"Desa {region.nama} ({region.kode}) berada di luar wilayah instalasi ini "
                            f"({inst.wilayah_name}).")
        codes.append(region.kode)
    if not codes and not problems:
        problems.append("Pilih sedikitnya satu desa.")
    if problems:
        raise SessionError({"scope": " ".join(problems)})
    ids = [r[0] for r in db.conn.execute(
        f"SELECT id FROM officers WHERE status = 'aktif' AND desa IN ({','.join('?' * len(codes))}) "
        f"ORDER BY {roster.ORDER_BY}", codes)]
    if not ids:
        raise SessionError({"scope": "Desa yang dipilih belum memiliki petugas aktif."})
    return ids


def create_session(db: sqlite_utils.Database, kind: str, title: str, date, start: str | None = None,
                   end: str | None = None, scope_kind: str | None = None, scope: str | None = None,
                   venue: str | None = None, facilitators: str | list[str] | None = None,
                   officer_ids: Iterable[str] | None = None, *, desas: Iterable[str] | None = None,
                   is_demo: bool = False) -> Session:
    """Create a session; scope defaults to the installation's whole region.

    officer_ids (with scope_kind 'officers', e.g. a susulan session) lists who is expected; desas
    (two or more desa of a kecamatan's bimtek) invites exactly their active officers, so closing
    marks only the invited tidak hadir.
    """
    if desas is not None:
        desas = list(desas)
        if len(desas) == 1:
            scope_kind, scope = "desa", desas[0]
        else:
            scope_kind, scope, officer_ids = "officers", None, officers_of_desas(db, desas)
    ids = list(dict.fromkeys(officer_ids)) if officer_ids else None
    v = _validate(db, {"kind": kind, "title": title, "date": date, "start_time": start, "end_time": end,
                       "scope_kind": scope_kind, "scope": scope, "venue": venue,
                       "facilitators": facilitators}, ids)
    now = dbmod.utc_now()
    row = {"id": dbmod.new_id(), **v, "closed_at": None, "is_demo": int(is_demo),
           "created_at": now, "updated_at": now, "device_id": dbmod.device_id(db)}
    with db.atomic():
        db["sessions"].insert(row)
        if v["scope_kind"] == "officers":
            db.conn.executemany("INSERT INTO session_officers (session_id, officer_id) VALUES (?, ?)",
                                [(row["id"], i) for i in ids])
    return get_session(db, row["id"])


def update_session(db: sqlite_utils.Database, session_id: str, *, officer_ids: Iterable[str] | None = None,
                   desas: Iterable[str] | None = None, **changes) -> Session:
    """Change a session's fields (names as in create_session: kind, title, date, start, end, ...)."""
    if desas is not None:
        desas = list(desas)
        if len(desas) == 1:
            changes.update(scope_kind="desa", scope=desas[0])
        else:
            changes.update(scope_kind="officers", scope=None)
            officer_ids = officers_of_desas(db, desas)
    current = require_session(db, session_id)
    names = {"start": "start_time", "end": "end_time"}
    v = {k: getattr(current, k) for k in ("kind", "title", "date", "start_time", "end_time", "venue",
                                           "scope_kind", "scope", "facilitators")}
    for key, value in changes.items():
        key = names.get(key, key)
        if key not in v:
            raise TypeError(f"update_session() got an unknown field {key!r}")
        v[key] = value
    if officer_ids is not None:
        ids = list(dict.fromkeys(officer_ids))
    elif v["scope_kind"] == "officers":
        ids = [r[0] for r in db.conn.execute(
            "SELECT officer_id FROM session_officers WHERE session_id = ?", (session_id,))]
    else:
        ids = None
    v = _validate(db, v, ids)
    with db.atomic():
        db["sessions"].update(session_id, {**v, "updated_at": dbmod.edit_stamp(db, "sessions", session_id),
                                           "device_id": dbmod.device_id(db)})
        db.conn.execute("DELETE FROM session_officers WHERE session_id = ?", (session_id,))
        if v["scope_kind"] == "officers":
            db.conn.executemany("INSERT INTO session_officers (session_id, officer_id) VALUES (?, ?)",
                                [(session_id, i) for i in ids])
    return require_session(db, session_id)


def get_session(db: sqlite_utils.Database, session_id: str) -> Session | None:
    cur = db.conn.execute(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
    row = cur.fetchone()
    return Session.from_row(dict(zip([d[0] for d in cur.description], row))) if row else None


def require_session(db: sqlite_utils.Database, session_id: str) -> Session:
    session = get_session(db, session_id)
    if session is None:
        raise SessionError(f"Sesi '{session_id}' tidak ditemukan.")
    return session


def list_sessions(db: sqlite_utils.Database, date: str | None = None) -> list[Session]:
    """Sessions, newest day first, then by start time."""
    sql = f"SELECT {SESSION_COLUMNS} FROM sessions"
    params: list = []
    if date:
        sql += " WHERE date = ?"
        params.append(parse_date(date))
    sql += " ORDER BY date DESC, coalesce(start_time, '99:99'), title"
    # Positional, in SESSION_COLUMNS' order (the fields' own): a national recap lists 26,517.
    return [Session(*r[:-1], bool(r[-1])) for r in db.conn.execute(sql, params).fetchall()]


def expected_officers(db: sqlite_utils.Database, session_id: str, columns: str = roster.LIST_COLUMNS) -> list[dict]:
    """The active officers in the session's scope (replaced officers are not expected).

    `columns` narrows what is read (matching a kabupaten's 12,201 names needs five of them).
    """
    session = require_session(db, session_id)
    sql = f"SELECT {columns} FROM officers WHERE status = 'aktif' AND "
    if session.scope_kind == "officers":
        sql += "id IN (SELECT officer_id FROM session_officers WHERE session_id = ?)"
        params = [session.id]
    elif session.scope_kind == "desa":
        sql += "desa = ?"
        params = [session.scope]
    else:
        sql += "desa LIKE ?"
        params = [session.scope + ".%"]
    if session.closed_at:  # LATE_REPLACEMENT_SQL's rule
        sql += (" AND NOT (id IN (SELECT replaced_by FROM officers WHERE replaced_by IS NOT NULL)"
                " AND julianday(created_at) > julianday(?)"
                " AND id NOT IN (SELECT officer_id FROM attendance WHERE session_id = ? AND officer_id IS NOT NULL))")
        params += [session.closed_at, session.id]
    cur = db.conn.execute(f"{sql} ORDER BY {roster.ORDER_BY}", params)
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, r)) for r in cur.fetchall()]


def officer_in_scope(db: sqlite_utils.Database, session: Session, officer: dict) -> bool:
    """Whether this officer is expected at the session (one indexed lookup at most)."""
    if officer["status"] != "aktif":
        return False
    if session.scope_kind == "officers":
        return db.conn.execute(
            "SELECT 1 FROM session_officers WHERE session_id = ? AND officer_id = ?",
            (session.id, officer["id"])).fetchone() is not None
    return wilayah.is_within(officer["desa"], session.scope)


def grace_minutes(db: sqlite_utils.Database) -> int:
    return int(dbmod.get_setting(db, "grace_minutes", DEFAULT_GRACE_MINUTES))


def is_late(session: Session, at: _dt.datetime, grace: int) -> bool:
    """Checked in after start + grace; the start is wall-clock time in the device's own zone."""
    if not session.start_time:
        return False
    start = _dt.datetime.combine(_dt.date.fromisoformat(session.date),
                                 _dt.time.fromisoformat(session.start_time), tzinfo=at.tzinfo)
    return at > start + _dt.timedelta(minutes=grace)


# --- the attendance event log -------------------------------------------------------------

def iso(now: _dt.datetime) -> str:
    """Device-clock time as stored: local time with its UTC offset, to the second."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise InputError("Waktu presensi harus menyertakan zona waktu.")
    return now.isoformat(timespec="seconds")


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One transaction that holds the write lock from its first read.

    BEGIN IMMEDIATE, because a deferred transaction that reads (the next seq, the officer's
    marks) and then writes fails with SQLITE_BUSY when another process (the CLI beside the
    GUI) wrote in between. Nested use becomes a savepoint of the outer transaction.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.execute("COMMIT")


def append_event(db: sqlite_utils.Database, session_id: str, officer_id: str | None, status: str,
                 at: str, method: str, reason: str | None = None, corrects: str | None = None,
                 evidence: str | None = None) -> str:
    """Append one attendance event with the next per-device seq; call inside write_transaction.

    `evidence` (JSON text) says what the event rests on when it is not a scan, e.g. the row of an
    imported meeting report (core/daring).
    """
    device = dbmod.device_id(db)
    event_id = dbmod.new_id()
    db.conn.execute(
        f"INSERT INTO attendance ({EVENT_COLUMNS}, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "(SELECT coalesce(max(seq), 0) + 1 FROM attendance WHERE device_id = ?), ?, ?, ?, ?)",
        (event_id, session_id, officer_id, status, reason, at, device, device, method, corrects,
         dbmod.utc_now(), evidence),
    )
    return event_id


def _order(event: dict) -> tuple:
    # Device clocks may carry different offsets, so compare instants, not strings.
    return (dates.instant(event["at"]), event["created_at"], event["device_id"], event["seq"])


def effective_mark(events: list[dict]) -> Mark | None:
    """The status one officer's events add up to.

    An 'undo' cancels the event it corrects. Among the rest the latest event wins, except
    that 'close' events (tidak hadir) count only when nothing else is left: a check-in merged
    from another desk after closing still counts. When the latest events are check-ins from
    several desks, the earliest of them gives the time (and so hadir vs terlambat).
    """
    undone = {e["corrects"] for e in events if e["status"] == "undo"}
    live = [e for e in events if e["status"] != "undo" and e["id"] not in undone]
    real = sorted((e for e in live if e["method"] != "close"), key=_order)
    if not real:
        closes = sorted(live, key=_order)
        return Mark(closes[-1]["status"], closes[-1]["at"], closes[-1]) if closes else None
    pick = real[-1]
    for e in reversed(real):
        if e["status"] not in CHECKED_IN:
            break
        pick = e
    return Mark(pick["status"], pick["at"], pick)


def _events(db: sqlite_utils.Database, where: str, params: tuple) -> list[dict]:
    cur = db.conn.execute(f"SELECT {EVENT_COLUMNS} FROM attendance WHERE {where}", params)
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, r)) for r in cur.fetchall()]


def officer_events(db: sqlite_utils.Database, session_id: str, officer_id: str) -> list[dict]:
    return _events(db, "session_id = ? AND officer_id = ? ORDER BY device_id, seq", (session_id, officer_id))


def officer_mark(db: sqlite_utils.Database, session_id: str, officer_id: str) -> Mark | None:
    """One officer's effective status (an indexed query: cheap enough for every scan)."""
    return effective_mark(officer_events(db, session_id, officer_id))


def officer_history(db: sqlite_utils.Database, officer_id: str) -> list[dict]:
    """Every attendance event of one officer across sessions, newest first, for the officer's history:
    status, at, method, reason, evidence (JSON, e.g. an imported meeting report's row), corrects,
    and the session's kind, title and date."""
    cur = db.conn.execute(
        "SELECT a.id, a.status, a.at, a.method, a.reason, a.evidence, a.corrects, a.session_id, s.kind, s.title, "
        "s.date FROM attendance a JOIN sessions s ON s.id = a.session_id WHERE a.officer_id = ? "
        "ORDER BY s.date DESC, a.at DESC, a.seq DESC", (officer_id,))
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, r)) for r in cur.fetchall()]


def current_status(db: sqlite_utils.Database, session_id: str) -> dict[str, Mark]:
    """officer_id -> Mark(status, at, event) for every officer with an effective status."""
    by_officer: dict[str, list[dict]] = {}
    for e in _events(db, "session_id = ? AND officer_id IS NOT NULL", (session_id,)):
        by_officer.setdefault(e["officer_id"], []).append(e)
    marks = {oid: effective_mark(evs) for oid, evs in by_officer.items()}
    return {oid: m for oid, m in marks.items() if m is not None}


# --- the same rules in SQL, for recaps over many sessions (tests/test_recap.py checks they agree)

_UNDONE_SQL = "SELECT u.corrects FROM attendance u WHERE u.status = 'undo' AND u.corrects IS NOT NULL"


def _picked_sql(keyed: str) -> str:
    """The rule proper over `keyed` events (with a sort key k): one row per officer and session.

    The latest event, unless it ends a run of check-ins: then the run's earliest (the 'pick'
    walk in effective_mark); `last_other` is the latest event that is not a check-in.
    """
    checked_in = sql_list(CHECKED_IN)
    return f"""
      SELECT session_id, officer_id, status, at, event_id FROM (
        SELECT session_id, officer_id, status, at, id AS event_id,
               min(CASE WHEN k > coalesce(last_other, '') OR (k = last_other AND k = last) THEN k END)
        FROM (
          SELECT *, max(k) OVER pair AS last,
                 max(CASE WHEN status NOT IN ({checked_in}) THEN k END) OVER pair AS last_other
          FROM ({keyed}) WINDOW pair AS (PARTITION BY session_id, officer_id)
        ) GROUP BY session_id, officer_id
      )"""


def _keyed_sql(where: str) -> str:
    # Sorts like _order: the instant in ms (julianday() of the time with its offset), then
    # created_at, device_id, seq; every non-close event after every close event.
    return f"""
      SELECT a.session_id, a.officer_id, a.status, a.at, a.id,
             printf('%d%015d', a.method != 'close', CAST(round(julianday(a.at) * 86400000) AS INTEGER))
             || a.created_at || a.device_id || printf('%012d', a.seq) AS k
      FROM attendance a
      WHERE ({where}) AND a.officer_id IS NOT NULL AND a.status != 'undo' AND a.id NOT IN ({_UNDONE_SQL})"""


def effective_marks_sql(where: str = "1") -> str:
    """effective_mark as one SQL subquery: rows (session_id, officer_id, status, at, event_id).

    `where` filters attendance rows by session only (alias `a`, e.g. "a.session_id = :id"):
    filtering single events would change what the rule sees. An officer with one live event
    (most) takes it as is; only the others need the ordering and the windows.
    """
    return f"""
    SELECT * FROM (
      WITH grouped AS MATERIALIZED (
        -- max(status) is the only min/max here, so at and id come from the event's own row.
        SELECT a.session_id, a.officer_id, count(*) AS n, max(a.status) AS status, a.at, a.id
        FROM attendance a
        WHERE ({where}) AND a.officer_id IS NOT NULL AND a.status != 'undo' AND a.id NOT IN ({_UNDONE_SQL})
        GROUP BY a.session_id, a.officer_id
      )
      SELECT session_id, officer_id, status, at, id AS event_id FROM grouped WHERE n = 1
      UNION ALL
      {_picked_sql(_keyed_sql("(a.session_id, a.officer_id) IN (SELECT session_id, officer_id FROM grouped WHERE n > 1)"))}
    )"""


def pair_status_sql(pairs: str) -> str:
    """The effective status of every (session, officer) pair of `pairs` (a scope_pairs_sql subquery):
    rows of `pairs` plus `status`, NULL when nothing is recorded.

    For the recap: driven by the pairs, one index probe each, so no large sort or join. A pair
    with one live event (most) takes its status as is; only the others run the full rule,
    which CASE evaluates for them alone. LIMIT -1 (no limit) keeps SQLite from flattening this
    query into its caller, which would run the status subquery again for every use of `status`
    (eight times per pair in a recap count: 3.5x slower).
    """
    rule = _picked_sql(_keyed_sql("a.session_id = p.session_id AND a.officer_id = p.officer_id"))
    return f"""
    SELECT p.*, (SELECT CASE count(*) WHEN 0 THEN NULL WHEN 1 THEN max(a.status)
                   ELSE (SELECT k.status FROM ({rule}) k) END
                 FROM attendance a
                 WHERE a.session_id = p.session_id AND a.officer_id = p.officer_id
                   AND a.status != 'undo' AND a.id NOT IN ({_UNDONE_SQL})) AS status
    FROM ({pairs}) p
    LIMIT -1"""


def scope_pairs_sql(where: str = "1", officers_where: str = "1") -> str:
    """expected_officers as one SQL subquery over many sessions: rows (session_id, officer_id,
    expected, desa, tps, tps_label) for every officer in a session's scope, expected = 0 for a
    replaced one.

    `where` filters sessions (alias `s`), `officers_where` officers (alias `o`); use named
    parameters: each appears three times.
    """
    return f"""
    SELECT s.id AS session_id, o.id AS officer_id, o.status = 'aktif' AS expected, o.desa, o.tps, o.tps_label
      FROM sessions s JOIN officers o ON o.desa = s.scope
      WHERE s.scope_kind = 'desa' AND ({where}) AND ({officers_where}) AND NOT {LATE_REPLACEMENT_SQL}
    UNION ALL
    SELECT s.id, o.id, o.status = 'aktif', o.desa, o.tps, o.tps_label
      FROM sessions s JOIN officers o ON o.desa > s.scope || '.' AND o.desa < s.scope || '/'
      WHERE s.scope_kind IN ('kecamatan', 'kabupaten') AND ({where}) AND ({officers_where})
        AND NOT {LATE_REPLACEMENT_SQL}
    UNION ALL
    SELECT s.id, o.id, o.status = 'aktif', o.desa, o.tps, o.tps_label
      FROM sessions s JOIN session_officers so ON so.session_id = s.id JOIN officers o ON o.id = so.officer_id
      WHERE s.scope_kind = 'officers' AND ({where}) AND ({officers_where}) AND NOT {LATE_REPLACEMENT_SQL}"""


# A PAW replacement added after a session closed was never expected at it (it would show
# "belum tercatat" in a closed session forever), unless something was recorded for them there
# (then they were there when it closed). One probe of the small index of replaced_by
# (migration 0010) per pair; the rest only for the few replacements.
LATE_REPLACEMENT_SQL = """(s.closed_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM officers p WHERE p.replaced_by = o.id)
    AND julianday(o.created_at) > julianday(s.closed_at)
    AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id AND a.officer_id = o.id))"""


def unmarked_officers(db: sqlite_utils.Database, session_id: str) -> list[dict]:
    """Expected officers with no effective status: those closing would mark tidak hadir."""
    marks = current_status(db, session_id)
    return [o for o in expected_officers(db, session_id) if o["id"] not in marks]


def close_session(db: sqlite_utils.Database, session_id: str, now: _dt.datetime) -> int:
    """Mark every expected officer without a status tidak hadir and close; returns how many."""
    at = iso(now)
    with write_transaction(db):
        session = require_session(db, session_id)
        if session.closed_at:
            raise SessionError(f"Sesi '{session.title}' sudah ditutup ({session.closed_at}).")
        if dbmod.get_meta(db, "desk_kit"):  # a check-in desk sees only its own check-ins (exchange/desks.py)
            raise SessionError("Perangkat ini meja presensi: sesi ditutup di perangkat induk (PPK/PPS), "
                               "setelah berkas semua meja diterima.")
        missing = unmarked_officers(db, session_id)
        for officer in missing:
            append_event(db, session_id, officer["id"], "tidak_hadir", at, "close")
        db.conn.execute("UPDATE sessions SET closed_at = ?, updated_at = ?, device_id = ? WHERE id = ?",
                        (at, dbmod.edit_stamp(db, "sessions", session_id), dbmod.device_id(db), session_id))
    return len(missing)


# Statuses that count as present for the counters (online attendance counts).
PRESENT = ("hadir", "terlambat", "hadir_daring")


@dataclass
class Tally:
    """Counters for the check-in screen and the recap: expected officers only."""
    expected: int
    present: int
    by_status: dict[str, int]  # status -> count; officers without a mark are under None
    by_tps: dict[tuple[str, int], tuple[int, int]]  # (desa, tps) -> (present, expected)


def tally(db: sqlite_utils.Database, session_id: str) -> Tally:
    marks = current_status(db, session_id)
    by_status: dict[str | None, int] = {}
    by_tps: dict[tuple[str, int], list[int]] = {}
    for o in expected_officers(db, session_id):
        mark = marks.get(o["id"])
        status = mark.status if mark else None
        by_status[status] = by_status.get(status, 0) + 1
        counts = by_tps.setdefault((o["desa"], o["tps"]), [0, 0])
        counts[0] += status in PRESENT
        counts[1] += 1
    present = sum(n for s, n in by_status.items() if s in PRESENT)
    return Tally(sum(by_status.values()), present, by_status, {k: tuple(v) for k, v in by_tps.items()})


def recent(db: sqlite_utils.Database, session_id: str, limit: int = 10) -> list[dict]:
    """The latest accepted events and refused scans of a session, newest first (for the screen).

    Times are to the second, so within one second the order they were written decides: an
    event by its seq, a scan by the seq it came after (scan_log.after_seq) and then its rowid.
    """
    cur = db.conn.execute(
        "SELECT at, result, method, officer_id, nama, text, event_id FROM ("
        " SELECT a.at, a.status AS result, a.method, a.officer_id, o.nama, NULL AS text, a.id AS event_id,"
        "  a.seq AS k1, 0 AS k2, 0 AS k3"
        " FROM attendance a LEFT JOIN officers o ON o.id = a.officer_id"
        " WHERE a.session_id = ? AND a.method != 'close'"
        " UNION ALL"
        " SELECT s.at, s.result, s.method, s.officer_id, o.nama, s.text, NULL, coalesce(s.after_seq, 0), 1, s.rowid"
        " FROM scan_log s LEFT JOIN officers o ON o.id = s.officer_id WHERE s.session_id = ?"
        ") ORDER BY at DESC, k1 DESC, k2 DESC, k3 DESC LIMIT ?", (session_id, session_id, limit))
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, r)) for r in cur.fetchall()]
