"""The print screen driven as a PPS secretary does: preview, save PDF, print, lost card, daftar hadir, errors."""

import math
import unicodedata

import pypdf
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QPushButton

from kpps_desktop.core import cards, demo, installation, nik, roster, sessions
from kpps_desktop.core.progress import Canceled, Progress
from kpps_desktop.ui.jobs import JobRunner, Outcome
from kpps_desktop.ui.print_view import PrintSpec, PrintView, printer_for, render_document

KEDUNGMALANG = "33.20.01.2001"
KECAMATAN_KEDUNG = "33.20.01"
OTHER_DESA = "33.20.01.2002"
MM_TO_PT = 72 / 25.4


def text_of(path) -> str:
    """The PDF's text with whitespace collapsed (long names wrap on a card) and ligatures (ﬁ) undone."""
    reader = pypdf.PdfReader(str(path))
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
    return " ".join(text.split())


def page_count(path) -> int:
    return len(pypdf.PdfReader(str(path)).pages)


def make_view(qtbot, db_path):
    runner = JobRunner(db_path)
    view = PrintView(runner, db_path)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    return view, runner


@pytest.fixture
def demo_db(db):
    """One demo desa (Kedungmalang) as a PPS installation."""
    demo.generate(db, KEDUNGMALANG)
    return db


@pytest.fixture
def screen(qtbot, demo_db, db_path):
    view, runner = make_view(qtbot, db_path)
    yield view
    view.shutdown()
    runner.shutdown()


def wait_preview(qtbot, view, pages=1):
    qtbot.waitUntil(lambda: view.preview_pages() >= pages and view.preview is not None, timeout=10000)


def ended(qtbot, job):
    """Wait (tests may block; the screen does not) for a save or print; True when it finished."""
    if job is None:  # refused before it started; the reason is on screen
        return False
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    return job.outcome == Outcome.FINISHED


def officers(db):
    return [o for o in roster.list_officers(db, within=KEDUNGMALANG) if o["status"] == "aktif"]


def test_cards_for_a_desa_preview_then_save(qtbot, screen, demo_db, tmp_path):
    expected = officers(demo_db)
    screen.set_kind("kartu")
    screen.set_paper("a4")
    assert screen.set_scope(KEDUNGMALANG)
    wait_preview(qtbot, screen)
    # The preview is the first sheet only, but knows the whole job.
    assert screen.preview_pages() == 1
    assert screen.preview.count == len(expected)
    assert screen.preview.pages == math.ceil(len(expected) / 10)
    assert "dari" in screen.preview_label.text()
    assert cards.print_log(demo_db) == []  # a preview is not a printout

    out = tmp_path / "kartu.pdf"
    assert ended(qtbot, screen.save_pdf(out))
    assert page_count(out) == math.ceil(len(expected) / 10)
    text = text_of(out)
    for o in expected:
        assert o["nama"] in text
    codes = cards.current_codes(demo_db)
    assert all(cards.format_code(codes[o["id"]]) in text for o in expected[:5])
    log = cards.print_log(demo_db)
    assert [(r["what"], r["count"], r["paper"]) for r in log] == [("kartu", len(expected), "a4")]
    assert "Tersimpan" in screen.message.text()
    assert not list(tmp_path.glob("*.part"))


def test_f4_sheets_are_f4(qtbot, screen, tmp_path):
    screen.set_paper("f4")
    wait_preview(qtbot, screen)
    out = tmp_path / "kartu-f4.pdf"
    assert ended(qtbot, screen.save_pdf(out))
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert float(box.width) == pytest.approx(215 * MM_TO_PT, abs=1)
    assert float(box.height) == pytest.approx(330 * MM_TO_PT, abs=1)


def test_selected_officers_from_the_roster(qtbot, screen, demo_db, tmp_path):
    chosen = officers(demo_db)[3:6]
    others = officers(demo_db)[10:12]
    screen.select_officers([o["id"] for o in chosen])
    assert screen.kind() == "kartu" and screen.scope_selected.isChecked()
    assert "(3)" in screen.scope_selected.text()
    qtbot.waitUntil(lambda: screen.preview is not None and screen.preview.count == 3, timeout=10000)
    out = tmp_path / "terpilih.pdf"
    assert ended(qtbot, screen.save_pdf(out))
    text = text_of(out)
    assert page_count(out) == 1
    assert all(o["nama"] in text for o in chosen)
    assert not any(o["nama"] in text for o in others)
    assert cards.print_log(demo_db)[-1]["scope"] == "petugas terpilih"


def test_unknown_selected_officer_is_a_message(qtbot, screen, tmp_path):
    screen.select_officers(["tidak-ada"])
    qtbot.waitUntil(lambda: "tidak ditemukan" in screen.preview_message.text(), timeout=10000)
    assert not ended(qtbot, screen.save_pdf(tmp_path / "x.pdf"))
    assert "tidak ditemukan" in screen.message.text()
    assert not (tmp_path / "x.pdf").exists()


def test_daftar_hadir_for_a_demo_session(qtbot, screen, demo_db, tmp_path):
    session = sessions.list_sessions(demo_db)[0]
    expected = sessions.expected_officers(demo_db, session.id)
    screen.set_kind("daftar_hadir")
    assert screen.set_session(session.id)
    wait_preview(qtbot, screen)
    assert screen.preview.count == len(expected)
    out = tmp_path / "daftar-hadir.pdf"
    assert ended(qtbot, screen.save_pdf(out))
    text = text_of(out)
    assert "DAFTAR HADIR" in text and session.title in text
    assert all(o["nama"] in text for o in expected)
    # NIK masked unless asked for.
    assert nik.mask(expected[0]["nik"]) in text and expected[0]["nik"] not in text
    screen.show_nik.setChecked(True)
    assert ended(qtbot, screen.save_pdf(tmp_path / "dengan-nik.pdf"))
    assert expected[0]["nik"] in text_of(tmp_path / "dengan-nik.pdf")
    assert [r["what"] for r in cards.print_log(demo_db)] == ["daftar_hadir", "daftar_hadir"]


def test_daftar_hadir_without_a_session_says_so(qtbot, screen, tmp_path):
    screen.set_kind("daftar_hadir")
    screen.session.setCurrentIndex(-1)
    qtbot.waitUntil(lambda: "Pilih sesi" in screen.preview_message.text(), timeout=5000)
    assert screen.preview_pages() == 0
    out = tmp_path / "dh.pdf"
    assert not ended(qtbot, screen.save_pdf(out))
    assert "Pilih sesi" in screen.message.text()
    assert not out.exists()


def test_roster_sheet_and_calibration(qtbot, screen, demo_db, tmp_path):
    screen.set_kind("daftar_qr")
    wait_preview(qtbot, screen)
    out = tmp_path / "daftar-qr.pdf"
    assert ended(qtbot, screen.save_pdf(out))
    assert "DAFTAR PETUGAS KPPS DENGAN KODE QR" in text_of(out)
    assert page_count(out) == screen.preview.pages

    screen.set_kind("kalibrasi")
    qtbot.waitUntil(lambda: "kalibrasi" in screen.preview_label.text(), timeout=10000)
    assert ended(qtbot, screen.save_pdf(tmp_path / "kalibrasi.pdf"))
    assert "100 mm" in text_of(tmp_path / "kalibrasi.pdf")


def test_lost_card_reprinted_with_a_new_code(qtbot, screen, demo_db, tmp_path):
    officer = officers(demo_db)[7]
    cards.issue_missing(demo_db)
    old = cards.current_codes(demo_db)[officer["id"]]
    screen.set_kind("kartu_ulang")
    screen.search.setText(officer["nama"])
    assert screen.choose_officer(officer["id"])
    screen.reissue.setChecked(True)
    qtbot.waitUntil(lambda: screen.preview is not None and screen.preview.count == 1
                    and "kode baru" in screen.preview_label.text(), timeout=10000)
    assert cards.lookup(demo_db, old).result == "ok"  # the preview revokes nothing

    out = tmp_path / "kartu-ulang.pdf"
    assert ended(qtbot, screen.save_pdf(out))
    assert cards.lookup(demo_db, old).result == "revoked"
    new = cards.current_codes(demo_db)[officer["id"]]
    assert new != old
    text = text_of(out)
    assert officer["nama"] in text and cards.format_code(new) in text and cards.format_code(old) not in text
    assert "dicabut" in screen.message.text()
    assert not screen.reissue.isChecked()  # printing again must not revoke the new card
    assert ended(qtbot, screen.save_pdf(tmp_path / "lagi.pdf"))
    assert cards.current_codes(demo_db)[officer["id"]] == new


def test_reprint_needs_an_officer(qtbot, screen, tmp_path):
    screen.set_kind("kartu_ulang")
    screen.search.setText("zzzz tidak ada")
    qtbot.waitUntil(lambda: "pilih petugas" in screen.preview_message.text(), timeout=5000)
    assert not ended(qtbot, screen.save_pdf(tmp_path / "x.pdf"))
    assert "pilih petugas" in screen.message.text()
    assert not (tmp_path / "x.pdf").exists()


def test_canceled_reissue_revokes_nothing_and_leaves_no_file(demo_db, tmp_path):
    officer = officers(demo_db)[0]
    cards.issue_missing(demo_db)
    old = cards.current_codes(demo_db)[officer["id"]]
    progress = Progress()
    progress.cancel()  # Batal pressed before the card was drawn
    out = tmp_path / "batal.pdf"
    with pytest.raises(Canceled):
        render_document(demo_db, PrintSpec("kartu_ulang", officer_ids=(officer["id"],),
                                           reissue_reason="Kartu hilang"), out, progress)
    assert cards.lookup(demo_db, old).result == "ok"
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert cards.print_log(demo_db) == []


def test_print_to_a_pdf_printer(qtbot, screen, demo_db, tmp_path):
    wait_preview(qtbot, screen)
    printer = printer_for("a4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(out))
    assert ended(qtbot, screen.print_to(printer))
    sheets = math.ceil(len(officers(demo_db)) / 10)
    assert page_count(out) == sheets
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert float(box.width) == pytest.approx(210 * MM_TO_PT, abs=1)
    assert "printer" in screen.message.text()
    assert [r["what"] for r in cards.print_log(demo_db)] == ["kartu"]
    assert not list(tmp_path.glob("*.part"))


def dark_box(path, dpi=100):
    """Bounding box (pixels) of everything drawn on page 1, rendered at `dpi`."""
    from PIL import Image, ImageOps
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    size = doc.pagePointSize(0)
    png = path.with_suffix(".png")
    doc.render(0, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi))).save(str(png))
    doc.close()
    page = Image.open(png).convert("RGBA")
    on_white = Image.alpha_composite(Image.new("RGBA", page.size, "white"), page).convert("L")
    gray = ImageOps.invert(on_white).point(lambda v: 255 if v > 60 else 0)
    return gray.getbbox()


def test_printing_keeps_actual_size(qtbot, screen, tmp_path):
    """The calibration page reaches the printer unscaled: its 5.5 mm frame stays 5.5 mm from the edge."""
    from kpps_desktop.render.cards import MARK_EDGE

    screen.set_kind("kalibrasi")
    assert ended(qtbot, screen.save_pdf(tmp_path / "asli.pdf"))
    printer = printer_for("a4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "dicetak.pdf"))
    assert ended(qtbot, screen.print_to(printer))
    original, printed = dark_box(tmp_path / "asli.pdf"), dark_box(tmp_path / "dicetak.pdf")
    margin = MARK_EDGE / 25.4 * 100
    assert original[0] == pytest.approx(margin, abs=2)
    assert printed == pytest.approx(original, abs=2)


def test_disk_error_is_a_message(qtbot, screen, tmp_path):
    blocker = tmp_path / "berkas.txt"
    blocker.write_text("bukan folder")
    assert not ended(qtbot, screen.save_pdf(blocker / "kartu.pdf"))
    assert "bukan folder" in screen.message.text()  # the one write path's message (core/fileio.py)
    assert "Errno" not in screen.message.text()


def test_batal_while_saving_leaves_no_file(qtbot, db, db_path, tmp_path):
    """A whole kecamatan (about 1,200 cards): Batal pressed on the progress dialog."""
    demo.generate(db, KECAMATAN_KEDUNG)
    view, runner = make_view(qtbot, db_path)

    def press_batal():
        dialog = view.findChild(QProgressDialog)
        dialog.findChild(QPushButton).click()

    try:
        QTimer.singleShot(0, press_batal)  # runs while the test waits, as the cards are drawn
        out = tmp_path / "kecamatan.pdf"
        assert not ended(qtbot, view.save_pdf(out))
        assert "Dibatalkan" in view.message.text()
        assert not out.exists() and not list(tmp_path.glob("*.part"))
        assert cards.print_log(db) == []
    finally:
        view.shutdown()
        runner.shutdown()


def test_empty_scope_gives_a_message_and_writes_nothing(qtbot, db, db_path, tmp_path):
    installation.init(db, "ppk", KECAMATAN_KEDUNG)
    demo.generate(db, KEDUNGMALANG)  # officers in one desa of the kecamatan only
    view, runner = make_view(qtbot, db_path)
    try:
        assert view.set_scope(OTHER_DESA)
        qtbot.waitUntil(lambda: "Tidak ada petugas aktif" in view.preview_message.text(), timeout=10000)
        assert view.scope_count.text() == "0 petugas aktif"
        out = tmp_path / "kosong.pdf"
        assert not ended(qtbot, view.save_pdf(out))
        assert "Tidak ada petugas aktif" in view.message.text()
        assert not out.exists() and not list(tmp_path.glob("*.part"))
        assert cards.print_log(db) == []
        # The whole kecamatan holds the one desa's officers.
        assert view.set_scope(None)
        wait_preview(qtbot, view)
        assert view.preview.count == len(officers(db))
    finally:
        view.shutdown()
        runner.shutdown()


# --- Windows printers (issue #20 finding 5) ------------------------------------------------------

def page_images(path) -> list[int]:
    """Pixel counts of the images drawn on each page of a PDF."""
    sizes = []
    for page in pypdf.PdfReader(str(path)).pages:
        for image in page.images:
            sizes.append(image.image.width * image.image.height)
    return sizes


def test_cards_reach_the_printer_as_vectors_not_page_images(qtbot, screen, demo_db, tmp_path):
    """A printout streams drawing commands: names stay text, QR squares stay squares; no 35 MB
    page bitmap is made in memory or handed to the spooler."""
    wait_preview(qtbot, screen)
    printer = printer_for("a4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(out))
    assert ended(qtbot, screen.print_to(printer))
    sheets = math.ceil(len(officers(demo_db)) / 10)
    assert f"Dikirim ke printer: {sheets} halaman" in screen.message.text() and page_count(out) == sheets
    text = text_of(out)
    names = [o["nama"] for o in officers(demo_db)]
    assert sum(unicodedata.normalize("NFC", n) in unicodedata.normalize("NFC", text) for n in names) >= len(names) - 1
    assert all(pixels < 600 * 600 for pixels in page_images(out))  # photos at most, never a page
    assert out.stat().st_size < 2 * 2**20


def test_f4_is_the_exact_custom_size_on_the_printer_and_the_calibration_page(qtbot, screen, tmp_path):
    from PySide6.QtGui import QPageSize

    printer = printer_for("f4")
    size = printer.pageLayout().pageSize()
    assert size.id() == QPageSize.PageSizeId.Custom  # not the nearest named sheet
    assert size.size(QPageSize.Unit.Millimeter).toTuple() == pytest.approx((215.0, 330.0), abs=0.01)
    screen.set_kind("kalibrasi")
    screen.set_paper("f4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "kalibrasi-f4.pdf"))
    assert ended(qtbot, screen.print_to(printer))
    box = pypdf.PdfReader(str(tmp_path / "kalibrasi-f4.pdf")).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((215 * MM_TO_PT, 330 * MM_TO_PT), abs=0.5)
    assert ended(qtbot, screen.save_pdf(tmp_path / "asli-f4.pdf"))
    assert dark_box(tmp_path / "kalibrasi-f4.pdf") == pytest.approx(dark_box(tmp_path / "asli-f4.pdf"), abs=2)


def test_a_print_canceled_halfway_is_aborted_and_changes_nothing(qtbot, db, db_path, tmp_path):
    demo.generate(db, KECAMATAN_KEDUNG)
    view, runner = make_view(qtbot, db_path)
    printer = printer_for("a4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "batal.pdf"))

    def press_batal():
        view.findChild(QProgressDialog).findChild(QPushButton).click()

    try:
        QTimer.singleShot(0, press_batal)
        assert not ended(qtbot, view.print_to(printer))
        assert "dibatalkan" in view.message.text().lower()
        assert cards.print_log(db) == []
    finally:
        view.shutdown()
        runner.shutdown()


def test_text_pages_sent_as_images_are_grey_and_small(qtbot, screen, tmp_path):
    from PySide6.QtGui import QImage

    from kpps_desktop.ui import printer as print_view

    screen.set_kind("kalibrasi")
    assert ended(qtbot, screen.save_pdf(tmp_path / "asli.pdf"))
    printer = printer_for("a4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "gambar.pdf"))
    drawn: list[QImage] = []
    real = print_view._grey_on_white
    print_view._grey_on_white = lambda image: drawn.append(real(image)) or drawn[-1]
    try:
        assert print_view.paint_pdf(tmp_path / "asli.pdf", printer, "a4") == 1
    finally:
        print_view._grey_on_white = real
    [page] = drawn
    assert page.format() == QImage.Format.Format_Grayscale8 and page.sizeInBytes() < 4 * 2**20
    assert page.pixelColor(5, 5).name() == "#ffffff"  # the transparent background became white
    assert dark_box(tmp_path / "gambar.pdf") == pytest.approx(dark_box(tmp_path / "asli.pdf"), abs=2)


def test_saving_over_a_pdf_open_in_a_viewer_asks_to_close_it(qtbot, screen, tmp_path, monkeypatch):
    """Windows refuses to replace a file a PDF viewer holds (simulated: WinError 32 on the rename)."""
    import errno

    from kpps_desktop.core import fileio

    def held(src, dst):
        exc = PermissionError(errno.EACCES, "being used by another process")
        exc.winerror = 32
        raise exc

    monkeypatch.setattr(fileio, "RETRY_DELAYS", (0.0,))
    monkeypatch.setattr(fileio.os, "replace", held)
    out = tmp_path / "usb" / "kartu.pdf"
    out.parent.mkdir()
    out.write_bytes(b"%PDF lama")
    assert not ended(qtbot, screen.save_pdf(out))
    assert "Berkas sedang dibuka di program lain (Excel/penampil PDF); tutup lalu ulangi" in screen.message.text()
    assert out.read_bytes() == b"%PDF lama" and sorted(p.name for p in out.parent.iterdir()) == ["kartu.pdf"]
