"""`kpps daring import`: online attendance from meeting participant reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpps_desktop.cli.base import EXIT_OK, CliError, Registry, _print_json
from kpps_desktop.core import db as dbmod


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


def register(reg: Registry) -> None:
    add = reg.add
    daring_p, daring_sub = reg.group("daring", help="kehadiran daring dari laporan peserta rapat (Zoom, Meet, Teams, Formulir)",
                              description="Kehadiran daring: impor laporan peserta rapat daring dan cocokkan "
                                          "dengan daftar petugas. Lihat docs/daring.md.")
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
