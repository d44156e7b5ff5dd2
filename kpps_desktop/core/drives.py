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
DRIVE_REMOVABLE, DRIVE_FIXED = 2, 3  # GetDriveTypeW
BUS_USB = 7  # STORAGE_BUS_TYPE BusTypeUsb: many sticks and all USB SSDs say "fixed" but sit on this bus
# SetErrorMode: a drive letter with no medium (an empty card-reader slot) fails quietly instead of
# Windows' "There is no disk in the drive" box, which would stop the poll until someone clicks it.
SEM_FAILCRITICALERRORS, SEM_NOOPENFILEERRORBOX = 0x0001, 0x8000


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


def suppress_critical_error_boxes(kernel32=None) -> None:
    """Windows only: ask for errors instead of "no disk" boxes, process-wide, as Microsoft advises
    every application to do at start-up (SetErrorMode(SEM_FAILCRITICALERRORS)). Keeps other flags."""
    import ctypes

    k = kernel32 or ctypes.windll.kernel32  # type: ignore[attr-defined]
    previous = k.SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX)
    k.SetErrorMode(previous | SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX)


def _usb_bus_type(root: str) -> int | None:
    """The bus a drive letter's disk is on (IOCTL_STORAGE_QUERY_PROPERTY), None when unknown."""
    import ctypes
    from ctypes import wintypes

    class Query(ctypes.Structure):  # STORAGE_PROPERTY_QUERY
        _fields_ = [("PropertyId", ctypes.c_int), ("QueryType", ctypes.c_int),
                    ("AdditionalParameters", ctypes.c_ubyte * 1)]

    class Descriptor(ctypes.Structure):  # STORAGE_DEVICE_DESCRIPTOR, up to BusType
        _fields_ = [("Version", wintypes.DWORD), ("Size", wintypes.DWORD), ("DeviceType", ctypes.c_ubyte),
                    ("DeviceTypeModifier", ctypes.c_ubyte), ("RemovableMedia", ctypes.c_ubyte),
                    ("CommandQueueing", ctypes.c_ubyte), ("VendorIdOffset", wintypes.DWORD),
                    ("ProductIdOffset", wintypes.DWORD), ("ProductRevisionOffset", wintypes.DWORD),
                    ("SerialNumberOffset", wintypes.DWORD), ("BusType", ctypes.c_int),
                    ("RawPropertiesLength", wintypes.DWORD), ("RawDeviceProperties", ctypes.c_ubyte * 1)]

    k = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    k.CreateFileW.restype = wintypes.HANDLE
    k.CreateFileW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, wintypes.DWORD, ctypes.c_void_p,
                              wintypes.DWORD, wintypes.DWORD, wintypes.HANDLE]
    k.DeviceIoControl.argtypes = [wintypes.HANDLE, wintypes.DWORD, ctypes.c_void_p, wintypes.DWORD,
                                  ctypes.c_void_p, wintypes.DWORD, ctypes.POINTER(wintypes.DWORD), ctypes.c_void_p]
    k.CloseHandle.argtypes = [wintypes.HANDLE]
    # No access rights asked: the query needs none, so no administrator and no waiting on the medium.
    handle = k.CreateFileW(f"\\\\.\\{root[:2]}", 0, 0x1 | 0x2, None, 3, 0, None)  # FILE_SHARE_READ|WRITE, OPEN_EXISTING
    if handle in (None, ctypes.c_void_p(-1).value):
        return None
    try:
        query, desc, returned = Query(0, 0), Descriptor(), wintypes.DWORD()  # StorageDeviceProperty, standard query
        if not k.DeviceIoControl(handle, 0x002D1400, ctypes.byref(query), ctypes.sizeof(query),  # IOCTL_STORAGE_QUERY_PROPERTY
                                 ctypes.byref(desc), ctypes.sizeof(desc), ctypes.byref(returned), None):
            return None
        return desc.BusType
    finally:
        k.CloseHandle(handle)


def _windows(kernel32=None, bus_type: Callable[[str], int | None] | None = None) -> list[tuple[str, Path]]:
    import ctypes

    k = kernel32 or ctypes.windll.kernel32  # type: ignore[attr-defined]
    if bus_type is None:
        bus_type = _usb_bus_type if kernel32 is None else (lambda root: None)
    suppress_critical_error_boxes(k)
    mask = k.GetLogicalDrives()
    system = (os.environ.get("SystemDrive") or "C:").upper()[:2]
    out = []
    for i in range(26):
        if not mask & (1 << i):
            continue
        root = f"{chr(ord('A') + i)}:\\"
        kind = k.GetDriveTypeW(root)
        # A stick that reports itself as a fixed disk is still a stick when it sits on the USB bus.
        if not (kind == DRIVE_REMOVABLE or (kind == DRIVE_FIXED and root[:2] != system and bus_type(root) == BUS_USB)):
            continue
        name = ctypes.create_unicode_buffer(261)
        if not k.GetVolumeInformationW(root, name, 261, None, None, None, None, 0):
            continue  # a card reader with no card in it
        out.append((name.value or "Diska lepas", Path(root)))
    return out


def removable_drives(*, mounts_text: str | None = None, user: str | None = None, kernel32=None,
                     bus_type: Callable[[str], int | None] | None = None, platform: str | None = None,
                     usage: Callable[[Path], tuple] = shutil.disk_usage) -> list[Drive]:
    """Removable drives present now, with free space; a drive that vanishes meanwhile is left out.

    mounts_text, user, kernel32, bus_type and usage let tests pass fakes for /proc/mounts, Windows and the disk.
    """
    platform = platform or sys.platform
    if platform == "win32":
        candidates = _windows(kernel32, bus_type)
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
