"""Printed PDFs: cards whose QRs decode from a 150 dpi raster, daftar hadir, roster sheet, calibration."""

import datetime as dt
import re

import pytest
import zxingcpp
from PIL import Image, ImageFilter
from pypdf import PdfReader

from kpps_desktop.cli import main
from kpps_desktop.core import cards, checkin, roster, sessions
from kpps_desktop.core import nik as nikmod
from kpps_desktop.render import cards as rcards
from kpps_desktop.render import ensure_gui_app, forms, pdf
from helpers.cards import DESA, make_officers

LONG_NAME = "Raden Mas Muhammad Abdurrahman Wahyu Hidayatullah Prasetyo Kusumo"  # 64 characters


@pytest.fixture
def app(qapp):
    return ensure_gui_app()


def rasterise(path, dpi=150):
    """Every page of a PDF as a PIL image, through Qt's own PDF renderer (QtPdf)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    pages = []
    for i in range(doc.pageCount()):
        size = doc.pagePointSize(i)
        image = doc.render(i, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
        # The page comes back transparent where nothing is drawn: lay it on white paper.
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        rgba = Image.frombytes("RGBA", (image.width(), image.height()), bytes(image.constBits()),
                               "raw", "RGBA", image.bytesPerLine())
        paper = Image.new("RGBA", rgba.size, "white")
        pages.append(Image.alpha_composite(paper, rgba).convert("L"))
    doc.close()
    return pages


def decoded(image):
    return sorted(b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode))


def pdf_text(path):
    """Each page's text, with pypdf's tabs between words made plain spaces, line by line."""
    return ["\n".join(" ".join(line.split()) for line in page.extract_text().splitlines())
            for page in PdfReader(str(path)).pages]


# --- sheet geometry ------------------------------------------------------------------------

@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_sheet_layout_fits_ten_cards_inside_safe_margins(paper):
    layout = rcards.sheet_layout(paper)
    w, h = pdf.PAPERS[paper]
    assert (layout.cols, layout.rows) == (2, 5)
    corners = [layout.origin(s) for s in range(layout.per_page)]
    for x, y in corners:
        assert x >= rcards.SAFE_MARGIN and y >= rcards.SAFE_MARGIN
        assert x + rcards.CARD_W <= w - rcards.SAFE_MARGIN + 1e-9
        assert y + rcards.CARD_H <= h - rcards.SAFE_MARGIN + 1e-9
    # Neighbouring cards never overlap.
    assert layout.origin(1)[0] - layout.origin(0)[0] >= rcards.CARD_W
    assert layout.origin(2)[1] - layout.origin(0)[1] >= rcards.CARD_H
    # Room to cut by hand between cards; a sixth row would break the margin on F4.
    assert layout.gap_x >= rcards.MIN_GAP and layout.gap_y >= rcards.MIN_GAP
    assert 6 * rcards.CARD_H + 5 * rcards.MIN_GAP > h - 2 * rcards.SAFE_MARGIN


def test_unknown_paper_is_refused():
    with pytest.raises(ValueError, match="kertas"):
        rcards.sheet_layout("letter")


# --- cards ----------------------------------------------------------------------------------

@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_every_card_qr_decodes_from_150_dpi_also_blurred_and_rotated(app, pps_db, tmp_path, paper):
    make_officers(pps_db, 23, names={5: LONG_NAME})  # two full sheets and a partial one
    out = tmp_path / f"kartu-{paper}.pdf"
    assert rcards.cards_pdf(pps_db, out, paper=paper) == 23
    codes = cards.current_codes(pps_db)
    expected = [r["code"] for r in cards.officers_for_print(pps_db)]
    assert sorted(expected) == sorted(codes.values())
    pages = rasterise(out)
    assert len(pages) == 3
    for i, page in enumerate(pages):
        want = sorted(expected[i * 10:(i + 1) * 10])
        assert decoded(page) == want
        blurred = page.filter(ImageFilter.GaussianBlur(1.0))
        assert decoded(blurred) == want
        turned = page.rotate(4, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
        assert decoded(turned.filter(ImageFilter.GaussianBlur(0.8))) == want


def test_card_text_is_selectable_with_names_codes_and_places(app, pps_db, tmp_path):
    officers = make_officers(pps_db, 7, names={2: LONG_NAME})
    pps_db["officers"].update(officers[6].id, {"tps_label": "Rutan"})
    out = tmp_path / "kartu.pdf"
    rcards.cards_pdf(pps_db, out)
    text = " ".join(pdf_text(out))
    flat = " ".join(text.split())
    codes = cards.current_codes(pps_db)
    for o in officers:
        assert all(word in flat for word in o.nama.split())
        printed = cards.format_code(codes[o.id])
        assert printed[:12] in flat and printed[13:] in flat
        assert o.nik not in flat and nikmod.mask(o.nik) not in flat  # cards carry no NIK at all
    assert "TPS 001 (Rutan)" in flat and "Kedungmalang" in flat and "Kec. Kedung" in flat
    assert "PEMILIHAN SERENTAK 2024" in flat and "KETUA KPPS" in flat


def test_long_names_wrap_or_shrink_but_never_overflow(app):
    width = pdf.mm(rcards.TEXT_W)
    for name in (LONG_NAME, "Siti", "Muhammad " * 8, "Abdurrahmanhidayatullahwahyuprasetyokusumo"):
        size, lines = pdf.fit(name, width, bold=True, max_pt=rcards.NAME_MAX_PT, stages=rcards.NAME_STAGES)
        assert " ".join(lines) == " ".join(name.split())  # nothing dropped
        for line in lines:
            assert pdf.text_width(line, size, True) <= width + 1e-6
        assert len(lines) <= 4
    size, lines = pdf.fit(LONG_NAME, width, bold=True, max_pt=rcards.NAME_MAX_PT, stages=rcards.NAME_STAGES)
    assert size >= 5.5  # still legible


def test_event_title_setting_and_one_card_again(app, pps_db, tmp_path):
    from kpps_desktop.core import db as dbmod

    officers = make_officers(pps_db, 12)
    dbmod.set_setting(pps_db, "event_title", "Pilkada Serentak Jepara 2024")
    new = cards.reissue(pps_db, officers[4].id)
    out = tmp_path / "satu.pdf"
    assert rcards.cards_pdf(pps_db, out, officer_ids=[officers[4].id], paper="f4") == 1
    assert decoded(rasterise(out)[0]) == [new]
    assert "PILKADA SERENTAK JEPARA 2024" in pdf_text(out)[0]
    log = cards.print_log(pps_db)
    assert [(r["what"], r["scope"], r["count"], r["paper"]) for r in log] == [
        ("kartu", "petugas terpilih", 1, "f4")]


def test_cards_with_photo(app, pps_db, tmp_path):
    officers = make_officers(pps_db, 2)
    folder = tmp_path / "foto"
    folder.mkdir()
    Image.new("RGB", (300, 400), (200, 30, 30)).save(folder / f"{officers[0].nik}.jpg")
    cards.import_photos(pps_db, folder)
    out = tmp_path / "foto.pdf"
    rcards.cards_pdf(pps_db, out)
    page = rasterise(out, 100)[0].convert("L")
    layout = rcards.sheet_layout("a4")
    x, y = layout.origin(0)
    cx = (x + rcards.PHOTO.center().x()) / 25.4 * 100
    cy = (y + rcards.PHOTO.center().y()) / 25.4 * 100
    x2, _ = layout.origin(1)
    cx2 = (x2 + rcards.PHOTO.center().x()) / 25.4 * 100
    assert page.getpixel((round(cx), round(cy))) < 120  # the red photo
    assert page.getpixel((round(cx2), round(cy))) > 150  # the light placeholder


def test_no_active_officers_is_a_clear_error(app, pps_db, tmp_path):
    with pytest.raises(ValueError, match="Tidak ada petugas"):
        rcards.cards_pdf(pps_db, tmp_path / "kosong.pdf")
    assert not (tmp_path / "kosong.pdf").exists()
    assert cards.print_log(pps_db) == []


@pytest.mark.parametrize("paper,size_pt", [("a4", (595, 842)), ("f4", (609, 935))])
def test_calibration_page(app, tmp_path, paper, size_pt):
    out = tmp_path / "kalibrasi.pdf"
    rcards.calibration_pdf(out, paper)
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size_pt
    text = pdf_text(out)[0]
    assert "tepat 100 mm" in text and "85,60 × 53,98 mm" in text
    # The ruler's base line, measured on a 254 dpi raster (10 px per mm), is 100 mm long.
    page = rasterise(out, dpi=254)[0]
    row = [page.getpixel((x, 700)) for x in range(page.width)]
    start = next(x for x, v in enumerate(row) if v < 128)
    end = next(x for x in range(start, len(row)) if row[x] >= 128)
    assert abs((end - start) / 10 - 100) <= 0.3


# --- daftar hadir -----------------------------------------------------------------------------

def make_session(db, scope_kind="desa", scope=DESA, **extra):
    row = {"id": "sesi-1", "kind": "pelantikan", "title": "Pelantikan KPPS Desa Kedungmalang",
           "date": "2024-11-07", "start_time": "08:00", "end_time": "10:00", "venue": "Balai Desa Kedungmalang",
           "scope_kind": scope_kind, "scope": scope, "created_at": "2024-11-01T00:00:00+00:00",
           "updated_at": "2024-11-01T00:00:00+00:00", "device_id": "uji", **extra}
    db["sessions"].insert(row)
    return row["id"]


@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_daftar_hadir_has_one_row_per_expected_officer(app, pps_db, tmp_path, paper):
    officers = make_officers(pps_db, 60, names={10: LONG_NAME})
    replacement = roster.Officer(nik=nikmod.make("332001", dt.date(1991, 2, 3), "P", 777), nama="Pengganti Baru",
                                 jk="P", desa=DESA, tps=2, jabatan="anggota")
    roster.replace_officer(pps_db, officers[8].id, replacement)
    session_id = make_session(pps_db)
    out = tmp_path / f"daftar-hadir-{paper}.pdf"
    assert forms.daftar_hadir_pdf(pps_db, session_id, out, paper) == 60
    pages = pdf_text(out)
    flat = " ".join(" ".join(pages).split())
    assert 2 <= len(pages) <= 4
    for i, page in enumerate(pages):
        assert "DAFTAR HADIR" in page and f"Halaman {i + 1} dari {len(pages)}" in page
        assert "Kamis, 7 November 2024" in page  # the header repeats on every page
    active = [o for o in officers if o.id != officers[8].id] + [replacement]
    for o in active:
        assert all(word in flat for word in o.nama.split())
        assert nikmod.mask(o.nik) in flat and o.nik not in flat
    assert nikmod.mask(officers[8].nik) not in flat  # replaced: not expected any more
    numbers = [int(n) for n in re.findall(r"(?m)^(\d+)\.\s*$", "\n".join(pages))]
    assert sorted(set(numbers)) == list(range(1, 61))  # numbered signature places
    assert "Ketua PPS" in pages[-1] and "Sekretaris PPS" in pages[-1]
    assert "Jumlah petugas: 60 orang" in pages[-1]
    assert cards.print_log(pps_db)[-1]["what"] == "daftar_hadir"


def test_daftar_hadir_rows_per_page_differ_between_a4_and_f4(app, pps_db, tmp_path):
    make_officers(pps_db, 100)
    session_id = make_session(pps_db)
    forms.daftar_hadir_pdf(pps_db, session_id, tmp_path / "a4.pdf", "a4")
    forms.daftar_hadir_pdf(pps_db, session_id, tmp_path / "f4.pdf", "f4")
    assert len(pdf_text(tmp_path / "a4.pdf")) > len(pdf_text(tmp_path / "f4.pdf")) >= 3


def test_daftar_hadir_fills_times_from_check_ins_and_can_show_nik(app, pps_db, tmp_path):
    officers = make_officers(pps_db, 5)
    session_id = make_session(pps_db)
    codes = cards.current_codes(pps_db, issue=True)
    wib = dt.timezone(dt.timedelta(hours=7))
    result = checkin.check_in(pps_db, session_id, codes[officers[1].id], dt.datetime(2024, 11, 7, 7, 52, tzinfo=wib))
    assert result.ok and result.status == "hadir"
    out = tmp_path / "dh.pdf"
    forms.daftar_hadir_pdf(pps_db, session_id, out, show_nik=True)
    flat = " ".join(" ".join(pdf_text(out)).split())
    assert "07.52" in flat and "Hadir" in flat and "07:52" not in flat  # EYD: a dot
    assert all(o.nik in flat for o in officers)


def test_daftar_hadir_for_selected_officers_and_empty_session(app, pps_db, tmp_path):
    officers = make_officers(pps_db, 4)
    session_id = make_session(pps_db, scope_kind="officers", scope=None)
    pps_db["session_officers"].insert_all([{"session_id": session_id, "officer_id": o.id} for o in officers[:2]])
    out = tmp_path / "susulan.pdf"
    assert forms.daftar_hadir_pdf(pps_db, session_id, out) == 2
    pps_db["sessions"].insert({**pps_db["sessions"].get(session_id), "id": "sesi-2"})
    assert forms.daftar_hadir_pdf(pps_db, "sesi-2", tmp_path / "kosong.pdf") == 0
    assert "Tidak ada petugas" in pdf_text(tmp_path / "kosong.pdf")[0]


def test_daftar_hadir_unknown_session(app, pps_db, tmp_path):
    with pytest.raises(sessions.SessionError):
        forms.daftar_hadir_pdf(pps_db, "tidak-ada", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# --- roster sheet -------------------------------------------------------------------------------

def test_roster_sheet_qrs_decode(app, pps_db, tmp_path):
    officers = make_officers(pps_db, 15)
    out = tmp_path / "daftar-qr.pdf"
    assert forms.roster_sheet_pdf(pps_db, out, within=DESA) == 15
    codes = cards.current_codes(pps_db)
    pages = rasterise(out)
    found = sorted(c for page in pages for c in decoded(page))
    assert found == sorted(codes[o.id] for o in officers)
    flat = " ".join(" ".join(pdf_text(out)).split())
    assert nikmod.mask(officers[0].nik) in flat and officers[0].nik not in flat


# --- CLI ------------------------------------------------------------------------------------------

def test_cli_cards_daftar_hadir_roster_sheet_and_codes(app, pps_db, db_path, tmp_path, capsys):
    officers = make_officers(pps_db, 12)
    session_id = make_session(pps_db)
    assert main(["cards", "--db", str(db_path), "--out", str(tmp_path / "k.pdf"), "--desa", DESA,
                 "--paper", "f4"]) == 0
    assert "12 kartu" in capsys.readouterr().out
    assert main(["cards", "--db", str(db_path), "--out", str(tmp_path / "satu.pdf"),
                 "--officer", officers[0].id]) == 0
    assert main(["cards", "--out", str(tmp_path / "kal.pdf"), "--calibration", "--paper", "f4"]) == 0
    assert main(["daftar-hadir", "--db", str(db_path), "--session", session_id,
                 "--out", str(tmp_path / "dh.pdf"), "--paper", "f4"]) == 0
    assert main(["roster", "sheet", "--db", str(db_path), "--out", str(tmp_path / "rs.pdf")]) == 0
    capsys.readouterr()
    assert main(["roster", "list", "--db", str(db_path), "--json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)
    codes = cards.current_codes(pps_db)
    assert {r["id"]: r["code"] for r in rows} == codes and len(codes) == 12
    assert [r["what"] for r in cards.print_log(pps_db)] == ["kartu", "kartu", "daftar_hadir", "daftar_petugas_qr"]


def test_cli_refuses_bad_input_with_a_message(app, pps_db, db_path, tmp_path, capsys):
    make_officers(pps_db, 2)
    assert main(["cards", "--db", str(db_path), "--out", str(tmp_path / "k.pdf"), "--desa", "99.99"]) == 1
    assert "tidak dikenal" in capsys.readouterr().err
    assert main(["daftar-hadir", "--db", str(db_path), "--session", "x", "--out", str(tmp_path / "d.pdf")]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert main(["cards", "--db", str(db_path), "--out", str(tmp_path / "k.pdf"), "--officer", "nope"]) == 1
    assert not (tmp_path / "k.pdf").exists() and not (tmp_path / "d.pdf").exists()


@pytest.mark.parametrize("encoder", ["zxing", "qrcode"])
def test_qr_matrix_decodes_and_is_small(encoder):
    from kpps_desktop.render import qr

    code = cards.new_code()
    n, data = qr.matrix(code, True) if encoder == "zxing" else qr._matrix_qrcode(code, True)
    assert n == 25 + 2 * qr.QUIET_ZONE  # version 2
    image = Image.frombytes("L", (n, n), data).resize((n * 6, n * 6), Image.Resampling.NEAREST)
    assert decoded(image) == [code]
    [found] = zxingcpp.read_barcodes(image)
    assert found.ec_level == "Q"


def test_cancel_leaves_no_file_and_no_log(app, pps_db, tmp_path):
    from kpps_desktop.core.progress import Canceled, Progress

    make_officers(pps_db, 120)
    seen = []

    def on_change(progress):
        seen.append(progress.done)
        if progress.done >= 50:
            progress.cancel()

    out = tmp_path / "batal.pdf"
    with pytest.raises(Canceled):
        rcards.cards_pdf(pps_db, out, progress=Progress(on_change=on_change))
    assert seen and seen[0] == 0 and max(seen) < 120
    assert list(tmp_path.glob("batal.pdf*")) == []
    assert cards.print_log(pps_db) == []


def test_pdf_text_has_no_ligatures_so_names_can_be_searched(tmp_path):
    import pypdf
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    from kpps_desktop.render import ensure_gui_app
    from kpps_desktop.render.pdf import font

    ensure_gui_app()
    out = tmp_path / "liga.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.setFont(font(12))
    painter.drawText(200, 400, "Rofiqoh Affandi")
    painter.end()
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "Rofiqoh" in text and "Affandi" in text


@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_crop_marks_stay_5_mm_from_the_paper_edge(app, pps_db, tmp_path, paper):
    make_officers(pps_db, 1)
    out = tmp_path / "k.pdf"
    rcards.cards_pdf(pps_db, out, paper=paper)
    page = rasterise(out, dpi=254)[0]  # 10 pixels per millimetre
    w, h = page.size
    edge = 50  # 5 mm
    band = [page.crop(box) for box in ((0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h))]
    assert all(b.getextrema()[0] > 200 for b in band)  # nothing dark within 5 mm of the edge


def test_card_qr_keeps_a_quiet_zone_of_four_modules_on_every_side():
    qr_box = (rcards.QR_X, rcards.QR_Y, rcards.QR_X + rcards.QR_SIZE, rcards.QR_Y + rcards.QR_SIZE)
    quiet = rcards.QUIET - 1e-9
    assert qr_box[1] - (rcards.HEADER_H + rcards.GOLD_H) >= quiet  # above: the gold rule
    assert rcards.CARD_W - qr_box[2] >= quiet  # right: the card's edge
    assert qr_box[0] - (rcards.TEXT_X + rcards.TEXT_W) >= quiet  # left: the name column
    cap = pdf.metrics(6.0, True).capHeight() / pdf.UNIT
    assert rcards.CODE_BASE - cap - qr_box[3] >= quiet  # below: the typed code


def test_roster_sheet_qrs_decode_at_150_dpi_blurred_and_rotated_like_cards(app, pps_db, tmp_path):
    officers = make_officers(pps_db, 12)
    out = tmp_path / "daftar-qr.pdf"
    forms.roster_sheet_pdf(pps_db, out, within=DESA)
    codes = cards.current_codes(pps_db)
    want = sorted(codes[o.id] for o in officers)
    pages = rasterise(out)
    assert sorted(c for page in pages for c in decoded(page.filter(ImageFilter.GaussianBlur(1.0)))) == want
    turned = [p.rotate(4, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255) for p in pages]
    assert sorted(c for page in turned for c in decoded(page.filter(ImageFilter.GaussianBlur(0.8)))) == want
