"""One place where SQLite's write failures become sentences a person can act on.

A full disk, a read-only file or a database kept busy by another program show up
as ``sqlite3.OperationalError`` with terse English texts, at whatever statement
happened to need the disk. ``GuardedSqliteDatabase`` (the class every
connection of the app uses, see ``database.connect``) turns them into
``DiskFull``, ``ReadOnlyDatabase`` or ``DatabaseBusy`` — ``UserError``s naming
the file — and makes sure the unit of work they interrupted is rolled back as a
whole: after such a failure inside a transaction, every further statement of
that transaction fails the same way (SQLite may already have rolled it back, so
going on would commit the rest piecemeal), and the rollback itself never hides
the first error. Reading keeps working: only writes touch the disk.

Transactions begin IMMEDIATE: a unit of work takes the write lock when it
starts, so that when another process (the desktop app, a command) is writing,
it waits for it (the busy timeout) instead of failing at once on upgrading a
read to a write — which SQLite cannot wait for.
"""

from __future__ import annotations

import peewee

from entregent.errors import DatabaseBusy, DiskFull, ReadOnlyDatabase, StorageError
from entregent.i18n import _

__all__ = ["GuardedSqliteDatabase", "storage_error_for"]

_FULL = ("database or disk is full", "no space left on device")
_READ_ONLY = ("attempt to write a readonly database", "readonly database",
              "read-only file system")
_BUSY = ("database is locked", "database table is locked")


def storage_error_for(exc: BaseException, path: str | None) -> StorageError | None:
    """The clear error for a SQLite (or OS) failure to write, or None if it is not one."""
    text = str(exc).lower()
    if any(marker in text for marker in _FULL):
        return DiskFull(
            _("the disk is full, so nothing was changed. Free some space and try again; "
              "everything you had is still there."), path=path)
    if any(marker in text for marker in _READ_ONLY):
        return ReadOnlyDatabase(
            _("the database file cannot be written (it is read-only), so nothing was "
              "changed. You can still look at everything; to make changes, allow writing to "
              "the file and its folder."), path=path)
    if any(marker in text for marker in _BUSY):
        return DatabaseBusy(
            _("another program kept the database busy, so nothing was changed. Try again in "
              "a moment."), path=path)
    return None


def _is_rollback(sql: str) -> bool:
    return sql.lstrip()[:8].upper() == "ROLLBACK"


class GuardedSqliteDatabase(peewee.SqliteDatabase):
    """A peewee SQLite database whose write failures are ``StorageError``s."""

    def _failure(self) -> StorageError | None:
        return getattr(self._state, "storage_failure", None)

    def _set_failure(self, error: StorageError | None) -> None:
        self._state.storage_failure = error

    def _translate(self, exc: Exception) -> StorageError | None:
        error = storage_error_for(exc, self.database)
        if error is not None and self.transaction_depth() > 0:
            self._set_failure(error)
        return error

    def connect(self, reuse_if_open=False):
        opened = super().connect(reuse_if_open=reuse_if_open)
        if opened:
            self._set_failure(None)
        return opened

    def execute_sql(self, sql, params=None):
        failure = self._failure()
        if failure is not None:
            if self.transaction_depth() == 0:
                self._set_failure(None)
            elif _is_rollback(sql):
                if not self._state.conn.in_transaction:
                    return None  # SQLite already rolled the whole transaction back
            else:
                raise failure
        try:
            return super().execute_sql(sql, params)
        except peewee.OperationalError as exc:
            error = self._translate(exc)
            if error is None:
                raise
            raise error from exc

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lock_type", "IMMEDIATE")
        super().__init__(*args, **kwargs)

    def begin(self, lock_type=None):
        self._set_failure(None)
        try:
            return super().begin(lock_type)
        except peewee.OperationalError as exc:
            error = storage_error_for(exc, self.database)
            if isinstance(error, ReadOnlyDatabase):
                # a read-only file: reading in a transaction still works, the
                # first write will say why it cannot be done
                return super().begin("DEFERRED")
            if error is None:
                raise
            raise error from exc

    def commit(self):
        failure = self._failure()
        if failure is not None:
            raise failure  # the transaction lost part of its work: it must not commit
        try:
            return super().commit()
        except peewee.OperationalError as exc:
            error = storage_error_for(exc, self.database)
            if error is None:
                raise
            raise error from exc

    def rollback(self):
        self._set_failure(None)
        if self.is_closed() or not self._state.conn.in_transaction:
            return None  # nothing left to roll back (SQLite did it on the failure)
        return super().rollback()
