"""Fault injection, one test per row of issue #15's table: every fault ends in an Indonesian
message and exit status 1, no traceback, no half-written file, and the database unchanged.

Real faults where this machine allows them (a 64 KiB tmpfs that fills up, a lock held by another
connection, chattr +i, a read-only remount, a FIFO, a ZIP bomb); see docs/reliability.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
import zlib

import openpyxl
import pytest

from helpers.cli import run
from kpps_desktop.core import audit, backup, cards, checkin, demo, installation, nik, sessions
from kpps_desktop.core import db as dbmod

DESA = "33.20.01.2001"  # Kedungmalang, Kedung, Jepara

# The PDF tests draw through Qt: the QApplication pytest-qt's GUI tests expect, made first, so a
# bare QGuiApplication from render.ensure_gui_app never stands in its way later in the run.
pytestmark = pytest.mark.usefixtures("qapp")


# --- set-up ------------------------------------------------------------------------------------

@pytest.fixture
def pps(tmp_path):
    """A PPS database with a demo roster, every card issued, one session: its path."""
    path = tmp_path / "kpps.sqlite"
    with dbmod.opened(path) as db:
        installation.init(db, "pps", DESA)
        demo.generate(db, DESA, seed=3)
        cards.issue_missing(db)
        s = next(x for x in sessions.list_sessions(db) if x.kind == "pelantikan")
        when = dt.datetime.combine(dt.date.fromisoformat(s.date), dt.time(7, 50)).astimezone()
        for o in sessions.expected_officers(db, s.id)[:5]:  # someone to pay transport to
            checkin.check_in_officer(db, s.id, o["id"], when, "manual", "kartu tertinggal")
    return path


def snapshot(path) -> dict:
    """Every row of every table (the audit log included), to prove that nothing changed."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        conn.text_factory = bytes
        # The recap's counts are a cache a read may refresh (core/tally.py): not data.
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names
                if not n.startswith("recap_")} | {
            "meta": conn.execute("SELECT * FROM meta WHERE key NOT LIKE 'recap%' ORDER BY 1").fetchall()}
    finally:
        conn.close()


def refused(code: int, out: str, err: str, *fragments: str) -> None:
    """Exit 1, the message on stderr in Indonesian, no traceback, no success line."""
    assert code == 1, (out, err)
    assert "Traceback" not in err and "Traceback" not in out, err
    assert "Error:" not in err and "Errno" not in err, err  # no raw English exception text
    for fragment in fragments:
        assert fragment in err or fragment in out, (fragment, err, out)
    assert "ditulis ke" not in out and "selesai" not in out


@contextlib.contextmanager
def tmpfs(folder, size="64k"):
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def session_id(path) -> str:
    with dbmod.opened(path) as db:
        return next(s.id for s in sessions.list_sessions(db) if s.status == "open" or True)


# --- bad names -----------------------------------------------------------------------------------

def _roster(folder, name, ext=".xlsx"):
    born = dt.date(1990, 3, 12)
    rows = [["NIK", "NAMA", "JK", "TGL LAHIR", "DESA", "TPS", "JABATAN"],
            [nik.make("332001", born, "L", 901), name, "L", "12-03-1990", "Kedungmalang", 1, "ANGGOTA KPPS"]]
    path = folder / f"petugas{ext}"
    if ext == ".csv":
        path.write_text("\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    else:
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(path)
    return path


@pytest.mark.parametrize("name, ext, fragment", [
    ("A" * 600, ".xlsx", "terlalu panjang"),
    ("Budi\x00Santoso", ".csv", "karakter kendali"),
    ("Budi \u202eolrolS", ".xlsx", "tanda arah teks"),
])
def test_a_bad_name_is_refused_at_import(pps, tmp_path, capsys, name, ext, fragment):
    before = snapshot(pps)
    code, out, err = run(capsys, "roster", "import", str(_roster(tmp_path, name, ext)), "--db", str(pps))
    refused(code, out, err, fragment, "Tidak ada yang diimpor")
    assert snapshot(pps) == before


def test_a_control_character_stored_earlier_still_exports(pps, tmp_path, capsys):
    """Written before the validator existed: the transport XLSX shows it as U+FFFD instead of crashing."""
    with dbmod.opened(pps) as db:
        sid = next(s.id for s in sessions.list_sessions(db) if s.kind == "pelantikan")
        with db.atomic():
            db.conn.execute("UPDATE officers SET nama = 'Budi' || char(0) || 'Santoso' WHERE id = "
                            "(SELECT officer_id FROM attendance WHERE session_id = ? ORDER BY rowid LIMIT 1)", (sid,))
    code, out, err = run(capsys, "transport", "--session", sid, "--out", str(tmp_path / "t.xlsx"), "--db", str(pps))
    assert code == 0, err
    values = [c for row in openpyxl.load_workbook(tmp_path / "t.xlsx").active.values for c in row]
    assert "Budi\ufffdSantoso" in values


# --- hostile input files ----------------------------------------------------------------------------

def _bomb(path, inflated=64 * 2**20):
    """A real workbook whose sheet is padded with `inflated` bytes of spaces: ~1000x compression."""
    wb = openpyxl.Workbook()
    wb.active.append(["NIK", "NAMA"])
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("sheet1.xml"):
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * inflated)
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


def test_an_xlsx_bomb_is_refused_quickly_before_openpyxl(pps, tmp_path, capsys):
    bomb = _bomb(tmp_path / "bom.xlsx")
    assert bomb.stat().st_size < 2**20
    before = snapshot(pps)
    started = time.perf_counter()
    code, out, err = run(capsys, "roster", "import", str(bomb), "--db", str(pps))
    elapsed = time.perf_counter() - started
    refused(code, out, err, "ditolak", "mengembang")
    assert elapsed < 3.0 and "openpyxl" not in err
    assert snapshot(pps) == before


def test_a_byte_flipped_xlsx_is_a_message(pps, tmp_path, capsys):
    good = _roster(tmp_path, "Budi Santoso")
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        sheet = zf.getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename) + len(sheet.extra)
    data[start + sheet.compress_size // 2] ^= 0xFF  # inside the sheet's deflate stream
    flipped = tmp_path / "rusak.xlsx"
    flipped.write_bytes(bytes(data))
    before = snapshot(pps)
    code, out, err = run(capsys, "roster", "import", str(flipped), "--db", str(pps))
    refused(code, out, err, "tidak dapat dibaca")
    assert "zlib" not in err and snapshot(pps) == before


@pytest.mark.parametrize("kind", ["fifo", "dev_zero"])
def test_a_fifo_or_a_device_is_refused_at_once(pps, tmp_path, capsys, kind):
    src = tmp_path / "petugas.csv"
    if kind == "fifo":
        os.mkfifo(src)  # reading it would wait forever for a writer
    else:
        src.symlink_to("/dev/zero")  # reading it would never end
    code, out, err = run(capsys, "roster", "import", str(src), "--db", str(pps))
    refused(code, out, err, "bukan berkas biasa")


@pytest.mark.parametrize("kind", ["fifo", "dev_zero"])
@pytest.mark.parametrize("command", [["import"], ["init", "--from"], ["daring", "import", "--session", "SESI"]])
def test_handover_setup_and_meeting_files_that_are_a_fifo_or_a_device_are_refused_at_once(
        pps, tmp_path, capsys, kind, command):
    """`kpps import /dev/zero` ended in a MemoryError and a FIFO hung it forever."""
    src = tmp_path / "berkas.kpps"
    if kind == "fifo":
        os.mkfifo(src)
    else:
        src.symlink_to("/dev/zero")
    db = pps if command[0] != "init" else tmp_path / "baru.sqlite"
    if "SESI" in command:
        conn = sqlite3.connect(pps)
        session_id = conn.execute("SELECT id FROM sessions").fetchone()[0]
        conn.close()
        command = [session_id if c == "SESI" else c for c in command]
    before = snapshot(pps)
    code, out, err = run(capsys, *command, str(src), "--db", str(db))
    assert code == 1 and "bukan berkas biasa" in err and "Traceback" not in err, err
    assert snapshot(pps) == before


# --- the database's own faults --------------------------------------------------------------------

def test_a_lock_held_by_another_program_is_a_message(pps, capsys, monkeypatch):
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT", 0.3)
    before = snapshot(pps)
    other = sqlite3.connect(pps)
    other.execute("BEGIN IMMEDIATE")  # another program's write transaction, held
    try:
        code, out, err = run(capsys, "session", "create", "--kind", "bimtek", "--title", "Bimtek 2",
                             "--date", "2024-11-20", "--desa", DESA, "--db", str(pps))
    finally:
        other.rollback()
        other.close()
    refused(code, out, err, "sedang dipakai program lain", "ulangi")
    assert snapshot(pps) == before


def test_an_immutable_database_reads_and_refuses_writes_without_calling_it_damaged(pps, capsys):
    with dbmod.opened(pps) as db:
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{pps}{suffix}")
    if subprocess.run(["chattr", "+i", str(pps)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        before = snapshot(pps)
        code, out, err = run(capsys, "roster", "list", "--db", str(pps))
        assert code == 0 and "petugas." in err and "\t" in out, err
        code, out, err = run(capsys, "session", "create", "--kind", "bimtek", "--title", "Bimtek 2",
                             "--date", "2024-11-20", "--desa", DESA, "--db", str(pps))
        refused(code, out, err, "tidak dapat ditulis")
        assert "rusak" not in err
        assert snapshot(pps) == before
    finally:
        subprocess.run(["chattr", "-i", str(pps)], check=True)


def test_a_read_only_medium_reads_and_refuses_writes(pps, tmp_path, capsys):
    with tmpfs(tmp_path / "ro", "8m") as mnt:
        backup.create(pps, "manual", dest_dir=mnt)
        copy = next(mnt.iterdir()).rename(mnt / "kpps.sqlite")
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        code, out, err = run(capsys, "roster", "list", "--db", str(copy))
        assert code == 0, err
        code, out, err = run(capsys, "session", "create", "--kind", "bimtek", "--title", "Bimtek 2",
                             "--date", "2024-11-20", "--desa", DESA, "--db", str(copy))
        refused(code, out, err, "hanya-baca")
        assert "rusak" not in err


def test_a_missing_folder_for_db_is_an_error_not_a_new_database(tmp_path, capsys):
    target = tmp_path / "usb-belum-dipasang" / "kpps.sqlite"
    code, out, err = run(capsys, "roster", "list", "--db", str(target))
    refused(code, out, err, "tidak ada", "database tidak dibuat")
    assert not target.parent.exists()


def test_the_per_user_default_folder_is_still_made_on_first_run(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KPPS_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    code, out, err = run(capsys, "roster", "list")
    assert code == 0 and dbmod.user_db_path().is_file(), err


def test_db_pointing_at_a_directory_is_refused(tmp_path, capsys):
    code, out, err = run(capsys, "roster", "list", "--db", str(tmp_path))
    refused(code, out, err, "adalah folder")


def test_a_zero_byte_database_is_refused_not_replaced(tmp_path, capsys):
    empty = tmp_path / "kpps.sqlite"
    empty.touch()
    code, out, err = run(capsys, "roster", "list", "--db", str(empty))
    refused(code, out, err, "kosong (0 bait)", "cadangan")
    assert empty.stat().st_size == 0


def test_undecodable_text_is_reported_and_the_rest_listed(pps, capsys):
    with dbmod.opened(pps) as db:
        total = db.conn.execute("SELECT count(*) FROM officers").fetchone()[0]
        bad_id = db.conn.execute("SELECT id FROM officers ORDER BY rowid LIMIT 1").fetchone()[0]
        with db.atomic():
            db.conn.execute("UPDATE officers SET nama = CAST(x'4275ff6469' AS TEXT) WHERE id = ?", (bad_id,))
    code, out, err = run(capsys, "roster", "list", "--db", str(pps))
    assert code == 0 and "Traceback" not in err
    assert len(out.strip().splitlines()) == total and "Bu\ufffddi" in out
    assert f"petugas {bad_id}" in err and "tidak dapat dibaca" in err


# --- disk full -------------------------------------------------------------------------------------

def _audit_count(path) -> int:
    with dbmod.opened(path) as db:
        return len(audit.entries(db))


@pytest.mark.parametrize("argv", [
    ["cards", "--out", "{mnt}/kartu.pdf"],
    ["daftar-hadir", "--session", "{sid}", "--out", "{mnt}/hadir.pdf"],
    ["recap", "--format", "pdf", "--out", "{mnt}/rekap.pdf"],
    ["transport", "--session", "{sid}", "--out", "{mnt}/transport.pdf"],
], ids=["cards", "daftar-hadir", "recap-pdf", "transport"])
def test_a_full_disk_while_printing_leaves_no_file_and_logs_no_print(pps, tmp_path, capsys, argv):
    with dbmod.opened(pps) as db:
        sid = next(s.id for s in sessions.list_sessions(db) if s.kind == "pelantikan")
    prints = _audit_count(pps)
    before = snapshot(pps)
    with tmpfs(tmp_path / "usb", "16k") as mnt:
        args = [a.format(mnt=mnt, sid=sid) for a in argv]
        code, out, err = run(capsys, *args, "--db", str(pps))
        refused(code, out, err, "penuh")
        assert os.listdir(mnt) == []
    assert _audit_count(pps) == prints and snapshot(pps) == before


def test_a_full_disk_during_check_in_is_a_message_and_earlier_check_ins_survive(pps, tmp_path, capsys):
    with tmpfs(tmp_path / "data", "8m") as mnt:
        db_path = mnt / "kpps.sqlite"
        backup.create(pps, "manual", dest_dir=mnt)
        next(p for p in mnt.iterdir() if p.name.startswith("presensi-")).rename(db_path)
        with dbmod.opened(db_path) as db:
            sid = next(s.id for s in sessions.list_sessions(db) if s.kind == "pelantikan")
            codes = list(cards.current_codes(db).values())
            earlier = db.conn.execute("SELECT count(*) FROM attendance WHERE session_id = ?", (sid,)).fetchone()[0]
        # --any-day: the demo's pelantikan is not dated today (kpps checkin refuses that otherwise).
        code, out, _ = run(capsys, "checkin", "--session", sid, codes[-1], "--any-day", "--db", str(db_path))
        assert code == 0 and json.loads(out)["result"] == "accepted"
        # Fill what is left of the medium.
        with contextlib.suppress(OSError), open(mnt / "pengisi", "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
        code, out, err = run(capsys, "checkin", "--session", sid, codes[-2], "--any-day", "--db", str(db_path))
        if code == 0:  # SQLite had room left in pages it already owned; fill those too
            pytest.skip("the WAL still had room")
        refused(code, out, err, "penuh")
        os.unlink(mnt / "pengisi")
        with dbmod.opened(db_path) as db:
            done = db.conn.execute("SELECT count(*) FROM attendance WHERE session_id = ?", (sid,)).fetchone()[0]
        assert done == earlier + 1  # the acknowledged check-in survived, the refused one left nothing


def test_recap_out_dev_stdout_never_replaces_the_device(pps, capsys):
    before = os.lstat("/dev/stdout")
    code, out, err = run(capsys, "recap", "--format", "csv", "--out", "/dev/stdout", "--db", str(pps))
    refused(code, out, err, "bukan berkas biasa", "'-'")
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


# --- no display ---------------------------------------------------------------------------------------

def test_the_gui_without_a_display_says_so_in_indonesian(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "kpps_desktop", "--db", str(tmp_path / "k.sqlite")],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 1
    assert "memerlukan sesi desktop" in result.stderr and "xcb" not in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_display_problem_names_the_missing_xcb_cursor_library(monkeypatch):
    import ctypes.util

    from kpps_desktop.ui import app

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    assert app.display_problem([], {"DISPLAY": ":0"}, "linux") == app.NO_XCB_CURSOR
    assert app.display_problem([], {}, "linux") == app.NO_DISPLAY
    assert app.display_problem([], {}, "win32") is None
    assert app.display_problem(["-platform", "offscreen"], {}, "linux") is None


# --- the audit log ------------------------------------------------------------------------------------

def _tamper(path) -> list[str]:
    """What the issue did: DROP TRIGGER, then DELETE the exports and NIK reveals."""
    conn = sqlite3.connect(path)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM audit_log WHERE action IN ('export', 'reveal_nik') "
                                          "ORDER BY rowid")]
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE action IN ('export', 'reveal_nik')")
        conn.commit()
        return ids
    finally:
        conn.close()


def _with_entries(path):
    with dbmod.opened(path) as db:
        audit.record(db, "print", "kartu", DESA, 10)
        audit.record(db, "export", "rekap", DESA, 3, {"file": "rekap.xlsx"})
        audit.record(db, "reveal_nik", "daftar_hadir", DESA, 12)
        audit.record(db, "print", "daftar_hadir", DESA, 12)


def test_audit_verify_passes_an_intact_log_and_its_backup(pps, capsys):
    _with_entries(pps)
    code, out, err = run(capsys, "audit", "verify", "--db", str(pps))
    assert code == 0 and "utuh" in out, err
    copy = backup.create(pps, "manual")
    code, out, err = run(capsys, "audit", "verify", "--db", str(copy))
    assert code == 0 and "utuh" in out, err


def test_audit_verify_names_the_first_broken_entry(pps, capsys):
    _with_entries(pps)
    with dbmod.opened(pps) as db:
        order = [e.id for e in audit.entries(db)]
    deleted = _tamper(pps)
    first_after = next(i for i in order[order.index(deleted[0]):] if i not in deleted)
    code, out, err = run(capsys, "audit", "verify", "--db", str(pps))
    refused(code, out, err, "Log audit tidak utuh", first_after)


def test_audit_verify_sees_entries_cut_off_the_end(pps, capsys):
    _with_entries(pps)
    conn = sqlite3.connect(pps)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE rowid = (SELECT max(rowid) FROM audit_log)")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "audit", "verify", "--db", str(pps))
    refused(code, out, err, "1 catatan terakhir dihapus")


def test_the_gui_warns_at_start_when_the_chain_is_broken(pps, tmp_path):
    _with_entries(pps)
    _tamper(pps)
    result = subprocess.run([sys.executable, "-m", "kpps_desktop", "--db", str(pps), "--screenshot",
                             str(tmp_path / "shot.png"), "-platform", "offscreen"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "log audit tidak utuh" in result.stderr.lower() and "Traceback" not in result.stderr


# --- handover containers: deflate padding bits ----------------------------------------------------------

def test_a_flipped_deflate_padding_bit_is_refused(tmp_path):
    """The case the fuzz test met about once in 14 seeds: every bit of every member's last byte."""
    from helpers.exchange import export as export_file
    from helpers.exchange import full_dump, import_ok, new_install

    from kpps_desktop.core import exchange

    kpu = new_install(tmp_path / "kpu.sqlite", "kpu", "33.20")
    demo.generate(kpu, DESA, seed=1)
    good = export_file(kpu, tmp_path / "down.kpps", DESA).path.read_bytes()
    kpu.close()
    receiver = new_install(tmp_path / "pps.sqlite", "pps", DESA)
    before = full_dump(receiver)
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        infos = zf.infolist()
    tried = 0
    for info in infos:
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        last = start + info.compress_size - 1
        for bit in range(8):
            mutated = bytearray(good)
            mutated[last] ^= 1 << bit
            path = tmp_path / "m.kpps"
            path.write_bytes(bytes(mutated))
            report = exchange.import_file(receiver, path, trust_new=True)
            assert report.status == "refused", (info.filename, bit)
            tried += 1
    assert tried == 8 * len(infos) and full_dump(receiver) == before
    import_ok(receiver, tmp_path / "down.kpps", trust_new=True)  # the untouched file still imports
    receiver.close()


def test_padding_check_accepts_what_zlib_writes():
    from kpps_desktop.core.exchange import container

    for size in (0, 1, 5, 100, 70_000, 300_000):
        data = os.urandom(size // 2) + b"a" * (size - size // 2)
        member = container._deflate_bytes("signature", data)
        assert b"".join(container._inflate_raw(member)) == data
    assert zlib.decompress(container._deflate_bytes("x", b"abc").raw, -15) == b"abc"


def test_the_audit_warning_box_stays_open_over_the_window(qtbot, monkeypatch):
    """Parented to the window: a box nobody holds would be collected before it shows."""
    from PySide6.QtWidgets import QMainWindow

    from kpps_desktop.ui import app

    monkeypatch.setattr(app, "_can_show_dialogs", lambda: True)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    broken = audit.Break(2, "01ab", "2024-11-07T01:00:00+00:00", "catatan ini diubah, atau catatan sebelumnya dihapus")
    app._warn(app.audit_warning(broken), window)
    import gc

    gc.collect()
    box = window.findChild(app.QtWidgets.QMessageBox, "auditWarning")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "log audit tidak utuh" in box.text() and "01ab" in box.text()
    box.close()
