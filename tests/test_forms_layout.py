"""The one page-layout rule, checked on every form for every row count from 1 to 130.

Each form is drawn by its real drawing function from data read once from a demo database and
cut to n rows. The text is read back with PDFium (QtPdf: ~20x faster than pypdf on pages of
QR squares) for every count, and with pypdf too for 1, 64 and 130 rows, so the sweep stays quick and
both readers are seen to agree. On every page: at least one data row and "Halaman x
dari y"; every row exactly once; the signatures exactly once, on the last page; totals = sum.
"""

import dataclasses
import re

import pytest
from pypdf import PdfReader

from kpps_desktop.core import cards as cardmod
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import demo, paperwork, recap, sessions, transport
from kpps_desktop.render import forms, layout, recap_pdf

KEDUNG = "33.20.01"
COUNTS = range(1, 131)
KETUA, SEKRETARIS = "Ahmad Ketuanya Uji", "Siti Sekretarisnya Uji"
ROW = re.compile(r"Petugas Uji (\d{3})")


@pytest.fixture(scope="module")
def data(tmp_path_factory, qapp):
    db = dbmod.open_db(tmp_path_factory.mktemp("forms") / "kedung.sqlite")
    demo.generate(db, KEDUNG)
    cardmod.issue_missing(db)
    kop = dataclasses.replace(paperwork.get(db), ketua=paperwork.Signer("Ketua PPK Kecamatan Kedung", KETUA),
                              sekretaris=paperwork.Signer("Sekretaris PPK Kecamatan Kedung", SEKRETARIS),
                              address="Jl. Raya Kedung No. 1")
    officers = cardmod.officers_for_print(db, within=KEDUNG)[:130]
    for i, o in enumerate(officers):
        o["nama"] = f"Petugas Uji {i + 1:03d}"  # a marker per row, unique, found on exactly one page
    session = next(s for s in sessions.list_sessions(db) if s.kind == "bimtek")
    yield {"db": db, "kop": kop, "officers": officers, "session": session}
    db.close()


def pages_of(path):
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    pages = [" ".join(doc.getAllText(i).text().split()) for i in range(doc.pageCount())]
    doc.close()
    if path.stem.lstrip("dhrst") in ("1", "64", "130"):
        pypdf_pages = [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]
        assert [ROW.findall(t) for t in pypdf_pages] == [ROW.findall(t) for t in pages]
        assert [re.findall(r"Halaman \d+ dari \d+", t) for t in pypdf_pages] == \
            [re.findall(r"Halaman \d+ dari \d+", t) for t in pages]
    return pages


def check_pages(pages, n, signer=KETUA):
    """Rows 1..n each on exactly one page, every page with a row and its page number, one signature."""
    seen = []
    for number, text in enumerate(pages, 1):
        rows = [int(m) for m in ROW.findall(text)]
        assert rows, f"{n} baris: halaman {number} tanpa baris data"
        assert f"Halaman {number} dari {len(pages)}" in text
        seen += rows
    assert sorted(seen) == list(range(1, n + 1))
    assert sum(text.count(signer) for text in pages) == 1 and signer in pages[-1]


def test_plan_never_leaves_a_page_without_rows_and_keeps_the_tail_with_rows():
    for n in range(0, 400):
        for first, nxt, tail in ((150, 240, 50), (75, 240, 60), (100, 100, 84), (180, 200, 130)):
            pages = layout.plan(n, 10, first, nxt, tail)
            assert [i for r in pages for i in r] == list(range(max(n, 1)))
            assert all(len(r) for r in pages)
            last_space = (first if len(pages) == 1 else nxt) - len(pages[-1]) * 10
            assert last_space >= tail
    # A list that just fills page 1 takes its last KEEP_ROWS rows to page 2, with the signatures.
    assert [len(r) for r in layout.plan(15, 10, 150, 240, 50)] == [12, 3]


def test_daftar_hadir_every_count(data, tmp_path):
    base = forms.daftar_hadir_data(data["db"], data["session"].id)
    for n in COUNTS:
        dh = dataclasses.replace(base, officers=data["officers"][:n], kop=data["kop"], marks={})
        out = forms.draw_daftar_hadir(dh, tmp_path / f"dh{n}.pdf")
        pages = pages_of(out)
        check_pages(pages, n)
        assert SEKRETARIS in pages[-1] and f"Jumlah petugas: {n} orang" in pages[-1]


def test_roster_sheet_every_count(data, tmp_path):
    for n in COUNTS:
        out = forms.draw_roster_sheet(data["officers"][:n], data["kop"], tmp_path / f"rs{n}.pdf", within=KEDUNG)
        pages = pages_of(out)
        seen = [int(m) for text in pages for m in ROW.findall(text)]
        assert sorted(seen) == list(range(1, n + 1))
        for number, text in enumerate(pages, 1):
            assert ROW.search(text) and f"Halaman {number} dari {len(pages)}" in text
        assert f"Jumlah: {n} petugas" in pages[-1]


def test_transport_list_every_count(data, tmp_path):
    rules = transport.Rules(("pelantikan", "bimtek"), 50_000, False, True)
    rows = [{**o, "amount": 50_000 * (1 + i % 2), "kegiatan": "Bimtek", "jabatan_label": "Anggota KPPS",
             "tps_text": f"TPS {o['tps']:03d}", "desa_nama": "Kedungmalang", "keterangan": ""}
            for i, o in enumerate(data["officers"])]
    for n in COUNTS:
        payees = transport.Payees([data["session"]], [], rules, rows[:n], sum(r["amount"] for r in rows[:n]))
        out = recap_pdf.draw_transport(payees, data["kop"], tmp_path / f"t{n}.pdf")
        *pages, kuitansi = pages_of(out)
        check_pages(pages, n)
        total = paperwork.ribuan(payees.total)
        assert f"Jumlah: Rp {total}" in pages[-1] and f"Rp {total}" in kuitansi and "KUITANSI" in kuitansi
        assert ("Materai" in kuitansi) == (payees.total >= 5_000_000)
        carried = 0
        for number, text in enumerate(pages, 1):
            on_page = [int(m) - 1 for m in ROW.findall(text)]
            if number > 1:  # what the previous pages summed, carried to the top of this one
                assert f"Jumlah dipindahkan dari halaman sebelumnya {paperwork.ribuan(carried)}" in text
            carried += sum(rows[i]["amount"] for i in on_page)
            if number < len(pages):
                assert f"Jumlah dibawa ke halaman berikutnya {paperwork.ribuan(carried)}" in text
        assert carried == payees.total


def test_recap_every_count(data, tmp_path):
    full = recap.recap(data["db"], "officer", within=KEDUNG)
    rows = [dict(r, nama=o["nama"]) for r, o in zip(full.rows, data["officers"])]
    for n in COUNTS:
        part = rows[:n]
        total = {k: sum(r[k] for r in part) for k in recap.COUNTS}
        total["rate"] = recap.rate(total)
        r = dataclasses.replace(full, rows=part, total=total)
        out = recap_pdf.draw_recap(r, data["kop"], tmp_path / f"r{n}.pdf")
        pages = pages_of(out)
        check_pages(pages, n)
        assert f"Jumlah {paperwork.ribuan(total['expected'])}" in pages[-1]
