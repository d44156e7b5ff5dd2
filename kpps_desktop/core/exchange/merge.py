"""The merge rules: staging validated records, references, and how each table merges."""

from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import operator
import sqlite3
from dataclasses import dataclass

from kpps_desktop.core import (
    roster,
    wilayah,
)
from kpps_desktop.core.exchange.container import ExchangeError
from kpps_desktop.core.exchange.manifest import Manifest, _batches, _Package
from kpps_desktop.core.exchange.records import _LABELS, COLUMNS, KEYS, TABLES
from kpps_desktop.core.progress import Progress


@dataclass
class TableCounts:
    new: int = 0
    duplicate: int = 0  # already here, identical
    conflict: int = 0  # already here, different: resolved by the documented rule
    applied: int = 0  # conflicts where the incoming version won



def _stage_ddl(table: str) -> str:
    cols = ", ".join(COLUMNS[table])
    extra = ", UNIQUE (device_id, seq)" if table == "attendance" else ""
    return (f"CREATE TEMP TABLE x_{table} ({cols}, PRIMARY KEY ({', '.join(KEYS[table])}){extra})")


def _drop_stage(db) -> None:
    for table in TABLES:
        db.conn.execute(f"DROP TABLE IF EXISTS temp.x_{table}")



def _stage(db, package: _Package, m: Manifest, origins: list[Manifest], any_scope: bool,
           progress: Progress | None) -> None:
    """Parse and validate every record into temp tables (the real tables are not touched)."""
    # Per origin device: the signed (seq range, count, digest) entries to recompute.
    expected: dict[str, list[list]] = {}
    for o in origins:
        for e in o.devices:
            expected.setdefault(e["device_id"], []).append([e, hashlib.sha256(), 0, o])
    if progress is not None:
        progress.set_total(sum(i["count"] for i in m.members.values()), "Memeriksa dan menggabungkan…")
    for table in TABLES:
        name = f"records/{table}.jsonl"
        sql = f"INSERT INTO x_{table} VALUES ({', '.join('?' * len(COLUMNS[table]))})"
        last = ("", 0)
        for first, lines, rows in _batches(package, table):
            if table == "officers" and not any_scope:
                outside = {d for d in {row[8] for row in rows} if not wilayah.is_within(d, m.scope)}
                if outside:
                    i, desa = next((i, row[8]) for i, row in enumerate(rows) if row[8] in outside)
                    raise ExchangeError(f"{name} baris {first + i}: petugas desa {desa} di luar "
                                        f"cakupan berkas ({m.scope})")
            if table == "officers":
                _check_officers(rows, first, name)
            if table == "attendance":
                last = _check_order(rows, last, first, name)
                _digest_devices(expected, lines, rows)
            _insert_stage(db, sql, rows, name)
            if progress is not None:
                progress.tick(len(rows))
    for device, entries in expected.items():
        for e, h, n, origin in entries:
            if n != e["count"] or h.hexdigest() != e["digest"]:
                raise ExchangeError(
                    f"catatan presensi perangkat {device[:8]} tidak cocok dengan yang ditandatangani "
                    f"perangkat {origin.device_id[:8]} ({n} dari {e['count']}); berkas diubah di jalan")


def _check_officers(rows: list[tuple], first: int, name: str) -> None:
    """The roster's own validator on every officer (roster.record_problems): a NIK whose date is
    day 99 passes the column check but not this one, as in the roster import and the dialog.
    roster.rows_to_check picks, at C speed, the few rows that need the full validator."""
    columns = COLUMNS["officers"]
    today = _dt.date.today()
    for i in roster.rows_to_check(columns, rows):
        problems = roster.record_problems(dict(zip(columns, rows[i])), today)
        if problems:
            raise ExchangeError(f"{name} baris {first + i}: {' '.join(problems.values())}")


def _check_order(rows: list[tuple], last: tuple, first: int, name: str) -> tuple:
    """Attendance strictly ascending by (device_id, seq), also across batches; returns the last key."""
    keys = [(row[6], row[7]) for row in rows]
    if not (last < keys[0] and all(map(operator.lt, keys, keys[1:]))):
        i = next(i for i, key in enumerate(keys) if key <= (keys[i - 1] if i else last))
        raise ExchangeError(f"{name} baris {first + i}: urutan (perangkat, nomor urut) tidak naik")
    return keys[-1]


def _digest_devices(expected: dict[str, list[list]], lines: list[bytes], rows: list[tuple]) -> None:
    """Feed each signed (device, seq range) digest the lines it covers, one slice per device run.

    The rows are sorted by (device_id, seq) (checked before), so a device's lines in a batch are
    one run and a seq range within it is one slice, found by bisection.
    """
    devices = [row[6] for row in rows]
    i = 0
    while i < len(rows):
        j = bisect.bisect_right(devices, devices[i], i)
        entries = expected.get(devices[i])
        if entries:
            seqs = [row[7] for row in rows[i:j]]
            for entry in entries:
                lo = i + bisect.bisect_left(seqs, entry[0]["seq_min"])
                hi = i + bisect.bisect_right(seqs, entry[0]["seq_max"])
                if hi > lo:
                    entry[1].update(b"\n".join(lines[lo:hi]) + b"\n")
                    entry[2] += hi - lo
        i = j


def _insert_stage(db, sql: str, batch: list[tuple], name: str) -> None:
    try:
        db.conn.executemany(sql, batch)
    except sqlite3.IntegrityError:
        raise ExchangeError(f"{name}: rekaman ganda di dalam berkas") from None


def _check_references(db, region: str | None = None) -> None:
    """Every id a record points to is in the file or already here (the foreign keys).

    With region (the signer's), a record of the file may point at an officer already here only
    when that officer lies inside the region, and a session-level event (no officer) only at a
    session of the region or a wider one covering it: the authority rule, checked in the same
    pass over the staged rows (exchange/authority.py checks what the file itself holds).
    """
    within = ("(o.desa = :region OR o.desa LIKE :region || '.%')",
              "(x.officer_id IS NOT NULL OR o.scope IS NULL OR o.scope = :region OR o.scope LIKE :region || '.%' "
              "OR :region LIKE o.scope || '.%')")
    checks = (
        ("attendance", "session_id", "sessions", "id", within[1]),
        ("attendance", "officer_id", "officers", "id", within[0]),
        ("session_officers", "session_id", "sessions", "id", None),
        ("session_officers", "officer_id", "officers", "id", within[0]),
        ("officers", "replaced_by", "officers", "id", within[0]),
        ("cards", "officer_id", "officers", "id", within[0]),
        ("card_revocations", "officer_id", "officers", "id", within[0]),
    )
    for table, column, target, key, rule in checks:
        limit = f" AND {rule}" if rule and region else ""
        sql = (f"SELECT {column} FROM x_{table} x WHERE {column} IS NOT NULL "
               f"AND NOT EXISTS (SELECT 1 FROM x_{target} WHERE {key} = x.{column}) "
               f"AND NOT EXISTS (SELECT 1 FROM main.{target} o WHERE o.{key} = x.{column}{{}}) LIMIT 1")
        row = db.conn.execute(sql.format(limit), {"region": region}).fetchone()
        if row and limit and not db.conn.execute(sql.format(""), {"region": region}).fetchone():
            raise ExchangeError(f"{table} merujuk {target} …{row[0][-8:]} di luar wilayah penandatangan "
                                f"({region} {wilayah.name(region)}); sebuah kunci hanya berwenang atas wilayahnya "
                                "sendiri, berkas ditolak")
        if row:
            raise ExchangeError(f"{table} merujuk {target} …{row[0][-8:]} yang tidak ada di berkas "
                                "maupun di database")
    row = db.conn.execute(
        "SELECT x.nik, x.nama, o.nama FROM x_officers x JOIN main.officers o ON o.nik = x.nik "
        "AND o.id <> x.id LIMIT 1").fetchone()
    if row:
        from kpps_desktop.core import nik as nikmod
        raise ExchangeError(
            f"NIK {nikmod.mask(row[0])} ({row[1]}) sudah ada di database sebagai petugas lain ({row[2]}); "
            "daftar petugas berasal dari dua sumber berbeda. Impor dulu daftar dari KPU/PPK")


def _lww_key(table: str, row: tuple) -> tuple:
    """Last writer wins: (updated_at instant, device_id, then the content) decides, everywhere alike."""
    cols = COLUMNS[table]
    content = tuple("" if v is None else str(v) for c, v in zip(cols, row) if c != "closed_at")
    updated = _dt.datetime.fromisoformat(row[cols.index("updated_at")])
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=_dt.UTC)
    return (updated, row[cols.index("device_id")], content)


def _merge_versioned(db, table: str, counts: TableCounts, frozen: str = "0") -> None:
    """Officers and sessions: same id, different content -> the larger _lww_key wins.

    A session's closed_at is merged apart: the earliest close anywhere (closing is one-way).
    frozen: SQL condition on the staged row x for records the signer may carry but not change
    (exchange/authority.py frozen_sessions): the local version stays.
    """
    cols = COLUMNS[table]
    n = len(cols)
    sel = ", ".join(f"x.{c}" for c in cols) + ", " + ", ".join(f"o.{c}" for c in cols)
    updates = []
    closed_i = cols.index("closed_at") if "closed_at" in cols else None
    for row in db.conn.execute(f"SELECT {sel}, {frozen} FROM x_{table} x JOIN main.{table} o ON o.id = x.id"):
        incoming, local = row[:n], row[n:2 * n]
        if incoming == local:
            counts.duplicate += 1
            continue
        counts.conflict += 1
        if row[-1]:
            continue
        winner = list(max(incoming, local, key=lambda r: _lww_key(table, r)))
        if closed_i is not None:
            closes = [v for v in (incoming[closed_i], local[closed_i]) if v is not None]
            winner[closed_i] = min(closes, key=_instant) if closes else None
        if tuple(winner) != local:
            counts.applied += 1
            updates.append((*winner[1:], winner[0]))
    if updates:
        db.conn.executemany(f"UPDATE main.{table} SET {', '.join(c + ' = ?' for c in cols[1:])} WHERE id = ?",
                            updates)
    cur = db.conn.execute(f"INSERT INTO main.{table} ({', '.join(cols)}) SELECT {', '.join(cols)} "
                          f"FROM x_{table} x WHERE NOT EXISTS (SELECT 1 FROM main.{table} o WHERE o.id = x.id)")
    counts.new += cur.rowcount


def _instant(stamp: str) -> tuple:
    t = _dt.datetime.fromisoformat(stamp)
    return (t if t.tzinfo else t.replace(tzinfo=_dt.UTC), stamp)


def _merge_set(db, table: str, counts: TableCounts) -> None:
    cols = ", ".join(COLUMNS[table])
    total = db.conn.execute(f"SELECT count(*) FROM x_{table}").fetchone()[0]
    cur = db.conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM x_{table} WHERE true "
                          "ON CONFLICT DO NOTHING")
    counts.new, counts.duplicate = cur.rowcount, total - cur.rowcount


def _merge_immutable(db, table: str, counts: TableCounts) -> None:
    """Records never edited (attendance events, revocations): same id must mean same content.

    Inserted first; only when some were already here (a repeat) are they compared, so the
    common case probes each index once. A conflict raises and the transaction rolls back.
    """
    _merge_set(db, table, counts)
    if not counts.duplicate:
        return
    cols = COLUMNS[table]
    differs = " OR ".join(f"x.{c} IS NOT o.{c}" for c in cols)
    bad = db.conn.execute(f"SELECT x.id FROM x_{table} x JOIN main.{table} o ON o.id = x.id "
                          f"WHERE {differs} LIMIT 1").fetchone()
    if bad:
        raise ExchangeError(f"{_LABELS[table]} …{bad[0][-8:]} sudah ada dengan isi berbeda; "
                            "catatan ini tidak boleh berubah")
    if table == "attendance":
        row = db.conn.execute(
            "SELECT x.device_id, x.seq FROM x_attendance x JOIN main.attendance a "
            "ON a.device_id = x.device_id AND a.seq = x.seq AND a.id <> x.id LIMIT 1").fetchone()
        if row:
            raise ExchangeError(f"perangkat {row[0][:8]} memakai nomor urut {row[1]} untuk dua catatan "
                                "berbeda (database disalin ke perangkat lain?)")


def _merge_cards(db, counts: TableCounts) -> None:
    """Cards by code; then per affected officer one live card (the earliest issued) is recomputed.

    A card is revoked at its earliest revocation record; other cards of an officer that are not
    revoked lose to the earliest issued (issued_at, code) and count as revoked when issued.
    """
    bad = db.conn.execute(
        "SELECT x.code FROM x_cards x JOIN main.cards o ON o.code = x.code WHERE "
        "x.officer_id IS NOT o.officer_id OR x.issued_at IS NOT o.issued_at OR x.device_id IS NOT o.device_id "
        "LIMIT 1").fetchone()
    if bad:
        raise ExchangeError(f"kartu {bad[0]} sudah ada untuk petugas lain")
    affected = [r[0] for r in db.conn.execute(
        "SELECT officer_id FROM x_cards UNION SELECT officer_id FROM x_card_revocations")]
    if not affected:
        return
    total = db.conn.execute("SELECT count(*) FROM x_cards").fetchone()[0]
    counts.new = db.conn.execute("SELECT count(*) FROM x_cards x WHERE NOT EXISTS "
                                 "(SELECT 1 FROM main.cards o WHERE o.code = x.code)").fetchone()[0]
    counts.duplicate = total - counts.new
    for officer in affected:
        rows = {r[0]: r for r in db.conn.execute(
            "SELECT code, officer_id, issued_at, device_id FROM main.cards WHERE officer_id = ? "
            "UNION SELECT code, officer_id, issued_at, device_id FROM x_cards WHERE officer_id = ?",
            (officer, officer))}
        if not rows:
            continue
        revoked = dict(db.conn.execute(
            "SELECT code, min(at) FROM main.card_revocations WHERE officer_id = ? GROUP BY code", (officer,)))
        live = [r for code, r in rows.items() if code not in revoked]
        keep = min(live, key=lambda r: (_instant(r[2]), r[0]))[0] if live else None
        final = [(code, o, issued, dev, None if code == keep else revoked.get(code, issued))
                 for code, (_, o, issued, dev) in rows.items()]
        db.conn.execute("DELETE FROM main.cards WHERE officer_id = ?", (officer,))
        db.conn.executemany("INSERT INTO main.cards (code, officer_id, issued_at, device_id, revoked_at) "
                            "VALUES (?, ?, ?, ?, ?)", final)


