"""The one write path (core/fileio.py) and the one user-facing error (core/errors.py)."""

from __future__ import annotations

import errno
import os
import sys

import pytest

from kpps_desktop import cli
from kpps_desktop.core import fileio
from kpps_desktop.core.errors import DiskFullError, FileBusyError, UserError


@pytest.fixture(autouse=True)
def no_retry_wait(monkeypatch):
    monkeypatch.setattr(fileio, "RETRY_DELAYS", (0.0,) * len(fileio.RETRY_DELAYS))


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def sharing_violation(winerror: int = 32) -> PermissionError:
    """What Windows raises when another program holds the file (simulated: Linux has no winerror)."""
    exc = PermissionError(errno.EACCES, "The process cannot access the file because it is being used "
                                        "by another process")
    exc.winerror = winerror
    return exc


def test_write_replaces_the_target_and_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "rekap.csv"
    out.write_text("lama")
    fileio.write_text(out, "baru")
    assert out.read_text() == "baru" and leftovers(tmp_path) == []


def test_a_failing_block_keeps_the_old_file_and_removes_the_temporary_one(tmp_path):
    out = tmp_path / "rekap.xlsx"
    out.write_bytes(b"lama")
    with pytest.raises(RuntimeError):
        with fileio.atomic_path(out) as tmp:
            tmp.write_bytes(b"setengah")
            raise RuntimeError("boom")
    assert out.read_bytes() == b"lama" and leftovers(tmp_path) == []


def test_disk_full_is_a_clear_message_and_leaves_nothing(tmp_path, monkeypatch):
    real = os.write

    def full(fd, data):
        if len(data) > 10:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr(fileio.os, "write", full)
    with pytest.raises(DiskFullError, match="Diska penuh.*pakai diska lain"):
        fileio.write_bytes(tmp_path / "kartu.pdf", b"x" * 100)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("make", ["fifo", "dir", "device_link", "dangling_link"])
def test_a_target_that_is_not_a_regular_file_is_never_replaced(tmp_path, make):
    target = tmp_path / "out.pdf"
    if make == "fifo":
        os.mkfifo(target)
    elif make == "dir":
        target.mkdir()
    elif make == "device_link":  # `--out /dev/stdout` as root: the link must stay a link
        target.symlink_to("/dev/null")
    else:
        target.symlink_to(tmp_path / "nowhere")
    before = os.lstat(target)
    with pytest.raises(UserError, match="bukan berkas biasa|folder|tautan"):
        fileio.write_bytes(target, b"%PDF")
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert leftovers(tmp_path) == []


def test_a_link_to_a_regular_file_replaces_the_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("lama")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    fileio.write_text(link, "baru")
    assert link.is_symlink() and real.read_text() == "baru"


def test_dash_means_standard_output(capfd):
    with fileio.atomic_path("-") as tmp:
        tmp.write_bytes("halo, Budi Ṣ\n".encode())
    assert capfd.readouterr().out == "halo, Budi Ṣ\n"


def test_a_briefly_held_target_is_retried_then_written(tmp_path, monkeypatch):
    out = tmp_path / "rekap.xlsx"
    out.write_bytes(b"lama")
    real, calls = os.replace, []

    def held_twice(src, dst):
        calls.append(dst)
        if len(calls) <= 2:  # an antivirus scan lets go after a moment
            raise sharing_violation(32)
        return real(src, dst)

    monkeypatch.setattr(fileio.os, "replace", held_twice)
    fileio.write_bytes(out, b"baru")
    assert out.read_bytes() == b"baru" and len(calls) == 3 and leftovers(tmp_path) == []


@pytest.mark.parametrize("winerror", [5, 32])
def test_a_target_open_in_another_program_asks_to_close_it(tmp_path, monkeypatch, winerror):
    out = tmp_path / "rekap.xlsx"
    out.write_bytes(b"lama")

    def held(src, dst):
        raise sharing_violation(winerror)

    monkeypatch.setattr(fileio.os, "replace", held)
    with pytest.raises(FileBusyError) as caught:
        fileio.write_bytes(out, b"baru")
    assert "Berkas sedang dibuka di program lain (Excel/penampil PDF); tutup lalu ulangi" in str(caught.value)
    assert out.read_bytes() == b"lama" and leftovers(tmp_path) == []


def test_a_temporary_file_held_by_a_scanner_is_still_removed(tmp_path, monkeypatch):
    real, calls = os.unlink, []

    def scanned(path, *a, **k):
        calls.append(path)
        if len(calls) == 1:
            raise sharing_violation(32)
        return real(path, *a, **k)

    monkeypatch.setattr(fileio.os, "unlink", scanned)
    with pytest.raises(RuntimeError):
        with fileio.atomic_path(tmp_path / "x.pdf") as tmp:
            tmp.write_bytes(b"x")
            raise RuntimeError("batal")
    assert list(tmp_path.iterdir()) == [] and len(calls) == 2


def test_cli_recap_csv_over_a_file_open_in_excel(tmp_path, monkeypatch, capsys):
    from kpps_desktop.core import db as dbmod
    from kpps_desktop.core import demo

    db_path = tmp_path / "kpps.sqlite"
    with dbmod.opened(db_path) as db:
        demo.generate(db, "33.26.16.2006", seed=1)
    out = tmp_path / "rekap.csv"
    out.write_text("lama")
    monkeypatch.setattr(fileio.os, "replace", lambda s, d: (_ for _ in ()).throw(sharing_violation(32)))
    code = cli.main(["recap", "--db", str(db_path), "--format", "csv", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "tutup lalu ulangi" in err and "Traceback" not in err
    assert out.read_text() == "lama" and leftovers(tmp_path) == []


def test_cli_bug_writes_a_report_and_says_where(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KPPS_DB", str(tmp_path / "data" / "kpps.sqlite"))

    def broken(args):
        raise KeyError("bug 3201234567890123")

    monkeypatch.setattr(cli.upkeep, "cmd_wilayah", broken)  # where the parser finds it
    code = cli.main(["wilayah", "33"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "kesalahan yang tidak terduga" in err
    reports = list((tmp_path / "data" / "crash").iterdir())
    assert len(reports) == 1 and str(reports[0]) in err
    text = reports[0].read_text()
    assert "Traceback" in text and "KeyError" in text and "3201234567890123" not in text


def test_every_domain_error_is_a_user_error():
    from kpps_desktop.core import (checkin, crypt, db, demo, exchange, installation, keys, recap, retention,
                                   roster, roster_import, sessions, settings, transport, wilayah)

    for cls in (checkin.CheckinError, crypt.CryptError, db.DatabaseError, demo.DemoError,
                exchange.ExchangeError, installation.InstallationError, keys.KeysError, recap.RecapError,
                retention.RetentionError, roster.RosterError, roster_import.RosterFileError,
                roster_import.ImportRefused, sessions.SessionError, settings.SettingError,
                transport.TransportError, wilayah.WilayahError, cli.CliError):
        assert issubclass(cls, UserError), cls


def test_stdout_is_not_written_before_success(capfd):
    with pytest.raises(RuntimeError):
        with fileio.atomic_path("-") as tmp:
            tmp.write_bytes(b"setengah")
            raise RuntimeError("x")
    assert capfd.readouterr().out == ""
    assert sys.stdout is not None
