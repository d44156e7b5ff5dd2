"""Start-up path: the window opens through a plain sqlite3 connection, without importing sqlite-utils."""

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation, roster


def test_connect_migrates_a_new_file_and_a_reader_serves_the_roster(db_path, pps_db, tmp_path):
    # A new file goes through the migrations (the one step that still needs sqlite-utils).
    fresh = tmp_path / "new.sqlite"
    conn = dbmod.connect(fresh)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == dbmod.latest_version()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        conn.close()

    officer = roster.add_officer(pps_db, roster.Officer(
        nik="3320014107900001", nama="Siti Aminah", jk="P", desa="33.20.01.2001", tps=3, jabatan="ketua"))
    reader = dbmod.Reader(dbmod.connect(db_path))
    try:
        assert installation.get(reader).wilayah == "33.20.01.2001"
        [row] = roster.list_table(reader, within="33.20.01")
        assert (row["id"], row["nama"], row["tps"], row["status"]) == (officer.id, "Siti Aminah", 3, "aktif")
        assert dict(row) == {k: v for k, v in roster.list_officers(pps_db)[0].items()
                             if k in roster.TABLE_COLUMNS.split(", ")}
        assert roster.count_officers(reader)["perempuan"] == 1
        assert roster.get_officer(reader, officer.id).nik == "3320014107900001"
    finally:
        reader.close()


def test_connect_refuses_a_file_that_is_not_ours(tmp_path):
    stranger = tmp_path / "other.sqlite"
    conn = sqlite3.connect(stranger)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(dbmod.DatabaseError, match="bukan database Presensi KPPS"):
        dbmod.connect(stranger)


def test_window_shows_the_roster_without_importing_sqlite_utils(db_path, pps_db, tmp_path):
    roster.add_officer(pps_db, roster.Officer(
        nik="3320014107900001", nama="Siti Aminah", jk="P", desa="33.20.01.2001", tps=3, jabatan="ketua"))
    shot = tmp_path / "shot.png"
    script = textwrap.dedent("""
        import gc, sys
        from kpps_desktop.ui import app, main_window
        shown = []
        real_show = main_window.MainWindow.show
        def show(self):
            shown.append((self.roster.model.rowCount(), "sqlite_utils" in sys.modules))
            real_show(self)
        main_window.MainWindow.show = show
        def grab(self):  # the screenshot is taken once the window is up
            shown.append(("collecting", gc.isenabled(), gc.get_freeze_count() > 0))
            return real_grab(self)
        real_grab, main_window.MainWindow.grab = main_window.MainWindow.grab, grab
        code = app.main(["--db", sys.argv[1], "--screenshot", sys.argv[2]])
        print(shown)
        sys.exit(code)
    """)
    result = subprocess.run([sys.executable, "-c", script, str(db_path), str(shot), "-platform", "offscreen"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    # One officer in the table, sqlite-utils not yet loaded; the garbage collector paused for the
    # start-up is back on once the window is up, with what start-up built set aside (frozen).
    assert result.stdout.strip() == "[(1, False), ('collecting', True, True)]"
    assert shot.stat().st_size > 0


def test_a_damaged_file_is_reported_by_the_check_after_the_window_shows(db_path, pps_db, tmp_path):
    """The integrity check moved off the start-up path still refuses a damaged file, clearly."""
    roster.add_officer(pps_db, roster.Officer(
        nik="3320014107900001", nama="Siti Aminah", jk="P", desa="33.20.01.2001", tps=3, jabatan="ketua"))
    with pps_db.atomic():  # pages the window never reads: settings rows, scribbled over below
        pps_db.conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)",
                                [(f"k{i}", "x" * 500) for i in range(2000)])
    pps_db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pps_db.close()
    data = bytearray(db_path.read_bytes())
    settings_root = sqlite3.connect(db_path).execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'settings'").fetchone()[0]
    pages = len(data) // 4096
    for page in range(pages - 40, pages - 1):  # the settings rows went in last, at the end of the file
        if page + 1 != settings_root:
            data[page * 4096 + 10: page * 4096 + 400] = b"\xff" * 390
    db_path.write_bytes(bytes(data))
    result = subprocess.run([sys.executable, "-m", "kpps_desktop", "--db", str(db_path), "--screenshot",
                             str(tmp_path / "shot.png"), "-platform", "offscreen"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "rusak" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_kpu_start_paints_first_then_reads_its_recap_for_the_screenshot(db_path, tmp_path):
    """KPPS_STARTUP_TRACE (bench/bench_gui.py): the window's first paint comes before its start
    page's data, and --screenshot still waits for that data (a KPU's picture shows a filled recap)."""
    import os

    from kpps_desktop.core import demo

    with dbmod.opened(db_path) as db:
        demo.generate(db)  # Jepara, a KPU: the start page is the recap
    trace, shot = tmp_path / "start.trace", tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "-m", "kpps_desktop", "--db", str(db_path), "--screenshot", str(shot),
                             "-platform", "offscreen"], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, KPPS_STARTUP_TRACE=str(trace)))
    assert result.returncode == 0, result.stderr
    marks = [line.split() for line in trace.read_text().splitlines()]
    assert [label for label, _ns in marks] == ["painted", "ready"]
    assert int(marks[0][1]) <= int(marks[1][1]) <= shot.stat().st_mtime_ns


def test_an_unwritable_startup_trace_does_not_stop_the_app(db_path, pps_db, tmp_path):
    import os

    shot = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "-m", "kpps_desktop", "--db", str(db_path), "--screenshot", str(shot),
                             "-platform", "offscreen"], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, KPPS_STARTUP_TRACE=str(tmp_path / "no" / "such" / "t.trace")))
    assert result.returncode == 0 and shot.stat().st_size > 0, result.stderr
    assert "KPPS_STARTUP_TRACE" in result.stderr and "Traceback" not in result.stderr
