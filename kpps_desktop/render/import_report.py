"""The roster import's check report saved as XLSX (core) or PDF (drawn here): one entry point for GUI and CLI."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from kpps_desktop.core import import_report
from kpps_desktop.core.errors import InputError
from kpps_desktop.core.roster_import import ImportPlan
from kpps_desktop.render.recap_pdf import Col, _Sheet, landscape

PDF_COLUMNS = (Col("Baris", 14, "right"), Col("Nama", 50), Col("Kolom", 30), Col("Jenis", 22), Col("Alasan", 60))


def write_report(plan: ImportPlan, source: str | Path, out: str | Path, now: _dt.datetime | None = None) -> Path:
    """Save the report as .xlsx or .pdf, chosen by the suffix of `out`; InputError for another suffix."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        return import_report.write_xlsx(plan, source, out, now)
    if suffix != ".pdf":
        raise InputError(f"Laporan hanya dapat disimpan sebagai .xlsx atau .pdf, bukan '{out.suffix or out.name}'.")
    report = import_report.table(plan, source, now)
    with landscape(out, "a4", report.title) as (writer, p, page_w, page_h):
        sheet = _Sheet(writer, p, page_w, page_h, report.title, report.subtitle, PDF_COLUMNS)
        sheet.header()
        for row in report.rows:
            sheet.row(["" if v is None else str(v) for v in row])
        if not report.rows:
            sheet.row(["", "", "", "", "Tidak ada masalah, peringatan, atau catatan."])
    return out
