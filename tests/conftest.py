"""Shared test set-up: offscreen Qt, and every database in a temporary folder."""

import os

# Set before any Qt import: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

# Fixtures several modules share live in one place (tests/helpers/fixtures.py), not in test modules.
pytest_plugins = ["helpers.fixtures"]


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path, monkeypatch):
    """No test touches a real user's data: KPPS_DB points into the test's own folder."""
    monkeypatch.setenv("KPPS_DB", str(tmp_path / "presensi.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "presensi.sqlite"


@pytest.fixture
def db(db_path):
    from kpps_desktop.core import db as dbmod

    database = dbmod.open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def pps_db(db):
    """A PPS installation for desa Kedungmalang (Kedung, Jepara)."""
    from kpps_desktop.core import installation

    installation.init(db, "pps", "33.20.01.2001")
    return db


@pytest.fixture
def runner(db_path, qapp):
    """The GUI's one writer on the test database, stopped after the test."""
    from kpps_desktop.ui.jobs import JobRunner

    r = JobRunner(db_path)
    yield r
    r.shutdown()
