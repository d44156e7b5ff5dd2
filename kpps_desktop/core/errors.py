"""The one error a user is shown: an Indonesian message saying what happened and what to do.

Every refusal the app makes on purpose (bad input, a file that cannot be written, a database
that cannot be used) is a `UserError`. The CLI prints its message and exits 1; the GUI shows
it in a box. Anything else that escapes is a bug: `crash_report.write_report` saves it to a
file and the user is told where, never shown a bare traceback (docs/reliability.md).
`message_for` is the one place that decides which is which.
"""

from __future__ import annotations

import errno as _errno
import sqlite3 as _sqlite3


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


# OS errors that are the medium's or the machine's doing even with no file named: a stick pulled
# out, a full or write-protected disk, a permission refused, a device gone.
_ENVIRONMENT_ERRNOS = frozenset({_errno.EIO, _errno.ENOSPC, _errno.EROFS, _errno.EACCES, _errno.EPERM,
                                 _errno.ENOENT, _errno.ENODEV, _errno.ENXIO, _errno.EBUSY})


def message_for(exc: BaseException, db_path: object = None) -> str | None:
    """The Indonesian message for a failure that is not a bug, or None for a bug.

    The CLI and the GUI's job runner both ask this one question: a UserError speaks for itself;
    the database's own faults (locked, read-only, full, corrupt) and an OS error about a file or
    the medium are translated by core.db / core.fileio. Anything else (a ValueError, a KeyError,
    an OSError with neither a file nor a known errno, an SQL statement that is wrong) is a bug:
    the caller saves a crash report instead of showing its bare text.
    """
    if isinstance(exc, UserError):
        return str(exc)
    if isinstance(exc, _sqlite3.Error) and not isinstance(exc, (_sqlite3.ProgrammingError,
                                                                _sqlite3.InterfaceError)):
        from kpps_desktop.core import db as dbmod

        return str(dbmod.error_for(exc, db_path))
    if isinstance(exc, OSError):
        from kpps_desktop.core import fileio

        if exc.filename is not None or exc.errno in _ENVIRONMENT_ERRNOS or fileio.is_sharing_violation(exc):
            return fileio.read_error_for(exc)
    return None
