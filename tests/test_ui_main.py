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
    assert not window.act_photos.isEnabled()  # one import at a time
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert job.error is None and window.act_photos.isEnabled()
    assert (job.result.imported, job.result.unknown) == (1, ["9999999999999999.jpg"])
    assert job.result.failed == [f"{other['nik']}.png"]
    assert cards.photo(demo_db, officer["id"]) is not None
    assert "1 foto diimpor" in window.statusBar().currentMessage()
    assert cards.photo(demo_db, other["id"]) is None


# --- each role opens where its work is (issue 17, finding 4) -----------------------------------

@pytest.mark.parametrize("role, kode, page", [("kpu", "33.20", "recap"), ("ppk", "33.20.01", "handover"),
                                              ("pps", "33.20.01.2001", "roster")])
def test_each_office_opens_where_its_work_is(qtbot, db, runner, db_path, role, kode, page):
    from kpps_desktop.core import installation
    from kpps_desktop.ui.main_window import MainWindow

    installation.init(db, role, kode)
    window = MainWindow(db, runner, db_path)
    qtbot.addWidget(window)
    window.show()
    assert window.open_start_page(today="2024-11-07") == page
    assert window._page_names[window.tabs.currentIndex()] == page
    if page == "handover":
        view = window.page("handover")
        assert view.tabs.tabText(view.tabs.currentIndex()) == "Terima"
    for name in ("checkin", "print", "recap", "handover"):
        if window.page(name) is not None and hasattr(window.page(name), "shutdown"):
            window.page(name).shutdown()


def test_pps_with_a_session_today_opens_on_it(qtbot, db, runner, db_path):
    from kpps_desktop.core import installation, sessions
    from kpps_desktop.ui.main_window import MainWindow

    installation.init(db, "pps", "33.20.01.2001")
    sessions.create_session(db, "bimtek", "Bimtek KPPS", "2024-11-07", "08:00")
    window = MainWindow(db, runner, db_path)
    qtbot.addWidget(window)
    window.show()
    assert window.open_start_page(today="2024-11-08") == "roster"  # not today: the roster
    assert window.open_start_page(today="2024-11-07") == "checkin"
    host = window.page("checkin")
    assert host.list.currentItem().text().startswith("2024-11-07")
    host.shutdown()


def test_disabled_actions_say_why(qtbot, db, runner, db_path):
    from kpps_desktop.core import installation
    from kpps_desktop.ui.main_window import MainWindow

    installation.init(db, "pps", "33.20.01.2001")
    window = MainWindow(db, runner, db_path)
    qtbot.addWidget(window)
    assert not window.act_edit.isEnabled() and window.act_edit.toolTip() == "Pilih dulu seorang petugas di tabel."
    host = window.show_page("checkin")
    assert not host.start_button.isEnabled()
    assert host.start_button.toolTip() == "Belum ada sesi: buat sesi lewat \"Kelola sesi…\"."


def test_a_kpu_window_paints_before_its_recap_is_built(qtbot, db, runner, db_path):
    """The start tab is chosen at once with a 'Memuat…' note; the recap screen (its modules and
    first read: a few hundred ms for a kabupaten) is built after the window's first paint."""
    from PySide6.QtWidgets import QLabel

    from kpps_desktop.core import installation

    installation.init(db, "kpu", "33.20")
    window = MainWindow(db, runner, db_path)
    qtbot.addWidget(window)
    window.show()
    assert window.open_start_page_after_paint() == "recap"
    recap_index = window._page_names.index("recap")
    assert window.tabs.currentIndex() == recap_index and "recap" not in window._pages
    [note] = window.tabs.widget(recap_index).findChildren(QLabel, "pageLoading")
    assert note.text() == "Memuat…"
    with qtbot.waitSignal(window.painted, timeout=5000):
        pass
    assert "recap" in window._pages and window.tabs.currentIndex() == recap_index
    assert not [n for n in window.tabs.widget(recap_index).findChildren(QLabel, "pageLoading") if n.isVisible()]
    with qtbot.waitSignal(window.page("recap").loaded, timeout=10000):  # its first read, then done
        pass


def test_the_start_page_waits_for_the_paint_not_for_ever(qtbot, db, runner, db_path):
    """A window that never paints (hidden, minimised) still gets its start page."""
    from kpps_desktop.core import installation
    from kpps_desktop.ui import main_window

    installation.init(db, "kpu", "33.20")
    window = MainWindow(db, runner, db_path)
    qtbot.addWidget(window)  # never shown: no paint
    window.open_start_page_after_paint()
    with qtbot.waitSignal(window.painted, timeout=main_window.FIRST_PAINT_WAIT_MS + 3000):
        pass
    assert "recap" in window._pages
    with qtbot.waitSignal(window.page("recap").loaded, timeout=10000):  # its first read, then done
        pass


@pytest.mark.parametrize("desa, rows_before_paint", [("33.20.01.2001", True), (None, False)])
def test_a_kpu_roster_is_read_after_the_paint_and_a_pps_roster_before(qtbot, db, runner, db_path, desa,
                                                                      rows_before_paint):
    """A PPS opens on its roster (read before the first paint); a KPU on the recap, its 12,201
    officers read just after the paint, then the recap is built."""
    from kpps_desktop.core import installation

    demo.generate(db, desa) if desa else demo.generate(db)  # a PPS's desa, or Jepara for its KPU
    expected = 63 if desa else 12_201
    assert installation.get(db).role == ("pps" if desa else "kpu")
    window = MainWindow(db, runner, db_path, roster_now=False)
    qtbot.addWidget(window)
    assert window.roster.model.rowCount() == 0
    window.show()
    window.open_start_page_after_paint()
    assert (window.roster.model.rowCount() == expected) is rows_before_paint
    with qtbot.waitSignal(window.painted, timeout=5000):
        pass
    assert window.roster.model.rowCount() == expected
    assert f"Total {expected:,}".replace(",", ".") in window.counts.text()
    if not desa:
        with qtbot.waitSignal(window.page("recap").loaded, timeout=10000):
            pass


def test_a_pps_with_a_session_today_goes_on_to_its_desk_after_the_paint(qtbot, db, runner, db_path):
    import datetime as dt

    from kpps_desktop.core import installation

    installation.init(db, "pps", "33.20.01.2001")
    sessions.create_session(db, "bimtek", "Bimtek KPPS", dt.date.today().isoformat(), "08:00")
    window = MainWindow(db, runner, db_path, roster_now=False)
    qtbot.addWidget(window)
    assert window.open_start_page_after_paint() == "roster"  # decided without core.sessions first
    window.show()
    with qtbot.waitSignal(window.painted, timeout=5000):
        pass
    assert window._page_names[window.tabs.currentIndex()] == "checkin"
    window.page("checkin").shutdown()
