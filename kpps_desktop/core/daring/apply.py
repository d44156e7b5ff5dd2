"""Recording a previewed online-attendance import: hadir daring with the report row as evidence.

Every officer goes through checkin.set_status, the same path as a hadir daring entered at the
desk, in one transaction (all or nothing). The event's evidence is the file's SHA-256 and the row;
an officer already present in person keeps that status, and an officer already hadir daring is
left as is, so applying the same file again changes nothing.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field

import sqlite_utils

from kpps_desktop.core import checkin, sessions
from kpps_desktop.core.daring.preview import Preview

REASON = "Impor kehadiran daring"


@dataclass
class Applied:
    recorded: list[str] = field(default_factory=list)  # officer ids given hadir daring now
    in_person: list[str] = field(default_factory=list)  # already hadir/terlambat: kept
    already: list[str] = field(default_factory=list)  # already hadir daring (this file or another)

    def as_json(self) -> dict:
        return {"recorded": self.recorded, "in_person": self.in_person, "already": self.already}

    def summary(self) -> str:
        return (f"{len(self.recorded)} petugas dicatat hadir daring; {len(self.in_person)} sudah hadir "
                f"langsung (tetap); {len(self.already)} sudah tercatat hadir daring.")


def evidence(file: str, sha256: str, row: int, layout: str, manual: bool = False) -> str:
    """The event's evidence as stored and handed over: JSON, file name without folders."""
    value = {"kind": "daring_report", "file": file[-120:], "sha256": sha256, "row": row, "layout": layout}
    if manual:
        value["manual"] = True
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def describe(evidence_text: str | None) -> str | None:
    """The evidence in words for the officer's history: 'zoom.csv baris 12 (SHA-256 3f2a9c0b…)'."""
    if not evidence_text:
        return None
    try:
        e = json.loads(evidence_text)
        text = f"{e['file']} baris {e['row']} (SHA-256 {e['sha256'][:12]}…)"
    except (ValueError, KeyError, TypeError):
        return evidence_text
    return text + (", ditetapkan manual" if e.get("manual") else "")


def planned(preview: Preview, assignments: dict[tuple[int, int], list[str]] | None = None
            ) -> dict[str, tuple[int, int, bool]]:
    """officer id -> (file index, row, manual) the event will cite: matched rows, then assignments.

    `assignments` maps (file index, row) of an ambiguous, unmatched or too-short row to the officers
    the desk picked (one connection may stand for several officers watching together).
    """
    out: dict[str, tuple[int, int, bool]] = {}
    for item in preview.of("matched"):
        out.setdefault(item.officer, (item.file_index, item.row, False))
    for (fi, row), officer_ids in (assignments or {}).items():
        for oid in officer_ids:
            out.setdefault(oid, (fi, row, True))
    return out


def apply_preview(db: sqlite_utils.Database, preview: Preview, now: _dt.datetime,
                  assignments: dict[tuple[int, int], list[str]] | None = None) -> Applied:
    """Record hadir daring for the matched officers (not too_short) and the desk's assignments.

    One transaction: a refusal for any officer (replaced meanwhile, not in the session) raises
    checkin.CheckinError and nothing is written.
    """
    done = Applied()
    plan = planned(preview, assignments)
    with sessions.write_transaction(db):
        sessions.require_session(db, preview.session_id)
        for oid, (fi, row, manual) in plan.items():
            mark = sessions.officer_mark(db, preview.session_id, oid)
            if mark is not None and mark.status in sessions.CHECKED_IN:
                done.in_person.append(oid)
                continue
            if mark is not None and mark.status == "hadir_daring":
                done.already.append(oid)
                continue
            f = preview.files[fi]
            reason = f"{REASON}: {f.label}, {f.file} baris {row}" + (" (ditetapkan manual)" if manual else "")
            checkin.set_status(db, preview.session_id, oid, "hadir_daring", reason[:500], now,
                               evidence=evidence(f.file, f.sha256, row, f.layout, manual))
            done.recorded.append(oid)
    return done


__all__ = ["Applied", "REASON", "apply_preview", "describe", "evidence", "planned"]
