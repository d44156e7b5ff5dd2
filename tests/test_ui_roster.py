"""The main window and roster screen, driven like a user: search, filters, add, edit, PAW."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from PySide6.QtTest import QTest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from kpps_desktop.core import installation
from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import roster
from kpps_desktop.ui.main_window import MainWindow
from kpps_desktop.ui.officer_dialog import ERROR_STYLE, WARNING_STYLE, OfficerDialog
from kpps_desktop.ui.roster_model import COLUMNS


KEDUNGMALANG, KALIANYAR, KALIOMBO = "33.20.01.2001", "33.20.01.2002", "33.20.02.2001"
FIRST = ["Siti", "Ahmad", "Budi", "Dewi", "Eko", "Fitri", "Gunawan", "Hartini", "Imam", "Joko"]
LAST = ["Aminah", "Santoso", "Rahayu", "Wibowo", "Lestari"]
NIK_COL, NAMA_COL, STATUS_COL = COLUMNS.index("nik"), COLUMNS.index("nama"), COLUMNS.index("status")


def make_officers() -> list[roster.Officer]:
    """7 TPS x 7 seats in three desa (two kecamatan), plus one Linmas: 50 valid officers."""
    seats = [(KEDUNGMALANG, t) for t in (1, 2, 3)] + [(KALIANYAR, t) for t in (1, 2)] + \
            [(KALIOMBO, t) for t in (1, 2)]
    out, n = [], 0
    for desa, tps in seats:
        for seat in range(7):
            jk = "P" if n % 3 == 0 else "L"
            born = dt.date(1970 + n % 30, 1 + n % 12, 1 + n % 28)
            out.append(roster.Officer(
                nik=nikmod.make("332001", born, jk, n + 1), nama=f"{FIRST[n % 10]} {LAST[n % 5]} {n}",
                jk=jk, tanggal_lahir=born.isoformat(), desa=desa, tps=tps,
                jabatan="ketua" if seat == 0 else "anggota"))
            n += 1
    out.append(roster.Officer(nik=nikmod.make("332002", dt.date(1980, 2, 2), "L", 9999),
                              nama="Agus Linmas", jk="L", desa=KALIOMBO, tps=1, jabatan="linmas"))
    return out


@pytest.fixture
def officers(db):
    installation.init(db, "kpu", "33.20")
    people = make_officers()
    assert roster.upsert_officers(db, people) == (50, 0)
    return people


@pytest.fixture
def window(qtbot, db, officers, runner, db_path):
    w = MainWindow(db, runner, db_path)
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    return w


def typed(qtbot, widget, text: str) -> None:
    """A person typing: a key every 35 ms, just slower than the main window's scan router allows
    a scanner (ui.scanner.MAX_GAP), so every key reaches the field (issue 13: typing is never a scan)."""
    QTest.keyClicks(widget, text, delay=35)
    router = widget.window().scan_router if hasattr(widget.window(), "scan_router") else None
    if router is None:  # a dialog: the router belongs to its main window
        router = widget.window().parentWidget().window().scan_router
    qtbot.waitUntil(lambda: not router.detector.holding)


def visible_names(window) -> list[str]:
    model = window.roster.model
    return [model.data(model.index(r, NAMA_COL)) for r in range(model.rowCount())]


def choose(combo, data):
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not offered"
    combo.setCurrentIndex(index)


def open_dialog(qtbot, window) -> OfficerDialog:
    qtbot.waitUntil(lambda: window.findChild(OfficerDialog) is not None)
    return window.findChild(OfficerDialog)


def fill(qtbot, dialog, nik, nama, jk="L", desa=None, tps=None, jabatan=None):
    dialog.nik.clear()
    typed(qtbot, dialog.nik, nik)
    dialog.nama.clear()
    typed(qtbot, dialog.nama, nama)
    choose(dialog.jk, jk)
    if desa:
        choose(dialog.desa, desa)
    # Nothing is assumed for a new officer; where a test does not care, a free seat: TPS 002's Linmas
    # (no TPS 002 has one), which no seat warning is about.
    if dialog.tps.isEnabled() and (tps or dialog.tps.value() == 0):
        dialog.tps.setValue(tps or 2)
    if jabatan or dialog.jabatan.currentData() is None:
        choose(dialog.jabatan, jabatan or "linmas")


def test_window_title_counts_and_size(window):
    assert window.windowTitle() == "Presensi KPPS — KPU Kabupaten Jepara"
    assert window.roster.model.rowCount() == 50
    women = sum(o.jk == "P" for o in make_officers())
    assert window.counts.text() == (f"Total 50 · Aktif 50 · Diganti 0 · Perempuan {100 * women / 50:.0f}% "
                                    "· Linmas 1")
    assert window.shown.text() == "50 petugas"
    # Usable on a 1366x768 laptop: nothing forces the window larger.
    assert window.minimumSizeHint().width() <= 1366 and window.minimumSizeHint().height() <= 700
    # The test screen (800×800) cannot hold 1280×720 and a frame: the window opens maximised.
    assert window.isMaximized()


def test_search_as_you_type(qtbot, window):
    people = make_officers()
    typed(qtbot, window.roster.search, "siti")
    assert sorted(visible_names(window)) == sorted(o.nama for o in people if o.nama.startswith("Siti"))
    typed(qtbot, window.roster.search, " am")
    assert visible_names(window) and all(n.startswith("Siti Aminah") for n in visible_names(window))
    assert window.shown.text() == f"Menampilkan {len(visible_names(window))} dari 50 petugas"

    window.roster.search.clear()
    typed(qtbot, window.roster.search, "tps 2")
    assert window.roster.model.rowCount() == sum(o.tps == 2 for o in people) == 21
    window.roster.search.clear()
    typed(qtbot, window.roster.search, "003")
    assert window.roster.model.rowCount() == 7

    window.roster.search.clear()
    typed(qtbot, window.roster.search, people[10].nik)
    assert visible_names(window) == [people[10].nama]
    window.roster.search.clear()
    typed(qtbot, window.roster.search, "tidak ada orang ini")
    assert window.roster.model.rowCount() == 0
    window.roster.search.clear()
    assert window.roster.model.rowCount() == 50


def test_filter_combos_depend_on_each_other(window):
    view = window.roster
    assert view.kecamatan.isVisible() and view.desa.count() == 4  # 'Semua' + three desa
    choose(view.kecamatan, "33.20.02")
    assert view.model.rowCount() == 15
    assert [view.desa.itemData(i) for i in range(view.desa.count())] == [None, KALIOMBO]
    choose(view.kecamatan, "33.20.01")
    choose(view.desa, KALIANYAR)
    assert view.model.rowCount() == 14
    assert [view.tps.itemText(i) for i in range(view.tps.count())] == ["Semua TPS", "TPS 001", "TPS 002"]
    choose(view.tps, 2)
    choose(view.jabatan, "ketua")
    assert view.model.rowCount() == 1
    view.kecamatan.setCurrentIndex(0)  # all kecamatan: the chosen desa is still on offer, so it stays
    assert view.desa.currentData() == KALIANYAR and view.model.rowCount() == 1
    choose(view.kecamatan, "33.20.02")  # Kalianyar is not in Pecangaan: the desa choice resets
    assert view.desa.currentData() is None and view.tps.currentData() == 2  # Kaliombo has a TPS 2
    assert view.model.rowCount() == 1
    choose(view.jabatan, "linmas")
    assert visible_names(window) == []  # the Linmas sits at TPS 1
    view.tps.setCurrentIndex(0)
    assert visible_names(window) == ["Agus Linmas"]
    choose(view.status, "diganti")
    assert visible_names(window) == []


def test_nik_masked_until_the_toggle_is_on(qtbot, window):
    from PySide6.QtWidgets import QMessageBox

    model = window.roster.model
    first = model.row_dict(0)
    assert model.data(model.index(0, NIK_COL)) == nikmod.mask(first["nik"]) != first["nik"]
    window.roster.show_nik.setChecked(True)  # asks, then logs the reveal first (tests/test_ui_privacy.py)
    box = window.roster.findChild(QMessageBox, "revealNikBox")
    with qtbot.waitSignal(window.roster.nikShown):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert model.data(model.index(0, NIK_COL)) == first["nik"]
    window.roster.show_nik.setChecked(False)
    assert "*" in model.data(model.index(0, NIK_COL))


def test_header_click_sorts_and_keeps_selection(qtbot, window, officers):
    view = window.roster
    target = officers[20]
    assert view.select_officer(target.id)
    header = view.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(NAMA_COL) + 5, 5))
    names = visible_names(window)
    assert names == sorted(names, key=str.lower)
    assert view.selected_officer_id() == target.id


def test_shortcuts(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.roster.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.roster.search.hasFocus()
    assert QKeySequence("Ctrl+N") in window.act_add.shortcuts()
    assert QKeySequence("Ctrl+I") in window.act_import.shortcuts()
    assert QKeySequence("F2") in window.act_edit.shortcuts()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "Tambah petugas"
    dialog.reject()


def test_add_officer_through_dialog(qtbot, window, db):
    dialog = window.add_officer()
    new_nik = nikmod.make("332001", dt.date(1995, 8, 17), "P", 4242)
    fill(qtbot, dialog, new_nik, "  Rina   Kartika ", jk="P", desa=KALIOMBO, tps=2)
    typed(qtbot, dialog.telepon, "081234567890")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.roster.model.total == 51)
    stored = roster.get_officer(db, saved.args[0])
    assert (stored.nama, stored.nik, stored.desa, stored.tps, stored.telepon) == \
        ("Rina Kartika", new_nik, KALIOMBO, 2, "081234567890")
    assert window.roster.selected_officer_id() == stored.id
    assert window.counts.text().startswith("Total 51 · Aktif 51")


def test_nik_typed_fills_sex_and_birth_date(qtbot, window):
    dialog = window.add_officer()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.nik.setFocus()
    typed(qtbot, dialog.nik, nikmod.make("332001", dt.date(1990, 3, 12), "P", 7))
    qtbot.keyClick(dialog.nik, Qt.Key.Key_Tab)  # leaving the field checks the NIK
    assert dialog.jk.currentData() == "P"
    assert dialog.tanggal_lahir.date().toPython() == dt.date(1990, 3, 12)
    assert not dialog.messages["nik"].isVisible()
    dialog.reject()


def test_invalid_nik_shows_inline_error_and_saves_nothing(qtbot, window, db):
    dialog = window.add_officer()
    fill(qtbot, dialog, "33200152", "Orang Salah", jk="P", desa=KEDUNGMALANG)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    message = dialog.messages["nik"]
    assert message.isVisible() and "16 digit" in message.text()
    assert message.styleSheet() == ERROR_STYLE
    assert dialog.isVisible() and dialog.job is None  # nothing went to the writer
    assert roster.count_officers(db)["total"] == 50
    # Fixing it clears the message as the user types.
    typed(qtbot, dialog.nik, "03900001")
    assert not message.isVisible()
    dialog.reject()


def test_nik_warning_is_amber_and_does_not_block(qtbot, window, db):
    dialog = window.add_officer()
    # NIK says a man; the form says a woman: a warning, not an error.
    fill(qtbot, dialog, nikmod.make("332001", dt.date(1991, 4, 4), "L", 77), "Sri Handayani", jk="P",
         desa=KEDUNGMALANG, tps=1)
    assert dialog.validate().ok
    assert dialog.messages["nik"].isVisible() and dialog.messages["nik"].styleSheet() == WARNING_STYLE
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert roster.count_officers(db)["total"] == 51


def test_nik_already_used_comes_back_from_the_writer_as_a_field_error(qtbot, window, db, officers):
    taken = officers[0]
    dialog = window.add_officer()
    fill(qtbot, dialog, taken.nik, "Penyusup", jk=taken.jk, desa=KEDUNGMALANG)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.messages["nik"].isVisible())
    assert "sudah dipakai" in dialog.messages["nik"].text() and taken.nama in dialog.messages["nik"].text()
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert roster.count_officers(db)["total"] == 50
    dialog.reject()


def test_edit_with_enter_keeps_selection(qtbot, window, db, officers):
    target = officers[30]
    view = window.roster
    assert view.select_officer(target.id)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "Ubah data petugas" and dialog.nik.text() == target.nik
    dialog.nama.clear()
    typed(qtbot, dialog.nama, "Nama Baru Sekali")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Nama Baru Sekali" in visible_names(window))
    assert roster.get_officer(db, target.id).nama == "Nama Baru Sekali"
    assert view.selected_officer_id() == target.id
    assert roster.count_officers(db)["total"] == 50


def text_colour(view, row: int) -> QColor:
    option = QStyleOptionViewItem()
    view.table.itemDelegate().initStyleOption(option, view.model.index(row, NAMA_COL))
    return option.palette.color(QPalette.ColorRole.Text)


def test_paw_marks_old_as_diganti_and_adds_the_replacement(qtbot, window, db, officers):
    old = officers[8]  # Kedungmalang TPS 2, anggota
    view = window.roster
    view.select_officer(old.id)
    assert window.act_replace.isEnabled()
    dialog = window.replace_officer()
    assert old.nama in dialog.heading.text() and not dialog.desa.isEnabled()
    new_nik = nikmod.make("332001", dt.date(1999, 9, 9), "L", 5150)
    fill(qtbot, dialog, new_nik, "Pengganti Baru")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.total == 51)
    stored_old, new = roster.get_officer(db, old.id), roster.get_officer(db, saved.args[0])
    assert (stored_old.status, stored_old.replaced_by) == ("diganti", new.id)
    assert (new.desa, new.tps, new.jabatan, new.status) == (KEDUNGMALANG, 2, "anggota", "aktif")
    assert view.selected_officer_id() == new.id
    row = view.model.row_of_id(old.id)
    assert view.model.data(view.model.index(row, STATUS_COL)) == "Diganti"
    assert "Pengganti Baru" in view.model.data(view.model.index(row, NAMA_COL), Qt.ItemDataRole.ToolTipRole)
    # The replaced officer's row is drawn grey: the colour the view's delegate paints the text with.
    assert text_colour(view, row) == QColor("#80868b") != text_colour(view, view.model.row_of_id(new.id))
    assert window.counts.text().startswith("Total 51 · Aktif 50 · Diganti 1")
    # A replaced officer cannot be replaced again.
    view.select_officer(old.id)
    assert not window.act_replace.isEnabled()
    assert window.replace_officer() is None
    assert "sudah diganti" in window.statusBar().currentMessage()


def _run_app(*args, env_extra=None, timeout=60):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "kpps_desktop", *args], capture_output=True, text=True,
                          env=env, timeout=timeout)


def test_main_with_a_file_that_is_not_a_database(tmp_path):
    bogus = tmp_path / "catatan.sqlite"
    bogus.write_text("ini bukan database, hanya catatan rapat\n" * 50)
    before = bogus.read_bytes()
    result = _run_app("--db", str(bogus))
    assert result.returncode == 1
    assert "bukan database Presensi KPPS" in result.stderr
    assert "Traceback" not in result.stderr
    assert bogus.read_bytes() == before


def test_main_screenshot_of_a_loaded_roster(tmp_path, db_path, db, officers):
    shot = tmp_path / "jendela.png"
    result = _run_app("--db", str(db_path), "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 720)


def test_main_demo_fills_an_empty_database(tmp_path):
    path = tmp_path / "demo.sqlite"
    result = _run_app("--db", str(path), "--demo", "--screenshot", str(tmp_path / "d.png"))
    assert result.returncode == 0, result.stderr
    from kpps_desktop.core import db as dbmod

    with dbmod.opened(path) as db:
        assert roster.count_officers(db)["total"] == 12201
        assert installation.get(db).is_demo


def test_import_action_opens_the_import_dialog_and_reloads_after_import(qtbot, window, tmp_path):
    from PySide6.QtCore import QTimer

    from kpps_desktop.ui.import_dialog import ImportDialog

    csv_path = tmp_path / "roster.csv"
    csv_path.write_text(
        "NO,NIK,NAMA LENGKAP,JK,DESA,TPS,JABATAN\n"
        f"1,'{nikmod.make('332001', dt.date(1988, 6, 1), 'L', 8101)},Wahyu Impor,L,Kedungmalang,4,Ketua\n"
        f"2,'{nikmod.make('332001', dt.date(1989, 7, 2), 'P', 8102)},Wulan Impor,P,Kedungmalang,4,Anggota\n",
        encoding="utf-8")
    seen = []

    def drive():
        dialog = window.findChild(ImportDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, drive)  # exec() has not shown it yet
            return
        seen.append(dialog)
        try:
            dialog.set_path(csv_path)
            qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10000)
            dialog.import_button.click()
            qtbot.waitUntil(lambda: dialog.result_counts is not None, timeout=10000)
        finally:
            dialog.reject()  # closing after a successful import still reports Accepted

    QTimer.singleShot(0, drive)
    window.act_import.trigger()
    assert len(seen) == 1 and seen[0].result_counts == (2, 0, 0)
    assert window.roster.model.total == 52
    window.roster.search.setText("impor")
    assert sorted(visible_names(window)) == ["Wahyu Impor", "Wulan Impor"]


def test_demo_installation_says_so_in_the_title(qtbot, db, runner, db_path):
    installation.init(db, "pps", KEDUNGMALANG, demo=True)
    w = MainWindow(db, runner, db_path)
    qtbot.addWidget(w)
    assert w.windowTitle() == "Presensi KPPS — PPS Kedungmalang [DEMO]"
    assert w.roster.model.rowCount() == 0 and w.counts.text().startswith("Total 0")
    # One desa: the kecamatan and desa filters would offer nothing to choose.
    assert w.roster.kecamatan.isHidden() and w.roster.desa.isHidden()


# --- the officer form prevents mistakes (issue 17, finding 3) ----------------------------------

def _keys(qtbot, widget, text):
    widget.setFocus()
    typed(qtbot, widget, text)


def test_a_new_officer_has_no_silent_jabatan_tps_or_desa(qtbot, window, db):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(qtbot, window)
    assert dialog.jabatan.currentData() is None and dialog.tps.value() == 0
    assert dialog.tps.text() == "— pilih —" and dialog.desa.selected_code() is None
    _keys(qtbot, dialog.nik, nikmod.make("332001", dt.date(1990, 1, 1), "L", 31))
    _keys(qtbot, dialog.nama, "Tanpa Kursi")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.messages["jabatan"].text() == "Pilih jabatan: Ketua KPPS, Anggota KPPS, atau Linmas."
    assert dialog.messages["tps"].text() == "Pilih nomor TPS."
    assert dialog.messages["desa"].text() == "Pilih desa/kelurahan dari daftar."
    assert dialog.job is None and roster.count_officers(db)["total"] == 50
    dialog.reject()


def test_a_new_officer_takes_the_next_free_place_of_the_tps_in_view(qtbot, window, db):
    view = window.roster
    choose(view.desa, KEDUNGMALANG)
    choose(view.tps, 1)  # a ketua and six anggota already: the next place is a Linmas
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(qtbot, window)
    assert (dialog.desa.selected_code(), dialog.tps.value(), dialog.jabatan.currentData()) == \
        (KEDUNGMALANG, 1, "linmas")
    dialog.reject()
    roster.add_officer(db, roster.Officer(nik=nikmod.make("332001", dt.date(1990, 5, 5), "L", 41),
                                          nama="Anggota Tanpa Ketua", jk="L", desa=KEDUNGMALANG, tps=4,
                                          jabatan="anggota"))
    window.reload()
    choose(view.tps, 4)
    dialog = window.add_officer()
    assert (dialog.tps.value(), dialog.jabatan.currentData()) == (4, "ketua")
    dialog.reject()


def test_enter_in_the_name_field_moves_on_and_never_saves(qtbot, window, db):
    dialog = window.add_officer()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    fill(qtbot, dialog, nikmod.make("332001", dt.date(1992, 2, 2), "P", 51), "Rina", jk="P",
         desa=KEDUNGMALANG, tps=2, jabatan="linmas")
    dialog.nama.setFocus()
    qtbot.keyClick(dialog.nama, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.job is None and not dialog.nama.hasFocus()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Enter)
    assert dialog.isVisible() and dialog.job is None
    assert roster.count_officers(db)["total"] == 50
    dialog.reject()


def test_a_second_ketua_is_named_and_saved_only_when_confirmed(qtbot, window, db, officers):
    ketua = next(o for o in officers if (o.desa, o.tps, o.jabatan) == (KEDUNGMALANG, 1, "ketua"))
    dialog = window.add_officer()
    fill(qtbot, dialog, nikmod.make("332001", dt.date(1980, 8, 8), "L", 61), "Ketua Kedua", jk="L",
         desa=KEDUNGMALANG, tps=1, jabatan="ketua")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    warning = dialog.seat_warning.text()
    assert dialog.seat_warning.isVisible() and dialog.job is None
    assert f"TPS 001 Kedungmalang sudah punya Ketua KPPS: {ketua.nama}." in warning
    assert "Ketua Kedua akan menjadi ketua kedua" in warning and "ke-8" in warning  # and an eighth KPPS
    assert dialog.save_button.text() == "Simpan juga" and roster.count_officers(db)["total"] == 50
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.roster.model.total == 51)
    assert window.statusBar().currentMessage() == \
        "Petugas ditambahkan: Ketua Kedua (Ketua KPPS, TPS 001, Kedungmalang)."


def test_an_eighth_member_lists_the_seven(qtbot, window, db, officers):
    tps = [o for o in officers if (o.desa, o.tps) == (KALIANYAR, 2)]
    seven = [o.nama for o in tps if o.jabatan == "ketua"] + sorted(o.nama for o in tps if o.jabatan == "anggota")
    dialog = window.add_officer()
    fill(qtbot, dialog, nikmod.make("332001", dt.date(1985, 3, 3), "P", 71), "Anggota Delapan", jk="P",
         desa=KALIANYAR, tps=2, jabatan="anggota")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert f"sudah punya 7 anggota KPPS ({', '.join(seven)}); Anggota Delapan akan menjadi yang ke-8." \
        in dialog.seat_warning.text()
    # Changing the form withdraws the warning: it is asked again for what is now in the form.
    choose(dialog.jabatan, "linmas")
    assert not dialog.seat_warning.isVisible() and dialog.save_button.text() == "Simpan"
    dialog.reject()
    assert roster.count_officers(db)["total"] == 50


def test_an_edit_that_leaves_a_tps_without_ketua_names_its_members_and_confirms_in_the_status_bar(
        qtbot, window, db, officers):
    ketua = next(o for o in officers if (o.desa, o.tps, o.jabatan) == (KALIOMBO, 2, "ketua"))
    members = sorted(o.nama for o in officers if (o.desa, o.tps, o.jabatan) == (KALIOMBO, 2, "anggota"))
    dialog = window.edit_officer(ketua.id)
    choose(dialog.jabatan, "anggota")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = dialog.seat_warning.text()
    assert f"TPS 002 Kaliombo tidak punya Ketua KPPS lagi setelah perubahan ini (anggota: {', '.join(members)})." \
        in text
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Perubahan disimpan"))
    assert window.statusBar().currentMessage() == \
        f"Perubahan disimpan: {ketua.nama} (Anggota KPPS, TPS 002, Kaliombo)."


def test_region_filters_are_the_same_typing_picker(qtbot, window):
    """Issue 17, finding 1: one region widget everywhere; the roster's desa filter takes a typed name."""
    from kpps_desktop.ui.wilayah_picker import SearchCombo

    view = window.roster
    assert isinstance(view.kecamatan, SearchCombo) and isinstance(view.desa, SearchCombo)
    view.desa.setFocus()
    view.desa.lineEdit().selectAll()
    qtbot.keyClicks(view.desa.lineEdit(), "kalian")
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(QApplication.activePopupWidget() or view.desa.lineEdit(), Qt.Key.Key_Return)
    assert view.desa.currentData() == KALIANYAR
    assert window.roster.model.rowCount() == 14


@pytest.mark.parametrize("typed, pasted, fragment", [
    ("Budi ", "\u202eolrolS", "tanda arah teks"),  # a right-to-left override arrives by paste
    ("B" * 101, "", "terlalu panjang"),
])
def test_the_dialog_refuses_a_name_the_import_would_refuse(qtbot, window, db, typed, pasted, fragment):
    """One validator (core/validate.py) for the dialog and the roster import."""
    from PySide6.QtWidgets import QApplication

    dialog = window.add_officer()
    fill(qtbot, dialog, nikmod.make("332001", dt.date(1995, 8, 17), "P", 4243), typed, jk="P", desa=KALIOMBO, tps=2,
         jabatan="anggota")
    if pasted:
        QApplication.clipboard().setText(pasted)
        qtbot.keyClick(dialog.nama, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert dialog.nama.text() == typed + pasted
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    message = dialog.messages["nama"]
    assert message.isVisible() and fragment in message.text()
    assert dialog.isVisible() and dialog.job is None  # nothing went to the writer
    assert roster.count_officers(db)["total"] == 50
    dialog.reject()
