"""First-run wizard and the cascading region picker, driven like a user would."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation
from kpps_desktop.ui.first_run import PAGE_OFFICE, FirstRunWizard
from kpps_desktop.ui.wilayah_picker import WilayahPicker



@pytest.fixture
def wizard(qtbot, runner):
    w = FirstRunWizard(runner)
    qtbot.addWidget(w)
    w.show()
    return w


def choose(combo, name):
    """Pick an item the way a user does after searching: by its visible name."""
    index = combo.findText(name)
    assert index >= 0, f"{name!r} not offered; have {[combo.itemText(i) for i in range(min(5, combo.count()))]}"
    combo.setCurrentIndex(index)


def read_installation(db_path):
    with dbmod.opened(db_path) as db:
        return installation.get(db), dbmod.get_setting(db, "operator")


def test_picker_cascades_and_resets_lower_levels(qtbot):
    picker = WilayahPicker("desa")
    qtbot.addWidget(picker)
    prov, kab, kec, desa = picker.combos
    assert prov.count() == 38 and not kab.isEnabled()
    with qtbot.waitSignal(picker.changed) as sig:
        choose(prov, "Jawa Tengah")
    assert sig.args == [None]
    choose(kab, "Kabupaten Jepara")
    assert kec.itemText(0) == "Kedung" and kec.isEnabled()
    choose(kec, "Kedung")
    with qtbot.waitSignal(picker.changed) as sig:
        choose(desa, "Kedungmalang")
    assert sig.args == ["33.20.01.2001"] and picker.code() == "33.20.01.2001"
    # Another kabupaten: the kecamatan and desa chosen below it no longer apply.
    choose(kab, "Kabupaten Kudus")
    assert picker.code() is None and kec.currentIndex() == -1 and desa.count() == 0
    assert kec.findText("Kedung") < 0


def test_picker_search_is_contains_and_case_insensitive(qtbot):
    picker = WilayahPicker("kabupaten")
    qtbot.addWidget(picker)
    picker.show()
    choose(picker.combos[0], "Jawa Tengah")
    kab = picker.combos[1]
    completer = kab.completer()
    completer.setCompletionPrefix("jEpA")
    assert completer.completionCount() == 1 and completer.currentCompletion() == "Kabupaten Jepara"
    # Half-typed text is not a choice, even while an item is still current underneath.
    choose(kab, "Kabupaten Jepara")
    assert picker.code() == "33.20"
    kab.setEditText("Kabupaten Jep")
    assert picker.code() is None
    kab.setEditText("kabupaten jepara")
    assert picker.code() == "33.20"
    assert not picker.combos[2].isVisible()  # depth kabupaten: no kecamatan level


def test_picker_set_code_and_depth(qtbot):
    picker = WilayahPicker("desa")
    qtbot.addWidget(picker)
    assert picker.set_code("33.20.01.2001") and picker.code() == "33.20.01.2001"
    picker.set_depth("kecamatan")
    assert picker.code() == "33.20.01"
    assert not picker.set_code("99.99")
    with pytest.raises(ValueError):
        picker.set_depth("rt")


def test_wizard_sets_up_pps_office(qtbot, wizard, db_path):
    office = wizard.office_page
    assert wizard.currentId() == 0
    wizard.welcome_page.office_radio.setChecked(True)
    wizard.next()
    assert wizard.currentId() == PAGE_OFFICE
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # no desa chosen yet
    prov, kab, kec, desa = office.picker.combos
    choose(prov, "Jawa Tengah")
    choose(kab, "Kabupaten Jepara")
    choose(kec, "Kedung")
    assert not finish.isEnabled()
    choose(desa, "Kedungmalang")
    assert finish.isEnabled()
    qtbot.keyClicks(office.operator_edit, "Siti Aminah")
    with qtbot.waitSignal(wizard.settled, timeout=60000):  # the choice's job has ended
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted.value and wizard.choice == "init"
    inst, operator = read_installation(db_path)
    assert (inst.role, inst.wilayah) == ("pps", "33.20.01.2001")
    assert operator == "Siti Aminah"


def test_wizard_ppk_stops_at_kecamatan(qtbot, wizard, db_path):
    wizard.next()
    office = wizard.office_page
    office.role_radios["ppk"].setChecked(True)
    prov, kab, kec, desa = office.picker.combos
    assert not desa.isVisible() and kec.isVisible()
    choose(prov, "Jawa Tengah")
    choose(kab, "Kabupaten Jepara")
    choose(kec, "Kedung")
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    with qtbot.waitSignal(wizard.settled, timeout=60000):  # the choice's job has ended
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.choice == "init"
    inst, operator = read_installation(db_path)
    assert (inst.role, inst.wilayah) == ("ppk", "33.20.01")
    assert operator is None  # left empty: nothing saved


def test_wizard_shows_error_inline_and_leaves_database_alone(qtbot, wizard, db_path):
    # Another program set this database up meanwhile: init refuses a different scope.
    with dbmod.opened(db_path) as db:
        installation.init(db, "pps", "33.20.01.2002")
    wizard.next()
    office = wizard.office_page
    office.picker.set_code("33.20.01.2001")
    office.operator_edit.setText("Budi")
    with qtbot.waitSignal(wizard.settled, timeout=60000):  # the choice's job has ended
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.isVisible() and wizard.choice is None
    assert office.error_label.isVisible()
    assert "sudah diatur" in office.error_label.text()
    inst, operator = read_installation(db_path)
    assert inst.wilayah == "33.20.01.2002" and operator is None
    # Choosing another desa clears the stale message.
    office.picker.set_code("33.20.01.2003")
    assert not office.error_label.isVisible()


def test_wizard_cancel_leaves_choice_none(qtbot, wizard, db_path):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert wizard.choice is None and wizard.result() == QWizard.DialogCode.Rejected.value
    assert read_installation(db_path) == (None, None)


def test_wizard_demo_fills_database(qtbot, wizard, db_path):
    pytest.importorskip("kpps_desktop.core.demo")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    wizard.welcome_page.demo_radio.setChecked(True)
    assert finish.isVisible() and finish.isEnabled() and not next_button.isVisible()
    wizard.welcome_page.office_radio.setChecked(True)
    assert next_button.isVisible() and not finish.isVisible()
    wizard.welcome_page.demo_radio.setChecked(True)
    with qtbot.waitSignal(wizard.settled, timeout=60000):  # the choice's job has ended
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.choice == "demo"
    with dbmod.opened(db_path) as db:
        count = db.execute("SELECT count(*) FROM officers WHERE is_demo = 1").fetchone()[0]
        assert count > 1000
        inst = installation.get(db)
        assert inst.is_demo and (inst.role, inst.wilayah) == ("kpu", "33.20")


def test_picker_typing_a_search_and_choosing_from_the_popup(qtbot):
    picker = WilayahPicker("kabupaten")
    qtbot.addWidget(picker)
    picker.show()
    picker.set_code("33")
    kab = picker.combos[1]
    kab.setFocus()
    qtbot.keyClicks(kab.lineEdit(), "jepa")
    popup = kab.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    assert picker.code() is None  # typed text alone chooses nothing
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.code() == "33.20" and kab.currentText() == "Kabupaten Jepara"


def test_wizard_asks_for_the_names_and_address_printed_on_forms(qtbot, wizard, db_path):
    office = wizard.office_page
    wizard.welcome_page.office_radio.setChecked(True)
    wizard.next()
    office.picker.set_code("33.20.01.2001")
    qtbot.keyClicks(office.paper_edits["ketua_name"], "Ahmad Fauzi")
    qtbot.keyClicks(office.paper_edits["sekretaris_name"], "Sri Wahyuni")
    qtbot.keyClicks(office.paper_edits["kop_address"], "Jl. Raya Kedung No. 1")
    with qtbot.waitSignal(wizard.settled, timeout=60000):  # the choice's job has ended
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.choice == "init"
    from kpps_desktop.core import db as dbmod
    from kpps_desktop.core import paperwork

    db = dbmod.open_db(db_path)
    kop = paperwork.get(db)
    db.close()
    assert (kop.ketua.nama, kop.sekretaris.nama, kop.address) == ("Ahmad Fauzi", "Sri Wahyuni", "Jl. Raya Kedung No. 1")
    assert kop.ketua.jabatan == "Ketua PPS Desa Kedungmalang"
    assert kop.office == ("PANITIA PEMUNGUTAN SUARA DESA KEDUNGMALANG", "KECAMATAN KEDUNG KABUPATEN JEPARA")


# --- typing into the picker, as a secretary does (issue 17, finding 1) -----------------------

def _focused():
    """Where a real key press goes: the open completer popup (it grabs the keyboard) or the focus."""
    from PySide6.QtWidgets import QApplication

    return QApplication.activePopupWidget() or QApplication.focusWidget()


def type_keys(text):
    from PySide6.QtTest import QTest

    for ch in text:
        QTest.keyClick(_focused(), ch)


def press(key):
    from PySide6.QtTest import QTest

    QTest.keyClick(_focused(), key)


def test_typed_region_is_taken_on_enter_and_tab_and_never_spills_into_the_next_field(qtbot, wizard, db_path):
    wizard.next()
    office = wizard.office_page
    prov, kab, kec, desa = office.picker.combos
    prov.setFocus()
    qtbot.waitUntil(prov.lineEdit().hasFocus)
    type_keys("jawa ten")
    press(Qt.Key.Key_Return)  # the only suggestion is taken
    assert prov.currentText() == "Jawa Tengah" and kab.isEnabled()
    press(Qt.Key.Key_Tab)
    assert kab.lineEdit().hasFocus()
    type_keys("jepara")
    press(Qt.Key.Key_Tab)  # Tab takes the only match too, and moves on to the now-enabled kecamatan
    assert kab.currentText() == "Kabupaten Jepara" and kec.lineEdit().hasFocus()
    type_keys("kedung")  # typed exactly: taken even if it were part of a longer name
    press(Qt.Key.Key_Tab)
    assert kec.currentText() == "Kedung" and desa.lineEdit().hasFocus()
    type_keys("kedungmal")
    press(Qt.Key.Key_Tab)
    assert office.picker.code() == "33.20.01.2001"
    assert office.operator_edit.hasFocus() and office.operator_edit.text() == ""
    type_keys("Siti")
    assert office.operator_edit.text() == "Siti"


def test_ambiguous_text_keeps_the_focus_and_the_down_key_chooses(qtbot, wizard):
    wizard.next()
    office = wizard.office_page
    prov, kab = office.picker.combos[:2]
    prov.setFocus()
    qtbot.waitUntil(prov.lineEdit().hasFocus)
    type_keys("jawa")  # Jawa Barat, Jawa Tengah, Jawa Timur
    press(Qt.Key.Key_Tab)
    assert prov.lineEdit().hasFocus() and office.picker.combos[0].selected_code() is None
    type_keys(" ti")  # the next word still lands in the field it was meant for
    assert prov.currentText() == "jawa ti"
    press(Qt.Key.Key_Return)
    assert prov.currentText() == "Jawa Timur" and kab.isEnabled()
    # Highlighted with the arrow key: that one is taken, not the first one.
    kab.setFocus()
    type_keys("kabupaten b")
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)
    from PySide6.QtWidgets import QApplication

    highlighted = QApplication.activePopupWidget().currentIndex().data()
    press(Qt.Key.Key_Return)
    assert kab.currentText() == highlighted and kab.selected_code() is not None
