"""The one way the app writes a file: all or nothing, never over a device, clear when it fails.

Every file the app writes (PDF, XLSX, CSV, JSON, backups, handover files, templates) goes
through `atomic_path` (for libraries that write to a path themselves: openpyxl, QPdfWriter,
SQLite's backup) or `write_bytes`/`write_text`. The data lands in a temporary file in the
target's own folder, is synced to the disk, then renamed over the target, and the folder is
synced so the rename survives a power cut. A failure of any kind removes the temporary file
and leaves the old target (or none), never a half-written file under the final name, and
raises a `UserError` whose Indonesian message says what to do (docs/reliability.md).

`-` as the target means standard output (`kpps recap --out -`). An existing target that is not
a regular file (a folder, a FIFO, `/dev/stdout`, a device) is refused rather than replaced.
On Windows a target another program holds open (Excel, a PDF viewer, an antivirus scan)
refuses the rename with a sharing violation: the rename is retried for about two seconds,
then the user is asked to close the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

from kpps_desktop.core import winfs
from kpps_desktop.core.errors import DiskFullError, FileBusyError, ReadOnlyError, UserError

STDOUT = "-"

# Windows error codes: ERROR_ACCESS_DENIED (a file open without FILE_SHARE_DELETE, or being
# deleted), ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION. Antivirus scanners hold a new file
# for a moment, so these are retried before the user is asked to close the other program.
SHARING_VIOLATIONS = frozenset({5, 32, 33})
# ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL; ERROR_WRITE_PROTECT.
_WIN_DISK_FULL = frozenset({39, 112})
_WIN_WRITE_PROTECT = 19

# Seconds to wait before each retry of a refused rename or delete: about two seconds in all.
RETRY_DELAYS: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4, 0.6, 0.8)

BUSY_MESSAGE = "Berkas sedang dibuka di program lain (Excel/penampil PDF); tutup lalu ulangi"


def is_stdout(target: Path | str) -> bool:
    return str(target) == STDOUT


def is_sharing_violation(exc: BaseException) -> bool:
    """A Windows sharing violation (or a test's stand-in: a PermissionError with `winerror` set)."""
    return isinstance(exc, OSError) and getattr(exc, "winerror", None) in SHARING_VIOLATIONS


def _retrying(action: Callable[[], None]) -> None:
    """Run `action`, retrying while Windows reports that another program holds the file."""
    for delay in (*RETRY_DELAYS, None):
        try:
            action()
            return
        except OSError as exc:
            if delay is None or not is_sharing_violation(exc):
                raise
        time.sleep(delay)


def replace(source: Path | str, target: Path | str) -> None:
    """os.replace with the sharing-violation retry; the one rename every write path uses."""
    _retrying(lambda: os.replace(source, target))


def remove(path: Path | str) -> None:
    """Delete `path` if it exists, retrying a sharing violation (raises OSError when it stays)."""
    def unlink() -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    _retrying(unlink)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        remove(path)


def fsync_dir(folder: Path | str) -> None:
    """Make a rename in `folder` durable. Windows cannot open a folder (its renames are journalled)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path | str) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def check_target(target: Path | str) -> Path:
    """The path to write: refuses a name Windows would refuse, and an existing target that is not a
    regular file.

    A symlink to a regular file is followed (the link stays, the file it names is replaced);
    one to a device, a pipe or nothing (`/dev/stdout` as root) is refused, never replaced.
    """
    target = Path(target)
    winfs.check_name(target.name)  # CON.pdf, 'rekap:1.xlsx', 'rekap.': refused on Windows, so everywhere
    if os.name != "nt" and any(str(p).startswith(("/dev/", "/proc/")) for p in (target.absolute(),
                                                                              Path(os.path.realpath(target)))):
        # /dev/stdout -> /proc/self/fd/1 -> whatever fd 1 is (a terminal, a pipe, a redirected
        # file): never a file of ours to replace.
        raise UserError(f"{target} bukan berkas biasa (perangkat, pipa, atau layar); tidak ditimpa. "
                        "Pakai '-' untuk menulis ke layar, atau pilih nama berkas lain.")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if os.path.islink(target):
            raise UserError(f"{target} adalah tautan ke berkas yang tidak ada; tidak ditimpa. "
                            "Pilih nama berkas lain.") from None
        return target
    except NotADirectoryError:
        raise UserError(f"{target.parent} bukan folder; pilih folder lain.") from None
    except OSError as exc:
        raise error_for(exc, target) from exc
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"{target} adalah folder, bukan berkas; tambahkan nama berkas, misalnya "
                        f"{target / ('hasil' + (target.suffix or '.pdf'))}.")
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"{target} bukan berkas biasa (perangkat, pipa, atau layar); tidak ditimpa. "
                        "Pilih nama berkas lain, atau '-' untuk menulis ke layar.")
    if os.path.islink(target):
        return Path(os.path.realpath(target))
    return target


def error_for(exc: OSError, target: Path | str) -> UserError:
    """The Indonesian message for an OSError met while writing `target`."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    reason = exc.strerror or str(exc)
    if is_sharing_violation(exc):
        return FileBusyError(f"{BUSY_MESSAGE}: {target}.")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)) or winerror in _WIN_DISK_FULL:
        return DiskFullError(
            f"Diska penuh: {target.name} tidak dapat ditulis ke {folder}. Kosongkan ruang atau "
            "pakai diska lain, lalu ulangi; tidak ada berkas setengah jadi yang tertinggal.")
    if code == errno.EROFS or winerror == _WIN_WRITE_PROTECT:
        return ReadOnlyError(
            f"{folder} ada di media hanya-baca (terkunci tulis); {target.name} tidak dapat ditulis. "
            "Buka kunci tulis pada flashdisk atau pilih folder lain.")
    if code in (errno.EACCES, errno.EPERM):
        return ReadOnlyError(
            f"Tidak ada izin menulis {target.name} di {folder} (berkas atau folder hanya-baca). "
            "Pilih folder lain, misalnya Dokumen.")
    if code == errno.ENOENT:
        return UserError(f"Folder {folder} tidak ada (flashdisk tercabut?); {target.name} tidak ditulis.")
    if code in (errno.ENAMETOOLONG, errno.EINVAL):
        return UserError(f"Nama berkas {target.name} tidak dapat dipakai di {folder} ({reason}); "
                         "pilih nama yang lebih pendek tanpa tanda : * ? \" < > |.")
    return UserError(
        f"Gagal menulis {target.name} ke {folder}: {reason}. Periksa apakah diska penuh atau "
        "tercabut, lalu ulangi; tidak ada berkas setengah jadi yang tertinggal.")


@contextlib.contextmanager
def atomic_path(target: Path | str, *, verify: Callable[[Path], None] | None = None,
                make_dirs: bool = True) -> Iterator[Path]:
    """A temporary path beside `target` that replaces it only when the block succeeds.

    The block writes the temporary file (by path: openpyxl, QPdfWriter, SQLite). `verify(tmp)`,
    when given, runs on the closed file and raises if it is incomplete (a PDF writer that
    ignores a full disk). Then: fsync, rename (retried while another program holds the
    target), fsync the folder. Any failure removes the temporary file and raises UserError.
    With `-` the finished file is copied to standard output instead.
    """
    to_stdout = is_stdout(target)
    if to_stdout:
        folder = Path(tempfile.gettempdir())
        final = Path(STDOUT)
        name = "stdout"
    else:
        final = check_target(target)
        folder = final.parent
        name = final.name
        if make_dirs:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except FileExistsError:
                raise UserError(f"{folder} bukan folder; pilih folder lain.") from None
            except OSError as exc:
                raise error_for(exc, final) from exc
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise error_for(exc, final) from exc
    tmp = Path(tmp_name)
    try:
        yield tmp
        if verify is not None:
            verify(tmp)
        if to_stdout:
            with open(tmp, "rb") as f:
                out = getattr(sys.stdout, "buffer", None)
                if out is None:  # a captured or text-only stdout
                    sys.stdout.write(f.read().decode("utf-8", "replace"))
                else:
                    sys.stdout.flush()
                    shutil.copyfileobj(f, out)
                    out.flush()
            return
        fsync_file(tmp)
        replace(tmp, final)
        fsync_dir(folder)
    except OSError as exc:
        raise error_for(exc, final) from exc
    finally:
        _discard(tmp)


def write_bytes(target: Path | str, data: bytes) -> Path:
    """Write `data` to `target` all or nothing (see atomic_path); returns the path written."""
    with atomic_path(target) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
        try:
            view = memoryview(data)
            while view:  # in slices: a removed stick fails early, not after the whole file
                view = view[os.write(fd, view[:1 << 20]):]
        finally:
            os.close(fd)
    return Path(target)


def write_text(target: Path | str, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(target, text.encode(encoding))


@contextlib.contextmanager
def atomic_open(target: Path | str, mode: str = "w", **kwargs) -> Iterator:
    """`open()` on a temporary file that replaces `target` when the block succeeds (for csv)."""
    with atomic_path(target) as tmp:
        with open(tmp, mode, **kwargs) as f:
            yield f


def read_error_for(exc: OSError) -> str:
    """The Indonesian message for an OSError met while reading a file the user named."""
    name = exc.filename or "berkas"
    if isinstance(exc, FileNotFoundError):
        return f"Berkas tidak ditemukan: {name}."
    if isinstance(exc, IsADirectoryError):
        return f"{name} adalah folder, bukan berkas."
    if isinstance(exc, PermissionError):
        if is_sharing_violation(exc):
            return f"{BUSY_MESSAGE}: {name}."
        return f"Tidak ada izin membaca {name}."
    if exc.errno == errno.EIO:
        return f"{name} tidak dapat dibaca (flashdisk tercabut atau rusak?); pasang lagi lalu ulangi."
    return f"{name} tidak dapat dibaca: {exc.strerror or exc}."


# --- reading what a user (or a hostile stick) hands over ------------------------------------

def check_input(path: Path | str, max_bytes: int, what: str = "Berkas") -> int:
    """Refuse at once an input that is not a regular file (a FIFO would hang, /dev/zero never
    ends) or is larger than `max_bytes`; returns its size."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise UserError(f"{what} '{path}' tidak ditemukan.") from None
    except OSError as exc:
        raise UserError(read_error_for(exc)) from exc
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"'{path}' adalah folder; pilih berkasnya.")
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"'{path}' bukan berkas biasa (perangkat atau pipa); tidak dibaca.")
    if st.st_size > max_bytes:
        raise UserError(f"{what} '{path.name}' terlalu besar ({st.st_size / 2**20:.0f} MB; paling besar "
                        f"{max_bytes / 2**20:.0f} MB). Periksa apakah berkasnya benar.")
    return st.st_size


def read_input(path: Path | str, max_bytes: int, what: str = "Berkas") -> bytes:
    """The whole of a file the user named, after check_input: never a FIFO, a device or a giant."""
    check_input(path, max_bytes, what)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(read_error_for(exc)) from exc
    if len(data) > max_bytes:  # grew after the check
        raise UserError(f"{what} '{Path(path).name}' terlalu besar (paling besar {max_bytes / 2**20:.0f} MB).")
    return data


# A real .xlsx (XML in a ZIP) inflates 5-30 times; a "bomb" is built to inflate 1000 times.
XLSX_MAX_INFLATED = 256 * 2**20
XLSX_MAX_RATIO = 200


def check_zip_bomb(path: Path | str, max_inflated: int = XLSX_MAX_INFLATED, max_ratio: int = XLSX_MAX_RATIO) -> None:
    """Refuse a ZIP (an .xlsx) whose declared sizes or compression ratio give it away, before any
    library inflates it: refused in milliseconds, with bounded memory."""
    import zipfile

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a ZIP at all: the reader says the file cannot be read, in its own words
    total = sum(i.file_size for i in infos)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos if i.file_size > 2**20), default=0)
    if total > max_inflated or worst > max_ratio or len(infos) > 10_000:
        raise UserError(
            f"Berkas '{path.name}' ditolak: isinya mengembang menjadi {total / 2**20:.0f} MB "
            f"(rasio {worst:.0f}x), bukan daftar petugas biasa. Simpan ulang dari Excel lalu coba lagi.")
