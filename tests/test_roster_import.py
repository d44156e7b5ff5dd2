"""Roster import from real .xlsx/.csv files: messy layouts, row-level report, all-or-nothing writes."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from kpps_desktop.core import installation, nik, roster
from kpps_desktop.core.progress import Canceled, Progress
from kpps_desktop.core.roster_import import (
    ImportRefused, RosterFileError, apply_import, parse_roster, read_table, write_template,
)

KEDUNGMALANG = "33.20.01.2001"
KALIANYAR = "33.20.01.2002"  # also a desa name in Kec. Wonosalam (Demak)
TODAY = dt.date(2024, 10, 1)


def person(i: int, jk: str = "L") -> tuple[str, dt.date]:
    born = dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
    return nik.make("332001", born, jk, i + 1), born


def write_xlsx(path, rows, merges=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def write_csv(path, rows, delimiter=",", encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


HEADER = ["NO", "NIK", "NAMA", "JK", "TGL LAHIR", "DESA", "TPS", "JABATAN"]


def rows_for(n: int, desa="Kedungmalang", tps="TPS 001", start=0):
    out = []
    for i in range(start, start + n):
        jk = "P" if i % 2 else "L"
        value, born = person(i, jk)
        out.append([i + 1, value, f"Petugas {i}", jk, born.strftime("%d-%m-%Y"), desa, tps,
                    "KETUA KPPS" if i % 7 == 0 else "ANGGOTA KPPS"])
    return out


def parse(path, scope=KEDUNGMALANG, default_desa=None, **kw):
    return parse_roster(path, default_desa=default_desa, scope=scope, today=TODAY, **kw)


# --- layout -------------------------------------------------------------------------------

def test_title_rows_and_merged_cells(tmp_path, pps_db):
    body = rows_for(14)
    for r in body[1:]:
        r[5] = None  # DESA merged down over all rows
    for r in body[1:7] + body[8:]:
        r[6] = None  # TPS merged down per 7 officers
    body[7][6] = "TPS 002"
    path = write_xlsx(tmp_path / "r.xlsx",
                      [["DAFTAR KPPS DESA KEDUNGMALANG"], ["PILKADA 2024"], HEADER, *body],
                      merges=["A1:H1", "A2:H2", "F4:F17", "G4:G10", "G11:G17"])
    plan = parse(path)
    assert plan.problems == [] and plan.header_row == 3
    assert plan.officer_rows == list(range(4, 18))
    assert {o.desa for o in plan.officers} == {KEDUNGMALANG}
    assert [o.tps for o in plan.officers] == [1] * 7 + [2] * 7
    assert [o.jabatan for o in plan.officers[:2]] == ["ketua", "anggota"]
    assert plan.officers[1].tanggal_lahir == person(1)[1].isoformat()
    result = apply_import(pps_db, plan)
    assert (result.added, result.updated, result.skipped) == (14, 0, 0)
    assert roster.count_officers(pps_db)["total"] == 14


def test_read_table_fills_merges_and_keeps_row_numbers(tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", [["Judul"], [], ["a", "b", "c"], [None, "x", None]],
                      merges=["A1:C1", "A3:A4"])
    rows = dict(read_table(path))
    assert rows[1] == ["Judul", "Judul", "Judul"]
    assert rows[3][0] == rows[4][0] == "a"
    assert rows[4][1] == "x"


@pytest.mark.parametrize("headers", [
    ["NO", "NIK", "NAMA", "JK", "TANGGAL LAHIR", "DESA", "TPS", "JABATAN"],
    ["No.", "No NIK", "Nama Lengkap", "L/P", "Tgl. Lahir", "Desa/Kelurahan", "No. TPS", "Jabatan"],
    ["no", "NOMOR INDUK KEPENDUDUKAN", "nama lengkap", "Jenis Kelamin", "tgl lahir", "KELURAHAN", "tps", "JABATAN"],
])
def test_header_variants(tmp_path, headers):
    path = write_xlsx(tmp_path / "h.xlsx", [headers, *rows_for(3)])
    plan = parse(path)
    assert plan.problems == [] and len(plan.officers) == 3
    assert plan.columns["nik"] == headers[1] and plan.columns["jk"] == headers[3]
    assert plan.officers[0].tanggal_lahir == person(0)[1].isoformat()


def test_optional_columns_ttl_phone_address_label(tmp_path):
    value, born = person(0)
    path = write_xlsx(tmp_path / "o.xlsx", [
        ["NIK", "NAMA", "JK", "TEMPAT, TANGGAL LAHIR", "ALAMAT", "NO HP", "TPS", "KETERANGAN TPS", "JABATAN"],
        [value, "  Budi   Santoso ", "L", f"Jepara, {born:%d-%m-%Y}", "RT 01 RW 02", 81234567890, 3, "Rutan", "KETUA"],
    ])
    plan = parse(path, default_desa=KEDUNGMALANG)
    assert plan.problems == []
    o = plan.officers[0]
    assert (o.nama, o.tempat_lahir, o.tanggal_lahir) == ("Budi Santoso", "Jepara", born.isoformat())
    assert (o.alamat, o.telepon, o.tps, o.tps_label) == ("RT 01 RW 02", "081234567890", 3, "Rutan")
    assert plan.columns["ttl"] == "TEMPAT, TANGGAL LAHIR"


def test_separate_place_and_phone_headers(tmp_path):
    value, born = person(0)
    path = write_xlsx(tmp_path / "p.xlsx", [
        ["NIK", "NAMA", "L/P", "TEMPAT LAHIR", "TGL LAHIR", "TELEPON", "NO TPS", "LOKASI KHUSUS", "JABATAN"],
        [value, "Budi", "L", "Kudus", born, "0812-3456", "003", None, "KPPS 1"],
    ])
    o = parse(path, default_desa=KEDUNGMALANG).officers[0]
    assert (o.tempat_lahir, o.tanggal_lahir, o.telepon, o.tps, o.tps_label, o.jabatan) == (
        "Kudus", born.isoformat(), "0812-3456", 3, None, "ketua")


@pytest.mark.parametrize("jk_text, jk", [("L", "L"), ("p", "P"), ("Laki-laki", "L"), ("PEREMPUAN", "P"),
                                         ("Pria", "L"), ("wanita", "P")])
def test_jk_values(tmp_path, jk_text, jk):
    value, _ = person(0, jk)
    path = write_xlsx(tmp_path / "j.xlsx", [["NIK", "NAMA", "JK", "TPS", "JABATAN"], [value, "A", jk_text, 1, "ANGGOTA"]])
    plan = parse(path, default_desa=KEDUNGMALANG)
    assert plan.problems == [] and plan.officers[0].jk == jk


@pytest.mark.parametrize("tps", [3, "3", "003", "TPS 003", "TPS 3", "tps 03"])
def test_tps_values(tmp_path, tps):
    path = write_xlsx(tmp_path / "t.xlsx", [["NIK", "NAMA", "JK", "TPS", "JABATAN"], [person(0)[0], "A", "L", tps, "KETUA"]])
    plan = parse(path, default_desa=KEDUNGMALANG)
    assert plan.problems == [] and plan.officers[0].tps == 3


@pytest.mark.parametrize("text, jabatan", [
    ("KETUA", "ketua"), ("Ketua KPPS", "ketua"), ("KPPS 1", "ketua"), ("Anggota", "anggota"),
    ("ANGGOTA KPPS", "anggota"), ("KPPS 2", "anggota"), ("kpps 7", "anggota"), ("LINMAS", "linmas"),
    ("PAM TPS", "linmas"),
])
def test_jabatan_values(tmp_path, text, jabatan):
    path = write_xlsx(tmp_path / "b.xlsx", [["NIK", "NAMA", "JK", "TPS", "JABATAN"], [person(0)[0], "A", "L", 1, text]])
    plan = parse(path, default_desa=KEDUNGMALANG)
    assert plan.problems == [] and plan.officers[0].jabatan == jabatan


@pytest.mark.parametrize("fmt", ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "cell", "month name"])
def test_birth_date_forms(tmp_path, fmt):
    value, born = person(5)
    cell = {"cell": born, "month name": f"{born.day} Juni {born.year}"}.get(fmt) or born.strftime(fmt)
    path = write_xlsx(tmp_path / "d.xlsx", [["NIK", "NAMA", "JK", "TANGGAL LAHIR", "TPS", "JABATAN"],
                                            [value, "A", "L", cell, 1, "KETUA"]])
    plan = parse(path, default_desa=KEDUNGMALANG)
    assert plan.problems == [] and plan.warnings == []
    assert plan.officers[0].tanggal_lahir == born.isoformat()


def test_birth_date_differing_from_nik_is_a_warning(tmp_path):
    value, born = person(5)
    path = write_xlsx(tmp_path / "d.xlsx", [["NIK", "NAMA", "JK", "TTL", "TPS", "JABATAN"],
                                            [value, "A", "L", "Jepara, 01-01-1985", 1, "KETUA"]])
    plan = parse(path, default_desa=KEDUNGMALANG)
    assert plan.problems == [] and plan.officers[0].tanggal_lahir == "1985-01-01"
    assert [(w.row, w.column) for w in plan.warnings] == [(2, "NIK")]
    assert "tetap dipakai" in plan.warnings[0].reason


def test_repeated_headers_section_titles_and_blank_rows_are_skipped(tmp_path):
    a, b = rows_for(2)
    path = write_xlsx(tmp_path / "s.xlsx", [
        HEADER, ["TPS 001"], a, [], [None] * 8, ["TPS 002 (halaman 2)"], HEADER, b,
        [None, None, None, None, None, None, "Jepara, 1 Oktober 2024"],
    ], merges=["A2:H2", "A6:H6"])
    plan = parse(path)
    assert plan.problems == []
    assert plan.officer_rows == [3, 8]
    # Not data, so not warnings or errors: each run of such rows is skipped with one note.
    assert plan.warnings == []
    assert [(n.row, n.reason) for n in plan.notes] == [
        (2, "Baris 2 dilewati: judul bagian."), (6, "Baris 6 dilewati: judul bagian."),
        (7, "Baris 7 dilewati: judul kolom diulang."), (9, "Baris 9 dilewati: blok tanda tangan.")]


# --- CSV ----------------------------------------------------------------------------------

@pytest.mark.parametrize("delimiter, encoding", [
    (",", "utf-8"), (";", "utf-8-sig"), ("\t", "utf-8"), (";", "cp1252"), ("\t", "utf-16"),
])
def test_csv_delimiters_and_encodings(tmp_path, delimiter, encoding):
    body = rows_for(3)
    body[1][2] = "André Hernández"
    # An address with commas must not fool the delimiter guess of a ';' file.
    header = [*HEADER, "ALAMAT"]
    body = [[*r, "Jl. Mawar, RT 01, RW 02"] for r in body]
    path = write_csv(tmp_path / "r.csv", [["DAFTAR KPPS"], [], header, *body], delimiter, encoding)
    plan = parse(path)
    assert plan.problems == [] and plan.header_row == 3
    assert [o.nama for o in plan.officers] == ["Petugas 0", "André Hernández", "Petugas 2"]
    assert plan.officers[0].alamat == "Jl. Mawar, RT 01, RW 02"


def test_csv_windows_1252_bytes_decode(tmp_path):
    path = tmp_path / "w.csv"
    path.write_bytes("NIK;NAMA;JK;TPS;JABATAN\r\n{};Désirée;P;1;ANGGOTA\r\n".format(person(1, "P")[0]).encode("cp1252"))
    plan = parse(path, default_desa=KEDUNGMALANG)
    assert plan.problems == [] and plan.officers[0].nama == "Désirée"


# --- NIK damage ---------------------------------------------------------------------------

def test_nik_stored_as_number_in_xlsx_is_reported(tmp_path):
    whole = nik.make("332001", dt.date(1990, 3, 12), "P", 10)  # ends in 0: a lost digit cannot be ruled out
    intact = nik.make("332001", dt.date(1990, 3, 12), "P", 11)
    path = write_xlsx(tmp_path / "n.xlsx", [["NIK", "NAMA", "JK", "TPS", "JABATAN"],
                                            [int(whole), "A", "P", 1, "KETUA"],
                                            [int(intact), "B", "P", 1, "ANGGOTA"]])
    plan = parse(path, default_desa=KEDUNGMALANG)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "NIK")]
    assert "angka" in plan.problems[0].reason
    assert [o.nik for o in plan.officers] == [intact]
    assert [(w.row, w.column) for w in plan.warnings] == [(3, "NIK")]


def test_nik_scientific_text_and_float_string(tmp_path):
    good = person(2)[0]
    path = write_csv(tmp_path / "n.csv", [["NIK", "NAMA", "JK", "TPS", "JABATAN"],
                                          ["3.32002E+15", "A", "L", 1, "KETUA"],
                                          [good + ".0", "B", "L", 1, "ANGGOTA"]])
    plan = parse(path, default_desa=KEDUNGMALANG)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "NIK")]
    assert "notasi ilmiah" in plan.problems[0].reason
    assert plan.officers[0].nik == good
    assert plan.warnings and plan.warnings[0].row == 3


def test_duplicate_nik_is_reported_on_second_row(tmp_path):
    body = rows_for(3)
    body[2][1] = body[0][1]
    body[2][3] = body[0][3]
    body[2][4] = body[0][4]
    path = write_xlsx(tmp_path / "d.xlsx", [HEADER, *body])
    plan = parse(path)
    assert [(p.row, p.column) for p in plan.problems] == [(4, "NIK")]
    assert "baris 2" in plan.problems[0].reason
    assert len(plan.officers) == 2


def test_row_report_names_row_column_and_reason(tmp_path):
    body = rows_for(4)
    body[0][3] = "X"
    body[1][6] = "TPS satu"
    body[2][7] = "Sekretaris"
    body[3][4] = "31-02-1990"
    header = ["No", "NIK", "Nama", "L/P", "Tgl Lahir", "Desa", "TPS", "Jabatan"]
    path = write_xlsx(tmp_path / "bad.xlsx", [["Judul"], header, *body])
    plan = parse(path)
    got = [(p.row, p.column) for p in plan.problems]
    assert got == [(3, "L/P"), (4, "TPS"), (5, "Jabatan"), (6, "Tgl Lahir")]
    assert "'X'" in plan.problems[0].reason and "'TPS satu'" in plan.problems[1].reason
    assert "'Sekretaris'" in plan.problems[2].reason and "31-02-1990" in plan.problems[3].reason
    assert plan.officers == [] and plan.bad_rows == 4


# --- desa ---------------------------------------------------------------------------------

def test_desa_by_name_code_and_default(tmp_path):
    body = rows_for(3)
    body[0][5], body[1][5], body[2][5] = "Desa Kalianyar", "3320012001", "33.20.01.2002"
    plan = parse(write_xlsx(tmp_path / "a.xlsx", [HEADER, *body]), scope="33.20")
    assert plan.problems == []
    assert [o.desa for o in plan.officers] == [KALIANYAR, KEDUNGMALANG, KALIANYAR]
    no_desa = [[c for i, c in enumerate(r) if i != 5] for r in [HEADER, *rows_for(2)]]
    plan = parse(write_xlsx(tmp_path / "b.xlsx", no_desa), default_desa="3320012001")
    assert [o.desa for o in plan.officers] == [KEDUNGMALANG] * 2


def test_desa_problems(tmp_path):
    body = rows_for(4)
    body[0][5] = "Atlantis"
    body[1][5] = "Kalianyar"  # a neighbour, outside a PPS Kedungmalang installation
    body[2][5] = "33.20.01.2999"
    body[3][5] = None
    plan = parse(write_xlsx(tmp_path / "a.xlsx", [HEADER, *body]))
    reasons = {p.row: p.reason for p in plan.problems}
    assert all(p.column == "DESA" for p in plan.problems)
    assert "tidak ditemukan" in reasons[2]
    assert "di luar wilayah" in reasons[3]
    assert "tidak dikenal" in reasons[4]
    assert "Desa kosong" in reasons[5]
    no_desa = [[c for i, c in enumerate(r) if i != 5] for r in [HEADER, *rows_for(1)]]
    plan = parse(write_xlsx(tmp_path / "b.xlsx", no_desa), default_desa=None)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "desa")]


def test_ambiguous_desa_name_needs_kecamatan(tmp_path):
    rows = [["NIK", "NAMA", "JK", "DESA", "TPS", "JABATAN"], [person(0)[0], "A", "L", "Kalianyar", 1, "KETUA"]]
    plan = parse(write_xlsx(tmp_path / "a.xlsx", rows), scope="33")
    assert len(plan.problems) == 1 and "KECAMATAN" in plan.problems[0].reason
    rows = [[*rows[0], "KECAMATAN"], [*rows[1], "KEDUNG"]]
    plan = parse(write_xlsx(tmp_path / "b.xlsx", rows), scope="33")
    assert plan.problems == [] and plan.officers[0].desa == KALIANYAR


# --- file-level errors ----------------------------------------------------------------------

def test_missing_required_columns_is_one_clear_error(tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", [["Judul"], ["NO", "NIK", "NAMA", "JK", "DESA"], *[r[:4] for r in rows_for(1)]])
    with pytest.raises(RosterFileError) as exc:
        parse(path)
    msg = str(exc.value)
    assert "TPS" in msg and "JABATAN" in msg and "baris 2" in msg and "NIK" not in msg.split(".")[0]


@pytest.mark.parametrize("name, content", [
    ("r.xls", b"\xd0\xcf\x11\xe0old excel"), ("r.pdf", b"%PDF"), ("r.xlsx", b"not a zip at all"),
    ("r.csv", b"a,b,c\n1,2,3\n"),
])
def test_unreadable_files(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RosterFileError):
        parse(path)


def test_missing_file(tmp_path):
    with pytest.raises(RosterFileError, match="tidak ditemukan"):
        read_table(tmp_path / "nope.xlsx")


# --- writing ------------------------------------------------------------------------------

def test_refused_import_changes_nothing(tmp_path, pps_db):
    apply_import(pps_db, parse(write_xlsx(tmp_path / "first.xlsx", [HEADER, *rows_for(2)])))
    before = roster.list_officers(pps_db)
    body = rows_for(4)
    body[0][2] = "Nama Baru"  # would update an existing officer
    body[3][3] = "?"
    plan = parse(write_xlsx(tmp_path / "second.xlsx", [HEADER, *body]))
    with pytest.raises(ImportRefused) as exc:
        apply_import(pps_db, plan)
    assert exc.value.problems == plan.problems and "1 baris" in str(exc.value)
    assert roster.list_officers(pps_db) == before


def test_skip_invalid_imports_valid_rows(tmp_path, pps_db):
    body = rows_for(5)
    body[1][1] = "123"
    body[3][6] = None
    plan = parse(write_xlsx(tmp_path / "r.xlsx", [HEADER, *body]))
    result = apply_import(pps_db, plan, skip_invalid=True)
    assert (result.added, result.updated, result.skipped) == (3, 0, 2)
    assert {p.row for p in result.problems} == {3, 5}
    assert sorted(o["nama"] for o in roster.list_officers(pps_db)) == ["Petugas 0", "Petugas 2", "Petugas 4"]


def test_reimport_is_idempotent_and_updates_changes(tmp_path, pps_db):
    path = write_xlsx(tmp_path / "r.xlsx", [HEADER, *rows_for(7)])
    first = apply_import(pps_db, parse(path))
    again = apply_import(pps_db, parse(path))
    assert (first.added, again.added, again.updated) == (7, 0, 0)
    body = rows_for(7)
    body[2][6] = "TPS 004"
    changed = apply_import(pps_db, parse(write_xlsx(tmp_path / "r2.xlsx", [HEADER, *body])))
    assert (changed.added, changed.updated) == (0, 1)
    assert roster.count_officers(pps_db)["total"] == 7


def test_officer_moved_to_another_desa_is_a_warning(tmp_path, db):
    installation.init(db, "ppk", "33.20.01")
    apply_import(db, parse(write_xlsx(tmp_path / "a.xlsx", [HEADER, *rows_for(2)]), scope="33.20.01"))
    moved = apply_import(db, parse(write_xlsx(tmp_path / "b.xlsx", [HEADER, *rows_for(2, desa="Kalianyar")]),
                                   scope="33.20.01"))
    assert (moved.added, moved.updated) == (0, 2)
    assert [(w.row, w.column) for w in moved.warnings] == [(2, "DESA"), (3, "DESA")]
    assert "Kedungmalang" in moved.warnings[0].reason and "Kalianyar" in moved.warnings[0].reason
    assert {o["desa"] for o in roster.list_officers(db)} == {KALIANYAR}


def test_progress_ticks_and_cancel(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [HEADER, *rows_for(3)])
    progress = Progress()
    parse(path, progress=progress)
    assert progress.done == progress.total == 3
    canceled = Progress()
    canceled.cancel()
    with pytest.raises(Canceled):
        parse(path, progress=canceled)


def test_template_is_well_formed_and_imports_when_filled(tmp_path, pps_db):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "template.xlsx"
    path.write_bytes(b"old")
    write_template(path)
    assert [p.name for p in path.parent.iterdir()] == ["template.xlsx"]  # no temp file left behind
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    headers = [c.value for c in ws[3]]
    assert headers[:3] == ["NO", "NIK", "NAMA LENGKAP"] and "KETERANGAN TPS" in headers
    assert ws.freeze_panes == "A4"
    assert ws["B4"].number_format == "@"
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {"D": '"L,P"', "K": '"KETUA KPPS,ANGGOTA KPPS,LINMAS"'}
    for i in range(3):
        value, born = person(i, "P" if i else "L")
        filled = [i + 1, value, f"Ibu/Bapak {i}", "P" if i else "L", "Jepara", born.strftime("%d-%m-%Y"),
                  "RT 1", "081200000", "Kedungmalang", 1, "KETUA KPPS" if i == 0 else "ANGGOTA KPPS", None]
        for col, cell in enumerate(filled, start=1):
            ws.cell(4 + i, col, cell)
    wb.save(path)
    plan = parse(path)
    assert plan.problems == [] and plan.warnings == [] and plan.header_row == 3
    assert plan.officer_rows == [4, 5, 6]
    assert plan.officers[0].telepon == "081200000"
    assert apply_import(pps_db, plan).added == 3



# --- rows that are not data, names in the report, fixing in the app (issue 17, finding 2) -------

def test_signature_block_totals_and_repeated_header_are_notes_not_problems(tmp_path, pps_db):
    from helpers.roster_files import with_signature_totals_and_repeated_header

    plan = parse(with_signature_totals_and_repeated_header(tmp_path / "ttd.xlsx"), default_desa=KEDUNGMALANG)
    assert len(plan.officers) == 12 and plan.bad_rows == 2  # not 8: the signature block is no error
    assert [(p.row, p.nama, p.column) for p in plan.problems] == [
        (16, "Petugas Nomor 9", "JK"), (19, "Petugas Nomor 12", "NIK")]
    assert plan.warnings == []
    assert [n.reason for n in plan.notes] == [
        "Baris 13 dilewati: baris jumlah/total.", "Baris 14 dilewati: judul kolom diulang.",
        "Baris 22 dilewati: baris jumlah/total.", "Baris 24–25 dilewati: blok tanda tangan.",
        "Baris 27–28 dilewati: blok tanda tangan."]
    with pytest.raises(ImportRefused, match="2 baris bermasalah"):
        apply_import(pps_db, plan)


def test_a_cell_fixed_in_the_app_is_checked_again_and_a_skipped_row_is_a_note(tmp_path, pps_db):
    from helpers.roster_files import with_signature_totals_and_repeated_header

    from kpps_desktop.core.roster_import import recheck

    plan = parse(with_signature_totals_and_repeated_header(tmp_path / "ttd.xlsx"), default_desa=KEDUNGMALANG)
    assert plan.cell(16, "jk") == "X" and plan.editable(plan.problems[0])
    fixed = recheck(plan, {(16, "jk"): "P"})
    assert [p.row for p in fixed.problems] == [19] and len(fixed.officers) == 13
    assert fixed.cell(16, "jk") == "P" and plan.cell(16, "jk") == "X"  # the first plan is untouched
    # A fix that makes a NIK repeat another row is caught like any other.
    dup = recheck(fixed, {(19, "nik"): plan.table[5][1][1]})
    assert [(p.row, p.reason) for p in dup.problems] == [(19, "NIK 3320********0101 sudah ada di baris 6.")]
    skipped = recheck(fixed, skip_rows={19})
    assert skipped.problems == [] and skipped.edits == {(16, "jk"): "P"}
    assert "Baris 19 dilewati: dilewati atas pilihan pengguna." in [n.reason for n in skipped.notes]
    result = apply_import(pps_db, skipped)
    assert (result.added, result.skipped) == (13, 1)
    stored = {o["nama"]: o for o in roster.list_officers(pps_db)}
    assert stored["Petugas Nomor 9"]["jk"] == "P" and "Petugas Nomor 12" not in stored


def test_report_saved_as_xlsx_and_pdf_names_row_officer_and_problem(tmp_path, qapp):
    from pypdf import PdfReader
    from helpers.roster_files import with_signature_totals_and_repeated_header

    from kpps_desktop.render.import_report import write_report

    plan = parse(with_signature_totals_and_repeated_header(tmp_path / "ttd.xlsx"), default_desa=KEDUNGMALANG)
    now = dt.datetime(2024, 11, 2, 9, 30)
    out = write_report(plan, tmp_path / "ttd.xlsx", tmp_path / "laporan.xlsx", now)
    ws = openpyxl.load_workbook(out).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert values[0][0] == "Laporan pemeriksaan daftar petugas"
    assert values[1][0] == "Berkas: ttd.xlsx" and values[2][0] == "Diperiksa: 02-11-2024 09:30"
    assert values[3][0] == ("12 baris siap diimpor, 2 baris bermasalah, "
                            "5 catatan (baris bukan data atau dilewati).")
    header = values.index(["Baris", "Nama", "Kolom", "Jenis", "Alasan"])
    body = values[header + 1:]
    assert body[0][:4] == [13, None, None, "Catatan"] or body[0][:4] == [13, "", "", "Catatan"]
    assert [16, "Petugas Nomor 9", "JK", "Masalah"] in [r[:4] for r in body]
    assert any(r[0] == 19 and r[1] == "Petugas Nomor 12" and "16 digit" in r[4] for r in body)
    pdf = write_report(plan, tmp_path / "ttd.xlsx", tmp_path / "laporan.pdf", now)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "Laporan pemeriksaan daftar petugas" in text and "Petugas Nomor 12" in text and "NIK" in text
    with pytest.raises(ValueError, match=r"\.xlsx atau \.pdf"):
        write_report(plan, tmp_path / "ttd.xlsx", tmp_path / "laporan.docx")
