"""argparse's own texts in Indonesian ("usage:", "error: argument …"), for the `kpps` command line."""

from __future__ import annotations

import argparse
import contextlib
from typing import Iterator

# The texts argparse (Python 3.11-3.13) passes through gettext; anything else stays as it is.
TEXTS = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen posisi",
    "options": "pilihan",
    "optional arguments": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "expected one argument": "perlu satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "perlu sedikitnya satu nilai",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan %(value)r tidak dikenal (pilih dari %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "ambiguous option: %(option)s could match %(matches)s": "pilihan ambigu: %(option)s bisa berarti %(matches)s",
    "ignored explicit argument %r": "argumen %r diabaikan",
}


def _indonesian(text: str) -> str:
    return TEXTS.get(text, text)


@contextlib.contextmanager
def indonesian() -> Iterator[None]:
    """argparse speaks Indonesian inside the block (only there: pytest and others use argparse too)."""
    saved = argparse._
    argparse._ = _indonesian
    try:
        yield
    finally:
        argparse._ = saved
