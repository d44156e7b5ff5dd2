"""The desk's live counts: every status for the session and per TPS, moved one officer at a time."""

from __future__ import annotations

from typing import Mapping

import sqlite_utils

from kpps_desktop.core import sessions

# What the desk counts, in the order it shows them. 'belum' is an expected officer with no mark
# yet; 'tidak_hadir' only appears once the session is closed.
COUNTED = ("hadir", "terlambat", "hadir_daring", "izin", "sakit", "tidak_hadir", "belum")
LABELS = {**sessions.STATUS_LABELS, "belum": "Belum"}

TpsKey = tuple[str, int]  # (desa code, TPS number)


def _bucket(status: str | None) -> str:
    return status if status in COUNTED else "belum"


class LiveCounts:
    """Counts for one session's expected officers, loaded once and then updated per result.

    Loading reads sessions.expected_officers and sessions.current_status (tens of ms with a whole
    kabupaten); after that each result moves one officer between buckets, so the next scan
    never waits for a recount. `total` and `by_tps[key]` map each of COUNTED to a number.
    """

    def __init__(self, expected: list[dict], marks: Mapping[str, sessions.Mark | str]):
        self.place: dict[str, TpsKey] = {o["id"]: (o["desa"], o["tps"]) for o in expected}
        self.status: dict[str, str] = {}
        for oid, mark in marks.items():
            if oid in self.place:
                self.status[oid] = mark if isinstance(mark, str) else mark.status
        self.total: dict[str, int] = dict.fromkeys(COUNTED, 0)
        self.by_tps: dict[TpsKey, dict[str, int]] = {}
        for oid, key in self.place.items():
            bucket = _bucket(self.status.get(oid))
            self.total[bucket] += 1
            self.by_tps.setdefault(key, dict.fromkeys(COUNTED, 0))[bucket] += 1

    @classmethod
    def load(cls, db: sqlite_utils.Database, session_id: str) -> "LiveCounts":
        return cls(sessions.expected_officers(db, session_id), sessions.current_status(db, session_id))

    @property
    def expected(self) -> int:
        return len(self.place)

    @property
    def present(self) -> int:
        """Hadir, terlambat and hadir daring: who counts as attending (sessions.PRESENT)."""
        return sum(self.total[s] for s in sessions.PRESENT)

    def tps_present(self, key: TpsKey) -> int:
        return sum(self.by_tps[key][s] for s in sessions.PRESENT)

    def tps_expected(self, key: TpsKey) -> int:
        return sum(self.by_tps[key].values())

    def tps_keys(self) -> list[TpsKey]:
        return list(self.by_tps)

    def update(self, officer_id: str, status: str | None) -> TpsKey | None:
        """Set one officer's effective status; returns the TPS whose counts changed, if any."""
        key = self.place.get(officer_id)
        if key is None:
            return None
        was, now = _bucket(self.status.get(officer_id)), _bucket(status)
        if status is None:
            self.status.pop(officer_id, None)
        else:
            self.status[officer_id] = status
        if was == now:
            return None
        for counts in (self.total, self.by_tps[key]):
            counts[was] -= 1
            counts[now] += 1
        return key
