"""One running app per database: a ``QLockFile`` beside the database file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from entregent.errors import DatabaseRefused
from entregent.i18n import _


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def acquire_lock(database: Path) -> QLockFile:
    """Lock ``database`` for this process, or raise ``DatabaseRefused`` if another
    Entregent has it open (a lock left by a crashed run is taken over)."""
    lock = QLockFile(str(lock_path(Path(database))))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise DatabaseRefused(
                _(
                    "Entregent is already open on this database. Switch to that window, or "
                    "close it first."
                ),
                path=database,
            )
        raise DatabaseRefused(_("Cannot create the lock file beside the database."), path=database)
    return lock
