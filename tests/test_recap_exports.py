"""Recap and transport exports as real files: XLSX read back, CSV parsed, PDF text extracted, PNG charts; the CLI."""

import csv
import datetime as dt
import json
import re

import openpyxl
import pytest
from pypdf import PdfReader

from kpps_desktop import cli
from kpps_desktop.core import checkin, demo, recap, sessions, tabular, terbilang, wilayah
from kpps_desktop.core import db as dbmod

WIB = dt.timezone(dt.timedelta(hours=7))
KEDUNG = "33.20.01"
RISKY = ["=HYPERLINK(\"http://x\",\"klik\")", "+628123", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


@pytest.fixture(autouse=True)
def app(qapp):
    """The QApplication pytest-qt makes: a bare QGuiApplication here would break widget tests run after."""
    return qapp


@pytest.fixture
def kedung(db_path):
    """Kecamatan Kedung's demo; in two desa some attendance; officers with names a spreadsheet would run."""
    db = dbmod.open_db(db_path)
    demo.generate(db, KEDUNG)
    desas = sorted({s.scope for s in sessions.list_sessions(db)})[:2]
    for desa in desas:
        for s in sessions.list_sessions(db):
            if s.scope != desa:
                continue
            start = dt.datetime.combine(dt.date.fromisoformat(s.date), dt.time.fromisoformat(s.start_time), tzinfo=WIB)
            for i, o in enumerate(sessions.expected_officers(db, s.id)):
                if i % 5:
                    checkin.check_in_officer(db, s.id, o["id"], start + dt.timedelta(seconds=20 * i - 600), "scanner")
            sessions.close_session(db, s.id, start + dt.timedelta(hours=4))
    first = sessions.expected_officers(db, next(s.id for s in sessions.list_sessions(db) if s.scope == desas[0]))
    with db.atomic():
        for o, name in zip(first[1:], RISKY):
            db.conn.execute("UPDATE officers SET nama = ? WHERE id = ?", (name, o["id"]))
    db.desas, db.path = desas, db_path
    yield db
    db.close()


def session_of(db, desa, kind):
    return next(s for s in sessions.list_sessions(db) if s.scope == desa and s.kind == kind)


def test_xlsx_has_title_header_frozen_row_widths_and_totals(kedung, tmp_path):
    r = recap.recap(kedung, "desa")
    out = tabular.write_xlsx(recap.table(r), tmp_path / "rekap.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "REKAPITULASI KEHADIRAN KPPS PER DESA/KELURAHAN"
    # The region by its name, and what the totals cover (not "Seluruh wilayah").
    assert [ws[f"A{i}"].value for i in (2, 3)] == ["Wilayah: Kecamatan Kedung", "Cakupan: 18 dari 18 desa/kelurahan melapor"]
    header = [c.value for c in ws[6]]
    assert header[:3] == ["Kode", "Desa/Kelurahan", "Kecamatan"] and header[-2:] == ["Persentase", "Keterangan"]
    assert "Tepat waktu" in header and "Terlambat" in header and "Hadir (total)" in header and ws.freeze_panes == "A7"
    assert "Hadir" not in header  # a column named Hadir read as everyone present; it counted the punctual only
    assert ws.column_dimensions["B"].width == 24 and ws["A6"].font.bold
    body = list(ws.iter_rows(min_row=7, max_row=6 + len(r.rows), values_only=True))
    assert [row[0] for row in body] == [x["kode"] for x in r.rows]
    totals = [c.value for c in ws[7 + len(r.rows)]]
    expected_col = header.index("Diharapkan")
    letter = openpyxl.utils.get_column_letter(expected_col + 1)
    # A SUM over the rows: correcting a row in Excel keeps the total right.
    assert totals[0] == "Jumlah" and totals[expected_col] == f"=SUM({letter}7:{letter}{6 + len(r.rows)})"
    assert sum(row[expected_col] for row in body) == r.total["expected"]
    assert ws.cell(7, header.index("Persentase") + 1).number_format == "0.0%"
    setup = ws.page_setup  # A4 landscape, one page wide, the header row repeated
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$6:$6"


def test_csv_parses_back_to_the_same_numbers(kedung, tmp_path):
    r = recap.recap(kedung, "tps", within=kedung.desas[0])
    out = tabular.write_csv(recap.table(r), tmp_path / "rekap.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = read_csv(out)
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    i = header.index("Tepat waktu")
    assert [int(row[i]) for row in body] == [x["hadir"] for x in r.rows]
    assert totals[0] == "Jumlah" and int(totals[i]) == r.total["hadir"]
    # A ';' file is read with the decimal comma: the rate in percent, "84,1", never "0.8413".
    rate = header.index("Persentase")
    assert [row[rate] for row in body] == [f"{x['rate'] * 100:.1f}".replace(".", ",") for x in r.rows]
    assert all("." not in row[rate] for row in body)


def test_formula_injection_is_neutralised_in_csv_and_xlsx(kedung, tmp_path):
    desa = kedung.desas[0]
    r = recap.recap(kedung, "officer", [session_of(kedung, desa, "pelantikan").id], within=desa, tps=1)
    assert set(RISKY) <= {row["nama"] for row in r.rows}
    rows = read_csv(tabular.write_csv(recap.table(r), tmp_path / "o.csv"))
    names = [row[0] for row in rows[1:]]
    for risky in RISKY:
        assert "'" + risky in names and risky not in names
    assert not any(n.startswith(tabular.FORMULA_START) for n in names)
    wb = openpyxl.load_workbook(tabular.write_xlsx(recap.table(r), tmp_path / "o.xlsx"))
    cells = {c.value: c for row in wb.active.iter_rows() for c in row if isinstance(c.value, str)}
    for risky in RISKY:  # kept as typed (XML reads a bare CR as LF), stored as text, never as a formula
        cell = cells[risky.replace("\r", "\n")]
        assert cell.data_type == "s" and cell.quotePrefix
    formulas = [c for row in wb.active.iter_rows() for c in row if c.data_type == "f"]
    ours = (r"=SUM\([A-Z]+\d+:[A-Z]+\d+\)",  # totals
            r"=[A-Z]+(\d+)\+[A-Z]+\1\+[A-Z]+\1",  # a row's present: its three present statuses
            r'=IF\(([A-Z]+\d+)(-\d+)?>0,[A-Z]+\d+/\(\1(-\d+)?\),""\)')  # a rate
    assert formulas and all(any(re.fullmatch(p, c.value) for p in ours) for c in formulas)
    assert not any(c.column <= 4 for c in formulas)  # names and places stay text: only our own numbers


def test_write_is_atomic_and_an_error_leaves_the_old_file(tmp_path):
    out = tmp_path / "x.csv"
    out.write_text("lama")
    bad = tabular.Table(header=["a"], rows=[[object()]], totals=None)
    bad.rows = [["ok"], None]  # a row that cannot be written
    with pytest.raises(TypeError):
        tabular.write_csv(bad, out)
    assert out.read_text() == "lama" and [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def pdf_text(path):
    # Words come back separated by tabs or newlines: compare with single spaces.
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_recap_pdf_has_title_rows_totals_and_signature(kedung, tmp_path):
    from kpps_desktop.render import recap_pdf

    s = session_of(kedung, kedung.desas[0], "pelantikan")
    r = recap.recap(kedung, "tps", [s.id], within=kedung.desas[0])
    out = recap_pdf.recap_pdf(kedung, r, tmp_path / "rekap.pdf", "f4")
    reader = PdfReader(out)
    w, h = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert w > h and abs(w - 330 / 25.4 * 72) < 2  # F4, landscape
    text = pdf_text(out)
    assert "REKAPITULASI KEHADIRAN KPPS PER TPS" in text and s.title in text
    assert "TPS 001" in text and "Jumlah" in text and f"{r.total['expected']}" in text
    assert "Presensi per 5 menit" in text and "Ketua PPK Kecamatan Kedung" in text


def test_transport_pdf_and_xlsx(kedung, tmp_path):
    from kpps_desktop.core import transport
    from kpps_desktop.render import recap_pdf

    ids = [session_of(kedung, kedung.desas[0], k).id for k in ("pelantikan", "bimtek")]
    p = transport.payees(kedung, ids)
    out = recap_pdf.transport_pdf(kedung, p, tmp_path / "t.pdf", "a4")
    text = pdf_text(out)
    assert "DAFTAR PENERIMA UANG TRANSPORT KPPS" in text and "Rp 50.000 per kegiatan" in text
    assert f"Jumlah: Rp {p.total:,}".replace(",", ".") in text
    assert terbilang.kapital(p.total_words) in text and "Yang membayarkan" in text
    assert "1. ...." in text and "2. ...." in text
    from kpps_desktop.core import paperwork

    ws = openpyxl.load_workbook(tabular.write_xlsx(transport.table(p, paperwork.get(kedung)), tmp_path / "t.xlsx")).active
    rows = [r for r in ws.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "No")
    body = rows[header_at + 1: header_at + 1 + len(p.rows)]
    first = header_at + 2
    assert rows[header_at + 1 + len(p.rows)][7] == f"=SUM(H{first}:H{first + len(p.rows) - 1})"
    # Each amount is its activities times the rate, in Excel too.
    assert [r[7] for r in body] == [f"=G{first + i}*{p.rules.amount}" for i in range(len(p.rows))]
    assert sum(r[6] * p.rules.amount for r in body) == p.total
    assert any(r[0] == f"Terbilang: {terbilang.kapital(p.total_words)}" for r in rows)
    # The signature block comes with the file: place and date, both jabatan, names (dots when unset).
    flat = [v for r in rows[header_at + 2 + len(p.rows):] for v in r if v]
    assert "Mengetahui," in flat and "Yang membayarkan," in flat and "Ketua PPK Kecamatan Kedung" in flat
    assert any(str(v).startswith("Kedung, 7 November 2024") for v in flat)


def test_charts_png(kedung, tmp_path):
    from PySide6.QtGui import QImage

    from kpps_desktop.render import charts

    r = recap.recap(kedung, "desa")
    out = charts.save_png(lambda p, rect, pt: charts.draw_rates(p, rect, charts.rate_items(r.rows), "Kehadiran", pt),
                          tmp_path / "rates.png")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 700)
    colors = {image.pixelColor(x, y).name() for x in range(0, 1200, 7) for y in range(0, 700, 7)}
    drawn = {charts.rate_color(row["rate"]).name() for row in r.rows if row["rate"]}
    assert drawn and drawn <= colors  # every non-empty bar, in the colour of its rate band
    assert {c.name() for c in (charts.BAR, charts.BAR_MID, charts.BAR_LOW)} - drawn - colors == \
        {c.name() for c in (charts.BAR, charts.BAR_MID, charts.BAR_LOW)} - drawn


# --- CLI -----------------------------------------------------------------------------------------

def test_cli_recap_json_to_stdout(kedung, capsys):
    assert cli.main(["recap", "--db", str(kedung.path), "--by", "kecamatan", "--format", "json", "--out", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    [row] = data["rows"]
    assert data["coverage"]["reported"] == data["coverage"]["total"] == len(wilayah.descendants(KEDUNG, "desa"))
    assert row["reported"] is True and data["wilayah_nama"] == "Kedung"
    assert row["kode"] == KEDUNG and set(recap.COUNTS) <= set(row)
    assert all(isinstance(row[k], int) for k in recap.COUNTS)
    assert row["present"] == row["hadir"] + row["terlambat"] + row["hadir_daring"]


def test_cli_recap_files_and_session_filter(kedung, tmp_path, capsys):
    s = session_of(kedung, kedung.desas[1], "bimtek")
    for fmt in ("csv", "xlsx", "pdf", "json"):
        out = tmp_path / f"r.{fmt}"
        assert cli.main(["recap", "--db", str(kedung.path), "--by", "tps", "--session", s.id,
                         "--format", fmt, "--out", str(out)]) == 0
        assert out.stat().st_size > 0
    data = json.loads((tmp_path / "r.json").read_text())["rows"]
    assert {row["desa"] for row in data} == {kedung.desas[1]} and all("tps" in row for row in data)
    assert "TPS 001" in pdf_text(tmp_path / "r.pdf")


def test_cli_transport_and_its_refusals(kedung, tmp_path, capsys):
    ids = [session_of(kedung, kedung.desas[0], k).id for k in ("pelantikan", "bimtek")]
    args = ["transport", "--db", str(kedung.path), "--session", ids[0], "--session", ids[1]]
    assert cli.main(args + ["--out", str(tmp_path / "t.pdf")]) == 0
    assert "penerima, jumlah Rp" in capsys.readouterr().out
    assert cli.main(args + ["--out", str(tmp_path / "t.xlsx")]) == 0
    assert cli.main(args + ["--out", str(tmp_path / "t.docx")]) == 1
    assert "harus .pdf atau .xlsx" in capsys.readouterr().err
    assert cli.main(["recap", "--db", str(kedung.path), "--format", "csv", "--out", "-"]) == 1
    assert cli.main(["recap", "--db", str(kedung.path), "--format", "csv", "--session", "nope",
                     "--out", str(tmp_path / "x.csv")]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err and not (tmp_path / "x.csv").exists()
    log = kedung.conn.execute("SELECT action, what FROM audit_log").fetchall()
    assert log == [("print", "transport"), ("export", "transport")]  # the PDF, then the XLSX


def test_cli_help_documents_hadir(capsys):
    with pytest.raises(SystemExit):
        cli.main(["recap", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "'hadir' TIDAK termasuk yang terlambat" in out and "present" in out
