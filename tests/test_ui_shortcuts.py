"""No key sequence is bound twice in one context: where the focus is, each key means one thing.

Two bindings of one key that are both live where the focus is make Qt call neither (it reports
the key as ambiguous): that is how F2 'Cari' died on the desk once the roster's F2 'Ubah' was
live (issue 13, finding 1). The bindings are read from the real widgets, not from a table."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from helpers.sessions import KEDUNGMALANG, make_roster

from kpps_desktop.core import cards, installation, sessions
from kpps_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "Couldn't (load|resolve) .* (library|symbols)", "PulseAudioService", "QSoundEffect", "RHI", extend=True)


@pytest.fixture
def window(qtbot, db, runner, db_path):
    installation.init(db, "pps", KEDUNGMALANG)
    make_roster(db, {KEDUNGMALANG: 2})
    cards.issue_missing(db)
    session = sessions.create_session(db, kind="bimtek", title="Bimtek", date=dt.date.today().isoformat(),
                                      start="08:00", scope=KEDUNGMALANG)
    w = MainWindow(db, runner, db_path)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.roster.table.selectRow(0)  # the roster's F2 "Ubah" is live, as in finding 1
    for name in ("print", "recap", "handover"):
        w.page(name)  # every screen built, so its bindings are counted
    w.open_desk(session.id)
    yield w
    w.close()


def _inside(widget: QWidget, scope: QWidget) -> bool:
    """Whether focus on `widget` is inside `scope` the way Qt's WidgetWithChildrenShortcut sees it:
    up the parents, not crossing into another window."""
    while widget is not None:
        if widget is scope:
            return True
        if widget.isWindow():
            return False
        widget = widget.parentWidget()
    return False


def live_bindings(window: MainWindow, focus: QWidget) -> list[tuple[str, str]]:
    """(key, what) for every enabled binding that a key press with `focus` focused would reach."""
    found = []
    for action in window.findChildren(QAction):
        if not action.isEnabled():
            continue
        for obj in action.associatedObjects():
            if not isinstance(obj, QWidget) or obj.metaObject().className() in ("QMenu", "QMenuBar", "QToolBar"):
                continue
            context = action.shortcutContext()
            live = (context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
                    and focus.window() is obj.window()) or (
                context == Qt.ShortcutContext.WidgetWithChildrenShortcut and _inside(focus, obj)) or (
                context == Qt.ShortcutContext.WidgetShortcut and focus is obj)
            if live:  # one binding per action, however many buttons and menus show it
                found += [(key.toString(), action.text()) for key in action.shortcuts() if not key.isEmpty()]
                break
    for shortcut in window.findChildren(QShortcut):
        if not shortcut.isEnabled() or shortcut.key().isEmpty():
            continue
        owner = shortcut.parent()
        context = shortcut.context()
        live = (context == Qt.ShortcutContext.WindowShortcut and focus.window() is owner.window()) or (
            context == Qt.ShortcutContext.WidgetWithChildrenShortcut and _inside(focus, owner)) or (
            context == Qt.ShortcutContext.WidgetShortcut and focus is owner)
        if live:
            found.append((shortcut.key().toString(), f"{type(owner).__name__} shortcut"))
    return found


def places(window: MainWindow) -> dict[str, QWidget]:
    screen = window.desk()
    return {"roster table": window.roster.table, "roster search": window.roster.search,
            "desk code box": screen.scan_field, "print": window.page("print"), "recap": window.page("recap"),
            "handover": window.page("handover"), "session list": window.page("checkin").list}


def duplicates(bindings):
    seen: dict[str, list[str]] = {}
    for key, what in bindings:
        seen.setdefault(QKeySequence(key).toString(), []).append(what)
    return {key: whats for key, whats in seen.items() if len(whats) > 1}


def test_no_key_sequence_is_bound_twice_where_the_focus_can_be(window):
    for name, focus in places(window).items():
        assert duplicates(live_bindings(window, focus)) == {}, name


def test_no_key_is_bound_twice_in_the_kiosk_either(window):
    screen = window.desk()
    screen.set_kiosk(True)
    try:
        bindings = live_bindings(window, screen.scan_field)
        assert duplicates(bindings) == {}
        keys = {key for key, _ in bindings}
        assert "Esc" in keys and "Ctrl+1" not in keys  # only the desk, and the way out
    finally:
        screen.set_kiosk(False)


def test_the_desk_keys_the_screen_shows_are_the_keys_bound_there(window):
    bindings = dict((key, what) for key, what in live_bindings(window, window.desk().scan_field))
    for key in ("F2", "F4", "F6", "F11", "Ctrl+Z", "Ctrl+1", "Ctrl+5", "Ctrl+P"):
        assert key in bindings, key
    assert bindings["F2"] == "CheckinScreen shortcut"
    window.roster.table.selectRow(0)  # 'Ubah' is live once an officer is selected
    roster = dict(live_bindings(window, window.roster.table))
    assert roster["F2"] == "Ubah…" and "Ctrl+Z" not in roster
