"""The preview of an online-attendance import: each report row matched, in review, unmatched or too short.

`kpps daring import` without --apply prints it; the GUI's dialog shows it as lists and lets the
desk assign what needs review before `apply.apply_preview` writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from kpps_desktop.core import cards, sessions, wilayah
from kpps_desktop.core import settings as settings_mod
from kpps_desktop.core.daring import matching
from kpps_desktop.core.daring.parsers import Report, read_report
from kpps_desktop.core.errors import InputError

KINDS = ("matched", "ambiguous", "unmatched", "too_short")


@dataclass(frozen=True)
class FileInfo:
    file: str
    sha256: str
    layout: str
    label: str
    rows: int  # data rows read (joins, not people)


@dataclass
class Item:
    """One person of a report (its rejoin rows combined), and what matching decided."""
    kind: str  # one of KINDS
    file_index: int
    row: int  # the first row of this person in its file
    rows: list[int]
    name: str
    minutes: float | None
    officer: str | None = None
    score: float | None = None
    candidates: list[str] = field(default_factory=list)
    reason: str | None = None

    @property
    def minutes_shown(self) -> int | float | None:
        """Minutes as shown and printed: whole, or to one decimal (Teams counts seconds)."""
        if self.minutes is None:
            return None
        return int(self.minutes) if self.minutes == int(self.minutes) else round(self.minutes, 1)

    def as_json(self, with_file: str | None) -> dict:
        minutes = self.minutes_shown
        out = {"row": self.row, "name": self.name}
        if self.kind == "matched":
            out |= {"officer": self.officer, "score": self.score, "minutes": minutes}
        elif self.kind == "ambiguous":
            out |= {"candidates": list(self.candidates)}
        elif self.kind == "unmatched":
            out |= {"reason": self.reason}
        else:
            out |= {"officer": self.officer, "minutes": minutes}
        if with_file is not None:
            out["file"] = with_file
        return out


@dataclass
class Preview:
    session_id: str
    min_minutes: float
    files: list[FileInfo]
    items: list[Item]
    officers: dict[str, dict]  # id -> nama, desa, tps, jabatan of every officer named in items

    def of(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]

    def as_json(self) -> dict:
        """The `kpps daring import --json` contract; with several files each row also names its file."""
        several = len(self.files) > 1
        return {kind: [i.as_json(self.files[i.file_index].file if several else None) for i in self.of(kind)]
                for kind in KINDS}

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of(kind)) for kind in KINDS}


def default_min_minutes(db: sqlite_utils.Database) -> int:
    return int(settings_mod.get(db, "daring_min_minutes"))


def roster_index(db: sqlite_utils.Database, session_id: str) -> matching.RosterIndex:
    """The session's expected officers (replaced ones are not), with card codes and desa names."""
    officers = sessions.expected_officers(db, session_id, "id, nik, nama, desa, tps, jabatan")
    ids = {o["id"] for o in officers}
    codes = {oid: code for oid, code in cards.current_codes(db).items() if oid in ids}
    desa_names = {kode: wilayah.name(kode) for kode in {o["desa"] for o in officers}}
    return matching.RosterIndex(officers, codes, desa_names)


def preview(db: sqlite_utils.Database, session_id: str, paths: list[Path | str],
            min_minutes: float | None = None, *, reports: list[Report] | None = None) -> Preview:
    """Read the reports and match every person to the session's officers; writes nothing.

    Raises parsers.ReportError (unknown layout, unreadable file) or SessionError (unknown session).
    """
    sessions.require_session(db, session_id)
    if min_minutes is None:
        min_minutes = default_min_minutes(db)
    if min_minutes < 0:
        raise InputError("Menit minimum tidak boleh negatif.")
    reports = reports if reports is not None else [read_report(p) for p in paths]
    index = roster_index(db, session_id)
    items: list[Item] = []
    for fi, report in enumerate(reports):
        for person in matching.combine(report.entries):
            d = matching.decide(person, index)
            items.append(Item(d.kind, fi, person.row, person.rows, person.name, person.minutes, d.officer,
                              d.score if d.kind == "matched" else None, d.candidates, d.reason))
    _too_short(items, min_minutes)
    named = {i.officer for i in items if i.officer} | {c for i in items for c in i.candidates}
    officers = {oid: _brief(index.officers[oid]) for oid in named}
    files = [FileInfo(r.file, r.sha256, r.layout, r.label, len(r.entries)) for r in reports]
    return Preview(session_id, min_minutes, files, items, officers)


def _too_short(items: list[Item], min_minutes: float) -> None:
    """An officer counts when their time over all matched rows reaches the minimum."""
    if not min_minutes:
        return
    total: dict[str, float] = {}
    for i in items:
        if i.kind == "matched" and i.minutes is not None:
            total[i.officer] = total.get(i.officer, 0.0) + i.minutes
    for i in items:
        if i.kind == "matched" and i.officer in total and total[i.officer] < min_minutes:
            i.kind = "too_short"


def _brief(o: dict) -> dict:
    return {"id": o["id"], "nama": o["nama"], "desa": o["desa"], "desa_nama": wilayah.name(o["desa"]),
            "tps": o["tps"], "jabatan": o["jabatan"]}


__all__ = ["FileInfo", "Item", "KINDS", "Preview", "default_min_minutes", "preview", "roster_index"]
