"""What Windows file systems refuse: reserved file names and characters, and network paths SQLite
must be given in its own URI form. (Files another program holds open: `fileio.is_sharing_violation`.)

Pure string and exception logic, so every rule here is tested on any OS (the laptops that run
the app are Windows 10/11; this repository's CI is Linux).
"""

from __future__ import annotations

import ntpath
import os
import re
from pathlib import Path, PurePath
from urllib.parse import quote

from kpps_desktop.core.errors import InputError

# CreateFile refuses these in a name on NTFS, FAT32 and exFAT alike (and ':' on NTFS makes a hidden
# alternate data stream instead: a file "rekap:1.xlsx" is written where nobody can see it).
FORBIDDEN_CHARS = '<>:"/\\|?*'
# Device names, reserved with any extension ("con.xlsx" opens the console, "nul.pdf" writes nowhere).
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
            "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
MAX_NAME = 255  # characters in one name (NTFS, exFAT, FAT32 long names)

class FileNameError(InputError):
    """A file name Windows would refuse or misread; the message is for the user (Indonesian)."""


def name_problem(name: str) -> str | None:
    """Why Windows would refuse `name` (one file or folder name, no separators), or None when it is fine."""
    if not name or not name.strip():
        return "Nama berkas kosong."
    bad = sorted({c for c in name if c in FORBIDDEN_CHARS or ord(c) < 32})
    if bad:
        shown = " ".join("spasi" if c == " " else c if ord(c) >= 32 else f"kode {ord(c)}" for c in bad)
        return (f"Nama berkas '{name}' memuat tanda yang tidak boleh dipakai di Windows: {shown} "
                f'(tanda : * ? " < > | / \\ tidak boleh ada dalam nama berkas).')
    if name[-1] in ". ":
        return (f"Nama berkas '{name}' diakhiri titik atau spasi; Windows membuangnya diam-diam. "
                "Hapus titik/spasi di akhir nama.")
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    if stem in RESERVED:
        return (f"Nama berkas '{name}' tidak dapat dipakai: '{stem}' adalah nama perangkat yang dicadangkan "
                "Windows (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9). Pilih nama lain.")
    if len(name) > MAX_NAME:
        return f"Nama berkas terlalu panjang ({len(name)} huruf; paling banyak {MAX_NAME})."
    return None


def check_name(name: str) -> str:
    """`name` unchanged when Windows accepts it as a file name; FileNameError otherwise."""
    problem = name_problem(name)
    if problem:
        raise FileNameError(problem)
    return name


def check_path(path: str | os.PathLike) -> Path:
    """Check the last part of a path a user typed or chose (the folders exist or are the user's own).

    Only the file name is checked: the folders above it were chosen in a dialog or exist already,
    and a drive ('E:') or a UNC root ('\\\\server\\share') has characters a name may not.
    """
    text = os.fspath(path)
    name = ntpath.basename(text.replace("/", "\\")) if ("\\" in text or re.match(r"^[A-Za-z]:", text)) \
        else PurePath(text).name
    check_name(name)
    return Path(path)


def safe_name(text: str, fallback: str = "berkas") -> str:
    """A file name derived by the app (from a desa's or a session's name) that Windows accepts."""
    out = "".join("-" if c in FORBIDDEN_CHARS or ord(c) < 32 else c for c in text)
    out = re.sub(r"\s+", " ", out).strip().rstrip(". ")
    if not out:
        return fallback
    if out.split(".", 1)[0].rstrip(" ").upper() in RESERVED:
        out = f"_{out}"
    return out[:MAX_NAME]


def sqlite_uri(path: str | os.PathLike, **params: str) -> str:
    """A `file:` URI SQLite accepts for `path`, including a network folder (UNC) or a mapped drive.

    `Path.as_uri()` writes a UNC path as file://server/share/..., and SQLite refuses any authority
    but an empty one or 'localhost'. SQLite's own form keeps the authority empty and the UNC path
    whole: file:////server/share/...; a drive path is file:///E:/... (SQLite drops the slash
    before a drive letter). Characters special in a URI (%, #, ?, spaces) are percent-encoded.
    """
    text = os.path.abspath(path) if os.name == "nt" else os.fspath(path)
    windows = "\\" in text or re.match(r"^[A-Za-z]:", text) is not None
    if windows:
        text = text.replace("\\", "/")
    elif not text.startswith("/"):
        text = os.path.abspath(text)
    encoded = quote(text, safe="/:" if windows else "/")
    if text.startswith("//"):  # \\server\share\...: an empty authority, then the UNC path itself
        uri = f"file://{encoded}"
    elif windows:  # E:/cadangan/...
        uri = f"file:///{encoded}"
    else:
        uri = f"file://{encoded}"
    if params:
        uri += "?" + "&".join(f"{k}={quote(str(v))}" for k, v in params.items())
    return uri
