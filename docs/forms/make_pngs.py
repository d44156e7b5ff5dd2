"""Render every printed form of a demo desa and keep its first and last page as PNG (docs/forms/).

    PYTHONPATH=. .venv/bin/python docs/forms/make_pngs.py [--dpi 50]

Needs pdftoppm (poppler-utils). The PDFs are made by the app's own code on a scratch database:
the Kedungmalang demo, with some officers hadir, terlambat, izin and sakit at the pelantikan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kpps_desktop.core import cards, checkin, demo, exchange, recap, sessions, settings, transport
from kpps_desktop.core import db as dbmod
from kpps_desktop.render import cards as rcards
from kpps_desktop.render import forms, recap_pdf, receipt

HERE = Path(__file__).resolve().parent
DESA = "33.20.01.2001"  # Kedungmalang, Kedung, Jepara
WIB = dt.timezone(dt.timedelta(hours=7))


def make_db(path: Path):
    db = dbmod.open_db(path)
    demo.generate(db, DESA)
    settings.save_many(db, {"ketua_name": "Ahmad Fauzi", "sekretaris_name": "Sri Wahyuni",
                            "kop_address": "Jl. Raya Kedungmalang No. 1, Kedung, Jepara 59463"})
    for s in sessions.list_sessions(db):
        start = dt.datetime.combine(dt.date.fromisoformat(s.date), dt.time.fromisoformat(s.start_time), tzinfo=WIB)
        for i, o in enumerate(sessions.expected_officers(db, s.id)):
            if i % 9 == 4:
                checkin.set_status(db, s.id, o["id"], "izin" if i % 2 else "sakit", "surat keterangan", start)
            elif i % 11 != 6:
                checkin.check_in_officer(db, s.id, o["id"], start + dt.timedelta(seconds=40 * i - 900), "scanner")
        sessions.close_session(db, s.id, start + dt.timedelta(hours=4))
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kpps-forms-"))
    db = make_db(work / "desa.sqlite")
    cards.issue_missing(db)
    pel = next(s for s in sessions.list_sessions(db) if s.kind == "pelantikan")
    paying = [s.id for s in sessions.list_sessions(db) if s.kind in ("pelantikan", "bimtek")]
    pdfs = {
        "daftar-hadir": lambda out: forms.daftar_hadir_pdf(db, pel.id, out),
        "daftar-petugas-qr": lambda out: forms.roster_sheet_pdf(db, out, within=DESA),
        "kartu": lambda out: rcards.cards_pdf(db, out, within=DESA),
        "rekap-tps": lambda out: recap_pdf.recap_pdf(db, recap.recap(db, "tps", [pel.id], within=DESA), out),
        "transport-dan-kuitansi": lambda out: recap_pdf.transport_pdf(db, transport.payees(db, paying), out),
        "berita-acara": lambda out: receipt.receipt_pdf(exchange.export(db, work / "kirim.kpps", encrypt=False),
                                                        out, sender_wilayah=DESA, db=db),
    }
    for name, make in pdfs.items():
        out = work / f"{name}.pdf"
        make(out)
        pages = int(next(line.split()[-1] for line in subprocess.run(
            ["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()
            if line.startswith("Pages:")))
        for label, page in (("1", 1), ("akhir", pages)) if pages > 1 else (("1", 1),):
            target = HERE / f"{name}-{label}"
            subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page),
                            str(out), str(target)], check=True)
            print(f"{target.name}.png  ({name}, halaman {page} dari {pages})")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
