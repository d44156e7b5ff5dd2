"""The recap screen says which check-in desk has not handed in its file, above the numbers (issue #19)."""

from helpers.exchange import KEDUNG, D1, D2, at, import_ok, new_install

from kpps_desktop.core import cards, checkin, demo, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.exchange import desks, export, provisioning
from kpps_desktop.ui.main_window import MainWindow
from kpps_desktop.ui.recap_view import RecapView


def three_desks_two_home(tmp_path, db_path):
    ppk = new_install(db_path, "ppk", KEDUNG)
    demo.generate(ppk, KEDUNG)
    session = sessions.create_session(ppk, "bimtek", "Bimtek KPPS", "2024-11-07", "08:00", desas=[D1, D2])
    codes = cards.current_codes(ppk, issue=True)
    officers = [o["id"] for o in sessions.expected_officers(ppk, session.id, "id")]
    for i in (1, 2, 3):
        kit = desks.make_kit(ppk, tmp_path / f"meja{i}.kpps", [session.id], f"Meja {i}")[0]
        desk = dbmod.open_db(tmp_path / f"desk{i}.sqlite")
        provisioning.apply(desk, kit.path)
        checkin.check_in(desk, session.id, codes[officers[i]], at(f"07:1{i}"))
        back = export(desk, tmp_path / f"pulang{i}.kpps").path
        desk.close()
        if i < 3:
            import_ok(ppk, back)
    ppk.close()
    return tmp_path / "pulang3.kpps"


def test_the_recap_says_meja_3_has_not_handed_in_until_it_has(qtbot, runner, db_path, tmp_path):
    third = three_desks_two_home(tmp_path, db_path)
    view = RecapView(runner, db_path)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        pass
    view.show()
    assert view.desk_banner.isVisible()
    assert "Meja 3 belum menyerahkan berkas" in view.desk_banner.text()
    assert "Meja 1" not in view.desk_banner.text() and "Meja 2" not in view.desk_banner.text()
    # Above the numbers: the banner sits higher on screen than the recap table.
    assert view.desk_banner.mapTo(view, view.desk_banner.rect().topLeft()).y() < view.table.mapTo(
        view, view.table.rect().topLeft()).y()
    runner.call(lambda db: import_ok(db, third))
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.refresh()
    assert not view.desk_banner.isVisible()


def test_a_desk_laptop_shows_its_label_in_the_window_title(qtbot, tmp_path, db_path, runner):
    ppk = new_install(tmp_path / "ppk.sqlite", "ppk", KEDUNG)
    demo.generate(ppk, KEDUNG)
    session = sessions.create_session(ppk, "bimtek", "Bimtek KPPS", "2024-11-07", "08:00", desas=[D1, D2])
    kit = desks.make_kit(ppk, tmp_path / "meja.kpps", [session.id], "Meja Depan")[0]
    ppk.close()
    desk = dbmod.open_db(db_path)
    provisioning.apply(desk, kit.path)
    window = MainWindow(desk, runner, db_path)
    qtbot.addWidget(window)
    assert "Meja Depan" in window.windowTitle()
    window.close()
    desk.close()


def test_wizard_makes_a_desk_and_its_file_merges_at_the_master_without_the_code(qtbot, tmp_path, qapp):
    """The first-run wizard's "Buka berkas dari PPK/KPU" takes a desk kit; the master's import screen
    then merges the desk's file with no code to compare (its kit's secret proved it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    from kpps_desktop.ui.first_run import FirstRunWizard
    from kpps_desktop.ui.handover_view import HandoverView
    from kpps_desktop.ui.jobs import JobRunner

    ppk = new_install(tmp_path / "ppk.sqlite", "ppk", KEDUNG)
    demo.generate(ppk, KEDUNG)
    session = sessions.create_session(ppk, "bimtek", "Bimtek KPPS", "2024-11-07", "08:00", desas=[D1, D2])
    codes = cards.current_codes(ppk, issue=True)
    officer = sessions.expected_officers(ppk, session.id, "id")[0]["id"]
    kit = desks.make_kit(ppk, tmp_path / "meja2.kpps", [session.id], "Meja 2")[0]
    ppk.close()
    desk_runner, ppk_runner = JobRunner(tmp_path / "desk.sqlite"), JobRunner(tmp_path / "ppk.sqlite")
    try:
        wizard = FirstRunWizard(desk_runner)
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.welcome_page
        page.setup_edit.setFocus()
        qtbot.keyClicks(page.setup_edit, str(kit.path))
        assert "Meja 2" in page.setup_info.text()
        with qtbot.waitSignal(wizard.settled, timeout=30000):  # the choice's job has ended
            qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        assert wizard.choice == "init", page.error_label.text()
        desk_runner.call(lambda db: checkin.check_in(db, session.id, codes[officer], at("07:15")))
        back = desk_runner.call(lambda db: export(db, tmp_path / "pulang.kpps")).path
        view = HandoverView(ppk_runner, tmp_path / "ppk.sqlite", drive_source=lambda: [])
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.loaded, timeout=20000):
            pass
        with qtbot.waitSignal(view.previewed, timeout=30000):
            view.receive_page.add_files([back])
        [report] = view.receive_page.reports
        assert report.status == "preview" and report.desk == "Meja 2"
        page = view.receive_page
        assert page.trust_boxes[0] is None and page.merge_button.isEnabled()  # no code to compare
        with qtbot.waitSignal(view.imported, timeout=30000) as merged:
            view.receive_page.merge()
        assert [r.status for r in merged.args[0]] == ["imported"]
    finally:
        desk_runner.shutdown()
        ppk_runner.shutdown()
