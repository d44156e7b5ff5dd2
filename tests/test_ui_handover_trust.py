"""The PPS→PPK→KPU round trip in the GUI (issue #12): setup files going down, the berita acara code going up."""

import datetime as dt
import io

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from kpps_desktop.core import checkin, crypt, demo, installation, keys, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.ui.first_run import FirstRunWizard
from kpps_desktop.ui.handover_view import HandoverView
from kpps_desktop.ui.jobs import JobRunner

WIB = dt.timezone(dt.timedelta(hours=7))
KAB, KEDUNG, D1 = "33.20", "33.20.01", "33.20.01.2001"
NOW = dt.datetime(2024, 11, 7, 14, 0, tzinfo=WIB)


@pytest.fixture
def offices(tmp_path, qapp):
    """Three offices, each with its own database and its own writer, like three laptops."""
    kpu_path = tmp_path / "kpu.sqlite"
    db = dbmod.open_db(kpu_path)
    installation.init(db, "kpu", KAB)
    demo.generate(db, D1)
    db.close()
    paths = {"kpu": kpu_path, "ppk": tmp_path / "ppk.sqlite", "pps": tmp_path / "pps.sqlite"}
    runners = {name: JobRunner(path) for name, path in paths.items()}
    stick = tmp_path / "stick"
    stick.mkdir()
    yield paths, runners, stick
    for r in runners.values():
        r.shutdown()


def view_of(qtbot, runner, path):
    view = HandoverView(runner, path, clock=lambda: NOW, drive_source=lambda: [])
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        pass
    view.resize(1366, 700)
    view.show()
    return view


def send(qtbot, view, stick, scope=None, *, setup=False):
    if scope:
        assert view.send_page.set_scope(scope)
    if setup:
        assert view.send_page.setup_box.isEnabled()
        qtbot.mouseClick(view.send_page.setup_box, Qt.MouseButton.LeftButton)
        assert view.send_page.setup_box.isChecked()
    view.send_page.set_destination(stick)
    with qtbot.waitSignals([view.exported, view.send_page.receipt_shown], timeout=30000):  # the form on screen
        view.send_page.export_now()
    return view.send_page.result


def set_up_from_file(qtbot, runner, path):
    wizard = FirstRunWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.welcome_page
    page.setup_edit.setFocus()
    qtbot.keyClicks(page.setup_edit, str(path))  # typed (or pasted) like a user would
    assert page.setup_radio.isChecked()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible()
    with qtbot.waitSignal(wizard.settled, timeout=30000):  # the choice's job has ended
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.choice == "init", page.error_label.text()
    return page.setup_info.text()


def receive_with_code(qtbot, view, path, code):
    with qtbot.waitSignal(view.previewed, timeout=30000):
        view.receive_page.add_files([path])
    [report] = view.receive_page.reports
    assert report.status == "preview" and report.new_device
    shown = view.receive_page.table.cellWidget(0, view.receive_page.C_TRUST).findChild(QLabel, "verification_code")
    assert shown.text() == code and shown.font().pointSize() > view.font().pointSize()
    assert view.receive_page.trust_boxes[0].text() == "Cocok dengan berita acara?"
    assert not view.receive_page.merge_button.isEnabled()  # nothing merges before the comparison
    qtbot.mouseClick(view.receive_page.trust_boxes[0], Qt.MouseButton.LeftButton)
    assert view.receive_page.merge_button.isEnabled()
    with qtbot.waitSignal(view.imported, timeout=30000) as merged:
        view.receive_page.merge()
    [done] = merged.args[0]
    assert done.status == "imported"
    return done


def test_round_trip_pps_ppk_kpu_with_setup_files_and_the_paper_code(qtbot, offices):
    paths, runners, stick = offices
    # KPU → PPK: the setup file, made in the KPU's handover screen.
    kpu_view = view_of(qtbot, runners["kpu"], paths["kpu"])
    setup_ppk = send(qtbot, kpu_view, stick, KEDUNG, setup=True)
    assert setup_ppk.encrypted_for is None
    info = set_up_from_file(qtbot, runners["ppk"], setup_ppk.path)
    assert setup_ppk.fingerprint in info and "KPU Kabupaten Jepara" in info
    # PPK → PPS: the same, one level down.
    ppk_view = view_of(qtbot, runners["ppk"], paths["ppk"])
    setup_pps = send(qtbot, ppk_view, stick, D1, setup=True)
    set_up_from_file(qtbot, runners["pps"], setup_pps.path)

    # The desa checks in three officers; its first file up is already sealed for its PPK.
    with dbmod.opened(paths["pps"]) as db:
        s = next(x for x in sessions.list_sessions(db) if x.kind == "pelantikan")
        for i, o in enumerate(sessions.expected_officers(db, s.id)[:3]):
            checkin.check_in_officer(db, s.id, o["id"], dt.datetime(2024, 11, 7, 7, 30 + i, tzinfo=WIB),
                                     "manual", "kartu tertinggal")
    pps_view = view_of(qtbot, runners["pps"], paths["pps"])
    assert pps_view.send_page.recipient() is not None and pps_view.send_page.recipient().role == "ppk"
    up = send(qtbot, pps_view, stick)
    assert up.encrypted_for.role == "ppk" and crypt.is_encrypted(up.path.read_bytes())
    # The code large on screen, and in the berita acara shown beside it (the form that prints).
    assert pps_view.send_page.verification_code.text() == up.fingerprint
    form = pypdf.PdfReader(io.BytesIO(pps_view.send_page.receipt_view.pdf_bytes)).pages[0].extract_text()
    assert f"Kode verifikasi : {up.fingerprint}" in " ".join(form.split())

    # At the PPK: the code on the paper, large on screen, one tick, merged.
    ppk_view.tabs.setCurrentIndex(1)
    receive_with_code(qtbot, ppk_view, up.path, up.fingerprint)
    with dbmod.opened(paths["ppk"]) as db:
        assert db.conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == 3
        assert keys.trusted(db, up.device_id).basis == "paper"

    # PPK → KPU, sealed for the KPU the PPK was set up by; the KPU admits the PPK by its code.
    ppk_view.tabs.setCurrentIndex(0)
    kec = send(qtbot, ppk_view, stick, KEDUNG)
    assert kec.encrypted_for.role == "kpu"
    kpu_view.tabs.setCurrentIndex(1)
    receive_with_code(qtbot, kpu_view, kec.path, kec.fingerprint)
    with dbmod.opened(paths["kpu"]) as db:
        assert db.conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == 3
