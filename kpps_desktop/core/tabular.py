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
    # XLSX cells computed by Excel, so a row corrected there keeps them right: (row index, column)
    # -> formula, row TOTALS for the totals row; "{c3}" is column 3's cell in the same row. The
    # value in `rows`/`totals` is what CSV and PDF show.
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    counted: Sequence[bool] | None = None  # which rows the totals add up (None: all)


TOTALS = -1  # the totals row in Table.formulas


@dataclass
class FormSheet:
    """A sheet laid out as an office form (a kuitansi), not a table: lines of cells, no grid.

    `boxes` frame cell ranges (first line, first column, last line, last column; 0-based), e.g.
    the amount in figures and the materai box.
    """
    lines: Sequence[Sequence[Any]]
    sheet: str
    widths: Sequence[float] = ()
    bold: Sequence[int] = ()  # line indexes
    boxes: Sequence[tuple[int, int, int, int]] = ()
    number_formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (line, column) -> format
    landscape: bool = False


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


def write_xlsx(table: Table | Sequence[Table | FormSheet], out: Path | str) -> Path:
    """One sheet per table: title lines, a bold header row frozen, rows, a bold totals row, set widths.

    Text cells are always written as text with Excel's quote prefix, so a value starting
    with '=' stays exactly what was typed and never runs (openpyxl would otherwise store
    it as a formula).
    """
    from openpyxl import Workbook

    wb = Workbook()
    tables = [table] if isinstance(table, Table) else list(table)
    for i, one in enumerate(tables):
        ws = wb.active if i == 0 else wb.create_sheet()
        if isinstance(one, FormSheet):
            _fill_form(ws, one)
        else:
            _fill_sheet(ws, one)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return Path(out)


def _is_count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _adds_up(rows: Sequence[Sequence[Any]], counted: list[bool], column: int, total: int) -> bool:
    """The total is the plain sum of the counted rows' numbers (else a formula would change it)."""
    return sum(row[column] for row, keep in zip(rows, counted) if keep and _is_count(row[column])) == total


def _sum_formula(letter: str, first: int, counted: list[bool]) -> str:
    """=SUM over the counted rows, as ranges of consecutive rows (a silent desa left out)."""
    ranges, start = [], None
    for i, keep in enumerate([*counted, False]):
        if keep and start is None:
            start = i
        elif not keep and start is not None:
            a, b = first + start, first + i - 1
            ranges.append(f"{letter}{a}:{letter}{b}" if b > a else f"{letter}{a}")
            start = None
    if not ranges:
        return "=0"
    # Excel takes up to 255 arguments per function: nest when a region has more gaps than that.
    while len(ranges) > 255:
        ranges = [f"SUM({','.join(ranges[i:i + 255])})" for i in range(0, len(ranges), 255)]
    return f"=SUM({','.join(ranges)})"


def _page_setup(ws, landscape: bool) -> None:
    """Printed as the SPJ office expects: A4, one page wide."""
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5


def _set(cell, value: Any) -> None:
    """A value into a cell; text stays text: never a formula, whatever it starts with."""
    if isinstance(value, str):
        # XML cannot hold control characters (openpyxl raises IllegalCharacterError): a name
        # stored before the validator existed is written with them shown as U+FFFD.
        cell.value = ILLEGAL_XLSX.sub("\ufffd", value)
        cell.data_type = "s"
        cell.quotePrefix = is_risky(value)
    else:
        cell.value = value


def _fill_form(ws, form: FormSheet) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    ws.title = form.sheet[:31]
    for i, line in enumerate(form.lines):
        for c, v in enumerate(line):
            if v in ("", None):
                continue
            cell = ws.cell(row=i + 1, column=c + 1)
            _set(cell, v)
            cell.alignment = Alignment(vertical="top", wrap_text=False)
            if i in form.bold:
                cell.font = Font(bold=True)
            if (i, c) in form.number_formats:
                cell.number_format = form.number_formats[i, c]
    side = Side(style="thin", color="333333")
    for top, left, bottom, right in form.boxes:
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                cell = ws.cell(row=r + 1, column=c + 1)
                cell.border = Border(top=side if r == top else None, bottom=side if r == bottom else None,
                                     left=side if c == left else None, right=side if c == right else None)
                cell.alignment = Alignment(horizontal="center", vertical="center")
    for c, width in enumerate(form.widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    _page_setup(ws, form.landscape)


def _fill_sheet(ws, table: Table) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws.title = table.sheet[:31]
    bold = Font(bold=True)
    thin = Side(style="thin", color="999999")
    box = Border(top=thin, bottom=thin, left=thin, right=thin)

    def put(r: int, c: int, value: Any):
        cell = ws.cell(row=r, column=c)
        _set(cell, value)
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
    first = header_row + 1

    def formula(template: str, row: int) -> str:
        return re.sub(r"\{c(\d+)\}", lambda m: f"{get_column_letter(int(m.group(1)) + 1)}{row}", template)

    deepest = max(table.outline, default=0)
    if table.outline:
        ws.sheet_properties.outlinePr.summaryBelow = False  # a group's header row is above its rows
    for i, row in enumerate(table.rows):
        r += 1
        level = table.outline[i] if table.outline else deepest
        if level:
            ws.row_dimensions[r].outline_level = level
        for c, v in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=formula(table.formulas[i, c - 1], r)) \
                if (i, c - 1) in table.formulas else put(r, c, v)
            cell.border = box
            if level < deepest:
                cell.font = bold
            if c - 1 in table.number_formats and not isinstance(v, str):
                cell.number_format = table.number_formats[c - 1]
    if table.totals is not None:
        r += 1
        last = r - 1
        counted = list(table.counted) if table.counted is not None else [True] * len(table.rows)
        for c, v in enumerate(table.totals, 1):
            if (TOTALS, c - 1) in table.formulas:
                cell = ws.cell(row=r, column=c, value=formula(table.formulas[TOTALS, c - 1], r))
            elif _is_count(v) and last >= first and _adds_up(table.rows, counted, c - 1, v):
                # Whole-number totals are SUM formulas over the rows they add up: a row corrected
                # in Excel keeps the total right.
                cell = ws.cell(row=r, column=c, value=_sum_formula(get_column_letter(c), first, counted))
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
    # Printed as the SPJ office expects: A4 landscape, one page wide, the header row on every page.
    _page_setup(ws, landscape=True)
    ws.print_title_rows = f"{header_row}:{header_row}"
