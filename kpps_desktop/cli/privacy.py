"""`kpps audit` and `kpps retention`: the audit log and deleting personal data."""

from __future__ import annotations

import argparse
import sys

from kpps_desktop.cli.base import EXIT_OK, EXIT_REFUSED, Registry, _print_json
from kpps_desktop.core import audit
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.paperwork import ribuan


def cmd_audit(args: argparse.Namespace) -> int:
    if args.check == "verify":
        return cmd_audit_verify(args)
    with dbmod.opened(args.db) as db:
        found = audit.entries(db, args.action, args.since)
    if args.json:
        _print_json([e.as_json() for e in found])
        return EXIT_OK
    for e in found:
        print(f"{e.at}\t{e.operator or '-'}\t{e.action}\t{e.what}\t{e.scope or '-'}\t"
              f"{'' if e.count is None else e.count}\t{audit.describe(e)}")
    print(f"{ribuan(len(found))} catatan audit.", file=sys.stderr)
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with dbmod.opened(args.db) as db:
        checked, broken = audit.verify(db)
    if broken is not None:
        print(f"kpps: {broken.message()} Simpan database ini apa adanya sebagai bukti dan laporkan kepada "
              "atasan; pulihkan dari cadangan bila perlu (kpps backup list).", file=sys.stderr)
        return EXIT_REFUSED
    print(f"Log audit utuh: {checked} catatan, rantai hash cocok.")
    return EXIT_OK


def cmd_retention_status(args: argparse.Namespace) -> int:
    from kpps_desktop.core import retention

    with dbmod.opened(args.db) as db:
        plan = retention.plan(db)
    if args.json:
        _print_json(plan.as_json())
        return EXIT_OK
    print("Akan dihapus:\n" + "\n".join(f"  {line}" for line in plan.deleted_lines()))
    print("Tetap disimpan:\n" + "\n".join(f"  {line}" for line in plan.kept_lines()))
    if plan.deleted_at:
        print(f"Data pribadi terakhir dihapus {plan.deleted_at}.")
    print(f"Untuk menghapus: kpps retention delete --confirm {plan.wilayah}")
    return EXIT_OK


def cmd_retention_delete(args: argparse.Namespace) -> int:
    from kpps_desktop.core import retention

    with dbmod.opened(args.db) as db:
        done = retention.delete_personal_data(db, args.confirm)
    print(done.summary())
    return EXIT_OK


def register(reg: Registry) -> None:
    add = reg.add
    p = add("audit", cmd_audit, "log audit: ekspor, impor, cetak, tampilkan NIK, penghapusan data pribadi")
    p.add_argument("check", nargs="?", choices=["verify"], metavar="verify",
                   help="periksa rantai hash log audit: keluar 0 bila utuh, 1 dengan catatan pertama yang rusak")
    p.add_argument("--action", choices=list(audit.ACTIONS), help="hanya jenis ini")
    p.add_argument("--since", metavar="TTTT-BB-HH", help="hanya sejak tanggal ini (waktu setempat)")
    p.add_argument("--json", action="store_true", help="keluaran satu larik JSON (waktu UTC)")

    retention_p, retention_sub = reg.group("retention", help="hapus data pribadi petugas setelah masa tugas berakhir",
                                 description="Hapus data pribadi petugas (UU PDP); rekap tetap. Lihat docs/privacy.md.")
    p = add("status", cmd_retention_status, "tampilkan apa yang akan dihapus dan yang tetap disimpan", retention_sub)
    p.add_argument("--json", action="store_true", help="keluaran JSON (jumlah)")
    p = add("delete", cmd_retention_delete,
            "hapus NIK, nama, data lahir, alamat, HP, foto, kode kartu, dan cadangan lama; tidak dapat dibatalkan",
            retention_sub)
    p.add_argument("--confirm", required=True, metavar="KODE",
                   help="kode wilayah instalasi ini, sebagai konfirmasi (lihat: kpps retention status)")
