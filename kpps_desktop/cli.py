"""The `kpps` command line: one subcommand = one core call, for bulk and scripted work."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import Callable

from kpps_desktop import __version__
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import audit, dates, fileio, installation, nik, roster, wilayah
from kpps_desktop.core.errors import UserError
from kpps_desktop.core.paperwork import ribuan

# Exit codes other tools can rely on.
EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class CliError(UserError):
    """A failure to report on stderr with exit status 1 (message in Indonesian)."""


def _print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=None)
    sys.stdout.write("\n")


# --- init -------------------------------------------------------------------------------

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


# --- sessions and check-in -------------------------------------------------------------

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


# --- online attendance (daring) ----------------------------------------------------------

def cmd_daring_import(args: argparse.Namespace) -> int:
    import datetime as dt

    from kpps_desktop.core import daring

    if args.min_minutes is not None and args.min_minutes < 0:
        raise CliError("--min-minutes tidak boleh negatif.")
    with dbmod.opened(args.db) as db:
        found = daring.preview(db, args.session, args.files, args.min_minutes)
        applied = daring.apply_preview(db, found, dt.datetime.now().astimezone()) if args.apply else None
    if args.json:
        out = found.as_json()
        if applied is not None:
            out["applied"] = applied.as_json()
        _print_json(out)
        return EXIT_OK
    for f in found.files:
        print(f"{f.file}: {f.label}, {f.rows} baris, SHA-256 {f.sha256}")
    several = len(found.files) > 1

    def where(item) -> str:
        return f"{found.files[item.file_index].file} baris {item.row}" if several else f"baris {item.row}"

    def minutes(item) -> str:
        return "-" if item.minutes is None else f"{item.minutes_shown} menit"

    for item in found.of("matched"):
        print(f"COCOK\t{where(item)}\t{item.name}\t{found.officers[item.officer]['nama']}\t"
              f"{item.score:g}\t{minutes(item)}")
    for item in found.of("too_short"):
        print(f"KURANG\t{where(item)}\t{item.name}\t{found.officers[item.officer]['nama']}\t{minutes(item)}")
    for item in found.of("ambiguous"):
        names = "; ".join(found.officers[c]["nama"] for c in item.candidates)
        print(f"PERIKSA\t{where(item)}\t{item.name}\t{names}")
    for item in found.of("unmatched"):
        print(f"TIDAK\t{where(item)}\t{item.name}\t{item.reason}")
    c = found.counts()
    print(f"{c['matched']} cocok, {c['ambiguous']} perlu diperiksa, {c['unmatched']} tidak cocok, "
          f"{c['too_short']} kurang dari {found.min_minutes:g} menit.", file=sys.stderr)
    if applied is not None:
        print(applied.summary(), file=sys.stderr)
    else:
        print("Pratinjau saja; tambahkan --apply untuk mencatat hadir daring.", file=sys.stderr)
    return EXIT_OK


# --- handover files ---------------------------------------------------------------------

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


# --- cards and printed forms -----------------------------------------------------------

def _scope_code(args: argparse.Namespace) -> str | None:
    """--desa or --kecamatan as a known region code (an unknown one is refused, not printed empty)."""
    kode = getattr(args, "desa", None) or getattr(args, "kecamatan", None)
    return wilayah.require(wilayah.normalize_code(kode)).kode if kode else None


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


def cmd_roster_sheet(args: argparse.Namespace) -> int:
    from kpps_desktop.render import forms

    with dbmod.opened(args.db) as db:
        count = forms.roster_sheet_pdf(db, args.out, within=_scope_code(args), paper=args.paper,
                                       show_nik=args.show_nik)
    print(f"Daftar petugas dengan kode QR ({ribuan(count)} petugas) ditulis ke {args.out}.")
    return EXIT_OK


# --- recap and transport ----------------------------------------------------------------

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
    from kpps_desktop.core import recap, tabular

    if args.out == "-" and args.format != "json":
        raise CliError("--out - (ke layar) hanya untuk --format json.")
    with dbmod.opened(args.db) as db:
        within = _scope_code(args)
        r = recap.recap(db, args.by, args.session or None, within=within, kinds=args.kind or (),
                        people=args.people)
        if args.format == "json":
            if args.out == "-":
                _print_json(recap.as_json(r))
                return EXIT_OK
            with tabular.atomic_path(args.out) as tmp:
                tmp.write_text(json.dumps(recap.as_json(r), ensure_ascii=False, indent=1), encoding="utf-8")
        elif args.format == "csv":
            tabular.write_csv(recap.table(r), args.out)
        elif args.format == "xlsx":
            ids = [s.id for s in r.sessions] if not r.all_sessions else None
            tabular.write_xlsx(recap.workbook(r, recap.absentees(db, ids, within=within),
                                              recap.anomalies(db, ids, within=within)), args.out)
        else:
            from kpps_desktop.render import recap_pdf

            recap_pdf.recap_pdf(db, r, args.out, args.paper)
        audit.exported(db, "rekap", args.out, len(r.rows), r.within, format=args.format)
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
            tabular.write_xlsx(transport.table(payees, paperwork.get(db)), args.out)
        # Names leave the app: a printout (PDF) or an export (XLSX) in the audit log.
        audit.exported(db, "transport", args.out, len(payees.rows), ",".join(s.id for s in payees.sessions))
    for s in payees.skipped:
        print(f"dilewati\t{s.title}\tjenis {s.kind_label} tidak dibayar menurut pengaturan", file=sys.stderr)
    print(f"{ribuan(len(payees.rows))} penerima, jumlah {_transport_total(payees)}, ditulis ke {args.out}.")
    return EXIT_OK


def _transport_total(payees) -> str:
    from kpps_desktop.core import terbilang

    return f"{terbilang.rupiah(payees.total)} ({payees.total_words})"


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


# --- self-test, backups, settings ------------------------------------------------------

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


# --- privacy: audit log and retention --------------------------------------------------

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

    session_p = sub.add_parser("session", help="sesi pelantikan, bimtek, simulasi, susulan",
                               description="Sesi pelantikan, bimtek, simulasi, dan susulan.")
    session_sub = session_p.add_subparsers(dest="session_command", metavar="PERINTAH")
    session_p.set_defaults(func=lambda a: _usage(session_p))

    p = add("create", cmd_session_create, "buat sesi baru dan cetak id-nya", session_sub)
    from kpps_desktop.core.sessions import KINDS

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

    daring_p = sub.add_parser("daring", help="kehadiran daring dari laporan peserta rapat (Zoom, Meet, Teams, Formulir)",
                              description="Kehadiran daring: impor laporan peserta rapat daring dan cocokkan "
                                          "dengan daftar petugas. Lihat docs/daring.md.")
    daring_sub = daring_p.add_subparsers(dest="daring_command", metavar="PERINTAH")
    daring_p.set_defaults(func=lambda a: _usage(daring_p))
    p = add("import", cmd_daring_import,
            "cocokkan laporan peserta dengan daftar petugas; --apply mencatat hadir daring", daring_sub)
    p.epilog = ("Format: laporan peserta Zoom (lama, baru, pengguna unik, judul bahasa Indonesia), Google Meet, "
                "Microsoft Teams (UTF-16, tab), jawaban Google Formulir (CSV). Tanpa --apply hanya pratinjau. "
                "Keluaran --json: matched, ambiguous, unmatched, too_short; baris sesuai nomor baris di berkas.")
    p.add_argument("--session", required=True, metavar="ID", help="id sesi (lihat: kpps session list)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="laporan peserta (.csv, .tsv, .txt)")
    p.add_argument("--min-minutes", type=float, metavar="N",
                   help="menit minimum agar dihitung hadir (bawaan: pengaturan daring_min_minutes, 0)")
    p.add_argument("--apply", action="store_true",
                   help="catat hadir daring untuk yang cocok (bawaan: pratinjau saja)")
    p.add_argument("--json", action="store_true", help="keluaran satu objek JSON")

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

    desk_p = sub.add_parser("desk", help="meja presensi tambahan (laptop lain) untuk sesi yang sama",
                            description="Meja presensi tambahan: laptop lain yang mencatat presensi sesi yang sama.")
    desk_sub = desk_p.add_subparsers(dest="desk_command", metavar="PERINTAH")
    desk_p.set_defaults(func=lambda a: _usage(desk_p))
    p = add("kit", cmd_desk_kit, "tulis berkas meja (sesi, petugas, kartu, kunci) untuk satu laptop meja", desk_sub)
    p.add_argument("--session", required=True, action="append", metavar="ID",
                   help="id sesi yang dicatat di meja itu; boleh diulang (lihat: kpps session list)")
    p.add_argument("--label", metavar="NAMA", help="nama meja, mis. \"Meja 1\" (bawaan: Meja berikutnya)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.kpps", help="berkas tujuan (mis. di flashdisk)")

    handover_p = sub.add_parser("handover", help="status serah terima data dari desa",
                                description="Status serah terima data dari desa.")
    handover_sub = handover_p.add_subparsers(dest="handover_command", metavar="PERINTAH")
    handover_p.set_defaults(func=lambda a: _usage(handover_p))
    p = add("status", cmd_handover_status,
            "desa yang belum mengirim, catatan yang hilang, dan jam perangkat yang meleset", handover_sub)
    p.add_argument("--json", action="store_true", help="keluaran JSON")

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

    p = add("wilayah", cmd_wilayah, "cari kode wilayah (provinsi, kabupaten, kecamatan, desa)")
    p.add_argument("kode", nargs="?", help="tampilkan anak dari kode ini (bawaan: daftar provinsi)")
    p.add_argument("--search", metavar="NAMA", help="cari berdasarkan nama")
    p.add_argument("--json", action="store_true", help="keluaran JSON")

    p = add("self-test", cmd_self_test,
            "uji mandiri: database baru, data demo, kartu PDF, baca QR, presensi, cadangan (tanpa data pengguna)")
    p.epilog = "Status keluar 0 bila semua langkah OK, 1 pada langkah pertama yang GAGAL."

    backup_p = sub.add_parser("backup", help="cadangan database (otomatis harian, sebelum impor dan migrasi)",
                              description="Cadangan database di folder backups di samping database.")
    backup_sub = backup_p.add_subparsers(dest="backup_command", metavar="PERINTAH")
    backup_p.set_defaults(func=lambda a: _usage(backup_p))
    p = add("create", cmd_backup_create, "buat cadangan sekarang (diperiksa dengan integrity_check)", backup_sub)
    p.add_argument("--out", type=Path, metavar="FOLDER",
                   help="tulis cadangan ke folder ini (mis. flashdisk) alih-alih folder backups")
    add("list", cmd_backup_list, "tampilkan cadangan, terbaru dulu", backup_sub)
    p = add("restore", cmd_backup_restore,
            "pulihkan database dari cadangan (database sekarang dicadangkan dulu); tutup aplikasi dulu",
            backup_sub)
    p.add_argument("file", type=Path, metavar="FILE", help="berkas cadangan .sqlite")
    p.add_argument("--yes", action="store_true", help="pulihkan tanpa konfirmasi (wajib bila bukan di terminal)")

    settings_p = sub.add_parser("settings", help="pengaturan aplikasi (disimpan di database)",
                                description="Pengaturan aplikasi; daftar kunci: docs/settings.md.")
    settings_sub = settings_p.add_subparsers(dest="settings_command", metavar="PERINTAH")
    settings_p.set_defaults(func=lambda a: _usage(settings_p))
    p = add("get", cmd_settings_get, "tampilkan satu pengaturan atau semuanya (nilai JSON)", settings_sub)
    p.add_argument("key", nargs="?", metavar="KUNCI", help="mis. event_title (bawaan: semua)")
    p = add("set", cmd_settings_set, "ubah satu pengaturan (diperiksa dulu)", settings_sub)
    p.add_argument("key", metavar="KUNCI", help="mis. grace_minutes")
    p.add_argument("value", metavar="NILAI", help='teks biasa, ya/tidak, atau JSON, mis. \'{"amount": 40000}\'')

    p = add("audit", cmd_audit, "log audit: ekspor, impor, cetak, tampilkan NIK, penghapusan data pribadi")
    p.add_argument("check", nargs="?", choices=["verify"], metavar="verify",
                   help="periksa rantai hash log audit: keluar 0 bila utuh, 1 dengan catatan pertama yang rusak")
    p.add_argument("--action", choices=list(audit.ACTIONS), help="hanya jenis ini")
    p.add_argument("--since", metavar="TTTT-BB-HH", help="hanya sejak tanggal ini (waktu setempat)")
    p.add_argument("--json", action="store_true", help="keluaran satu larik JSON (waktu UTC)")

    retention_p = sub.add_parser("retention", help="hapus data pribadi petugas setelah masa tugas berakhir",
                                 description="Hapus data pribadi petugas (UU PDP); rekap tetap. Lihat docs/privacy.md.")
    retention_sub = retention_p.add_subparsers(dest="retention_command", metavar="PERINTAH")
    retention_p.set_defaults(func=lambda a: _usage(retention_p))
    p = add("status", cmd_retention_status, "tampilkan apa yang akan dihapus dan yang tetap disimpan", retention_sub)
    p.add_argument("--json", action="store_true", help="keluaran JSON (jumlah)")
    p = add("delete", cmd_retention_delete,
            "hapus NIK, nama, data lahir, alamat, HP, foto, kode kartu, dan cadangan lama; tidak dapat dibatalkan",
            retention_sub)
    p.add_argument("--confirm", required=True, metavar="KODE",
                   help="kode wilayah instalasi ini, sebagai konfirmasi (lihat: kpps retention status)")

    return parser


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _safe_output() -> None:
    """Output that never fails on an officer's name: Windows gives a redirected stdout the ANSI code
    page (cp1252), which has no 'ṡ' or 'ğ'. Redirected output becomes UTF-8 (what scripts and
    Notepad read); a console that is not UTF-8 shows '?' for what it cannot draw instead of failing.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding in ("utf8", "utf8sig") or not hasattr(stream, "reconfigure"):
            continue
        try:
            if stream.isatty():
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError):  # closed, or not a plain text stream: leave it as it is
            pass


def main(argv: list[str] | None = None) -> int:
    from kpps_desktop.cli_id import indonesian

    _safe_output()
    with indonesian():
        parser = build_parser()
        args = parser.parse_args(argv)
        if not hasattr(args, "func"):
            return _usage(parser)
    if getattr(args, "db", None) is None:
        args.db = args.db_global
    try:
        return args.func(args)
    except UserError as exc:
        # Every refusal carries its Indonesian message: the user reads it, never a traceback.
        print(f"kpps: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except sqlite3.Error as exc:  # locked, read-only, full, undecodable: the database's own faults
        print(f"kpps: {dbmod.error_for(exc, getattr(args, 'db', None) or dbmod.default_db_path())}",
              file=sys.stderr)
        return EXIT_REFUSED
    except FileNotFoundError as exc:
        print(f"kpps: berkas tidak ditemukan: {exc.filename}", file=sys.stderr)
        return EXIT_REFUSED
    except OSError as exc:  # reading an input the user named: a message, not a bug
        print(f"kpps: {fileio.read_error_for(exc)}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("kpps: dibatalkan.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: the report file keeps the traceback, the screen says where
        from kpps_desktop.core import crash_report

        print(f"kpps: {crash_report.cli_message(crash_report.save(exc))}", file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
