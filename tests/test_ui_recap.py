"""The recap screen with real widgets: drill-down by double-click, charts, absentees to a susulan session, exports."""

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt

from kpps_desktop.core import checkin, demo, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.ui.recap_view import RecapView

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
WIB = dt.timezone(dt.timedelta(hours=7))
KEDUNG = "33.20.01"


@pytest.fixture
def kedung(db_path):
    db = dbmod.open_db(db_path)
    demo.generate(db, KEDUNG)
    desa = sorted({s.scope for s in sessions.list_sessions(db)})[0]
    s = next(x for x in sessions.list_sessions(db) if x.scope == desa and x.kind == "pelantikan")
    start = dt.datetime(2024, 11, 7, 7, 40, tzinfo=WIB)
    for i, o in enumerate(sessions.expected_officers(db, s.id)):
        if i % 4:
            checkin.check_in_officer(db, s.id, o["id"], start + dt.timedelta(seconds=30 * i), "scanner")
    sessions.close_session(db, s.id, start + dt.timedelta(hours=3))
    db.desa, db.session = desa, s
    yield db
    db.close()


@pytest.fixture
def view(qtbot, kedung, runner, db_path):
    v = RecapView(runner, db_path)
    qtbot.addWidget(v)
    with qtbot.waitSignal(v.loaded, timeout=10000):
        pass
    v.resize(1300, 700)
    v.show()
    return v


def cell(view, row, col):
    return view.model.index(row, col).data()


def double_click_row(qtbot, view, row):
    pos = view.table.visualRect(view.model.index(row, 0)).center()
    with qtbot.waitSignal(view.loaded, timeout=10000):
        # A real double click starts with a press: item views ignore a lone double-click event.
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_drill_down_from_kecamatan_to_officers_and_back(qtbot, view, kedung):
    assert view.model.rowCount() == 2 and cell(view, 0, 1) == "Kedung" and cell(view, 1, 0) == "Jumlah"
    double_click_row(qtbot, view, 0)
    assert view.data.recap.by == "desa" and cell(view, 0, 0) == kedung.desa and view.up.isEnabled()
    double_click_row(qtbot, view, 0)
    assert view.data.recap.by == "tps" and cell(view, 0, 1) == "TPS 001"
    double_click_row(qtbot, view, 0)
    assert view.data.recap.by == "officer" and view.model.rowCount() == 8  # 7 KPPS and the totals row
    assert view.drill(0) is False  # the bottom
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.up.click()
    assert view.data.recap.by == "tps"


def test_session_choice_changes_the_numbers_and_the_charts(qtbot, view, kedung):
    index = view.session.findData(kedung.session.id)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.session.setCurrentIndex(index)
    r = view.data.recap
    expected = len(sessions.expected_officers(kedung, kedung.session.id))
    assert r.total["expected"] == expected and r.total["tidak_hadir"] == expected - r.total["hadir"]
    assert view.charts.timeline and sum(n for _, n in view.charts.timeline) == r.total["present"]
    image = view.charts.grab().toImage()
    assert image.width() > 100 and image.pixelColor(image.width() // 2, image.height() // 2).isValid()


def test_absentees_become_a_susulan_session(qtbot, view, kedung):
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.session.setCurrentIndex(view.session.findData(kedung.session.id))
    ids = view.checked_absentees()
    assert len(ids) == view.data.recap.total["tidak_hadir"] > 0
    view.absent_model.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # one came with a letter
    dialog = view.open_makeup()
    dialog.venue.setText("Balai Desa")
    with qtbot.waitSignal(view.makeupCreated, timeout=10000) as made:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    made_session = sessions.require_session(kedung, made.args[0])
    assert made_session.kind == "susulan" and made_session.title == f"Susulan {kedung.session.title}"
    assert {o["id"] for o in sessions.expected_officers(kedung, made_session.id)} == set(ids[1:])
    qtbot.waitUntil(lambda: view.session.findData(made_session.id) >= 0, timeout=10000)


def test_bad_makeup_input_shows_a_message_and_creates_nothing(qtbot, view, kedung, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    count = kedung.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    dialog = view.open_makeup()
    dialog.start.setText("25:99")
    with qtbot.waitSignal(view.failed, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "tidak valid" in shown[0]
    assert kedung.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == count


def test_exports_write_real_files(qtbot, view, tmp_path):
    for fmt in ("xlsx", "csv", "pdf", "png"):
        out = tmp_path / f"rekap.{fmt}"
        with qtbot.waitSignal(view.exported, timeout=20000):
            view.export(fmt, out)
        assert out.stat().st_size > 0
    ws = openpyxl.load_workbook(tmp_path / "rekap.xlsx").active
    assert ws.freeze_panes == "A6" and any(c.value == "Jumlah" for row in ws.iter_rows() for c in row)


def test_anomalies_tab_lists_flags(qtbot, view, kedung):
    s = kedung.session
    people = sessions.expected_officers(kedung, s.id)
    with kedung.atomic():
        for i, o in enumerate(people[:21]):
            kedung.conn.execute(
                f"INSERT INTO attendance ({sessions.EVENT_COLUMNS}) VALUES (?, ?, ?, 'hadir', NULL, ?, 'fast', ?, "
                "'scanner', NULL, ?)", (dbmod.new_id(), s.id, o["id"], "2024-11-07T07:30:00+07:00", i + 1,
                                         dbmod.utc_now()))
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.refresh()
    kinds = [view.flags.topLevelItem(i).text(0) for i in range(view.flags.topLevelItemCount())]
    assert "Presensi terlalu cepat" in kinds and view.tabs.tabText(2).startswith("Anomali (")
