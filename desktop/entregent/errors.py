"""The two kinds of error: the ones a person should read, and bugs.

``UserError`` carries one clear sentence, and where it applies the file and the
line it is about. The CLI prints it on stderr and exits with ``exit_code``; the
GUI shows it in a dialog. Any other exception is a bug: logged, and shown as
"something went wrong" with the report to copy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def _english_where(path: str, line: int | None) -> str:
    return f"{path}, line {line}: " if line else f"{path}: "


_where: Callable[[str, int | None], str] = _english_where


def set_where_words(words: Callable[[str, int | None], str]) -> None:
    """How the file and the line open a message: ``entregent.i18n`` (a room above
    this one) puts its translated words here, so that "line" is said in the UI's
    language wherever a ``UserError`` is printed or shown."""
    global _where
    _where = words


class UserError(Exception):
    """Something the user can understand and act on."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = _where(self.path, self.line) if self.path else ""
        return where + self.message


class DatabaseRefused(UserError):
    """The database file cannot be opened safely (not SQLite, corrupt, too new, locked)."""


class NotFound(UserError):
    """A name or id given by the user matches nothing."""


class Ambiguous(UserError):
    """A name given by the user matches several people."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates


class NothingImported(UserError):
    """A file was read but nothing in it could be stored (every card or event broken,
    or only lines that are not vCard/iCalendar); the import left no trace.

    ``report`` is the import's report, with the problems and their lines."""

    def __init__(self, message: str, *, path: str | Path, report: object):
        super().__init__(message, path=path)
        self.report = report


class Refused(UserError):
    """The user did not confirm (e.g. an ask with warnings)."""

    exit_code = 4


class StorageError(UserError):
    """The database could not be written (disk full, read-only file, busy); nothing changed.

    Raised by the database layer (model/storage_guard.py) in place of SQLite's own
    errors, so that every write path gives the same clear sentence.
    """


class DiskFull(StorageError):
    """No room left on the disk (or the database reached its size limit)."""


class ReadOnlyDatabase(StorageError):
    """The database file, or its folder, cannot be written."""


class DatabaseBusy(StorageError):
    """Another program kept the database busy longer than the wait allows."""


class Cancelled(Exception):
    """Long work stopped at the user's request; whatever it did was rolled back."""
