"""Reading online-meeting participant reports (Zoom, Google Meet, Teams, Google Forms) into rows.

The platforms export CSV/TSV with preamble lines before the table, headers translated with the
portal's language, UTF-16 from Teams and cp1252 from old spreadsheet round trips. This module
finds the table whatever surrounds it and gives one `Entry` per data row, numbered as the row
appears in the file (the line a spreadsheet shows), so evidence can point back at it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from kpps_desktop.core import fileio
from kpps_desktop.core.errors import InputError, UserError
from kpps_desktop.core.names import casefold_name as fold

MAX_BYTES = 32 * 2**20  # a participants report of 10,000 joins is under 2 MB
DELIMITERS = ("\t", ",", ";")


class ReportError(InputError):
    """A file that is not a participants report we can read; message in Indonesian."""


@dataclass(frozen=True)
class Entry:
    """One data row of a report (one join, or one person for per-person layouts)."""
    row: int  # the file's own line number (1 = first line), as a spreadsheet shows it
    name: str  # the display name cell as written
    names: tuple[str, ...]  # candidate names: "Renamed (Original)" gives both
    email: str | None = None
    minutes: float | None = None  # None when the layout has no duration (a form answer)
    join_text: str | None = None  # join and leave times as written; read only when needed (rejoins)
    leave_text: str | None = None
    nik: str | None = None
    code: str | None = None  # a card code typed into a form
    tps: int | None = None
    desa: str | None = None  # desa name as typed into a form

    @property
    def join(self) -> _dt.datetime | None:
        return parse_time(self.join_text)

    @property
    def leave(self) -> _dt.datetime | None:
        return parse_time(self.leave_text)


@dataclass
class Report:
    file: str  # the file's name (no folder: the evidence carries no local paths)
    sha256: str
    layout: str  # one of LAYOUTS' keys
    entries: list[Entry] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LAYOUTS[self.layout].label


# --- layouts ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Layout:
    key: str
    label: str
    required: dict[str, tuple[str, ...]]  # field -> accepted header texts, as the platforms write them
    optional: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stop_at_blank: bool = False  # a section ends at the first blank line (Teams)

    def expected(self) -> str:
        return ", ".join(aliases[0] for aliases in self.required.values())


_ZOOM_NAME = ("Name (Original Name)", "Nama (nama asli)", "Name", "Nama")
_ZOOM_EMAIL = ("User Email", "Email", "Email pengguna")
LAYOUTS: dict[str, Layout] = {layout.key: layout for layout in (
    Layout("zoom_unique", "Zoom (pengguna unik)",
           {"name": _ZOOM_NAME, "minutes": ("Total Duration (Minutes)", "Total durasi (menit)",
                                            "Durasi total (menit)")},
           {"email": _ZOOM_EMAIL}),
    Layout("zoom", "Zoom",
           {"name": _ZOOM_NAME, "join": ("Join Time", "Waktu bergabung"), "leave": ("Leave Time", "Waktu keluar"),
            "minutes": ("Duration (Minutes)", "Durasi (menit)")},
           {"email": _ZOOM_EMAIL, "waiting": ("In waiting room", "Di ruang tunggu")}),
    Layout("meet", "Google Meet",
           {"first": ("First name", "Nama depan"), "last": ("Last name", "Nama belakang"),
            "duration": ("Duration", "Durasi"), "join": ("Time joined", "Waktu bergabung")},
           {"email": ("Email",), "leave": ("Time exited", "Waktu keluar")}),
    Layout("meet_new", "Google Meet",
           {"name": ("Full Name", "Nama lengkap"), "duration": ("Time in Call", "Waktu dalam panggilan")},
           {"join": ("First Seen", "Pertama terlihat"), "email": ("Email",)}),
    Layout("teams", "Microsoft Teams",
           {"name": ("Name", "Nama"), "duration": ("In-Meeting Duration", "Durasi dalam rapat")},
           {"join": ("First Join", "Gabung pertama"), "leave": ("Last Leave", "Keluar terakhir"),
            "email": ("Email",)}, stop_at_blank=True),
    Layout("teams_activity", "Microsoft Teams (aktivitas)",
           {"name": ("Name", "Nama"), "join": ("Join Time", "Waktu bergabung"),
            "leave": ("Leave Time", "Waktu keluar"), "duration": ("Duration", "Durasi")},
           {"email": ("Email",)}, stop_at_blank=True),
    Layout("forms", "Google Formulir",
           {"timestamp": ("Timestamp", "Cap waktu", "Stempel waktu"), "name": ("Nama",)}),
)}


_FORMS_TIMESTAMP = ("timestamp", "cap waktu", "stempel waktu")


def _header(cell: str) -> str:
    return " ".join(fold(cell.strip().strip("\ufeff").strip('"')).split())


def _match_layout(cells: list[str]) -> tuple[Layout, dict[str, int]] | None:
    """The layout whose required headers this row has, with field -> column index."""
    heads = [_header(c) for c in cells]
    for layout in LAYOUTS.values():
        if layout.key == "forms":
            found = _forms_columns(heads)
        else:
            found = {}
            for name, aliases in {**layout.required, **layout.optional}.items():
                folded = {_header(a) for a in aliases}
                for i, head in enumerate(heads):
                    if head in folded and i not in found.values():
                        found[name] = i
                        break
        if all(name in found for name in layout.required):
            return layout, found
    return None


def _forms_columns(heads: list[str]) -> dict[str, int]:
    """A Google Forms sheet: a timestamp column and free questions; find them by their words."""
    found: dict[str, int] = {}
    for i, head in enumerate(heads):
        words = set(re.split(r"[^a-z0-9]+", head))
        if head in _FORMS_TIMESTAMP and "timestamp" not in found:
            found["timestamp"] = i
        elif "nik" in words and "nik" not in found:
            found["nik"] = i
        elif ("kode" in words or "code" in words) and "code" not in found:
            found["code"] = i
        elif "tps" in words and "tps" not in found:
            found["tps"] = i
        elif words & {"desa", "kelurahan", "kel"} and "desa" not in found:
            found["desa"] = i
        elif words & {"email", "surel"} and "email" not in found:
            found["email"] = i
        elif words & {"nama", "name"} and "name" not in found:
            found["name"] = i
    return found


# --- decoding ---------------------------------------------------------------------------------

def decode(data: bytes) -> str:
    """Text of a report: BOM first, then UTF-16 without BOM (NUL bytes), UTF-8, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    sample = data[:4000]
    if sample.count(0) > len(sample) // 4:
        even = sample[0::2].count(0)
        return data.decode("utf-16-be" if even > len(sample) // 4 else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(first line number, cells) per CSV record; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out, line = [], 1
    try:
        for cells in reader:
            out.append((line, cells))
            line = reader.line_num + 1
    except csv.Error:
        pass  # a malformed tail: what was read before it still counts
    return out


# --- values -----------------------------------------------------------------------------------

_UNITS = {"h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60, "jam": 60, "j": 60,
          "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1, "menit": 1, "mnt": 1,
          "s": 1 / 60, "sec": 1 / 60, "secs": 1 / 60, "second": 1 / 60, "seconds": 1 / 60, "detik": 1 / 60,
          "dtk": 1 / 60}
_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)")


def parse_minutes(text: str | None) -> float | None:
    """'36', '1 hr 2 min', '1 jam 5 menit', '1h 2m 10s', '01:02:10' -> minutes; None if unreadable."""
    text = fold((text or "").strip())
    if not text:
        return None
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return float(text.replace(",", "."))
    clock = re.fullmatch(r"(\d+):(\d{2})(?::(\d{2}))?", text)
    if clock:
        h, m, s = (int(clock[1]), int(clock[2]), int(clock[3])) if clock[3] else (0, int(clock[1]), int(clock[2]))
        return h * 60 + m + s / 60
    parts = _DURATION_PART.findall(text)
    if not parts or any(unit not in _UNITS for _, unit in parts):
        return None
    return sum(float(n.replace(",", ".")) * _UNITS[unit] for n, unit in parts)


_TIME_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M:%S",
                 "%Y-%m-%d %H:%M", "%m/%d/%y, %I:%M:%S %p", "%m/%d/%y %I:%M:%S %p", "%d/%m/%Y %H.%M.%S",
                 "%d/%m/%Y %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%H:%M:%S", "%H:%M")


def parse_time(text: str | None) -> _dt.datetime | None:
    """A join or leave time as the platforms write it (naive); None if unreadable."""
    text = " ".join((text or "").replace("\u202f", " ").split())
    if not text:
        return None
    for fmt in _TIME_FORMATS:
        try:
            return _dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return _dt.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None


# "(Guest)", "(Tamu)", "(Unverified)" that Teams and Meet append are not names.
_NOT_NAMES = {"guest", "tamu", "unverified", "tidak terverifikasi", "external", "eksternal", "host",
              "tuan rumah", "co-host", "organizer", "penyelenggara", "me", "saya"}
_RENAMED = re.compile(r"^(.*\S)\s*\(([^()]*)\)\s*$")


def split_names(cell: str) -> tuple[str, ...]:
    """'Renamed (Original)' -> both; a bare name -> itself; '(Guest)' suffixes dropped."""
    cell = " ".join((cell or "").split())
    m = _RENAMED.match(cell)
    if not m:
        return (cell,) if cell else ()
    inner = m[2].strip()
    if not inner or fold(inner) in _NOT_NAMES:
        return split_names(m[1])
    return tuple(dict.fromkeys((m[1].strip(), inner)))


def _int(text: str | None) -> int | None:
    m = re.search(r"\d{1,3}", text or "")
    return int(m[0]) if m else None


def _digits(text: str | None) -> str | None:
    digits = re.sub(r"\D", "", text or "")
    return digits or None


# --- reading ----------------------------------------------------------------------------------

def read_report(path: Path | str) -> Report:
    """Read one report file: its layout, its rows and its SHA-256 (the evidence of the import)."""
    path = Path(path)
    try:
        data = fileio.read_input(path, MAX_BYTES, "Laporan peserta")
    except UserError as exc:
        raise ReportError(str(exc)) from None
    return parse_report(data, path.name)


def parse_report(data: bytes, name: str = "laporan.csv") -> Report:
    text = decode(data)
    sha = hashlib.sha256(data).hexdigest()
    best_cells: list[str] = []
    for delimiter in DELIMITERS:
        if delimiter not in text:
            continue
        rows = _rows(text, delimiter)
        for i, (_, cells) in enumerate(rows[:200]):
            found = _match_layout(cells)
            if found:
                layout, columns = found
                entries = _entries(layout, columns, rows[i + 1:])
                if not entries:
                    raise ReportError(f"Berkas {name} ({layout.label}) tidak berisi baris peserta.")
                return Report(name, sha, layout.key, entries)
            filled = [c.strip() for c in cells if c.strip()]
            if len(filled) > len(best_cells):
                best_cells = filled
    found_text = ", ".join(best_cells[:12]) or "(tidak ada)"
    expected = "; ".join(f"{lay.label}: {lay.expected()}" for lay in LAYOUTS.values())
    raise ReportError(f"Format berkas {name} tidak dikenal. Kolom yang ditemukan: {found_text}. "
                      f"Kolom yang diharapkan: {expected}.")


def _entries(layout: Layout, columns: dict[str, int], rows: list[tuple[int, list[str]]]) -> list[Entry]:
    def cell(cells: list[str], name: str) -> str | None:
        i = columns.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else None

    out: list[Entry] = []
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            if layout.stop_at_blank and out:
                break
            continue
        if layout.stop_at_blank and re.match(r"^\d+\.\s", cells[0].strip()):
            break  # the next Teams section
        if layout.key in ("meet",):
            raw = " ".join(p for p in (cell(cells, "first"), cell(cells, "last")) if p)
        else:
            raw = cell(cells, "name") or ""
        if fold(cell(cells, "waiting") or "") in ("yes", "ya"):
            continue  # time in Zoom's waiting room is not attendance
        names = split_names(raw)
        minutes = parse_minutes(cell(cells, "minutes") or cell(cells, "duration"))
        out.append(Entry(
            row=line, name=" ".join(raw.split()), names=names, email=(cell(cells, "email") or "").lower() or None,
            minutes=minutes if layout.key != "forms" else None,
            join_text=cell(cells, "join"), leave_text=cell(cells, "leave"),
            nik=_digits(cell(cells, "nik")), code=cell(cells, "code") or None, tps=_int(cell(cells, "tps")),
            desa=cell(cells, "desa") or None))
    return out


__all__ = ["Entry", "LAYOUTS", "Report", "ReportError", "decode", "parse_minutes", "parse_report",
           "parse_time", "read_report", "split_names"]
