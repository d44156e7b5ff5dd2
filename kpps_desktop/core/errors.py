"""The one error a user is shown: an Indonesian message saying what happened and what to do.

Every refusal the app makes on purpose (bad input, a file that cannot be written, a database
that cannot be used) is a `UserError`. The CLI prints its message and exits 1; the GUI shows
it in a box. Anything else that escapes is a bug: `crash_report.write_report` saves it to a
file and the user is told where, never shown a bare traceback (docs/reliability.md).
"""

from __future__ import annotations


class UserError(Exception):
    """A failure the user can act on; `str(exc)` is the whole Indonesian message."""


class FileBusyError(UserError):
    """A file another program holds open (Windows sharing violation) even after retrying."""


class DiskFullError(UserError):
    """The medium ran out of space during a write; nothing half-written was left."""


class ReadOnlyError(UserError):
    """The medium or the file is read-only (a write-protected stick, an immutable file)."""


class InputError(UserError, ValueError):
    """Bad input: a value typed, an option, a file's content. Each module's own error derives from it.

    Still a ValueError so that code written before UserError existed (`except ValueError`)
    keeps catching it; new code catches UserError.
    """
