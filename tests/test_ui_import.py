"""Roster import dialog with real .xlsx/.csv files and a real database."""

import csv
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import nik, roster
from kpps_desktop.ui.import_dialog import ImportDialog


HEADER = ["NO", "NIK", "NAMA LENGKAP", "JK", "TANGGAL LAHIR", "DESA", "TPS", "JABATAN"]
KEDUNGMALANG = "33.20.01.2001"


def officer_row(i, name, jk="P", born=date(1990, 3, 12), desa=KEDUNGMALANG, tps=1, jabatan="Anggota KPPS"):
    return [i, nik.make("332001", born, jk, i), name, jk, born.strftime("%d-%m-%Y"), desa, tps, jabatan]


GOOD = [
    officer_row(1, "Siti Aminah", jabatan="Ketua KPPS"),
    officer_row(2, "Budi Santoso", jk="L", born=date(1985, 7, 1)),
    officer_row(3, "Dewi Lestari", born=date(1999, 12, 30), tps=2),
]


def write_xlsx(path, rows, header=HEADER):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DAFTAR KPPS DESA KEDUNGMALANG"])  # a title row above the header, as offices send
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    # NIKs typed as text, the way the template asks; numbers would lose the 16th digit.
    for cells in ws.iter_rows(min_row=4, min_col=2, max_col=2):
        cells[0].number_format = "@"
    wb.save(path)
    return path


def write_csv(path, rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def dialog(qtbot, pps_db, runner, db_path):
    d = ImportDialog(runner, db_path)
    qtbot.addWidget(d)
    d.show()
    return d


def officers_in(db_path):
    with dbmod.opened(db_path) as db:
        return roster.list_officers(db)


def read(qtbot, dialog, path):
    dialog.set_path(path)
    qtbot.waitUntil(lambda: dialog.plan is not None or bool(dialog.error_label.text()), timeout=10_000)


def column(model, col):
    return [model.row(r)[col] for r in range(model.rowCount())]


def test_preview_then_import_xlsx(qtbot, dialog, db_path):
    read(qtbot, dialog, write_xlsx(dialog_path := db_path.parent / "roster.xlsx", GOOD))
    assert dialog.path_edit.text() == str(dialog_path)
    model = dialog.preview_model
    assert model.rowCount() == 3
    assert model.row(0) == ("Siti Aminah", "3320********0001", "P", "TPS 001", "Ketua KPPS", "Kedungmalang")
    assert column(model, 3) == ["TPS 001", "TPS 001", "TPS 002"]
    assert dialog.report_model.rowCount() == 0
    assert dialog.summary_label.text() == "3 baris siap diimpor, 0 baris bermasalah."
    assert not dialog.skip_box.isVisible()
    # Nothing is written before "Impor".
    assert officers_in(db_path) == []
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_counts is not None, timeout=10_000)
    assert dialog.result_counts == (3, 0, 0)
    assert "3 petugas ditambahkan" in dialog.done_label.text()
    saved = officers_in(db_path)
    assert sorted(o["nama"] for o in saved) == ["Budi Santoso", "Dewi Lestari", "Siti Aminah"]
    assert {o["nik"] for o in saved} == {r[1] for r in GOOD}  # full NIK stored, only the screen masks
    # Closing in any way after a successful import reports Accepted to the caller.
    assert not dialog.import_button.isVisible()
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Accepted.value


def test_bad_row_blocks_import_until_skip_is_ticked(qtbot, dialog, db_path):
    rows = GOOD + [officer_row(4, "Rina", jk="X")]
    read(qtbot, dialog, write_csv(db_path.parent / "roster.csv", rows))
    assert dialog.preview_model.rowCount() == 3
    report = [dialog.report_model.row(r) for r in range(dialog.report_model.rowCount())]
    problems = [r for r in report if r[0] == "Masalah"]
    assert problems and all(p[1] == 5 for p in problems)  # CSV row 5: header is row 1
    assert any(p[3] == "JK" and "'X'" in p[5] for p in problems)
    assert dialog.summary_label.text() == "3 baris siap diimpor, 1 baris bermasalah."
    assert dialog.tabs.currentIndex() == 1  # the report is shown first
    assert dialog.skip_box.isVisible() and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result_counts is None and officers_in(db_path) == []
    dialog.skip_box.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_counts is not None, timeout=10_000)
    assert dialog.result_counts == (3, 0, 1)
    assert len(officers_in(db_path)) == 3
    assert "1 baris dilewati" in dialog.done_label.text()


def test_reimport_updates_only_changed_officers(qtbot, dialog, db_path):
    path = write_xlsx(db_path.parent / "roster.xlsx", GOOD)
    read(qtbot, dialog, path)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_counts is not None, timeout=10_000)
    changed = [GOOD[0], GOOD[1], officer_row(3, "Dewi Lestari", born=date(1999, 12, 30), tps=5)]
    second = ImportDialog(dialog.runner, db_path)
    qtbot.addWidget(second)
    read(qtbot, second, write_xlsx(path, changed))
    qtbot.mouseClick(second.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: second.result_counts is not None, timeout=10_000)
    assert second.result_counts == (0, 1, 0)
    assert sorted(o["tps"] for o in officers_in(db_path)) == [1, 1, 5]


def test_pps_default_desa_fills_rows_without_desa(qtbot, dialog, db_path):
    header = [h for h in HEADER if h != "DESA"]
    rows = [[v for k, v in zip(HEADER, r) if k != "DESA"] for r in GOOD]
    read(qtbot, dialog, write_csv(db_path.parent / "tanpa-desa.csv", rows, header))
    assert "Kedungmalang" in dialog.scope_label.text()
    assert column(dialog.preview_model, 5) == ["Kedungmalang"] * 3
    assert dialog.import_button.isEnabled()


@pytest.mark.parametrize("name, content, expected", [
    ("rusak.xlsx", b"bukan berkas excel", "tidak dapat dibaca sebagai XLSX"),
    ("lama.xls", b"\xd0\xcf\x11\xe0", "tidak didukung"),
    ("kolom.csv", "NIK;NAMA\n3320015203900001;Siti\n".encode(), "Kolom wajib tidak ditemukan"),
])
def test_unreadable_file_shows_message_and_writes_nothing(qtbot, dialog, db_path, name, content, expected):
    path = db_path.parent / name
    path.write_bytes(content)
    read(qtbot, dialog, path)
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("Berkas tidak dapat dibaca: ")
    assert expected in dialog.error_label.text()
    assert "Traceback" not in dialog.error_label.text()
    assert dialog.plan is None and not dialog.import_button.isEnabled()
    assert not dialog.progress_bar.isVisible()
    # A good file afterwards clears the message.
    read(qtbot, dialog, write_xlsx(db_path.parent / "baik.xlsx", GOOD))
    assert not dialog.error_label.isVisible() and dialog.import_button.isEnabled()
    assert officers_in(db_path) == []


def test_cancel_reading_ignores_the_late_result(qtbot, dialog, db_path, runner):
    rows = [officer_row(i, f"Petugas {i}", jk="L", tps=1 + i // 7) for i in range(1, 2001)]
    dialog.set_path(write_csv(db_path.parent / "besar.csv", rows))
    assert dialog.progress_bar.isVisible() and dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    runner.call(lambda db: None)  # the worker is idle again: the canceled job is over
    qtbot.wait(0)  # deliver whatever the old job emitted
    assert dialog.plan is None and dialog.preview_model.rowCount() == 0
    assert dialog.summary_label.text() == "Pembacaan berkas dibatalkan."
    assert not dialog.progress_bar.isVisible() and not dialog.import_button.isEnabled()


def test_template_download_is_a_readable_empty_roster(qtbot, dialog, db_path):
    target = db_path.parent / "templat"
    assert dialog.save_template(target)
    saved = target.with_suffix(".xlsx")
    assert saved.exists() and "templat.xlsx" in dialog.done_label.text()
    read(qtbot, dialog, saved)
    assert dialog.plan is not None and dialog.preview_model.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    assert not dialog.save_template(db_path.parent / "tidak-ada" / "templat.xlsx")
    assert "tidak dapat disimpan" in dialog.error_label.text()


def test_kabupaten_installation_needs_desa_codes(qtbot, db, runner, db_path):
    from kpps_desktop.core import installation

    installation.init(db, "kpu", "33.20")
    d = ImportDialog(runner, db_path)
    qtbot.addWidget(d)
    assert "Kabupaten Jepara" in d.scope_label.text()
    header = [h for h in HEADER if h != "DESA"]
    rows = [[v for k, v in zip(HEADER, r) if k != "DESA"] for r in GOOD]
    read(qtbot, d, write_csv(db_path.parent / "tanpa-desa.csv", rows, header))
    assert d.preview_model.rowCount() == 0 and not d.import_button.isEnabled()
    assert "3 baris bermasalah" in d.summary_label.text()


def test_failed_write_is_reported_and_rolled_back(qtbot, dialog, db_path):
    read(qtbot, dialog, write_xlsx(db_path.parent / "roster.xlsx", GOOD))
    # The database refuses the last officer (its CHECK constraint): the whole import must go.
    dialog.plan.officers[-1].jabatan = "bendahara"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.error_label.text()), timeout=10_000)
    assert dialog.error_label.text().startswith("Impor gagal; database tidak diubah.")
    assert dialog.result_counts is None and officers_in(db_path) == []
    assert dialog.import_button.isEnabled() and dialog.close_button.isEnabled()
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected.value


def test_exec_returns_accepted_after_import(qtbot, pps_db, runner, db_path):
    """The main window's contract: exec() == Accepted once officers were imported."""
    from PySide6.QtCore import QTimer

    d = ImportDialog(runner, db_path)
    qtbot.addWidget(d)

    def drive():
        read(qtbot, d, write_xlsx(db_path.parent / "roster.xlsx", GOOD))
        qtbot.mouseClick(d.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: d.result_counts is not None, timeout=10_000)
        qtbot.mouseClick(d.close_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, drive)
    assert d.exec() == QDialog.DialogCode.Accepted
    assert d.result_counts == (3, 0, 0)


# --- an import you can finish in the app (issue 17, finding 2) ---------------------------------

def test_signature_block_is_not_an_error_and_rows_are_fixed_or_skipped_in_place(qtbot, dialog, db_path):
    from helpers.roster_files import with_signature_totals_and_repeated_header

    source = with_signature_totals_and_repeated_header(db_path.parent / "ttd.xlsx")
    read(qtbot, dialog, source)
    assert dialog.summary_label.text() == \
        "12 baris siap diimpor, 2 baris bermasalah, 7 baris bukan data atau dilewati."
    model = dialog.report_model
    shown = [model.row(r) for r in range(model.rowCount())]
    problems = [r for r in shown if r[0] == "Masalah"]
    assert [(r[1], r[2], r[3], r[4]) for r in problems] == [
        (16, "Petugas Nomor 9", "JK", "X"), (19, "Petugas Nomor 12", "NIK", problems[1][4])]
    assert [r[5] for r in shown if r[0] == "Catatan"][-1] == "Baris 27–28 dilewati: blok tanda tangan."
    # Fix the JK cell where it is shown: F2, type, Enter. The rows are checked again.
    view = dialog.report_view
    row = next(r for r in range(model.rowCount()) if model.row(r)[1] == 16)
    view.setFocus()
    view.setCurrentIndex(model.index(row, model.NILAI))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "P")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.bad_rows == 1, timeout=10_000)
    assert dialog.summary_label.text().startswith("13 baris siap diimpor, 1 baris bermasalah")
    # Skip the row with the cut NIK: only that row stays out; no "skip every bad row" needed.
    qtbot.waitUntil(lambda: dialog.report_view.currentIndex().isValid())
    row = next(r for r in range(model.rowCount()) if model.row(r)[0] == "Masalah")
    view.selectRow(row)
    assert dialog.skip_rows_button.isEnabled()
    qtbot.mouseClick(dialog.skip_rows_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan.bad_rows == 0, timeout=10_000)
    assert dialog.import_button.isEnabled() and not dialog.skip_box.isChecked()
    # The report as it now stands, saved for the file's sender.
    report = db_path.parent / "laporan.xlsx"
    assert dialog.save_report(report)
    saved = [r[:4] for r in openpyxl.load_workbook(report).active.iter_rows(values_only=True)]
    assert (19, "Petugas Nomor 12", "Catatan") in [(r[0], r[1], r[3]) for r in saved]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_counts is not None, timeout=10_000)
    assert dialog.result_counts == (13, 0, 1)
    names = {o["nama"]: o for o in officers_in(db_path)}
    assert names["Petugas Nomor 9"]["jk"] == "P" and "Petugas Nomor 12" not in names
