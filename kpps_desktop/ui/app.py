"""Desktop entry point: open the database, first-run set-up, then the main window."""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
# QMessageBox through the module: see main_window.
from PySide6 import QtWidgets
from PySide6.QtWidgets import QApplication

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import backup, installation, roster
from kpps_desktop.core.instance import AlreadyRunning, InstanceLock
from kpps_desktop.ui.crash import install_crash_handler

APP_NAME = "Presensi KPPS"
BACKUP_DELAY_MS = 1000  # the daily backup, after start-up
CHECK_DELAY_MS = 100  # the integrity check, after the first paint


def _parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="kpps-desktop", description="Presensi KPPS (aplikasi desktop)")
    parser.add_argument("--db", type=Path, help="berkas database (bawaan: KPPS_DB atau folder data pengguna)")
    parser.add_argument("--demo", action="store_true", help="isi database kosong dengan data demo Jepara")
    parser.add_argument("--session", metavar="ID",
                        help="buka langsung layar presensi sesi ini (pintasan desktop untuk hari bimtek)")
    parser.add_argument("--screenshot", type=Path, metavar="PNG",
                        help="simpan tangkapan layar jendela utama ke PNG lalu keluar")
    # Whatever we do not know (e.g. Qt's own -platform, -style) is left for QApplication.
    return parser.parse_known_args(argv)


def _can_show_dialogs() -> bool:
    # offscreen/minimal have no screen and no user to click OK: a modal box would wait forever.
    return QGuiApplication.platformName() not in ("offscreen", "minimal")


def show_error(message: str) -> None:
    """A fatal message: always on stderr (for scripts and logs), and in a box when someone can see it."""
    print(message, file=sys.stderr)
    if _can_show_dialogs():
        QtWidgets.QMessageBox.critical(None, APP_NAME, message)


def _notice(message: str) -> None:
    print(message, file=sys.stderr)
    if _can_show_dialogs():
        QtWidgets.QMessageBox.information(None, APP_NAME, message)


def _daily_backup(runner, db_path: Path):
    """The day's backup on the runner's thread (it copies and checks the whole file): the window
    stays responsive, and a failure is a notice, not a crash."""
    def failed(message: str) -> None:  # a missed backup must not keep anyone from working
        _notice(QCoreApplication.translate("app", "Cadangan harian gagal dibuat: {message}").format(message=message))

    return runner.submit(lambda _db: backup.daily_backup(db_path)).failure(failed)


def _copy_notice_due(db) -> str | None:
    """The copied-database notice (core.db.copy_notice), once per copy."""
    notice = dbmod.copy_notice(db)
    return notice if notice and dbmod.get_meta(db, "copy_noticed") != dbmod.get_meta(db, "copied_at") else None


def _copy_noticed(db) -> None:
    with db.atomic():
        dbmod.set_meta(db, "copy_noticed", dbmod.get_meta(db, "copied_at") or "")


def _audit_break(db):
    from kpps_desktop.core import audit

    return audit.verify(db)[1]


def audit_warning(broken) -> str:
    return (QCoreApplication.translate("app", "Peringatan: log audit tidak utuh.") + "\n\n" + broken.message()
            + "\n\n" + QCoreApplication.translate(
                "app", "Ada catatan yang diubah atau dihapus di luar aplikasi. Simpan database ini apa adanya "
                       "sebagai bukti dan laporkan kepada atasan (periksa lagi: kpps audit verify)."))


def _warn(message: str, parent: QtWidgets.QWidget) -> QtWidgets.QMessageBox | None:
    print(message, file=sys.stderr)
    if not _can_show_dialogs():
        return None
    # Parented to the window (which keeps it alive) and opened, not exec(): the desk keeps working.
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, APP_NAME, message,
                                QtWidgets.QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("auditWarning")
    box.open()
    return box


def _opened(db) -> None:
    """A job that does nothing: running it opens the runner's connection, integrity check included."""


def _trace(label: str) -> None:
    """KPPS_STARTUP_TRACE=FILE: append when the window first painted ('painted') and when its start
    page had its data ('ready', --screenshot), in ns since the epoch, for bench/bench_gui.py."""
    path = os.environ.get("KPPS_STARTUP_TRACE")
    if path:
        try:
            with open(path, "a", encoding="utf-8") as trace:
                trace.write(f"{label} {time.time_ns()}\n")
        except OSError as exc:  # a measurement aid: never a reason for the app not to start
            print(f"KPPS_STARTUP_TRACE {path}: {exc.strerror or exc}", file=sys.stderr)


def _fill_demo(runner) -> None:
    """--demo on an empty database, before any window exists: the progress dialog is the only
    thing up, so waiting for the job here has nothing to re-enter (widgets never wait)."""
    from kpps_desktop.core import demo  # written by another module; only --demo needs it
    from kpps_desktop.ui import jobs

    job = jobs.start_with_progress(None, runner, QCoreApplication.translate(
        "app", "Membuat data demo Kabupaten Jepara…"), demo.generate)
    job.failure(lambda message: _notice(QCoreApplication.translate(
        "app", "Data demo gagal dibuat: {message}").format(message=message)))
    jobs.wait(job)


def _first_run(runner) -> bool:
    """Show the first-run wizard; False when the user closed it without choosing."""
    try:
        from kpps_desktop.ui.first_run import FirstRunWizard
    except ImportError:
        _notice(QCoreApplication.translate(
            "app", "Database belum diatur. Jalankan 'kpps init --role pps --wilayah KODE_DESA' "
                   "atau 'kpps demo' terlebih dahulu."))
        return True
    if not _can_show_dialogs():
        return True  # nobody could answer it; the window opens with an empty roster
    wizard = FirstRunWizard(runner, None)
    wizard.exec()
    return getattr(wizard, "choice", None) is not None


def _startup_done() -> None:
    """The window is up: collect garbage again. What start-up built lives as long as the window, so
    it is set aside first (frozen), and later collections (between check-ins) never walk it."""
    gc.freeze()
    gc.enable()


def main(argv: list[str] | None = None) -> int:
    # Start-up builds objects that all live on (modules, widgets, the roster's 122,000 values):
    # the ~40 collections the interpreter would run meanwhile (~4 ms) free nothing. The collector
    # is back on once the window shows, before any dialog that waits for the user, and on return.
    # (__main__ already paused it for the imports.)
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def name_application(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("PresensiKPPS")
    # No setApplicationDisplayName: Qt (xcb, Windows) would append " — Presensi KPPS" to every
    # window title not ending with it, and the main window's title already starts with the name.


NO_DISPLAY = ("Presensi KPPS memerlukan sesi desktop (layar grafis), dan tidak menemukannya: jalankan dari "
              "desktop, bukan dari konsol teks atau SSH. Untuk perintah tanpa layar, pakai `kpps`.")
NO_XCB_CURSOR = ("Presensi KPPS memerlukan pustaka libxcb-cursor untuk tampil di desktop ini. Pasang dulu: "
                 "sudo apt install libxcb-cursor0 (Debian/Ubuntu) atau xcb-util-cursor (Fedora), lalu buka lagi.")


def display_problem(qt_args: list[str], environ=None, platform: str = sys.platform) -> str | None:
    """Why Qt could not open a window here (it would abort with exit 134 and an English hint), or None."""
    import os

    env = os.environ if environ is None else environ
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM") or "-platform" in qt_args:
        return None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return NO_DISPLAY
    if not env.get("WAYLAND_DISPLAY"):  # X11: Qt 6.5+ needs xcb-cursor for its xcb plugin
        import ctypes.util

        if ctypes.util.find_library("xcb-cursor") is None:
            return NO_XCB_CURSOR
    return None


def _main(argv: list[str] | None) -> int:
    args, qt_args = _parse(sys.argv[1:] if argv is None else list(argv))
    problem = None if QApplication.instance() is not None else display_problem(qt_args)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    name_application(app)

    if sys.platform == "win32":  # an empty card-reader slot fails quietly, not with a "no disk" box
        from kpps_desktop.core.drives import suppress_critical_error_boxes

        suppress_critical_error_boxes()
    db_path = args.db or dbmod.default_db_path()
    install_crash_handler(app, db_path.parent / "crash")  # reports beside the database, no personal data
    # One app per database, taken before anything touches the file: a second copy (a double click
    # while the first is still starting) would otherwise race the first for a pending restore.
    lock = InstanceLock(db_path)
    try:
        lock.acquire()
    except AlreadyRunning as exc:
        show_error(str(exc))
        return 1
    except OSError:  # a data folder we cannot write a lock into: the open below names the problem
        pass
    try:
        return _run(app, args, db_path)
    finally:
        lock.release()


def _run(app: QApplication, args: argparse.Namespace, db_path: Path) -> int:
    try:
        # A restore chosen in Cadangan: before anything opens the file. One that cannot be applied
        # (the file held by another program) is cancelled with a message, and the app opens the
        # database as it is.
        try:
            backup.apply_pending_restore(db_path)
        except backup.BackupError as exc:
            _notice(str(exc))
        # The window only reads through this connection (writes go through the runner's own), so a
        # plain one will do: a current database opens without sqlite-utils (~45 ms of start-up).
        # The integrity check (it reads the whole file) runs on the runner's thread once the
        # window shows (the job _opened).
        db = dbmod.Reader(dbmod.connect(db_path, check=False))
    except dbmod.DatabaseError as exc:
        show_error(str(exc))
        return 1
    from kpps_desktop.ui import i18n

    i18n.install(app, db)  # after the database (it holds the choice), before any message or window

    # Imported after the database opened: a bad file is reported without paying for the GUI modules.
    from kpps_desktop.ui import jobs
    from kpps_desktop.ui.jobs import JobRunner
    from kpps_desktop.ui.main_window import MainWindow

    runner = JobRunner(db_path)
    try:
        if args.demo and roster.count_officers(db)["total"] == 0:
            gc.enable()  # minutes of work, not start-up
            _fill_demo(runner)
        if installation.get(db) is None:
            gc.enable()  # a wizard waiting for the user
            if not _first_run(runner):
                return 0
        try:
            window = MainWindow(db, runner, db_path, roster_now=False)  # read by open_start_page_after_paint
        except sqlite3.DatabaseError as exc:  # damage the deferred check would have named
            show_error(f"Database {db_path} rusak: {exc}.")
            return 1
        if args.session:
            from kpps_desktop.core import sessions

            if sessions.get_session(db, args.session) is None:
                show_error(QCoreApplication.translate("app", "Sesi '{id}' tidak ditemukan. Lihat daftar sesi: "
                                                             "kpps session list").format(id=args.session))
                window.close()
                return 1
            window.open_desk(args.session)
        if args.screenshot:  # pictures for the docs: the natural size, whatever the screen (not maximised)
            from kpps_desktop.ui import screen

            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMaximized)
            window.resize(*screen.MAIN_SIZE)
        window.painted.connect(lambda: _trace("painted"))
        if args.session:  # --session: the desk opened above is where this start begins
            QTimer.singleShot(0, lambda: (window.painted.emit(), window.ensure_roster()))
        else:  # the start tab (and a roster that is the start page) at once; other screens after the paint
            window.open_start_page_after_paint()
        window.show()
        QTimer.singleShot(0, _startup_done)
        copied = _copy_notice_due(db)
        if copied:
            QTimer.singleShot(0, lambda: (_notice(copied), runner.submit(_copy_noticed)))
        # The runner's first job opens its own connection with the full check (PRAGMA quick_check),
        # once the window has painted: on the worker it would still hold the GIL the paint needs.
        checks: list = []
        warned: list = []

        def check_file():
            if not checks:
                checks.append(runner.submit(_opened))
                checks[0].failed.connect(lambda message: (show_error(message), app.exit(1)))
                # Then the audit log's hash chain: a broken one is shown, not hidden (docs/reliability.md).
                checks.append(runner.submit(_audit_break))
                checks[1].finished.connect(
                    lambda broken: broken and warned.append(_warn(audit_warning(broken), window)))
            return checks[0]

        QTimer.singleShot(CHECK_DELAY_MS, check_file)
        # A moment after the window is up: the day's first start copies the whole database, and
        # the first paint should not wait for that.
        backup_timer = QTimer(singleShot=True, interval=BACKUP_DELAY_MS)
        backup_timer.timeout.connect(lambda: _daily_backup(runner, db_path))
        backup_timer.start()
        if args.screenshot:
            def grab() -> None:
                _trace("ready")
                if not window.grab().save(str(args.screenshot)):
                    print(f"Tangkapan layar gagal disimpan ke {args.screenshot}", file=sys.stderr)
                    app.exit(1)
                else:
                    app.quit()

            # After the start page's reads: they queue on the runner before this no-op, so its
            # success comes after theirs (a KPU's recap is otherwise still empty in the picture).
            window.painted.connect(lambda: QTimer.singleShot(0, lambda: runner.submit(lambda _db: None).success(
                lambda _: QTimer.singleShot(0, grab))))
        code = app.exec()
        check = check_file()  # a quick run (--screenshot) still learns whether the file is sound
        jobs.wait(check)
        jobs.wait(checks[1])
        if checks[1].result is not None and not warned:  # closed before the warning could show
            print(audit_warning(checks[1].result), file=sys.stderr)
        if check.error is not None:
            if code == 0:
                show_error(check.error)
            return 1
        if backup_timer.isActive():  # closed within the delay (or --screenshot): still backed up today
            backup_timer.stop()
            jobs.wait(_daily_backup(runner, db_path))  # shutting down: waiting is fine here
        return code
    finally:
        runner.shutdown()
        db.close()
