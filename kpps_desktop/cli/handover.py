"""`kpps export`, `provision`, `import`, `desk kit`, `handover status`: the files that travel."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpps_desktop.cli.base import EXIT_OK, EXIT_REFUSED, CliError, Registry, _print_json
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation, wilayah


def cmd_export(args: argparse.Namespace) -> int:
    from kpps_desktop.core import crypt, exchange

    with dbmod.opened(args.db) as db:
        encrypt = not args.no_encrypt
        if args.encrypt_to:
            encrypt = next((r for r in crypt.recipients(db) if r.role == args.encrypt_to), None)
            if encrypt is None:
                raise CliError(f"Kunci enkripsi {args.encrypt_to.upper()} belum diketahui: kunci itu datang "
                               "bersama berkas yang dikirim kantor tersebut ke sini (mis. daftar petugas).")
        result = exchange.export(db, args.out, args.scope, encrypt=encrypt)
        if args.receipt:
            from kpps_desktop.render import receipt

            receipt.receipt_pdf(result, args.receipt, sender_wilayah=installation.require(db).wilayah, db=db)
    print(result.receipt())
    if args.receipt:
        print(f"Berita acara serah terima (PDF): {args.receipt}", file=sys.stderr)
    if result.encrypted_for is None:
        print("kpps: peringatan: berkas ini TIDAK terenkripsi; flashdisk yang hilang membocorkan data "
              "pribadi di dalamnya.", file=sys.stderr)
    return EXIT_OK


def cmd_provision(args: argparse.Namespace) -> int:
    from kpps_desktop.core.exchange import provisioning

    with dbmod.opened(args.db) as db:
        result = provisioning.make(db, args.out, args.wilayah)
    print(result.receipt())
    print("kpps: berkas penyiapan tidak terenkripsi (kantor di bawah belum punya kunci); serahkan langsung.",
          file=sys.stderr)
    return EXIT_OK


def cmd_desk_kit(args: argparse.Namespace) -> int:
    from kpps_desktop.core.exchange import desks

    with dbmod.opened(args.db) as db:
        result, label = desks.make_kit(db, args.out, args.session, args.label)
    print(result.receipt())
    print(f"Berkas meja '{label}' ditulis: {result.path}. Di laptop meja: kpps init --from {result.path.name} "
          "(atau \"Buka berkas dari PPK/KPU\" saat aplikasi pertama dibuka).")
    print("kpps: berkas meja tidak terenkripsi dan memuat rahasia pendaftaran meja; serahkan langsung.",
          file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from kpps_desktop.core import exchange

    with dbmod.opened(args.db) as db:
        # import_files: all files share a few transactions (a savepoint each), committed before it returns.
        reports = exchange.import_files(db, args.files, trust_new=args.trust_new, commit=not args.preview,
                                        code=args.code)
        for report in reports:
            for warning in report.warnings:
                print(f"kpps: peringatan: {warning}", file=sys.stderr)
            if not report.ok:
                print(f"kpps: {report.summary()}", file=sys.stderr)
            elif not args.json:
                print(report.summary())
    if args.json:
        _print_json([r.as_json() for r in reports])
    return EXIT_OK if all(r.ok for r in reports) else EXIT_REFUSED


def cmd_handover_status(args: argparse.Namespace) -> int:
    from kpps_desktop.core import exchange
    from kpps_desktop.core.exchange import desks

    with dbmod.opened(args.db) as db:
        status = exchange.handover_status(db)
        copied, copied_from = dbmod.copy_notice(db), dbmod.get_meta(db, "copied_from")
        desk, this_desk = installation.desk(db), desks.describe(db)
    if args.json:
        # copied_from: the device this database continued from on another computer (null if none).
        # desk: this installation as a check-in desk (label, master device), null if it is none.
        _print_json({**status.as_json(), "copied_from": copied_from,
                     "desk": {"label": desk.label, "master": desk.master} if desk else None})
        return EXIT_OK
    if copied:
        print(copied, file=sys.stderr)
    if this_desk:
        print(this_desk)
    print(f"{status.scope} {wilayah.name(status.scope)}: {len(status.reported)} dari "
          f"{status.desa_total} desa sudah mengirim.")
    for kode in status.never_reported:
        print(f"belum mengirim\t{kode}\t{wilayah.name(kode)}")
    for g in status.gaps:
        ranges = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in g.missing)
        print(f"ada yang hilang\t{g.wilayah or '?'}\tperangkat {g.device_id[:8]}\t"
              f"{g.missing_count} catatan (nomor urut {ranges})")
    for c in status.clocks:
        print(f"jam perangkat meleset\t{c.wilayah or '?'}\tperangkat {c.device_id[:8]}\t"
              f"{c.events} catatan, {c.first} .. {c.last}")
    for d in status.desks:
        if not d.returned:
            print(f"meja belum menyerahkan\t{d.label}\tbelum ada berkas yang kembali")
        elif d.missing:
            print(f"meja ada yang hilang\t{d.label}\tperangkat {d.device_id[:8]}\t{d.records} catatan, "
                  f"{d.missing} hilang (nomor urut terakhir {max(d.last_seq, d.declared_seq)})")
        else:
            print(f"meja lengkap\t{d.label}\tperangkat {d.device_id[:8]}\t{d.records} catatan "
                  f"(nomor urut terakhir {d.last_seq})")
    if status.desks:
        missing = status.desks_missing
        print(f"{len(status.desks) - len(missing)} dari {len(status.desks)} meja sudah menyerahkan berkas lengkap."
              + (" " + "; ".join(f"{d.label} belum menyerahkan berkas" if not d.returned else
                                 f"{d.label} belum lengkap" for d in missing) if missing else ""))
    return EXIT_OK


def register(reg: Registry) -> None:
    add = reg.add
    p = add("export", cmd_export,
            "tulis berkas serah terima (.kpps) dan cetak berita acaranya")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.kpps", help="berkas tujuan (mis. di flashdisk)")
    p.add_argument("--scope", metavar="KODE",
                   help="hanya wilayah ini, mis. satu desa untuk mengirim daftar petugas ke PPS "
                        "(bawaan: seluruh wilayah instalasi)")
    enc = p.add_mutually_exclusive_group()
    enc.add_argument("--no-encrypt", action="store_true",
                     help="jangan enkripsi (bawaan: enkripsi untuk kantor tepat di atas bila kuncinya diketahui)")
    enc.add_argument("--encrypt-to", choices=("ppk", "kpu"), metavar="PERAN",
                     help="enkripsi untuk kantor ini (ppk atau kpu) yang kuncinya sudah diterima")
    p.add_argument("--receipt", type=Path, metavar="RECEIPT.pdf",
                   help="tulis juga berita acara serah terima sebagai PDF untuk dicetak dan ditandatangani")

    p = add("provision", cmd_provision, "buat berkas penyiapan bertanda tangan untuk satu kantor di bawah")
    p.add_argument("--wilayah", required=True, metavar="KODE",
                   help="wilayah kantor di bawah: kode desa (PPS) atau kecamatan (PPK)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.kpps", help="berkas tujuan")

    p = add("import", cmd_import, "periksa lalu gabungkan berkas serah terima (.kpps), tiap berkas utuh atau tidak sama sekali")
    p.epilog = "Status keluar 1 bila ada berkas yang ditolak; alasannya ditulis per berkas."
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="berkas .kpps")
    p.add_argument("--code", metavar="KODE",
                   help="kode verifikasi dari berita acara serah terima yang menyertai berkas: perangkat baru "
                        "diterima bila kodenya sama")
    p.add_argument("--trust-new", action="store_true",
                   help="percayai perangkat pengirim yang baru tanpa kode (tidak menjadikannya tujuan enkripsi "
                        "dan tidak menambah perangkat kantor yang sudah dikenal)")
    p.add_argument("--preview", action="store_true", help="hanya periksa dan hitung, tidak menyimpan")
    p.add_argument("--json", action="store_true", help="keluaran satu larik JSON")

    desk_p, desk_sub = reg.group("desk", help="meja presensi tambahan (laptop lain) untuk sesi yang sama",
                            description="Meja presensi tambahan: laptop lain yang mencatat presensi sesi yang sama.")
    p = add("kit", cmd_desk_kit, "tulis berkas meja (sesi, petugas, kartu, kunci) untuk satu laptop meja", desk_sub)
    p.add_argument("--session", required=True, action="append", metavar="ID",
                   help="id sesi yang dicatat di meja itu; boleh diulang (lihat: kpps session list)")
    p.add_argument("--label", metavar="NAMA", help="nama meja, mis. \"Meja 1\" (bawaan: Meja berikutnya)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.kpps", help="berkas tujuan (mis. di flashdisk)")

    handover_p, handover_sub = reg.group("handover", help="status serah terima data dari desa",
                                description="Status serah terima data dari desa.")
    p = add("status", cmd_handover_status,
            "desa yang belum mengirim, catatan yang hilang, dan jam perangkat yang meleset", handover_sub)
    p.add_argument("--json", action="store_true", help="keluaran JSON")
