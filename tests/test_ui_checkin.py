"""The check-in screen driven like the desk drives it: scanner bursts, typing, results, counters, undo,
manual and paper entry, sounds."""

import datetime as dt
import sqlite3
import wave

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from helpers.desk import attendance, officer, on_modal, scan
from helpers.sessions import KALIANYAR, KEDUNGMALANG, at

from kpps_desktop.core import cards, checkin, sessions
from kpps_desktop.ui import sounds
from kpps_desktop.ui.checkin_screen import TONES, ManualDialog, ReasonDialog
from kpps_desktop.ui.jobs import JobRunner



# --- results: colour and words -----------------------------------------------------------

def test_scan_is_accepted_green_with_name_position_tps_and_time(qtbot, screen, desk):
    o = officer(desk, 0)
    assert screen.panel.view.tone == "idle" and screen.scan_field.hasFocus()
    view = scan(qtbot, screen, desk.codes[o.id])
    assert (view.tone, view.headline, view.name, view.time) == ("accepted", "HADIR", o.nama, "07:55")
    assert view.details == "Ketua KPPS · TPS 001 · Desa Kedungmalang"
    assert attendance(desk) == [(o.id, "hadir", "scanner", None, "2024-11-07T07:55:00+07:00", None)]
    assert screen.scan_field.text() == ""  # the scan never landed in the field


def test_the_panel_is_really_painted_in_the_result_colour(qtbot, screen, desk):
    before = screen.panel.paint_count
    scan(qtbot, screen, desk.codes[officer(desk, 1).id])
    assert screen.panel.paint_count > before
    image = screen.panel.grab().toImage()
    assert image.pixelColor(5, image.height() - 5) == TONES["accepted"][0]


def test_second_scan_is_amber_with_the_first_time(qtbot, screen, desk, clock):
    code = desk.codes[officer(desk, 2).id]
    scan(qtbot, screen, code)
    clock.set("08:12")
    view = scan(qtbot, screen, code)
    assert (view.tone, view.headline, view.message, view.time) == (
        "duplicate", "SUDAH HADIR", "Sudah hadir pukul 07:55", "07:55")
    assert len(attendance(desk)) == 1


def test_late_check_in_says_so(qtbot, screen, desk, clock):
    clock.set("08:40")
    view = scan(qtbot, screen, desk.codes[officer(desk, 3).id])
    assert (view.tone, view.headline) == ("accepted", "HADIR — TERLAMBAT")


@pytest.mark.parametrize("case, headline, message", [
    ("unknown", "KODE TIDAK DIKENAL", "Kode tidak dikenal"),
    ("revoked", "KARTU DICABUT", "Kartu sudah dicabut; pakai kartu baru atau presensi manual"),
    ("not_in_session", "BUKAN PESERTA SESI INI", "Petugas Desa Kalianyar, bukan peserta sesi ini"),
])
def test_refusals_are_red_in_plain_indonesian(qtbot, screen, desk, case, headline, message):
    if case == "unknown":
        code = cards.new_code()
    elif case == "revoked":
        code = desk.codes[officer(desk, 4).id]
        cards.reissue(desk, officer(desk, 4).id)
    else:
        code = desk.codes[officer(desk, 0, KALIANYAR).id]
    view = scan(qtbot, screen, code)
    # The reason, then on its own line what to do next (finding 6).
    said, next_step = view.message.split("\n")
    assert (view.tone, view.headline, said) == ("refused", headline, message)
    assert "(F2)" in next_step
    assert attendance(desk) == [] and screen.counter.text().startswith("Hadir 0 / 14")
    assert screen.recent_list.item(0).text().startswith("07:55")


def test_typed_text_in_the_scan_field_that_is_no_code_is_red(qtbot, screen):
    screen.scan_field.setFocus()
    for ch in "halo":
        QTest.keyClick(screen.scan_field, ch, Qt.KeyboardModifier.NoModifier, 60)
    qtbot.waitUntil(lambda: screen.scan_field.text() == "halo", timeout=1000)
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        QTest.keyClick(screen.scan_field, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 60)
    assert (screen.panel.view.tone, screen.panel.view.headline) == ("refused", "BUKAN KARTU PRESENSI")


def test_a_pasted_code_with_enter_checks_in(qtbot, screen, desk):
    o = officer(desk, 5)
    screen.scan_field.setText(cards.format_code(desk.codes[o.id]))  # as pasted, with the spaces
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        screen.scan_field.returnPressed.emit()
    assert screen.panel.view.name == o.nama and attendance(desk)[0][:3] == (o.id, "hadir", "scanner")


def test_a_closed_session_refuses_scans(qtbot, desk, clock, screen):
    sessions.close_session(desk, desk.session.id, at("12:00"))
    view = scan(qtbot, screen, desk.codes[officer(desk, 0).id])
    assert (view.tone, view.headline) == ("refused", "SESI SUDAH DITUTUP")


# --- the scanner wherever the focus is ---------------------------------------------------

def test_scanner_without_enter_while_typing_a_name_elsewhere(qtbot, screen, desk):
    # Half-way through typing in the scan field, a card is scanned: the field keeps what was typed.
    screen.scan_field.setFocus()
    for ch in "ab":
        QTest.keyClick(screen.scan_field, ch, Qt.KeyboardModifier.NoModifier, 60)
    qtbot.waitUntil(lambda: screen.scan_field.text() == "ab", timeout=1000)
    view = scan(qtbot, screen, desk.codes[officer(desk, 6).id], target=screen.scan_field, enter=False)
    assert view.tone == "accepted" and screen.scan_field.text() == "ab"


def test_scanner_works_with_focus_on_a_button(qtbot, screen, desk):
    screen.manual_button.setFocus()
    view = scan(qtbot, screen, desk.codes[officer(desk, 1).id], target=screen.manual_button)
    assert view.tone == "accepted"


def test_scanner_in_a_layout_that_garbles_digits_still_reads(qtbot, screen, desk):
    # A scanner set to US typing on an AZERTY laptop: the digit row comes out as &é"'(-è_çà.
    o = officer(desk, 2)
    garbled = desk.codes[o.id].translate(str.maketrans("1234567890", "&é\"'(-è_çà"))
    target = screen.scan_field
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        for ch in garbled + "\r":  # QTest types ASCII only; the OS delivers these as plain key events
            key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper())) if ch.isascii() else Qt.Key.Key_unknown
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
    assert screen.panel.view.name == o.nama and target.text() == ""


# --- counters, recent list, undo ---------------------------------------------------------

def test_counters_follow_each_result(qtbot, screen, desk, clock):
    assert screen.counter.text() == "Hadir 0 / 14 (0%)"
    assert screen.tps_table.rowCount() == 2 and screen.tps_table.item(0, 1).text() == "0 / 7"
    for minute, n in enumerate((0, 1, 2, 7)):  # 7: the first of TPS 2
        clock.set(f"07:{50 + minute}")
        scan(qtbot, screen, desk.codes[officer(desk, n).id])
    scan(qtbot, screen, desk.codes[officer(desk, 0).id])  # duplicate: no change
    assert screen.counter.text() == "Hadir 4 / 14 (28%)"
    assert [screen.tps_table.item(r, 1).text() for r in (0, 1)] == ["3 / 7", "1 / 7"]
    # The counters agree with the core's own recount.
    tally = sessions.tally(desk, desk.session.id)
    assert (tally.present, tally.by_tps[(KEDUNGMALANG, 1)]) == (4, (3, 7))
    assert screen.recent_list.count() == 4 and officer(desk, 7).nama in screen.recent_list.item(0).text()


def test_reload_picks_up_a_check_in_made_by_the_cli(qtbot, screen, desk):
    checkin.check_in(desk, desk.session.id, desk.codes[officer(desk, 3).id], at("07:50"))
    QTest.keyClick(screen, Qt.Key.Key_F5)
    assert screen.counter.text().startswith("Hadir 1 / 14")


def test_undo_the_last_check_in_with_a_reason(qtbot, screen, desk, clock):
    o = officer(desk, 0)
    assert not screen.undo_button.isEnabled()
    scan(qtbot, screen, desk.codes[o.id])
    assert screen.undo_button.isEnabled() and screen.counter.text().startswith("Hadir 1 /")
    seen = {}

    def answer(dialog):
        assert isinstance(dialog, ReasonDialog)
        ok = dialog.buttons.buttons()[0]
        seen["disabled_when_empty"] = not ok.isEnabled()
        dialog.reason.setText("salah orang")
        dialog.accept()

    clock.set("08:01")
    on_modal(answer)
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        screen.undo_button.click()
    assert seen == {"disabled_when_empty": True}
    assert (screen.panel.view.tone, screen.panel.view.headline) == ("info", "PRESENSI DIBATALKAN")
    assert screen.counter.text().startswith("Hadir 0 /") and not screen.undo_button.isEnabled()
    rows = attendance(desk)
    assert rows[1][:4] == (o.id, "undo", "desk", "salah orang")
    # The card works again afterwards, as a fresh check-in.
    assert scan(qtbot, screen, desk.codes[o.id]).tone == "accepted"


def test_undo_canceled_changes_nothing(qtbot, screen, desk):
    scan(qtbot, screen, desk.codes[officer(desk, 0).id])
    on_modal(lambda dialog: dialog.reject())
    screen.undo_button.click()
    assert len(attendance(desk)) == 1 and screen.undo_button.isEnabled()


# --- manual and desk statuses -------------------------------------------------------------

def choose(search, query: str, officer_id: str) -> None:
    """Type a search and click the officer's row in the result list."""
    search.query.setText(query)
    model = search.model
    row = next(r for r in range(model.rowCount()) if model.officer(r)["id"] == officer_id)
    search.list.setCurrentIndex(model.index(row))


def pick(dialog: ManualDialog, query: str, action: str, reason: str, other: str = "", officer_id=None):
    choose(dialog.search, query, officer_id)
    dialog.action.setCurrentIndex(dialog.action.findData(action))
    dialog.reason.combo.setCurrentText(reason)
    dialog.reason.other.setText(other)


def test_manual_check_in_by_name_with_a_reason(qtbot, screen, desk):
    o = officer(desk, 8)  # TPS 2, seat 2
    seen = {}

    def answer(dialog):
        pick(dialog, "tps 2", "manual", "Lainnya…", officer_id=o.id)
        seen["rows"] = dialog.search.model.rowCount()
        seen["blocked"] = dialog.problem.text()  # 'Lainnya…' without words
        dialog.reason.combo.setCurrentText("Kartu tertinggal")
        seen["ok"] = dialog.buttons.buttons()[0].isEnabled()
        dialog.accept()

    on_modal(answer)
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        QTest.keyClick(screen, Qt.Key.Key_F2)
    assert seen == {"rows": 7, "blocked": "Alasan wajib diisi.", "ok": True}
    assert screen.panel.view.tone == "accepted" and screen.panel.view.name == o.nama
    assert attendance(desk) == [(o.id, "hadir", "manual", "Kartu tertinggal", "2024-11-07T07:55:00+07:00", None)]


def test_manual_search_by_nik_digits(qtbot, screen, desk):
    o = officer(desk, 4)
    seen = {}

    def answer(dialog):
        try:
            # Finding 4: digits match only what the masked NIK shows (its last four here) ...
            dialog.search.query.setText(o.nik[-4:])
            seen["found"] = [dialog.search.model.officer(r)["id"] for r in range(dialog.search.model.rowCount())]
            text = dialog.search.model.data(dialog.search.model.index(0))
            seen["masked"] = o.nik not in text and o.nik[-4:] in text
            # ... never digits hidden behind the asterisks.
            dialog.search.query.setText(o.nik[-6:])
            seen["hidden"] = dialog.search.model.rowCount()
        finally:
            dialog.reject()

    on_modal(answer)
    screen.open_manual()
    assert seen == {"found": [o.id], "masked": True, "hidden": 0} and attendance(desk) == []


def test_desk_status_izin_with_reason_is_not_counted_present(qtbot, screen, desk):
    o = officer(desk, 9)

    def answer(dialog):
        pick(dialog, "tps 2", "izin", "Lainnya…", "menikahkan anak", officer_id=o.id)
        dialog.accept()

    on_modal(answer)
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        screen.open_manual()
    assert (screen.panel.view.tone, screen.panel.view.headline) == ("info", "IZIN")
    assert attendance(desk)[0][:4] == (o.id, "izin", "desk", "menikahkan anak")
    assert screen.counter.text().startswith("Hadir 0 /")


def test_hadir_daring_counts_as_present(qtbot, screen, desk):
    o = officer(desk, 10)
    on_modal(lambda dialog: (pick(dialog, "tps 2", "hadir_daring", "Ujian/seleksi CPNS", officer_id=o.id),
                             dialog.accept()))
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        screen.open_manual()
    assert attendance(desk)[0][:4] == (o.id, "hadir_daring", "desk", "Ujian/seleksi CPNS")
    assert screen.counter.text().startswith("Hadir 1 /")


# --- paper fallback ----------------------------------------------------------------------

def test_paper_entries_take_the_written_time_on_the_session_day(qtbot, screen, desk):
    o, p = officer(desk, 11), officer(desk, 12)
    dialog = screen.open_paper()
    dialog.time.setText("07.45")
    dialog.code.setText(desk.codes[o.id])
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        dialog.save.click()
    assert dialog.code.text() == "" and "Hadir pukul 07:45" in dialog.outcome.text()
    # The next line of the paper: picked from the list instead of a code.
    choose(dialog.search, "tps 2", p.id)
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        dialog.save.click()
    rows = attendance(desk)
    assert [(r[0], r[2]) for r in rows] == [(o.id, "paper"), (p.id, "paper")]
    written = dt.datetime.fromisoformat(rows[0][4])
    assert (written.date(), written.strftime("%H:%M")) == (dt.date(2024, 11, 7), "07:45")
    dialog.accept()


def test_paper_entry_with_a_bad_time_says_why_and_writes_nothing(qtbot, screen, desk):
    dialog = screen.open_paper()
    dialog.code.setText(desk.codes[officer(desk, 0).id])
    dialog.save.click()
    assert "Isi jam" in dialog.outcome.text()
    dialog.time.setText("25:10")
    dialog.save.click()
    assert "tidak valid" in dialog.outcome.text() and attendance(desk) == []
    dialog.reject()


# --- sounds -------------------------------------------------------------------------------

def test_the_three_sounds_ship_and_differ():
    seen = set()
    for kind in sounds.KINDS:
        with wave.open(str(sounds.sound_path(kind))) as w:
            assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
            assert 0.1 < w.getnframes() / w.getframerate() < 0.6
            seen.add(w.readframes(w.getnframes()))
    assert len(seen) == 3


def test_each_result_plays_its_sound_and_the_setting_silences_them(qtbot, screen, desk):
    if not screen.sounds.load():
        pytest.skip("Qt Multimedia cannot load here")
    code = desk.codes[officer(desk, 0).id]
    scan(qtbot, screen, code)
    assert screen.sounds.last_played == "accepted"
    scan(qtbot, screen, code)
    assert screen.sounds.last_played == "duplicate"
    scan(qtbot, screen, cards.new_code())
    assert screen.sounds.last_played == "error"
    screen.sound_button.click()
    screen.sounds.last_played = None
    scan(qtbot, screen, code)
    assert screen.sounds.last_played is None and screen.sound_button.text() == "Suara: mati"
    qtbot.waitUntil(lambda: _setting(desk, "sound") == "false", timeout=5000)


def _setting(db, key):
    row = sqlite3.connect(db.db_path).execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row and row[0]


# --- the screen itself --------------------------------------------------------------------

def test_f11_toggles_full_screen_and_esc_asks_before_leaving(qtbot, screen):
    QTest.keyClick(screen.scan_field, Qt.Key.Key_F11)
    qtbot.waitUntil(screen.window().isFullScreen, timeout=2000)
    QTest.keyClick(screen.scan_field, Qt.Key.Key_Escape)
    box = screen.findChild(QMessageBox, "leaveKioskQuestion")
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.No).click()  # "Tetap di sini"
    assert screen.window().isFullScreen() and screen.kiosk
    QTest.keyClick(screen.scan_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.findChild(QMessageBox, "leaveKioskQuestion") is not None)
    screen.findChild(QMessageBox, "leaveKioskQuestion").button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not screen.window().isFullScreen(), timeout=2000)


def test_screenshot_at_1366x768(qtbot, screen, desk, tmp_path):
    scan(qtbot, screen, desk.codes[officer(desk, 0).id])
    out = tmp_path / "checkin.png"
    assert screen.grab().save(str(out)) and out.stat().st_size > 10_000


# --- the session dialog -----------------------------------------------------------------

@pytest.fixture
def session_dialog(qtbot, desk):
    from kpps_desktop.ui.session_dialog import SessionDialog

    runner = JobRunner(desk.db_path)
    dialog = SessionDialog(runner, clock=lambda: at("12:30"))
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    runner.shutdown()


def test_create_a_session_for_one_desa(qtbot, session_dialog, desk):
    d = session_dialog
    assert d.list.count() == 1  # the fixture's bimtek
    d.new_session()
    d.kind.setCurrentIndex(d.kind.findData("pelantikan"))
    d.title.setText("Pelantikan KPPS Kalianyar")
    d.date.setDate(d.date.date().fromString("2024-11-08", "yyyy-MM-dd"))
    d.start.setText("8.00")
    d.end.setText("10:00")
    d.venue.setText("Balai Desa Kalianyar")
    d.scope.setCurrentIndex(d.scope.findText("Desa Kalianyar"))
    d.facilitators.setText("Ketua PPS; Anggota PPK")
    with qtbot.waitSignal(d.settled, timeout=10000):
        job = d.save()
    saved = job.result
    assert isinstance(saved, sessions.Session) and d.current.id == saved.id
    assert d.problems.text() == "" and d.list.count() == 2
    s = sessions.get_session(desk, saved.id)
    assert (s.kind, s.title, s.date, s.start_time, s.end_time, s.scope_kind, s.scope, s.facilitators) == (
        "pelantikan", "Pelantikan KPPS Kalianyar", "2024-11-08", "08:00", "10:00", "desa", KALIANYAR,
        "Ketua PPS; Anggota PPK")
    assert len(sessions.expected_officers(desk, s.id)) == 7


def test_bad_session_input_is_shown_and_nothing_is_saved(qtbot, session_dialog, desk):
    d = session_dialog
    d.new_session()
    d.title.setText("  ")
    d.start.setText("25:00")
    with qtbot.waitSignal(d.settled, timeout=10000):
        d.save()
    assert "Jam '25:00' tidak valid" in d.problems.text() and d.start.styleSheet()
    assert d.save_button.isEnabled() and d.isVisible()
    assert len(sessions.list_sessions(desk)) == 1


def test_edit_a_session(qtbot, session_dialog, desk):
    d = session_dialog
    d.list.setCurrentRow(0)
    assert d.title.text() == "Bimtek KPPS" and d.scope.currentText() == "Desa Kedungmalang"
    d.title.setText("Bimtek KPPS gelombang 1")
    with qtbot.waitSignal(d.changed, timeout=10000):
        d.save()
    assert sessions.get_session(desk, desk.session.id).title == "Bimtek KPPS gelombang 1"
    assert d.list.count() == 1 and "gelombang 1" in d.list.item(0).text()


def test_close_asks_first_with_the_count_then_marks_tidak_hadir(qtbot, session_dialog, desk):
    for n in (0, 1):
        checkin.check_in(desk, desk.session.id, desk.codes[officer(desk, n).id], at("07:50"))
    d = session_dialog
    d.list.setCurrentRow(0)
    asked = []

    def cancel(box):
        asked.append(box.text())
        box.reject()

    on_modal(cancel)
    assert d.confirm_close() is None
    assert "12 petugas" in asked[0] and sessions.get_session(desk, desk.session.id).closed_at is None

    on_modal(lambda box: box.button(box.StandardButton.Yes).click())
    with qtbot.waitSignal(d.changed, timeout=10000):
        job = d.confirm_close()
    assert job.result == 12
    s = sessions.get_session(desk, desk.session.id)
    assert s.closed_at == "2024-11-07T12:30:00+07:00" and "12 petugas ditandai tidak hadir" in d.problems.text()
    marks = sessions.current_status(desk, desk.session.id)
    assert sum(m.status == "tidak_hadir" for m in marks.values()) == 12
    assert not d.close_session_button.isEnabled() and "[DITUTUP]" in d.list.item(0).text()


def test_start_checkin_from_the_dialog(qtbot, session_dialog, desk):
    session_dialog.list.setCurrentRow(0)
    with qtbot.waitSignal(session_dialog.checkin_requested) as blocker:
        session_dialog.checkin_button.click()
    assert blocker.args == [desk.session.id]


def test_paper_entry_without_code_or_picked_officer_writes_nothing(qtbot, screen, desk):
    dialog = screen.open_paper()
    dialog.time.setText("07:45")
    dialog.search.query.setText("tps 1")  # a list is shown, but nobody is picked yet
    dialog.save.click()
    assert dialog.outcome.text() == "Isi kode kartu atau pilih petugas." and attendance(desk) == []
    dialog.reject()


def test_header_names_the_session_in_indonesian(screen):
    assert screen.title.text().splitlines() == [
        "Bimtek: Bimtek KPPS", "Kamis, 7 November 2024 · 08:00–12:00 · Desa/Kelurahan Kedungmalang"]


# --- issue 13: the desk under a queue ----------------------------------------------------------

def test_ctrl_z_in_the_code_box_undoes_the_last_check_in(qtbot, screen, desk):
    """Finding 2: focus is back in the code box after every scan; Ctrl+Z there is the desk's undo."""
    o = officer(desk, 0)
    scan(qtbot, screen, desk.codes[o.id])
    QTest.keyClicks(screen.scan_field, "ab")  # something typed, as happens
    qtbot.waitUntil(lambda: screen.scan_field.text() == "ab")
    screen.scan_field.clear()
    seen = []

    def answer(dialog):
        seen.append(type(dialog).__name__)
        dialog.reason.setText("salah orang")
        dialog.accept()

    on_modal(answer)
    assert screen.scan_field.hasFocus()
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        QTest.keyClick(screen.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["ReasonDialog"]
    assert screen.scan_field.text() == ""  # the box's own undo never brought old text back
    assert [row[1] for row in attendance(desk)] == ["hadir", "undo"]


def own_screen(qtbot, runner, desk, clock):
    """A desk built after the test changed the database (the `screen` fixture is built before)."""
    from kpps_desktop.ui.checkin_screen import CheckinScreen

    screen = CheckinScreen(runner, desk.db_path, desk.session.id, clock=clock)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen


def _rename(desk, officer_, nama):
    desk.conn.execute("UPDATE officers SET nama = ? WHERE id = ?", (nama, officer_.id))
    desk.conn.commit()


def test_search_finds_maruf_and_down_enter_takes_the_highlighted_namesake(qtbot, desk, clock, runner):
    """Finding 4: 'maruf' finds Ma'ruf; two Lestari are told apart; Down moves the highlight and
    Enter checks in the highlighted one, not the first."""
    _rename(desk, officer(desk, 1), "Ma'ruf Amin")
    first, second = officer(desk, 2), officer(desk, 9)  # TPS 1 and TPS 2
    _rename(desk, first, "Lestari")
    _rename(desk, second, "Lestari")
    screen = own_screen(qtbot, runner, desk, clock)
    seen = {}

    def answer(dialog):
        query = dialog.search.query
        QTest.keyClicks(query, "maruf")
        qtbot.waitUntil(lambda: query.text() == "maruf")
        seen["maruf"] = [dialog.search.model.officer(r)["nama"] for r in range(dialog.search.model.rowCount())]
        query.clear()
        QTest.keyClicks(query, "lestari")
        qtbot.waitUntil(lambda: query.text() == "lestari")
        rows = [dialog.search.model.data(dialog.search.model.index(r)) for r in range(dialog.search.model.rowCount())]
        seen["told_apart"] = len(rows) == 2 and "TPS 001" in rows[0] and "TPS 002" in rows[1]
        QTest.keyClick(query, Qt.Key.Key_Down)
        seen["highlight"] = dialog.search.selected()["id"]
        seen["focus"] = dialog.focusWidget() is query
        QTest.keyClick(query, Qt.Key.Key_Return)  # Enter takes the highlighted row
        if dialog.isVisible():
            dialog.accept()

    on_modal(answer)
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        QTest.keyClick(screen.scan_field, Qt.Key.Key_F2)
    assert seen == {"maruf": ["Ma'ruf Amin"], "told_apart": True, "highlight": second.id, "focus": True}
    assert [row[0] for row in attendance(desk)] == [second.id]
    screen.shutdown()


def test_a_session_dated_another_day_asks_before_recording(qtbot, screen, desk, clock):
    """Finding 5: the desk's clock is a day after the session: nothing is recorded unasked."""
    clock.now = clock.now + dt.timedelta(days=1)
    o = officer(desk, 0)
    QTest.keyClicks(screen.scan_field, desk.codes[o.id])
    QTest.keyClick(screen.scan_field, Qt.Key.Key_Return)
    box = screen.day_question
    assert box is not None and box.isVisible()
    assert "Sesi ini bertanggal Kamis, 7 November 2024 — bukan hari ini. Tetap catat?" == box.text()
    assert attendance(desk) == []
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        box.button(QMessageBox.StandardButton.No).click()
    assert attendance(desk) == [] and screen.panel.view.headline == "BUKAN HARI SESI"
    assert "(F4)" in screen.panel.view.message
    QTest.keyClicks(screen.scan_field, desk.codes[o.id])
    QTest.keyClick(screen.scan_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        screen.day_question.button(QMessageBox.StandardButton.Yes).click()
    assert [row[0] for row in attendance(desk)] == [o.id]
    scan(qtbot, screen, desk.codes[officer(desk, 1).id])  # asked once per desk
    assert len(attendance(desk)) == 2


def test_the_banner_returns_to_siap_after_the_set_delay(qtbot, desk, clock, runner):
    """Finding 6: the result stays a few seconds (setting checkin_reset_seconds), then SIAP."""
    from kpps_desktop.core import db as dbmod

    dbmod.set_setting(desk, "checkin_reset_seconds", 1)
    screen = own_screen(qtbot, runner, desk, clock)
    view = scan(qtbot, screen, desk.codes[officer(desk, 0).id])
    assert view.tone == "accepted"
    qtbot.waitUntil(lambda: screen.panel.view.headline == "SIAP", timeout=3000)
    assert screen.panel.view.tone == "idle"
    screen.shutdown()


def test_a_closed_session_says_so_before_any_scan(qtbot, desk, clock, runner):
    sessions.close_session(desk, desk.session.id, at("12:30"))
    screen = own_screen(qtbot, runner, desk, clock)
    assert (screen.panel.view.tone, screen.panel.view.headline) == ("refused", "SESI DITUTUP")
    assert "(F4)" in screen.panel.view.message
    view = scan(qtbot, screen, desk.codes[officer(desk, 0).id])
    assert view.tone == "refused" and [r for r in attendance(desk) if r[2] == "scanner"] == []
    screen.shutdown()


def test_not_a_card_says_what_to_do_next(qtbot, screen):
    view = scan(qtbot, screen, "https://contoh.id/xyz")
    assert view.headline == "BUKAN KARTU PRESENSI"
    assert "Pindai ulang" in view.message and "(F2)" in view.message


def test_counts_show_every_status_for_the_session_and_each_tps(qtbot, screen, desk, clock):
    """Finding 7: terlambat, daring, izin, sakit and belum are counted, not only hadir."""
    o = desk.officers[KEDUNGMALANG]
    scan(qtbot, screen, desk.codes[o[0].id])
    clock.set("08:40")
    scan(qtbot, screen, desk.codes[o[8].id])
    for officer_id, status, reason in ((o[1].id, "izin", "Keperluan keluarga"), (o[2].id, "sakit", None),
                                       (o[9].id, "hadir_daring", "Tugas di luar kota")):
        with qtbot.waitSignal(screen.result_shown, timeout=5000):
            screen.submit_officer(officer_id, status, reason)
    assert screen.counter.text().startswith("Hadir 3 / 14")
    assert screen.strip.text() == "Terlambat 1 · Daring 1 · Izin 1 · Sakit 1 · Belum 9"
    table = screen.tps_table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    row1 = [table.item(0, c).text() for c in range(table.columnCount())]
    row2 = [table.item(1, c).text() for c in range(table.columnCount())]
    assert headers == ["TPS", "Hadir", "Tlmbt", "Daring", "Izin", "Sakit", "Belum"]
    assert row1 == ["TPS 001", "1 / 7", "·", "·", "1", "1", "4"]
    assert row2 == ["TPS 002", "2 / 7", "1", "1", "·", "·", "5"]
