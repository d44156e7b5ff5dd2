"""The canonical ZIP container of a .kpps file: members, deflate, bounded inflate, atomic write."""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kpps_desktop.core import fileio
from kpps_desktop.core.errors import InputError
from kpps_desktop.core.exchange.records import TABLES

FORMAT = "kpps-handover"
VERSION = 1
SUFFIX = ".kpps"

# Every file has exactly these members, in this order (an empty member is still present).
MANIFEST, SIGNATURE, PROVENANCE = "manifest.json", "signature", "provenance.jsonl"
MEMBERS = (MANIFEST, SIGNATURE, PROVENANCE, *(f"records/{t}.jsonl" for t in TABLES))

# Limits against hostile files: a USB stick may carry anything.
MAX_FILE_BYTES = 512 * 2**20
MAX_MEMBER_BYTES = 2 * 2**30  # uncompressed
MAX_MANIFEST_BYTES = 2**20
MAX_RATIO = 100  # uncompressed / compressed; real JSONL compresses 3-8x, bombs 1000x
MAX_LINE_BYTES = 64 * 2**10
BATCH = 5000

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
    # The final byte goes in alone, from a saved copy of the decompressor: its unused high bits
    # are checked afterwards (_padding_set). Bounds: 64 KiB of input per step.
    body = raw[:-1]
    steps = [body[i:i + (1 << 16)] for i in range(0, len(body), 1 << 16)] + [raw[-1:]]
    before, last_out = d, b""
    try:
        for step, chunk in enumerate(steps):
            if step == len(steps) - 1:
                before, last_out = d.copy(), b""
            while True:
                out = d.decompress(chunk, 1 << 20)
                chunk = d.unconsumed_tail
                produced += len(out)
                if produced > member.size:
                    raise ExchangeError(f"anggota {member.name} lebih besar dari yang tercatat")
                crc = zlib.crc32(out, crc)
                if step == len(steps) - 1:
                    last_out += out
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
    if raw and _padding_set(before, raw[-1], last_out):
        raise ExchangeError(_PADDING.format(name=member.name))
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



def _deflate_bytes(name: str, data: bytes) -> _Member:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return _Member(name, c.compress(data) + c.flush(), zlib.crc32(data), len(data))


def write_atomic(path: Path, data: bytes) -> None:
    """The app's one write path (core/fileio.py): nothing half-written stays under the name."""
    fileio.write_bytes(path, data)


def _inflate_raw(member: _Member) -> Iterator[bytes]:
    """A member without line structure (the signature: hex, no newline)."""
    data = zlib.decompressobj(-15)
    try:
        out = data.decompress(member.raw[:-1], member.size + 1)
        before = data.copy()
        last = data.decompress(member.raw[-1:], member.size + 1 - len(out))
        out += last
    except zlib.error as exc:
        raise ExchangeError(f"data {member.name} rusak") from exc
    if len(out) != member.size or not data.eof or data.unused_data or zlib.crc32(out) != member.crc:
        raise ExchangeError(f"data {member.name} rusak")
    if member.raw and _padding_set(before, member.raw[-1], last):
        raise ExchangeError(_PADDING.format(name=member.name))
    yield out


_PADDING = "data {name} telah diubah (bit pengisi deflate tidak nol: bukan bentuk baku yang ditulis aplikasi)"


def _padding_set(before, last: int, expected: bytes) -> bool:
    """True when a set bit of a member's final byte is unused by the deflate stream.

    The stream ends mid-byte; zlib fills the rest with zero bits. Flipping one of those bits
    changes the file but not its content, so the manifest's content hashes cannot see it: a
    canonical container has them zero (issue #15). `before` is the decompressor just before the
    final byte; a bit is unused when clearing it still ends the stream with the same output.
    """
    for bit in range(8):
        if not last & (1 << bit):
            continue
        trial = before.copy()
        try:
            out = trial.decompress(bytes([last & ~(1 << bit)]))
        except zlib.error:
            continue
        if trial.eof and not trial.unused_data and out == expected:
            return True
    return False


