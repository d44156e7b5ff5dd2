"""The desk inside the main window under a queue: every scan lands at the desk, every key does what
the screen says (issue 13). Real key events, a real database, the real scan router."""

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from helpers.desk import on_modal
from helpers.sessions import KEDUNGMALANG, make_roster

from kpps_desktop.core import cards, checkin, installation, sessions
from kpps_desktop.ui.checkin_dialogs import ManualDialog
from kpps_desktop.ui.main_window import MainWindow
from kpps_desktop.ui.officer_dialog import OfficerDialog

pytestmark = pytest.mark.qt_log_ignore(
    "Couldn't (load|resolve) .* (library|symbols)", "PulseAudioService", "QSoundEffect", "RHI", extend=True)

TPS_COUNT = 11  # 77 officers: 70 in the queue, one izin, the rest still 'belum'


@pytest.fixture
def bimtek(db, db_path):
    """A PPS desk for Kedungmalang (11 TPS, 77 officers with cards) and a bimtek dated today."""
    installation.init(db, "pps", KEDUNGMALANG)
    db.officers = make_roster(db, {KEDUNGMALANG: TPS_COUNT})[KEDUNGMALANG]
    cards.issue_missing(db)
    db.codes = cards.current_codes(db)
    db.session = sessions.create_session(db, kind="bimtek", title="Bimtek KPPS", date=dt.date.today().isoformat(),
                                         start="00:00", end="23:59", scope=KEDUNGMALANG)
    db.db_path = db_path
    return db


@pytest.fixture
def window(qtbot, bimtek, runner, db_path):
    w = MainWindow(bimtek, runner, db_path)
    qtbot.addWidget(w)
    # The desk's laptop: 1366x768, whatever the test machine's screen (ui.screen may maximise).
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w
    w.close()


def burst(window, text, target=None):
    """A keyboard-wedge scanner typing into whatever has focus, 1 ms a key (see helpers.desk.scan)."""
    target = target or QApplication.focusWidget() or window
    router = window.scan_router
    real = router.clock
    start, keys = real(), itertools.count()
    router.clock = lambda: start + next(keys) * 0.001
    try:
        QTest.keyClicks(target, text)
        QTest.keyClick(target, Qt.Key.Key_Return)
    finally:
        router.clock = real


def scan_at_desk(qtbot, window, text, target=None):
    screen = window.desk()
    with qtbot.waitSignal(screen.result_shown, timeout=5000) as shown:
        burst(window, text, target)
    return shown.args[0]


def recorded(db, session_id):
    return db.conn.execute("SELECT officer_id, status, method FROM attendance WHERE session_id = ? ORDER BY seq",
                           (session_id,)).fetchall()


def open_dialogs():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def back_to(qtbot, window):
    """Offscreen has no window manager to give the window its activation back after a dialog."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def select_roster_row(window, row=0):
    table = window.roster.table
    table.setCurrentIndex(table.model().index(row, 0))
    table.setFocus()


# --- finding 1: F2 on the desk is the desk's search, whatever the Petugas tab selected ------------

def test_f2_on_the_desk_opens_the_search_after_a_roster_row_was_selected(qtbot, window, bimtek):
    select_roster_row(window)
    screen = window.open_desk(bimtek.session.id)
    qtbot.waitUntil(screen.scan_field.hasFocus)
    seen = []
    on_modal(lambda dialog: (seen.append(type(dialog)), dialog.reject()))
    QTest.keyClick(screen.scan_field, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == [ManualDialog]
    # On the Petugas tab F2 is still "Ubah" for the selected officer.
    window.activateWindow()  # offscreen has no window manager to give it back after the dialog
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(screen.scan_field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    select_roster_row(window)
    QTest.keyClick(window.roster.table, Qt.Key.Key_F2)
    dialog = window.findChild(OfficerDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


# --- finding 3: scans away from the desk never reach another widget ------------------------------

def test_a_scan_on_the_petugas_tab_goes_to_the_desk_and_opens_nothing(qtbot, window, bimtek):
    screen = window.open_desk(bimtek.session.id)
    QTest.keyClick(screen.scan_field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    select_roster_row(window, 2)
    search_before = window.roster.search.text()
    result = scan_at_desk(qtbot, window, bimtek.codes[bimtek.officers[0].id], window.roster.table)
    assert result.result == "accepted"
    assert window.tabs.currentWidget() is not window.roster  # the desk came to the front
    assert screen.panel.view.name == bimtek.officers[0].nama
    assert open_dialogs() == [] and window.findChild(OfficerDialog) is None
    assert window.roster.search.text() == search_before
    assert recorded(bimtek, bimtek.session.id) == [(bimtek.officers[0].id, result.status, "scanner")]


def test_a_scan_with_the_search_dialog_open_is_checked_in_not_typed(qtbot, window, bimtek):
    screen = window.open_desk(bimtek.session.id)
    seen = {}

    def in_dialog(dialog):
        try:
            dialog.search.query.setFocus()
            QTest.keyClicks(dialog.search.query, "pet")  # a person typing: reaches the box
            qtbot.waitUntil(lambda: dialog.search.query.text() == "pet")
            result = scan_at_desk(qtbot, window, bimtek.codes[bimtek.officers[5].id], dialog.search.query)
            seen["result"] = result.result
            seen["query"] = dialog.search.query.text()
        finally:
            dialog.reject()

    on_modal(in_dialog)
    QTest.keyClick(screen.scan_field, Qt.Key.Key_F2)
    assert seen == {"result": "accepted", "query": "pet"}
    assert [r[0] for r in recorded(bimtek, bimtek.session.id)] == [bimtek.officers[5].id]


def test_with_no_desk_open_a_scan_offers_to_open_one(qtbot, window, bimtek):
    select_roster_row(window)
    o = bimtek.officers[3]
    burst(window, bimtek.codes[o.id], window.roster.table)
    box = window.findChild(QMessageBox, "openDeskQuestion")
    assert box is not None and box.isVisible()
    assert f"Kartu {o.nama} — buka presensi untuk sesi Bimtek KPPS" in box.text()
    assert window.findChild(OfficerDialog) is None and recorded(bimtek, bimtek.session.id) == []
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.desk() is not None and bool(recorded(bimtek, bimtek.session.id)), timeout=5000)
    assert [r[0] for r in recorded(bimtek, bimtek.session.id)] == [o.id]
    assert window.desk().session_id == bimtek.session.id


# --- shortcuts: Ctrl+1..5 switch tabs, Ctrl+P prints, Enter on the session list opens the desk ----

def test_ctrl_digits_switch_tabs_and_enter_opens_the_highlighted_session(qtbot, window, bimtek):
    for n in (2, 3, 4, 5, 1):
        QTest.keyClick(window.focusWidget() or window, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == n - 1
    QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    host = window.page("checkin")
    host.list.setFocus()
    host.list.setCurrentRow(0)
    QTest.keyClick(host.list, Qt.Key.Key_Return)
    assert window.desk() is not None and window.desk().session_id == bimtek.session.id
    # Ctrl+P prints: with an officer selected on the Petugas tab, the Cetak tab opens for that card.
    QTest.keyClick(window.desk().scan_field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    select_roster_row(window, 4)
    QTest.keyClick(window.roster.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2


# --- finding 7: counts for every status, the whole TPS list, a real kiosk ----------------------

def test_every_tps_is_visible_beside_the_banner_at_1366x768(qtbot, window, bimtek):
    screen = window.open_desk(bimtek.session.id)
    qtbot.waitUntil(lambda: screen.tps_table.isVisible())
    QApplication.processEvents()
    assert screen.tps_table.rowCount() == TPS_COUNT
    assert screen.tps_table.rows_fully_visible()
    assert screen.panel.width() >= 600 and screen.recent_list.isVisible()


def test_full_screen_is_a_kiosk_and_esc_asks_before_leaving(qtbot, window, bimtek):
    screen = window.open_desk(bimtek.session.id)
    QTest.keyClick(screen.scan_field, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    assert not window.menuBar().isVisible() and not window.tabs.tabBar().isVisible()
    assert not window.toolbar.isVisible() and not window.statusBar().isVisible()
    host = window.page("checkin")
    assert not host.back_button.isVisible() and not host.running_daring_button.isVisible()
    QTest.keyClick(screen.scan_field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is not window.roster  # only the desk
    QTest.keyClick(screen.scan_field, Qt.Key.Key_Escape)
    box = screen.findChild(QMessageBox, "leaveKioskQuestion")
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    assert window.menuBar().isVisible() and window.tabs.tabBar().isVisible()


# --- the queue ----------------------------------------------------------------------------

def test_a_queue_of_70_scans_with_a_search_an_izin_and_an_undo(qtbot, window, bimtek):
    """70 scans at scanner speed; between them the focus visits every tab, a search dialog is
    opened (with a scan while it is open), an officer is marked izin and the last scan undone."""
    screen = window.open_desk(bimtek.session.id)
    queue = bimtek.officers[:70]
    izin = bimtek.officers[70]
    roster_search = window.roster.search.text()
    for i, o in enumerate(queue):
        if i % 7 == 3:  # someone moves the focus away from the desk between scans
            tab = 1 + (i // 7) % 5
            QTest.keyClick(window.focusWidget() or window, getattr(Qt.Key, f"Key_{tab}"),
                           Qt.KeyboardModifier.ControlModifier)
            if tab == 1:
                select_roster_row(window, i)
        if i == 20:  # a search: the scanned card in the middle of it still lands at the desk
            def searching(dialog, o=o):
                try:
                    QTest.keyClicks(dialog.search.query, "petugas")
                    qtbot.waitUntil(lambda: dialog.search.query.text() == "petugas")
                    scan_at_desk(qtbot, window, bimtek.codes[o.id], dialog.search.query)
                    assert dialog.search.query.text() == "petugas"
                finally:
                    dialog.reject()
            on_modal(searching)
            QTest.keyClick(screen.scan_field, Qt.Key.Key_F2)
            back_to(qtbot, window)
            continue
        if i == 40:  # an izin, chosen with the keyboard
            def mark_izin(dialog):
                QTest.keyClicks(dialog.search.query, f"tps {izin.tps}")
                qtbot.waitUntil(lambda: dialog.search.query.text() == f"tps {izin.tps}")
                model = dialog.search.model
                row = next(r for r in range(model.rowCount()) if model.officer(r)["id"] == izin.id)
                for _ in range(row):
                    QTest.keyClick(dialog.search.query, Qt.Key.Key_Down)
                dialog.action.setCurrentIndex(dialog.action.findData("izin"))
                dialog.accept()
            on_modal(mark_izin)
            with qtbot.waitSignal(screen.result_shown, timeout=5000):
                QTest.keyClick(screen.scan_field, Qt.Key.Key_F2)
            back_to(qtbot, window)
        result = scan_at_desk(qtbot, window, bimtek.codes[o.id])
        assert result.result == "accepted", (i, result.message)
        assert open_dialogs() == [], i
        assert window.tabs.currentIndex() == 1
    # Undo the last scan from the code box.
    on_modal(lambda dialog: (dialog.reason.setText("salah orang"), dialog.accept()))
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        QTest.keyClick(screen.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    rows = recorded(bimtek, bimtek.session.id)
    checked = [r[0] for r in rows if r[1] in sessions.CHECKED_IN]
    assert sorted(checked) == sorted(o.id for o in queue)  # every scan once, at the desk
    assert [r[1] for r in rows].count("izin") == 1 and [r[1] for r in rows].count("undo") == 1
    assert window.findChild(OfficerDialog) is None and open_dialogs() == []
    assert window.roster.search.text() == roster_search
    marks = sessions.current_status(bimtek, bimtek.session.id)
    assert queue[-1].id not in marks and marks[izin.id].status == "izin"
    c = screen.counts
    assert (c.present, c.total["izin"], c.total["belum"]) == (69, 1, 77 - 69 - 1)
    assert screen.counter.text().startswith("Hadir 69 / 77")
    assert "Izin 1" in screen.strip.text() and "Belum 7" in screen.strip.text()


def test_kpps_desktop_session_opens_at_the_desk(qtbot, bimtek, db_path, monkeypatch):
    """`kpps-desktop --session ID` (and python -m kpps_desktop --session ID) opens that desk."""
    from kpps_desktop.ui import app

    shown = {}

    def fake_exec():  # the app's own event loop is the test's: look, then quit
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        desk = window.desk()
        shown["session"] = desk.session_id if desk else None
        shown["tab"] = window.tabs.currentIndex()
        window.close()
        return 0

    monkeypatch.setattr(QApplication.instance(), "exec", fake_exec)
    assert app.main(["--db", str(db_path), "--session", bimtek.session.id]) == 0
    assert shown == {"session": bimtek.session.id, "tab": 1}
    assert app.main(["--db", str(db_path), "--session", "tidak-ada"]) == 1


def test_checkin_desk_for_scan_picks_todays_open_session(bimtek):
    officer, session = checkin.desk_for_scan(bimtek, bimtek.codes[bimtek.officers[0].id], dt.date.today())
    assert officer["nama"] == bimtek.officers[0].nama and session.id == bimtek.session.id
    assert checkin.desk_for_scan(bimtek, "bukan kode", dt.date.today()) == (None, None)
