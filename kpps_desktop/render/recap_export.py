"""The one recap export: the screen's buttons and `kpps recap` both write through `export_recap`,
which picks the writer for the format and records the one audit entry the file gets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import sqlite_utils

from kpps_desktop.core import audit, recap, tabular

FORMATS = ("csv", "xlsx", "pdf", "json", "png")


def export_recap(db: sqlite_utils.Database, r: recap.Recap, fmt: str, out: Path | str, *, paper: str = "a4",
                 absentees: Sequence[dict] | None = None,
                 anomalies: Sequence[recap.Anomaly] | None = None) -> Path:
    """Write `r` to the file `out` as csv, xlsx, pdf, json, or the rate chart as png, then audit it.

    The XLSX carries the absentees and anomalies of the recap's sessions; a screen passes the lists
    it shows, otherwise they are read here for the same sessions and region."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown recap format {fmt!r}")
    out = Path(out)
    if fmt == "json":
        with tabular.atomic_path(out) as tmp:
            tmp.write_text(json.dumps(recap.as_json(r), ensure_ascii=False, indent=1), encoding="utf-8")
    elif fmt == "csv":
        tabular.write_csv(recap.table(r), out)
    elif fmt == "xlsx":
        if absentees is None or anomalies is None:
            ids = [s.id for s in r.sessions] if not r.all_sessions else None
            absentees = recap.absentees(db, ids, within=r.within) if absentees is None else absentees
            anomalies = recap.anomalies(db, ids, within=r.within) if anomalies is None else anomalies
        tabular.write_xlsx(recap.workbook(r, absentees, anomalies), out)
    elif fmt == "pdf":
        from kpps_desktop.render import recap_pdf

        recap_pdf.recap_pdf(db, r, out, paper)
    else:
        from kpps_desktop.render import charts

        title = f"Persentase kehadiran per {recap.level_word(recap.LEVEL_LABELS[r.by])}"
        charts.save_png(lambda p, rect, pt: charts.draw_rates(p, rect, charts.rate_items(r.rows), title, pt), out)
    audit.exported(db, "rekap", out, len(r.rows), r.within, format=fmt)
    return out
