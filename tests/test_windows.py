"""Windows 10/11 laptops, simulated on any OS: locked files, reserved names, network folders,
a cp1252 stdout, a second copy of the app (issue #20)."""

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kpps_desktop import cli
from kpps_desktop.core import backup, demo, fileio, instance, roster, winfs
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import nik as nikmod

DESA = "33.20.01.2001"
T = dt.datetime(2024, 11, 7, 9, 30, 0)


def sharing_violation(path) -> PermissionError:
    """What Windows raises when another program holds `path` open (ERROR_SHARING_VIOLATION)."""
    exc = PermissionError(13, "Proses tidak dapat mengakses berkas karena sedang dipakai proses lain", str(path))
    exc.winerror = 32
    return exc


@pytest.fixture
def held(monkeypatch):
    """Paths to treat as held open by another program: deleting or replacing them fails as on Windows."""
    paths: set[str] = set()
    real_unlink, real_replace = os.unlink, os.replace

    def unlink(path, *a, **kw):
        if str(path) in paths:
            raise sharing_violation(path)
        return real_unlink(path, *a, **kw)

    def replace(src, dst, **kw):
        if str(dst) in paths or str(src) in paths:
            raise sharing_violation(dst)
        return real_replace(src, dst, **kw)

    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(fileio, "RETRY_DELAYS", (0.0,) * len(fileio.RETRY_DELAYS))  # retried, quickly
    return paths


@pytest.fixture
def demo_path(db_path):
    with dbmod.opened(db_path) as db:
        demo.generate(db, DESA)
    return db_path


# --- finding 2: a locked old backup -------------------------------------------------------------

def test_a_locked_old_backup_is_skipped_and_reported_not_a_crash(demo_path, held, caplog):
    with dbmod.opened(demo_path) as db:
        dbmod.set_setting(db, "backup_keep", 2)
    made = [backup.create(demo_path, "daily", now=T + dt.timedelta(days=d)) for d in range(3)]
    held.add(str(made[0]))  # the oldest, open in a viewer or being scanned
    # Day 4: today's backup is made, the two old ones are due; the locked one stays, no exception.
    today = backup.daily_backup(demo_path, now=T + dt.timedelta(days=3))
    assert today is not None and today.is_file()
    left = [b.path for b in backup.list_backups(demo_path)]
    assert made[0] in left and made[1] not in left
    assert "sedang dibuka program lain" in caplog.text and made[0].name in caplog.text
    result = backup.rotate(demo_path, keep_daily=2, now=T + dt.timedelta(days=3))
    assert result.skipped == [made[0]] and result.deleted == []
    assert "Dilewati" in result.message
    # Released: the next rotation takes it.
    held.clear()
    assert backup.rotate(demo_path, keep_daily=2, now=T + dt.timedelta(days=3)).deleted == [made[0]]


def test_a_locked_backup_does_not_stop_an_import_backup(demo_path, held):
    made = [backup.backup_before(demo_path, "pre-import", now=T + dt.timedelta(days=d)) for d in range(11)]
    held.add(str(made[0]))
    assert backup.backup_before(demo_path, "pre-import", now=T + dt.timedelta(days=60)).is_file()
    assert made[0].is_file()


def test_a_read_only_old_backup_is_deleted_after_clearing_the_flag(demo_path, monkeypatch):
    made = [backup.create(demo_path, "daily", now=T + dt.timedelta(days=d)) for d in range(2)]
    real_unlink, calls = os.unlink, []

    def unlink(path, *a, **kw):  # Windows' read-only attribute: refused until chmod
        if Path(path) == made[0] and not calls:
            calls.append(path)
            raise PermissionError(13, "Akses ditolak", str(path))
        return real_unlink(path, *a, **kw)

    monkeypatch.setattr(os, "unlink", unlink)
    assert backup.rotate(demo_path, keep_daily=1, now=T + dt.timedelta(days=2)).deleted == [made[0]]
    assert not made[0].exists()


# --- finding 3: restore with the database in use, and a second copy of the app ----------------

def test_pending_restore_with_a_held_shm_is_cancelled_with_a_message(demo_path, held):
    saved = backup.create(demo_path, "manual", now=T)
    with dbmod.opened(demo_path) as db:
        db.conn.execute("DELETE FROM session_officers")
        db.conn.execute("DELETE FROM sessions")
        db.conn.commit()
    backup.schedule_restore(saved, demo_path)
    shm = Path(f"{demo_path}-shm")
    shm.write_bytes(b"\0" * 32768)  # as a running kpps.exe leaves it
    held.add(str(shm))
    with pytest.raises(backup.BackupError, match="sedang dipakai program lain") as info:
        backup.apply_pending_restore(demo_path, now=T + dt.timedelta(hours=1))
    assert "dibatalkan" in str(info.value) and "menu Cadangan" in str(info.value)
    # The database is as it was, and the next start does not try again (nor back up again).
    assert sqlite3.connect(demo_path).execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    assert backup.pending_restore(demo_path) is None
    assert not (demo_path.parent / ".restore-staged.sqlite").exists()
    before = len(backup.list_backups(demo_path))
    assert backup.apply_pending_restore(demo_path) is None
    assert len(backup.list_backups(demo_path)) == before
    assert saved.is_file()  # the backup itself can be chosen again


def test_cli_restore_with_a_held_wal_says_so_and_leaves_the_database(demo_path, held, capsys):
    saved = backup.create(demo_path, "manual", now=T)
    wal = Path(f"{demo_path}-wal")
    wal.write_bytes(b"")
    held.add(str(wal))
    before = demo_path.read_bytes()
    assert cli.main(["--db", str(demo_path), "backup", "restore", str(saved), "--yes"]) == 1
    assert "sedang dipakai program lain" in capsys.readouterr().err
    assert demo_path.read_bytes() == before
    assert not (demo_path.parent / ".restore-staged.sqlite").exists()


def test_one_app_per_database_and_no_stale_lock_after_a_crash(db_path, tmp_path):
    first = instance.InstanceLock(db_path).acquire()
    with pytest.raises(instance.AlreadyRunning, match="Presensi KPPS sudah terbuka"):
        instance.InstanceLock(db_path).acquire()
    # Another database in the same folder is another app's business.
    instance.InstanceLock(tmp_path / "lain.sqlite").acquire().release()
    first.release()
    instance.InstanceLock(db_path).acquire().release()
    # A killed app leaves the file but not the lock.
    code = ("import sys, os; from kpps_desktop.core.instance import InstanceLock; "
            f"InstanceLock({str(db_path)!r}).acquire(); os._exit(9)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 9
    assert instance.lock_path(db_path).is_file()
    instance.InstanceLock(db_path).acquire().release()


def test_cli_restore_refuses_while_the_app_is_open(demo_path, capsys):
    saved = backup.create(demo_path, "manual", now=T)
    with instance.InstanceLock(demo_path):
        assert cli.main(["--db", str(demo_path), "backup", "restore", str(saved), "--yes"]) == 1
    assert "Presensi KPPS sudah terbuka" in capsys.readouterr().err
    assert backup.list_backups(demo_path) == [backup.parse_name(saved)]  # not even a pre-restore backup


# --- finding 7: file names Windows refuses ------------------------------------------------------

@pytest.mark.parametrize("name, words", [
    ("rekap:1.xlsx", ":"), ("kartu*.pdf", "*"), ("apa?.pdf", "?"), ('"rekap".csv', '"'),
    ("a<b>.pdf", "<"), ("a|b.pdf", "|"), ("rekap.", "titik"), ("rekap ", "spasi"),
    ("CON", "CON"), ("con.xlsx", "CON"), ("AUX.pdf", "AUX"), ("nul", "NUL"), ("COM1.csv", "COM1"),
    ("lpt9.txt", "LPT9"), ("", "kosong"), ("x" * 256, "terlalu panjang"),
])
def test_names_windows_refuses_get_an_indonesian_message(name, words):
    with pytest.raises(winfs.FileNameError) as info:
        winfs.check_name(name)
    assert words in str(info.value)


@pytest.mark.parametrize("name", ["rekap-desa.xlsx", "Kartu TPS 001.pdf", "console.pdf", "com10.csv",
                                  "kpps.exe", "daftar hadir (1).pdf", "Kedungmalang 01-11-2024.kpps"])
def test_ordinary_names_pass(name):
    assert winfs.check_name(name) == name


def test_check_path_checks_the_name_not_the_drive_or_share():
    assert winfs.check_path(r"E:\cadangan\rekap.xlsx")
    assert winfs.check_path(r"\\server\share\rekap.xlsx")
    with pytest.raises(winfs.FileNameError):
        winfs.check_path(r"C:\Users\sekretaris\Documents\rekap:1.xlsx")
    with pytest.raises(winfs.FileNameError):
        winfs.check_path("/home/sekretaris/aux.pdf")


def test_derived_names_are_made_safe():
    assert winfs.safe_name('Bimtek: "KPPS" 1/2?') == "Bimtek- -KPPS- 1-2-"
    assert winfs.safe_name("Kedungmalang. ") == "Kedungmalang"
    assert winfs.safe_name("con") == "_con"
    assert winfs.safe_name("  ...  ") == "berkas"
    for text in ("Bimtek: 1", "nul.pdf", "a|b", "x."):
        winfs.check_name(winfs.safe_name(text))


def test_cli_refuses_a_reserved_output_name_before_writing(db_path, tmp_path, capsys):
    cli.main(["init", "--role", "pps", "--wilayah", DESA, "--db", str(db_path)])
    capsys.readouterr()
    out = tmp_path / "rekap:1.xlsx"
    assert cli.main(["--db", str(db_path), "recap", "--by", "tps", "--format", "xlsx", "--out", str(out)]) == 1
    assert "tidak boleh dipakai di Windows" in capsys.readouterr().err
    assert list(tmp_path.glob("rekap*")) == []


# --- finding 8: backups to a network folder -------------------------------------------------------

@pytest.mark.parametrize("path, uri", [
    (r"\\server\share\cadangan\presensi.sqlite", "file:////server/share/cadangan/presensi.sqlite?mode=ro"),
    (r"\\192.168.1.5\KPPS Desa\x.sqlite", "file:////192.168.1.5/KPPS%20Desa/x.sqlite?mode=ro"),
    (r"Z:\cadangan\presensi #1.sqlite", "file:///Z:/cadangan/presensi%20%231.sqlite?mode=ro"),
    ("/media/sekretaris/KPPS/a?b.sqlite", "file:///media/sekretaris/KPPS/a%3Fb.sqlite?mode=ro"),
])
def test_sqlite_uris_for_network_and_mapped_folders(path, uri):
    assert winfs.sqlite_uri(path, mode="ro") == uri
    assert "file://server" not in winfs.sqlite_uri(path)  # what Path.as_uri() gives and SQLite refuses


def test_backup_verified_through_a_uri_with_special_characters(demo_path, tmp_path):
    folder = tmp_path / "KPPS #1 ?share"  # characters a URI must encode
    made = backup.copy_to(demo_path, folder, now=T)
    backup.verify(made)


# --- finding 9: CLI output redirected to a file on Windows (cp1252) --------------------------------

def test_cli_output_redirected_in_cp1252_never_fails_on_a_name(db_path, tmp_path):
    with dbmod.opened(db_path) as db:
        from kpps_desktop.core import installation

        installation.init(db, "pps", DESA)
        born = dt.date(1980, 2, 3)
        roster.add_officer(db, roster.Officer(nik=nikmod.make("332001", born, "P", 1), nama="Ṡiti Ğhaniyyah Ẓahra",
                                              jk="P", tanggal_lahir=born.isoformat(), desa=DESA, tps=1,
                                              jabatan="ketua"))
    out = tmp_path / "daftar.txt"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    for args in (["roster", "list"], ["roster", "list", "--json"]):
        with open(out, "wb") as f:
            run = subprocess.run([sys.executable, "-m", "kpps_desktop.cli", "--db", str(db_path), *args],
                                 stdout=f, stderr=subprocess.PIPE, env=env)
        assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
        assert "Ṡiti Ğhaniyyah Ẓahra" in out.read_bytes().decode("utf-8")


def _start_app(db_path, tmp_path, pre=""):
    """The packaged app's start-up in a subprocess (offscreen), with `pre` run before it."""
    script = pre + "\nimport sys\nfrom kpps_desktop.ui import app\nsys.exit(app.main(sys.argv[1:]))\n"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run([sys.executable, "-c", script, "--db", str(db_path), "--screenshot",
                           str(tmp_path / "shot.png"), "-platform", "offscreen"],
                          capture_output=True, text=True, timeout=120, env=env)


def test_a_second_copy_of_the_app_says_it_is_open_and_touches_nothing(pps_db, db_path, tmp_path):
    pps_db.close()
    with instance.InstanceLock(db_path):
        before = db_path.read_bytes()
        result = _start_app(db_path, tmp_path)
    assert result.returncode == 1
    assert "Presensi KPPS sudah terbuka" in result.stderr and "Traceback" not in result.stderr
    assert db_path.read_bytes() == before and not (tmp_path / "shot.png").exists()
    assert _start_app(db_path, tmp_path).returncode == 0  # once the first has closed


def test_app_starts_on_the_old_database_when_a_pending_restore_cannot_be_applied(demo_path, tmp_path):
    saved = backup.create(demo_path, "manual", now=T)
    backup.schedule_restore(saved, demo_path)
    pre = ("import pathlib\nfrom kpps_desktop.core import backup\nreal = backup._replace_db\n"
           "def held(source, db):\n"
           "    e = PermissionError(13, 'dipakai'); e.winerror = 32\n"
           "    raise backup.BackupError(backup.IN_USE) from e\n"
           "backup._replace_db = held\n")
    result = _start_app(demo_path, tmp_path, pre)
    assert result.returncode == 0, result.stderr
    assert "Pemulihan cadangan dibatalkan" in result.stderr and "Traceback" not in result.stderr
    assert backup.pending_restore(demo_path) is None
    second = _start_app(demo_path, tmp_path, pre)  # the next start: no message, no new backup
    assert second.returncode == 0 and "Pemulihan" not in second.stderr


# --- on a real Windows (the hosted runner of .github/workflows/windows.yml; skipped elsewhere) -----

windows_only = pytest.mark.skipif(sys.platform != "win32", reason="needs Windows' own file locking")


@windows_only
def test_real_windows_a_backup_held_open_is_skipped(demo_path):
    made = [backup.create(demo_path, "daily", now=T + dt.timedelta(days=d)) for d in range(3)]
    with open(made[0], "rb"):  # Python opens without FILE_SHARE_DELETE: a delete is a sharing violation
        result = backup.rotate(demo_path, keep_daily=1, now=T + dt.timedelta(days=3))
    assert result.skipped == [made[0]] and result.deleted == [made[1]]


@windows_only
def test_real_windows_restore_with_the_database_open_is_refused(demo_path):
    saved = backup.create(demo_path, "manual", now=T)
    backup.schedule_restore(saved, demo_path)
    conn = sqlite3.connect(demo_path)  # a second program: -wal and -shm held open
    try:
        conn.execute("SELECT count(*) FROM officers").fetchone()
        with pytest.raises(backup.BackupError, match="sedang dipakai program lain"):
            backup.apply_pending_restore(demo_path)
    finally:
        conn.close()
    assert backup.pending_restore(demo_path) is None


@windows_only
def test_real_windows_backup_to_a_unc_folder(demo_path, tmp_path):
    drive, rest = os.path.splitdrive(str(tmp_path))
    unc = Path(rf"\\localhost\{drive[0]}$" + rest) / "cadangan"  # the administrative share of the same folder
    if not Path(rf"\\localhost\{drive[0]}$").exists():
        pytest.skip("no administrative share here")
    made = backup.copy_to(demo_path, unc, now=T)
    backup.verify(made)
    assert str(made).startswith("\\\\localhost\\")
