"""The audit log (UU PDP): who exported, imported, printed, revealed or deleted personal data, and when."""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpps_desktop.core import db as dbmod
from kpps_desktop.core.errors import InputError

if TYPE_CHECKING:  # annotations only: importing sqlite-utils costs ~45 ms of start-up
    import sqlite_utils

# The schema's CHECK lists the same actions (core/db.py, migration 0005_audit).
ACTIONS = {
    "export": "Ekspor",
    "import": "Impor",
    "print": "Cetak",
    "reveal_nik": "Tampilkan NIK",
    "delete_personal_data": "Hapus data pribadi",
    "backup": "Cadangan",
    "restore": "Pemulihan",
    "settings": "Pengaturan",
}


@dataclass(frozen=True)
class Entry:
    id: str
    at: str  # UTC, ISO 8601
    operator: str
    device_id: str
    action: str
    what: str
    scope: str | None
    count: int | None
    detail: dict | None

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    def as_json(self) -> dict:
        return {"id": self.id, "at": self.at, "operator": self.operator, "device_id": self.device_id,
                "action": self.action, "what": self.what, "scope": self.scope, "count": self.count,
                "detail": self.detail}


def record(db: sqlite_utils.Database, action: str, what: str, scope: str | None = None,
           count: int | None = None, detail: dict[str, Any] | None = None, *,
           operator: str | None = None) -> str:
    """Append one entry; returns its id. Inside the caller's transaction when there is one
    (a savepoint), so a rolled-back export or print leaves no entry behind.

    `operator` defaults to the 'operator' setting. Never put a NIK or a name in `what` or
    `detail`: the log outlives the personal data (core/retention.py keeps it).
    """
    if action not in ACTIONS:
        raise InputError(f"Jenis catatan audit '{action}' tidak dikenal.")
    if operator is None:
        operator = dbmod.get_setting(db, "operator") or ""
    entry_id = dbmod.new_id()
    fields = (entry_id, dbmod.utc_now(), operator, dbmod.device_id(db), action, what, scope, count,
              json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail is not None else None)
    with db.atomic():
        count_before, prev = _head(db)
        chain = link(prev, fields)
        db.conn.execute(
            "INSERT INTO audit_log (id, at, operator, device_id, action, what, scope, count, detail, chain) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*fields, chain))
        dbmod.set_meta(db, HEAD_KEY, f"{count_before + 1}:{chain}")
    return entry_id


# --- the hash chain ------------------------------------------------------------------------
# chain(n) = SHA-256(chain(n-1) hex + the entry's fields as canonical JSON); chain(0) = GENESIS.
# meta 'audit_head' = "<entries>:<last chain>", so cutting entries off the end shows too.
GENESIS = "0" * 64
HEAD_KEY = "audit_head"
_FIELDS = "id, at, operator, device_id, action, what, scope, count, detail"


def link(prev: str, fields: tuple) -> str:
    import hashlib

    body = json.dumps(list(fields), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def _head(db) -> tuple[int, str]:
    value = dbmod.get_meta(db, HEAD_KEY)
    if not value:
        return 0, GENESIS
    count, _, chain = value.partition(":")
    return int(count), chain


def chain_existing(db) -> None:
    """Migration 0012: chain the entries written before the chain existed, in the order written."""
    prev, n = GENESIS, 0
    for row in db.conn.execute(f"SELECT rowid, {_FIELDS} FROM audit_log ORDER BY rowid").fetchall():
        prev, n = link(prev, tuple(row[1:])), n + 1
        db.conn.execute("UPDATE audit_log SET chain = ? WHERE rowid = ?", (prev, row[0]))
    dbmod.set_meta(db, HEAD_KEY, f"{n}:{prev}")


@dataclass(frozen=True)
class Break:
    """Where the chain first fails: `position` counts entries from 1 (0: the head in meta)."""
    position: int
    entry_id: str | None
    at: str | None
    reason: str

    def message(self) -> str:
        where = (f"catatan ke-{self.position} (id {self.entry_id}, {self.at})" if self.entry_id
                 else "ujung log")
        return f"Log audit tidak utuh: {where}: {self.reason}."


def verify(db) -> tuple[int, Break | None]:
    """(entries checked, the first break or None). Reads only `db.conn` (the GUI's reader works)."""
    prev, n = GENESIS, 0
    rows = db.conn.execute(f"SELECT {_FIELDS}, chain FROM audit_log ORDER BY rowid")
    for row in rows:
        n += 1
        expected = link(prev, tuple(row[:9]))
        if row[9] != expected:
            reason = ("catatan ini diubah, atau catatan sebelumnya dihapus" if row[9] else
                      "catatan ini ditambahkan di luar aplikasi (tanpa rantai)")
            return n, Break(n, row[0], row[1], reason)
        prev = row[9]
    count, head = _head(db)
    if (count, head) != (n, prev) and not (count == 0 and n == 0):
        lost = count - n
        reason = (f"{lost} catatan terakhir dihapus" if lost > 0 else "penanda ujung log tidak cocok")
        return n, Break(0, None, None, reason)
    return n, None


def exported(db: sqlite_utils.Database, what: str, out: Path | str, count: int | None = None,
             scope: str | None = None, **detail: Any) -> str:
    """A file written for people outside the app: a PDF counts as a printout, anything else as an export."""
    out = Path(out)
    action = "print" if out.suffix.lower() == ".pdf" else "export"
    return record(db, action, what, scope, count, {"file": str(out), **detail})


def _since_text(since: _dt.date | _dt.datetime | str | None) -> str | None:
    """A lower bound comparable with the stored UTC stamps; a bare date means its local midnight."""
    if since is None or since == "":
        return None
    if isinstance(since, str):
        try:
            since = _dt.datetime.fromisoformat(since)
        except ValueError as exc:
            raise InputError(f"Tanggal '{since}' tidak sah; tulis TTTT-BB-HH.") from exc
    if not isinstance(since, _dt.datetime):
        since = _dt.datetime.combine(since, _dt.time())
    if since.tzinfo is None:
        since = since.astimezone()  # the user's local time
    return since.astimezone(_dt.timezone.utc).isoformat(timespec="seconds")


def entries(db: sqlite_utils.Database, action: str | None = None,
            since: _dt.date | _dt.datetime | str | None = None) -> list[Entry]:
    """Entries oldest first (in the order they were written), optionally of one action and from a time on."""
    if action is not None and action not in ACTIONS:
        raise InputError(f"Jenis catatan audit '{action}' tidak dikenal; pilih: {', '.join(ACTIONS)}.")
    where, params = [], []
    if action:
        where.append("action = ?")
        params.append(action)
    bound = _since_text(since)
    if bound:
        where.append("at >= ?")
        params.append(bound)
    sql = "SELECT id, at, operator, device_id, action, what, scope, count, detail FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = db.conn.execute(sql + " ORDER BY rowid", params).fetchall()
    return [Entry(*r[:8], json.loads(r[8]) if r[8] else None) for r in rows]


def describe(entry: Entry) -> str:
    """The detail as short text for a table cell: 'paper=a4, file=rekap.pdf'."""
    if not entry.detail:
        return ""
    return ", ".join(f"{k}={v}" for k, v in entry.detail.items())
