"""What the system or SQLite said, in our own words and the UI language.

``os.strerror`` and SQLite's messages are English whatever the user's language
(and worded for programmers). Messages that reach a person name the cause with
``os_reason(exc)`` / ``sqlite_reason(exc)`` instead of quoting the library.
"""

from __future__ import annotations

import errno
import sqlite3

from entregent.i18n import N_, _

__all__ = ["os_reason", "sqlite_reason", "reason_for"]

_OS_REASONS = {
    errno.ENOENT: N_("it does not exist"),
    errno.EACCES: N_("you do not have the right to do this there"),
    errno.EPERM: N_("you do not have the right to do this there"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("your disk quota is used up"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("part of the path is a file, not a folder"),
    errno.EEXIST: N_("it already exists"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EIO: N_("the disk could not be read or written"),
    errno.EBUSY: N_("it is in use by another program"),
    errno.ETXTBSY: N_("it is in use by another program"),
}

_SQLITE_REASONS = (  # (words in SQLite's message, ours)
    ("file is not a database", N_("it is not an SQLite database")),
    ("malformed", N_("the file is damaged")),
    ("disk i/o error", N_("the disk could not be read or written")),
    ("database or disk is full", N_("the disk is full")),
    ("readonly", N_("the file cannot be written")),
    ("read-only", N_("the file cannot be written")),
    ("unable to open", N_("the file cannot be opened")),
    ("locked", N_("another program is using the database")),
    ("busy", N_("another program is using the database")),
    ("interrupt", N_("the work was interrupted")),
)


def os_reason(exc: OSError) -> str:
    """Why an operation on a file failed, in the UI language."""
    words = _OS_REASONS.get(exc.errno or -1)
    if words is not None:
        return _(words)
    return _("the system refused (error {number})").format(number=exc.errno or "?")


def sqlite_reason(exc: sqlite3.Error) -> str:
    """Why SQLite refused, in the UI language."""
    text = str(exc).lower()
    for needle, words in _SQLITE_REASONS:
        if needle in text:
            return _(words)
    return _("SQLite could not do it")


def reason_for(exc: BaseException) -> str:
    """``os_reason`` or ``sqlite_reason`` as fits; for anything else, its kind."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, sqlite3.Error):
        return sqlite_reason(exc)
    return _("an unexpected {kind}").format(kind=type(exc).__name__)
