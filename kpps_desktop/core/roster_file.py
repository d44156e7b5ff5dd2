"""The roster file itself: reading a sheet the way offices make them (the first worksheet of an
.xlsx with merged cells filled, or a CSV in whatever encoding and delimiter Excel wrote) into
numbered rows, and the blank template with the expected columns. What the rows mean is
core/roster_import.py's business."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from pathlib import Path

from kpps_desktop.core import fileio
from kpps_desktop.core.errors import InputError, UserError

TEMPLATE_HEADERS = ("NO", "NIK", "NAMA LENGKAP", "JK", "TEMPAT LAHIR", "TANGGAL LAHIR", "ALAMAT",
                    "NO HP", "DESA", "TPS", "JABATAN", "KETERANGAN TPS")

# A 12,000-row roster is about 1 MB as .xlsx and 2 MB as .csv.
MAX_FILE_BYTES = 64 * 2**20


class RosterFileError(InputError):
    """A roster file that cannot be read at all; the message is for the user, in Indonesian."""


def read_table(path: str | os.PathLike) -> list[tuple[int, list]]:
    """Rows of the first worksheet (or CSV) with their 1-based row numbers; merged cells filled."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in (".xlsx", ".xlsm", ".csv", ".txt"):
        hint = " Buka di Excel lalu Simpan Sebagai .xlsx." if ext in (".xls", ".ods") else ""
        raise RosterFileError(f"Format file '{ext or path.name}' tidak didukung; gunakan .xlsx atau .csv.{hint}")
    try:
        # Bounded input: a FIFO, /dev/zero or a 1 GB file is refused before a byte is read, and
        # an .xlsx that would inflate to gigabytes before openpyxl opens it.
        fileio.check_input(path, MAX_FILE_BYTES, "File")
        if ext in (".csv", ".txt"):
            return _read_csv(path.read_bytes())
        fileio.check_zip_bomb(path)
        return _read_xlsx(path)
    except FileNotFoundError:
        raise RosterFileError(f"File '{path}' tidak ditemukan.") from None
    except PermissionError:
        # Excel on Windows locks the workbook it has open.
        raise RosterFileError(
            f"File '{path.name}' tidak dapat dibuka; mungkin sedang dibuka di Excel. Tutup dulu, lalu coba lagi."
        ) from None
    except RosterFileError:
        raise
    except UserError as exc:
        raise RosterFileError(str(exc)) from None
    except MemoryError:
        raise RosterFileError(f"File '{path.name}' terlalu besar untuk dibaca.") from None
    except Exception as exc:  # a damaged file may fail anywhere in openpyxl (zlib.error, lxml, ...)
        raise RosterFileError(
            f"File '{path.name}' tidak dapat dibaca sebagai {ext[1:].upper()} ({type(exc).__name__}). "
            "Apakah file rusak atau diberi kata sandi?"
        ) from None


def _read_xlsx(path: Path) -> list[tuple[int, list]]:
    import openpyxl

    # read_only mode is several times faster on 12,000-row rosters (see bench/bench_import.py),
    # but it does not expose merged ranges: those are read from the sheet XML below.
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.active
        if ws is None or not hasattr(ws, "_worksheet_path"):
            raise RosterFileError(f"File '{path.name}' tidak berisi lembar kerja.")
        ws.reset_dimensions()  # some writers store a wrong <dimension>, which would cut rows
        rows = [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]
        sheet_xml_path = ws._worksheet_path
    finally:
        wb.close()
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(sheet_xml_path)
    _fill_merged(rows, _merged_ranges(xml))
    return [(i, r) for i, r in enumerate(rows, start=1)]


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"')


def _merged_ranges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of each <mergeCell>, 1-based."""
    from openpyxl.utils import column_index_from_string as col

    tail = xml[xml.rfind(b"</sheetData>"):] if b"</sheetData>" in xml else xml
    return [(int(r1), col(c1.decode()), int(r2), col(c2.decode()))
            for c1, r1, c2, r2 in _MERGE.findall(tail)]


def _fill_merged(rows: list[list], ranges: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the top-left value: a DESA merged down applies to each row."""
    if not rows:
        return
    width = max(len(r) for r in rows)
    for r1, c1, r2, c2 in ranges:
        if r1 > len(rows) or c1 > len(rows[r1 - 1]):
            continue
        value = rows[r1 - 1][c1 - 1]
        if value is None:
            continue
        for r in range(r1, min(r2, len(rows)) + 1):
            row = rows[r - 1]
            last = min(c2, width)
            if len(row) < last:
                row.extend([None] * (last - len(row)))
            for c in range(c1, last + 1):
                row[c - 1] = value


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text" export
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # what Excel on Indonesian Windows writes as "CSV"
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _sniff_delimiter(text: str) -> str:
    """The delimiter whose rows agree most; csv.Sniffer gives up on title rows above the header."""
    sample = text[:20000].splitlines()[:40]
    best, best_score = ",", -1
    for delim in (",", ";", "\t"):
        counts = [len(r) for r in csv.reader(sample, delimiter=delim) if len(r) > 1]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = counts.count(mode) * (mode - 1)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv(data: bytes) -> list[tuple[int, list]]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    return [(i, row) for i, row in enumerate(reader, start=1)]


def write_template(path: str | os.PathLike) -> None:
    """An empty roster workbook with the expected headers, NIK as Text, and JK/JABATAN lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Roster KPPS"
    last = get_column_letter(len(TEMPLATE_HEADERS))
    ws["A1"] = "DAFTAR KPPS DAN LINMAS"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = ("Isi satu baris per petugas. NIK diketik sebagai teks (16 digit). JK: L/P. "
                "DESA: nama atau kode desa. TANGGAL LAHIR: DD-MM-YYYY.")
    ws.merge_cells(f"A2:{last}2")
    header = 3
    widths = {"NO": 5, "NIK": 20, "NAMA LENGKAP": 30, "JK": 5, "TEMPAT LAHIR": 16,
              "TANGGAL LAHIR": 14, "ALAMAT": 34, "NO HP": 15, "DESA": 18, "TPS": 6,
              "JABATAN": 16, "KETERANGAN TPS": 18}
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, title in enumerate(TEMPLATE_HEADERS, start=1):
        cell = ws.cell(header, i, title)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = widths[title]
    ws.freeze_panes = ws.cell(header + 1, 1)
    first, end = header + 1, header + 2000
    # Text format keeps all 16 NIK digits and the leading zero of phone numbers.
    for title in ("NIK", "NO HP", "TANGGAL LAHIR"):
        col = TEMPLATE_HEADERS.index(title) + 1
        ws.column_dimensions[get_column_letter(col)].number_format = "@"
        for r in range(first, end + 1):
            ws.cell(r, col).number_format = "@"
    for title, options in (("JK", '"L,P"'), ("JABATAN", '"KETUA KPPS,ANGGOTA KPPS,LINMAS"')):
        col = get_column_letter(TEMPLATE_HEADERS.index(title) + 1)
        dv = DataValidation(type="list", formula1=options, allow_blank=True, showErrorMessage=True,
                            errorTitle=title, error=f"Pilih salah satu: {options.strip(chr(34))}")
        dv.add(f"{col}{first}:{col}{end}")
        ws.add_data_validation(dv)
    with fileio.atomic_path(path, make_dirs=False) as tmp:  # a folder the user chose: not made up
        wb.save(tmp)
