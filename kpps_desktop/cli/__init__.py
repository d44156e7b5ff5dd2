"""The `kpps` command line: one subcommand = one core call, for bulk and scripted work.

One module per command group (setup, roster, sessions, daring, handover, printing, recap,
upkeep, privacy), each holding its commands and a `register` that adds their sub-parsers; this
module builds the parser from them in order and runs the chosen command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpps_desktop import __version__
from kpps_desktop.cli import daring, handover, printing, privacy, recap, roster, sessions, setup, upkeep
from kpps_desktop.cli.base import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, CliError, Registry, _usage
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.errors import message_for

__all__ = ["EXIT_OK", "EXIT_REFUSED", "EXIT_USAGE", "CliError", "build_parser", "main"]

# The order of `kpps --help`.
GROUPS = (setup, roster, sessions, daring, handover, printing, recap, upkeep, privacy)


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
    reg = Registry(parser.add_subparsers(dest="command", metavar="PERINTAH"), common)
    for group in GROUPS:
        group.register(reg)
    return parser


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
    from kpps_desktop.cli.argparse_id import indonesian

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
    except KeyboardInterrupt:
        print("kpps: dibatalkan.", file=sys.stderr)
        return 130
    except Exception as exc:
        # A refusal, the database's or the disk's fault: its Indonesian message. Anything else is a
        # bug: the report file keeps the traceback, the screen says where (never a bare message).
        message = message_for(exc, getattr(args, "db", None) or dbmod.default_db_path())
        if message is None:
            from kpps_desktop.core import crash_report

            message = crash_report.cli_message(crash_report.save(exc))
        print(f"kpps: {message}", file=sys.stderr)
        return EXIT_REFUSED
