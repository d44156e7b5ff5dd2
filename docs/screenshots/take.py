"""Retake the screenshots in docs/screenshots/: every screen at 1366×768, as a PPS, a PPK and a KPU.

    PYTHONPATH=. .venv/bin/python docs/screenshots/take.py [--out docs/screenshots] [--only kpu]

Each office gets its own scratch database with the Jepara demo data for its region (a desa, a
kecamatan, the kabupaten), made in a temporary folder: no user's data is read or written. Under
Xvfb (DISPLAY set) the windows are real X windows; without a display Qt's offscreen platform draws
the same pixels. Files are named `<office>-<screen>.png`; the README's pictures are among them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KPPS_LANG", "id")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

SIZE = (1366, 768)
OFFICES = {"pps": "33.20.01.2001", "ppk": "33.20.01", "kpu": "33.20"}
# The README's pictures: (file, office, screen).
README = {"main-window.png": ("kpu", "petugas"), "checkin.png": ("pps", "presensi"),
          "print.png": ("pps", "cetak"), "recap.png": ("kpu", "rekap"),
          "handover.png": ("ppk", "serah-terima-terima"), "rekap-serah-terima.png": ("ppk", "rekap-serah-terima")}


def settle(app: QApplication, ms: int = 300) -> None:
    """Let queued jobs report and the screen repaint (a screenshot script, not the app: it may wait)."""
    end = dt.datetime.now() + dt.timedelta(milliseconds=ms)
    while dt.datetime.now() < end:
        app.processEvents()


def save(widget: QWidget, out: Path, name: str, app: QApplication) -> Path:
    settle(app)
    path = out / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)
    return path


def make_database(folder: Path, office: str) -> Path:
    from kpps_desktop.core import cards, checkin, demo, installation, sessions
    from kpps_desktop.core import db as dbmod

    path = folder / f"{office}.sqlite"
    db = dbmod.open_db(path)
    installation.init(db, office, OFFICES[office], demo=True)
    demo.generate(db)
    dbmod.set_setting(db, "operator", "Siti Aminah")
    if office == "pps":
        # A session today with a few officers in, so the desk shows a day at work.
        today = dt.date.today().isoformat()
        s = sessions.create_session(db, "bimtek", "Bimtek KPPS Desa Kedungmalang", today, "08:00", "12:00",
                                    venue="Balai Desa Kedungmalang")
        cards.issue_missing(db)
        start = dt.datetime.combine(dt.date.today(), dt.time(7, 40)).astimezone()
        for i, o in enumerate(sessions.expected_officers(db, s.id)[:9]):
            checkin.check_in_officer(db, s.id, o["id"], start + dt.timedelta(minutes=3 * i), "manual",
                                     "kartu tertinggal")
    else:
        # The pelantikan of Kedung's desa under way: most in, some late, so the recap has numbers.
        done = 0
        for s in sessions.list_sessions(db):
            if s.kind != "pelantikan" or not (s.scope or "").startswith("33.20.01") or done >= 8:
                continue
            done += 1
            start = dt.datetime.fromisoformat(f"{s.date}T07:15:00").astimezone()
            expected = sessions.expected_officers(db, s.id)
            for i, o in enumerate(expected[: len(expected) * (70 + 3 * done) // 100]):
                checkin.check_in_officer(db, s.id, o["id"], start + dt.timedelta(minutes=i % 70), "manual",
                                         "kartu tertinggal")
    db.close()
    return path


def handover_files(folder: Path, ppk_path: Path) -> list[Path]:
    """Two desa of Kedung sending their check-ins up to the PPK, as files on a stick: each PPS got
    its roster and sessions from the PPK's database, as in real life, so nothing conflicts."""
    from kpps_desktop.core import checkin, exchange, installation, sessions
    from kpps_desktop.core import db as dbmod

    stick = folder / "stick"
    stick.mkdir(exist_ok=True)
    files = []
    ppk = dbmod.open_db(ppk_path)
    for desa, present in (("33.20.01.2001", 40), ("33.20.01.2002", 25)):
        down = exchange.export(ppk, folder / f"down-{desa}.kpps", desa)
        db = dbmod.open_db(folder / f"pps-{desa}.sqlite")
        installation.init(db, "pps", desa, demo=True)
        exchange.import_file(db, down.path, code=down.fingerprint)  # checked against its berita acara
        s = next(s for s in sessions.list_sessions(db) if s.kind == "bimtek")  # the PPK has none of it yet
        start = dt.datetime.fromisoformat(f"{s.date}T07:30:00").astimezone()
        for i, o in enumerate(sessions.expected_officers(db, s.id)[:present]):
            checkin.check_in_officer(db, s.id, o["id"], start + dt.timedelta(minutes=i), "manual", "kartu tertinggal")
        files.append(exchange.export(db, stick / f"presensi-pps-{desa}.kpps").path)
        db.close()
    ppk.close()
    return files


def send_a_file(page, office: str, folder: Path, app: QApplication) -> None:
    """The Kirim tab after a file was written and verified: its berita acara on screen, as it prints.
    A PPS or PPK sends up; the KPU sends Kedung its roster down."""
    send = page.send_page
    if office == "kpu":
        send.set_scope("33.20.01")
    out = folder / "kirim"
    out.mkdir(exist_ok=True)
    send.set_destination(out)
    shown: list[int] = []
    send.receipt_shown.connect(shown.append)
    send.receipt_unavailable.connect(lambda message: shown.append(0))
    send.export_now()
    end = dt.datetime.now() + dt.timedelta(seconds=120)
    while not shown and dt.datetime.now() < end:
        app.processEvents()


def take(office: str, out: Path, app: QApplication, folder: Path) -> None:
    from kpps_desktop.core import db as dbmod
    from kpps_desktop.ui.jobs import JobRunner
    from kpps_desktop.ui.main_window import MainWindow

    db_path = make_database(folder, office)
    runner = JobRunner(db_path)
    db = dbmod.open_db(db_path)
    window = MainWindow(db, runner, db_path)
    # The window opens maximised on a laptop screen; the pictures are of exactly 1366×768 content,
    # whatever screen (Xvfb's or the offscreen platform's 800×600) this runs on.
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*SIZE)
    window.show()
    settle(app, 800)
    pages = {"petugas": "roster", "presensi": "checkin", "cetak": "print", "rekap": "recap",
             "serah-terima": "handover"}
    start = window.open_start_page()
    settle(app, 4000)  # the recap or the handover status is read in the background
    save(window, out, f"{office}-mulai.png", app)  # what the office sees when the app opens
    for slug, name in pages.items():
        page = window.show_page(name)
        settle(app, 1500)
        if name == "checkin" and office == "pps" and page is not None and page.list.count():
            page.start_selected()
            settle(app, 1500)
            save(window, out, f"{office}-{slug}.png", app)
            page.stop()
            continue
        if name == "handover" and page is not None:
            for i, sub in enumerate(("kirim", "terima", "status")):
                page.tabs.setCurrentIndex(i)
                if sub == "kirim":
                    send_a_file(page, office, folder, app)
                if sub == "terima" and office == "ppk":
                    page.receive_page.add_files(handover_files(folder, db_path))
                save(window, out, f"{office}-{slug}-{sub}.png", app)
            continue
        if name == "recap" and page is not None and hasattr(page, "tabs"):
            save(window, out, f"{office}-{slug}.png", app)
            for i in range(page.tabs.count()):
                if page.tabs.isTabVisible(i) and page.tabs.tabText(i).startswith("Serah terima"):
                    page.tabs.setCurrentIndex(i)
                    save(window, out, f"{office}-{slug}-serah-terima.png", app)
            continue
        save(window, out, f"{office}-{slug}.png", app)
    window.show_page("roster")
    dialogs(office, window, out, app, folder)
    print(f"{office}: opens on {start}")
    for page in window._pages.values():
        if hasattr(page, "shutdown"):
            page.shutdown()
    window.close()
    runner.shutdown()
    db.close()


def dialogs(office: str, window, out: Path, app: QApplication, folder: Path) -> None:
    """The dialogs a secretary meets, over the main window as they appear (whole screen)."""
    from kpps_desktop.ui.import_dialog import ImportDialog
    from kpps_desktop.ui.settings_dialog import SettingsDialog

    if office == "pps":
        sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
        from helpers.roster_files import with_signature_totals_and_repeated_header

        dialog = ImportDialog(window.runner, window.db_path, window)
        dialog.show()
        dialog.set_path(with_signature_totals_and_repeated_header(folder / "daftar-kpps-kedungmalang.xlsx"))
        settle(app, 2000)
        save(dialog, out, f"{office}-impor-laporan.png", app)
        dialog.close()
        # Adding an officer to TPS 001, which has its ketua: the form names her before saving a second.
        window.roster.tps.setCurrentIndex(window.roster.tps.findData(1))
        add = window.add_officer()
        add.nama.setText("Ahmad Fauzi")
        add.nik.setText("3320010101900009")
        add.jk.setCurrentIndex(add.jk.findData("L"))
        add.jabatan.setCurrentIndex(add.jabatan.findData("ketua"))
        add.save()
        save(add, out, f"{office}-tambah-petugas.png", app)
        add.reject()
        window.roster.tps.setCurrentIndex(0)
    settings = SettingsDialog(window.runner, window)
    settings.show()
    settings.language_combo.setCurrentIndex(settings.language_combo.findData("en"))
    save(settings, out, f"{office}-pengaturan.png", app)
    settings.reject()


def first_run(out: Path, app: QApplication, folder: Path) -> None:
    from kpps_desktop.ui.first_run import FirstRunWizard
    from kpps_desktop.ui.jobs import JobRunner

    runner = JobRunner(folder / "baru.sqlite")
    wizard = FirstRunWizard(runner)
    wizard.show()
    wizard.next()
    picker = wizard.office_page.picker
    picker.set_code("33.20.01.2001")
    wizard.office_page.operator_edit.setText("Siti Aminah")
    save(wizard, out, "persiapan-awal.png", app)
    wizard.close()
    runner.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--only", choices=sorted(OFFICES), action="append")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(["kpps-screenshots"])
    from kpps_desktop.ui import i18n

    i18n.install(app, None, "id")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KPPS_DB"] = str(Path(tmp) / "unused.sqlite")  # nothing may reach a real database
        for office in args.only or ("pps", "ppk", "kpu"):
            folder = Path(tmp) / office
            folder.mkdir()
            take(office, args.out, app, folder)
        if not args.only:
            first_run(args.out, app, Path(tmp))
    for name, (office, screen) in README.items():
        source = args.out / f"{office}-{screen}.png"
        if source.exists():
            (args.out / name).write_bytes(source.read_bytes())
    QTimer.singleShot(0, app.quit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
