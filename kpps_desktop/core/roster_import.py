"""Importing KPPS rosters from the .xlsx/.csv files offices really send, with a row-level report.

Reading the file into rows (and the blank template) is core/roster_file.py; here the rows
become officers and problems, and the plan is applied all or nothing."""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
from dataclasses import dataclass, field

import sqlite_utils

from kpps_desktop.core import audit
from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import roster, wilayah
from kpps_desktop.core.errors import InputError
from kpps_desktop.core.progress import Progress
from kpps_desktop.core.roster_file import MAX_FILE_BYTES as MAX_FILE_BYTES  # the file's names, importable here too
from kpps_desktop.core.roster_file import TEMPLATE_HEADERS as TEMPLATE_HEADERS
from kpps_desktop.core.roster_file import RosterFileError, read_table
from kpps_desktop.core.roster_file import write_template as write_template

# Rosters put a few title rows (KPU logo text, desa name, date) above the header.
HEADER_SEARCH_ROWS = 20
REQUIRED = ("nik", "nama", "jk", "tps", "jabatan")
FIELD_LABELS = {
    "nik": "NIK", "nama": "NAMA", "jk": "JK", "tempat_lahir": "TEMPAT LAHIR",
    "tanggal_lahir": "TANGGAL LAHIR", "ttl": "TEMPAT, TANGGAL LAHIR", "alamat": "ALAMAT",
    "telepon": "NO HP", "tps": "TPS", "tps_label": "KETERANGAN TPS", "jabatan": "JABATAN",
    "desa": "DESA", "kecamatan": "KECAMATAN",
}


def _key(text: object) -> str:
    """Header or value key: case, spaces and punctuation do not matter ('No. HP' == 'NOHP')."""
    return re.sub(r"[^0-9A-Z]", "", str(text).upper())


_ALIASES = {
    "no": "NO NOURUT NOMOR NOMORURUT",
    "nik": "NIK NONIK NOMORNIK NOMORINDUKKEPENDUDUKAN NIKKTP NOKTP NOMORKTP",
    "nama": "NAMA NAMALENGKAP NAMAPETUGAS NAMAKPPS NAMAANGGOTA",
    "jk": "JK LP JENISKELAMIN KELAMIN JNSKELAMIN",
    "tempat_lahir": "TEMPATLAHIR TMPLAHIR TPTLAHIR",
    "tanggal_lahir": "TANGGALLAHIR TGLLAHIR TGLLHR",
    "ttl": "TTL TEMPATTANGGALLAHIR TEMPATTGLLAHIR TEMPATDANTANGGALLAHIR TMPTGLLAHIR",
    "alamat": "ALAMAT ALAMATLENGKAP ALAMATRUMAH",
    "telepon": "HP NOHP NOMORHP TELEPON TELP NOTELEPON NOTELP NOMORTELEPON NOHPWA NOWA NOHANDPHONE",
    "tps": "TPS NOTPS NOMORTPS",
    "tps_label": "KETERANGANTPS KETTPS LOKASIKHUSUS TPSKHUSUS",
    "jabatan": "JABATAN JABATANKPPS KEDUDUKAN POSISI",
    "desa": "DESA KELURAHAN DESAKELURAHAN DESAKEL KELURAHANDESA NAMADESA KODEDESA",
    "kecamatan": "KECAMATAN KEC NAMAKECAMATAN KODEKECAMATAN",
}
HEADER_KEYS = {alias: fld for fld, aliases in _ALIASES.items() for alias in aliases.split()}

_JK = {"L": "L", "LK": "L", "LAKILAKI": "L", "LAKI": "L", "LAKI2": "L", "PRIA": "L",
       "P": "P", "PR": "P", "PEREMPUAN": "P", "WANITA": "P"}
_JABATAN = {"KETUA": "ketua", "KETUAKPPS": "ketua", "KPPS1": "ketua",
            "ANGGOTA": "anggota", "ANGGOTAKPPS": "anggota",
            **{f"KPPS{i}": "anggota" for i in range(2, 8)},
            "LINMAS": "linmas", "ANGGOTALINMAS": "linmas", "PETUGASLINMAS": "linmas",
            "PAMTPS": "linmas", "PETUGASPAMTPS": "linmas"}
_MONTHS = {m: i for i, names in enumerate(
    ("JAN JANUARI", "FEB FEBRUARI PEB PEBRUARI", "MAR MARET", "APR APRIL", "MEI MAY",
     "JUN JUNI", "JUL JULI", "AGU AGS AGT AGUSTUS AUG", "SEP SEPT SEPTEMBER",
     "OKT OKTOBER OCT", "NOV NOPEMBER NOVEMBER", "DES DESEMBER DEC"), start=1)
           for m in names.split()}
_TPS = re.compile(r"(?:TPS\s*[.:\-]?\s*)?(?:NO\.?\s*)?0*([0-9]{1,3})(?:\.0+)?")
_CODE = re.compile(r"[0-9][0-9.\s]*")





@dataclass(frozen=True)
class Problem:
    row: int  # 1-based spreadsheet row
    column: str  # the header text from the file, or a field name
    reason: str
    nama: str = ""  # the officer's name on that row, when it has one
    field: str = ""  # the field the column holds ('nik', 'jk', ...): which cell a fix goes into


class ImportRefused(InputError):
    """apply_import would not write a roster with problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        rows = len({p.row for p in problems})
        super().__init__(
            f"Impor dibatalkan: {rows} baris bermasalah, tidak ada data yang disimpan. "
            "Perbaiki file, atau pilih impor hanya baris yang benar."
        )


@dataclass
class ImportPlan:
    officers: list[roster.Officer]
    problems: list[Problem]
    warnings: list[Problem]
    header_row: int
    columns: dict[str, str]  # field -> header text in the file
    officer_rows: list[int] = field(default_factory=list)  # spreadsheet row of each officer
    # Rows that are not data (signature block, totals, blank or repeated-header rows) and rows the
    # user chose to skip: left out, each run of them with one note.
    notes: list[Problem] = field(default_factory=list)
    note_rows: int = 0  # how many rows the notes cover
    # What a re-check needs: the rows as read, the header's positions, the reading options, and
    # the fixes and skips the user made in the app (see recheck()).
    table: list[tuple[int, list]] = field(default_factory=list, repr=False)
    positions: dict[str, int] = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    edits: dict[tuple[int, str], object] = field(default_factory=dict)
    skip_rows: frozenset[int] = frozenset()
    _by_row: dict[int, list] | None = field(default=None, repr=False, compare=False)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})

    def cell(self, row: int, fld: str) -> object:
        """The value in the file (or as fixed in the app) of one field of one row; None if no such cell."""
        col = self.positions.get(fld)
        if col is None and fld in ("tempat_lahir", "tanggal_lahir"):
            col = self.positions.get("ttl")
        if self._by_row is None:  # the report asks for one cell per problem shown: index once
            self._by_row = dict(self.table)
        values = self._by_row.get(row)
        if col is None or values is None:
            return None
        return values[col] if col < len(values) else None

    def editable(self, problem: Problem) -> bool:
        """A problem can be fixed in the app when its cell exists in the file."""
        fld = problem.field
        return bool(fld) and (fld in self.positions or (
            fld in ("tempat_lahir", "tanggal_lahir") and "ttl" in self.positions))


@dataclass
class ImportResult:
    added: int
    updated: int
    skipped: int
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)



# --- cell values --------------------------------------------------------------------------

def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return _date_of(value).isoformat()
    text = " ".join(str(value).split())
    return text or None


def _date_of(value: _dt.date) -> _dt.date:
    return value.date() if isinstance(value, _dt.datetime) else value


def parse_date(value: object) -> _dt.date | None:
    """A birth date as spreadsheets hold it; None when empty; ValueError when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, (_dt.datetime, _dt.date)):
        return _date_of(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 80000:  # an Excel serial day number in a cell not formatted as date
            from openpyxl.utils.datetime import from_excel

            return _date_of(from_excel(value))
        raise ValueError(value)
    text = str(value).strip()
    m = re.fullmatch(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[ T].*)?", text)
    if m:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"([0-9]{1,2})[-/.\s]+([0-9]{1,2}|[A-Za-z]+)[-/.\s]+([0-9]{4})", text)
    if m:
        month = int(m[2]) if m[2].isdigit() else _MONTHS.get(m[2].upper())
        if month:
            return _dt.date(int(m[3]), month, int(m[1]))
    raise ValueError(value)


def _split_ttl(value: object) -> tuple[str | None, object]:
    """'Jepara, 12-03-1990' -> ('Jepara', '12-03-1990'); a date cell alone has no place."""
    if isinstance(value, (_dt.date, _dt.datetime)) or value is None:
        return None, value
    text = " ".join(str(value).split())
    m = re.fullmatch(r"(.*?)[,\s/]*\b([0-9]{1,2}[-/.\s]+(?:[0-9]{1,2}|[A-Za-z]+)[-/.\s]+[0-9]{4}"
                     r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})", text)
    if m:
        return (m[1].strip(" ,") or None), m[2]
    place, _, date = text.rpartition(",")
    return (place.strip() or None, date.strip()) if place else (text, None)


def _telepon(value: object) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = str(int(value))
        # A phone number stored as a number lost its leading zero: 81234567890 -> 081234567890.
        return "0" + digits if digits.startswith("8") else digits
    return _text(value)


def _tps(value: object) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    m = _TPS.fullmatch(" ".join(str(value).upper().split()))
    if not m:
        raise ValueError(value)
    return int(m[1])


# --- desa names -------------------------------------------------------------------------

_DESA_PREFIX = re.compile(r"^(?:DESA|DS|KELURAHAN|KEL)\b[.\s]*", re.IGNORECASE)


def _place_key(name: str) -> str:
    return _key(_DESA_PREFIX.sub("", name.strip()))


@functools.lru_cache(maxsize=4)
def _desa_index(root: str | None) -> dict[str, list[wilayah.Wilayah]]:
    """Desa under a region (None: the whole country) by name key; names repeat across kecamatan."""
    if root is None:
        regions = [w for p in wilayah.children(None) for w in wilayah.descendants(p.kode, "desa")]
    elif wilayah.level_of(root) == "desa":
        regions = [w for w in [wilayah.get(root)] if w]
    else:
        regions = wilayah.descendants(root, "desa")
    index: dict[str, list[wilayah.Wilayah]] = {}
    for w in regions:
        index.setdefault(_place_key(w.nama), []).append(w)
    return index


class _DesaResolver:
    """Turns a DESA cell (code or name, maybe with a KECAMATAN cell) into a desa code."""

    def __init__(self, scope: str | None):
        self.scope = scope
        self._cache: dict[tuple, tuple[str | None, str | None]] = {}

    def resolve(self, desa: object, kecamatan: object) -> tuple[str | None, str | None]:
        """(code, None) or (None, reason)."""
        key = (desa, kecamatan)
        if key not in self._cache:
            self._cache[key] = self._resolve(_text(desa) or "", _text(kecamatan))
        return self._cache[key]

    def _in_scope(self, kode: str) -> tuple[str | None, str | None]:
        if self.scope and not wilayah.is_within(kode, self.scope):
            return None, (f"Desa {wilayah.name(kode)} ({kode}) di luar wilayah instalasi ini "
                          f"({wilayah.name(self.scope)}).")
        return kode, None

    @staticmethod
    def _filter(found: list[wilayah.Wilayah], kecamatan: str | None) -> list[wilayah.Wilayah]:
        if not kecamatan:
            return found
        kec_code = wilayah.normalize_code(kecamatan) if _CODE.fullmatch(kecamatan) else None
        kec_key = _place_key(kecamatan)
        return [w for w in found
                if w.parent == kec_code or _place_key(wilayah.name(w.parent or "")) == kec_key]

    def _resolve(self, text: str, kecamatan: str | None) -> tuple[str | None, str | None]:
        if _CODE.fullmatch(text):
            kode = wilayah.normalize_code(text.replace(" ", ""))
            if wilayah.level_of(kode) != "desa" or wilayah.get(kode) is None:
                return None, f"Kode desa '{text}' tidak dikenal."
            return self._in_scope(kode)
        key = _place_key(text)
        # The scope's own index first: small and quick; the country's only to explain a miss.
        inside = self._filter(_desa_index(self.scope).get(key, []), kecamatan)
        if not inside:
            found = self._filter(_desa_index(None).get(key, []), kecamatan)
            if not found:
                where = f" di Kecamatan {kecamatan}" if kecamatan else ""
                return None, f"Desa '{text}'{where} tidak ditemukan dalam daftar wilayah."
            return self._in_scope(found[0].kode)
        if len(inside) > 1:
            options = ", ".join(f"Kec. {wilayah.name(w.parent or '')}" for w in inside[:5])
            return None, (f"Nama desa '{text}' ada di beberapa kecamatan ({options}); "
                          "tambahkan kolom KECAMATAN atau pakai kode desa.")
        return inside[0].kode, None


# --- parsing ----------------------------------------------------------------------------

def _find_header(rows: list[tuple[int, list]]) -> tuple[int, int, dict[str, int], dict[str, str]]:
    """(index in rows, row number, field -> column index, field -> header text)."""
    for index, (number, values) in enumerate(rows):
        if number > HEADER_SEARCH_ROWS:
            break
        positions: dict[str, int] = {}
        texts: dict[str, str] = {}
        for col, value in enumerate(values):
            if value is None:
                continue
            fld = HEADER_KEYS.get(_key(value))
            if fld and fld not in positions:  # the first of two same-named columns wins
                positions[fld] = col
                texts[fld] = " ".join(str(value).split())
        if "nik" in positions and "nama" in positions:
            return index, number, positions, texts
    raise RosterFileError(
        f"Baris judul kolom tidak ditemukan di {HEADER_SEARCH_ROWS} baris pertama: "
        "perlu judul kolom NIK dan NAMA pada baris yang sama."
    )


def parse_roster(path: str | os.PathLike, *, default_desa: str | None, scope: str | None,
                 today: _dt.date | None = None, progress: Progress | None = None) -> ImportPlan:
    """Read a roster file and check every row; nothing is written. See apply_import."""
    return check_rows(read_table(path), default_desa=default_desa, scope=scope, today=today, progress=progress)


def recheck(plan: ImportPlan, edits: dict[tuple[int, str], object] | None = None,
            skip_rows: set[int] | frozenset[int] | None = None, *, progress: Progress | None = None) -> ImportPlan:
    """The plan again with cells fixed in the app ((row, field) -> new text) and rows the user skips.

    Every row is checked again, so a fixed NIK that now repeats another row is caught as well.
    Fixes are kept in the plan (`edits`), on top of the file as it was read."""
    edits = {**plan.edits, **(edits or {})}
    skips = frozenset(plan.skip_rows if skip_rows is None else skip_rows)
    rows = []
    for number, values in plan.table:
        values = list(values)
        for (row, fld), value in edits.items():
            col = plan.positions.get(fld)
            if col is None and fld in ("tempat_lahir", "tanggal_lahir"):
                col = plan.positions.get("ttl")
            if row == number and col is not None:
                values.extend([None] * (col + 1 - len(values)))
                values[col] = value
        rows.append((number, values))
    new = check_rows(rows, progress=progress, skip_rows=skips, **plan.options)
    new.edits = edits
    new.table = rows  # as fixed: what the report shows and the next re-check starts from
    return new


def check_rows(rows: list[tuple[int, list]], *, default_desa: str | None, scope: str | None,
               today: _dt.date | None = None, progress: Progress | None = None,
               skip_rows: frozenset[int] = frozenset()) -> ImportPlan:
    """Check rows as read_table() gives them: find the header, then every row below it."""
    options = {"default_desa": default_desa, "scope": scope, "today": today}
    start, header_row, pos, texts = _find_header(rows)
    missing = [FIELD_LABELS[f] for f in REQUIRED if f not in pos]
    if missing:
        found = ", ".join(_text(v) or "" for v in rows[start][1] if _text(v)) or "-"
        raise RosterFileError(
            f"Kolom wajib tidak ditemukan: {', '.join(missing)}. Judul kolom yang terbaca di baris "
            f"{header_row}: {found}."
        )
    if default_desa:
        default_desa = wilayah.normalize_code(default_desa)
    resolver = _DesaResolver(scope)
    plan = ImportPlan([], [], [], header_row, dict(texts), table=rows, positions=dict(pos), options=options,
                      skip_rows=skip_rows)
    notes = _Notes()
    footer = False  # below a signature line or totals row: rows without a NIK belong to it
    first_row_of: dict[str, int] = {}
    body = rows[start + 1:]
    if progress is not None:
        progress.set_total(len(body), "Memeriksa baris roster")
    header_values = {c: _key(rows[start][1][c]) for c in (pos["nik"], pos["nama"])}

    def column(fld: str) -> str:
        return texts.get(fld) or (texts.get("ttl") if fld in ("tempat_lahir", "tanggal_lahir") else None) or fld

    for n, (number, values) in enumerate(body, start=1):
        if progress is not None and n % 500 == 0:
            progress.tick(500)

        def get(fld: str, values=values) -> object:
            col = pos.get(fld)
            if col is None or col >= len(values):
                return None
            value = values[col]
            if isinstance(value, str):
                value = value.strip() or None
            return value

        nik_raw, nama_raw = get("nik"), get("nama")
        if not any(v not in (None, "") for v in values):
            continue  # an empty row says nothing
        if number in skip_rows:
            notes.add(number, "dilewati atas pilihan pengguna", _text(nama_raw) or "")
            continue
        why = _not_data(values, nik_raw, header_values, footer)
        if why is not None:
            footer = footer or why in (_SIGNATURE, _TOTALS)
            notes.add(number, why)
            continue
        if nik_raw is None and nama_raw is None:
            filled = sum(get(f) is not None for f in ("jk", "tps", "jabatan", "tanggal_lahir", "ttl"))
            if filled < 2:
                notes.add(number, _BLANK)
            else:
                plan.warnings.append(Problem(number, column("nik"), "Baris dilewati: NIK dan nama kosong."))
            continue
        officer, errors, warnings = _parse_row(get, resolver, default_desa, today)
        nama = officer.nama
        for fld, reason in errors.items():
            plan.problems.append(Problem(number, column(fld), reason, nama, fld))
        for reason in warnings:
            plan.warnings.append(Problem(number, column("nik"), reason, nama, "nik"))
        if "nik" not in errors and officer.nik:
            first = first_row_of.setdefault(officer.nik, number)
            if first != number:
                plan.problems.append(Problem(
                    number, column("nik"), f"NIK {nikmod.mask(officer.nik)} sudah ada di baris {first}.", nama, "nik"))
                continue
        if not errors:
            plan.officers.append(officer)
            plan.officer_rows.append(number)
    if progress is not None:
        progress.tick(len(body) % 500)
    plan.notes, plan.note_rows = notes.done(), notes.rows
    return plan


_REPEAT, _TITLE, _BLANK = "judul kolom diulang", "judul bagian", "baris kosong (hanya nomor urut atau garis)"
_SIGNATURE, _TOTALS = "blok tanda tangan", "baris jumlah/total"
# Words that open a line of a signature block under the table: "Mengetahui,", "Ketua PPS", "NIP. ...".
_SIGNATURE_START = re.compile(
    r"^(MENGETAHUI|MENYETUJUI|DISAHKAN|KETUAPPS|KETUAPPK|SEKRETARISPPS|SEKRETARISPPK|KETUAKPU|KEPALADESA|KADES|"
    r"PETINGGI|LURAH|CAMAT|TTD|NIP|AN(KETUA|KEPALA)|PPS|PPK)")
_PLACE_DATE = re.compile(r"^[A-Za-z][A-Za-z .'\-]*,\s*[0-9]{1,2}[\s\-/.]+([A-Za-z]+|[0-9]{1,2})[\s\-/.]+[0-9]{4}$")
_TOTALS_START = re.compile(r"^(JUMLAH|TOTAL|SUBTOTAL|REKAP)")


def _looks_like_nik(value: object) -> bool:
    return value is not None and len(re.sub(r"[^0-9]", "", str(value))) >= 10


def _not_data(values: list, nik_raw: object, header_values: dict[int, str], footer: bool) -> str | None:
    """Why a row is clearly not an officer (a repeated header, a section title, a signature block,
    a totals row), or None. A row with a NIK is always data: its mistakes are reported, not hidden."""
    if all(c < len(values) and values[c] is not None and _key(values[c]) == k for c, k in header_values.items()):
        return _REPEAT
    if _looks_like_nik(nik_raw):
        return None
    texts = [" ".join(str(v).split()) for v in values if isinstance(v, str) and v.strip()]
    filled = [v for v in values if v not in (None, "")]
    if len({str(v) for v in filled}) == 1 and len(filled) > 2:
        return _TITLE  # merged across the columns: "TPS 002 (halaman 2)"
    if any(_TOTALS_START.match(_key(t)) for t in texts):
        return _TOTALS
    if any(_PLACE_DATE.match(t) or _SIGNATURE_START.match(_key(t)) or re.fullmatch(r"\(?[ ._]*\)?", t)
           for t in texts):
        return _SIGNATURE
    if footer:
        return _SIGNATURE  # the name and NIP under a signature, the next "Mengetahui," block
    if filled and all(isinstance(v, (int, float)) for v in filled) and len(filled) == 1:
        return _BLANK  # a numbered empty line of a form
    return None


class _Notes:
    """Runs of consecutive skipped rows with the same reason, one note per run."""

    def __init__(self):
        self._runs: list[list] = []  # [first, last, reason, names]
        self.rows = 0

    def add(self, row: int, reason: str, nama: str = "") -> None:
        self.rows += 1
        last = self._runs[-1] if self._runs else None
        if last and last[2] == reason and row == last[1] + 1 and not nama and not last[3]:
            last[1] = row
            return
        self._runs.append([row, row, reason, [nama] if nama else []])

    def done(self) -> list[Problem]:
        out = []
        for first, last, reason, names in self._runs:
            rows = f"Baris {first}" if first == last else f"Baris {first}–{last}"
            out.append(Problem(first, "", f"{rows} dilewati: {reason}.", names[0] if names else ""))
        return out


def _parse_row(get, resolver: _DesaResolver, default_desa: str | None,
               today: _dt.date | None) -> tuple[roster.Officer, dict[str, str], list[str]]:
    errors: dict[str, str] = {}
    tempat, tanggal = _text(get("tempat_lahir")), get("tanggal_lahir")
    ttl = get("ttl")
    if ttl is not None:
        ttl_place, ttl_date = _split_ttl(ttl)
        tempat = tempat or ttl_place
        tanggal = tanggal if tanggal is not None else ttl_date
    born = None
    try:
        born = parse_date(tanggal)
    except ValueError:
        errors["tanggal_lahir"] = (f"Tanggal lahir '{_text(tanggal)}' tidak terbaca; "
                                   "tulis DD-MM-YYYY, misalnya 12-03-1990.")
    jk_raw = get("jk")
    jk = _JK.get(_key(jk_raw)) if jk_raw is not None else None
    if jk is None:
        errors["jk"] = (f"Jenis kelamin '{_text(jk_raw)}' tidak dikenal; isi L atau P." if jk_raw is not None
                        else "Jenis kelamin kosong; isi L atau P.")
    jab_raw = get("jabatan")
    jabatan = _JABATAN.get(_key(jab_raw)) if jab_raw is not None else None
    if jabatan is None:
        errors["jabatan"] = (f"Jabatan '{_text(jab_raw)}' tidak dikenal; isi Ketua KPPS, Anggota KPPS, atau Linmas."
                             if jab_raw is not None else "Jabatan kosong; isi Ketua KPPS, Anggota KPPS, atau Linmas.")
    tps_raw = get("tps")
    tps = 0
    try:
        tps = _tps(tps_raw)
    except (ValueError, TypeError):
        errors["tps"] = (f"Nomor TPS '{_text(tps_raw)}' tidak terbaca; tulis misalnya 3, 003, atau TPS 003."
                         if tps_raw is not None else "Nomor TPS kosong.")
    desa_raw = get("desa")
    desa = None
    if desa_raw is not None:
        desa, reason = resolver.resolve(desa_raw, get("kecamatan"))
        if reason:
            errors["desa"] = reason
    elif default_desa:
        desa, reason = resolver.resolve(default_desa, None)
        if reason:
            errors["desa"] = reason
    else:
        errors["desa"] = "Desa kosong; isi kolom DESA (nama atau kode desa)."
    nik_raw = get("nik")
    officer = roster.Officer(
        nik=nik_raw if isinstance(nik_raw, (int, float)) else (_text(nik_raw) or ""),
        nama=_text(get("nama")) or "", jk=jk or "", desa=desa or "", tps=tps,
        jabatan=jabatan or "", tempat_lahir=tempat, tanggal_lahir=born.isoformat() if born else None,
        alamat=_text(get("alamat")), telepon=_telepon(get("telepon")),
        tps_label=_text(get("tps_label")),
    )
    checked = roster.validate(officer, today)
    for fld, reason in checked.errors.items():
        errors.setdefault(fld, reason)  # the reader's message names the bad value; keep it
    return officer, errors, checked.warnings


# --- writing ----------------------------------------------------------------------------

def apply_import(db: sqlite_utils.Database, plan: ImportPlan, *, skip_invalid: bool = False) -> ImportResult:
    """Write the plan's officers in one transaction, matched by NIK; refuse if rows have problems."""
    if plan.problems and not skip_invalid:
        raise ImportRefused(plan.problems)
    warnings: list[Problem] = []
    with db.atomic():
        known = dict(db.conn.execute("SELECT nik, desa FROM officers"))
        for officer, number in zip(plan.officers, plan.officer_rows or [0] * len(plan.officers)):
            old = known.get(officer.nik)
            if old is not None and old != officer.desa:
                warnings.append(Problem(number, plan.columns.get("desa", "desa"), (
                    f"NIK {nikmod.mask(officer.nik)} ({officer.nama}) sudah terdaftar di "
                    f"{wilayah.name(old)}; dipindah ke {wilayah.name(officer.desa)}.")))
        added, updated = roster.upsert_officers(db, plan.officers)
        audit.record(db, "import", "daftar_petugas", None, added + updated, {"added": added, "updated": updated})
    return ImportResult(added, updated, plan.bad_rows + len(plan.skip_rows), list(plan.problems), warnings)
