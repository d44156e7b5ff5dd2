"""The roster import's check report as a table: on screen, saved as XLSX/PDF, and from the CLI."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from kpps_desktop.core import tabular
from kpps_desktop.core.roster_import import ImportPlan, Problem

KINDS = {"problem": "Masalah", "warning": "Peringatan", "note": "Catatan"}
HEADER = ("Baris", "Nama", "Kolom", "Jenis", "Alasan")


def entries(plan: ImportPlan) -> list[tuple[str, Problem]]:
    """(kind, problem) in the order of the file's rows; at one row, problems before warnings."""
    order = {"problem": 0, "warning": 1, "note": 2}
    out = [("problem", p) for p in plan.problems] + [("warning", w) for w in plan.warnings] \
        + [("note", n) for n in plan.notes]
    return sorted(out, key=lambda e: (e[1].row, order[e[0]]))


def summary(plan: ImportPlan) -> str:
    """'12 baris siap diimpor, 2 baris bermasalah, 1 peringatan, 4 catatan (baris bukan data).'"""
    text = f"{len(plan.officers)} baris siap diimpor, {plan.bad_rows} baris bermasalah"
    if plan.warnings:
        text += f", {len(plan.warnings)} peringatan"
    if plan.notes:
        text += f", {len(plan.notes)} catatan (baris bukan data atau dilewati)"
    return text + "."


def table(plan: ImportPlan, source: str | Path, now: _dt.datetime | None = None) -> tabular.Table:
    """The report as rows of Baris, Nama, Kolom, Jenis, Alasan (no NIK: reasons carry it masked)."""
    now = now or _dt.datetime.now()
    rows = [(e.row, e.nama, e.column, KINDS[kind], e.reason) for kind, e in entries(plan)]
    subtitle = [f"Berkas: {Path(source).name}", f"Diperiksa: {now:%d-%m-%Y %H:%M}", summary(plan)]
    if plan.edits:
        fixed = ", ".join(f"baris {row} kolom {plan.columns.get(fld, fld)}" for row, fld in sorted(plan.edits))
        subtitle.append(f"Diperbaiki di aplikasi: {fixed}.")
    return tabular.Table(HEADER, rows, title="Laporan pemeriksaan daftar petugas", subtitle=subtitle,
                         widths=(8, 30, 18, 12, 90), sheet="Laporan")


def write_xlsx(plan: ImportPlan, source: str | Path, out: str | Path, now: _dt.datetime | None = None) -> Path:
    """Save the report as a workbook, atomically (the PDF is drawn by render.import_report)."""
    return tabular.write_xlsx(table(plan, source, now), out)
