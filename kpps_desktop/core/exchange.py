"""Handover files (.kpps) between PPS, PPK and KPU: export, strict verification, merge, gap report.

The format and the merge rules are documented in docs/exchange-format.md; keep them in step.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import datetime as _dt
import hashlib
import itertools
import json
import operator
import os
import re
import sqlite3
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import sqlite_utils

from kpps_desktop import __version__
from kpps_desktop.core import audit, cards, crypt, installation, keys, sessions, tally, wilayah
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import fileio
from kpps_desktop.core.progress import Progress
from kpps_desktop.core.errors import InputError

FORMAT = "kpps-handover"
VERSION = 1
SUFFIX = ".kpps"

# Every file has exactly these members, in this order (an empty member is still present).
MANIFEST, SIGNATURE, PROVENANCE = "manifest.json", "signature", "provenance.jsonl"
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
    "attendance": tuple(c.strip() for c in sessions.EVENT_COLUMNS.split(",")),
}
TABLES = tuple(COLUMNS)
KEYS = {"officers": ("id",), "sessions": ("id",), "session_officers": ("session_id", "officer_id"),
        "cards": ("code",), "card_revocations": ("id",), "attendance": ("id",)}
MEMBERS = (MANIFEST, SIGNATURE, PROVENANCE, *(f"records/{t}.jsonl" for t in TABLES))

# Limits against hostile files: a USB stick may carry anything.
MAX_FILE_BYTES = 512 * 2**20
MAX_MEMBER_BYTES = 2 * 2**30  # uncompressed
MAX_MANIFEST_BYTES = 2**20
MAX_RATIO = 100  # uncompressed / compressed; real JSONL compresses 3-8x, bombs 1000x
MAX_LINE_BYTES = 64 * 2**10
MAX_TEXT = 500
BATCH = 5000
# import_files: new records per commit (the write lock is held that long: seconds), page cache.
COMMIT_RECORDS = 1_000_000
BULK_CACHE_KIB = 128 * 1024
# An attendance time more than this far from the session's date flags the device's clock.
CLOCK_TOLERANCE_DAYS = 1

# The canonical ZIP container (see docs): no timestamps, no extras, no comments, deflate only.
_MADE_BY, _NEEDED, _FLAGS, _METHOD, _ZTIME, _ZDATE = 0x0314, 20, 0, 8, 0, 0x0021
_EXTERNAL_ATTR = 0o100644 << 16


class ExchangeError(InputError):
    """A handover file that cannot be written or is refused; the message is for the user."""


# --- the container ------------------------------------------------------------------------

@dataclass
class _Member:
    name: str
    raw: bytes  # deflated data
    crc: int
    size: int  # uncompressed


def _zip(members: list[_Member]) -> bytes:
    """The one canonical ZIP encoding of these members (what export writes, what import demands)."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for m in members:
        name = m.name.encode("ascii")
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, _NEEDED, _FLAGS, _METHOD, _ZTIME, _ZDATE,
                            m.crc, len(m.raw), m.size, len(name), 0) + name
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, _MADE_BY, _NEEDED, _FLAGS,
                                   _METHOD, _ZTIME, _ZDATE, m.crc, len(m.raw), m.size, len(name),
                                   0, 0, 0, 0, _EXTERNAL_ATTR, offset) + name)
        out += [local, m.raw]
        offset += len(local) + len(m.raw)
    directory = b"".join(central)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory),
                       offset, 0)
    return b"".join(out) + directory + eocd


def _unzip(data: bytes) -> list[_Member]:
    """Members of a canonical container; anything else (one changed byte) is refused."""
    try:
        sig, _, _, n, total, cd_size, cd_offset, comment = struct.unpack("<IHHHHIIH", data[-22:])
        if sig != 0x06054B50 or n != len(MEMBERS) or total != n or comment:
            raise ExchangeError("bukan arsip .kpps (penutup ZIP tidak sesuai)")
        members, p = [], cd_offset
        for _ in range(n):
            (sig, _, _, _, method, _, _, crc, csize, usize, nlen, xlen, clen, _, _, _,
             local) = struct.unpack("<IHHHHHHIIIHHHHHII", data[p:p + 46])
            name = data[p + 46:p + 46 + nlen].decode("ascii", "replace")
            if sig != 0x02014B50 or name not in MEMBERS:
                raise ExchangeError(f"anggota arsip tidak dikenal: {name!r}")
            if method != _METHOD or usize > MAX_MEMBER_BYTES or usize > max(csize, 1) * MAX_RATIO + 4096:
                raise ExchangeError(f"anggota {name} terlalu besar atau rasio kompresinya mencurigakan "
                                    "(bom dekompresi?)")
            lnlen, lxlen = struct.unpack("<HH", data[local + 26:local + 30])
            start = local + 30 + lnlen + lxlen
            if start + csize > cd_offset:
                raise ExchangeError(f"anggota {name} melewati batas arsip")
            members.append(_Member(name, data[start:start + csize], crc, usize))
            p += 46 + nlen + xlen + clen
    except (struct.error, IndexError) as exc:
        raise ExchangeError("arsip terpotong atau rusak") from exc
    if [m.name for m in members] != list(MEMBERS):
        raise ExchangeError("urutan anggota arsip tidak sesuai format")
    if _zip(members) != data:
        raise ExchangeError("struktur arsip telah diubah (tidak sama dengan bentuk bakunya)")
    return members


def _inflate(member: _Member, max_line: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """The member's lines (without newline), inflated in bounded steps; checks size and CRC."""
    for lines in _inflate_chunks(member, max_line):
        yield from lines


def _inflate_chunks(member: _Member, max_line: int = MAX_LINE_BYTES, digest=None) -> Iterator[list[bytes]]:
    """The member's lines per inflated step (at most 1 MiB); digest.update() sees every byte.

    Chunks, not lines, because a national import has tens of millions of lines: per-line
    Python work (hashing, counting) is what the import's time is made of.
    """
    d = zlib.decompressobj(-15)
    produced, crc, rest = 0, 0, b""
    raw = member.raw
    try:
        for i in range(0, len(raw) or 1, 1 << 16):
            chunk = raw[i:i + (1 << 16)]
            while True:
                out = d.decompress(chunk, 1 << 20)
                chunk = d.unconsumed_tail
                produced += len(out)
                if produced > member.size:
                    raise ExchangeError(f"anggota {member.name} lebih besar dari yang tercatat")
                crc = zlib.crc32(out, crc)
                if digest is not None:
                    digest.update(out)
                lines = (rest + out).split(b"\n")
                rest = lines.pop()
                if len(rest) > max_line:
                    raise ExchangeError(f"baris terlalu panjang di {member.name}")
                if lines:
                    yield lines
                if not chunk:
                    break
        tail = d.flush()
    except zlib.error as exc:
        raise ExchangeError(f"data {member.name} rusak ({exc})") from exc
    if tail or not d.eof or d.unused_data or produced != member.size or crc != member.crc:
        raise ExchangeError(f"data {member.name} rusak (ukuran atau CRC tidak cocok)")
    if rest:
        raise ExchangeError(f"{member.name} tidak diakhiri baris baru (terpotong?)")


def _deflate(lines: Iterable[bytes], name: str) -> tuple[_Member, str, int]:
    """(member, sha256 hex, line count) of lines joined with newlines."""
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    parts, crc, size, count, h = [], 0, 0, 0, hashlib.sha256()
    buf: list[bytes] = []
    for line in lines:
        buf.append(line)
        count += 1
        if len(buf) >= 2000:
            data = b"\n".join(buf) + b"\n"
            buf = []
            parts.append(c.compress(data))
            crc, size = zlib.crc32(data, crc), size + len(data)
            h.update(data)
    if buf:
        data = b"\n".join(buf) + b"\n"
        parts.append(c.compress(data))
        crc, size = zlib.crc32(data, crc), size + len(data)
        h.update(data)
    parts.append(c.flush())
    return _Member(name, b"".join(parts), crc, size), h.hexdigest(), count


def _line(values: Iterable, columns: tuple[str, ...]) -> bytes:
    # One canonical encoding, so an origin device's attendance digest survives re-export.
    return json.dumps(dict(zip(columns, values)), ensure_ascii=False, separators=(",", ":")).encode()


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


def _stamp_ok(v) -> bool:
    if type(v) is not str or len(v) > 40 or not v[:4].isdigit():
        return False
    try:
        _dt.datetime.fromisoformat(v)
    except ValueError:
        return False
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
                   "id?", "stamp"),
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
    exec("\n".join(body), env)  # noqa: S102 - source built only from the constants above
    return env["check"]


_VALIDATORS = {t: _compile(t) for t in COLUMNS}


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
        else:  # repeated values (times, dates, regions, codes): each distinct one once
            one = eval(f"lambda v: {_KINDS[base]}", env)  # noqa: S307 - constant source

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
        except TypeError:  # an unhashable or non-text value where text belongs
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


def _record(table: str, line: bytes) -> tuple:
    return _VALIDATORS[table](_decode(line))


def _records(table: str, lines: list[bytes]) -> list[tuple]:
    """Validated rows of a batch of lines: one JSON parse for the batch, line by line on error."""
    try:
        objs = _DECODER.decode("[" + b",".join(lines).decode("utf-8") + "]")
        if len(objs) != len(lines):
            raise ValueError("jumlah")
    except (ValueError, UnicodeDecodeError):
        objs = [_decode(line) for line in lines]  # raises for the first bad line
    rows = _BATCH_VALIDATORS[table](objs)
    if rows is None:
        check = _VALIDATORS[table]
        rows = [check(o) for o in objs]  # raises _Invalid for the first bad record
    return rows


# --- manifests ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Manifest:
    raw: bytes
    sha256: str
    device_id: str
    role: str
    wilayah: str
    public_key: bytes
    scope: str
    created_at: str
    members: dict  # name -> {"sha256", "size", "count"}
    devices: list  # [{"device_id", "count", "seq_min", "seq_max", "digest"}]

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.public_key)


def _parse_manifest(raw: bytes, *, full: bool) -> Manifest:
    """A manifest's fields, checked; `full` for the file's own (with members), not a carried one."""
    try:
        m = json.loads(raw.decode("ascii"), parse_constant=_no_constants)
        if m.get("format") != FORMAT:
            raise ExchangeError("bukan berkas serah terima Presensi KPPS")
        if m.get("version") != VERSION:
            if isinstance(m.get("version"), int) and m["version"] > VERSION:
                raise ExchangeError(f"berkas dibuat oleh versi aplikasi yang lebih baru (format "
                                    f"{m['version']}, aplikasi ini {VERSION}); perbarui aplikasi")
            raise ExchangeError(f"versi format {m.get('version')!r} tidak dikenal")
        dev = m["device"]
        _id(dev["id"])
        if dev["role"] not in installation.ROLE_LEVEL:
            raise _Invalid("peran pengirim tidak dikenal")
        _region(dev["wilayah"])
        _region(m["scope"])
        _stamp(m["created_at"])
        public = bytes.fromhex(dev["public_key"])
        if len(public) != 32:
            raise _Invalid("kunci publik tidak valid")
        devices = m["devices"]
        for d in devices:
            _id(d["device_id"])
            for k in ("count", "seq_min", "seq_max"):
                _int(0, 2**62)(d[k])
            if not re.fullmatch(r"[0-9a-f]{64}", d["digest"]):
                raise _Invalid("ringkasan tidak valid")
        members = m["members"] if full else {}
        if full:
            if set(members) != set(MEMBERS[2:]):
                raise _Invalid("daftar anggota tidak sesuai")
            for info in members.values():
                _int(0, MAX_MEMBER_BYTES)(info["size"])
                _int(0, 2**40)(info["count"])
                if not re.fullmatch(r"[0-9a-f]{64}", info["sha256"]):
                    raise _Invalid("hash anggota tidak valid")
    except ExchangeError:
        raise
    except (_Invalid, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise ExchangeError(f"manifest tidak sah ({exc})") from None
    return Manifest(raw, hashlib.sha256(raw).hexdigest(), dev["id"], dev["role"], dev["wilayah"],
                    public, m["scope"], m["created_at"], members, devices)


def _verified_manifest(raw: bytes, signature: bytes, *, full: bool) -> Manifest:
    manifest = _parse_manifest(raw, full=full)
    if not keys.verify(manifest.public_key, signature, raw):
        raise ExchangeError(f"tanda tangan perangkat {manifest.device_id[:8]} tidak sah "
                            "(isi berkas diubah atau dipalsukan)")
    return manifest


# --- export --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    size: int
    scope: str
    created_at: str
    device_id: str
    role: str
    fingerprint: str
    counts: dict[str, int]
    encrypted_for: crypt.Recipient | None = None

    @property
    def encryption_text(self) -> str:
        r = self.encrypted_for
        if r is None:
            return "TIDAK terenkripsi: siapa pun yang memegang berkas dapat membacanya"
        return f"terenkripsi untuk {r.label} (sidik jari kunci {r.fingerprint})"

    def receipt(self) -> str:
        """The handover receipt (berita acara serah terima) as plain text for printing."""
        lines = [
            "BERITA ACARA SERAH TERIMA DATA PRESENSI KPPS",
            "",
            f"Wilayah      : {self.scope} {wilayah.name(self.scope)}",
            f"Pengirim     : {self.role.upper()}, perangkat {self.device_id}",
            f"Sidik jari   : {self.fingerprint}",
            f"Dibuat       : {_dt.datetime.fromisoformat(self.created_at).astimezone().isoformat(timespec='seconds')}",
            f"Berkas       : {self.path.name} ({self.size} bita)",
            f"SHA-256      : {self.sha256}",
            f"Enkripsi     : {self.encryption_text}",
            "",
            "Isi:",
            *(f"  {_LABELS[t]:<22}{self.counts[t]:>8}" for t in TABLES),
            "",
            "Yang menyerahkan,                         Yang menerima,",
            "",
            "",
            "(..........................)              (..........................)",
        ]
        return "\n".join(lines)


_LABELS = {"officers": "Petugas", "sessions": "Sesi", "session_officers": "Peserta sesi",
           "cards": "Kartu", "card_revocations": "Pencabutan kartu", "attendance": "Catatan presensi"}


def _within_sql(column: str) -> str:
    return f"({column} = :scope OR {column} LIKE :scope || '.%')"


def _export_queries(scope: str) -> dict[str, str]:
    """SQL per table for the records a scope carries (see docs: what a file holds)."""
    officer_in = f"SELECT id FROM officers WHERE {_within_sql('desa')}"
    session_in = (
        "SELECT id FROM sessions WHERE (scope_kind <> 'officers' AND "
        f"({_within_sql('scope')} OR :scope = scope OR :scope LIKE scope || '.%')) "
        f"OR id IN (SELECT session_id FROM session_officers WHERE officer_id IN ({officer_in})) "
        f"OR id IN (SELECT session_id FROM attendance WHERE officer_id IN ({officer_in}))")
    cols = {t: ", ".join(c) for t, c in COLUMNS.items()}
    return {
        "officers": f"SELECT {cols['officers']} FROM officers WHERE {_within_sql('desa')} ORDER BY id",
        "sessions": f"SELECT {cols['sessions']} FROM sessions WHERE id IN ({session_in}) ORDER BY id",
        "session_officers": f"SELECT {cols['session_officers']} FROM session_officers WHERE "
                            f"officer_id IN ({officer_in}) ORDER BY session_id, officer_id",
        "cards": f"SELECT {cols['cards']} FROM cards WHERE officer_id IN ({officer_in}) ORDER BY code",
        "card_revocations": f"SELECT {cols['card_revocations']} FROM card_revocations WHERE "
                            f"officer_id IN ({officer_in}) ORDER BY id",
        "attendance": f"SELECT {cols['attendance']} FROM attendance WHERE officer_id IN ({officer_in}) "
                      "OR (officer_id IS NULL AND session_id IN (SELECT id FROM sessions WHERE "
                      f"scope_kind <> 'officers' AND {_within_sql('scope')})) ORDER BY device_id, seq",
    }


def _attendance_lines(db, sql: str, scope: str, devices: dict, seqs: dict) -> Iterator[bytes]:
    """Attendance lines, noting per device the count, seq range, digest and the seqs carried."""
    columns = COLUMNS["attendance"]
    dev_i, seq_i = columns.index("device_id"), columns.index("seq")
    for row in db.conn.execute(sql, {"scope": scope}):
        line = _line(row, columns)
        d = devices.get(row[dev_i])
        if d is None:
            d = devices[row[dev_i]] = {"count": 0, "seq_min": row[seq_i], "seq_max": 0,
                                       "hash": hashlib.sha256()}
            seqs[row[dev_i]] = []
        d["count"] += 1
        d["seq_max"] = row[seq_i]
        d["hash"].update(line + b"\n")
        seqs[row[dev_i]].append(row[seq_i])
        yield line


def _carried(db, own: str, seqs: dict[str, list[int]]) -> list[bytes]:
    """Stored origin manifests whose attendance this file carries in full (provenance)."""
    import bisect

    out = []
    for raw, signature, device in db.conn.execute(
            "SELECT manifest, signature, device_id FROM signed_manifests ORDER BY sha256"):
        if device == own:
            continue
        manifest = _parse_manifest(raw, full=False)
        entries = manifest.devices
        if not entries:
            continue
        complete = all(
            bisect.bisect_right(seqs.get(e["device_id"], []), e["seq_max"])
            - bisect.bisect_left(seqs.get(e["device_id"], []), e["seq_min"]) == e["count"]
            for e in entries)
        if complete:
            out.append(_line((raw.decode("ascii"), signature.hex()), ("manifest", "signature")))
    return out


def build(db: sqlite_utils.Database, scope: str | None = None, *, now: _dt.datetime | None = None,
          progress: Progress | None = None) -> tuple[bytes, Manifest, dict[str, int]]:
    """The bytes of a signed handover file for the scope (default: the installation's region)."""
    inst = installation.require(db)
    scope = wilayah.normalize_code(scope) if scope else inst.wilayah
    if wilayah.get(scope) is None:
        raise ExchangeError(f"Kode wilayah '{scope}' tidak dikenal.")
    if not inst.covers(scope):
        raise ExchangeError(f"{scope} ({wilayah.name(scope)}) berada di luar wilayah instalasi ini "
                            f"({inst.wilayah} {inst.wilayah_name}).")
    public = keys.public_key(db)
    encryption_key = keys.encryption_keypair(db)[1]  # offices below encrypt their files up to it
    queries = _export_queries(scope)
    hashes, counts = {}, {}
    devices: dict[str, dict] = {}
    seqs: dict[str, list[int]] = {}
    if progress is not None:
        progress.set_total(len(TABLES), "Menyiapkan berkas serah terima…")
    record_members = []
    # One read transaction, so the records and their counts are one consistent snapshot.
    with db.atomic():
        for table in TABLES:
            name = f"records/{table}.jsonl"
            if table == "attendance":
                lines = _attendance_lines(db, queries[table], scope, devices, seqs)
            else:
                lines = (_line(r, COLUMNS[table]) for r in db.conn.execute(queries[table], {"scope": scope}))
            member, digest, count = _deflate(lines, name)
            record_members.append(member)
            hashes[name] = {"sha256": digest, "size": member.size, "count": count}
            counts[table] = count
            if progress is not None:
                progress.tick(message=_LABELS[table])
        carried = _carried(db, inst.device_id, seqs)
    prov, digest, count = _deflate(carried, PROVENANCE)
    hashes[PROVENANCE] = {"sha256": digest, "size": prov.size, "count": count}
    created = (now or _dt.datetime.now(_dt.timezone.utc)).astimezone(_dt.timezone.utc)
    data, raw = assemble(
        [prov] + record_members, hashes,
        [{"device_id": dev, "count": d["count"], "seq_min": d["seq_min"], "seq_max": d["seq_max"],
          "digest": d["hash"].hexdigest()} for dev, d in sorted(devices.items())],
        device={"id": inst.device_id, "role": inst.role, "wilayah": inst.wilayah, "public_key": public.hex(),
                "encryption_key": encryption_key.hex()},
        scope=scope, created_at=created.isoformat(timespec="seconds"), sign=lambda b: keys.sign(db, b))
    return data, _parse_manifest(raw, full=True), counts


def assemble(members: list[_Member], hashes: dict, devices: list[dict], *, device: dict, scope: str,
             created_at: str, sign) -> tuple[bytes, bytes]:
    """(file bytes, manifest bytes): the manifest over the deflated members, signed, in the container.

    members are provenance and the record members in MEMBERS order; hashes maps their names to
    {sha256, size, count}; devices lists per origin device {device_id, count, seq_min, seq_max,
    digest} of the attendance lines; sign(bytes) -> 64-byte Ed25519 signature.
    """
    manifest = {"format": FORMAT, "version": VERSION, "app": f"kpps-desktop {__version__}",
                "device": device, "scope": scope, "created_at": created_at, "members": hashes,
                "devices": devices}
    raw = json.dumps(manifest, ensure_ascii=True, sort_keys=True, indent=1).encode("ascii") + b"\n"
    head = [_deflate_bytes(MANIFEST, raw), _deflate_bytes(SIGNATURE, sign(raw).hex().encode("ascii"))]
    return _zip(head + members), raw


def _deflate_bytes(name: str, data: bytes) -> _Member:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return _Member(name, c.compress(data) + c.flush(), zlib.crc32(data), len(data))


def write_atomic(path: Path, data: bytes) -> None:
    """The app's one write path (core/fileio.py): nothing half-written stays under the name."""
    fileio.write_bytes(path, data)


def export(db: sqlite_utils.Database, out: Path | str, scope: str | None = None, *,
           now: _dt.datetime | None = None, progress: Progress | None = None,
           encrypt: bool | crypt.Recipient = True) -> ExportResult:
    """Write a handover file atomically, then read it back and verify it before reporting success.

    encrypt=True seals the file for the office directly above when its key is known
    (crypt.default_recipient), a Recipient seals it for that office, False leaves it plain.
    """
    out = Path(out)
    if out.suffix.lower() != SUFFIX:
        out = out.with_name(out.name + SUFFIX)
    data, manifest, counts = build(db, scope, now=now, progress=progress)
    recipient = crypt.default_recipient(db, manifest.scope) if encrypt is True else (encrypt or None)
    payload = crypt.encrypt(data, recipient.public_key) if recipient else data
    write_atomic(out, payload)
    try:
        back = out.read_bytes()
        if back != payload:
            raise ExchangeError("isi yang terbaca berbeda dari yang ditulis")
        verify_bytes(data)
    except (OSError, ExchangeError) as exc:
        try:
            out.unlink()
        except OSError:
            pass
        raise ExchangeError(f"Berkas {out.name} gagal diperiksa setelah ditulis ({exc}); berkas "
                            "dihapus. Coba diska lain.") from exc
    inst = installation.require(db)
    sha256 = hashlib.sha256(payload).hexdigest()
    audit.exported(db, "serah_terima", out, sum(counts.values()), manifest.scope, sha256=sha256,
                   encrypted=recipient is not None)
    return ExportResult(out, sha256, len(payload), manifest.scope, manifest.created_at, inst.device_id,
                        inst.role, manifest.fingerprint, counts, recipient)


# --- reading and verification ---------------------------------------------------------------

@dataclass
class _Package:
    manifest: Manifest
    members: dict[str, _Member]


def _open_package(data: bytes) -> _Package:
    """Container structure, manifest and signature; the records are checked while reading them."""
    if len(data) > MAX_FILE_BYTES:
        raise ExchangeError(f"berkas lebih besar dari batas {MAX_FILE_BYTES // 2**20} MiB")
    members = {m.name: m for m in _unzip(data)}
    head = members[MANIFEST]
    if head.size > MAX_MANIFEST_BYTES or members[SIGNATURE].size != 128:
        raise ExchangeError("manifest atau tanda tangan berukuran tidak wajar")
    raw = b"\n".join(_inflate(head, MAX_MANIFEST_BYTES)) + b"\n"
    try:
        signature = bytes.fromhex(b"".join(_inflate_raw(members[SIGNATURE])).decode("ascii"))
    except ValueError:
        raise ExchangeError("tanda tangan tidak terbaca") from None
    manifest = _verified_manifest(raw, signature, full=True)
    for name, info in manifest.members.items():
        if members[name].size != info["size"]:
            raise ExchangeError(f"ukuran {name} tidak sesuai manifest")
    return _Package(manifest, members)


def _inflate_raw(member: _Member) -> Iterator[bytes]:
    """A member without line structure (the signature: hex, no newline)."""
    data = zlib.decompressobj(-15)
    try:
        out = data.decompress(member.raw, member.size + 1)
    except zlib.error as exc:
        raise ExchangeError(f"data {member.name} rusak") from exc
    if len(out) != member.size or not data.eof or data.unused_data or zlib.crc32(out) != member.crc:
        raise ExchangeError(f"data {member.name} rusak")
    yield out


def _member_records(package: _Package, name: str, max_line: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """Lines of a member; after the last one, its hash and count are checked against the manifest."""
    for lines in _member_chunks(package, name, max_line):
        yield from lines


def _member_chunks(package: _Package, name: str, max_line: int = MAX_LINE_BYTES) -> Iterator[list[bytes]]:
    """_member_records in chunks of lines (the member's hash covers exactly the inflated bytes)."""
    info = package.manifest.members[name]
    h = hashlib.sha256()
    count = 0
    for lines in _inflate_chunks(package.members[name], max_line, h):
        count += len(lines)
        yield lines
    if h.hexdigest() != info["sha256"]:
        raise ExchangeError(f"hash {name} tidak cocok dengan manifest (isi diubah)")
    if count != info["count"]:
        raise ExchangeError(f"jumlah rekaman {name} tidak cocok dengan manifest")


def verify_bytes(data: bytes) -> Manifest:
    """Full check of a file without a database: structure, signature, hashes, every record."""
    package = _open_package(data)
    for line in _member_records(package, PROVENANCE, MAX_MANIFEST_BYTES * 3):
        _provenance_entry(line)
    for table in TABLES:
        for _ in _batches(package, table):
            pass
    return package.manifest


def _provenance_entry(line: bytes) -> Manifest:
    try:
        obj = json.loads(line)
        if type(obj) is not dict or obj.keys() != {"manifest", "signature"}:
            raise ValueError("kolom tidak sesuai")
        raw = obj["manifest"].encode("ascii")
        signature = bytes.fromhex(obj["signature"])
    except (ValueError, AttributeError, TypeError) as exc:
        raise ExchangeError(f"provenance tidak sah ({exc})") from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ExchangeError("manifest asal terlalu besar")
    return _verified_manifest(raw, signature, full=False)


# --- import and merge ----------------------------------------------------------------------

@dataclass
class TableCounts:
    new: int = 0
    duplicate: int = 0  # already here, identical
    conflict: int = 0  # already here, different: resolved by the documented rule
    applied: int = 0  # conflicts where the incoming version won


@dataclass
class ImportReport:
    path: Path
    status: str  # 'imported', 'preview', 'already', 'refused'
    reason: str | None = None
    file_hash: str | None = None
    device_id: str | None = None
    role: str | None = None
    wilayah: str | None = None
    scope: str | None = None
    created_at: str | None = None
    fingerprint: str | None = None
    new_device: bool = False
    encrypted: bool = False  # it arrived encrypted for this office (crypt.py)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != "refused"

    @property
    def desa(self) -> list[str]:
        return [w.kode for w in wilayah.descendants(self.scope, "desa")] if self.scope and \
            wilayah.level_of(self.scope) != "desa" else ([self.scope] if self.scope else [])

    def as_json(self) -> dict:
        out = dataclasses.asdict(self)
        out["path"] = str(self.path)
        out["scope_name"] = wilayah.name(self.scope) if self.scope else None
        return out

    def summary(self) -> str:
        """One line for people: which region, new records, duplicates skipped, conflicts."""
        if self.status == "refused":
            return f"{self.path.name}: DITOLAK: {self.reason}"
        who = (f"{self.role.upper()} {wilayah.name(self.wilayah)}, perangkat {self.device_id[:8]} "
               f"(sidik jari {self.fingerprint}); wilayah berkas {self.scope} {wilayah.name(self.scope)}")
        if self.status == "already":
            return f"{self.path.name}: sudah pernah diimpor ({who}); tidak ada perubahan."
        verb = "pratinjau" if self.status == "preview" else "diimpor"
        c = self.counts
        parts = [f"{_LABELS[t].lower()} {c[t].new} baru" for t in TABLES if t in c and (c[t].new or t in
                 ("officers", "attendance"))]
        dup = sum(x.duplicate for x in c.values())
        conflicts = sum(x.conflict for x in c.values())
        return (f"{self.path.name}: {verb} dari {who}: {', '.join(parts)}; {dup} duplikat dilewati; "
                f"{conflicts} konflik diselesaikan")


class _Preview(Exception):
    pass


def _stage_ddl(table: str) -> str:
    cols = ", ".join(COLUMNS[table])
    extra = ", UNIQUE (device_id, seq)" if table == "attendance" else ""
    return (f"CREATE TEMP TABLE x_{table} ({cols}, PRIMARY KEY ({', '.join(KEYS[table])}){extra})")


def _drop_stage(db) -> None:
    for table in TABLES:
        db.conn.execute(f"DROP TABLE IF EXISTS temp.x_{table}")


def _trust_check(db, m: Manifest, own: str, own_key: bytes, vouched_by: str | None) -> bool:
    """Refuse a known device with another key; returns True when the device is new here."""
    if m.device_id == own:
        if m.public_key != own_key:
            raise ExchangeError(f"berkas mengaku dari perangkat ini ({own[:8]}) tetapi kuncinya lain; "
                                "kemungkinan database disalin atau berkas dipalsukan")
        return False
    known = keys.trusted(db, m.device_id)
    if known is None:
        return True
    if known.public_key != m.public_key:
        raise ExchangeError(
            f"PERINGATAN: perangkat {m.device_id[:8]} ({m.role.upper()} {m.wilayah}) sudah dikenal "
            f"dengan sidik jari {known.fingerprint}, tetapi berkas ini ditandatangani kunci lain "
            f"({m.fingerprint}). Berkas ditolak; hubungi pengirim.")
    return False


def import_file(db: sqlite_utils.Database, path: Path | str, *, trust_new: bool = False,
                commit: bool = True, any_scope: bool = False,
                progress: Progress | None = None) -> ImportReport:
    """Verify a handover file and merge it in one transaction: all or nothing.

    commit=False is the preview: everything is checked and counted, then rolled back. A file
    from a device never seen before is refused unless trust_new (the CLI's --trust-new, the
    GUI's confirmation). any_scope lifts the "file within this installation's region" rule (for
    aggregation above kabupaten level, e.g. the national benchmark). Never raises for a bad
    file: the report says 'refused' with the reason.
    """
    path = Path(path)
    report = ImportReport(path, "refused")
    try:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ExchangeError(f"berkas lebih besar dari batas {MAX_FILE_BYTES // 2**20} MiB")
            data = path.read_bytes()
        except OSError as exc:
            raise ExchangeError(f"berkas tidak dapat dibaca ({exc.strerror or exc})") from exc
        report.file_hash = hashlib.sha256(data).hexdigest()
        if crypt.is_encrypted(data):
            try:
                data, report.encrypted = crypt.open_here(db, data), True
            except crypt.CryptError as exc:
                raise ExchangeError(str(exc)) from None
        package = _open_package(data)
        del data
        m = package.manifest
        report.device_id, report.role, report.wilayah = m.device_id, m.role, m.wilayah
        report.scope, report.created_at, report.fingerprint = m.scope, m.created_at, m.fingerprint
        inst = installation.require(db)
        if not any_scope and not inst.covers(m.scope):
            raise ExchangeError(
                f"berkas mencakup {m.scope} ({wilayah.name(m.scope)}), di luar wilayah instalasi ini "
                f"({inst.wilayah} {inst.wilayah_name}); minta pengirim mengekspor dengan --scope "
                f"{inst.wilayah}")
        if db.conn.execute("SELECT 1 FROM imports WHERE file_hash = ?", (report.file_hash,)).fetchone():
            report.status = "already"
            return report
        with sessions.write_transaction(db):
            try:
                _merge(db, package, report, inst, trust_new=trust_new, preview=not commit,
                       any_scope=any_scope, progress=progress)
            finally:
                _drop_stage(db)
            if not commit:
                raise _Preview
            audit.record(db, "import", "serah_terima", report.scope, sum(c.new for c in report.counts.values()),
                         {"file": str(path), "sha256": report.file_hash, "device_id": report.device_id})
            tally.refresh(db)  # the recap counts of what this file changed, in the same transaction
        report.status = "imported"
    except _Preview:
        report.status = "preview"
    except ExchangeError as exc:
        report.status, report.reason = "refused", str(exc)
    except installation.InstallationError as exc:
        report.status, report.reason = "refused", str(exc)
    except sqlite3.IntegrityError as exc:
        report.status, report.reason = "refused", f"data bertentangan dengan database ({exc})"
    return report


def _merge(db, package: _Package, report: ImportReport, inst, *, trust_new: bool, preview: bool,
           any_scope: bool, progress: Progress | None) -> None:
    m = package.manifest
    own_key = keys.public_key(db)
    new_devices: dict[str, tuple[Manifest, str | None]] = {}
    if _trust_check(db, m, inst.device_id, own_key, None):
        others = [t for t in keys.trusted_for(db, m.role, m.wilayah)]
        if others:
            report.warnings.append(
                f"{m.role.upper()} {m.wilayah} sudah punya perangkat terpercaya "
                f"{', '.join(t.device_id[:8] for t in others)}; berkas ini dari perangkat lain "
                f"({m.device_id[:8]}, sidik jari {m.fingerprint}). Pastikan ini meja kedua, bukan palsu.")
        if not trust_new and not preview:
            raise ExchangeError(
                f"perangkat baru {m.device_id[:8]} ({m.role.upper()} {m.wilayah} {wilayah.name(m.wilayah)}), "
                f"sidik jari {m.fingerprint}. Cocokkan sidik jari dengan pengirim, lalu ulangi dengan "
                "--trust-new")
        report.new_device = True
        new_devices[m.device_id] = (m, None)
    # Provenance: origin manifests carried by a PPK; each is checked against its own signer.
    origins = [m]
    for line in _member_records(package, PROVENANCE, MAX_MANIFEST_BYTES * 3):
        carried = _provenance_entry(line)
        if _trust_check(db, carried, inst.device_id, own_key, m.device_id):
            previous = new_devices.get(carried.device_id)
            if previous and previous[0].public_key != carried.public_key:
                raise ExchangeError(f"dua kunci berbeda untuk perangkat {carried.device_id[:8]}")
            new_devices.setdefault(carried.device_id, (carried, m.device_id))
        origins.append(carried)
    for table in TABLES:
        db.conn.execute(_stage_ddl(table))
    _stage(db, package, m, origins, any_scope, progress)
    _check_references(db)
    db.conn.execute("PRAGMA defer_foreign_keys = ON")
    report.counts = {t: TableCounts() for t in TABLES}
    _merge_versioned(db, "officers", report.counts["officers"])
    _merge_versioned(db, "sessions", report.counts["sessions"])
    _merge_set(db, "session_officers", report.counts["session_officers"])
    _merge_immutable(db, "card_revocations", report.counts["card_revocations"])
    _merge_cards(db, report.counts["cards"])
    _merge_immutable(db, "attendance", report.counts["attendance"])
    for device, (carried, vouched_by) in new_devices.items():
        keys.trust(db, device, carried.role, carried.wilayah, carried.public_key, vouched_by)
    db.conn.executemany(
        "INSERT INTO signed_manifests (sha256, device_id, role, wilayah, created_at, manifest, signature) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(o.sha256, o.device_id, o.role, o.wilayah, o.created_at, o.raw,
          _signature_of(package, o)) for o in origins])
    db.conn.execute(
        "INSERT INTO imports (id, file_hash, manifest_sha256, device_id, at, counts) VALUES (?, ?, ?, ?, ?, ?)",
        (dbmod.new_id(), report.file_hash, m.sha256, m.device_id, dbmod.utc_now(),
         json.dumps({t: dataclasses.asdict(c) for t, c in report.counts.items()})))


def _signature_of(package: _Package, manifest: Manifest) -> bytes:
    if manifest is package.manifest:
        return bytes.fromhex(b"".join(_inflate_raw(package.members[SIGNATURE])).decode("ascii"))
    for line in _inflate(package.members[PROVENANCE], MAX_MANIFEST_BYTES * 3):
        obj = json.loads(line)
        if obj["manifest"].encode("ascii") == manifest.raw:
            return bytes.fromhex(obj["signature"])
    raise AssertionError("manifest asal hilang")


def _stage(db, package: _Package, m: Manifest, origins: list[Manifest], any_scope: bool,
           progress: Progress | None) -> None:
    """Parse and validate every record into temp tables (the real tables are not touched)."""
    # Per origin device: the signed (seq range, count, digest) entries to recompute.
    expected: dict[str, list[list]] = {}
    for o in origins:
        for e in o.devices:
            expected.setdefault(e["device_id"], []).append([e, hashlib.sha256(), 0, o])
    if progress is not None:
        progress.set_total(sum(i["count"] for i in m.members.values()), "Memeriksa dan menggabungkan…")
    for table in TABLES:
        name = f"records/{table}.jsonl"
        sql = f"INSERT INTO x_{table} VALUES ({', '.join('?' * len(COLUMNS[table]))})"
        last = ("", 0)
        for first, lines, rows in _batches(package, table):
            if table == "officers" and not any_scope:
                outside = {d for d in {row[8] for row in rows} if not wilayah.is_within(d, m.scope)}
                if outside:
                    i, desa = next((i, row[8]) for i, row in enumerate(rows) if row[8] in outside)
                    raise ExchangeError(f"{name} baris {first + i}: petugas desa {desa} di luar "
                                        f"cakupan berkas ({m.scope})")
            if table == "attendance":
                last = _check_order(rows, last, first, name)
                _digest_devices(expected, lines, rows)
            _insert_stage(db, sql, rows, name)
            if progress is not None:
                progress.tick(len(rows))
    for device, entries in expected.items():
        for e, h, n, origin in entries:
            if n != e["count"] or h.hexdigest() != e["digest"]:
                raise ExchangeError(
                    f"catatan presensi perangkat {device[:8]} tidak cocok dengan yang ditandatangani "
                    f"perangkat {origin.device_id[:8]} ({n} dari {e['count']}); berkas diubah di jalan")


def _check_order(rows: list[tuple], last: tuple, first: int, name: str) -> tuple:
    """Attendance strictly ascending by (device_id, seq), also across batches; returns the last key."""
    keys = [(row[6], row[7]) for row in rows]
    if not (last < keys[0] and all(map(operator.lt, keys, keys[1:]))):
        i = next(i for i, key in enumerate(keys) if key <= (keys[i - 1] if i else last))
        raise ExchangeError(f"{name} baris {first + i}: urutan (perangkat, nomor urut) tidak naik")
    return keys[-1]


def _digest_devices(expected: dict[str, list[list]], lines: list[bytes], rows: list[tuple]) -> None:
    """Feed each signed (device, seq range) digest the lines it covers, one slice per device run.

    The rows are sorted by (device_id, seq) (checked before), so a device's lines in a batch are
    one run and a seq range within it is one slice, found by bisection.
    """
    devices = [row[6] for row in rows]
    i = 0
    while i < len(rows):
        j = bisect.bisect_right(devices, devices[i], i)
        entries = expected.get(devices[i])
        if entries:
            seqs = [row[7] for row in rows[i:j]]
            for entry in entries:
                lo = i + bisect.bisect_left(seqs, entry[0]["seq_min"])
                hi = i + bisect.bisect_right(seqs, entry[0]["seq_max"])
                if hi > lo:
                    entry[1].update(b"\n".join(lines[lo:hi]) + b"\n")
                    entry[2] += hi - lo
        i = j


def _batches(package: _Package, table: str) -> Iterator[tuple[int, list[bytes], list[tuple]]]:
    """(first line number, lines, validated rows) per batch; ExchangeError names the bad line."""
    name = f"records/{table}.jsonl"
    lines: list[bytes] = []
    first = 1

    def rows() -> list[tuple]:
        try:
            return _records(table, lines)
        except _Invalid:
            for i, line in enumerate(lines):  # the slow path, only to name the line
                try:
                    _record(table, line)
                except _Invalid as exc:
                    raise ExchangeError(f"{name} baris {first + i}: {exc}") from None
            raise
    for chunk in _member_chunks(package, name):
        lines += chunk
        if len(lines) >= BATCH:
            yield first, lines, rows()
            first += len(lines)
            lines = []
    if lines:
        yield first, lines, rows()


def _insert_stage(db, sql: str, batch: list[tuple], name: str) -> None:
    try:
        db.conn.executemany(sql, batch)
    except sqlite3.IntegrityError:
        raise ExchangeError(f"{name}: rekaman ganda di dalam berkas") from None


def _check_references(db) -> None:
    """Every id a record points to is in the file or already here (the foreign keys)."""
    checks = (
        ("attendance", "session_id", "sessions", "id"),
        ("attendance", "officer_id", "officers", "id"),
        ("session_officers", "session_id", "sessions", "id"),
        ("session_officers", "officer_id", "officers", "id"),
        ("officers", "replaced_by", "officers", "id"),
        ("cards", "officer_id", "officers", "id"),
    )
    for table, column, target, key in checks:
        row = db.conn.execute(
            f"SELECT {column} FROM x_{table} x WHERE {column} IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM x_{target} WHERE {key} = x.{column}) "
            f"AND NOT EXISTS (SELECT 1 FROM main.{target} WHERE {key} = x.{column}) LIMIT 1").fetchone()
        if row:
            raise ExchangeError(f"{table} merujuk {target} …{row[0][-8:]} yang tidak ada di berkas "
                                "maupun di database")
    row = db.conn.execute(
        "SELECT x.nik, x.nama, o.nama FROM x_officers x JOIN main.officers o ON o.nik = x.nik "
        "AND o.id <> x.id LIMIT 1").fetchone()
    if row:
        from kpps_desktop.core import nik as nikmod
        raise ExchangeError(
            f"NIK {nikmod.mask(row[0])} ({row[1]}) sudah ada di database sebagai petugas lain ({row[2]}); "
            "daftar petugas berasal dari dua sumber berbeda. Impor dulu daftar dari KPU/PPK")


def _lww_key(table: str, row: tuple) -> tuple:
    """Last writer wins: (updated_at instant, device_id, then the content) decides, everywhere alike."""
    cols = COLUMNS[table]
    content = tuple("" if v is None else str(v) for c, v in zip(cols, row) if c != "closed_at")
    updated = _dt.datetime.fromisoformat(row[cols.index("updated_at")])
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=_dt.timezone.utc)
    return (updated, row[cols.index("device_id")], content)


def _merge_versioned(db, table: str, counts: TableCounts) -> None:
    """Officers and sessions: same id, different content -> the larger _lww_key wins.

    A session's closed_at is merged apart: the earliest close anywhere (closing is one-way).
    """
    cols = COLUMNS[table]
    n = len(cols)
    sel = ", ".join(f"x.{c}" for c in cols) + ", " + ", ".join(f"o.{c}" for c in cols)
    updates = []
    closed_i = cols.index("closed_at") if "closed_at" in cols else None
    for row in db.conn.execute(f"SELECT {sel} FROM x_{table} x JOIN main.{table} o ON o.id = x.id"):
        incoming, local = row[:n], row[n:]
        if incoming == local:
            counts.duplicate += 1
            continue
        counts.conflict += 1
        winner = list(max(incoming, local, key=lambda r: _lww_key(table, r)))
        if closed_i is not None:
            closes = [v for v in (incoming[closed_i], local[closed_i]) if v is not None]
            winner[closed_i] = min(closes, key=_instant) if closes else None
        if tuple(winner) != local:
            counts.applied += 1
            updates.append((*winner[1:], winner[0]))
    if updates:
        db.conn.executemany(f"UPDATE main.{table} SET {', '.join(c + ' = ?' for c in cols[1:])} WHERE id = ?",
                            updates)
    cur = db.conn.execute(f"INSERT INTO main.{table} ({', '.join(cols)}) SELECT {', '.join(cols)} "
                          f"FROM x_{table} x WHERE NOT EXISTS (SELECT 1 FROM main.{table} o WHERE o.id = x.id)")
    counts.new += cur.rowcount


def _instant(stamp: str) -> tuple:
    t = _dt.datetime.fromisoformat(stamp)
    return (t if t.tzinfo else t.replace(tzinfo=_dt.timezone.utc), stamp)


def _merge_set(db, table: str, counts: TableCounts) -> None:
    cols = ", ".join(COLUMNS[table])
    total = db.conn.execute(f"SELECT count(*) FROM x_{table}").fetchone()[0]
    cur = db.conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM x_{table} WHERE true "
                          "ON CONFLICT DO NOTHING")
    counts.new, counts.duplicate = cur.rowcount, total - cur.rowcount


def _merge_immutable(db, table: str, counts: TableCounts) -> None:
    """Records never edited (attendance events, revocations): same id must mean same content.

    Inserted first; only when some were already here (a repeat) are they compared, so the
    common case probes each index once. A conflict raises and the transaction rolls back.
    """
    _merge_set(db, table, counts)
    if not counts.duplicate:
        return
    cols = COLUMNS[table]
    differs = " OR ".join(f"x.{c} IS NOT o.{c}" for c in cols)
    bad = db.conn.execute(f"SELECT x.id FROM x_{table} x JOIN main.{table} o ON o.id = x.id "
                          f"WHERE {differs} LIMIT 1").fetchone()
    if bad:
        raise ExchangeError(f"{_LABELS[table]} …{bad[0][-8:]} sudah ada dengan isi berbeda; "
                            "catatan ini tidak boleh berubah")
    if table == "attendance":
        row = db.conn.execute(
            "SELECT x.device_id, x.seq FROM x_attendance x JOIN main.attendance a "
            "ON a.device_id = x.device_id AND a.seq = x.seq AND a.id <> x.id LIMIT 1").fetchone()
        if row:
            raise ExchangeError(f"perangkat {row[0][:8]} memakai nomor urut {row[1]} untuk dua catatan "
                                "berbeda (database disalin ke perangkat lain?)")


def _merge_cards(db, counts: TableCounts) -> None:
    """Cards by code; then per affected officer one live card (the earliest issued) is recomputed.

    A card is revoked at its earliest revocation record; other cards of an officer that are not
    revoked lose to the earliest issued (issued_at, code) and count as revoked when issued.
    """
    bad = db.conn.execute(
        "SELECT x.code FROM x_cards x JOIN main.cards o ON o.code = x.code WHERE "
        "x.officer_id IS NOT o.officer_id OR x.issued_at IS NOT o.issued_at OR x.device_id IS NOT o.device_id "
        "LIMIT 1").fetchone()
    if bad:
        raise ExchangeError(f"kartu {bad[0]} sudah ada untuk petugas lain")
    affected = [r[0] for r in db.conn.execute(
        "SELECT officer_id FROM x_cards UNION SELECT officer_id FROM x_card_revocations")]
    if not affected:
        return
    total = db.conn.execute("SELECT count(*) FROM x_cards").fetchone()[0]
    counts.new = db.conn.execute("SELECT count(*) FROM x_cards x WHERE NOT EXISTS "
                                 "(SELECT 1 FROM main.cards o WHERE o.code = x.code)").fetchone()[0]
    counts.duplicate = total - counts.new
    for officer in affected:
        rows = {r[0]: r for r in db.conn.execute(
            "SELECT code, officer_id, issued_at, device_id FROM main.cards WHERE officer_id = ? "
            "UNION SELECT code, officer_id, issued_at, device_id FROM x_cards WHERE officer_id = ?",
            (officer, officer))}
        if not rows:
            continue
        revoked = dict(db.conn.execute(
            "SELECT code, min(at) FROM main.card_revocations WHERE officer_id = ? GROUP BY code", (officer,)))
        live = [r for code, r in rows.items() if code not in revoked]
        keep = min(live, key=lambda r: (_instant(r[2]), r[0]))[0] if live else None
        final = [(code, o, issued, dev, None if code == keep else revoked.get(code, issued))
                 for code, (_, o, issued, dev) in rows.items()]
        db.conn.execute("DELETE FROM main.cards WHERE officer_id = ?", (officer,))
        db.conn.executemany("INSERT INTO main.cards (code, officer_id, issued_at, device_id, revoked_at) "
                            "VALUES (?, ?, ?, ?, ?)", final)


def import_files(db: sqlite_utils.Database, paths: Iterable[Path | str], *, trust_new: bool = False,
                 commit: bool = True, any_scope: bool = False, progress: Progress | None = None,
                 commit_records: int | None = None) -> list[ImportReport]:
    """Each file on its own, all or nothing per file; one refused file does not stop the others.

    Several files share one transaction, each in its own savepoint (a refused file rolls back
    only itself). The transaction commits every commit_records new records and before this
    returns, so an 'imported' report is durable when the caller sees it; a crash in between
    loses only the files since the last commit, and importing them again is harmless. Why: a
    commit writes every index page the files touched, and scattered ids (attendance checked in
    all over the country at once) touch nearly one page per record, so fewer commits write far
    less (docs/benchmarks-exchange.md).
    """
    paths = list(paths)
    if not commit or db.conn.in_transaction or len(paths) < 2:
        return [import_file(db, p, trust_new=trust_new, commit=commit, any_scope=any_scope, progress=progress)
                for p in paths]
    limit = COMMIT_RECORDS if commit_records is None else commit_records
    reports: list[ImportReport] = []
    pending: list[ImportReport] = []
    written = 0

    def finish() -> None:
        nonlocal pending, written
        try:
            if not db.conn.in_transaction and pending:  # rolled back under us: say so, never "imported"
                raise sqlite3.OperationalError("transaksi dibatalkan SQLite")
            if db.conn.in_transaction:
                db.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            db.conn.rollback()
            for r in pending:
                r.status, r.reason = "refused", f"gagal disimpan ke database ({exc}); impor ulang berkas ini"
        pending, written = [], 0

    with _bulk_settings(db):
        try:
            for path in paths:
                if not db.conn.in_transaction:
                    db.conn.execute("BEGIN IMMEDIATE")
                report = import_file(db, path, trust_new=trust_new, any_scope=any_scope, progress=progress)
                reports.append(report)
                if report.status == "imported":
                    pending.append(report)
                    written += sum(c.new + c.applied for c in report.counts.values())
                if written >= limit or not db.conn.in_transaction:
                    finish()
            finish()
        except BaseException:
            if db.conn.in_transaction:
                db.conn.rollback()
            raise
    return reports


@contextlib.contextmanager
def _bulk_settings(db) -> Iterator[None]:
    """A bigger page cache while several files import (bounded: it does not grow with the data)."""
    before = db.conn.execute("PRAGMA cache_size").fetchone()[0]
    wanted = -BULK_CACHE_KIB
    # Negative sizes are KiB, positive are pages; compare in KiB (pages of 4 KiB by default).
    if (-before if before < 0 else before * 4) < BULK_CACHE_KIB:
        db.conn.execute(f"PRAGMA cache_size = {wanted}")
    try:
        yield
    finally:
        db.conn.execute(f"PRAGMA cache_size = {before}")


# --- gap report ---------------------------------------------------------------------------

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
