"""No widget waits for the database in a nested event loop (issue 16, finding 3): jobs are submitted,
their outcome comes back through success/failure callbacks, and what could start a job twice is off
while it runs. The code is read (an AST scan), and the risky screens are driven with real widgets."""

import ast
import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QWizard

from helpers.sessions import KALIANYAR, KEDUNGMALANG, make_roster

from kpps_desktop.core import drives, exchange, installation, settings
from kpps_desktop.core import db as dbmod

UI = Path(__file__).resolve().parents[1] / "kpps_desktop" / "ui"
# The runner's blocking API: a nested event loop around a job (jobs.py keeps it for tests).
BLOCKING = {"call", "wait", "run_with_progress"}
# Where a blocking wait is allowed: the app's start-up before its first window (--demo) and its
# shutdown, in ui/app.py, where no widget is up whose timers could re-enter.
ALLOWED = {("app.py", "_fill_demo"), ("app.py", "_run")}


def blocking_uses(path: Path) -> list[tuple[str, int, str]]:
    """(function, line, what) for each use of a blocking job API or a hand-spun event loop in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    from_jobs = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 and (node.module or "").endswith("ui.jobs") for alias in node.names if alias.name in BLOCKING}
    found = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            what = None
            if isinstance(child, ast.alias) and isinstance(node, ast.ImportFrom) and (
                    (node.module or "").endswith("ui.jobs") and child.name in BLOCKING or child.name == "QEventLoop"):
                what = child.asname or child.name
                child.lineno = node.lineno
            elif isinstance(child, ast.Attribute):
                owner = ast.unparse(child.value)
                if child.attr in ("QEventLoop", "processEvents") or child.attr == "run_with_progress":
                    what = child.attr
                elif child.attr in BLOCKING and (owner.endswith("runner") or owner == "jobs"):
                    what = f"{owner}.{child.attr}"
            elif isinstance(child, ast.Name) and (child.id in from_jobs or child.id == "QEventLoop"):
                what = child.id
            if what:
                found.append((function, child.lineno, what))
            visit(child, name)

    visit(tree, "<module>")
    return found


def test_no_widget_waits_for_a_job_in_a_nested_event_loop():
    files = sorted(p for p in UI.rglob("*.py") if p.name != "jobs.py")
    assert len(files) > 30  # the scan sees the ui package
    offenders = [f"{p.relative_to(UI)}:{line} {what} (in {function})" for p in files
                 for function, line, what in blocking_uses(p) if (p.name, function) not in ALLOWED]
    assert offenders == [], "widgets submit jobs and chain .success()/.failure(): " + "; ".join(offenders)


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The scan itself: each blocking form is found, a submit() is not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from kpps_desktop.ui.jobs import run_with_progress, wait as block\n"
        "from PySide6 import QtCore\n"
        "class W:\n"
        "    def a(self):\n"
        "        self.runner.call(f)\n"
        "        block(job)\n"
        "        QtCore.QEventLoop().exec()\n"
        "    def b(self, runner, jobs):\n"
        "        runner.submit(f).success(g)\n"
        "        jobs.wait(job)\n", encoding="utf-8")
    assert [(f, what) for f, _line, what in blocking_uses(sample)] == [
        ("<module>", "run_with_progress"), ("<module>", "block"), ("a", "self.runner.call"), ("a", "block"),
        ("a", "QEventLoop"), ("b", "jobs.wait")]


# --- the runner held by a job of the test's own (a gate): the screen's job is queued, not done ----
# Each gate opens by itself after 10 s, so that a screen that waited (the old way) fails, not hangs.

def handover_view(qtbot, runner, db_path, drive_source, **kw):
    from kpps_desktop.ui.handover_view import HandoverView

    view = HandoverView(runner, db_path, drive_source=drive_source, **kw)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        pass
    view.show()
    return view


def test_handover_export_runs_while_the_drive_poll_goes_on_and_cannot_start_twice(qtbot, db, db_path, runner,
                                                                                  tmp_path):
    installation.init(db, "pps", KEDUNGMALANG)
    make_roster(db, {KEDUNGMALANG: 1})
    stick = tmp_path / "stick"
    stick.mkdir()
    present = [drives.Drive("KPPS_USB", stick, 2**30, 2**31)]
    view = handover_view(qtbot, runner, db_path, lambda: list(present), poll_ms=20)
    send = view.send_page
    qtbot.waitUntil(lambda: send.drive_list.count() == 1)
    assert send.send_button.isEnabled()
    exported = []
    view.exported.connect(exported.append)

    gate = threading.Event()
    runner.submit(lambda _db: gate.wait(30))
    QTimer.singleShot(10_000, gate.set)  # a screen that waited (the old way) fails below instead of hanging
    try:
        qtbot.mouseClick(send.send_button, Qt.MouseButton.LeftButton)
        assert send.job is not None and not send.job.done and exported == []  # returned at once
        assert not send.send_button.isEnabled() and not send.refresh_button.isEnabled()
        # The poll goes on meanwhile: a second stick shows, and nothing re-enables Kirim or starts a job.
        present.append(drives.Drive("CADANGAN", tmp_path, 2**30, 2**31))
        qtbot.waitUntil(lambda: send.drive_list.count() == 2, timeout=3000)
        send.drive_list.setCurrentRow(1)
        assert not send.send_button.isEnabled()
        qtbot.mouseClick(send.send_button, Qt.MouseButton.LeftButton)
        assert send.export_now() is None  # a second start is refused while the first runs
        assert exported == [] and not send.job.done
    finally:
        gate.set()
    qtbot.waitUntil(lambda: len(exported) == 1, timeout=20_000)
    qtbot.wait(100)  # a second export, had one been queued, would have finished by now
    assert len(exported) == 1 and [p.name for p in stick.iterdir()] == [exported[0].path.name]
    assert send.job is None and send.send_button.isEnabled() and send.print_button.isEnabled()


def test_handover_merge_freezes_the_list_while_it_runs(qtbot, db, db_path, runner, tmp_path):
    pps = dbmod.open_db(tmp_path / "pps.sqlite")
    installation.init(pps, "pps", KALIANYAR)
    make_roster(pps, {KALIANYAR: 1})
    up = exchange.export(pps, tmp_path / "up.kpps").path
    pps.close()
    installation.init(db, "ppk", "33.20.01")
    view = handover_view(qtbot, runner, db_path, lambda: [])
    page = view.receive_page
    with qtbot.waitSignal(view.previewed, timeout=20_000):
        page.add_files([up])
    qtbot.mouseClick(page.trust_boxes[0], Qt.MouseButton.LeftButton)
    assert page.merge_button.isEnabled()
    imported = []
    view.imported.connect(imported.append)

    gate = threading.Event()
    runner.submit(lambda _db: gate.wait(30))
    QTimer.singleShot(10_000, gate.set)
    try:
        qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
        assert page.job is not None and not page.job.done and imported == []
        for widget in (page.merge_button, page.add_button, page.scan_button, page.clear_button, page.table):
            assert not widget.isEnabled(), widget
        page.clear_files()  # the rows the merge will fill stay
        page._trust_toggled(page.reports[0].device_id, False)  # a late change re-enables nothing
        assert page.table.rowCount() == 1 and not page.merge_button.isEnabled()
        assert page.merge() is None and page.add_files([up]) is None
    finally:
        gate.set()
    qtbot.waitUntil(lambda: len(imported) == 1, timeout=20_000)
    assert [r.status for r in imported[0]] == ["imported"] and page.reports[0].status == "imported"
    assert page.add_button.isEnabled() and page.table.isEnabled() and not page.merge_button.isEnabled()
    with dbmod.opened(db_path) as check:
        assert check.conn.execute("SELECT count(*) FROM officers").fetchone()[0] == 7


def test_a_settings_save_the_database_refuses_keeps_the_dialog_open_with_the_message(qtbot, db, db_path, runner):
    from kpps_desktop.ui.settings_dialog import SettingsDialog

    # The disk fills up under the save: SQLite's own refusal, through the real writer.
    db.conn.execute("CREATE TRIGGER disk_full BEFORE INSERT ON settings "
                    "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    db.conn.commit()
    before = settings.get_all(db)
    dialog = SettingsDialog(runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.setText("Pilkada Jepara 2024")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.refused, timeout=10_000) as refused:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert not save.isEnabled()  # while the save runs, a second click cannot queue another
    assert "penuh" in refused.args[0] and "perubahan terakhir tidak disimpan" in refused.args[0]
    assert dialog.isVisible() and dialog.error_label.isVisible() and dialog.error_label.text() == refused.args[0]
    assert save.isEnabled() and dialog.result() == 0
    assert settings.get_all(db) == before

    db.conn.execute("DROP TRIGGER disk_full")  # room again: the same dialog saves and closes
    db.conn.commit()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and settings.get(db, "event_title") == "Pilkada Jepara 2024"


def test_first_run_wizard_holds_still_while_its_job_runs_then_completes(qtbot, runner, db_path):
    from kpps_desktop.ui.first_run import PAGE_OFFICE, FirstRunWizard

    wizard = FirstRunWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentId() == PAGE_OFFICE
    wizard.office_page.picker.set_code(KEDUNGMALANG)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    cancel = wizard.button(QWizard.WizardButton.CancelButton)

    gate = threading.Event()
    runner.submit(lambda _db: gate.wait(30))
    QTimer.singleShot(10_000, gate.set)
    try:
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
        assert wizard.busy and wizard.isVisible() and wizard.choice is None  # returned at once
        assert not finish.isEnabled() and not cancel.isEnabled() and not wizard.office_page.isEnabled()
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # closing now would leave the set-up half known
        wizard.reject()
        assert wizard.isVisible()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=20_000)
    assert wizard.choice == "init" and wizard.result() == QWizard.DialogCode.Accepted.value
    with dbmod.opened(db_path) as db:
        inst = installation.get(db)
    assert (inst.role, inst.wilayah) == ("pps", KEDUNGMALANG)


def test_a_session_save_the_database_refuses_shows_the_message_and_saves_nothing(qtbot, db, db_path, runner):
    from kpps_desktop.core import sessions
    from kpps_desktop.ui.session_dialog import SessionDialog

    installation.init(db, "pps", KEDUNGMALANG)
    make_roster(db, {KEDUNGMALANG: 1})
    db.conn.execute("CREATE TRIGGER disk_full BEFORE INSERT ON sessions "
                    "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    db.conn.commit()
    dialog = SessionDialog(runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Bimtek KPPS")
    dialog.start.setText("08:00")
    with qtbot.waitSignal(dialog.settled, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert not dialog.save_button.isEnabled() and not dialog.new_button.isEnabled()  # one save at a time
    assert "penuh" in dialog.problems.text() and "perubahan terakhir tidak disimpan" in dialog.problems.text()
    assert dialog.isVisible() and dialog.save_button.isEnabled() and dialog.title.text() == "Bimtek KPPS"
    assert sessions.list_sessions(db) == [] and dialog.list.count() == 0
