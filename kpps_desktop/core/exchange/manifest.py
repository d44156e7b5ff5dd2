"""The signed manifest: parsing, verification, assembling a file, reading its members."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kpps_desktop import __version__
from kpps_desktop.core import (
    installation,
    keys,
)
from kpps_desktop.core.exchange.container import (
    BATCH,
    FORMAT,
    MANIFEST,
    MAX_FILE_BYTES,
    MAX_LINE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_MEMBER_BYTES,
    MEMBERS,
    PROVENANCE,
    SIGNATURE,
    VERSION,
    ExchangeError,
    _deflate_bytes,
    _inflate,
    _inflate_chunks,
    _inflate_raw,
    _Member,
    _unzip,
    _zip,
)
from kpps_desktop.core.exchange.records import (
    TABLES,
    _id,
    _int,
    _Invalid,
    _no_constants,
    _record,
    _records,
    _region,
    _stamp,
)

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
    encryption_key: bytes | None = None  # X25519; offices below encrypt their files up to it
    setup: dict | None = None  # a setup file for an office below (provisioning.py), else None

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.public_key)


# Nesting of a real manifest: {"device": {...}}, {"members": {name: {...}}}, {"setup": {"settings": {k: [..]}}}.
MAX_DEPTH = 6
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(rb"[\[\]{}]")


def _depth(raw: bytes) -> int:
    """The deepest nesting of JSON text, found without parsing it (a parser recurses per level)."""
    depth = deepest = 0
    for b in _BRACKETS.findall(_STRING.sub(b"", raw)):
        depth += 1 if b in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _parse_manifest(raw: bytes, *, full: bool) -> Manifest:
    """A manifest's fields, checked; `full` for the file's own (with members), not a carried one.

    Runs before the signature is checked (the key is inside), so it is bounded: size by the
    caller, nesting here, and every field by type; no input makes it raise anything else than
    ExchangeError.
    """
    if len(raw) > MAX_MANIFEST_BYTES or _depth(raw) > MAX_DEPTH:
        raise ExchangeError("manifest tidak sah (terlalu besar atau bersarang terlalu dalam)")
    try:
        m = json.loads(raw.decode("ascii"), parse_constant=_no_constants)
        if type(m) is not dict:
            raise _Invalid("bukan objek")
        if m.get("format") != FORMAT:
            raise ExchangeError("bukan berkas serah terima Presensi KPPS")
        if m.get("version") != VERSION:
            if type(m.get("version")) is int and m["version"] > VERSION:
                raise ExchangeError(f"berkas dibuat oleh versi aplikasi yang lebih baru (format "
                                    f"{m['version']}, aplikasi ini {VERSION}); perbarui aplikasi")
            raise ExchangeError(f"versi format {m.get('version')!r:.40} tidak dikenal")
        dev = m["device"]
        _id(dev["id"])
        if type(dev["role"]) is not str or dev["role"] not in installation.ROLE_LEVEL:
            raise _Invalid("peran pengirim tidak dikenal")
        _region(dev["wilayah"])
        _region(m["scope"])
        _stamp(m["created_at"])
        public = bytes.fromhex(dev["public_key"])
        if len(public) != 32:
            raise _Invalid("kunci publik tidak valid")
        encryption_key = None
        if dev.get("encryption_key") is not None:
            encryption_key = bytes.fromhex(dev["encryption_key"])
            if len(encryption_key) != 32:
                raise _Invalid("kunci enkripsi tidak valid")
        devices = m["devices"]
        if type(devices) is not list:
            raise _Invalid("daftar perangkat tidak valid")
        for d in devices:
            _id(d["device_id"])
            for k in ("count", "seq_min", "seq_max"):
                _int(0, 2**62)(d[k])
            if type(d["digest"]) is not str or not re.fullmatch(r"[0-9a-f]{64}", d["digest"]):
                raise _Invalid("ringkasan tidak valid")
        members = m["members"] if full else {}
        if full:
            if type(members) is not dict or set(members) != set(MEMBERS[2:]):
                raise _Invalid("daftar anggota tidak sesuai")
            for info in members.values():
                _int(0, MAX_MEMBER_BYTES)(info["size"])
                _int(0, 2**40)(info["count"])
                if type(info["sha256"]) is not str or not re.fullmatch(r"[0-9a-f]{64}", info["sha256"]):
                    raise _Invalid("hash anggota tidak valid")
        setup = m.get("setup")
        if setup is not None and type(setup) is not dict:
            raise _Invalid("bagian penyiapan tidak valid")
    except ExchangeError:
        raise
    except (_Invalid, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, RecursionError) as exc:
        raise ExchangeError(f"manifest tidak sah ({str(exc)[:120]})") from None
    return Manifest(raw, hashlib.sha256(raw).hexdigest(), dev["id"], dev["role"], dev["wilayah"],
                    public, m["scope"], m["created_at"], members, devices, encryption_key, setup)


def _verified_manifest(raw: bytes, signature: bytes, *, full: bool) -> Manifest:
    manifest = _parse_manifest(raw, full=full)
    if not keys.verify(manifest.public_key, signature, raw):
        raise ExchangeError(f"tanda tangan perangkat {manifest.device_id[:8]} tidak sah "
                            "(isi berkas diubah atau dipalsukan)")
    return manifest



def assemble(members: list[_Member], hashes: dict, devices: list[dict], *, device: dict, scope: str,
             created_at: str, sign, setup: dict | None = None) -> tuple[bytes, bytes]:
    """(file bytes, manifest bytes): the manifest over the deflated members, signed, in the container.

    members are provenance and the record members in MEMBERS order; hashes maps their names to
    {sha256, size, count}; devices lists per origin device {device_id, count, seq_min, seq_max,
    digest} of the attendance lines; sign(bytes) -> 64-byte Ed25519 signature.
    """
    manifest = {"format": FORMAT, "version": VERSION, "app": f"kpps-desktop {__version__}",
                "device": device, "scope": scope, "created_at": created_at, "members": hashes,
                "devices": devices}
    if setup is not None:
        manifest["setup"] = setup
    raw = json.dumps(manifest, ensure_ascii=True, sort_keys=True, indent=1).encode("ascii") + b"\n"
    head = [_deflate_bytes(MANIFEST, raw), _deflate_bytes(SIGNATURE, sign(raw).hex().encode("ascii"))]
    return _zip(head + members), raw



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
    except (ValueError, AttributeError, TypeError, RecursionError) as exc:
        raise ExchangeError(f"provenance tidak sah ({str(exc)[:120]})") from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ExchangeError("manifest asal terlalu besar")
    return _verified_manifest(raw, signature, full=False)


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


