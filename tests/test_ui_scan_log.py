"""The scan log dialog driven from the check-in screen: refused scans counted, resolved, dismissed."""

from PySide6.QtCore import QItemSelectionModel
from helpers.desk import attendance, officer, scan
from helpers.sessions import KALIANYAR, at

from kpps_desktop.core import cards, checkin, sessions
from kpps_desktop.ui.scan_log_dialog import ScanLogDialog



def open_log(qtbot, screen) -> ScanLogDialog:
    """Click the screen's button, as the desk does, and return the dialog it opened."""
    screen.scan_log_button.click()
    dialog = screen.findChild(ScanLogDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def select_scan(dialog: ScanLogDialog, *rows: int) -> None:
    selection = dialog.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(dialog.table.model().index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def choose(dialog: ScanLogDialog, query: str, officer_id: str) -> None:
    dialog.search.query.setText(query)
    model = dialog.search.model
    row = next(r for r in range(model.rowCount()) if model.officer(r)["id"] == officer_id)
    dialog.search.list.setCurrentIndex(model.index(row))


def cell(dialog: ScanLogDialog, row: int, col: int) -> str:
    return dialog.table.item(row, col).text()


def test_walk_in_scan_is_counted_then_resolved_to_the_right_officer(qtbot, screen, desk, clock):
    assert screen.scan_log_button.text() == "Pindaian belum selesai (0)"
    clock.set("07:50")
    view = scan(qtbot, screen, cards.new_code())  # the walk-in's card is not in this database
    assert view.tone == "refused"
    assert screen.scan_log_button.text() == "Pindaian belum selesai (1)"

    clock.set("09:40")  # the desk gets to the log later, past the grace period
    dialog = open_log(qtbot, screen)
    assert dialog.table.rowCount() == 1 and not dialog.empty.isVisible()
    assert (cell(dialog, 0, 0), cell(dialog, 0, 2), cell(dialog, 0, 3), cell(dialog, 0, 4)) == (
        "07:50", "Kode tidak dikenal", "—", "pemindai")
    assert cell(dialog, 0, 1).startswith("K1.")
    assert not dialog.resolve_button.isEnabled() and dialog.hint.text() == "Pilih satu pindaian di tabel."

    o = officer(desk, 9)  # TPS 2
    select_scan(dialog, 0)
    choose(dialog, "tps 2", o.id)
    assert dialog.hint.text() == "Alasan wajib diisi." and not dialog.resolve_button.isEnabled()
    dialog.reason.setText("kartu tertukar dengan suaminya")
    assert dialog.resolve_button.isEnabled() and dialog.hint.text() == ""
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        dialog.resolve_button.click()

    # The screen: green for that officer, counters moved, the count back to 0.
    assert (screen.panel.view.tone, screen.panel.view.name, screen.panel.view.time) == ("accepted", o.nama, "07:50")
    assert screen.counter.text().startswith("Hadir 1 / 14")
    assert screen.tps_table.item(1, 1).text() == "1 / 7"
    assert screen.scan_log_button.text() == "Pindaian belum selesai (0)"
    # The dialog: emptied, says what was done. The record: one manual check-in at the scan's time.
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisible()
    assert dialog.outcome.text() == f"{o.nama}: Hadir pukul 07:50"
    assert attendance(desk) == [(o.id, "hadir", "manual", "dari log pindaian: kartu tertukar dengan suaminya",
                                 "2024-11-07T07:50:00+07:00", None)]
    assert checkin.unresolved_count(desk, desk.session.id) == 0
    dialog.findChild(type(dialog.resolve_button), "closeButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert screen.scan_log_button.text() == "Pindaian belum selesai (0)"


def test_a_revoked_card_offers_its_owner_and_other_noise_is_dismissed(qtbot, screen, desk):
    owner = officer(desk, 4)
    old_code = desk.codes[owner.id]
    cards.reissue(desk, owner.id)
    scan(qtbot, screen, old_code)
    scan(qtbot, screen, "https://contoh.id/ini-bukan-kartu-presensi-sama-sekali-panjang")
    scan(qtbot, screen, desk.codes[officer(desk, 0, KALIANYAR).id])
    assert screen.scan_log_button.text() == "Pindaian belum selesai (3)"

    dialog = open_log(qtbot, screen)
    assert [cell(dialog, r, 2) for r in range(3)] == ["Bukan peserta", "Bukan kartu presensi", "Kartu dicabut"]
    assert cell(dialog, 0, 3).startswith(officer(desk, 0, KALIANYAR).nama) and "Desa Kalianyar" in cell(dialog, 0, 3)
    assert cell(dialog, 1, 1).endswith("…") and len(cell(dialog, 1, 1)) == 41
    select_scan(dialog, 2)  # the revoked card: its owner is picked already
    assert dialog.search.selected()["id"] == owner.id

    select_scan(dialog, 0, 1)  # a Kalianyar officer at the wrong session, and a URL
    assert not dialog.dismiss_button.isEnabled()  # a reason first
    dialog.reason.setText("bukan peserta / salah baca")
    assert dialog.dismiss_button.isEnabled() and not dialog.resolve_button.isEnabled()
    with qtbot.waitSignal(dialog.count_changed, timeout=5000) as changed:
        dialog.dismiss_button.click()
    assert changed.args == [1] and screen.scan_log_button.text() == "Pindaian belum selesai (1)"
    assert dialog.outcome.text() == "2 pindaian diabaikan."
    assert [cell(dialog, 0, 2)] == ["Kartu dicabut"] and attendance(desk) == []
    assert desk.conn.execute("SELECT count(*) FROM scan_log WHERE resolution = 'dismissed'").fetchone() == (2,)
    dialog.reject()


def test_a_resolve_the_core_refuses_is_shown_and_nothing_changes(qtbot, screen, desk, clock):
    scan(qtbot, screen, cards.new_code())
    sessions.close_session(desk, desk.session.id, at("12:00"))  # closed from another window meanwhile
    before = attendance(desk)
    dialog = open_log(qtbot, screen)
    select_scan(dialog, 0)
    choose(dialog, "tps 1", officer(desk, 1).id)
    dialog.reason.setText("kartu tertukar")
    with qtbot.waitSignal(dialog.count_changed, timeout=5000):
        dialog.resolve_button.click()
    assert dialog.outcome.text() == "Tidak dicatat: Sesi sudah ditutup pukul 12:00; presensi tidak diterima."
    assert dialog.table.rowCount() == 1 and dialog.reason.text() == "kartu tertukar"  # kept for another try
    assert attendance(desk) == before and screen.scan_log_button.text() == "Pindaian belum selesai (1)"
    dialog.reject()


def test_dialog_screenshot(qtbot, screen, desk, tmp_path):
    for code in (cards.new_code(), "bukan kode", desk.codes[officer(desk, 0, KALIANYAR).id]):
        scan(qtbot, screen, code)
    dialog = open_log(qtbot, screen)
    out = tmp_path / "scan_log.png"
    assert dialog.grab().save(str(out)) and out.stat().st_size > 10_000
    dialog.reject()
