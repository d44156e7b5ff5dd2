"""Presensi → Impor kehadiran daring…: the dialog with real widgets, key events and the real writer."""

import json

import pytest
from helpers.daring import DATA, NOW, make, session
from PySide6.QtCore import Qt

from kpps_desktop.core import sessions
from kpps_desktop.ui.checkin_host import CheckinHost
from kpps_desktop.ui.daring_dialog import DaringImportDialog


@pytest.fixture
def roster_db(db):
    db.ids = make(db)
    db.session = session(db)
    return db


@pytest.fixture
def dialog(qtbot, runner, roster_db):
    d = DaringImportDialog(runner, roster_db.session.id, clock=lambda: NOW)
    qtbot.addWidget(d)
    d.show()
    return d


def load(qtbot, d, *paths):
    with qtbot.waitSignal(d.previewed, timeout=10000) as sig:
        d.load_files(list(paths))
    return sig.args[0]


def texts(widget):
    return [widget.item(i).text() for i in range(widget.count())]


def events(db):
    return db.conn.execute("SELECT officer_id, status, evidence FROM attendance ORDER BY seq").fetchall()


def test_the_presensi_tab_opens_the_dialog_for_the_selected_session(qtbot, runner, roster_db, db_path):
    host = CheckinHost(runner, db_path)
    qtbot.addWidget(host)
    host.show()
    assert host.daring_button.text() == "Impor kehadiran daring…" and host.daring_button.isEnabled()
    qtbot.mouseClick(host.daring_button, Qt.MouseButton.LeftButton)
    dialog = host.findChild(DaringImportDialog)
    assert dialog is not None and dialog.isVisible() and dialog.session_id == roster_db.session.id
    dialog.close()


def test_three_lists_show_what_the_report_gives(qtbot, dialog):
    load(qtbot, dialog, DATA / "zoom_old.csv")
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["Cocok (5)", "Perlu diperiksa (1)", "Tidak cocok (2)"]
    assert texts(dialog.matched_list)[0].startswith("baris 5 · Ahmad Fauzi · 61 menit  →  Ahmad Fauzi · TPS 1 "
                                                    "Kedungmalang · Ketua KPPS (100)")
    assert texts(dialog.review_list) == ["baris 9 · Siti Aminah · 89 menit  →  2 calon"]
    assert texts(dialog.unmatched_list)[0] == "baris 8 · Samsung A12 · 92 menit  →  nama perangkat, bukan nama orang"
    assert "Zoom, 9 baris" in dialog.files_label.text()
    assert dialog.summary.text().startswith("5 petugas akan dicatat hadir daring")
    # The minimum moves a short stay to the unmatched list.
    with qtbot.waitSignal(dialog.previewed, timeout=10000):
        dialog.min_spin.setValue(10)
    assert dialog.tabs.tabText(2) == "Tidak cocok (3)"
    assert any("Budi Santoso: kurang dari 10 menit" in t for t in texts(dialog.unmatched_list))


def test_one_row_assigned_to_two_officers_and_a_device_row_by_search_then_applied(qtbot, dialog, roster_db):
    load(qtbot, dialog, DATA / "zoom_old.csv")
    # The Siti Aminah row: both candidates are offered; tick both with the keyboard.
    dialog.tabs.setCurrentIndex(1)
    dialog.review_list.setCurrentRow(0)
    assert dialog.row_label.text() == "Baris 9: Siti Aminah"
    assert dialog.officer_list.count() == 2
    for row in range(2):
        dialog.officer_list.setCurrentRow(row)
        qtbot.keyClick(dialog.officer_list, Qt.Key.Key_Space)
    assert len(dialog.checked_officers()) == 2
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert "ditetapkan: Siti Aminah, Siti Aminah" in texts(dialog.review_list)[0]
    # "Samsung A12" is Dewi Lestari's phone, the desk knows: found by typing.
    dialog.tabs.setCurrentIndex(2)
    dialog.unmatched_list.setCurrentRow(0)
    qtbot.keyClicks(dialog.search_field, "dewi les")
    assert [dialog.officer_list.item(i).text() for i in range(dialog.officer_list.count())] == [
        "Dewi Lestari · TPS 1 Kedungmalang · Anggota KPPS"]
    dialog.officer_list.setCurrentRow(0)
    qtbot.keyClick(dialog.officer_list, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "8 petugas akan dicatat hadir daring (2 baris ditetapkan manual)."
    with qtbot.waitSignal(dialog.applied, timeout=10000) as sig:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert len(sig.args[0].recorded) == 8
    assert dialog.summary.text().startswith("8 petugas dicatat hadir daring")
    rows = {oid: json.loads(ev) for oid, status, ev in events(roster_db)}
    assert rows[roster_db.ids["Dewi Lestari@2001/1"]]["row"] == 8
    assert rows[roster_db.ids["Siti Aminah@2001/2"]] == {**rows[roster_db.ids["Siti Aminah@2001/1"]]}
    assert rows[roster_db.ids["Siti Aminah@2001/1"]]["manual"] is True
    marks = sessions.current_status(roster_db, roster_db.session.id)
    assert sum(m.status == "hadir_daring" for m in marks.values()) == 8


def test_assigning_without_a_ticked_officer_says_so(qtbot, dialog):
    load(qtbot, dialog, DATA / "zoom_old.csv")
    dialog.tabs.setCurrentIndex(1)
    dialog.review_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.error.text() == "Centang satu atau lebih petugas untuk baris ini."
    assert dialog.assignments == {}


def test_an_unknown_layout_is_shown_and_nothing_can_be_applied(qtbot, dialog, roster_db):
    message = load(qtbot, dialog, DATA / "unknown.csv")
    assert "Kolom yang ditemukan: Nomor, Nama Peserta, Instansi" in message
    assert dialog.error.isVisible() and "tidak dikenal" in dialog.error.text()
    assert not dialog.apply_button.isEnabled()
    assert events(roster_db) == []


def test_applying_again_records_nothing_new(qtbot, dialog, roster_db):
    load(qtbot, dialog, DATA / "meet_old.csv", DATA / "teams.tsv")
    assert texts(dialog.matched_list)[0].startswith("meet_old.csv baris 2 · Dewi Lestari")
    with qtbot.waitSignal(dialog.applied, timeout=10000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    before = events(roster_db)
    with qtbot.waitSignal(dialog.applied, timeout=10000) as sig:
        dialog.apply()
    assert sig.args[0].recorded == [] and events(roster_db) == before
    assert dialog.summary.text().startswith("0 petugas dicatat hadir daring; 0 sudah hadir langsung (tetap); 5 sudah")


def test_the_evidence_is_shown_in_the_officers_history(qtbot, runner, roster_db):
    from kpps_desktop.core import daring, roster
    from kpps_desktop.ui.officer_dialog import OfficerDialog

    preview = daring.preview(roster_db, roster_db.session.id, [DATA / "zoom_old.csv"])
    daring.apply_preview(roster_db, preview, NOW)
    officer = roster.get_officer(roster_db, roster_db.ids["Ahmad Fauzi@2001/1"])
    dialog = OfficerDialog(runner, "edit", officer)
    qtbot.addWidget(dialog)
    assert texts(dialog.history) == [
        "2024-11-07 Pelantikan: Pelantikan daring — Hadir daring 12.30 (Impor kehadiran daring: Zoom, zoom_old.csv "
        f"baris 5); bukti: zoom_old.csv baris 5 (SHA-256 {preview.files[0].sha256[:12]}…)"]
    other = OfficerDialog(runner, "edit", roster.get_officer(roster_db, roster_db.ids["Agus Salim@2001/2"]))
    qtbot.addWidget(other)
    assert texts(other.history) == ["Belum ada catatan presensi."]
