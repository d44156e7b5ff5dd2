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
