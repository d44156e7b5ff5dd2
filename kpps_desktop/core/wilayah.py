"""The national region list (Kemendagri codes): lookups by code, children, search by name."""

from __future__ import annotations

import bisect
import functools
import io
import re
from dataclasses import dataclass

from kpps_desktop import assets
from kpps_desktop.core.errors import InputError

LEVELS = {2: "provinsi", 5: "kabupaten", 8: "kecamatan", 13: "desa"}
LEVEL_LABELS = {
    "provinsi": "Provinsi",
    "kabupaten": "Kabupaten/Kota",
    "kecamatan": "Kecamatan",
    "desa": "Desa/Kelurahan",
}


class WilayahError(InputError):
    """An unknown or wrongly shaped region code; the message is for the user."""


@dataclass(frozen=True)
class Wilayah:
    kode: str
    nama: str

    @property
    def level(self) -> str:
        return LEVELS[len(self.kode)]

    @property
    def parent(self) -> str | None:
        return parent_code(self.kode)


def level_of(kode: str) -> str | None:
    return LEVELS.get(len(kode))


def parent_code(kode: str) -> str | None:
    return kode.rsplit(".", 1)[0] if "." in kode else None


def ancestors(kode: str) -> list[str]:
    """Codes from the province down to the code itself."""
    parts = kode.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


@functools.lru_cache(maxsize=1)
def _data() -> bytes:
    # Stored uncompressed: gunzip alone cost 10 ms of start-up for 1.7 MB saved.
    return assets.path("wilayah.csv").read_bytes()


@functools.lru_cache(maxsize=1)
def _text() -> str:
    return _data().decode("utf-8").replace("\r\n", "\n")


def _parse(block: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for line in block.splitlines():
        if '"' in line:
            import csv  # a handful of quoted names: not worth importing csv at start-up

            kode, nama = next(csv.reader(io.StringIO(line)))
        else:
            kode, nama = line.split(",", 1)
        names[kode] = nama
    return names


@functools.lru_cache(maxsize=None)
def _block(prefix: str) -> dict[str, str]:
    """The regions under a province or kabupaten code (itself included). Parsing all 91,599
    lines (~35 ms) for the one kabupaten the window names would be wasted: the file is sorted
    by code, so a region and everything under it is one contiguous block (a kabupaten ~0.1 ms,
    a province ~3 ms)."""
    data = _data()  # bytes: decoding all 2.3 MB (~8 ms) for one block would be wasted
    start = data.find(f"\n{prefix},".encode())
    if start < 0:
        return {}
    end = re.compile(rb"\n(?!" + re.escape(prefix.encode()) + rb"[.,])").search(data, start + 1)
    return _parse(data[start + 1: end.start() if end else len(data)].decode("utf-8"))


@functools.lru_cache(maxsize=1)
def _table() -> tuple[list[str], dict[str, str]]:
    """The whole list, for searches across provinces."""
    names = _parse(_text().split("\n", 1)[1])
    return sorted(names), names


@functools.lru_cache(maxsize=None)
def _codes(prov: str) -> list[str]:
    return sorted(_block(prov))


def _lookup(kode: str) -> str | None:
    # A name is looked up in its kabupaten's block: the roster names one kabupaten's kecamatan
    # and desa, so start-up need not parse the whole province.
    return _block(kode[:5]).get(kode) if len(kode) >= 2 else None


def get(kode: str) -> Wilayah | None:
    nama = _lookup(kode)
    return Wilayah(kode, nama) if nama is not None else None


def name(kode: str) -> str:
    """The region's name, or the code itself when unknown (for display only)."""
    return _lookup(kode) or kode


def require(kode: str, level: str | None = None) -> Wilayah:
    """The region for a code, or WilayahError with a clear message."""
    kode = (kode or "").strip()
    found = get(kode)
    if found is None:
        raise WilayahError(f"Kode wilayah '{kode}' tidak dikenal.")
    if level is not None and found.level != level:
        raise WilayahError(
            f"Kode '{kode}' adalah {LEVEL_LABELS[found.level]} ({found.nama}), "
            f"bukan {LEVEL_LABELS[level]}."
        )
    return found


def children(kode: str | None = None) -> list[Wilayah]:
    """Direct children of a code (provinces when kode is None), in code order."""
    if kode is None:
        codes, names = _table()
        return [Wilayah(c, names[c]) for c in codes if len(c) == 2]
    codes, names = _codes(kode[:2]), _block(kode[:2])
    prefix = kode + "."
    depth = kode.count(".") + 1
    start = bisect.bisect_left(codes, prefix)
    out = []
    for c in codes[start:]:
        if not c.startswith(prefix):
            break
        if c.count(".") == depth:
            out.append(Wilayah(c, names[c]))
    return out


def descendants(kode: str, level: str) -> list[Wilayah]:
    """All regions of a level under a code (e.g. every desa of a kabupaten)."""
    codes, names = _codes(kode[:2]), _block(kode[:2])
    prefix = kode + "."
    start = bisect.bisect_left(codes, prefix)
    out = []
    for c in codes[start:]:
        if not c.startswith(prefix):
            break
        if LEVELS.get(len(c)) == level:
            out.append(Wilayah(c, names[c]))
    return out


def search(text: str, level: str | None = None, within: str | None = None, limit: int = 50) -> list[Wilayah]:
    """Regions whose name contains the text (case-insensitive)."""
    needle = text.strip().lower()
    codes, names = _table()
    out = []
    for c in codes:
        if within and not c.startswith(within + "."):
            continue
        if level and LEVELS.get(len(c)) != level:
            continue
        if needle in names[c].lower():
            out.append(Wilayah(c, names[c]))
            if len(out) >= limit:
                break
    return out


def is_within(kode: str, scope: str) -> bool:
    """True when kode is the scope itself or lies under it."""
    return kode == scope or kode.startswith(scope + ".")


def normalize_code(text: str) -> str:
    """Accept '3320012001' or '33.20.01.2001' and return the dotted form."""
    s = "".join(ch for ch in str(text) if ch.isdigit())
    if len(s) not in (2, 4, 6, 10):
        return str(text).strip()
    parts = [s[:2], s[2:4], s[4:6], s[6:10]]
    return ".".join(p for p in parts if p)
