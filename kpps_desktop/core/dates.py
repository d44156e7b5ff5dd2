"""Dates and the clock in the users' words: Indonesian day and month names, the local 'now'.

One place for them: forms, recap titles, the desk's date line and the CLI all write a date the same
way ('Kamis, 7 November 2024'), whatever the computer's locale is set to.
"""

from __future__ import annotations

import datetime as _dt

# An attendance time more than this many days from its session's date says the device's clock was
# wrong: the handover gap report and the recap's anomaly flags use the one limit.
CLOCK_TOLERANCE_DAYS = 1

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")  # date.weekday() order
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")


def local_now() -> _dt.datetime:
    """Now, on this computer's clock, with its UTC offset (what a check-in records)."""
    return _dt.datetime.now().astimezone()


def instant(stamp: str) -> _dt.datetime:
    """A stored time as an aware instant. Rows written before the clock rule (issue #12) may lack
    an offset ('2024-11-07T08:00:00', '2024-11-07'): read as UTC, never a comparison crash."""
    t = _dt.datetime.fromisoformat(stamp)
    return t if t.tzinfo is not None else t.replace(tzinfo=_dt.timezone.utc)


def local_today() -> _dt.date:
    return local_now().date()


def as_date(value: str | _dt.date | _dt.datetime) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    return _dt.date.fromisoformat(value) if isinstance(value, str) else value


def tanggal(value: str | _dt.date | _dt.datetime, with_day: bool = False) -> str:
    """'2024-11-07' -> '7 November 2024', or 'Kamis, 7 November 2024' with the day's name."""
    d = as_date(value)
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{DAYS[d.weekday()]}, {text}" if with_day else text
