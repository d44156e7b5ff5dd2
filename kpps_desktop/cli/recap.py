"""`kpps recap`, `kpps anomalies`, `kpps transport`: what the office reads and pays from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpps_desktop.cli.base import EXIT_OK, CliError, Registry, _print_json, _scope_code
from kpps_desktop.core import audit
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.paperwork import ribuan
from kpps_desktop.core.sessions import KINDS


RECAP_EPILOG = (
    "JSON: objek dengan 'coverage' (reported = desa yang sudah mengirim, total = semua desa wilayah, "
    "silent = daftar yang belum), 'sessions' (tiap sesi dengan state: ditutup, terbuka, belum_ditutup, "
    "belum_dilaksanakan), 'rows' dan 'total'. Tiap baris: kode, nama (dan desa/kecamatan/tps bila berlaku), "
    "reported (true/false; desa yang belum mengirim tetap ada, dengan expected, dan tidak ikut dijumlah), lalu "
    "jumlah bilangan bulat per status: expected (diharapkan), hadir (tepat waktu saja), hadir_daring, "
    "terlambat, izin, sakit, tidak_hadir, belum (belum tercatat, sesi masih terbuka), present "
    "(= hadir + terlambat + hadir_daring), diganti (PAW, tidak diharapkan), not_held (pasangan di sesi yang "
    "belum dilaksanakan), dan rate = present/(expected - not_held) (0..1). 'hadir' TIDAK termasuk yang "
    "terlambat. Tanpa --session: semua sesi dijumlahkan per pasangan sesi-petugas; --people menambah "
    "jumlah orang (people, people_all, people_some, people_none). Lihat docs/recap.md.")


def cmd_recap(args: argparse.Namespace) -> int:
    from kpps_desktop.core import recap
    from kpps_desktop.render.recap_export import export_recap

    if args.out == "-" and args.format != "json":
        raise CliError("--out - (ke layar) hanya untuk --format json.")
    with dbmod.opened(args.db) as db:
        r = recap.recap(db, args.by, args.session or None, within=_scope_code(args), kinds=args.kind or (),
                        people=args.people)
        if args.out == "-":  # to the screen: no file leaves the app, nothing to audit
            _print_json(recap.as_json(r))
            return EXIT_OK
        export_recap(db, r, args.format, args.out, paper=args.paper)
    c = r.coverage
    print(f"Rekap {ribuan(len(r.rows))} {recap.level_word(recap.LEVEL_LABELS[r.by])} ditulis ke {args.out} "
          f"({ribuan(c['reported'])} dari {ribuan(c['total'])} desa melapor).", file=sys.stderr)
    return EXIT_OK


def cmd_anomalies(args: argparse.Namespace) -> int:
    from kpps_desktop.core import anomalies, recap

    with dbmod.opened(args.db) as db:
        ids = [s.id for s in recap.resolve_sessions(db, args.session or None, args.kind or ())] \
            if args.session or args.kind else None
        flags = anomalies.anomalies(db, ids, within=_scope_code(args))
    if args.json:
        _print_json([f.as_json() for f in flags])
        return EXIT_OK
    if not flags:
        print("Tidak ada anomali.")
    for f in flags:
        print(f"{f.label}\t{f.kecamatan_nama}\t{f.desa_nama}\t{f.session_title}\t{f.device}\t"
              f"{len(f.events)} presensi\n  {f.explanation}")
    return EXIT_OK


def cmd_transport(args: argparse.Namespace) -> int:
    from kpps_desktop.core import paperwork, tabular, transport

    suffix = Path(args.out).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise CliError(f"Berkas tujuan harus .pdf atau .xlsx, bukan '{suffix or args.out}'.")
    with dbmod.opened(args.db) as db:
        payees = transport.payees(db, args.session)
        if suffix == ".pdf":
            from kpps_desktop.render import recap_pdf

            recap_pdf.transport_pdf(db, payees, args.out, args.paper)
        else:
            tabular.write_xlsx(transport.workbook(payees, paperwork.get(db)), args.out)
        # Names leave the app: a printout (PDF) or an export (XLSX) in the audit log.
        audit.exported(db, "transport", args.out, len(payees.rows), ",".join(s.id for s in payees.sessions))
    for s in payees.skipped:
        print(f"dilewati\t{s.title}\tjenis {s.kind_label} tidak dibayar menurut pengaturan", file=sys.stderr)
    print(f"{ribuan(len(payees.rows))} penerima, jumlah {_transport_total(payees)}, ditulis ke {args.out}.")
    return EXIT_OK


def _transport_total(payees) -> str:
    from kpps_desktop.core import terbilang

    return f"{terbilang.rupiah(payees.total)} ({payees.total_words})"


def register(reg: Registry) -> None:
    add = reg.add
    p = add("recap", cmd_recap, "rekap kehadiran per TPS, desa, atau kecamatan (CSV, XLSX, PDF, JSON)")
    p.epilog = RECAP_EPILOG
    p.add_argument("--by", choices=("tps", "desa", "kecamatan"), default="desa", help="kelompok baris (bawaan: desa)")
    p.add_argument("--session", action="append", metavar="ID",
                   help="hanya sesi ini; boleh diulang (bawaan: semua sesi)")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--desa", metavar="KODE", help="hanya desa ini")
    scope.add_argument("--kecamatan", metavar="KODE", help="hanya kecamatan ini")
    p.add_argument("--kind", action="append", choices=tuple(KINDS), metavar="JENIS",
                   help="hanya sesi jenis ini (pelantikan, bimtek, simulasi, susulan); boleh diulang")
    p.add_argument("--people", action="store_true",
                   help="tambah jumlah orang: ikut semua sesi wajib, absen sebagian, absen semua")
    p.add_argument("--format", required=True, choices=("csv", "xlsx", "pdf", "json"), help="bentuk berkas")
    p.add_argument("--out", required=True, metavar="FILE", help="berkas tujuan; '-' = JSON ke layar")
    p.add_argument("--paper", choices=("a4", "f4"), default="a4", help="ukuran kertas PDF, melintang (bawaan: a4)")

    p = add("anomalies", cmd_anomalies, "anomali presensi: terlalu cepat, jam kertas sama, satu perangkat "
            "untuk banyak desa, jam perangkat meleset, dan lainnya")
    p.epilog = ("Tiap anomali menyebut kecamatan, desa, sesi, dan perangkat (peran dan wilayahnya bila dikenal). "
                "Anomali hanya memberi tahu; data tidak diubah. Lihat docs/recap.md.")
    p.add_argument("--session", action="append", metavar="ID", help="hanya sesi ini; boleh diulang")
    p.add_argument("--kind", action="append", choices=tuple(KINDS), metavar="JENIS",
                   help="hanya sesi jenis ini; boleh diulang")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--desa", metavar="KODE", help="hanya desa ini")
    scope.add_argument("--kecamatan", metavar="KODE", help="hanya kecamatan ini")
    p.add_argument("--json", action="store_true", help="keluaran JSON (satu objek per anomali)")

    p = add("transport", cmd_transport, "daftar penerima uang transport (PDF atau XLSX) untuk SPJ")
    p.epilog = ("Aturan dari pengaturan 'transport': jenis sesi yang dibayar (bawaan: pelantikan, bimtek), "
                "besaran per kegiatan (bawaan: Rp 50.000), hadir daring dihitung (bawaan: tidak), "
                "terlambat dihitung (bawaan: ya).")
    p.add_argument("--session", required=True, action="append", metavar="ID", help="id sesi; boleh diulang")
    p.add_argument("--out", required=True, metavar="FILE.pdf|FILE.xlsx", help="berkas tujuan")
    p.add_argument("--paper", choices=("a4", "f4"), default="a4", help="ukuran kertas PDF, melintang (bawaan: a4)")
