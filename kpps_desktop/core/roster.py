"""The roster of KPPS officers: validation, add, edit, replace (PAW), list."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import validate as textcheck
from kpps_desktop.core import wilayah
from kpps_desktop.core.errors import InputError
from kpps_desktop.core.roster_search import Table

if TYPE_CHECKING:  # annotations only: importing sqlite-utils costs ~45 ms of start-up
    import sqlite_utils

JABATAN_LABELS = {"ketua": "Ketua KPPS", "anggota": "Anggota KPPS", "linmas": "Linmas"}
STATUS_LABELS = {"aktif": "Aktif", "diganti": "Diganti"}
JK_LABELS = {"L": "Laki-laki", "P": "Perempuan"}

# Columns read for lists and screens, in one place so every reader agrees.
LIST_COLUMNS = (
    "id, nik, nama, jk, tempat_lahir, tanggal_lahir, alamat, telepon, desa, tps, tps_label, "
    "jabatan, status, replaced_by, is_demo"
)
# What the roster table shows, searches and sorts by; the rest stays in the database until needed.
# The roster's order: desa, TPS, then Ketua, Anggota, Linmas, then name. Migration 0009 indexes
# exactly these expressions, so listing a roster (12,201 officers for a kabupaten) needs no sort.
ORDER_BY = "desa, tps, CASE jabatan WHEN 'ketua' THEN 0 WHEN 'anggota' THEN 1 ELSE 2 END, nama"
TABLE_KEYS = ("id", "nik", "nama", "jk", "desa", "tps", "tps_label", "jabatan", "status", "replaced_by")
TABLE_COLUMNS = ", ".join(TABLE_KEYS)


class RosterError(InputError):
    """An officer that cannot be saved; `problems` maps field -> message (Indonesian)."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(problems.values()))


@dataclass
class Officer:
    nik: str
    nama: str
    jk: str
    desa: str
    tps: int
    jabatan: str
    tempat_lahir: str | None = None
    tanggal_lahir: str | None = None  # ISO date, YYYY-MM-DD
    alamat: str | None = None
    telepon: str | None = None
    tps_label: str | None = None
    status: str = "aktif"
    replaced_by: str | None = None
    is_demo: bool = False
    id: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> "Officer":
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in row.items() if k in names}
        values["is_demo"] = bool(values.get("is_demo"))
        return cls(**values)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    @property
    def jabatan_label(self) -> str:
        return JABATAN_LABELS.get(self.jabatan, self.jabatan)


@dataclass
class Validation:
    officer: Officer
    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def record_problems(record: dict, today: _dt.date | None = None) -> dict[str, str]:
    """validate() for an officer record as it travels (a handover file's line): its errors, and a
    NIK that is not already plain digits.

    The one officer validator, shared by the officer dialog (add/update_officer), the roster
    import and the handover import (issue #12)."""
    officer = Officer.from_row(record)
    v = validate(officer, today)
    errors = dict(v.errors)
    if "nik" not in errors and officer.nik != record.get("nik"):
        errors["nik"] = f"NIK '{record.get('nik')}' tidak dalam bentuk baku ('{officer.nik}')."
    return errors


# A fast pass for many records (a national handover import holds millions of officers): plain
# ASCII texts within their limits cannot hold what core/validate refuses (hidden or control
# characters, too long), so those need no closer look. It may only accept what validate()
# accepts; anything else goes to record_problems, which names the problem.
_ASCII = {key: re.compile(f"[ -~]{{0,{textcheck.LIMITS[key]}}}")
          for key in ("tempat_lahir", "alamat", "tps_label")}
_ASCII_NAME = re.compile(f"(?=[ -~]{{1,{textcheck.LIMITS['nama']}}}\\Z) *[!-~][ -~]*")
_ASCII_PHONE = re.compile(r"|(?=(?:\D*\d){8,15}\D*\Z)(?=.{1,20}\Z)\+?[0-9][0-9 ()./-]*")
_FAST_COLUMNS = (("nama", _ASCII_NAME), ("tempat_lahir", _ASCII["tempat_lahir"]), ("alamat", _ASCII["alamat"]),
                 ("telepon", _ASCII_PHONE), ("tps_label", _ASCII["tps_label"]))


def rows_to_check(columns: tuple[str, ...], rows: list[tuple]) -> list[int]:
    """Indexes of the officer rows (of the given columns, types already checked) that record_problems
    must look at; the rest pass validate() for certain."""
    at = columns.index("nik")
    niks = [row[at] for row in rows]
    passes = [map(nikmod.ALL_OK.fullmatch, niks)]
    for key, pattern in _FAST_COLUMNS:
        i = columns.index(key)
        passes.append(map(pattern.fullmatch, ["" if row[i] is None else row[i] for row in rows]))
    unknown = {p for p in {n[:2] for n in niks} if wilayah.get(p) is None}
    return [i for i, ok in enumerate(map(all, zip(*passes))) if not ok or niks[i][:2] in unknown]


def tps_label(tps: int, label: str | None = None) -> str:
    text = f"TPS {tps:03d}"
    return f"{text} ({label})" if label else text


def validate(officer: Officer, today: _dt.date | None = None) -> Validation:
    """Check one officer's fields; normalises the NIK and the name in place."""
    v = Validation(officer)
    born = None
    if officer.tanggal_lahir:
        try:
            born = _dt.date.fromisoformat(str(officer.tanggal_lahir))
        except ValueError:
            v.errors["tanggal_lahir"] = f"Tanggal lahir '{officer.tanggal_lahir}' tidak valid (YYYY-MM-DD)."
    jk = (officer.jk or "").strip().upper()
    if jk not in ("L", "P"):
        v.errors["jk"] = "Jenis kelamin harus L atau P."
    officer.jk = jk
    checked = nikmod.check(officer.nik, jk if jk in ("L", "P") else None, born, today)
    officer.nik = checked.nik
    if checked.errors:
        v.errors["nik"] = " ".join(checked.errors)
    v.warnings.extend(checked.warnings)
    # Free texts: one validator for the import, the dialog and the handover (core/validate.py).
    for key, check in (("nama", textcheck.name), ("tempat_lahir", lambda s: textcheck.text(s, "tempat_lahir")),
                       ("alamat", lambda s: textcheck.text(s, "alamat")), ("telepon", textcheck.phone),
                       ("tps_label", lambda s: textcheck.text(s, "tps_label"))):
        try:
            setattr(officer, key, check(getattr(officer, key)))
        except textcheck.TextError as exc:
            v.errors[key] = str(exc)
            if key == "nama" and not isinstance(officer.nama, str):
                officer.nama = ""
    if wilayah.get(officer.desa or "") is None or wilayah.level_of(officer.desa) != "desa":
        v.errors["desa"] = f"Kode desa '{officer.desa}' tidak dikenal."
    try:
        officer.tps = int(officer.tps)
        if officer.tps <= 0 or officer.tps > 999:
            raise ValueError
    except (TypeError, ValueError):
        v.errors["tps"] = f"Nomor TPS '{officer.tps}' tidak valid."
    if officer.jabatan not in JABATAN_LABELS:
        v.errors["jabatan"] = f"Jabatan '{officer.jabatan}' tidak dikenal (Ketua KPPS, Anggota KPPS, Linmas)."
    if officer.status not in STATUS_LABELS:
        v.errors["status"] = f"Status '{officer.status}' tidak dikenal."
    return v


def _row(officer: Officer, device: str, now: str) -> dict:
    row = officer.as_dict()
    row["is_demo"] = int(officer.is_demo)
    row["updated_at"] = now
    row["device_id"] = device
    return row


def _check_nik_free(db: sqlite_utils.Database, nik: str, own_id: str | None) -> None:
    hit = db.conn.execute("SELECT id, nama FROM officers WHERE nik = ?", (nik,)).fetchone()
    if hit and hit[0] != own_id:
        raise RosterError({"nik": f"NIK {nikmod.mask(nik)} sudah dipakai oleh {hit[1]}."})


def add_officer(db: sqlite_utils.Database, officer: Officer) -> Officer:
    v = validate(officer)
    if not v.ok:
        raise RosterError(v.errors)
    with db.atomic():
        _check_nik_free(db, officer.nik, None)
        officer.id = officer.id or dbmod.new_id()
        now = dbmod.utc_now()
        row = _row(officer, dbmod.device_id(db), now)
        row["created_at"] = now
        db["officers"].insert(row)
    return officer


def update_officer(db: sqlite_utils.Database, officer: Officer) -> Officer:
    if not officer.id:
        raise RosterError({"id": "Petugas belum tersimpan."})
    v = validate(officer)
    if not v.ok:
        raise RosterError(v.errors)
    with db.atomic():
        if get_officer(db, officer.id) is None:
            raise RosterError({"id": "Petugas tidak ditemukan."})
        _check_nik_free(db, officer.nik, officer.id)
        db["officers"].update(officer.id, _row(officer, dbmod.device_id(db), dbmod.edit_stamp(db, "officers", officer.id)))
    return officer


def replace_officer(db: sqlite_utils.Database, old_id: str, replacement: Officer) -> Officer:
    """PAW: the old officer stays, marked diganti and linked to the new one, who takes the seat."""
    old = get_officer(db, old_id)
    if old is None:
        raise RosterError({"id": "Petugas yang diganti tidak ditemukan."})
    if old.status == "diganti":
        raise RosterError({"status": f"{old.nama} sudah diganti sebelumnya."})
    replacement.desa, replacement.tps, replacement.tps_label = old.desa, old.tps, old.tps_label
    replacement.status = "aktif"
    with db.atomic():
        add_officer(db, replacement)
        db["officers"].update(
            old_id,
            {"status": "diganti", "replaced_by": replacement.id,
             "updated_at": dbmod.edit_stamp(db, "officers", old_id), "device_id": dbmod.device_id(db)},
        )
    return replacement


def get_officer(db: sqlite_utils.Database, officer_id: str) -> Officer | None:
    cur = db.conn.execute(f"SELECT {LIST_COLUMNS} FROM officers WHERE id = ?", (officer_id,))
    row = cur.fetchone()
    return Officer.from_row(dict(zip([d[0] for d in cur.description], row))) if row else None


def _select(db: sqlite_utils.Database, columns: str, within: str | None) -> sqlite3.Cursor:
    return db.conn.execute(*_query(columns, within))


def _query(columns: str, within: str | None) -> tuple[str, list]:
    sql = f"SELECT {columns} FROM officers"
    params: list = []
    if within:
        sql += " WHERE desa = ? OR desa LIKE ?"
        params = [within, within + ".%"]
    return f"{sql} ORDER BY {ORDER_BY}", params


def _fetch(db: sqlite_utils.Database, columns: str, within: str | None) -> tuple[list[tuple], list[int]]:
    """(rows, indexes of rows holding text that is not UTF-8): such a row is reported, the rest listed."""
    try:
        return _select(db, columns, within).fetchall(), []
    except sqlite3.OperationalError as exc:
        if not dbmod.is_decode_error(exc):
            raise
    return dbmod.fetch_lenient(db.conn, *_query(columns, within))


def list_officers(db: sqlite_utils.Database, within: str | None = None) -> list[dict]:
    """Officers as plain dicts, ordered by desa, TPS, position; `within` is any region code.

    A row whose stored text is not UTF-8 (written by another tool) comes with "unreadable": True
    and the bad bytes shown as U+FFFD.
    """
    rows, bad = _fetch(db, LIST_COLUMNS, within)
    keys = [c.strip() for c in LIST_COLUMNS.split(",")]
    out = [dict(zip(keys, r)) for r in rows]
    for i in bad:
        out[i]["unreadable"] = True
    return out


def list_table(db: sqlite_utils.Database, within: str | None = None) -> Table:
    """list_officers() for the roster table: TABLE_COLUMNS only, held as columns (table[i] is a dict).

    The window shows 12,201 officers at start-up: leaving out the columns the table never shows
    and building neither dicts nor row objects reads them in ~15 ms instead of ~40 ms."""
    return Table(TABLE_KEYS, _fetch(db, TABLE_COLUMNS, within)[0])


def count_table(table: Table) -> dict[str, int]:
    """The status bar's counts of a table already read: total, aktif, diganti, and among the
    aktif the women (perempuan) and Linmas. Counting the columns in hand takes ~1 ms; asking
    SQLite would read the whole table again (~3 ms for Jepara)."""
    status, jk, jabatan = (table.columns[key] for key in ("status", "jk", "jabatan"))
    return {"total": len(table), "aktif": status.count("aktif"), "diganti": status.count("diganti"),
            "perempuan": sum(1 for s, j in zip(status, jk) if j == "P" and s == "aktif"),
            "linmas": sum(1 for s, j in zip(status, jabatan) if j == "linmas" and s == "aktif")}


def count_officers(db: sqlite_utils.Database, within: str | None = None) -> dict[str, int]:
    """count_table() of the officers under `within` (any region code; None = all)."""
    return count_table(list_table(db, within))


def upsert_officers(db: sqlite_utils.Database, officers: Iterable[Officer]) -> tuple[int, int]:
    """Insert or update officers matched by NIK, in one transaction; returns (added, updated).

    Importing the same rows again changes nothing: unchanged officers are not rewritten.
    """
    device = dbmod.device_id(db)
    now = dbmod.utc_now()
    fields = ("nama", "jk", "tempat_lahir", "tanggal_lahir", "alamat", "telepon",
              "desa", "tps", "tps_label", "jabatan")
    added = updated = 0
    with db.atomic():
        existing = {
            r[0]: r for r in db.conn.execute(
                f"SELECT nik, id, {', '.join(fields)} FROM officers"
            )
        }
        inserts = []
        for o in officers:
            have = existing.get(o.nik)
            if have is None:
                o.id = o.id or dbmod.new_id()
                row = _row(o, device, now)
                row["created_at"] = now
                inserts.append(row)
                existing[o.nik] = (o.nik, o.id, *(getattr(o, f) for f in fields))
                added += 1
                continue
            o.id = have[1]
            new_values = tuple(getattr(o, f) for f in fields)
            if new_values != tuple(have[2:]):
                db.conn.execute(
                    f"UPDATE officers SET {', '.join(f + ' = ?' for f in fields)}, "
                    "updated_at = ?, device_id = ? WHERE id = ?",
                    (*new_values, dbmod.edit_stamp(db, "officers", o.id), device, o.id),
                )
                updated += 1
        if inserts:
            db["officers"].insert_all(inserts, batch_size=2000)
    return added, updated
