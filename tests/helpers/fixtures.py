"""Fixtures shared by several test modules, loaded once by conftest.py (as qutebrowser does)."""

import pytest

from helpers.sessions import KALIANYAR, KEDUNGMALANG, make_roster, new_session


@pytest.fixture
def ppk_db(db):
    """A PPK installation for Kecamatan Kedung with 2 TPS in Kedungmalang, 1 in Kalianyar."""
    from kpps_desktop.core import installation

    installation.init(db, "ppk", "33.20.01")
    db.officers = make_roster(db, {KEDUNGMALANG: 2, KALIANYAR: 1})
    return db


@pytest.fixture
def desk(ppk_db, db_path):
    """A Kedungmalang bimtek at 08:00 (2 TPS, 14 officers), every officer holding a card."""
    from kpps_desktop.core import cards

    cards.issue_missing(ppk_db)
    ppk_db.codes = cards.current_codes(ppk_db)
    ppk_db.session = new_session(ppk_db)
    ppk_db.db_path = db_path
    return ppk_db


@pytest.fixture
def clock():
    from helpers.desk import Clock

    return Clock()


@pytest.fixture
def screen(qtbot, desk, clock):
    """The check-in screen on `desk`'s session with its own writer, shown at 1366x768."""
    from kpps_desktop.ui.checkin_screen import CheckinScreen
    from kpps_desktop.ui.jobs import JobRunner

    runner = JobRunner(desk.db_path)
    s = CheckinScreen(runner, desk.db_path, desk.session.id, clock=clock)
    qtbot.addWidget(s)
    s.resize(1366, 768)
    s.show()
    qtbot.waitExposed(s)
    yield s
    s.shutdown()
    runner.shutdown()
