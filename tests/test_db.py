"""Opening the database: migrations, durability settings, and refusing files that are not ours."""

import sqlite3

import pytest

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import migrations


def test_new_database_is_migrated_durable_and_has_a_device_id(db_path):
    db = dbmod.open_db(db_path)
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == dbmod.latest_version()
    assert db.conn.execute("PRAGMA application_id").fetchone()[0] == dbmod.APPLICATION_ID
    device = dbmod.device_id(db)
    assert len(device) == 32
    db.close()
    # Reopening keeps the same identity and applies nothing twice.
    again = dbmod.open_db(db_path)
    assert dbmod.device_id(again) == device
    assert {"officers", "sessions", "meta", "settings"} <= set(again.table_names())
    again.close()


def test_each_installation_gets_its_own_device_id(tmp_path):
    a = dbmod.open_db(tmp_path / "a.sqlite")
    b = dbmod.open_db(tmp_path / "b.sqlite")
    assert dbmod.device_id(a) != dbmod.device_id(b)


def test_default_path_follows_kpps_db(monkeypatch, tmp_path):
    monkeypatch.setenv("KPPS_DB", str(tmp_path / "x.sqlite"))
    assert dbmod.default_db_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("KPPS_DB")
    assert dbmod.default_db_path().name == dbmod.DB_FILENAME


def test_text_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("bukan database\n" * 100)
    with pytest.raises(dbmod.DatabaseError, match="bukan database Presensi KPPS"):
        dbmod.open_db(path)
    assert path.read_text().startswith("bukan database")  # untouched


def test_someone_elses_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(dbmod.DatabaseError, match="bukan database Presensi KPPS"):
        dbmod.open_db(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["things"]


def test_database_from_a_newer_app_is_refused(db_path):
    db = dbmod.open_db(db_path)
    db.conn.execute(f"PRAGMA user_version = {dbmod.latest_version() + 1}")
    db.close()
    with pytest.raises(dbmod.DatabaseError, match="lebih baru"):
        dbmod.open_db(db_path)


def test_corrupt_database_is_refused(db_path):
    db = dbmod.open_db(db_path)
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            [(f"k{i}", "x" * 500) for i in range(2000)],
        )
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(db_path.read_bytes())
    for offset in range(8192, len(data) - 4096, 4096):  # scribble over inner pages
        data[offset + 10: offset + 400] = b"\xff" * 390
    db_path.write_bytes(bytes(data))
    with pytest.raises(dbmod.DatabaseError):
        dbmod.open_db(db_path)


def test_failed_migration_rolls_back_everything(db_path, monkeypatch):
    @migrations.migrations(name="9999_broken_for_test")
    def broken(db):
        # Like the real migrations: a script whose second statement fails.
        migrations._run_script(db, """
            CREATE TABLE half_done (x);
            CREATE TRIGGER half_done_t AFTER INSERT ON half_done BEGIN SELECT 1; END;
            INSERT INTO no_such_table VALUES (1);
        """)

    try:
        with pytest.raises(dbmod.DatabaseError):
            dbmod.open_db(db_path)
        conn = sqlite3.connect(db_path)
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='half_done'").fetchone()[0] == 0
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        conn.close()
    finally:
        migrations.migrations._migrations.pop()


def test_settings_round_trip_json(db):
    dbmod.set_setting(db, "transport", {"amount": 50000, "daring": False})
    assert dbmod.get_setting(db, "transport") == {"amount": 50000, "daring": False}
    assert dbmod.get_setting(db, "missing", 7) == 7


def test_a_screen_reader_cannot_write_and_skips_the_checks(db_path):
    import sqlite3

    import pytest

    dbmod.open_db(db_path).close()
    reader = dbmod.open_reader(db_path)
    statements = []
    reader.conn.set_trace_callback(statements.append)
    try:
        assert dbmod.get_meta(reader, "device_id")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            dbmod.set_meta(reader, "x", "y")
    finally:
        reader.close()
    assert not any("quick_check" in s or "integrity_check" in s for s in statements)


def test_a_screen_reader_refuses_a_file_the_runner_has_not_migrated(tmp_path):
    import sqlite3

    import pytest

    path = tmp_path / "lama.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {dbmod.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 3")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(dbmod.DatabaseError, match="belum siap dibaca"):
        dbmod.open_reader(path)
