"""Finding USB sticks: /proc/mounts as Linux writes it, and Windows' drive list, passed in as text and fakes."""

import ctypes
from pathlib import Path

from kpps_desktop.core import drives

MOUNTS = r"""sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077 0 0
tmpfs /run/user/1000 tmpfs rw,nosuid,nodev,relatime 0 0
/dev/sdb1 /media/sekretaris/KPPS\040USB vfat rw,nosuid,nodev,relatime,uid=1000 0 0
/dev/sdc1 /run/media/sekretaris/DATA exfat rw,nosuid,nodev,relatime 0 0
/dev/sdd1 /media/sekretaris/ARSIP ext4 rw,nosuid,nodev,relatime 0 0
/dev/sde1 /media/orang_lain/MILIK_LAIN vfat rw 0 0
/dev/sdf1 /mnt/flashdisk fuseblk rw,relatime,user_id=0 0 0
/dev/sdg1 /mnt/backup ext4 rw,relatime 0 0
/dev/sdh1 /media/USB_LAMA vfat rw 0 0
/dev/sdb1 /media/sekretaris/KPPS\040USB vfat rw 0 0
truncated-line
"""


def fake_usage(sizes):
    def usage(path):
        if str(path) not in sizes:
            raise FileNotFoundError(2, "No such file or directory", str(path))
        total, free = sizes[str(path)]
        return total, total - free, free
    return usage


def test_linux_mounts_parsed_from_text():
    found = drives.parse_mounts(MOUNTS, "sekretaris")
    assert found == [Path("/media/sekretaris/KPPS USB"), Path("/run/media/sekretaris/DATA"),
                     Path("/media/sekretaris/ARSIP"), Path("/mnt/flashdisk"), Path("/media/USB_LAMA")]
    # Another user's stick, the EFI partition, an ext4 disk under /mnt: not offered.
    assert Path("/media/orang_lain/MILIK_LAIN") not in drives.parse_mounts(MOUNTS, "sekretaris")
    assert Path("/media/orang_lain/MILIK_LAIN") in drives.parse_mounts(MOUNTS, "orang_lain")


def test_linux_drives_with_free_space_and_a_vanished_one_left_out():
    usage = fake_usage({"/media/sekretaris/KPPS USB": (8 * 2**30, 3 * 2**30 + 2**29),
                        "/run/media/sekretaris/DATA": (2**30, 5 * 2**20),
                        "/mnt/flashdisk": (2**30, 2**30), "/media/USB_LAMA": (2**28, 0)})
    found = drives.removable_drives(mounts_text=MOUNTS, user="sekretaris", platform="linux", usage=usage)
    assert [(d.label, d.free) for d in found] == [
        ("KPPS USB", 3 * 2**30 + 2**29), ("DATA", 5 * 2**20), ("flashdisk", 2**30), ("USB_LAMA", 0)]
    assert found[0].text == "KPPS USB (/media/sekretaris/KPPS USB) · 3,5 GB kosong"
    assert found[1].text.endswith("5,0 MB kosong") and found[3].text.endswith("0 bita kosong")


def test_real_disk_usage_of_a_folder(tmp_path):
    [drive] = drives.removable_drives(mounts_text="/dev/sdz1 /mnt/stick vfat rw 0 0\n", platform="linux",
                                      usage=lambda p: drives.shutil.disk_usage(tmp_path))
    assert drive.free > 0 and drive.total >= drive.free and drive.path == Path("/mnt/stick")


class FakeKernel32:
    """Drives C: (fixed), D: (CD), E: (stick 'KPPS'), F: (stick, no label), G: (card reader, empty)."""

    TYPES = {"C": 3, "D": 5, "E": 2, "F": 2, "G": 2}
    LABELS = {"C": "Windows", "E": "KPPS", "F": ""}

    def __init__(self):
        self.error_mode = 0

    def SetErrorMode(self, mode):
        previous, self.error_mode = self.error_mode, mode
        return previous

    def GetLogicalDrives(self):
        return sum(1 << (ord(letter) - ord("A")) for letter in self.TYPES)

    def GetDriveTypeW(self, root):
        return self.TYPES[root[0]]

    def GetVolumeInformationW(self, root, buffer, size, *rest):
        if root[0] not in self.LABELS:
            return 0
        ctypes.memmove(buffer, ctypes.create_unicode_buffer(self.LABELS[root[0]]),
                       ctypes.sizeof(ctypes.c_wchar) * (len(self.LABELS[root[0]]) + 1))
        return 1


def test_windows_removable_drives_only():
    usage = fake_usage({"E:\\": (16 * 2**30, 2**30), "F:\\": (2**30, 2**20)})
    found = drives.removable_drives(platform="win32", kernel32=FakeKernel32(), usage=usage)
    assert [(d.label, d.free) for d in found] == [("KPPS", 2**30), ("Diska lepas", 2**20)]


class UsbSsdKernel32(FakeKernel32):
    """Also H: (a stick that reports a fixed disk, on the USB bus) and I: (a second internal disk)."""

    TYPES = {**FakeKernel32.TYPES, "H": 3, "I": 3}
    LABELS = {**FakeKernel32.LABELS, "H": "SANDISK", "I": "DATA"}


def test_windows_offers_fixed_disk_sticks_on_the_usb_bus_and_never_shows_no_disk_boxes():
    k = UsbSsdKernel32()
    k.error_mode = 0x0004  # a flag set by someone else stays set
    usage = fake_usage({p: (2**34, 2**33) for p in ("E:\\", "F:\\", "H:\\", "I:\\", "C:\\")})
    buses = {"C:\\": 11, "H:\\": drives.BUS_USB, "I:\\": 11}  # SATA, USB, SATA
    found = drives.removable_drives(platform="win32", kernel32=k, usage=usage, bus_type=buses.get)
    assert [d.label for d in found] == ["KPPS", "Diska lepas", "SANDISK"]
    assert k.error_mode == 0x0004 | drives.SEM_FAILCRITICALERRORS | drives.SEM_NOOPENFILEERRORBOX
    # Even a system disk on USB (Windows To Go) is never offered as a handover stick.
    buses["C:\\"] = drives.BUS_USB
    assert "Windows" not in [d.label for d in drives.removable_drives(platform="win32", kernel32=k, usage=usage,
                                                                      bus_type=buses.get)]


def test_unknown_platform_and_unreadable_mounts_give_nothing(tmp_path):
    assert drives.removable_drives(platform="darwin") == []
    assert drives.removable_drives(mounts_text="", platform="linux") == []
