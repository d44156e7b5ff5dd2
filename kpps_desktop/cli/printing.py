"""`kpps cards` and `kpps daftar-hadir`: the PDFs that are printed."""

from __future__ import annotations

import argparse
import sys

from kpps_desktop.cli.base import EXIT_OK, EXIT_USAGE, Registry, _scope_code
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.paperwork import ribuan


def cmd_cards(args: argparse.Namespace) -> int:
    from kpps_desktop.render import cards as render_cards

    if args.reason is not None and not args.reissue:
        print("kpps cards: --reason hanya dipakai bersama --reissue", file=sys.stderr)
        return EXIT_USAGE
    if args.reissue and (not args.officer or args.reason is None or args.calibration):
        print("kpps cards: --reissue butuh --officer ID dan --reason TEXT (tanpa --calibration)", file=sys.stderr)
        return EXIT_USAGE
    if args.calibration:
        render_cards.calibration_pdf(args.out, args.paper)
        print(f"Halaman kalibrasi ditulis ke {args.out}.")
        return EXIT_OK
    if args.reissue:
        from kpps_desktop.render import printing

        # One transaction with the PDF: a refused or failed write revokes nothing.
        spec = printing.reissue_spec(args.officer or (), args.reason, args.paper)
        with dbmod.opened(args.db) as db:
            count = printing.render_document(db, spec, args.out)
        print(f"{count} kartu dengan kode baru ditulis ke {args.out}; kode lama dicabut "
              f"(alasan: {spec.reissue_reason}).")
        return EXIT_OK
    with dbmod.opened(args.db) as db:
        count = render_cards.cards_pdf(db, args.out, officer_ids=args.officer, within=_scope_code(args),
                                       paper=args.paper)
    print(f"{ribuan(count)} kartu ditulis ke {args.out}.")
    return EXIT_OK


def cmd_daftar_hadir(args: argparse.Namespace) -> int:
    from kpps_desktop.render import forms

    with dbmod.opened(args.db) as db:
        count = forms.daftar_hadir_pdf(db, args.session, args.out, args.paper, show_nik=args.show_nik)
    print(f"Daftar hadir ({ribuan(count)} petugas) ditulis ke {args.out}.")
    return EXIT_OK


def register(reg: Registry) -> None:
    add = reg.add
    p = add("cards", cmd_cards, "cetak kartu petugas dengan kode QR ke PDF (10 kartu per lembar)")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="berkas PDF tujuan")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--desa", metavar="KODE", help="hanya petugas desa ini")
    scope.add_argument("--kecamatan", metavar="KODE", help="hanya petugas kecamatan ini")
    scope.add_argument("--officer", action="append", metavar="ID",
                       help="hanya petugas ini (mis. kartu hilang); boleh diulang")
    p.add_argument("--paper", choices=("a4", "f4"), default="a4", help="ukuran kertas (bawaan: a4)")
    p.add_argument("--calibration", action="store_true",
                   help="tulis halaman kalibrasi printer (penggaris 100 mm dan bingkai kartu) saja")
    p.add_argument("--reissue", action="store_true",
                   help="kartu hilang: terbitkan kode baru untuk --officer (kode lama dicabut), butuh --reason")
    p.add_argument("--reason", metavar="TEXT", help="alasan penerbitan kode baru (mis. \"Kartu hilang\")")

    p = add("daftar-hadir", cmd_daftar_hadir, "cetak daftar hadir sesi (PDF) untuk ditandatangani petugas")
    p.add_argument("--session", required=True, metavar="ID", help="id sesi (lihat: kpps session list)")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="berkas PDF tujuan")
    p.add_argument("--paper", choices=("a4", "f4"), default="a4", help="ukuran kertas (bawaan: a4)")
    p.add_argument("--show-nik", action="store_true", help="tampilkan NIK lengkap (bawaan: disamarkan)")
