"""`kpps init` and `kpps demo`: an installation's role and region, or made from a setup file; demo data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpps_desktop.cli.base import EXIT_OK, EXIT_USAGE, Registry
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation, wilayah


def cmd_init(args: argparse.Namespace) -> int:
    if args.from_file is None and not (args.role and args.wilayah):
        print("kpps init: sebutkan --role dan --wilayah, atau --from BERKAS_PENYIAPAN", file=sys.stderr)
        return EXIT_USAGE
    if args.from_file is not None and (args.role or args.wilayah):
        print("kpps init: --from menentukan peran dan wilayah sendiri; jangan pakai --role/--wilayah",
              file=sys.stderr)
        return EXIT_USAGE
    with dbmod.opened(args.db) as db:
        if args.from_file is not None:
            from kpps_desktop.core.exchange import provisioning

            setup = provisioning.read(args.from_file)
            print(setup.summary())
            inst, report = provisioning.apply(db, args.from_file)
            print(report.summary())
        else:
            inst = installation.init(db, args.role, args.wilayah)
        print(f"Database diatur: {inst.role.upper()} {inst.wilayah} ({inst.wilayah_name}), "
              f"perangkat {inst.device_id}.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from kpps_desktop.core import demo

    with dbmod.opened(args.db) as db:
        kode = wilayah.normalize_code(args.wilayah) if args.wilayah else None
        result = demo.generate(db, kode, seed=args.seed)
        inst = installation.require(db)
    print(f"Data demo dibuat untuk {inst.role.upper()} {inst.wilayah} ({inst.wilayah_name}): {result}")
    return EXIT_OK


def register(reg: Registry) -> None:
    add = reg.add
    p = add("init", cmd_init, "atur peran dan wilayah instalasi ini (atau dari berkas penyiapan PPK/KPU)")
    p.add_argument("--role", choices=sorted(installation.ROLE_LEVEL),
                   help="pps (desa), ppk (kecamatan), atau kpu (kabupaten/kota)")
    p.add_argument("--wilayah", metavar="KODE",
                   help="kode wilayah sesuai peran, mis. 33.20.01.2001 untuk PPS")
    p.add_argument("--from", dest="from_file", type=Path, metavar="FILE.kpps",
                   help="berkas penyiapan dari kantor di atas (kpps provision): peran, wilayah, daftar petugas, "
                        "pengaturan, dan kunci kantor di atas")

    p = add("demo", cmd_demo, "isi database dengan data contoh (bawaan: Kabupaten Jepara)")
    p.add_argument("--wilayah", metavar="KODE", help="kode kabupaten, kecamatan, atau desa (bawaan: 33.20)")
    p.add_argument("--seed", type=int, default=0, help="benih acak; benih sama = data sama")
