"""The roster import's check report saved as XLSX (core) or PDF (drawn here): one entry point for GUI and CLI."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from kpps_desktop.core import import_report
from kpps_desktop.core.errors import InputError
from kpps_desktop.core.roster_import import ImportPlan
from kpps_desktop.render import layout, pdf
from kpps_desktop.render.layout import Column, Table

PDF_COLUMNS = (Column("Baris", 14, "right"), Column("Nama", 50), Column("Kolom", 30), Column("Jenis", 22),
               Column("Alasan", 60))
ROW_H = 7.0


def write_report(plan: ImportPlan, source: str | Path, out: str | Path, now: _dt.datetime | None = None) -> Path:
    """Save the report as .xlsx or .pdf, chosen by the suffix of `out`; InputError for another suffix."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        return import_report.write_xlsx(plan, source, out, now)
    if suffix != ".pdf":
        raise InputError(f"Laporan hanya dapat disimpan sebagai .xlsx atau .pdf, bukan '{out.suffix or out.name}'.")
    report = import_report.table(plan, source, now)

    def row(i: int, top: float, table: Table) -> None:
        for col, value in enumerate(report.rows[i]):
            table.cell(col, top, "" if value is None else str(value), max_pt=8)

    # The same page rule as every form (render/layout.py); a working paper, so no kop and no signatures.
    form = layout.Form(heading=[report.title, *report.subtitle], columns=PDF_COLUMNS, row_h=ROW_H,
                       n_rows=len(report.rows), draw_row=row, tail_h=0.0, draw_tail=lambda top, table: None,
                       empty_text="Tidak ada masalah, peringatan, atau catatan.")
    with pdf.pdf_writer(out, "a4", report.title, landscape=True) as (writer, p, page):
        layout.draw_form(writer, p, page.width / pdf.UNIT, page.height / pdf.UNIT, None, form)
    return out
