"""`kpps roster`: list, import, template, photos, and the QR sheet of the officers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpps_desktop.cli.base import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, Registry, _print_json, _scope_code
from kpps_desktop.core import audit, installation, nik, roster, wilayah
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.paperwork import ribuan


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
            from kpps_desktop.core import cards

            codes = cards.current_codes(db, issue=True)
            for r in rows:
                r["code"] = codes.get(r["id"])
            # The JSON is a scripted tool's contract and carries full NIKs: personal data leaving the app.
            audit.record(db, "export", "daftar_petugas", within, len(rows), {"format": "json", "file": "-"})
    if args.json:
        _print_json([_officer_json(r) for r in rows])
        return EXIT_OK
    for r in rows:
        print(f"{r['desa']}\t{roster.tps_label(r['tps'], r['tps_label'])}\t"
              f"{roster.JABATAN_LABELS[r['jabatan']]}\t{r['nama']}\t{nik.mask(r['nik'])}\t{r['status']}")
    for r in rows:
        if r.get("unreadable"):
            print(f"peringatan\tpetugas {r['id']}\tberisi teks yang tidak dapat dibaca (bukan UTF-8), "
                  "ditampilkan dengan tanda \ufffd; perbaiki datanya lewat aplikasi", file=sys.stderr)
    print(f"{ribuan(len(rows))} petugas.", file=sys.stderr)
    return EXIT_OK


def cmd_roster_import(args: argparse.Namespace) -> int:
    from kpps_desktop.core import roster_import

    if args.report and args.report.suffix.lower() not in (".xlsx", ".pdf"):
        print(f"kpps: --report harus berakhiran .xlsx atau .pdf, bukan '{args.report.name}'.", file=sys.stderr)
        return EXIT_USAGE
    with dbmod.opened(args.db) as db:
        inst = installation.require(db)
        default_desa = wilayah.normalize_code(args.desa) if args.desa else (
            inst.wilayah if inst.role == "pps" else None)
        plan = roster_import.parse_roster(args.file, default_desa=default_desa, scope=inst.wilayah)
        if args.report:
            # The same report the import dialog saves, written whether or not the import goes ahead.
            from kpps_desktop.render.import_report import write_report

            write_report(plan, args.file, args.report)
            print(f"Laporan pemeriksaan disimpan: {args.report}", file=sys.stderr)
        for n in plan.notes:
            print(f"catatan\tbaris {n.row}\t\t{n.reason}")
        for w in plan.warnings:
            print(f"peringatan\tbaris {w.row}\t{w.column}\t{w.reason}")
        try:
            result = roster_import.apply_import(db, plan, skip_invalid=args.skip_invalid)
        except roster_import.ImportRefused:
            for p in plan.problems:
                print(f"galat\tbaris {p.row}\t{p.nama}\t{p.column}\t{p.reason}")
            print(f"Tidak ada yang diimpor: {len(plan.problems)} masalah. "
                  "Perbaiki berkasnya atau pakai --skip-invalid.", file=sys.stderr)
            return EXIT_REFUSED
    for p in result.problems:
        print(f"dilewati\tbaris {p.row}\t{p.column}\t{p.reason}")
    print(f"Impor selesai: {result.added} baru, {result.updated} diperbarui, "
          f"{result.skipped} baris dilewati.")
    return EXIT_OK


def cmd_roster_photos(args: argparse.Namespace) -> int:
    from kpps_desktop.core import cards

    with dbmod.opened(args.db) as db:
        result = cards.import_photos(db, args.folder)
    for name in result.unknown:
        print(f"tidak cocok\t{name}\tnama berkas bukan NIK petugas yang terdaftar")
    for name in result.failed:
        print(f"gagal\t{name}\tbukan gambar yang dapat dibaca")
    print(f"{result.imported} foto diimpor.")
    return EXIT_OK


def cmd_roster_template(args: argparse.Namespace) -> int:
    from kpps_desktop.core import roster_import

    roster_import.write_template(Path(args.out))
    print(f"Templat ditulis ke {args.out}.")
    return EXIT_OK


def cmd_roster_sheet(args: argparse.Namespace) -> int:
    from kpps_desktop.render import forms

    with dbmod.opened(args.db) as db:
        count = forms.roster_sheet_pdf(db, args.out, within=_scope_code(args), paper=args.paper,
                                       show_nik=args.show_nik)
    print(f"Daftar petugas dengan kode QR ({ribuan(count)} petugas) ditulis ke {args.out}.")
    return EXIT_OK


def register(reg: Registry) -> None:
    add = reg.add
    roster_p, roster_sub = reg.group("roster", help="daftar petugas KPPS", description="Daftar petugas KPPS.")

    p = add("list", cmd_roster_list, "tampilkan petugas", roster_sub)
    p.add_argument("--desa", metavar="KODE", help="hanya wilayah ini (kode desa atau kecamatan)")
    p.add_argument("--json", action="store_true", help="keluaran satu larik JSON")

    p = add("import", cmd_roster_import, "impor daftar petugas dari .xlsx atau .csv", roster_sub)
    p.add_argument("file", type=Path, metavar="FILE", help="berkas .xlsx atau .csv")
    p.add_argument("--desa", metavar="KODE", help="desa untuk baris tanpa kolom desa")
    p.add_argument("--skip-invalid", action="store_true",
                   help="impor baris yang valid dan laporkan sisanya (bawaan: tidak ada yang diimpor bila ada galat)")
    p.add_argument("--report", type=Path, metavar="FILE",
                   help="simpan laporan pemeriksaan (baris, nama, kolom, alasan) sebagai .xlsx atau .pdf")

    p = add("template", cmd_roster_template, "tulis templat .xlsx kosong dengan kolom yang diharapkan", roster_sub)
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="berkas tujuan")

    p = add("photos", cmd_roster_photos, "impor foto petugas dari folder berkas bernama NIK (.jpg/.png)", roster_sub)
    p.add_argument("folder", type=Path, metavar="FOLDER", help="folder berisi 3320015203900001.jpg dan seterusnya")

    p = add("sheet", cmd_roster_sheet, "cetak daftar petugas dengan kode QR (PDF) untuk dipindai dari kertas", roster_sub)
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="berkas PDF tujuan")
    p.add_argument("--desa", metavar="KODE", help="hanya wilayah ini (kode desa atau kecamatan)")
    p.add_argument("--paper", choices=("a4", "f4"), default="a4", help="ukuran kertas (bawaan: a4)")
    p.add_argument("--show-nik", action="store_true", help="tampilkan NIK lengkap (bawaan: disamarkan)")
