"""Privacy on screen: the roster's NIK reveal (asked, logged), masked check-in search, audit and retention dialogs."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kpps_desktop.core import audit, demo, retention, roster
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import nik as nikmod
from kpps_desktop.core.roster_search import RosterIndex
from kpps_desktop.ui.audit_view import AuditDialog
from kpps_desktop.ui.checkin_screen import OfficerListModel
from kpps_desktop.ui.jobs import JobRunner
from kpps_desktop.ui.retention_dialog import RetentionDialog
from kpps_desktop.ui.roster_model import COLUMNS
from kpps_desktop.ui.roster_view import RosterView


DESA = "33.20.01.2001"
NIK_COL = COLUMNS.index("nik")


@pytest.fixture
def demo_db(db):
    demo.generate(db, DESA)
    return db


@pytest.fixture
def runner(db_path):
    r = JobRunner(db_path)
    yield r
    r.shutdown()


@pytest.fixture
def view(qtbot, demo_db, runner):
    v = RosterView(runner=runner)
    qtbot.addWidget(v)
    v.set_rows(roster.list_officers(demo_db))
    v.show()
    return v


def nik_cells(view) -> list[str]:
    return [view.model.data(view.model.index(r, NIK_COL)) for r in range(view.model.rowCount())]


def reveal_box(view) -> QMessageBox:
    [box] = [b for b in view.findChildren(QMessageBox, "revealNikBox") if b.isVisible()]  # closed ones linger
    return box


def test_roster_nik_reveal_is_asked_and_logged_before_it_shows(qtbot, view, demo_db):
    rows = [view.model.row_dict(r) for r in range(view.model.rowCount())]
    assert nik_cells(view) == [nikmod.mask(r["nik"]) for r in rows]

    view.show_nik.setChecked(True)
    reveal_box(view).button(QMessageBox.StandardButton.No).click()
    assert not view.show_nik.isChecked() and not view.model.show_nik
    assert audit.entries(demo_db) == []

    view.show_nik.setChecked(True)
    assert not view.show_nik.isChecked()  # off until the reveal is logged
    with qtbot.waitSignal(view.nikShown) as shown:
        reveal_box(view).button(QMessageBox.StandardButton.Yes).click()
    assert shown.args == [True] and view.show_nik.isChecked()
    assert nik_cells(view) == [r["nik"] for r in rows]
    [entry] = audit.entries(demo_db)
    assert (entry.action, entry.what, entry.count, entry.detail) == (
        "reveal_nik", "daftar_petugas", len(rows), {"layar": "Petugas"})

    with qtbot.waitSignal(view.nikShown) as hidden:
        view.show_nik.setChecked(False)
    assert hidden.args == [False] and all("*" in c for c in nik_cells(view))
    assert len(audit.entries(demo_db)) == 1


def test_reveal_without_the_audit_log_is_refused(qtbot, demo_db):
    v = RosterView()
    qtbot.addWidget(v)
    v.set_rows(roster.list_officers(demo_db))
    v.show()
    v.show_nik.setChecked(True)
    reveal_box(v).button(QMessageBox.StandardButton.Yes).click()
    refused = v.findChild(QMessageBox, "revealNikRefused")
    assert refused is not None and "tetap disamarkan" in refused.text()
    assert not v.model.show_nik and all("*" in c for c in nik_cells(v))
    refused.button(QMessageBox.StandardButton.Ok).click()


def test_checkin_search_list_masks_nik(demo_db):
    rows = roster.list_officers(demo_db)
    model = OfficerListModel(RosterIndex(rows), lambda officer_id: None)
    model.set_positions(list(range(len(rows))))
    texts = [model.data(model.index(i)) for i in range(len(rows))]
    assert all(nikmod.mask(r["nik"]) in t and r["nik"] not in t for r, t in zip(rows, texts))


# --- audit dialog ----------------------------------------------------------------------

def test_audit_dialog_lists_newest_first_and_filters(qtbot, pps_db, runner):
    dbmod.set_setting(pps_db, "operator", "Siti")
    audit.record(pps_db, "print", "kartu", DESA, 63, {"paper": "a4"})
    audit.record(pps_db, "export", "rekap", None, 1, {"file": "r.xlsx"})
    audit.record(pps_db, "reveal_nik", "daftar_petugas", DESA, 63)
    dialog = AuditDialog(runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded) as loaded:
        pass
    assert loaded.args == [3]
    model = dialog.model
    assert [model.data(model.index(r, 2)) for r in range(3)] == ["Tampilkan NIK", "Ekspor", "Cetak"]
    assert model.data(model.index(2, 1)) == "Siti"
    assert model.data(model.index(2, 4)) == f"{DESA} Kedungmalang"
    assert model.data(model.index(2, 6)) == "paper=a4"
    assert "3 catatan" in dialog.status.text()
    with qtbot.waitSignal(dialog.loaded) as loaded:
        dialog.set_filter("print")
    assert loaded.args == [1] and model.data(model.index(0, 3)) == "kartu"
    tomorrow = AuditDialog(runner, today=dt.date.today() + dt.timedelta(days=2))
    qtbot.addWidget(tomorrow)
    with qtbot.waitSignal(tomorrow.loaded):
        pass
    with qtbot.waitSignal(tomorrow.loaded) as loaded:
        tomorrow.set_filter(None, 0)  # "today", two days from now: nothing yet
    assert loaded.args == [0]


# --- retention dialog ------------------------------------------------------------------

def test_retention_dialog_needs_the_region_code_then_deletes(qtbot, demo_db, runner):
    dialog = RetentionDialog(runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planned) as planned:
        dialog.show()
    plan = planned.args[0]
    assert plan.niks == 63 and "NIK 63 petugas" in dialog.deleted_list.text()
    assert "63 baris petugas" in dialog.kept_list.text() and DESA in dialog.prompt.text()
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.confirm, "33.20.01.2002")
    assert not dialog.delete_button.isEnabled() and dialog.run() is None
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "3320012001")
    assert dialog.delete_button.isEnabled()
    with qtbot.waitSignal(dialog.deleted, timeout=20000) as deleted:
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert deleted.args[0].plan.niks == 63
    assert retention.plan(demo_db).niks == 0
    assert "dihapus" in dialog.message.text() and not dialog.delete_button.isVisible()
    assert [e.action for e in audit.entries(demo_db)] == ["delete_personal_data"]


def test_retention_dialog_reports_a_missing_installation(qtbot, db, runner):
    dialog = RetentionDialog(runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed) as failed:
        dialog.show()
    assert failed.args[0] and not dialog.delete_button.isEnabled()
    assert failed.args[0] in dialog.message.text()
