"""The kpps command line: help for every command, exit codes, JSON contracts."""

import argparse
import json
import shutil
import subprocess
import sys

import pytest

from kpps_desktop import cli


def _all_commands(parser, prefix=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield prefix + (name,), sub
                yield from _all_commands(sub, prefix + (name,))


def test_every_command_has_help_text(capsys):
    commands = list(_all_commands(cli.build_parser()))
    assert len(commands) >= 6
    for words, sub in commands:
        assert sub.description, f"kpps {' '.join(words)} has no description"
        with pytest.raises(SystemExit) as exit_info:
            cli.main([*words, "--help"])
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        assert "penggunaan: kpps " + " ".join(words) in out and "usage:" not in out


def test_a_command_group_alone_prints_its_usage_in_indonesian(capsys):
    groups = [words for words, sub in _all_commands(cli.build_parser())
              if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions)
              and words != ("scans",)]  # `kpps scans` alone lists the refused scans
    assert {("roster",), ("session",), ("handover",), ("backup",), ("settings",)} <= set(groups)
    for words in groups:
        assert cli.main(list(words)) == 2
        err = capsys.readouterr().err
        assert err.startswith("penggunaan: kpps " + " ".join(words)) and "usage:" not in err, err


def test_init_then_roster_list_json(db_path, capsys):
    assert cli.main(["init", "--role", "pps", "--wilayah", "33.20.01.2001", "--db", str(db_path)]) == 0
    assert "Kedungmalang" in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "roster", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_init_with_wrong_level_fails_with_message_and_exit_1(db_path, capsys):
    assert cli.main(["init", "--role", "ppk", "--wilayah", "33.20.01.2001", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "bukan Kecamatan" in err and "Traceback" not in err


def test_not_our_database_is_a_message_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("hello")
    assert cli.main(["roster", "list", "--db", str(bad)]) == 1
    assert "bukan database Presensi KPPS" in capsys.readouterr().err


def test_missing_subcommand_prints_usage_with_exit_2(capsys):
    assert cli.main([]) == 2
    assert cli.main(["roster"]) == 2


def test_wilayah_lookup_json(capsys):
    assert cli.main(["wilayah", "33.20", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 16 and rows[0] == {"kode": "33.20.01", "nama": "Kedung", "level": "kecamatan"}


def test_console_script_is_installed_and_honours_kpps_db(db_path):
    exe = shutil.which("kpps", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert exe, "the kpps console script is installed with the package"
    out = subprocess.run([exe, "init", "--role", "kpu", "--wilayah", "33.20"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert db_path.exists()  # KPPS_DB (set by conftest) points here
    out = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert out.stdout.startswith("kpps ")


def test_roster_photos_from_a_folder(db_path, tmp_path, capsys):
    from PIL import Image

    from kpps_desktop.core import cards, db as dbmod, demo, roster

    with dbmod.opened(db_path) as db:
        demo.generate(db, "33.20.01.2001")
        officer = roster.list_officers(db)[0]
    folder = tmp_path / "foto"
    folder.mkdir()
    Image.new("RGB", (120, 160), (10, 90, 200)).save(folder / f"{officer['nik']}.png")
    Image.new("RGB", (120, 160)).save(folder / "orang-lain.jpg")
    assert cli.main(["roster", "photos", str(folder), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "1 foto diimpor" in out and "orang-lain.jpg" in out
    with dbmod.opened(db_path) as db:
        assert cards.photo(db, officer["id"]) is not None
    assert cli.main(["roster", "photos", str(tmp_path / "tidak-ada"), "--db", str(db_path)]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err


def test_argparse_speaks_indonesian_and_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["cards", "--paper"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "penggunaan: kpps cards" in err and "galat: argumen --paper: perlu satu nilai" in err
    assert "usage:" not in err and "error:" not in err
    with pytest.raises(SystemExit):
        cli.main(["tidak-ada"])
    assert "pilihan 'tidak-ada' tidak dikenal" in capsys.readouterr().err
    import argparse

    assert argparse._("usage: ") == "usage: "  # only the kpps command is translated


def test_roster_import_report_file_is_the_dialogs_report(db_path, tmp_path, capsys, qapp):
    """`kpps roster import FILE --report FILE`: the report is saved whether or not the import goes
    ahead; a file with problems is refused (exit 1) and nothing is imported."""
    import openpyxl
    from helpers.roster_files import with_signature_totals_and_repeated_header

    source = with_signature_totals_and_repeated_header(tmp_path / "ttd.xlsx")
    assert cli.main(["--db", str(db_path), "init", "--role", "pps", "--wilayah", "33.20.01.2001"]) == 0
    capsys.readouterr()
    report = tmp_path / "laporan.xlsx"
    assert cli.main(["--db", str(db_path), "roster", "import", str(source), "--report", str(report)]) == 1
    out = capsys.readouterr().out
    assert "galat\tbaris 16\tPetugas Nomor 9\tJK\t" in out
    assert "catatan\tbaris 24\t\tBaris 24–25 dilewati: blok tanda tangan." in out
    rows = list(openpyxl.load_workbook(report).active.iter_rows(values_only=True))
    assert (16, "Petugas Nomor 9", "JK", "Masalah") in [r[:4] for r in rows]
    assert cli.main(["--db", str(db_path), "roster", "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
    pdf = tmp_path / "laporan.pdf"
    assert cli.main(["--db", str(db_path), "roster", "import", str(source), "--skip-invalid", "--report", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF") and "12 baru" in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "roster", "import", str(source), "--report", str(tmp_path / "l.txt")]) == 2
    assert "--report harus berakhiran .xlsx atau .pdf" in capsys.readouterr().err
