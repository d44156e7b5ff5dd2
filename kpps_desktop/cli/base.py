"""What every `kpps` command module shares: exit codes, the CLI's own error, JSON output, and the
registry each module adds its sub-commands to."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable

from kpps_desktop.cli.argparse_id import indonesian
from kpps_desktop.core import wilayah
from kpps_desktop.core.errors import UserError

# Exit codes other tools can rely on.
EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class CliError(UserError):
    """A failure to report on stderr with exit status 1 (message in Indonesian)."""


def _print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=None)
    sys.stdout.write("\n")


def _usage(parser: argparse.ArgumentParser) -> int:
    """A command with sub-commands run alone (`kpps roster`): its help, in Indonesian, exit 2."""
    with indonesian():  # main() speaks Indonesian only while parsing; this runs after
        parser.print_help(sys.stderr)
    return EXIT_USAGE


def _scope_code(args: argparse.Namespace) -> str | None:
    """--desa or --kecamatan as a known region code (an unknown one is refused, not printed empty)."""
    kode = getattr(args, "desa", None) or getattr(args, "kecamatan", None)
    return wilayah.require(wilayah.normalize_code(kode)).kode if kode else None


class Registry:
    """The top-level sub-parsers (`sub`), the options every command takes (`common`: --db), and
    `add`, which makes one command that runs `fn`."""

    def __init__(self, sub, common: argparse.ArgumentParser):
        self.sub, self.common = sub, common

    def add(self, name: str, fn: Callable[[argparse.Namespace], int], help: str, parent=None):
        p = (parent or self.sub).add_parser(name, parents=[self.common], help=help, description=help)
        p.set_defaults(func=fn)
        return p

    def group(self, name: str, help: str, description: str):
        """A command with sub-commands (`kpps roster list`): its parser and their sub-parsers; the
        command alone prints its usage (exit 2)."""
        p = self.sub.add_parser(name, help=help, description=description)
        sub = p.add_subparsers(dest=f"{name}_command", metavar="PERINTAH")
        p.set_defaults(func=lambda a: _usage(p))
        return p, sub
