"""Record lines of a handover file: the columns per table and their strict validators."""

from __future__ import annotations

import contextlib
import datetime as _dt
import itertools
import json
import operator
import re
from collections.abc import Iterable, Iterator

from kpps_desktop.core import (
    cards,
    sessions,
    wilayah,
)

COLUMNS: dict[str, tuple[str, ...]] = {
    "officers": ("id", "nik", "nama", "jk", "tempat_lahir", "tanggal_lahir", "alamat", "telepon",
                 "desa", "tps", "tps_label", "jabatan", "status", "replaced_by", "is_demo",
                 "created_at", "updated_at", "device_id"),
    "sessions": ("id", "kind", "title", "date", "start_time", "end_time", "venue", "scope_kind",
                 "scope", "facilitators", "closed_at", "is_demo", "created_at", "updated_at",
                 "device_id"),
    "session_officers": ("session_id", "officer_id"),
    "cards": ("code", "officer_id", "issued_at", "device_id", "revoked_at"),
    "card_revocations": ("id", "code", "officer_id", "reason", "at", "device_id"),
    # evidence (migration 0010): what a non-scan event rests on, e.g. an imported meeting report's row.
    "attendance": (*(c.strip() for c in sessions.EVENT_COLUMNS.split(",")), "evidence"),
}
TABLES = tuple(COLUMNS)
KEYS = {"officers": ("id",), "sessions": ("id",), "session_officers": ("session_id", "officer_id"),
        "cards": ("code",), "card_revocations": ("id",), "attendance": ("id",)}

MAX_TEXT = 500

_LABELS = {"officers": "Petugas", "sessions": "Sesi", "session_officers": "Peserta sesi",
           "cards": "Kartu", "card_revocations": "Pencabutan kartu", "attendance": "Catatan presensi"}



def _line(values: Iterable, columns: tuple[str, ...]) -> bytes:
    # One canonical encoding, so an origin device's attendance digest survives re-export.
    record = dict(zip(columns, values))
    if columns[-1] in _OPTIONAL_KEYS and record[columns[-1]] is None:
        del record[columns[-1]]
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()


# Columns a line leaves out when they are null: added after files were already made, so lines
# without them keep their bytes (and an origin device's signed digest) and older files still read.
OMITTED_WHEN_NULL = {"attendance": "evidence"}
_OPTIONAL_KEYS = frozenset(OMITTED_WHEN_NULL.values())


def _fill_omitted(table: str, objs: list) -> None:
    """Put back the null columns _line leaves out (the validators then see every column)."""
    key = OMITTED_WHEN_NULL.get(table)
    if key:
        for o in objs:
            if type(o) is dict:
                o.setdefault(key, None)


# --- record validation ----------------------------------------------------------------------

_ID = re.compile(r"[0-9a-f]{32}")


class _Invalid(Exception):
    pass


def _id(v):
    if type(v) is not str or not _ID.fullmatch(v):
        raise _Invalid("id tidak valid")
    return v


def _stamp(v):
    if not _stamp_ok(v):
        raise _Invalid(f"waktu {v!r} tidak valid")
    return v


def _int(lo, hi):
    def check(v):
        if type(v) is not int or not lo <= v <= hi:
            raise _Invalid(f"angka {v!r} di luar batas")
        return v
    return check


def _region(v):
    if type(v) is not str or wilayah.get(v) is None:
        raise _Invalid(f"kode wilayah {v!r} tidak dikenal")
    return v


# The clock rule (docs/exchange-format.md): every time in a file is an ISO instant with its UTC
# offset, not before EARLIEST and not more than a day after the importer's own clock.
EARLIEST = _dt.datetime(2020, 1, 1, tzinfo=_dt.timezone.utc)
FUTURE_SLACK = _dt.timedelta(days=1)
_latest: list = [None]  # (latest instant, a date string surely before it) while a file is read (clock_at)


def _window(now: _dt.datetime | None = None) -> tuple[_dt.datetime, str]:
    latest = (now or _dt.datetime.now(_dt.timezone.utc)) + FUTURE_SLACK
    # A local date before this one is before `latest` whatever its UTC offset (offsets < 1 day).
    return latest, (latest.astimezone(_dt.timezone.utc).date() - _dt.timedelta(days=1)).isoformat()


@contextlib.contextmanager
def clock_at(now: _dt.datetime | None) -> Iterator[None]:
    """Judge the times of the records read inside this block against `now` (default: this
    computer's clock when the block starts; tests pass a fixed one)."""
    before = _latest[0]
    _latest[0] = _window(now)
    try:
        yield
    finally:
        _latest[0] = before


def latest_allowed() -> _dt.datetime:
    return (_latest[0] or _window())[0]


_SURELY_AFTER_EARLIEST = "2020-01-02"  # a local date after this one is after EARLIEST, any offset


def _stamp_ok(v) -> bool:
    """A well-formed instant inside the sane window; a time without offset or outside says why.

    Runs for every distinct time of a national import (tens of millions): the shape is checked
    by position and the window first by the date's text; instants are compared only near the
    edges (comparing datetimes of different offsets costs more than all the rest).
    """
    if type(v) is not str or len(v) > 40 or not v[:4].isdigit():
        return False
    try:
        t = _dt.datetime.fromisoformat(v)
    except ValueError:
        return False
    if t.tzinfo is None or v[4:17:3] != "--T::" or (v[-3] != ":" and v[-1] != "Z"):
        raise _Invalid(f"waktu {v!r:.40} tanpa zona waktu atau bukan bentuk baku "
                       "(harus seperti 2024-11-07T08:00:00+07:00)")
    latest, surely_before = _latest[0] or _window()
    if _SURELY_AFTER_EARLIEST < v[:10] < surely_before:
        return True
    if t < EARLIEST:
        raise _Invalid(f"waktu {v!r:.40} sebelum 2020-01-01 (jam perangkat pengirim salah?)")
    if t > latest:
        raise _Invalid(f"waktu {v!r:.40} lebih dari sehari setelah jam komputer ini "
                       "(jam perangkat pengirim maju, atau data dipalsukan)")
    return True


def _date_ok(v) -> bool:
    if type(v) is not str or len(v) != 10:
        return False
    try:
        _dt.date.fromisoformat(v)
    except ValueError:
        return False
    return True


# What each kind of field must be, as a Python condition on `v` (compiled once per table below,
# because this runs for every record of a national import: tens of millions).
_KINDS = {
    "id": "type(v) is str and len(v) == 32 and _hex(v) is not None",
    "nik": "type(v) is str and len(v) == 16 and v.isascii() and v.isdigit()",
    "text": f"type(v) is str and len(v) <= {MAX_TEXT}",
    "stamp": "_stamp_ok(v)",
    "date": "_date_ok(v)",
    "time": "type(v) is str and _time(v) is not None",
    "tps": "type(v) is int and 1 <= v <= 999",
    "seq": "type(v) is int and 1 <= v <= 2**62",
    "bool": "type(v) is int and 0 <= v <= 1",
    "desa": "type(v) is str and len(v) == 13 and _region(v) is not None",
    "region": "type(v) is str and _region(v) is not None",
    "code": "type(v) is str and _code(v) == v",
}
_SPECS = {
    "officers": ("id", "nik", "text", ("L", "P"), "text?", "date?", "text?", "text?", "desa", "tps",
                 "text?", ("ketua", "anggota", "linmas"), ("aktif", "diganti"), "id?", "bool", "stamp",
                 "stamp", "id"),
    "sessions": ("id", tuple(sessions.KINDS), "text", "date", "time?", "time?", "text?",
                 tuple(sessions.SCOPE_KINDS), "region?", "text?", "stamp?", "bool", "stamp", "stamp", "id"),
    "session_officers": ("id", "id"),
    "cards": ("code", "id", "stamp", "id", "stamp?"),
    "card_revocations": ("id", "code", "id", "text?", "stamp", "id"),
    "attendance": ("id", "id", "id?", ("hadir", "hadir_daring", "terlambat", "izin", "sakit", "tidak_hadir",
                                      "undo"),
                   "text?", "stamp", "id", "seq", ("scanner", "camera", "manual", "paper", "close", "desk"),
                   "id?", "stamp", "text?"),
}


def _compile(table: str):
    """One straight-line validator per table: record dict -> row tuple, or _Invalid naming the column."""
    columns, spec = COLUMNS[table], _SPECS[table]
    env = {"_hex": _ID.fullmatch, "_stamp_ok": _stamp_ok, "_date_ok": _date_ok, "_Invalid": _Invalid,
           "_time": re.compile(r"([01]\d|2[0-3]):[0-5]\d").fullmatch, "_region": wilayah.get,
           "_code": cards.parse_code, "_columns": frozenset(columns)}
    body = ["def check(o):",
            "    if type(o) is not dict or o.keys() != _columns:",
            f"        raise _Invalid('kolom tidak sesuai (harus {', '.join(columns)})')"]
    for i, (column, kind) in enumerate(zip(columns, spec)):
        if isinstance(kind, tuple):
            env[f"_e{i}"] = frozenset(kind)
            cond = f"type(v) is str and v in _e{i}"
        else:
            cond = _KINDS[kind.rstrip("?")]
            if kind.endswith("?"):
                cond = f"v is None or ({cond})"
        body += [f"    v = v{i} = o[{column!r}]",
                 f"    if not ({cond}):",
                 f"        raise _Invalid(f'kolom {column}: nilai {{v!r:.60}} tidak valid')"]
    body.append(f"    return ({', '.join(f'v{i}' for i in range(len(columns)))},)")
    exec("\n".join(body), env)
    return env["check"]


_VALIDATORS = {t: _compile(t) for t in COLUMNS}


# A batch of times in one regex pass (C speed; a national import checks tens of millions): the
# canonical form with a day that exists in its month (29 February left to _stamp_ok), then the
# window from the smallest and largest date. Anything else is judged value by value by _stamp_ok.
_ONE_STAMP = (r"2\d\d\d-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
              r"|02-(?:0[1-9]|1\d|2[0-8]))T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?"
              r"(?:[+-](?:0\d|1[0-4]):[0-5]\d|Z)")
_STAMPS = re.compile(f"(?:{_ONE_STAMP}\n)*{_ONE_STAMP}")


def _stamps_ok(vals: list) -> bool:
    """What all(map(_stamp_ok, vals)) says, mostly without a Python step per value."""
    if not vals:
        return True
    if _STAMPS.fullmatch("\n".join(vals)):  # a TypeError for anything but text: the caller's None
        surely_before = (_latest[0] or _window())[1]
        if min(vals)[:10] > _SURELY_AFTER_EARLIEST and max(vals)[:10] < surely_before:
            return True
    return all(map(_stamp_ok, set(vals)))


def _compile_columns(table: str):
    """A whole-batch validator: list of dicts -> row tuples, or None when any value is not valid.

    It checks column by column, mostly in C (join, map, set), which makes it several times
    faster than calling _VALIDATORS per record. It may only accept what the per-record
    validator accepts; on None the caller re-checks record by record (which names the error).
    """
    columns, spec = COLUMNS[table], _SPECS[table]
    env = {"_hex": _ID.fullmatch, "_stamp_ok": _stamp_ok, "_date_ok": _date_ok,
           "_time": re.compile(r"([01]\d|2[0-3]):[0-5]\d").fullmatch, "_region": wilayah.get,
           "_code": cards.parse_code}
    keys, getter = frozenset(columns), operator.itemgetter(*columns)
    lengths = {"id": 32, "nik": 16}
    checks = []
    for kind in spec:
        optional = isinstance(kind, str) and kind.endswith("?")
        base = kind.rstrip("?") if isinstance(kind, str) else kind
        if isinstance(base, tuple):
            allowed = frozenset(base)
            check = allowed.issuperset  # only str equal str, so this is also the type check
        elif base in lengths:
            size, chars = lengths[base], (_HEXES if base == "id" else _DIGITS)

            def check(vals, size=size, chars=chars):
                joined = "".join(vals)  # TypeError for anything but str
                return set(map(len, vals)) <= {size} and chars(joined) is not None
        elif base == "text":
            def check(vals):
                "".join(vals)
                return not vals or max(map(len, vals)) <= MAX_TEXT
        elif base in ("tps", "seq", "bool"):
            lo, hi = {"tps": (1, 999), "seq": (1, 2**62), "bool": (0, 1)}[base]

            def check(vals, lo=lo, hi=hi):
                return not vals or (set(map(type, vals)) == {int} and lo <= min(vals) and max(vals) <= hi)
        elif base == "stamp":
            check = _stamps_ok
        else:  # repeated values (dates, regions, codes): each distinct one once
            one = eval(f"lambda v: {_KINDS[base]}", env)

            def check(vals, one=one):
                return all(map(one, set(vals)))
        checks.append((optional, check))

    def validate(objs: list) -> list[tuple] | None:
        try:
            if set(map(type, objs)) - {dict} or not all(map(operator.eq, map(dict.keys, objs),
                                                               itertools.repeat(keys))):
                return None
            rows = list(map(getter, objs))
            for (optional, check), vals in zip(checks, zip(*rows)):
                if optional:
                    vals = [v for v in vals if v is not None]
                if not check(vals):
                    return None
        except (TypeError, _Invalid):  # an unhashable or non-text value where text belongs, a bad time
            return None
        return rows
    return validate


_HEXES = re.compile(r"[0-9a-f]*").fullmatch
_DIGITS = re.compile(r"[0-9]*").fullmatch
_BATCH_VALIDATORS = {t: _compile_columns(t) for t in COLUMNS}


def _no_constants(name):
    raise ValueError(f"{name} bukan JSON yang sah")


_DECODER = json.JSONDecoder(parse_constant=_no_constants)


def _decode(line: bytes):
    try:
        return _DECODER.decode(line.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise _Invalid(f"bukan JSON yang sah ({exc})") from None
    except RecursionError:  # a line of 30,000 brackets: the parser recurses per level
        raise _Invalid("bukan JSON yang sah (bersarang terlalu dalam)") from None


def _record(table: str, line: bytes) -> tuple:
    obj = _decode(line)
    _fill_omitted(table, [obj])
    return _VALIDATORS[table](obj)


def _records(table: str, lines: list[bytes]) -> list[tuple]:
    """Validated rows of a batch of lines: one JSON parse for the batch, line by line on error."""
    try:
        objs = _DECODER.decode("[" + b",".join(lines).decode("utf-8") + "]")
        if len(objs) != len(lines):
            raise ValueError("jumlah")
    except (ValueError, UnicodeDecodeError, RecursionError):
        objs = [_decode(line) for line in lines]  # raises for the first bad line
    _fill_omitted(table, objs)
    rows = _BATCH_VALIDATORS[table](objs)
    if rows is None:
        check = _VALIDATORS[table]
        rows = [check(o) for o in objs]  # raises _Invalid for the first bad record
    return rows


