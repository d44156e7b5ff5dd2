"""Backups: online copies while check-ins are written, verification, rotation, restore, the CLI."""

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest

from kpps_desktop import cli
from kpps_desktop.core import backup, demo, migrations, roster
from kpps_desktop.core import db as dbmod

DESA = "33.20.01.2001"
T = dt.datetime(2024, 11, 7, 9, 30, 0)


@pytest.fixture
def demo_path(db_path):
    with dbmod.opened(db_path) as db:
        demo.generate(db, DESA)
    return db_path


def _count(path, table="officers"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- making backups --------------------------------------------------------------------------

def test_backup_is_a_verified_standalone_copy_with_a_dated_name(demo_path):
    path = backup.create(demo_path, "manual", now=T)
    assert path == demo_path.parent / "backups" / "presensi-20241107-093000-manual.sqlite"
    assert _count(path) == 63
    conn = sqlite3.connect(path)
    # Standalone: no WAL mode, so copying the one file copies everything.
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == dbmod.APPLICATION_ID
    conn.close()
    assert [f.name for f in path.parent.iterdir()] == [path.name]  # no temporary file left
    # Same second, same reason: a second file, not an overwrite.
    again = backup.create(demo_path, "manual", now=T)
    assert again.name == "presensi-20241107-093000-manual.2.sqlite"
    assert [b.path for b in backup.list_backups(demo_path)] == [again, path]


def test_a_file_that_is_not_ours_is_not_backed_up_and_leaves_nothing(tmp_path):
    stranger = tmp_path / "other.sqlite"
    conn = sqlite3.connect(stranger)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(backup.BackupError, match="bukan database Presensi KPPS"):
        backup.create(stranger, "manual")
    assert list((tmp_path / "backups").iterdir()) == []
    with pytest.raises(backup.BackupError, match="tidak ada"):
        backup.create(tmp_path / "missing.sqlite")
    with pytest.raises(ValueError):
        backup.create(stranger, "Bad Reason")


WRITER = r"""
import datetime as dt, sys
from kpps_desktop.core import checkin, roster, sessions
from kpps_desktop.core import db as dbmod

db = dbmod.open_db(sys.argv[1])
session = sessions.list_sessions(db)[0]
officers = [o["id"] for o in roster.list_officers(db)]
now = dt.datetime(2024, 11, 7, 8, 0).astimezone()
i = 0
while True:
    officer = officers[i % len(officers)]
    result = checkin.check_in_officer(db, session.id, officer, now, "manual", "kartu tertinggal")
    # Printed only after check_in_officer returned, i.e. after the commit: "acknowledged".
    print(result.event_id, flush=True)
    checkin.undo(db, result.event_id, "uji", now)  # so the same officer can check in again
    i += 1
"""


def test_backup_taken_while_another_process_writes_check_ins_is_consistent(demo_path):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(demo_path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    with writer:  # closes the pipes
        try:
            acknowledged = [writer.stdout.readline().strip() for _ in range(30)]
            assert all(acknowledged), writer.stderr.read() if writer.poll() is not None else acknowledged
            first = backup.create(demo_path, "manual")
            acknowledged += [writer.stdout.readline().strip() for _ in range(30)]
            second = backup.create(demo_path, "manual")
            acknowledged_before_second = list(acknowledged)
            assert writer.poll() is None, "the writer kept running during both backups"
        finally:
            writer.kill()
    for path, acked in ((first, acknowledged[:30]), (second, acknowledged_before_second)):
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        events = {r[0] for r in conn.execute("SELECT id FROM attendance")}
        assert set(acked) <= events
        # Each check-in's undo comes in its own transaction: a consistent copy never has an
        # undo without the event it undoes.
        orphans = conn.execute("SELECT count(*) FROM attendance u WHERE u.status = 'undo' AND "
                               "NOT EXISTS (SELECT 1 FROM attendance e WHERE e.id = u.corrects)").fetchone()[0]
        assert orphans == 0
        conn.close()
    assert _count(second, "attendance") > _count(first, "attendance")


# --- rotation -----------------------------------------------------------------------------

def test_daily_backup_once_a_day_and_rotation_keeps_the_newest(demo_path):
    with dbmod.opened(demo_path) as db:
        dbmod.set_setting(db, "backup_keep", 3)
    made = [backup.daily_backup(demo_path, now=T + dt.timedelta(days=d)) for d in range(5)]
    assert all(made)
    assert backup.daily_backup(demo_path, now=T + dt.timedelta(days=4, hours=3)) is None  # same day
    daily = [b.path for b in backup.list_backups(demo_path)]
    assert daily == made[:1:-1]  # the newest 3, newest first
    # Manual backups are never rotated away.
    manual = backup.create(demo_path, "manual", now=T - dt.timedelta(days=400))
    backup.rotate(demo_path, keep_daily=1, now=T + dt.timedelta(days=5))
    assert [b.path for b in backup.list_backups(demo_path)] == [made[4], manual]


def test_pre_change_backups_kept_thirty_days_or_the_newest_ten(demo_path):
    made = [backup.backup_before(demo_path, "pre-import", now=T + dt.timedelta(days=d)) for d in range(14)]
    # Day 13: everything is younger than 30 days, so all 14 stay.
    assert len(backup.list_backups(demo_path)) == 14
    # 100 days later: only the newest 10 remain.
    removed = backup.rotate(demo_path, now=T + dt.timedelta(days=113)).deleted
    assert sorted(removed) == sorted(made[:4])
    assert [b.path for b in backup.list_backups(demo_path)] == made[:3:-1]
    with pytest.raises(ValueError):
        backup.backup_before(demo_path, "whenever")
    assert backup.backup_before(demo_path.parent / "none.sqlite", "pre-import") is None


def test_migrating_a_database_with_data_backs_it_up_first(demo_path):
    old_version = dbmod.latest_version()

    @migrations.migrations(name="9999_test_extra_table")
    def extra(db):
        db.execute("CREATE TABLE extra_for_test (x)")

    try:
        dbmod.open_db(demo_path).close()
        [pre] = backup.list_backups(demo_path)
        assert pre.reason == "pre-migration"
        conn = sqlite3.connect(pre.path)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == old_version  # the schema before
        assert conn.execute("SELECT count(*) FROM officers").fetchone()[0] == 63
        conn.close()
    finally:
        migrations.migrations._migrations.pop()


def test_a_new_empty_database_is_not_backed_up_when_created(db_path):
    dbmod.open_db(db_path).close()
    assert backup.list_backups(db_path) == []


# --- restore ---------------------------------------------------------------------------------

def test_restore_brings_the_backup_back_and_keeps_the_replaced_database(demo_path):
    saved = backup.create(demo_path, "manual", now=T)
    with dbmod.opened(demo_path) as db:
        officer = roster.list_officers(db)[0]
        db.conn.execute("DELETE FROM session_officers")
        db.conn.execute("UPDATE officers SET nama = 'Diubah Sesudah Cadangan' WHERE id = ?", (officer["id"],))
        db.conn.commit()
    pre = backup.restore(saved, demo_path, now=T + dt.timedelta(hours=1))
    assert pre.name == "presensi-20241107-103000-pre-restore.sqlite"
    with dbmod.opened(demo_path) as db:
        assert roster.get_officer(db, officer["id"]).nama == officer["nama"]
    conn = sqlite3.connect(pre)
    assert conn.execute("SELECT nama FROM officers WHERE id = ?", (officer["id"],)).fetchone()[0] == \
        "Diubah Sesudah Cadangan"
    conn.close()
    assert not any(p.name.startswith(".restore") for p in demo_path.parent.iterdir())


@pytest.mark.parametrize("content", ["stranger", "garbage"])
def test_restore_refuses_a_file_that_is_not_our_backup_and_changes_nothing(demo_path, tmp_path, content):
    bad = tmp_path / "bad.sqlite"
    if content == "stranger":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    else:
        bad.write_bytes(os.urandom(8192))
    before = _digest(demo_path)
    with pytest.raises(backup.BackupError):
        backup.restore(bad, demo_path)
    assert _digest(demo_path) == before
    assert backup.list_backups(demo_path) == []  # not even a pre-restore backup
    with pytest.raises(backup.BackupError, match="tidak ada"):
        backup.restore(tmp_path / "missing.sqlite", demo_path)


def test_scheduled_restore_is_applied_before_the_next_open(demo_path):
    saved = backup.create(demo_path, "manual", now=T)
    with dbmod.opened(demo_path) as db:
        db.conn.execute("DELETE FROM session_officers")
        db.conn.execute("DELETE FROM sessions")
        db.conn.commit()
    assert backup.apply_pending_restore(demo_path) is None  # nothing scheduled
    pending = backup.schedule_restore(saved, demo_path)
    assert backup.pending_restore(demo_path) == pending
    assert _count(demo_path, "sessions") == 0  # not yet: the running app still has the file open
    pre = backup.apply_pending_restore(demo_path, now=T + dt.timedelta(hours=1))
    assert pre is not None and _count(pre, "sessions") == 0
    assert _count(demo_path, "sessions") == 2
    assert backup.pending_restore(demo_path) is None


def test_copy_to_usb_folder(demo_path, tmp_path):
    usb = tmp_path / "FLASHDISK" / "cadangan"
    path = backup.copy_to(demo_path, usb, now=T)
    assert path == usb / "presensi-20241107-093000-usb.sqlite"
    backup.verify(path)
    assert backup.list_backups(demo_path) == []  # the USB copy is not one of the rotating backups


# --- command line --------------------------------------------------------------------------------

def test_cli_backup_create_list_restore(demo_path, tmp_path, capsys):
    assert cli.main(["backup", "create", "--db", str(demo_path)]) == 0
    made = capsys.readouterr().out.split(": ", 1)[1].strip()
    assert cli.main(["backup", "create", "--db", str(demo_path), "--out", str(tmp_path / "usb")]) == 0
    assert "usb" in capsys.readouterr().out
    assert cli.main(["backup", "list", "--db", str(demo_path)]) == 0
    out = capsys.readouterr()
    assert made in out.out and "manual" in out.out and "1 cadangan" in out.err
    # Without --yes and without a terminal: refused, nothing changed.
    before = _digest(demo_path)
    assert cli.main(["backup", "restore", made, "--db", str(demo_path)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert _digest(demo_path) == before
    assert cli.main(["backup", "restore", made, "--db", str(demo_path), "--yes"]) == 0
    assert "dicadangkan ke" in capsys.readouterr().out
    assert cli.main(["backup", "restore", str(tmp_path / "nope.sqlite"), "--db", str(demo_path), "--yes"]) == 1
    assert "tidak ada" in capsys.readouterr().err
