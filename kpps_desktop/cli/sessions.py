"""`kpps session`, `kpps checkin`, `kpps scans`: sessions, one check-in, and refused scans."""

from __future__ import annotations

import argparse
import sys

from kpps_desktop.cli.base import EXIT_OK, EXIT_REFUSED, CliError, Registry, _print_json
from kpps_desktop.core import dates
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.paperwork import ribuan
from kpps_desktop.core.sessions import KINDS


def _session_json(s) -> dict:
    return {**s.as_dict(), "scope_label": s.scope_label}


def cmd_session_create(args: argparse.Namespace) -> int:
    from kpps_desktop.core import sessions

    scope_kind, scope = ("kecamatan", args.kecamatan) if args.kecamatan else (None, None)
    with dbmod.opened(args.db) as db:
        s = sessions.create_session(db, args.kind, args.title, args.date, args.start, args.end,
                                    scope_kind, scope, venue=args.venue, desas=args.desa)
    if args.json:
        _print_json({"id": s.id})
    else:
        print(s.id)
    return EXIT_OK


def cmd_session_list(args: argparse.Namespace) -> int:
    from kpps_desktop.core import sessions

    with dbmod.opened(args.db) as db:
        found = sessions.list_sessions(db)
    if args.json:
        _print_json([_session_json(s) for s in found])
        return EXIT_OK
    for s in found:
        hours = "-".join(t for t in (s.start_time, s.end_time) if t)
        print(f"{s.id}\t{s.date}\t{hours}\t{s.kind_label}\t{s.title}\t{s.scope_label}\t"
              f"{'ditutup' if s.closed_at else 'terbuka'}")
    print(f"{ribuan(len(found))} sesi.", file=sys.stderr)
    return EXIT_OK


def cmd_session_close(args: argparse.Namespace) -> int:

    from kpps_desktop.core import sessions

    with dbmod.opened(args.db) as db:
        session = sessions.require_session(db, args.id)
        if not args.yes:
            count = len(sessions.unmarked_officers(db, args.id))
            question = f"Tutup sesi '{session.title}': {ribuan(count)} petugas akan ditandai tidak hadir."
            if not sys.stdin.isatty():
                raise CliError(question + " Ulangi dengan --yes untuk menutup.")
            if input(question + " Lanjutkan? [y/T] ").strip().lower() not in ("y", "ya"):
                print("Dibatalkan; sesi tetap terbuka.")
                return EXIT_REFUSED
        count = sessions.close_session(db, args.id, dates.local_now())
    print(f"Sesi '{session.title}' ditutup: {ribuan(count)} petugas ditandai tidak hadir.")
    return EXIT_OK


def cmd_checkin(args: argparse.Namespace) -> int:

    from kpps_desktop.core import checkin

    with dbmod.opened(args.db) as db:
        if args.at:
            # From the signed paper list: the written time, on the session's own day.
            now = checkin.paper_time(db, args.session, args.at)
            result = checkin.check_in(db, args.session, args.code, now, "paper", args.reason)
        else:
            now = dates.local_now()
            refused = None if args.any_day else checkin.wrong_day(db, args.session, now)
            if refused is not None:
                _print_json(refused.as_json())
                return EXIT_REFUSED
            result = checkin.check_in(db, args.session, args.code, now, "scanner", args.reason)
    _print_json(result.as_json())
    return EXIT_OK if result.ok else EXIT_REFUSED


def cmd_scans_list(args: argparse.Namespace) -> int:
    from kpps_desktop.core import checkin

    if not args.session:
        raise CliError("Sebutkan sesinya: kpps scans --session ID (lihat: kpps session list).")
    with dbmod.opened(args.db) as db:
        found = checkin.unresolved_scans(db, args.session)
    if args.json:
        _print_json(found)
        return EXIT_OK
    for s in found:
        owner = s["officer"]["nama"] if s["officer"] else "-"
        print(f"{s['id']}\t{s['at']}\t{s['result']}\t{s['method']}\t{s['text'] or '-'}\t{owner}")
    print(f"{ribuan(len(found))} pindaian belum diselesaikan.", file=sys.stderr)
    return EXIT_OK


def cmd_scans_resolve(args: argparse.Namespace) -> int:

    from kpps_desktop.core import checkin

    with dbmod.opened(args.db) as db:
        result = checkin.resolve_scan(db, args.scan_id, args.officer, dates.local_now(), args.reason,
                                      at_scan_time=not args.now)
    if args.json:
        _print_json({"scan_id": args.scan_id, **result.as_json()})
    else:
        print(f"{result.officer['nama']}: {result.message}. Pindaian {args.scan_id} diselesaikan.")
    return EXIT_OK


def cmd_scans_dismiss(args: argparse.Namespace) -> int:
    from kpps_desktop.core import checkin

    with dbmod.opened(args.db) as db:
        count = checkin.dismiss_scans(db, args.scan_id, args.reason)
    print(f"{ribuan(count)} pindaian diabaikan.")
    return EXIT_OK


def register(reg: Registry) -> None:
    add, sub, common = reg.add, reg.sub, reg.common
    session_p, session_sub = reg.group("session", help="sesi pelantikan, bimtek, simulasi, susulan",
                               description="Sesi pelantikan, bimtek, simulasi, dan susulan.")

    p = add("create", cmd_session_create, "buat sesi baru dan cetak id-nya", session_sub)
    p.add_argument("--kind", required=True, choices=list(KINDS), help="jenis sesi")
    p.add_argument("--title", required=True, metavar="JUDUL", help="judul sesi")
    p.add_argument("--date", required=True, metavar="TTTT-BB-HH", help="tanggal, mis. 2024-11-07")
    p.add_argument("--start", metavar="JJ:MM", help="jam mulai (untuk menentukan terlambat)")
    p.add_argument("--end", metavar="JJ:MM", help="jam selesai")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--desa", metavar="KODE", action="append",
                       help="peserta: petugas desa ini; ulangi untuk beberapa desa (--desa A --desa B): "
                            "hanya petugas desa-desa itu yang diharapkan dan ditandai saat sesi ditutup")
    where.add_argument("--kecamatan", metavar="KODE", help="peserta: petugas kecamatan ini")
    p.add_argument("--venue", metavar="TEMPAT", help="tempat, mis. Balai Desa")
    p.add_argument("--json", action="store_true", help='keluaran {"id": ...}')

    p = add("list", cmd_session_list, "tampilkan sesi", session_sub)
    p.add_argument("--json", action="store_true", help="keluaran satu larik JSON")

    p = add("close", cmd_session_close,
            "tutup sesi: petugas yang diharapkan tanpa catatan ditandai tidak hadir", session_sub)
    p.add_argument("id", metavar="ID", help="id sesi")
    p.add_argument("--yes", action="store_true",
                   help="tutup tanpa konfirmasi (wajib bila tidak dijalankan di terminal)")

    p = add("checkin", cmd_checkin, "catat presensi satu kode kartu dan cetak hasilnya sebagai JSON")
    p.epilog = ("Hasil (result): accepted, duplicate, unknown, revoked, not_in_session, invalid, closed, "
                "wrong_day (sesi tidak bertanggal hari ini; tidak ada yang dicatat). "
                "Status keluar 0 untuk accepted dan duplicate, 1 untuk hasil lain atau galat.")
    p.add_argument("--session", required=True, metavar="ID", help="id sesi")
    p.add_argument("code", metavar="KODE", help="kode kartu (hasil pindai atau ketikan)")
    p.add_argument("--at", metavar="JJ:MM",
                   help="jam yang tertulis di daftar hadir kertas (dicatat sebagai entri dari kertas)")
    p.add_argument("--any-day", action="store_true",
                   help="catat sekarang walau sesi tidak bertanggal hari ini (tanpa ini: wrong_day)")
    p.add_argument("--reason", metavar="TEKS", help="keterangan yang disimpan bersama catatan")

    scans_p = sub.add_parser("scans", parents=[common], help="pindaian yang ditolak dan belum diselesaikan",
                             description="Pindaian yang ditolak (kode tidak dikenal, bukan peserta, ...) "
                                         "dan belum diselesaikan: tampilkan, catat hadir, atau abaikan.")
    scans_p.set_defaults(func=cmd_scans_list)
    scans_p.add_argument("--session", metavar="ID", help="id sesi yang pindaiannya ditampilkan")
    scans_p.add_argument("--json", action="store_true", help="keluaran satu larik JSON, terbaru dulu")
    scans_sub = scans_p.add_subparsers(dest="scans_command", metavar="PERINTAH")
    p = add("resolve", cmd_scans_resolve,
            "catat hadir petugas yang benar untuk satu pindaian (presensi manual, jam pindaian)", scans_sub)
    p.add_argument("scan_id", metavar="SCAN_ID", help="id pindaian (lihat: kpps scans --session ID)")
    p.add_argument("--officer", required=True, metavar="ID", help="id petugas (lihat: kpps roster list --json)")
    p.add_argument("--reason", required=True, metavar="TEKS", help="alasan, mis. kartu tertukar")
    p.add_argument("--now", action="store_true",
                   help="catat dengan jam sekarang (bawaan: jam pindaian, saat petugas ada di meja)")
    p.add_argument("--json", action="store_true", help="keluaran satu objek JSON seperti kpps checkin")
    p = add("dismiss", cmd_scans_dismiss, "abaikan pindaian (salah baca kamera, orang lain); tetap tercatat",
            scans_sub)
    p.add_argument("scan_id", nargs="+", metavar="SCAN_ID", help="id pindaian; boleh lebih dari satu")
    p.add_argument("--reason", required=True, metavar="TEKS", help="alasan, mis. salah baca kamera")
