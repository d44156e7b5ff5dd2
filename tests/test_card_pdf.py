"""Card PDF weight (#14): 12,201 cards in <= 5 MB, shared parts drawn once, QR symbols from qrfast.

The speed target (<= 2.5x the no-QR floor) is measured by bench/bench_cards.py; these tests pin
what makes it light and fast: bytes per card, one Form XObject for what every card shares, inline
1-bit QR images, and a QR encoder whose symbols zxing-cpp decodes and would itself have written.
"""

import random
import struct
import re

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from kpps_desktop.core import cards
from kpps_desktop.render import cards as rcards
from kpps_desktop.render import ensure_gui_app, pdf, pdfdoc, qr, qrfast
from helpers.cards import make_officers

JEPARA = 12_201


@pytest.fixture
def app(qapp):
    return ensure_gui_app()


def test_card_pdf_weighs_under_410_bytes_per_card_so_all_jepara_fits_5_mb(app, pps_db, tmp_path):
    make_officers(pps_db, 210)
    ids = [r["id"] for r in cards.officers_for_print(pps_db)]
    small, big = tmp_path / "10.pdf", tmp_path / "210.pdf"
    rcards.cards_pdf(pps_db, small, officer_ids=ids[:10])
    rcards.cards_pdf(pps_db, big, officer_ids=ids)
    per_card = (big.stat().st_size - small.stat().st_size) / 200
    assert per_card <= 5e6 / JEPARA  # 410 bytes; Qt's writer needed ~1,100
    assert small.stat().st_size + JEPARA * per_card <= 5e6


def test_what_every_card_shares_is_one_form_drawn_by_reference(app, pps_db, tmp_path):
    make_officers(pps_db, 10)
    out = tmp_path / "k.pdf"
    rcards.cards_pdf(pps_db, out)
    page = PdfReader(out).pages[0]
    content = page.get_contents().get_data()
    forms = {name: ref.get_object() for name, ref in page["/Resources"]["/XObject"].items()}
    assert all(f["/Subtype"] == "/Form" for f in forms.values())
    # The card's shared parts: three bands and three lines of text.
    [card] = [n for n, f in forms.items()
              if len(re.findall(rb"\bBT\b", f.get_data())) == 3 and f.get_data().count(b" re f") == 3]
    assert content.count(f"{card} Do".encode()) == 10  # heading, title, footer: once, placed 10 times
    # Per card only its own words remain in the page: name, TPS, the two lines of the code.
    assert len(re.findall(rb"\bBT\b", content)) == 10 * 4
    # Each QR is a 1-bit inline image, not interpolated (sharp modules at any resolution).
    assert len(re.findall(rb"BI /W 25 /H 25 /BPC 1 /CS /G /F /AHx ID", content)) == 10
    assert b"/I true" not in content and b"/Interpolate" not in content
    text = page.extract_text()
    assert text.count("KARTU PETUGAS KPPS") == 10 and text.count("Kartu hilang: lapor ke PPS.") == 10


def test_fonts_are_subsets_with_searchable_text(app, pps_db, tmp_path):
    make_officers(pps_db, 3, names={1: "Rofiqoh Affandi Ŝ"})
    out = tmp_path / "k.pdf"
    rcards.cards_pdf(pps_db, out)
    assert "Rofiqoh Affandi Ŝ" in PdfReader(out).pages[0].extract_text()  # ToUnicode, no ligature
    assert out.stat().st_size < 80_000  # two subset fonts, not two 700 kB DejaVu files


def test_text_advances_match_what_qt_measured_for_fitting(app):
    """Names are fitted with Qt's metrics; the writer must not draw them wider (kerning included)."""
    for text in ("AVATAR Wahyu", "Raden Mas Muhammad Abdurrahman", "Tya Yogi r.", "K1.K97E 37J6",
                 "PEMILIHAN SERENTAK 2024", "Desa/Kel. Kedungmalang"):
        for size, bold in ((8.5, True), (6.0, False), (5.5, True)):
            ours, qts = pdfdoc.text_width(text, size, bold), pdf.text_width(text, size, bold)
            assert abs(ours - qts) <= 0.002 * qts + 1, (text, size, bold, ours, qts)


def _image(rows: bytes, n: int = 25) -> Image.Image:
    value = int.from_bytes(rows, "big")
    modules = bytes(255 if value >> (n * 32 - 1 - (y * 32 + x)) & 1 else 0 for y in range(n) for x in range(n))
    symbol = Image.frombytes("L", (n, n), modules).resize((n * 6, n * 6), Image.Resampling.NEAREST)
    page = Image.new("L", ((n + 8) * 6, (n + 8) * 6), 255)
    page.paste(symbol, (24, 24))
    return page


def test_fast_qr_symbols_decode_at_level_q_and_equal_zxing_cpps_own():
    rng = random.Random(14)
    codes = [cards.new_code(rng) for _ in range(300)]
    same = 0
    for code in codes:
        n, stride, rows = qr.packed(code, align=1)
        assert (n, stride, len(rows)) == (25, 4, 100)
        [found] = zxingcpp.read_barcodes(_image(rows), formats=zxingcpp.BarcodeFormat.QRCode)
        assert (found.text, found.ec_level) == (code, "Q")
        theirs = zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.QRCode, ec_level="Q")
        same += qr.matrix(code)[1] == bytes(theirs.to_image(add_quiet_zones=False))
    # The same bits as zxing-cpp's writer; only a mask tie-break differs now and then.
    assert same >= 0.97 * len(codes)


def test_texts_that_are_not_card_codes_go_to_zxing():
    assert not qrfast.encodable("k1.lower case") and not qrfast.encodable("X" * 30)
    for text in ("k1.lower case", "X" * 30):
        n, data = qr.matrix(text, quiet_zone=True)
        image = Image.frombytes("L", (n, n), data).resize((n * 6, n * 6), Image.Resampling.NEAREST)
        assert [b.text for b in zxingcpp.read_barcodes(image)] == [text]


def _tables(font: bytes) -> dict[bytes, bytes]:
    count = struct.unpack_from(">H", font, 4)[0]
    found = {}
    for i in range(count):
        tag, _sum, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * i)
        found[tag] = font[offset:offset + length]
    return found


def test_embedded_fonts_carry_no_hinting_programs(app, pps_db, tmp_path):
    """Ghostscript ran a subset's hints at screen resolutions and drew X and V as boxes
    ("K1.P☒☒J"): the subsets keep outlines and metrics only, no cvt/fpgm/prep, no glyph instructions."""
    make_officers(pps_db, 10, names={1: "Xaverius Wawan Ŝ"})
    out = tmp_path / "k.pdf"
    rcards.cards_pdf(pps_db, out)
    fonts = {}

    def collect(resources) -> None:  # the page's fonts and those of the forms it draws
        for f in resources.get("/Font", {}).values():
            file = f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]["/FontFile2"]
            data = file.get_object().get_data()
            fonts[data] = data
        for x in resources.get("/XObject", {}).values():
            if "/Resources" in x.get_object():
                collect(x.get_object()["/Resources"])

    collect(PdfReader(out).pages[0]["/Resources"])
    assert len(fonts) == 2  # regular and bold
    for font in fonts.values():
        tables = _tables(font)
        assert not {b"cvt ", b"fpgm", b"prep"} & set(tables)
        loca = struct.unpack(f">{len(tables[b'loca']) // 4}I", tables[b"loca"])
        glyf, drawn = tables[b"glyf"], 0
        for start, end in zip(loca, loca[1:]):
            if end - start < 10:
                continue
            contours = struct.unpack_from(">h", glyf, start)[0]
            if contours >= 0:  # a simple glyph: its instruction length follows the contour ends
                assert struct.unpack_from(">H", glyf, start + 10 + 2 * contours)[0] == 0
                drawn += 1
        assert drawn >= 10
    # Still the same outlines: the codes and names decode and read back.
    assert "Xaverius Wawan Ŝ" in PdfReader(out).pages[0].extract_text()
