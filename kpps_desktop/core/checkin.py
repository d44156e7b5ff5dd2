"""The one check-in decision every scan goes through (scanner, camera, CLI), and desk corrections.

Results: accepted, duplicate, unknown, revoked, not_in_session, invalid, and closed (the
session is closed: nothing about the code is wrong, so none of the others fits; the screen
shows it red like the other refusals). Only accepted and duplicate are acknowledgements.
Paper entries (method 'paper') are still taken after closing: they record what was signed on
the day, and they outrank the 'tidak hadir' the closing wrote (see sessions.effective_mark).

An accepted check-in is committed (synchronous=FULL) before check_in returns: the returned
Result is the acknowledgement. Refused scans are kept in scan_log to resolve later
(resolve_scan, dismiss_scans).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable

import sqlite_utils

from kpps_desktop.core import cards, roster, sessions, wilayah
from kpps_desktop.core import dates
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import validate as textcheck
from kpps_desktop.core.sessions import Session, SessionError, Status, iso
from kpps_desktop.core.errors import InputError

class Outcome(StrEnum):
    """What check_in() decided (Result.result; the `result` key of `kpps checkin`'s JSON)."""
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    NOT_IN_SESSION = "not_in_session"
    INVALID = "invalid"
    CLOSED = "closed"


class Method(StrEnum):
    """How an attendance event was entered."""
    SCANNER = "scanner"
    CAMERA = "camera"
    MANUAL = "manual"
    PAPER = "paper"


RESULTS = tuple(Outcome)
ACKNOWLEDGED = (Outcome.ACCEPTED, Outcome.DUPLICATE)
METHODS = tuple(Method)  # every way an event is entered (recap's anomaly rules name their own subsets)
DESK_STATUSES = (Status.HADIR_DARING, Status.IZIN, Status.SAKIT)
REASON_REQUIRED = (Status.HADIR_DARING, Status.IZIN)
# Not an Outcome of check_in: what wrong_day answers before anything is written.
WRONG_DAY = "wrong_day"

_OFFICER_COLUMNS = "id, nama, jabatan, desa, tps, tps_label, status"


class CheckinError(InputError):
    """A desk action that cannot be done (missing reason, unknown event); message in Indonesian."""


@dataclass(frozen=True)
class Result:
    result: str  # one of RESULTS
    message: str  # one plain-Indonesian sentence for the screen
    at: str  # the time of this scan (or of the paper entry), ISO with UTC offset
    officer: dict | None = None  # id, nama, jabatan, jabatan_label, tps, tps_label, desa, desa_nama
    status: str | None = None  # the recorded status when accepted: hadir, terlambat, izin, ...
    event_id: str | None = None  # the attendance event written (accepted)
    previous_at: str | None = None  # the earlier check-in (duplicate)
    scan_id: str | None = None  # the scan_log row kept for a refused scan

    @property
    def ok(self) -> bool:
        return self.result in ACKNOWLEDGED

    def as_json(self) -> dict:
        return {"result": self.result, "officer": self.officer, "at": self.at, "status": self.status,
                "event_id": self.event_id, "previous_at": self.previous_at, "message": self.message}


def hhmm(at: str) -> str:
    return _dt.datetime.fromisoformat(at).strftime("%H:%M")


def _officer(db: sqlite_utils.Database, officer_id: str | None) -> dict | None:
    if officer_id is None:
        return None
    row = db.conn.execute(f"SELECT {_OFFICER_COLUMNS} FROM officers WHERE id = ?", (officer_id,)).fetchone()
    return dict(zip(("id", "nama", "jabatan", "desa", "tps", "tps_label", "status"), row)) if row else None


def _public(officer: dict | None) -> dict | None:
    """What the screen and the CLI show about an officer (no NIK, no birth date)."""
    if officer is None:
        return None
    return {"id": officer["id"], "nama": officer["nama"], "jabatan": officer["jabatan"],
            "jabatan_label": roster.JABATAN_LABELS.get(officer["jabatan"], officer["jabatan"]),
            "tps": officer["tps"], "tps_label": officer["tps_label"], "desa": officer["desa"],
            "desa_nama": wilayah.name(officer["desa"])}


def _refuse(db: sqlite_utils.Database, session: Session, text: str, result: str, message: str,
            at: str, method: str, officer: dict | None = None) -> Result:
    """Keep a refused scan in scan_log (walk-ins and strangers are resolved later)."""
    scan_id = dbmod.new_id()
    device = dbmod.device_id(db)
    db.conn.execute(
        "INSERT INTO scan_log (id, session_id, text, result, officer_id, at, device_id, method, after_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) FROM attendance WHERE device_id = ?))",
        (scan_id, session.id, textcheck.scan_text(text), result, officer and officer["id"], at, device, method,
         device))
    return Result(result, message, at, _public(officer), scan_id=scan_id)


def _not_in_session_message(session: Session, officer: dict) -> str:
    if officer["status"] != "aktif":
        return f"{officer['nama']} sudah diganti (PAW), bukan peserta sesi ini"
    if session.scope_kind == "officers":
        return f"{officer['nama']} tidak terdaftar di sesi ini"
    return f"Petugas Desa {wilayah.name(officer['desa'])}, bukan peserta sesi ini"


def _decide(db: sqlite_utils.Database, session: Session, officer: dict, text: str,
            now: _dt.datetime, method: str, reason: str | None) -> Result:
    """The part shared by scans and manual check-ins, once the officer is known."""
    at = iso(now)
    if not sessions.officer_in_scope(db, session, officer):
        return _refuse(db, session, text, Outcome.NOT_IN_SESSION, _not_in_session_message(session, officer),
                       at, method, officer)
    mark = sessions.officer_mark(db, session.id, officer["id"])
    if mark is not None and mark.status in sessions.CHECKED_IN:
        return Result(Outcome.DUPLICATE, f"Sudah hadir pukul {hhmm(mark.at)}", at, _public(officer),
                      status=mark.status, previous_at=mark.at)
    status = "terlambat" if sessions.is_late(session, now, sessions.grace_minutes(db)) else "hadir"
    event_id = sessions.append_event(db, session.id, officer["id"], status, at, method, reason)
    message = f"Hadir pukul {hhmm(at)}" + (" (terlambat)" if status == "terlambat" else "")
    return Result(Outcome.ACCEPTED, message, at, _public(officer), status=status, event_id=event_id)


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise CheckinError(f"Cara presensi '{method}' tidak dikenal ({', '.join(METHODS)}).")


def _closed(session: Session, method: str) -> str | None:
    if session.closed_at and method != "paper":
        return f"Sesi sudah ditutup pukul {hhmm(session.closed_at)}; presensi tidak diterima"
    return None


def wrong_day(db: sqlite_utils.Database, session_id: str, now: _dt.datetime) -> Result | None:
    """A scan 'now' into a session dated another day (in `now`'s zone, the installation's local
    time): the refusal to show or print, with nothing written; None when the session is today's.

    Check-ins are not refused by check_in itself: a paper entry (--at) or an operator who
    confirmed (--any-day, the desk's 'Tetap catat?') may record on another day."""
    session = sessions.require_session(db, session_id)
    if now.date().isoformat() == session.date:
        return None
    return Result(WRONG_DAY, f"Sesi ini bertanggal {dates.tanggal(session.date, with_day=True)} — bukan hari ini "
                  f"({dates.tanggal(now, with_day=True)}). Tidak dicatat; pilih sesi hari ini, "
                  "atau catat dari daftar hadir kertas dengan jamnya.", iso(now))


def desk_for_scan(db: sqlite_utils.Database, text: str, today: _dt.date) -> tuple[dict | None, Session | None]:
    """A card scanned while no desk is open: (its holder, the open session to offer), either None.

    The offered session is today's open one that expects the holder, else today's open one, else
    the nearest open one that expects the holder. Nothing is written."""
    found = cards.lookup(db, (text or "").strip())
    officer = _officer(db, found.officer_id) if found.result == "ok" else None
    if officer is None:
        return None, None
    day = today.isoformat()
    open_ = [s for s in sessions.list_sessions(db) if not s.closed_at]
    expects = [s for s in open_ if sessions.officer_in_scope(db, s, officer)]
    for pool in ([s for s in expects if s.date == day], [s for s in open_ if s.date == day], expects):
        if pool:
            return _public(officer), min(pool, key=lambda s: abs(_dt.date.fromisoformat(s.date) - today))
    return _public(officer), None


def check_in(db: sqlite_utils.Database, session_id: str, text: str, now: _dt.datetime,
             method: str = "scanner", reason: str | None = None) -> Result:
    """Decide one scanned or typed code and record it; returns after the commit.

    `now` is the device's aware local time (for paper entries: the time on the paper).
    Raises SessionError for an unknown session; every scan outcome is a Result.
    """
    _check_method(method)
    at = iso(now)
    text = (text or "").strip()
    with sessions.write_transaction(db):
        session = sessions.require_session(db, session_id)
        closed = _closed(session, method)
        if closed:
            return _refuse(db, session, text, Outcome.CLOSED, closed, at, method)
        found = cards.lookup(db, text)
        if found.result == Outcome.INVALID:
            return _refuse(db, session, text, Outcome.INVALID, "Bukan kode kartu Presensi KPPS", at, method)
        officer = _officer(db, found.officer_id)
        if found.result == Outcome.UNKNOWN or officer is None:
            return _refuse(db, session, found.code, Outcome.UNKNOWN, "Kode tidak dikenal", at, method)
        if found.result == Outcome.REVOKED:
            return _refuse(db, session, found.code, Outcome.REVOKED,
                           "Kartu sudah dicabut; pakai kartu baru atau presensi manual", at, method, officer)
        return _decide(db, session, officer, found.code, now, method, reason)


def check_in_officer(db: sqlite_utils.Database, session_id: str, officer_id: str, now: _dt.datetime,
                     method: str = "manual", reason: str | None = None) -> Result:
    """Check in an officer picked by hand (search by name, NIK, TPS): same decision as a scan.

    A manual check-in needs a reason (e.g. 'kartu tertinggal').
    """
    _check_method(method)
    reason = _reason(reason)
    if method == "manual" and not reason:
        raise CheckinError("Presensi manual memerlukan alasan (mis. kartu tertinggal).")
    at = iso(now)
    with sessions.write_transaction(db):
        session = sessions.require_session(db, session_id)
        closed = _closed(session, method)
        if closed:
            return _refuse(db, session, officer_id, Outcome.CLOSED, closed, at, method)
        officer = _officer(db, officer_id)
        if officer is None:
            return _refuse(db, session, officer_id, Outcome.UNKNOWN, "Petugas tidak ditemukan", at, method)
        return _decide(db, session, officer, officer_id, now, method, reason)


def paper_time(db: sqlite_utils.Database, session_id: str, hhmm: str) -> _dt.datetime:
    """The time written on the signed paper list, on the session's own day, in this device's zone."""
    session = sessions.require_session(db, session_id)
    written = sessions.parse_time(hhmm, "at")
    if written is None:
        raise SessionError({"at": "Jam dari daftar hadir kertas wajib diisi (JJ:MM, mis. 08:12)."})
    return _dt.datetime.combine(_dt.date.fromisoformat(session.date), _dt.time.fromisoformat(written)).astimezone()


def set_status(db: sqlite_utils.Database, session_id: str, officer_id: str, status: str,
               reason: str | None, now: _dt.datetime, evidence: str | None = None) -> Result:
    """From the desk, without a scan: hadir daring or izin (reason required), or sakit.

    Also allowed after closing: an izin letter that arrives late corrects the 'tidak hadir'.
    `evidence` is kept on the event (an imported meeting report's file hash and row: core/daring).
    """
    if status not in DESK_STATUSES:
        raise CheckinError(f"Status '{status}' tidak dapat diatur dari meja ({', '.join(DESK_STATUSES)}).")
    reason = _reason(reason)
    if status in REASON_REQUIRED and not reason:
        raise CheckinError(f"Status {sessions.STATUS_LABELS[status]} memerlukan alasan.")
    at = iso(now)
    with sessions.write_transaction(db):
        session = sessions.require_session(db, session_id)
        officer = _officer(db, officer_id)
        if officer is None:
            raise CheckinError("Petugas tidak ditemukan.")
        if not sessions.officer_in_scope(db, session, officer):
            raise CheckinError(_not_in_session_message(session, officer) + ".")
        event_id = sessions.append_event(db, session.id, officer_id, status, at, "desk", reason,
                                         evidence=evidence)
    return Result(Outcome.ACCEPTED, f"{officer['nama']}: {sessions.STATUS_LABELS[status]}", at, _public(officer),
                  status=status, event_id=event_id)


def undo(db: sqlite_utils.Database, event_id: str, reason: str, now: _dt.datetime) -> Result:
    """Cancel one attendance event with a new 'undo' event (a reason is required)."""
    reason = _reason(reason)
    if not reason:
        raise CheckinError("Pembatalan memerlukan alasan.")
    at = iso(now)
    with sessions.write_transaction(db):
        row = db.conn.execute(
            "SELECT session_id, officer_id, status FROM attendance WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise CheckinError("Catatan presensi tidak ditemukan.")
        session_id, officer_id, status = row
        if status == "undo":
            raise CheckinError("Pembatalan tidak dapat dibatalkan; catat presensinya lagi.")
        # The officer's own events come from the index; `corrects` itself is not indexed.
        if any(e["corrects"] == event_id and e["status"] == "undo"
               for e in sessions.officer_events(db, session_id, officer_id)):
            raise CheckinError("Catatan presensi ini sudah dibatalkan.")
        officer = _officer(db, officer_id)
        new_id = sessions.append_event(db, session_id, officer_id, "undo", at, "desk", reason, corrects=event_id)
    name = officer["nama"] if officer else "Presensi"
    return Result(Outcome.ACCEPTED, f"{name}: presensi dibatalkan", at, _public(officer), status="undo",
                  event_id=new_id)


# --- the log of refused scans, resolved later ---------------------------------------------
# A walk-in whose card is not recognised, a card of another desa, a camera misread: the scan is
# refused on the spot and kept in scan_log. Later the desk either records the check-in it should
# have been (resolve_scan) or sets it aside (dismiss_scans). Rows are never deleted: how a scan
# ended is written into its own columns (resolution, resolved_at, resolution_reason, ...).

_SCAN_ORDER = "at DESC, after_seq DESC, rowid DESC"  # newest first, also within one second


def unresolved_scans(db: sqlite_utils.Database, session_id: str) -> list[dict]:
    """Refused scans of a session not yet resolved or dismissed, newest first.

    Each: id, at, text (what was read), result (why it was refused: unknown, revoked, ...),
    method, officer (the card's owner as in Result.officer, when the code was known).
    """
    sessions.require_session(db, session_id)
    cur = db.conn.execute(
        "SELECT id, at, text, result, method, officer_id FROM scan_log "
        f"WHERE session_id = ? AND resolution IS NULL ORDER BY {_SCAN_ORDER}", (session_id,))
    owners: dict[str, dict | None] = {}
    out = []
    for scan_id, at, text, result, method, officer_id in cur.fetchall():
        if officer_id is not None and officer_id not in owners:
            owners[officer_id] = _public(_officer(db, officer_id))
        out.append({"id": scan_id, "at": at, "text": text, "result": result, "method": method,
                    "officer": owners.get(officer_id) if officer_id else None})
    return out


def unresolved_count(db: sqlite_utils.Database, session_id: str) -> int:
    """How many refused scans of a session wait for the desk (one indexed count)."""
    return db.conn.execute("SELECT count(*) FROM scan_log WHERE session_id = ? AND resolution IS NULL",
                           (session_id,)).fetchone()[0]


def _open_scan(db: sqlite_utils.Database, scan_id: str) -> dict:
    """The scan_log row, refused if it is unknown or already resolved or dismissed."""
    cur = db.conn.execute("SELECT id, session_id, at, resolution, resolved_at, resolved_officer_id, "
                          "resolution_reason FROM scan_log WHERE id = ?", (scan_id,))
    row = cur.fetchone()
    if row is None:
        raise CheckinError(f"Pindaian '{scan_id}' tidak ditemukan di log.")
    scan = dict(zip([d[0] for d in cur.description], row))
    if scan["resolution"] == "resolved":
        officer = _officer(db, scan["resolved_officer_id"])
        raise CheckinError(f"Pindaian ini sudah diselesaikan pukul {hhmm(scan['resolved_at'])}: dicatat hadir "
                           f"untuk {officer['nama'] if officer else 'petugas lain'}.")
    if scan["resolution"] == "dismissed":
        raise CheckinError(f"Pindaian ini sudah diabaikan pukul {hhmm(scan['resolved_at'])} "
                           f"({scan['resolution_reason']}).")
    return scan


def _reason(reason: str | None) -> str | None:
    """A typed reason checked by the one text validator (length, hidden characters); None when empty."""
    try:
        return textcheck.reason(reason, required=False)
    except textcheck.TextError as exc:
        raise CheckinError(str(exc)) from None


def _resolution_reason(reason: str | None) -> str:
    reason = _reason(reason)
    if not reason:
        raise CheckinError("Alasan wajib diisi (mis. kartu tertukar, salah baca kamera).")
    return reason


def resolve_scan(db: sqlite_utils.Database, scan_id: str, officer_id: str, now: _dt.datetime, reason: str,
                 *, at_scan_time: bool = True) -> Result:
    """Record the check-in a refused scan should have been, for the officer the desk picked.

    The same decision as a manual check-in (check_in_officer, method 'manual', reason
    'dari log pindaian: ...'), and the scan marked resolved, in one transaction. The check-in
    takes the scan's own time by default: the officer was at the desk when the scan was refused,
    and resolving it later must not make them late. at_scan_time=False takes `now` instead.
    A duplicate (the officer is already checked in) also resolves the scan, with no new event.
    Any other outcome (not in this session, closed, ...) raises CheckinError and changes nothing.
    """
    reason = _resolution_reason(reason)
    resolved_at = iso(now)
    with sessions.write_transaction(db):
        scan = _open_scan(db, scan_id)
        when = dates.instant(scan["at"]) if at_scan_time else now
        result = check_in_officer(db, scan["session_id"], officer_id, when, "manual",
                                  f"dari log pindaian: {reason}")
        if not result.ok:
            # Raised inside the transaction, so the refusal check_in_officer logged is rolled back too.
            raise CheckinError(f"Tidak dicatat: {result.message}.")
        db.conn.execute(
            "UPDATE scan_log SET resolution = 'resolved', resolved_officer_id = ?, resolved_at = ?, "
            "resolution_reason = ?, resolved_event_id = ? WHERE id = ?",
            (officer_id, resolved_at, reason, result.event_id, scan_id))
    return result


def dismiss_scans(db: sqlite_utils.Database, scan_ids: Iterable[str], reason: str,
                  now: _dt.datetime | None = None) -> int:
    """Set refused scans aside as noise (a camera misread, a stranger's card), all or none.

    `now` defaults to the device clock. Returns how many were dismissed.
    """
    reason = _resolution_reason(reason)
    ids = list(dict.fromkeys(scan_ids))
    if not ids:
        raise CheckinError("Pilih pindaian yang akan diabaikan.")
    at = iso(now or _dt.datetime.now().astimezone())
    with sessions.write_transaction(db):
        for scan_id in ids:
            _open_scan(db, scan_id)
            db.conn.execute("UPDATE scan_log SET resolution = 'dismissed', resolved_at = ?, resolution_reason = ? "
                            "WHERE id = ?", (at, reason, scan_id))
    return len(ids)


def dismiss_scan(db: sqlite_utils.Database, scan_id: str, reason: str, now: _dt.datetime | None = None) -> int:
    return dismiss_scans(db, [scan_id], reason, now)


__all__ = ["ACKNOWLEDGED", "CheckinError", "RESULTS", "Result", "SessionError", "check_in",
           "check_in_officer", "dismiss_scan", "dismiss_scans", "paper_time", "resolve_scan", "set_status",
           "undo", "unresolved_count", "unresolved_scans"]
