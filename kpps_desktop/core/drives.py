"""Removable drives (USB sticks) to offer as handover destinations: label, folder, free space."""

from __future__ import annotations

import getpass
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# What USB sticks are formatted with; ntfs-3g mounts show up as fuseblk.
STICK_FS = {"vfat", "msdos", "exfat", "ntfs", "ntfs3", "fuseblk"}
DRIVE_REMOVABLE = 2  # GetDriveTypeW


@dataclass(frozen=True)
class Drive:
    label: str
    path: Path
    free: int  # bytes
    total: int

    @property
    def text(self) -> str:
        """'KPPS_USB (E:\\) · 3,2 GB kosong' for a list."""
        return f"{self.label} ({self.path}) · {human_size(self.free)} kosong"


def human_size(n: int) -> str:
    for unit, size in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= size:
            return f"{n / size:.1f} {unit}".replace(".", ",")
    return f"{n} bita"


def _unescape(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes (\040 ...).
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mounts(text: str, user: str) -> list[Path]:
    """Mount points in /proc/mounts text that look like removable media for this user.

    Under /media/<user> and /run/media/<user> (where the desktop mounts sticks) anything counts;
    directly under /media, and under /mnt, only the file systems sticks are formatted with.
    """
    found: list[Path] = []
    own = (f"/media/{user}/", f"/run/media/{user}/")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, fstype = _unescape(parts[1]), parts[2]
        if point.startswith(own) and point.rstrip("/") not in (o.rstrip("/") for o in own):
            found.append(Path(point))
        elif fstype in STICK_FS and (point.startswith("/mnt/") or Path(point).parent == Path("/media")):
            found.append(Path(point))  # not /media/<another user>/...: the desktop keeps those private
    return list(dict.fromkeys(found))


def _linux(mounts_text: str | None, user: str | None) -> list[tuple[str, Path]]:
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
    user = user or os.environ.get("USER") or getpass.getuser()
    return [(p.name, p) for p in parse_mounts(mounts_text, user)]


def _windows(kernel32=None) -> list[tuple[str, Path]]:
    import ctypes

    k = kernel32 or ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = k.GetLogicalDrives()
    out = []
    for i in range(26):
        if not mask & (1 << i):
            continue
        root = f"{chr(ord('A') + i)}:\\"
        if k.GetDriveTypeW(root) != DRIVE_REMOVABLE:
            continue
        name = ctypes.create_unicode_buffer(261)
        if not k.GetVolumeInformationW(root, name, 261, None, None, None, None, 0):
            continue  # a card reader with no card in it
        out.append((name.value or "Diska lepas", Path(root)))
    return out


def removable_drives(*, mounts_text: str | None = None, user: str | None = None, kernel32=None,
                     platform: str | None = None,
                     usage: Callable[[Path], tuple] = shutil.disk_usage) -> list[Drive]:
    """Removable drives present now, with free space; a drive that vanishes meanwhile is left out.

    mounts_text, user, kernel32 and usage let tests pass fakes for /proc/mounts, Windows and the disk.
    """
    platform = platform or sys.platform
    if platform == "win32":
        candidates = _windows(kernel32)
    elif platform.startswith("linux"):
        candidates = _linux(mounts_text, user)
    else:
        candidates = []
    drives = []
    for label, path in candidates:
        try:
            total, _, free = usage(path)
        except OSError:  # pulled out between listing and asking; an empty card reader on Windows
            continue
        drives.append(Drive(label, path, free, total))
    return drives
