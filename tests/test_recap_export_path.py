"""One recap export below both front ends (#16): the Rekap screen's buttons and `kpps recap` write
through render.recap_export.export_recap, which picks the writer and records the one audit entry."""

import json
import os
import subprocess
import sys

import openpyxl
import pytest

from kpps_desktop import cli
from kpps_desktop.core import audit, demo, recap
from kpps_desktop.core import db as dbmod
from kpps_desktop.render import recap_export
from kpps_desktop.ui.recap_view import RecapView

KEDUNG = "33.20.01"


@pytest.fixture
def kedung(db_path):
    with dbmod.opened(db_path) as db:
        demo.generate(db, KEDUNG, seed=3)
    return db_path


@pytest.fixture
def calls(monkeypatch):
    """Every export_recap call, passed on to the real function (the files and entries are real)."""
    seen, real = [], recap_export.export_recap

    def recording(db, r, fmt, out, **kw):
        seen.append((r.by, r.within, fmt))
        return real(db, r, fmt, out, **kw)

    monkeypatch.setattr(recap_export, "export_recap", recording)
    return seen


def _exports(db_path) -> list[audit.Entry]:
    with dbmod.opened(db_path) as db:
        return [e for e in audit.entries(db) if e.what == "rekap"]


def test_screen_and_cli_export_through_one_function_with_the_same_audit_entry(qtbot, runner, kedung, tmp_path,
                                                                              calls):
    view = RecapView(runner, kedung)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        pass
    by = view.data.recap.by
    with qtbot.waitSignal(view.exported, timeout=20000):
        view.export("xlsx", tmp_path / "layar.xlsx")
    assert cli.main(["recap", "--db", str(kedung), "--by", by, "--format", "xlsx",
                     "--out", str(tmp_path / "cli.xlsx")]) == 0

    assert calls == [(by, None, "xlsx"), (by, None, "xlsx")]
    screen_entry, cli_entry = sorted(_exports(kedung), key=lambda e: e.detail["file"], reverse=True)
    assert screen_entry.detail == {"file": str(tmp_path / "layar.xlsx"), "format": "xlsx"}
    assert cli_entry.detail == {"file": str(tmp_path / "cli.xlsx"), "format": "xlsx"}
    same = ("action", "what", "scope", "count")
    assert [getattr(screen_entry, k) for k in same] == [getattr(cli_entry, k) for k in same]
    assert screen_entry.action == "export" and screen_entry.count == len(view.data.recap.rows)
    # The same workbook both ways: the sheets and the recap rows.
    books = [openpyxl.load_workbook(tmp_path / name) for name in ("layar.xlsx", "cli.xlsx")]
    assert books[0].sheetnames == books[1].sheetnames
    assert [[c.value for c in row] for row in books[0].worksheets[0].iter_rows(min_row=7)] == \
        [[c.value for c in row] for row in books[1].worksheets[0].iter_rows(min_row=7)]


@pytest.mark.usefixtures("qapp")
def test_every_format_writes_its_file_and_one_entry(kedung, tmp_path):
    with dbmod.opened(kedung) as db:
        r = recap.recap(db, "desa")
        for fmt in recap_export.FORMATS:
            out = recap_export.export_recap(db, r, fmt, tmp_path / f"rekap.{fmt}")
            assert out.stat().st_size > 0
    entries = _exports(kedung)
    assert sorted(e.detail["format"] for e in entries) == sorted(recap_export.FORMATS)
    assert {e.action for e in entries if e.detail["format"] == "pdf"} == {"print"}
    assert json.loads((tmp_path / "rekap.json").read_text(encoding="utf-8"))["coverage"]["total"] > 0


def test_an_unknown_format_writes_nothing(kedung, tmp_path):
    with dbmod.opened(kedung) as db:
        r = recap.recap(db, "desa")
        with pytest.raises(ValueError):
            recap_export.export_recap(db, r, "docx", tmp_path / "rekap.docx")
    assert _exports(kedung) == [] and not (tmp_path / "rekap.docx").exists()


def test_cli_recap_as_csv_or_json_loads_no_qt(kedung, tmp_path):
    """The shared export chooses the writer without drawing: a CSV or JSON recap loads no Qt."""
    code = ("import sys\nfrom kpps_desktop import cli\n"
            f"assert cli.main(['recap', '--db', {str(kedung)!r}, '--format', 'csv', "
            f"'--out', {str(tmp_path / 'r.csv')!r}]) == 0\n"
            f"assert cli.main(['recap', '--db', {str(kedung)!r}, '--format', 'json', "
            f"'--out', {str(tmp_path / 'r.json')!r}]) == 0\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
