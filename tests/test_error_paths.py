"""Which failures the user reads as a message and which are bugs (#16, errors): one rule,
core.errors.message_for, for the CLI and the GUI's job runner; a printer that will not start is a
pdf.PrinterError, not an OSError without errno."""

import errno
import sqlite3

import pytest

from kpps_desktop import cli
from kpps_desktop.core import cards
from kpps_desktop.core.errors import InputError, UserError, message_for
from kpps_desktop.render import ensure_gui_app, pdf, printing
from kpps_desktop.ui.jobs import Outcome, wait
from helpers.cards import make_officers


@pytest.fixture
def crash_dir(tmp_path, monkeypatch):
    """Crash reports go beside the default database: here, a scratch folder."""
    monkeypatch.setenv("KPPS_DB", str(tmp_path / "data" / "kpps.sqlite"))
    return tmp_path / "data" / "crash"


def _reports(crash_dir) -> list:
    return sorted(crash_dir.iterdir()) if crash_dir.exists() else []


def test_the_rule_user_errors_and_the_medium_are_messages_the_rest_bugs(tmp_path):
    assert message_for(InputError("Kode salah.")) == "Kode salah."
    assert "tidak ditemukan" in message_for(FileNotFoundError(errno.ENOENT, "No such file", str(tmp_path / "x.csv")))
    assert "flashdisk" in message_for(OSError(errno.EIO, "Input/output error"))
    assert "sedang dipakai" in message_for(sqlite3.OperationalError("database is locked"), tmp_path / "k.sqlite")
    for bug in (ValueError("invalid literal for int()"), KeyError("nik"), OSError("tanpa errno"),
                OSError(errno.EINVAL, "Invalid argument"), sqlite3.ProgrammingError("Incorrect number of bindings"),
                sqlite3.InterfaceError("bad parameter")):
        assert message_for(bug) is None, bug


@pytest.mark.parametrize("bug", [ValueError("angka 3201234567890123 salah"), OSError("tanpa errno"),
                                 sqlite3.ProgrammingError("Incorrect number of bindings supplied")])
def test_a_bug_in_a_job_goes_to_the_crash_handler_not_to_a_bare_message(runner, crash_dir, bug):
    def broken(db):
        raise bug

    job = runner.submit(broken)
    wait(job)
    assert job.outcome == Outcome.FAILED
    assert "tak terduga" in job.error and type(bug).__name__ in job.error
    [report] = _reports(crash_dir)
    assert str(report) in job.error and "Traceback" in report.read_text()


def test_a_file_the_user_named_is_still_a_message_in_a_job(runner, crash_dir, tmp_path):
    missing = tmp_path / "daftar.xlsx"

    def read(db):
        return missing.read_bytes()

    job = runner.submit(read)
    wait(job)
    assert job.error == f"Berkas tidak ditemukan: {missing}."
    assert _reports(crash_dir) == []


@pytest.mark.parametrize("bug", [OSError(errno.EINVAL, "Invalid argument"), OSError("tanpa errno"),
                                 sqlite3.ProgrammingError("Cannot operate on a closed database.")])
def test_a_bug_in_a_cli_command_goes_to_the_crash_handler(monkeypatch, crash_dir, capsys, bug):
    def broken(args):
        raise bug

    monkeypatch.setattr(cli.upkeep, "cmd_wilayah", broken)
    assert cli.main(["wilayah", "33"]) == 1
    err = capsys.readouterr().err
    assert "kesalahan yang tidak terduga" in err and "Traceback" not in err
    [report] = _reports(crash_dir)
    assert str(report) in err


def test_the_database_and_a_missing_file_stay_messages_in_the_cli(monkeypatch, crash_dir, capsys, tmp_path):
    def locked(args):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(cli.upkeep, "cmd_wilayah", locked)
    assert cli.main(["wilayah", "33", "--db", str(tmp_path / "k.sqlite")]) == 1
    assert "sedang dipakai" in capsys.readouterr().err
    assert cli.main(["roster", "photos", str(tmp_path / "tidak-ada"), "--db", str(tmp_path / "k.sqlite")]) == 1
    assert "tidak-ada" in capsys.readouterr().err
    assert _reports(crash_dir) == []


@pytest.mark.qt_log_ignore(r"^QPainter::begin\(\): Returned false", extend=True)
def test_a_printer_that_will_not_start_is_a_printer_error_and_changes_nothing(qapp, pps_db, tmp_path):
    from PySide6.QtGui import QPdfWriter

    ensure_gui_app()
    officer = make_officers(pps_db, 2)[0]
    before = cards.current_codes(pps_db, issue=True)
    logged = pps_db["print_log"].count
    dead = QPdfWriter(str(tmp_path / "tidak-ada" / "printer.pdf"))  # a device whose painter cannot begin
    spec = printing.reissue_spec((officer.id,), "Kartu hilang", "a4")
    with pytest.raises(pdf.PrinterError, match="Printer tidak dapat dipakai") as caught:
        printing.print_document(pps_db, spec, dead)
    assert isinstance(caught.value, UserError) and not isinstance(caught.value, OSError)
    assert cards.current_codes(pps_db) == before  # the lost card's code is not revoked
    assert pps_db["print_log"].count == logged


def test_a_bug_while_saving_the_import_report_is_not_shown_as_a_message(qtbot, pps_db, runner, db_path,
                                                                        monkeypatch):
    """The import dialog showed any ValueError's text in its box; only UserErrors are messages."""
    from kpps_desktop.core import import_report
    from kpps_desktop.ui.import_dialog import ImportDialog

    dialog = ImportDialog(runner, db_path)
    qtbot.addWidget(dialog)
    template = db_path.parent / "templat.xlsx"
    assert dialog.save_template(template)
    dialog.set_path(template)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)

    def broken(*args, **kwargs):
        raise ValueError("bug di penulis laporan")

    monkeypatch.setattr(import_report, "write_xlsx", broken)
    with pytest.raises(ValueError, match="bug di penulis laporan"):  # on to the crash handler
        dialog.save_report(db_path.parent / "laporan.xlsx")
    assert "bug di penulis laporan" not in dialog.error_label.text()
    # A refusal is still a message: a "folder" that is a file.
    monkeypatch.undo()
    assert not dialog.save_report(db_path / "laporan.xlsx")
    assert "tidak dapat disimpan" in dialog.error_label.text()
