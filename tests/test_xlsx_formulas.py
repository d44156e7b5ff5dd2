"""XLSX exports whose numbers stay right when a row is corrected in Excel (#14), and the kuitansi sheet.

The workbooks are read back with openpyxl and their formulas computed by tests/helpers/xlsx_eval.py
(no LibreOffice here): the formula strings must cover exactly the data rows, give the app's own
numbers, and follow a corrected cell.
"""

import datetime as dt

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from pypdf import PdfReader

from kpps_desktop import cli
from kpps_desktop.core import checkin, demo, paperwork, recap, sessions, tabular, terbilang, transport
from kpps_desktop.core import db as dbmod
from helpers.xlsx_eval import evaluate, sum_refs

from kabupaten import build

WIB = dt.timezone(dt.timedelta(hours=7))
DESA = "33.20.01.2001"


@pytest.fixture(autouse=True)
def app(qapp):
    return qapp


@pytest.fixture(scope="module")
def kab(tmp_path_factory):
    """Jepara through real handover files: 8 silent desa, one desa whose bimtek was not held."""
    return build(tmp_path_factory.mktemp("jepara"))


def _sheet(ws, header_text):
    """(header row number, {header: column letter})."""
    for row in ws.iter_rows():
        if row[0].value == header_text:
            return row[0].row, {c.value: get_column_letter(c.column) for c in row if c.value}
    raise AssertionError(header_text)


def test_recap_totals_and_rates_are_formulas_over_the_desa_that_reported(kab, tmp_path):
    db = dbmod.open_db(kab.path)
    try:
        r = recap.recap(db, "desa")
    finally:
        db.close()
    ws = openpyxl.load_workbook(tabular.write_xlsx(recap.table(r), tmp_path / "rekap.xlsx"))["Rekap"]
    head, col = _sheet(ws, "Kode")
    first, last = head + 1, head + len(r.rows)
    total_row = last + 1
    reported = {first + i for i, row in enumerate(r.rows) if row["reported"]}
    assert len(reported) == 187 and any(row.get("not_held") for row in r.rows)
    for key, header in recap.COUNT_LABELS.items():
        if header not in col:
            continue
        formula = ws[f"{col[header]}{total_row}"].value
        # A sum over exactly the desa that reported (a silent desa's expected officers are not in the total).
        assert {int(ref[len(col[header]):]) for ref in sum_refs(formula)} == reported, header
        assert evaluate(ws, f"{col[header]}{total_row}") == r.total[key], header
    rate = col["Persentase"]
    assert ws[f"{rate}{total_row}"].value == (
        f'=IF({col["Diharapkan"]}{total_row}-{r.total["not_held"]}>0,'
        f'{col["Hadir (total)"]}{total_row}/({col["Diharapkan"]}{total_row}-{r.total["not_held"]}),"")')
    assert ws[f"{rate}{total_row}"].number_format == "0.0%"
    assert round(evaluate(ws, f"{rate}{total_row}"), 4) == r.total["rate"]
    for i, row in enumerate(r.rows):
        got = evaluate(ws, f"{rate}{first + i}")
        assert (round(got, 4) if row["reported"] else got) == row["rate"]
    # Correct one desa's punctual count in Excel: its present, its rate, the totals and the rate follow.
    i = next(i for i, row in enumerate(r.rows) if row["reported"] and not row.get("not_held"))
    n = first + i
    ws[f"{col['Tepat waktu']}{n}"].value += 5
    assert evaluate(ws, f"{col['Hadir (total)']}{n}") == r.rows[i]["present"] + 5
    assert evaluate(ws, f"{rate}{n}") == (r.rows[i]["present"] + 5) / r.rows[i]["expected"]
    assert evaluate(ws, f"{col['Tepat waktu']}{total_row}") == r.total["hadir"] + 5
    held = r.total["expected"] - r.total["not_held"]
    assert evaluate(ws, f"{rate}{total_row}") == (r.total["present"] + 5) / held


@pytest.fixture
def desa(db, db_path):
    """Kedungmalang's demo with pelantikan and bimtek attended by a few officers."""
    demo.generate(db, DESA)
    db.path = db_path
    s = {x.kind: x for x in sessions.list_sessions(db)}
    o = sessions.expected_officers(db, s["pelantikan"].id)
    day = dt.date.fromisoformat(s["pelantikan"].date)
    for i in range(5):
        checkin.check_in_officer(db, s["pelantikan"].id, o[i]["id"],
                                 dt.datetime.combine(day, dt.time(7, 50), tzinfo=WIB), "scanner")
    for i in range(3):
        checkin.check_in_officer(db, s["bimtek"].id, o[i]["id"],
                                 dt.datetime.combine(day, dt.time(9, 55), tzinfo=WIB), "scanner")
    db.ids = [s["pelantikan"].id, s["bimtek"].id]
    return db


def test_payee_amounts_and_sums_follow_a_corrected_row(desa, tmp_path):
    p = transport.payees(desa, desa.ids)
    wb = openpyxl.load_workbook(tabular.write_xlsx(transport.workbook(p, paperwork.get(desa)), tmp_path / "t.xlsx"))
    ws = wb["Transport"]
    head, col = _sheet(ws, "No")
    first, last = head + 1, head + len(p.rows)
    amount, count = col["Jumlah (Rp)"], col["Jumlah kegiatan"]
    for i, row in enumerate(p.rows):
        assert ws[f"{amount}{first + i}"].value == f"={count}{first + i}*{p.rules.amount}"
        assert evaluate(ws, f"{amount}{first + i}") == row["amount"]
        assert ws[f"{amount}{first + i}"].number_format == "#,##0"
    assert ws[f"{amount}{last + 1}"].value == f"=SUM({amount}{first}:{amount}{last})"
    assert evaluate(ws, f"{amount}{last + 1}") == p.total and evaluate(ws, f"{count}{last + 1}") == 8
    ws[f"{count}{first}"].value -= 1  # one activity struck off in Excel
    assert evaluate(ws, f"{amount}{last + 1}") == p.total - p.rules.amount


@pytest.mark.parametrize("threshold", [5_000_000, 100_000])
def test_transport_xlsx_carries_the_pdfs_kuitansi_with_materai_box_from_the_threshold(desa, tmp_path, threshold):
    from kpps_desktop.render import recap_pdf

    dbmod.set_setting(desa, "materai_threshold", threshold)
    p = transport.payees(desa, desa.ids)
    assert p.total == 400_000
    assert cli.main(["transport", "--db", str(desa.path), "--session", desa.ids[0], "--session", desa.ids[1],
                     "--out", str(tmp_path / "t.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert wb.sheetnames == ["Transport", "Kuitansi"]
    ws = wb["Kuitansi"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    k = transport.kuitansi(p, paperwork.get(desa))
    assert "KUITANSI" in cells and k.heading[1] in cells
    for label, value in k.fields:
        assert label in cells and value in cells
    assert terbilang.kapital(p.total_words) in cells and "Yang menerima," in cells
    figure = cells[p.total]
    assert figure.number_format == '"Rp "#,##0' and figure.border.top.style == "thin"
    assert ("Materai" in cells) == (threshold <= p.total) and ("Rp 10.000" in cells) == (threshold <= p.total)
    if threshold <= p.total:
        assert cells["Materai"].border.top.style == "thin" and cells["Rp 10.000"].border.bottom.style == "thin"
    # The same words as the PDF's kuitansi page.
    pdf = recap_pdf.transport_pdf(desa, p, tmp_path / "t.pdf", "a4")
    page = " ".join(PdfReader(pdf).pages[-1].extract_text().split())
    for text in [t for t in cells if isinstance(t, str)]:
        assert " ".join(text.split()) in page, text
    assert terbilang.rupiah(p.total) in page
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth) == ("portrait", 9, 1)
