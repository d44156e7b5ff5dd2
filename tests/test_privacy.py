"""NIK masking on every output (real files, text extracted), and each output's audit entry."""

import datetime as dt
import json

import openpyxl
import pytest
from pypdf import PdfReader

from kpps_desktop import cli
from kpps_desktop.core import audit, cards, checkin, demo, recap, sessions, tabular, transport
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import nik as nikmod
from kpps_desktop.render import cards as rcards
from kpps_desktop.render import ensure_gui_app, forms, recap_pdf

WIB = dt.timezone(dt.timedelta(hours=7))
DESA = "33.20.01.2001"


@pytest.fixture(autouse=True)
def app(qapp):
    return ensure_gui_app()


@pytest.fixture
def pps(db_path):
    """Demo desa (63 officers, 2 sessions) with cards and most officers checked in at the first session."""
    db = dbmod.open_db(db_path)
    demo.generate(db, DESA)
    codes = cards.current_codes(db, issue=True)
    first = sorted(sessions.list_sessions(db), key=lambda s: (s.date, s.start_time))[0]
    start = dt.datetime.combine(dt.date.fromisoformat(first.date), dt.time.fromisoformat(first.start_time), tzinfo=WIB)
    for i, o in enumerate(sessions.expected_officers(db, first.id)):
        if i % 4:
            assert checkin.check_in(db, first.id, codes[o["id"]], start + dt.timedelta(seconds=30 * i)).ok
    db.niks = [r[0] for r in db.conn.execute("SELECT nik FROM officers")]
    db.session = first
    db.path = db_path
    yield db
    db.close()


def pdf_text(path) -> str:
    return "\n".join(" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def xlsx_text(path) -> str:
    return "\n".join(str(v) for ws in openpyxl.load_workbook(path).worksheets
                     for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def full_niks_in(text: str, niks: list[str]) -> list[str]:
    return [n for n in niks if n in text]


def actions(db) -> list[tuple[str, str]]:
    return [(e.action, e.what) for e in audit.entries(db)]


@pytest.mark.parametrize("kind", ["daftar_hadir", "roster_sheet"])
def test_forms_mask_nik_unless_asked_and_a_shown_nik_is_logged(pps, tmp_path, kind):
    def render(out, show):
        if kind == "daftar_hadir":
            forms.daftar_hadir_pdf(pps, pps.session.id, out, show_nik=show)
        else:
            forms.roster_sheet_pdf(pps, out, within=DESA, show_nik=show)

    masked = tmp_path / "masked.pdf"
    render(masked, False)
    text = pdf_text(masked)
    assert full_niks_in(text, pps.niks) == []
    assert sum(nikmod.mask(n) in text for n in pps.niks) >= 60  # the masked form is printed
    what = "daftar_hadir" if kind == "daftar_hadir" else "daftar_petugas_qr"
    assert actions(pps) == [("print", what)]

    shown = tmp_path / "shown.pdf"
    render(shown, True)
    assert len(full_niks_in(pdf_text(shown), pps.niks)) >= 60
    assert actions(pps) == [("print", what), ("reveal_nik", what), ("print", what)]


def test_cards_carry_no_nik(pps, tmp_path):
    out = tmp_path / "kartu.pdf"
    count = rcards.cards_pdf(pps, out, within=DESA)
    text = pdf_text(out)
    assert full_niks_in(text, pps.niks) == [] and not any(nikmod.mask(n) in text for n in pps.niks)
    assert all(nikmod.normalize(c)[0] not in pps.niks for c in cards.current_codes(pps).values())  # QR text
    [entry] = audit.entries(pps)
    assert (entry.action, entry.what, entry.count) == ("print", "kartu", count)


@pytest.mark.parametrize("by", ["desa", "tps", "officer"])
def test_recap_exports_carry_no_nik(pps, tmp_path, by):
    r = recap.recap(pps, by, within=DESA, tps=1 if by == "officer" else None)
    xlsx = tabular.write_xlsx(recap.table(r), tmp_path / "rekap.xlsx")
    csv_file = tabular.write_csv(recap.table(r), tmp_path / "rekap.csv")
    pdf = recap_pdf.recap_pdf(pps, r, tmp_path / "rekap.pdf")
    texts = [xlsx_text(xlsx), csv_file.read_text(encoding="utf-8-sig"), pdf_text(pdf),
             json.dumps(recap.as_json(r))]
    for text in texts:
        assert full_niks_in(text, pps.niks) == []


def test_transport_exports_carry_no_nik(pps, tmp_path):
    payees = transport.payees(pps, [pps.session.id])
    assert payees.rows
    xlsx = tabular.write_xlsx(transport.table(payees), tmp_path / "transport.xlsx")
    pdf = recap_pdf.transport_pdf(pps, payees, tmp_path / "transport.pdf")
    names = [r["nama"] for r in payees.rows]
    for text in (xlsx_text(xlsx), pdf_text(pdf)):
        assert full_niks_in(text, pps.niks) == []
        assert sum(n in text for n in names) >= len(names) - 2  # the text was really read


def test_cli_outputs_mask_and_log(pps, tmp_path, capsys):
    db = str(pps.path)
    assert cli.main(["roster", "list", "--db", db]) == 0
    table = capsys.readouterr().out
    assert full_niks_in(table, pps.niks) == []
    assert all(nikmod.mask(n) in table for n in pps.niks)
    assert cli.main(["roster", "list", "--db", db, "--json"]) == 0
    assert sorted(o["nik"] for o in json.loads(capsys.readouterr().out)) == sorted(pps.niks)  # the contract

    hadir = tmp_path / "hadir.pdf"
    assert cli.main(["daftar-hadir", "--db", db, "--session", pps.session.id, "--out", str(hadir)]) == 0
    assert full_niks_in(pdf_text(hadir), pps.niks) == []
    assert cli.main(["daftar-hadir", "--db", db, "--session", pps.session.id, "--out", str(hadir),
                     "--show-nik"]) == 0
    sheet = tmp_path / "sheet.pdf"
    assert cli.main(["roster", "sheet", "--db", db, "--out", str(sheet)]) == 0
    assert full_niks_in(pdf_text(sheet), pps.niks) == []
    for fmt in ("csv", "xlsx", "pdf", "json"):
        out = tmp_path / f"rekap.{fmt}"
        assert cli.main(["recap", "--db", db, "--by", "tps", "--format", fmt, "--out", str(out)]) == 0
        text = {"csv": lambda p: p.read_text(encoding="utf-8-sig"), "xlsx": xlsx_text, "pdf": pdf_text,
                "json": lambda p: p.read_text(encoding="utf-8")}[fmt](out)
        assert full_niks_in(text, pps.niks) == []
    assert cli.main(["recap", "--db", db, "--format", "json", "--out", "-"]) == 0  # to the screen: not a file
    for suffix in ("pdf", "xlsx"):
        assert cli.main(["transport", "--db", db, "--session", pps.session.id,
                         "--out", str(tmp_path / f"t.{suffix}")]) == 0
    capsys.readouterr()
    assert actions(pps) == [
        ("export", "daftar_petugas"),
        ("print", "daftar_hadir"), ("reveal_nik", "daftar_hadir"), ("print", "daftar_hadir"),
        ("print", "daftar_petugas_qr"),
        ("export", "rekap"), ("export", "rekap"), ("print", "rekap"), ("export", "rekap"),
        ("print", "transport"), ("export", "transport")]
    rekap = [e for e in audit.entries(pps) if e.what == "rekap"]
    assert [e.detail["format"] for e in rekap] == ["csv", "xlsx", "pdf", "json"]
    assert rekap[0].detail["file"] == str(tmp_path / "rekap.csv")
