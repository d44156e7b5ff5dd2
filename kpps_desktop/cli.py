"""The `kpps` command line: one subcommand = one core call, for bulk and scripted work."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from kpps_desktop import __version__
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation, roster, wilayah

# Exit codes other tools can rely on.
EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A failure to report on stderr with exit status 1 (message in Indonesian)."""


def _open(args: argparse.Namespace):
    return dbmod.open_db(args.db)


def _print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=None)
    sys.stdout.write("\n")


# --- init -------------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace) -> int:
    with dbmod.opened(args.db) as db:
        inst = installation.init(db, args.role, args.wilayah)
        print(f"Database diatur: {inst.role.upper()} {inst.wilayah} ({inst.wilayah_name}), "
              f"perangkat {inst.device_id}.")
    return EXIT_OK


# --- demo -------------------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> int:
    from kpps_desktop.core import demo

    with dbmod.opened(args.db) as db:
        kode = wilayah.normalize_code(args.wilayah) if args.wilayah else None
        result = demo.generate(db, kode, seed=args.seed)
        inst = installation.require(db)
    print(f"Data demo dibuat untuk {inst.role.upper()} {inst.wilayah} ({inst.wilayah_name}): {result}")
    return EXIT_OK


# --- roster -----------------------------------------------------------------------------

def _officer_json(row: dict) -> dict:
    out = {
        "id": row["id"], "nik": row["nik"], "nama": row["nama"], "jk": row["jk"],
        "desa": row["desa"], "tps": row["tps"], "tps_label": row["tps_label"],
        "jabatan": row["jabatan"], "status": row["status"], "replaced_by": row["replaced_by"],
    }
    for key in ("code",):
        if key in row:
            out[key] = row[key]
    return out


def cmd_roster_list(args: argparse.Namespace) -> int:
    within = wilayah.normalize_code(args.desa) if args.desa else None
    with dbmod.opened(args.db) as db:
        rows = roster.list_officers(db, within=within)
    if args.json:
        _print_json([_officer_json(r) for r in rows])
        return EXIT_OK
    for r in rows:
        print(f"{r['desa']}\t{roster.tps_label(r['tps'], r['tps_label'])}\t"
              f"{roster.JABATAN_LABELS[r['jabatan']]}\t{r['nama']}\t{r['status']}")
    print(f"{len(rows)} petugas.", file=sys.stderr)
    return EXIT_OK


def cmd_roster_import(args: argparse.Namespace) -> int:
    from kpps_desktop.core import roster_import

    with dbmod.opened(args.db) as db:
        inst = installation.require(db)
        default_desa = wilayah.normalize_code(args.desa) if args.desa else (
            inst.wilayah if inst.role == "pps" else None)
        plan = roster_import.parse_roster(args.file, default_desa=default_desa, scope=inst.wilayah)
        for w in plan.warnings:
            print(f"peringatan\tbaris {w.row}\t{w.column}\t{w.reason}")
        try:
            result = roster_import.apply_import(db, plan, skip_invalid=args.skip_invalid)
        except roster_import.ImportRefused:
            for p in plan.problems:
                print(f"galat\tbaris {p.row}\t{p.column}\t{p.reason}")
            print(f"Tidak ada yang diimpor: {len(plan.problems)} masalah. "
                  "Perbaiki berkasnya atau pakai --skip-invalid.", file=sys.stderr)
            return EXIT_REFUSED
    for p in result.problems:
        print(f"dilewati\tbaris {p.row}\t{p.column}\t{p.reason}")
    print(f"Impor selesai: {result.added} baru, {result.updated} diperbarui, "
          f"{result.skipped} baris dilewati.")
    return EXIT_OK


def cmd_roster_template(args: argparse.Namespace) -> int:
    from kpps_desktop.core import roster_import

    roster_import.write_template(Path(args.out))
    print(f"Templat ditulis ke {args.out}.")
    return EXIT_OK


# --- wilayah ----------------------------------------------------------------------------

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


# --- parser -----------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kpps",
        description="Presensi KPPS: daftar petugas, kartu, presensi, dan serah terima data, dari baris perintah.",
    )
    parser.add_argument("--version", action="version", version=f"kpps {__version__}")
    parser.add_argument("--db", dest="db_global", type=Path, default=None, metavar="FILE",
                        help="berkas database (bawaan: $KPPS_DB, atau folder data pengguna)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=None, metavar="FILE",
                        help="berkas database (bawaan: $KPPS_DB, atau folder data pengguna)")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")

    def add(name: str, fn: Callable[[argparse.Namespace], int], help: str, parent=sub):
        p = parent.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=fn)
        return p

    p = add("init", cmd_init, "atur peran dan wilayah instalasi ini")
    p.add_argument("--role", required=True, choices=sorted(installation.ROLE_LEVEL),
                   help="pps (desa), ppk (kecamatan), atau kpu (kabupaten/kota)")
    p.add_argument("--wilayah", required=True, metavar="KODE",
                   help="kode wilayah sesuai peran, mis. 33.20.01.2001 untuk PPS")

    p = add("demo", cmd_demo, "isi database dengan data contoh (bawaan: Kabupaten Jepara)")
    p.add_argument("--wilayah", metavar="KODE", help="kode kabupaten, kecamatan, atau desa (bawaan: 33.20)")
    p.add_argument("--seed", type=int, default=0, help="benih acak; benih sama = data sama")

    roster_p = sub.add_parser("roster", help="daftar petugas KPPS", description="Daftar petugas KPPS.")
    roster_sub = roster_p.add_subparsers(dest="roster_command", metavar="PERINTAH")
    roster_p.set_defaults(func=lambda a: _usage(roster_p))

    p = add("list", cmd_roster_list, "tampilkan petugas", roster_sub)
    p.add_argument("--desa", metavar="KODE", help="hanya wilayah ini (kode desa atau kecamatan)")
    p.add_argument("--json", action="store_true", help="keluaran satu larik JSON")

    p = add("import", cmd_roster_import, "impor daftar petugas dari .xlsx atau .csv", roster_sub)
    p.add_argument("file", type=Path, metavar="FILE", help="berkas .xlsx atau .csv")
    p.add_argument("--desa", metavar="KODE", help="desa untuk baris tanpa kolom desa")
    p.add_argument("--skip-invalid", action="store_true",
                   help="impor baris yang valid dan laporkan sisanya (bawaan: tidak ada yang diimpor bila ada galat)")

    p = add("template", cmd_roster_template, "tulis templat .xlsx kosong dengan kolom yang diharapkan", roster_sub)
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="berkas tujuan")

    p = add("wilayah", cmd_wilayah, "cari kode wilayah (provinsi, kabupaten, kecamatan, desa)")
    p.add_argument("kode", nargs="?", help="tampilkan anak dari kode ini (bawaan: daftar provinsi)")
    p.add_argument("--search", metavar="NAMA", help="cari berdasarkan nama")
    p.add_argument("--json", action="store_true", help="keluaran JSON")

    return parser


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        return _usage(parser)
    if getattr(args, "db", None) is None:
        args.db = args.db_global
    try:
        return args.func(args)
    except FileNotFoundError as exc:
        print(f"kpps: berkas tidak ditemukan: {exc.filename}", file=sys.stderr)
        return EXIT_REFUSED
    except (dbmod.DatabaseError, ValueError, OSError, CliError) as exc:
        # Our errors carry Indonesian messages; a user sees them, never a traceback.
        print(f"kpps: {exc}", file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
