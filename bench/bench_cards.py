"""Benchmark: all 12,201 Jepara cards to PDF beside a no-QR floor (targets: <= 2.5x, PDF <= 5 MB), one desa.

The floor is QPdfWriter drawing the same number of cards' empty rectangles and text with
no QR, photo or layout work: what Qt's PDF engine costs on its own on this machine. Cards are
written by render/pdfdoc.py (shared parts as Form XObjects, QR as inline 1-bit images) with QR
symbols from render/qrfast.py; card and floor runs alternate so machine load hits both alike.

    .venv/bin/python bench/bench_cards.py [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kpps_desktop.core import cards, installation, roster, wilayah
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import nik as nikmod

KPPS_JEPARA = 12_201  # 1,743 TPS x 7
FIRST = ["Siti", "Budi", "Ahmad", "Dewi", "Sri", "Muhammad", "Nur", "Agus", "Rina", "Slamet", "Eko", "Tri"]
LAST = ["Aminah", "Santoso", "Fauzi", "Lestari", "Wahyuni", "Hidayat", "Rahmawati", "Prasetyo",
        "Setiawan", "Kurniawan", "Abdurrahman Wahyu Hidayatullah", "Riyadi"]


def make_officers(db) -> None:
    """Jepara's 12,201 KPPS: core.demo when it exists, else synthetic officers with valid NIKs."""
    try:
        from kpps_desktop.core import demo
    except ImportError:
        demo = None
    if demo is not None:
        demo.generate(db)
        return
    installation.init(db, "kpu", "33.20")
    rng = random.Random(7)
    desa = [w.kode for w in wilayah.descendants("33.20", "desa")]
    officers = []
    for i in range(KPPS_JEPARA // 7):
        kode = desa[i % len(desa)]
        tps = i // len(desa) + 1
        for k in range(7):
            jk = rng.choice("LP")
            born = _dt.date(1965 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
            region6 = kode[:5].replace(".", "") + kode[6:8]
            officers.append(roster.Officer(
                nik=nikmod.make(region6, born, jk, 1 + len(officers) % 9999),
                nama=f"{rng.choice(FIRST)} {rng.choice(LAST)}", jk=jk, desa=kode, tps=tps,
                jabatan="ketua" if k == 0 else "anggota", tanggal_lahir=born.isoformat()))
    # NIKs must be unique: make the serial part unique per officer.
    for n, o in enumerate(officers):
        o.nik = o.nik[:12] + f"{n % 9999 + 1:04d}"
        if n >= 9999:
            o.nik = o.nik[:6] + f"{int(o.nik[6:8]) % 28 + 1 + (40 if o.jk == 'P' else 0):02d}" + o.nik[8:]
    roster.upsert_officers(db, officers)


def floor_pdf(out: Path, count: int, paper: str = "a4") -> None:
    """Qt's PDF engine alone: per card a filled header, an outline and six lines of text."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor

    from kpps_desktop.render import cards as rcards
    from kpps_desktop.render import pdf
    from kpps_desktop.render.pdf import mm

    layout = rcards.sheet_layout(paper)
    red = QColor("#8c1c13")
    with pdf.pdf_writer(out, paper, "floor") as (writer, p, _page):
        for i in range(count):
            slot = i % layout.per_page
            if slot == 0 and i:
                writer.newPage()
            x, y = layout.origin(slot)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(red)
            p.drawRect(QRectF(mm(x), mm(y), mm(rcards.CARD_W), mm(11.5)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QColor(0, 0, 0))
            p.drawRect(QRectF(mm(x), mm(y), mm(rcards.CARD_W), mm(rcards.CARD_H)))
            for k, text in enumerate(("KARTU PETUGAS KPPS", f"Petugas nomor {i}", "ANGGOTA KPPS",
                                      "TPS 001", "Desa/Kel. Kedungmalang", "Kec. Kedung")):
                pdf.draw_text(p, mm(x + 26), mm(y + 16 + 4 * k), text, 7.0, k < 2)


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the database and PDFs in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-cards-"))
    work.mkdir(parents=True, exist_ok=True)
    db_path = work / "bench.sqlite"
    db_path.unlink(missing_ok=True)
    db = dbmod.open_db(db_path)

    from kpps_desktop.render import cards as rcards
    from kpps_desktop.render import ensure_gui_app, qr

    ensure_gui_app()
    t0 = time.perf_counter()
    make_officers(db)
    n = db.conn.execute("SELECT count(*) FROM officers WHERE status = 'aktif'").fetchone()[0]
    print(f"{n} active officers generated in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    issued = cards.issue_missing(db)
    print(f"issue_missing: {issued} codes in {time.perf_counter() - t0:.2f} s")

    codes = list(cards.current_codes(db).values())[:500]
    fast = timed(lambda: [qr.packed(c) for c in codes], 3)
    zx = timed(lambda: [qr._matrix_zxing(c) for c in codes], 3)
    py = timed(lambda: [qr._matrix_qrcode(c) for c in codes[:100]], 1)
    print(f"QR per code: qrfast {statistics.median(fast) / len(codes) * 1e3:.3f} ms, "
          f"zxing-cpp {statistics.median(zx) / len(codes) * 1e3:.3f} ms, "
          f"qrcode (best mask) {py[0] / 100 * 1e3:.3f} ms")

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    full, floor = [], []
    for _ in range(args.repeat):  # alternated: load from other work on the machine hits both alike
        full += timed(lambda: rcards.cards_pdf(db, work / "all.pdf", paper="a4"), 1)
        floor += timed(lambda: floor_pdf(work / "floor.pdf", n), 1)
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    first_desa = db.conn.execute("SELECT desa FROM officers ORDER BY desa LIMIT 1").fetchone()[0]
    n_desa = len(cards.officers_for_print(db, within=first_desa))
    desa = timed(lambda: rcards.cards_pdf(db, work / "desa.pdf", within=first_desa, paper="f4"),
                 max(args.repeat, 5))
    f4 = timed(lambda: rcards.cards_pdf(db, work / "all-f4.pdf", paper="f4"), 1)

    m_full, m_floor, m_desa = (statistics.median(t) for t in (full, floor, desa))
    size = (work / "all.pdf").stat().st_size / 1e6
    floor_size = (work / "floor.pdf").stat().st_size / 1e6
    print(f"all {n} cards, A4:  median {m_full:.2f} s  (target <= 10 s)  "
          f"[{', '.join(f'{t:.2f}' for t in full)}]  PDF {size:.1f} MB")
    print(f"all {n} cards, F4:  {f4[0]:.2f} s")
    ratio = m_full / m_floor
    print(f"floor (rects + text, no QR): median {m_floor:.2f} s  [{', '.join(f'{t:.2f}' for t in floor)}]  "
          f"PDF {floor_size:.1f} MB")
    print(f"RATIO cards/floor = {ratio:.2f}x  (target <= 2.5x)   PDF SIZE {size:.1f} MB  (target <= 5 MB)")
    print(f"one desa ({n_desa} cards, F4): median {m_desa * 1e3:.0f} ms  (target <= 1000 ms)")
    print(f"peak RSS: {rss0 / 1024:.0f} MB before the big runs, {rss1 / 1024:.0f} MB after "
          f"(+{(rss1 - rss0) / 1024:.0f} MB for {n} cards)")
    db.close()
    return 0 if ratio <= 2.5 and size <= 5 and m_desa <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
