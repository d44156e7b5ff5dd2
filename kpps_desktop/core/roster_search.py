"""Qt-free search over the roster: an index built once, filtered on every keystroke."""

from __future__ import annotations

import re
from collections import abc
from dataclasses import dataclass
from typing import Mapping, Sequence

from kpps_desktop.core import names as namesmod
from kpps_desktop.core import wilayah

# 'tps 3', 'TPS003', 'tps 12': the number is a TPS, not part of a NIK.
_TPS = re.compile(r"\btps\s*0*(\d{1,3})\b")
_JABATAN_ORDER = {"ketua": 0, "anggota": 1, "linmas": 2}

SORT_KEYS = ("nama", "nik", "jk", "jabatan", "tps", "desa", "kecamatan", "status")


def _words(text: str | None) -> list[str]:
    return namesmod.words(text)


def _fold(text: str | None) -> str:
    """Folded name (core.names) with one leading space: ' siti aminah' for word-prefix tests.

    A name written with one of Muhammad's spellings (Moh., Muh., M.) also carries the canonical
    word at its end, so 'muhammad' finds 'M. Yusuf' and 'moh' finds 'Mohammad Ali'."""
    found = namesmod.words(text)
    hay = " " + " ".join(found)
    if any(w in namesmod.MUHAMMAD_SPELLINGS for w in found) and namesmod.CANONICAL_MUHAMMAD not in found:
        hay += " " + namesmod.CANONICAL_MUHAMMAD
    return hay


def _query_word(word: str) -> str:
    """A typed word: a full spelling of Muhammad becomes the canonical one; a lone 'm' stays a
    prefix (it may be the start of 'Maruf')."""
    return word if word == "m" else namesmod.canonical_word(word)


@dataclass(frozen=True)
class Query:
    """What the user typed, split into name words, NIK digits and a TPS number."""

    words: tuple[str, ...] = ()
    nik_digits: tuple[str, ...] = ()
    tps: int | None = None


def parse(text: str) -> Query:
    """Digits of 1-3 characters (or 'tps N') mean a TPS number; 4+ digits a piece of a NIK.

    A bare 'tps' is ignored so the list does not empty while the user is still typing the number.
    """
    text = namesmod.fold(text)
    tps = None
    m = _TPS.search(text)
    if m:
        tps = int(m.group(1))
        text = text[: m.start()] + " " + text[m.end():]
    words: list[str] = []
    nik_digits: list[str] = []
    for token in _words(text):
        if token == "tps":
            continue
        if token.isdigit():
            if len(token) <= 3 and tps is None:
                tps = int(token)
            elif len(token) > 3:
                nik_digits.append(token)
            continue
        words.append(_query_word(token))
    return Query(tuple(words), tuple(nik_digits), tps)


class Table(abc.Sequence):
    """Rows kept as columns, one tuple per key: how roster.list_table hands over 12,201 officers.

    The roster screen reads values by column (the index filters columns, the view asks for one
    cell at a time), so building a row object per officer at start-up would be wasted work;
    `table[i]` still gives a dict, for the few places that want a whole row."""

    def __init__(self, keys: Sequence[str], rows: Sequence[tuple]):
        self.columns: dict[str, Sequence] = dict(zip(keys, zip(*rows))) if rows else dict.fromkeys(keys, ())
        self._len = len(rows)

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i: int) -> dict:  # type: ignore[override]
        return {key: column[i] for key, column in self.columns.items()}


class RosterIndex:
    """Officers (a Table, or dicts/rows by key) with per-column lists; filter() returns row positions."""

    def __init__(self, rows: Sequence[Mapping] | Table):
        self.rows = rows
        self._columns: dict[str, Sequence] = dict(rows.columns) if isinstance(rows, Table) else {}
        nik = self.column("nik")
        self._nik = [n or "" for n in nik] if None in nik else nik  # NIK erased at end of term
        self._tps = self.column("tps")
        self._jabatan = self.column("jabatan")
        self._status = self.column("status")
        self._desa = self.column("desa")
        self._hay_cache: list[str] | None = None
        self.by_desa: dict[str, list[int]] = {}
        self.by_kecamatan: dict[str, list[int]] = {}
        for i, kode in enumerate(self._desa):
            self.by_desa.setdefault(kode, []).append(i)
        for kode, positions in self.by_desa.items():
            self.by_kecamatan.setdefault(_kecamatan_of(kode), []).extend(positions)
        for positions in self.by_kecamatan.values():
            positions.sort()
        self.names = {kode: wilayah.name(kode) for kode in (*self.by_desa, *self.by_kecamatan)}
        self._position_of_id: dict[str, int] | None = None
        self._ranks: dict[str, list[int]] = {}

    def column(self, key: str) -> Sequence:
        """Every row's value for one key, by position (read from the rows once, then kept)."""
        found = self._columns.get(key)
        if found is None:
            found = self._columns[key] = [r[key] for r in self.rows]
        return found

    # Built on first use: the window shows sooner, and the first keystroke pays ~10 ms once.
    @property
    def _hay(self) -> list[str]:
        if self._hay_cache is None:
            self._hay_cache = [_fold(nama) for nama in self.column("nama")]
        return self._hay_cache

    @property
    def position_of_id(self) -> dict[str, int]:
        if self._position_of_id is None:
            self._position_of_id = {officer_id: i for i, officer_id in enumerate(self.column("id"))}
        return self._position_of_id

    def __len__(self) -> int:
        return len(self.rows)

    def kecamatan_of(self, position: int) -> str:
        return _kecamatan_of(self._desa[position])

    def filter(self, text: str = "", *, kecamatan: str | None = None, desa: str | None = None,
               tps: int | None = None, jabatan: str | None = None,
               status: str | None = None, nik_visible: bool = True) -> list[int]:
        """Positions of matching rows, in roster order. Every name word must start a word in the name.

        With nik_visible False (the screen shows NIKs masked, 3320********0001) digits match only
        the shown first and last four, or a whole NIK typed in full: a row never matches for
        digits the user cannot see."""
        if desa:
            found = self.by_desa.get(desa, [])
            if kecamatan and _kecamatan_of(desa) != kecamatan:
                found = []
        elif kecamatan:
            found = self.by_kecamatan.get(kecamatan, [])
        else:
            found = range(len(self.rows))
        query = parse(text)
        # Cheapest, most selective tests first; each pass is one comprehension over the survivors.
        if tps is not None:
            col = self._tps
            found = [i for i in found if col[i] == tps]
        if query.tps is not None:
            col, want = self._tps, query.tps
            found = [i for i in found if col[i] == want]
        if jabatan:
            col = self._jabatan
            found = [i for i in found if col[i] == jabatan]
        if status:
            col = self._status
            found = [i for i in found if col[i] == status]
        for digits in query.nik_digits:
            # Digits also match a number written in the name, which the user sees as well.
            col, hay, needle = self._nik, self._hay, " " + digits
            if nik_visible:
                found = [i for i in found if digits in col[i] or needle in hay[i]]
            else:
                found = [i for i in found if _in_masked(digits, col[i]) or needle in hay[i]]
        for word in query.words:
            hay, needle = self._hay, " " + word
            found = [i for i in found if needle in hay[i]]
        return list(found)

    def sort(self, positions: Sequence[int], key: str | None, descending: bool = False) -> list[int]:
        """Positions ordered by a column (one of SORT_KEYS); None keeps roster order."""
        if key is None:
            return sorted(positions, reverse=descending)
        rank = self._rank(key)
        return sorted(positions, key=rank.__getitem__, reverse=descending)

    def _rank(self, key: str) -> list[int]:
        """rank[position] for one column, computed on first use so startup pays nothing."""
        if key not in self._ranks:
            if key not in SORT_KEYS:
                raise ValueError(f"Kolom urut '{key}' tidak dikenal.")
            sort_key = {
                "nama": lambda i: self._hay[i],
                "nik": lambda i: self._nik[i],
                "jk": self.column("jk").__getitem__,
                "jabatan": lambda i: _JABATAN_ORDER.get(self._jabatan[i], 9),
                "tps": lambda i: (self._tps[i], self.names[self._desa[i]].lower()),
                "desa": lambda i: self.names[self._desa[i]].lower(),
                "kecamatan": lambda i: self.names[self.kecamatan_of(i)].lower(),
                "status": lambda i: self._status[i],
            }[key]
            order = sorted(range(len(self.rows)), key=sort_key)
            rank = [0] * len(order)
            for r, i in enumerate(order):
                rank[i] = r
            self._ranks[key] = rank
        return self._ranks[key]

    # Choices for the filter combos: only what the roster really holds.
    def kecamatan_options(self) -> list[tuple[str, str]]:
        return sorted(((k, self.names[k]) for k in self.by_kecamatan), key=lambda kv: kv[1].lower())

    def desa_options(self, kecamatan: str | None = None) -> list[tuple[str, str]]:
        codes = [k for k in self.by_desa if not kecamatan or _kecamatan_of(k) == kecamatan]
        return sorted(((k, self.names[k]) for k in codes), key=lambda kv: kv[1].lower())

    def tps_options(self, kecamatan: str | None = None, desa: str | None = None) -> list[int]:
        if desa:
            positions = self.by_desa.get(desa, [])
        elif kecamatan:
            positions = self.by_kecamatan.get(kecamatan, [])
        else:
            positions = range(len(self.rows))
        col = self._tps
        return sorted({col[i] for i in positions})


def _in_masked(digits: str, nik: str) -> bool:
    """Digits the masked NIK shows (nik.mask keeps the first and last four), or the whole NIK."""
    if digits == nik:
        return True
    if len(nik) <= 8:
        return False
    return digits in nik[:4] or digits in nik[-4:]


def _kecamatan_of(desa: str) -> str:
    return desa.rsplit(".", 1)[0]
