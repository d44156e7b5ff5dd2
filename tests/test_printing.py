"""The print spec and the lost-card reissue below both front ends (render/printing), and `kpps cards --reissue`."""

import pytest
import zxingcpp
from PIL import Image

from kpps_desktop.core import cards
from kpps_desktop.core.errors import InputError
from kpps_desktop.render import ensure_gui_app, printing
from helpers.cards import make_officers
from helpers.cli import run


@pytest.fixture
def app(qapp):
    return ensure_gui_app()


def qr_codes(path, dpi=150):
    """Every QR code on every page of a PDF, read back through QtPdf and zxing-cpp."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    found = []
    for i in range(doc.pageCount()):
        size = doc.pagePointSize(i)
        image = doc.render(i, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        rgba = Image.frombytes("RGBA", (image.width(), image.height()), bytes(image.constBits()))
        page = Image.new("RGB", rgba.size, "white")
        page.paste(rgba, mask=rgba.getchannel("A"))
        found += [b.text for b in zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.QRCode)]
    doc.close()
    return sorted(found)


def _state(db):
    return (db.execute("SELECT code, officer_id, revoked_at FROM cards ORDER BY code").fetchall(),
            db["card_revocations"].count)


def test_cli_reissue_revokes_the_lost_card_and_prints_the_new_code(app, pps_db, db_path, tmp_path, capsys):
    officers = make_officers(pps_db, 3)
    old = cards.current_codes(pps_db, issue=True)[officers[0].id]
    out = tmp_path / "kartu-ulang.pdf"
    code, stdout, _ = run(capsys, "cards", "--db", str(db_path), "--officer", officers[0].id, "--reissue",
                          "--reason", "Kartu hilang", "--out", str(out))
    assert code == 0, stdout
    assert "kode lama dicabut" in stdout
    assert cards.lookup(pps_db, old).result == "revoked"
    new = cards.current_codes(pps_db)[officers[0].id]
    assert new != old
    assert qr_codes(out) == [new]  # the card printed is the new one, and only that one
    reason = pps_db.execute("SELECT reason FROM card_revocations WHERE code = ?", (old,)).fetchone()[0]
    assert reason == "Kartu hilang"


def test_cli_reissue_without_a_reason_or_officer_is_a_usage_error(app, pps_db, db_path, tmp_path, capsys):
    officers = make_officers(pps_db, 1)
    cards.current_codes(pps_db, issue=True)
    before = _state(pps_db)
    out = tmp_path / "k.pdf"
    assert run(capsys, "cards", "--db", str(db_path), "--officer", officers[0].id, "--reissue",
               "--out", str(out))[0] == 2  # no reason
    assert run(capsys, "cards", "--db", str(db_path), "--reissue", "--reason", "Kartu hilang",
               "--out", str(out))[0] == 2
    code, _, err = run(capsys, "cards", "--db", str(db_path), "--officer", officers[0].id,
                       "--reason", "Kartu hilang", "--out", str(out))
    assert code == 2 and "--reissue" in err
    code, _, err = run(capsys, "cards", "--db", str(db_path), "--officer", officers[0].id, "--reissue",
                       "--reason", "   ", "--out", str(out))
    assert code == 1 and "alasan" in err.lower()
    assert _state(pps_db) == before and not out.exists()


def test_cli_reissue_of_an_unknown_officer_changes_nothing(app, pps_db, db_path, tmp_path, capsys):
    make_officers(pps_db, 2)
    cards.current_codes(pps_db, issue=True)
    before = _state(pps_db)
    out = tmp_path / "k.pdf"
    code, _, err = run(capsys, "cards", "--db", str(db_path), "--officer", "tidak-ada", "--reissue",
                       "--reason", "Kartu hilang", "--out", str(out))
    assert code == 1 and "tidak ditemukan" in err
    assert _state(pps_db) == before and not out.exists()


def test_cli_reissue_whose_pdf_cannot_be_written_revokes_nothing(app, pps_db, db_path, tmp_path, capsys):
    officers = make_officers(pps_db, 1)
    old = cards.current_codes(pps_db, issue=True)[officers[0].id]
    before = _state(pps_db)
    out = tmp_path / "bukan-folder"
    out.write_text("sebuah berkas, bukan folder")
    code, _, err = run(capsys, "cards", "--db", str(db_path), "--officer", officers[0].id, "--reissue",
                       "--reason", "Kartu hilang", "--out", str(out / "k.pdf"))
    assert code == 1 and err.strip()
    assert _state(pps_db) == before
    assert cards.lookup(pps_db, old).result == "ok"


def test_reissue_spec_refuses_an_empty_reason():
    with pytest.raises(InputError, match="alasan"):
        printing.reissue_spec(["x"], "  \t ")
    assert printing.reissue_spec(["x"], "  Kartu   rusak ").reissue_reason == "Kartu rusak"
