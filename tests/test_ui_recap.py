"""The recap screen with real widgets: drill-down by double-click, charts, absentees to a susulan session, exports,
who has handed over."""

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt

from kpps_desktop.core import checkin, demo, exchange, installation, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.ui.recap_view import RecapView

WIB = dt.timezone(dt.timedelta(hours=7))
KEDUNG = "33.20.01"
KEDUNGMALANG, KALIANYAR = "33.20.01.2001", "33.20.01.2002"


@pytest.fixture
def kedung(db_path):
    yield from _held_pelantikan(db_path, KEDUNG)


@pytest.fixture
def kedungmalang(db_path):
    """A PPS: the office that arranges a susulan for its absentees."""
    yield from _held_pelantikan(db_path, KEDUNGMALANG)


def _held_pelantikan(db_path, region: str):
    """The demo for `region`, its first desa's pelantikan held with three in four present, closed."""
    db = dbmod.open_db(db_path)
    demo.generate(db, region)
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


def open_view(qtbot, runner, db_path) -> RecapView:
    v = RecapView(runner, db_path)
    qtbot.addWidget(v)
    with qtbot.waitSignal(v.loaded, timeout=10000):
        pass
    v.resize(1300, 700)
    v.show()
    return v


@pytest.fixture
def view(qtbot, kedung, runner, db_path):
    return open_view(qtbot, runner, db_path)


@pytest.fixture
def pps_view(qtbot, kedungmalang, runner, db_path):
    return open_view(qtbot, runner, db_path)


def cell(view, row, col):
    return view.model.index(row, col).data()


def double_click_row(qtbot, view, row):
    pos = view.table.visualRect(view.model.index(row, 0)).center()
    with qtbot.waitSignal(view.loaded, timeout=10000):
        # A real double click starts with a press: item views ignore a lone double-click event.
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_drill_down_from_kecamatan_to_officers_and_back(qtbot, view, kedung):
    # A PPK opens on its desa: "Per kecamatan" would show it one row (issue #17).
    assert view.data.recap.by == "desa" and view.group.currentData() == "desa" and view.model.rowCount() == 19
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.group.setCurrentIndex(view.group.findData("kecamatan"))
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


def test_absentees_become_a_susulan_session(qtbot, pps_view, kedungmalang):
    view, kedung = pps_view, kedungmalang
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.session.setCurrentIndex(view.session.findData(kedung.session.id))
    ids = view.checked_absentees()
    assert len(ids) == view.data.recap.total["tidak_hadir"] > 0
    model = view.absent_model
    first = model.index(0, 0)
    assert model.data(first, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert [model.index(0, c).data() for c in range(1, 4)][1:] == ["Kedungmalang", "Tidak hadir"]
    assert model.index(0, 1).data().startswith("TPS 0")
    # One came with a letter: unchecked as the table's check box does it (the delegate's setData).
    assert model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(first, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    dialog = view.open_makeup()
    dialog.venue.setText("Balai Desa")
    with qtbot.waitSignal(view.makeupCreated, timeout=10000) as made:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    made_session = sessions.require_session(kedung, made.args[0])
    assert made_session.kind == "susulan" and made_session.title == f"Susulan {kedung.session.title}"
    assert {o["id"] for o in sessions.expected_officers(kedung, made_session.id)} == set(ids[1:])
    qtbot.waitUntil(lambda: view.session.findData(made_session.id) >= 0, timeout=10000)


def test_bad_makeup_input_shows_a_message_and_creates_nothing(qtbot, pps_view, kedungmalang, monkeypatch):
    view, kedung = pps_view, kedungmalang
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
    assert ws.freeze_panes == "A7" and any(c.value == "Jumlah" for row in ws.iter_rows() for c in row)


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


# --- handover status ------------------------------------------------------------------------

def pps_file(kpu, desa, tmp_path):
    """A real file from PPS `desa`: its roster came down from the KPU, 3 officers checked in."""
    down = exchange.export(kpu, tmp_path / f"down-{desa}.kpps", desa)
    pps = dbmod.open_db(tmp_path / f"pps-{desa}.sqlite")
    installation.init(pps, "pps", desa)
    assert exchange.import_file(pps, down.path, trust_new=True).ok
    s = next(x for x in sessions.list_sessions(pps) if x.kind == "pelantikan")
    for i, o in enumerate(sessions.expected_officers(pps, s.id)[:3]):
        checkin.check_in_officer(pps, s.id, o["id"], dt.datetime(2024, 11, 7, 7, 30 + i, tzinfo=WIB), "scanner")
    up = exchange.export(pps, tmp_path / f"up-{desa}.kpps").path
    pps.close()
    return up


@pytest.fixture
def ppk_one_reported(db_path, tmp_path):
    """PPK Kedung that merged Kedungmalang's file; Kalianyar's file is still on the stick."""
    kpu = dbmod.open_db(tmp_path / "kpu.sqlite")
    installation.init(kpu, "kpu", "33.20")
    for desa in (KEDUNGMALANG, KALIANYAR):
        demo.generate(kpu, desa)
    files = [pps_file(kpu, desa, tmp_path) for desa in (KEDUNGMALANG, KALIANYAR)]
    kpu.close()
    ppk = dbmod.open_db(db_path)
    installation.init(ppk, "ppk", KEDUNG)
    report = exchange.import_file(ppk, files[0], trust_new=True)
    assert report.ok, report.reason
    ppk.close()
    return files[1]


def handover_rows(view):
    table = view.handover.table
    return {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}


def test_handover_tab_lists_the_desa_that_never_sent(qtbot, ppk_one_reported, runner, db_path):
    view = open_view(qtbot, runner, db_path)
    assert view.tabs.isTabVisible(3) and view.tabs.tabText(3) == "Serah terima (17 belum)"
    rows = handover_rows(view)
    assert len(rows) == 18  # every desa of Kedung, each once
    assert rows[KEDUNGMALANG] == ("Kedungmalang", "Sudah mengirim")
    missing = [k for k, (_, state) in rows.items() if state == "Belum pernah mengirim"]
    assert len(missing) == 17 and KEDUNGMALANG not in missing and all(k.startswith(KEDUNG + ".") for k in missing)
    assert "1 dari 18 desa/kelurahan sudah mengirim" in view.handover.summary.text()
    view.tabs.setCurrentIndex(3)
    assert view.handover.isVisible()

    # A PPK opens on its desa, every one of them, the 17 silent ones marked (issue #21).
    assert view.data.recap.by == "desa" and view.data.handover.scope == KEDUNG and view.model.rowCount() == 19
    assert view.data.recap.coverage["reported"] == 1 and "1 dari 18 desa melapor" in view.coverage.text()
    assert cell(view, 1, len(view.model.cols) - 1) == "Belum mengirim"
    # Drilled down to Kedungmalang (the only desa that sent a file): its own status, nothing missing.
    assert cell(view, 0, 0) == KEDUNGMALANG
    double_click_row(qtbot, view, 0)
    assert view.data.recap.by == "tps" and view.data.handover.scope == KEDUNGMALANG
    assert handover_rows(view) == {KEDUNGMALANG: ("Kedungmalang", "Sudah mengirim")}
    assert view.tabs.tabText(3) == "Serah terima (0 belum)"

    # Kalianyar's file merged meanwhile (in the Serah terima screen) shows after Segarkan.
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.go_up()
    assert view.tabs.tabText(3) == "Serah terima (17 belum)"
    with dbmod.opened(db_path) as db:
        assert exchange.import_file(db, ppk_one_reported, trust_new=True).ok
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.handover.refresh_button.click()
    assert view.tabs.tabText(3) == "Serah terima (16 belum)"
    assert handover_rows(view)[KALIANYAR] == ("Kalianyar", "Sudah mengirim")


def test_the_view_fixture_ppk_without_files_has_every_desa_missing(view):
    assert view.tabs.isTabVisible(3) and view.tabs.tabText(3) == "Serah terima (18 belum)"
    assert {state for _, state in handover_rows(view).values()} == {"Belum pernah mengirim"}


def test_a_pps_has_no_handover_list(qtbot, pps_db, runner, db_path):
    demo.generate(pps_db, KEDUNGMALANG)
    view = open_view(qtbot, runner, db_path)
    assert view.data.handover is None and view.data.recap.rows
    assert not view.tabs.isTabVisible(3) and view.handover.table.rowCount() == 0
    # A PPS opens on its TPS (issue #17), and keeps the susulan button.
    assert view.data.recap.by == "tps" and view.group.currentData() == "tps" and not view.makeup.isHidden()
    assert {r["desa"] for r in view.data.recap.rows} == {KEDUNGMALANG}


def test_recap_reads_right_at_1366(qtbot, view, kedung):
    """#17/#21: columns say what they count, the names and key figures show unscrolled at 1366 px and the
    names stay when scrolling; columns sort; 10 lowest; the kind filter; the tab agrees with the table."""
    view.resize(1366, 700)
    keys = [k for k, _, _ in view.model.cols]
    header = view.table.horizontalHeader()
    labels = [view.model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(keys))]
    assert {"Tepat waktu", "Terlambat", "Hadir (total)"} <= set(labels) and "Hadir" not in labels
    tip = view.model.headerData(keys.index("expected"), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "pasangan sesi–petugas, bukan jumlah orang" in tip
    qtbot.waitUntil(lambda: header.sectionSize(keys.index("rate")) > 0)
    width = view.table.viewport().width()
    for key in ("nama", "present", "rate"):
        i = keys.index(key)
        assert 0 <= header.sectionViewportPosition(i) and header.sectionViewportPosition(i) + header.sectionSize(i) <= width
    # Sorting by Persentase: a click on its header, lowest first; the totals row stays last.
    i = keys.index("rate")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(i) + 5, 5))
    rates = [view.model.row_dict(r)["rate"] for r in range(view.model.rowCount() - 1)]
    known = [x for x in rates if x is not None]
    assert known == sorted(known) or known == sorted(known, reverse=True)
    assert cell(view, view.model.rowCount() - 1, 0) == "Jumlah"
    # Scrolled to the far right, the frozen view still shows the names.
    bar = view.table.horizontalScrollBar()
    bar.setValue(bar.maximum())
    assert view.table.frozen.isVisible() and view.table.frozen.columnWidth(keys.index("nama")) > 0
    assert not view.table.frozen.isColumnHidden(keys.index("nama"))
    view.lowest.click()
    assert view.model.rowCount() - 1 == min(10, len(known))
    view.lowest.click()
    # A PPK does not arrange a susulan: that is the PPS's job; it reads the absentees by kecamatan and
    # desa (its one kecamatan opened at once).
    assert view.makeup.isHidden() and view.absent_panel.grouped
    tree = view.absent_panel.tree_model
    kedung = tree.index(0, 0)
    assert tree.rowCount() == 1 and kedung.data() == "Kedung" and view.absent_panel.tree.isExpanded(kedung)
    assert tree.group(kedung).count == len(view.data.absentees)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.kind.setCurrentIndex(view.kind.findData("pelantikan"))
    r = view.data.recap
    assert {s.kind for s in r.sessions} == {"pelantikan"} and r.kinds == ("pelantikan",)
    gone = sum(r.total[k] for k in ("tidak_hadir", "izin", "sakit", "belum")) - r.total["not_held"]
    assert len(view.data.absentees) == gone and f"({gone})" in view.tabs.tabText(1)
