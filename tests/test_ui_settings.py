"""Settings dialog, first-run settings, backups dialog, About box and crash handler, driven as a user would."""

import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWizard

import kpps_desktop
from kpps_desktop.core import backup, demo, installation, settings
from kpps_desktop.core import db as dbmod
from kpps_desktop.ui.about import AboutDialog
from kpps_desktop.ui.backup_dialog import BackupDialog
from kpps_desktop.ui.crash import install_crash_handler
from kpps_desktop.ui.first_run import FirstRunWizard
from kpps_desktop.ui.jobs import JobRunner, Outcome
from kpps_desktop.ui.settings_dialog import SettingsDialog



@pytest.fixture
def runner(db_path):
    r = JobRunner(db_path)
    yield r
    r.shutdown()


def stored(db_path):
    with dbmod.opened(db_path) as db:
        return settings.get_all(db)


# --- settings dialog ---------------------------------------------------------------------------

@pytest.fixture
def dialog(qtbot, runner, db):
    d = SettingsDialog(runner)
    qtbot.addWidget(d)
    d.show()
    return d


def save_button(d):
    return d.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_settings_dialog_shows_current_values_and_saves_every_tab(qtbot, dialog, db_path):
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == \
        ["Umum", "Formulir", "Transport", "Presensi", "Kamera/Suara"]
    assert dialog.title_edit.text() == "Pemilihan Serentak 2024" and dialog.amount_spin.value() == 50000
    dialog.operator_edit.clear()
    qtbot.keyClicks(dialog.operator_edit, "Siti Aminah")
    dialog.title_edit.setText("Pilkada Serentak Jepara 2024")
    dialog.amount_spin.setValue(35000)
    dialog.kind_boxes["simulasi"].setChecked(True)
    dialog.daring_box.setChecked(True)
    dialog.grace_spin.setValue(20)
    dialog.daring_minutes_spin.setValue(30)
    dialog.reset_spin.setValue(3)
    dialog.sound_box.setChecked(False)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    qtbot.keyClicks(dialog.paper_edits["ketua_name"], "Ahmad Fauzi")
    qtbot.keyClicks(dialog.paper_edits["kop_address"], "Jl. Raya Kedung No. 1")
    dialog.materai_spin.setValue(6_000_000)
    with qtbot.waitSignal(dialog.saved) as sig:
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    want = {"operator": "Siti Aminah", "event_title": "Pilkada Serentak Jepara 2024",
            "transport": {"kinds": ["pelantikan", "bimtek", "simulasi"], "amount": 35000, "daring": True,
                          "terlambat": True},
            "sound": False, "camera": "", "grace_minutes": 20, "checkin_reset_seconds": 3, "language": "en",
            "daring_min_minutes": 30,
            "backup_keep": 14,
            "kop_office": "", "kop_address": "Jl. Raya Kedung No. 1", "ketua_name": "Ahmad Fauzi",
            "sekretaris_name": "", "place": "", "materai_threshold": 6_000_000}
    assert sig.args == [want]
    assert stored(db_path) == want


def test_settings_dialog_validates_inline_and_saves_nothing_while_wrong(qtbot, dialog, db_path):
    dialog.title_edit.clear()
    error = dialog.findChild(type(dialog.error_label), "event_titleError")
    assert error.isVisible() and "tidak boleh kosong" in error.text()
    assert not save_button(dialog).isEnabled()
    dialog.grace_spin.setValue(500)
    assert "antara 0 dan 240" in dialog.findChild(type(error), "grace_minutesError").text()
    dialog.amount_spin.setValue(0)
    assert "lebih dari 0" in dialog.findChild(type(error), "transportError").text()
    assert dialog.save() is False and dialog.isVisible()
    # Fixing each field clears its message and enables Simpan again.
    dialog.title_edit.setText("Pilkada 2024")
    dialog.grace_spin.setValue(10)
    dialog.amount_spin.setValue(25000)
    assert not error.isVisible() and save_button(dialog).isEnabled()
    dialog.reject()
    assert stored(db_path)["event_title"] == "Pemilihan Serentak 2024"  # Batal saves nothing


def test_settings_dialog_keeps_an_unplugged_camera_choice(qtbot, runner, db):
    settings.save(db, "camera", "/dev/video9")
    d = SettingsDialog(runner)
    qtbot.addWidget(d)
    assert d.camera_combo.currentData() == "/dev/video9"
    assert "tidak terhubung" in d.camera_combo.currentText()
    assert d.camera_combo.itemData(0) == ""  # the system's default camera is always offered


# --- first-run wizard: the first settings ------------------------------------------------------

def test_first_run_saves_event_title_transport_and_sound(qtbot, runner, db_path):
    wizard = FirstRunWizard(runner)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.office_page
    page.picker.set_code("33.20.01.2001")
    page.title_edit.setText("Pilkada Jepara 2024")
    page.amount_spin.setValue(40000)
    page.sound_box.setChecked(False)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    page.title_edit.setText("   ")
    with qtbot.waitSignal(wizard.settled, timeout=30000):  # the choice's job has ended
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.choice is None and "tidak boleh kosong" in page.error_label.text()
    with dbmod.opened(db_path) as db:
        assert installation.get(db) is None and settings.get(db, "sound") is True  # nothing saved
    page.title_edit.setText("Pilkada Jepara 2024")
    with qtbot.waitSignal(wizard.settled, timeout=30000):  # the choice's job has ended
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.choice == "init"
    values = stored(db_path)
    assert values["event_title"] == "Pilkada Jepara 2024" and values["sound"] is False
    assert values["transport"]["amount"] == 40000 and values["transport"]["kinds"] == ["pelantikan", "bimtek"]


# --- About ------------------------------------------------------------------------------------------

def test_about_shows_version_database_and_licences(qtbot, db_path):
    about = AboutDialog(db_path)
    qtbot.addWidget(about)
    about.show()
    summary = about.summary.text()
    assert kpps_desktop.__version__ in summary and str(db_path) in summary
    text = about.licences.toPlainText()
    for needle in ("MIT License", "cahyadsn/wilayah", "DejaVu", "Bitstream", "GNU LGPL v3", "zxing-cpp",
                   "Apache License 2.0", "openpyxl", "qrcode", "BSD", "sqlite-utils", "PyNaCl", "libsodium"):
        assert needle in text, needle
    assert about.licences.verticalScrollBar().maximum() > 0  # long enough to scroll, and it can


# --- backups ---------------------------------------------------------------------------------------

@pytest.fixture
def demo_db(db_path):
    with dbmod.opened(db_path) as db:
        demo.generate(db, "33.20.01.2001")
    return db_path


def finished(qtbot, job):
    """Wait for a dialog's job (tests may block, the dialog does not); its result."""
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert job.outcome == Outcome.FINISHED, job.error
    return job.result


@pytest.fixture
def backups(qtbot, runner, demo_db):
    d = BackupDialog(runner, demo_db)
    qtbot.addWidget(d)
    d.show()
    return d


def test_backup_dialog_creates_lists_and_copies_to_usb(qtbot, backups, demo_db, tmp_path):
    assert backups.table.rowCount() == 0 and not backups.restore_button.isEnabled()
    qtbot.mouseClick(backups.create_button, Qt.MouseButton.LeftButton)
    assert not backups.create_button.isEnabled()  # the backup runs off the GUI thread; no second click meanwhile
    qtbot.waitUntil(lambda: backups.table.rowCount() == 1, timeout=20000)
    assert backups.create_button.isEnabled()
    assert backups.table.item(0, 1).text() == "Dibuat manual"
    assert "dibuat dan diperiksa" in backups.status.text()
    path = finished(qtbot, backups.back_up_to_usb(tmp_path / "usb"))
    assert path.parent == tmp_path / "usb" and str(path) in backups.status.text()
    backup.verify(path)
    backups.table.selectRow(0)
    assert backups.restore_button.isEnabled()


def test_backup_dialog_schedules_a_restore_and_asks_to_restart(qtbot, backups, demo_db, monkeypatch):
    saved = backup.create(demo_db, "manual")
    with dbmod.opened(demo_db) as db:
        db.conn.execute("DELETE FROM session_officers")
        db.conn.execute("DELETE FROM sessions")
        db.conn.commit()
    backups.reload()
    backups.table.selectRow(0)
    questions = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: questions.append(args[2]) or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(backups.restart_needed):
        assert backups.restore_selected() is not None
    assert saved.name in questions[0] and "Tutup aplikasi sekarang?" in questions[1]
    assert backup.pending_restore(demo_db) is not None
    conn = sqlite3.connect(demo_db)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0  # not while the app runs
    conn.close()
    backup.apply_pending_restore(demo_db)  # what the next start does
    conn = sqlite3.connect(demo_db)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
    conn.close()


def test_backup_dialog_refuses_a_file_that_is_not_a_backup(qtbot, backups, demo_db, tmp_path, monkeypatch):
    bad = tmp_path / "bukan.sqlite"
    bad.write_text("ini bukan database")
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    job = backups.restore(bad)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert job.outcome == Outcome.FAILED
    assert "bukan cadangan Presensi KPPS" in backups.status.text() or "bukan database" in backups.status.text()
    assert backup.pending_restore(demo_db) is None
    # Saying No changes nothing either.
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    assert backups.restore(backup.create(demo_db, "manual")) is None
    assert backup.pending_restore(demo_db) is None


# --- crash handler ------------------------------------------------------------------------------------

@pytest.fixture
def crash(qapp, tmp_path):
    handler = install_crash_handler(qapp, tmp_path / "crash", dialogs=True)
    yield handler
    handler.uninstall()
    if handler.box is not None:
        handler.box.close()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_qt_slot_is_saved_and_shown(qtbot, crash, tmp_path, capsys):
    def boom():
        raise RuntimeError("NIK 3320015203900001 tidak cocok")

    with qtbot.waitSignal(crash.reported) as sig:
        QTimer.singleShot(0, boom)
    path = sig.args[0]
    assert path.parent == tmp_path / "crash" and path.name.startswith("crash-")
    report = path.read_text(encoding="utf-8")
    assert "RuntimeError" in report and "boom" in report and kpps_desktop.__version__ in report
    assert "3320015203900001" not in report and "3320********0001" in report  # no personal data
    qtbot.waitUntil(lambda: crash.box is not None and crash.box.isVisible())
    assert str(path) in crash.box.text() and "Maaf" in crash.box.text()
    assert "Laporan kesalahan disimpan" in capsys.readouterr().err


def test_an_error_on_another_thread_is_saved_too(qtbot, crash):
    def work():
        raise ValueError("gagal di thread")

    with qtbot.waitSignal(crash.reported) as sig:
        thread = threading.Thread(target=work, name="pekerja")
        thread.start()
        thread.join()
    report = sig.args[0].read_text(encoding="utf-8")
    assert "ValueError: gagal di thread" in report and "Thread: pekerja" in report
    qtbot.waitUntil(lambda: crash.box is not None and crash.box.isVisible())  # opened on the GUI thread


def test_offscreen_crash_goes_to_stderr_only(qapp, tmp_path, capsys):
    handler = install_crash_handler(qapp, tmp_path / "crash")  # auto: offscreen has nobody to click OK
    try:
        try:
            raise KeyError("x")
        except KeyError as exc:
            handler.handle(type(exc), exc, exc.__traceback__)
    finally:
        handler.uninstall()
    assert handler.box is None
    assert "crash-" in capsys.readouterr().err
    assert len(list((tmp_path / "crash").iterdir())) == 1


# --- start-up wiring (app.py) ----------------------------------------------------------------------

def test_app_start_applies_a_scheduled_restore_then_makes_the_daily_backup(demo_db, tmp_path):
    import subprocess
    import sys

    saved = backup.create(demo_db, "manual")
    with dbmod.opened(demo_db) as db:
        db.conn.execute("DELETE FROM session_officers")
        db.conn.execute("DELETE FROM sessions")
        db.conn.commit()
    backup.schedule_restore(saved, demo_db)
    result = subprocess.run([sys.executable, "-m", "kpps_desktop", "--db", str(demo_db), "--screenshot",
                             str(tmp_path / "shot.png"), "-platform", "offscreen"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(demo_db)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
    conn.close()
    assert {b.reason for b in backup.list_backups(demo_db)} == {"manual", "pre-restore", "daily"}
    assert backup.pending_restore(demo_db) is None


def test_the_daily_backup_runs_on_the_runners_thread_not_the_windows(demo_db, qtbot, monkeypatch):
    import threading

    from kpps_desktop.ui import app
    from kpps_desktop.ui.jobs import JobRunner

    threads, real = [], backup.daily_backup

    def recording(path, now=None):
        threads.append(threading.get_ident())
        return real(path, now)

    monkeypatch.setattr(backup, "daily_backup", recording)
    runner = JobRunner(demo_db)
    try:
        job = app._daily_backup(runner, demo_db)
        assert not job.done  # returned at once: the window keeps painting
        qtbot.waitUntil(lambda: job.done, timeout=30000)
    finally:
        runner.shutdown()
    assert threads and threads[0] != threading.get_ident()
    assert [b.reason for b in backup.list_backups(demo_db)] == ["daily"]


def test_rupiah_fields_group_digits_the_indonesian_way(dialog):
    dialog.materai_spin.setValue(5_000_000)
    assert dialog.materai_spin.text() == "Rp 5.000.000"
    assert dialog.amount_spin.text() == "Rp 50.000"


# --- the window title and the language note (issue 17, finding 6) -------------------------------

def test_language_change_says_it_applies_on_the_next_start(qtbot, dialog):
    note = dialog.language_note
    assert not note.isVisibleTo(dialog)  # the language in use: nothing to say
    combo = dialog.language_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "en"
    assert note.isVisibleTo(dialog) and note.text() == "Bahasa baru dipakai saat aplikasi dibuka lagi."
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert not note.isVisibleTo(dialog)


def test_the_platform_adds_nothing_to_the_window_title(qapp):
    """Qt appends an explicitly set display name to every title not ending with it ("Presensi KPPS —
    KPU Kabupaten Jepara [DEMO] — Presensi KPPS"); without one, applicationDisplayName() just
    follows applicationName(), which is what this checks."""
    from kpps_desktop.ui import app as appmod

    old = qapp.applicationName(), qapp.organizationName()
    try:
        appmod.name_application(qapp)
        assert qapp.applicationName() == "Presensi KPPS"
        qapp.setApplicationName("probe")
        assert qapp.applicationDisplayName() == "probe"
    finally:
        qapp.setApplicationName(old[0])
        qapp.setOrganizationName(old[1])
