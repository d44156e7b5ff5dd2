"""`kpps wilayah`, `self-test`, `backup`, `settings`: looking up, checking, saving, configuring."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kpps_desktop.cli.base import EXIT_OK, EXIT_REFUSED, CliError, Registry, _print_json
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import wilayah
from kpps_desktop.core.paperwork import ribuan


def cmd_wilayah(args: argparse.Namespace) -> int:
    if args.search:
        found = wilayah.search(args.search, within=args.kode)
    else:
        found = wilayah.children(wilayah.normalize_code(args.kode) if args.kode else None)
    if args.json:
        _print_json([{"kode": w.kode, "nama": w.nama, "level": w.level} for w in found])
    else:
        for w in found:
            print(f"{w.kode}\t{w.nama}")
    return EXIT_OK


def cmd_self_test(args: argparse.Namespace) -> int:
    from kpps_desktop import selftest

    ok = selftest.run(args.db, report=lambda line: print(line, flush=True))
    return EXIT_OK if ok else EXIT_REFUSED


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else dbmod.default_db_path()


def cmd_backup_create(args: argparse.Namespace) -> int:
    from kpps_desktop.core import backup

    path = backup.copy_to(_db_path(args), args.out) if args.out else backup.create(_db_path(args), "manual")
    print(f"Cadangan dibuat dan diperiksa: {path}")
    return EXIT_OK


def cmd_backup_list(args: argparse.Namespace) -> int:
    from kpps_desktop.core import backup

    found = backup.list_backups(_db_path(args))
    for b in found:
        print(f"{b.created:%Y-%m-%d %H:%M:%S}\t{b.reason}\t{b.size:,} bita\t{b.path}")
    print(f"{ribuan(len(found))} cadangan di {backup.backup_dir(_db_path(args))}.", file=sys.stderr)
    return EXIT_OK


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from kpps_desktop.core import backup

    db_path = _db_path(args)
    if not args.yes:
        question = (f"Pulihkan {args.file} menggantikan {db_path}? Database sekarang dicadangkan dulu "
                    "(pre-restore). Tutup aplikasi Presensi KPPS sebelum memulihkan.")
        if not sys.stdin.isatty():
            raise CliError(question + " Ulangi dengan --yes untuk memulihkan.")
        if input(question + " Lanjutkan? [y/T] ").strip().lower() not in ("y", "ya"):
            print("Dibatalkan; database tidak diubah.")
            return EXIT_REFUSED
    from kpps_desktop.core.instance import AlreadyRunning, InstanceLock

    try:
        with InstanceLock(db_path):  # not under a running app: it would go on writing the old file
            pre = backup.restore(args.file, db_path)
    except AlreadyRunning as exc:
        raise CliError(f"{exc} Tutup aplikasinya dulu, lalu ulangi pemulihan.") from exc
    print(f"Database dipulihkan dari {args.file}." + (f" Database lama dicadangkan ke {pre}." if pre else ""))
    return EXIT_OK


def cmd_settings_get(args: argparse.Namespace) -> int:
    from kpps_desktop.core import settings

    with dbmod.opened(args.db) as db:
        values = {args.key: settings.get(db, args.key)} if args.key else settings.get_all(db)
    for key, value in values.items():
        print(f"{key}\t{json.dumps(value, ensure_ascii=False)}")
    return EXIT_OK


def cmd_settings_set(args: argparse.Namespace) -> int:
    from kpps_desktop.core import settings

    with dbmod.opened(args.db) as db:
        value = settings.save(db, args.key, settings.parse(args.key, args.value))
    print(f"{args.key}\t{json.dumps(value, ensure_ascii=False)}")
    return EXIT_OK


def register(reg: Registry) -> None:
    add = reg.add
    p = add("wilayah", cmd_wilayah, "cari kode wilayah (provinsi, kabupaten, kecamatan, desa)")
    p.add_argument("kode", nargs="?", help="tampilkan anak dari kode ini (bawaan: daftar provinsi)")
    p.add_argument("--search", metavar="NAMA", help="cari berdasarkan nama")
    p.add_argument("--json", action="store_true", help="keluaran JSON")

    p = add("self-test", cmd_self_test,
            "uji mandiri: database baru, data demo, kartu PDF, baca QR, presensi, cadangan (tanpa data pengguna)")
    p.epilog = "Status keluar 0 bila semua langkah OK, 1 pada langkah pertama yang GAGAL."

    backup_p, backup_sub = reg.group("backup", help="cadangan database (otomatis harian, sebelum impor dan migrasi)",
                              description="Cadangan database di folder backups di samping database.")
    p = add("create", cmd_backup_create, "buat cadangan sekarang (diperiksa dengan integrity_check)", backup_sub)
    p.add_argument("--out", type=Path, metavar="FOLDER",
                   help="tulis cadangan ke folder ini (mis. flashdisk) alih-alih folder backups")
    add("list", cmd_backup_list, "tampilkan cadangan, terbaru dulu", backup_sub)
    p = add("restore", cmd_backup_restore,
            "pulihkan database dari cadangan (database sekarang dicadangkan dulu); tutup aplikasi dulu",
            backup_sub)
    p.add_argument("file", type=Path, metavar="FILE", help="berkas cadangan .sqlite")
    p.add_argument("--yes", action="store_true", help="pulihkan tanpa konfirmasi (wajib bila bukan di terminal)")

    settings_p, settings_sub = reg.group("settings", help="pengaturan aplikasi (disimpan di database)",
                                description="Pengaturan aplikasi; daftar kunci: docs/settings.md.")
    p = add("get", cmd_settings_get, "tampilkan satu pengaturan atau semuanya (nilai JSON)", settings_sub)
    p.add_argument("key", nargs="?", metavar="KUNCI", help="mis. event_title (bawaan: semua)")
    p = add("set", cmd_settings_set, "ubah satu pengaturan (diperiksa dulu)", settings_sub)
    p.add_argument("key", metavar="KUNCI", help="mis. grace_minutes")
    p.add_argument("value", metavar="NILAI", help='teks biasa, ya/tidak, atau JSON, mis. \'{"amount": 40000}\'')
