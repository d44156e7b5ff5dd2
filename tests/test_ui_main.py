"""The main window as a whole: tabs built on first use, check-in from the Presensi tab."""

import pytest

from kpps_desktop.core import cards, demo, sessions
from kpps_desktop.ui.main_window import MainWindow


@pytest.fixture
def demo_db(db):
    demo.generate(db, "33.20.01.2001")
    return db


@pytest.fixture
def window(qtbot, demo_db, runner, db_path):
    w = MainWindow(demo_db, runner, db_path)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def test_only_the_roster_is_built_at_start(window):
    assert window.tabs.count() == 5
    assert window._pages == {}
    assert window.tabs.currentWidget() is window.roster


def test_checkin_tab_lists_sessions_and_checks_an_officer_in(qtbot, window, demo_db):
    host = window.show_page("checkin")
    assert host.list.count() == 2  # the demo's pelantikan and bimtek for this desa
    host.list.setCurrentRow(0)
    session_id = host.list.currentItem().data(0x0100)
    host.start_selected()
    screen = host.screen
    assert screen is not None and screen.session_id == session_id
    officer = sessions.expected_officers(demo_db, session_id)[0]
    code = cards.current_codes(demo_db, issue=True)[officer["id"]]
    with qtbot.waitSignal(screen.result_shown, timeout=5000) as shown:
        screen.submit_code(code, "scanner")
    assert shown.args[0].result == "accepted"
    assert sessions.current_status(demo_db, session_id)[officer["id"]].status in ("hadir", "terlambat")
    host.stop()
    assert host.screen is None and host.stack.currentIndex() == 0


def test_tab_shortcut_switches_screens(qtbot, window):
    window.act_tabs[1].trigger()
    assert window.tabs.currentIndex() == 1
    assert "checkin" in window._pages


def test_photos_named_by_nik_are_imported_through_the_writer(qtbot, window, demo_db, tmp_path):
    from PIL import Image

    from kpps_desktop.core import roster

    officer, other = roster.list_officers(demo_db)[:2]
    folder = tmp_path / "foto"
    folder.mkdir()
    Image.new("RGB", (300, 400), (200, 120, 90)).save(folder / f"{officer['nik']}.jpg")
    Image.new("RGB", (300, 400)).save(folder / "9999999999999999.jpg")
    (folder / f"{other['nik']}.png").write_bytes(b"not an image")
    job = window.import_photos_from(folder)
    assert job.error is None
    assert (job.result.imported, job.result.unknown) == (1, ["9999999999999999.jpg"])
    assert job.result.failed == [f"{other['nik']}.png"]
    assert cards.photo(demo_db, officer["id"]) is not None
    assert "1 foto diimpor" in window.statusBar().currentMessage()
    assert cards.photo(demo_db, other["id"]) is None
