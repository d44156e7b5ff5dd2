"""CSV and XLSX files that are safe to open: no value runs as a formula, no half-written file."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from kpps_desktop.core import fileio

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection");
# tab and carriage return count too because some programs strip them before looking.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 (and so an .xlsx cell) cannot hold: the C0 controls other than tab, LF and CR.
ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_risky(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def neutralise(value: Any) -> Any:
    """For CSV: prefix a risky text with an apostrophe, which spreadsheets show as text."""
    return "'" + value if is_risky(value) else value


# The one write path (core/fileio.py); the name stays importable here for older callers.
atomic_path = fileio.atomic_path


@dataclass
class Table:
    """What an export holds: a title block, a header, rows, an optional totals row."""
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    title: str = ""
    subtitle: Sequence[str] = ()
    totals: Sequence[Any] | None = None
    widths: Sequence[float] | None = None  # spreadsheet column widths (characters)
    number_formats: dict[int, str] = field(default_factory=dict)  # column index -> Excel format
    sheet: str = "Rekap"
    footer: Sequence[Sequence[Any]] = ()  # rows under the table: terbilang, signature block
    # XLSX only: each row's outline level (0 = a top group); rows above the deepest level are group
    # headers, written bold, and what is under them folds away in Excel's outline.
    outline: Sequence[int] = ()


def csv_value(value: Any, number_format: str = "") -> Any:
    """A number as an Indonesian-locale spreadsheet reads it in a ';' file: a decimal comma,
    and a fraction shown as '%' in the XLSX written as percentage points (0.8413 -> '84,1')."""
    if isinstance(value, float):
        if number_format.endswith("%"):
            return f"{value * 100:.1f}".replace(".", ",")
        return repr(value).replace(".", ",")
    return neutralise(value)


CSV_DELIMITER = ";"


def write_csv(table: Table, out: Path | str, delimiter: str = CSV_DELIMITER) -> Path:
    """UTF-8 with BOM (so Excel reads the names right), header then rows then totals.

    Semicolons by default: Excel on an Indonesian-locale Windows uses the decimal comma and
    ';' as its list separator, so a comma-separated file opens as one column there.
    """
    with atomic_path(out) as tmp:
        with open(tmp, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f, delimiter=delimiter)
            w.writerow([neutralise(h) for h in table.header])
            fmt = table.number_formats
            for row in [*table.rows, *([table.totals] if table.totals is not None else [])]:
                w.writerow([csv_value(v, fmt.get(c, "")) for c, v in enumerate(row)])
    return Path(out)


def write_xlsx(table: Table | Sequence[Table], out: Path | str) -> Path:
    """One sheet per table: title lines, a bold header row frozen, rows, a bold totals row, set widths.

    Text cells are always written as text with Excel's quote prefix, so a value starting
    with '=' stays exactly what was typed and never runs (openpyxl would otherwise store
    it as a formula).
    """
    from openpyxl import Workbook

    wb = Workbook()
    tables = [table] if isinstance(table, Table) else list(table)
    for i, one in enumerate(tables):
        _fill_sheet(wb.active if i == 0 else wb.create_sheet(), one)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return Path(out)


def _fill_sheet(ws, table: Table) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws.title = table.sheet[:31]
    bold = Font(bold=True)
    thin = Side(style="thin", color="999999")
    box = Border(top=thin, bottom=thin, left=thin, right=thin)

    def put(r: int, c: int, value: Any):
        cell = ws.cell(row=r, column=c)
        if isinstance(value, str):
            # XML cannot hold control characters (openpyxl raises IllegalCharacterError): a name
            # stored before the validator existed is written with them shown as U+FFFD.
            cell.value = ILLEGAL_XLSX.sub("\ufffd", value)
            cell.data_type = "s"
            if is_risky(value):
                cell.quotePrefix = True
        else:
            cell.value = value
        return cell

    r = 1
    if table.title:
        put(r, 1, table.title).font = Font(bold=True, size=13)
        r += 1
    for line in table.subtitle:
        put(r, 1, line)
        r += 1
    if r > 1:
        r += 1  # a blank line between the title block and the table
    header_row = r
    for c, h in enumerate(table.header, 1):
        cell = put(r, c, h)
        cell.font, cell.border = bold, box
        cell.fill = PatternFill("solid", fgColor="DDE3EA")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    deepest = max(table.outline, default=0)
    if table.outline:
        ws.sheet_properties.outlinePr.summaryBelow = False  # a group's header row is above its rows
    for i, row in enumerate(table.rows):
        r += 1
        level = table.outline[i] if table.outline else deepest
        if level:
            ws.row_dimensions[r].outline_level = level
        for c, v in enumerate(row, 1):
            cell = put(r, c, v)
            cell.border = box
            if level < deepest:
                cell.font = bold
            if c - 1 in table.number_formats and not isinstance(v, str):
                cell.number_format = table.number_formats[c - 1]
    if table.totals is not None:
        r += 1
        first, last = header_row + 1, r - 1
        for c, v in enumerate(table.totals, 1):
            # Whole-number totals are SUM formulas: a row corrected in Excel keeps the total right.
            if isinstance(v, int) and not isinstance(v, bool) and last >= first:
                letter = get_column_letter(c)
                cell = ws.cell(row=r, column=c, value=f"=SUM({letter}{first}:{letter}{last})")
            else:
                cell = put(r, c, v)
            cell.font, cell.border = bold, box
            if c - 1 in table.number_formats and not isinstance(v, str):
                cell.number_format = table.number_formats[c - 1]
    if table.footer:
        r += 1
        for line in table.footer:
            r += 1
            for c, v in enumerate(line, 1):
                if v not in ("", None):
                    put(r, c, v)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    widths = table.widths or [max(10, len(str(h)) + 2) for h in table.header]
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.print_options.gridLines = False
    # Printed as the SPJ office expects: A4 landscape, one page wide, the header row on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.print_title_rows = f"{header_row}:{header_row}"
