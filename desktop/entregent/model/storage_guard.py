"""One place where SQLite's write failures become sentences a person can act on.

A full disk, a read-only file or a database kept busy by another program show up
as ``sqlite3.OperationalError`` with terse English texts, at whatever statement
happened to need the disk. Every connection of the app is a ``GuardedConnection``
(see ``database.connect``): its cursors — the ORM's and the raw ones importers
use for ``executemany`` alike — turn those errors into ``DiskFull``,
``ReadOnlyDatabase`` or ``DatabaseBusy``, ``UserError``s naming the file.

They also make sure the unit of work such a failure interrupted is rolled back
as a whole: after it, inside the same transaction, every further statement
fails the same way (SQLite may already have rolled the transaction back, so
going on would store the rest piecemeal), a savepoint cannot be released, the
transaction cannot commit, and the rollback never hides the first error.
Reading keeps working: only writes touch the disk.

Transactions begin IMMEDIATE: a unit of work takes the write lock when it
starts, so that when another process (the desktop app, a command) is writing,
it waits for it (the busy timeout) instead of failing at once on upgrading a
read to a write — which SQLite cannot wait for. On a read-only file they begin
DEFERRED, so that reading in a transaction still works.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

import peewee

from entregent.errors import DatabaseBusy, DiskFull, ReadOnlyDatabase, StorageError
from entregent.i18n import _

if TYPE_CHECKING:
    from sqlite3 import _Parameters

__all__ = [
    "GuardedSqliteDatabase",
    "GuardedConnection",
    "storage_error_for",
    "interrupt_thread",
    "forget_thread",
]

# Each thread's open connection, so that a long statement on a worker can be
# interrupted from the GUI thread when the window closes (sqlite3's interrupt()
# may be called from any thread).
_open: dict[int, sqlite3.Connection] = {}
_abandoned: set[int] = set()  # threads whose statements stop at the next check
_open_lock = threading.Lock()
PROGRESS_STEPS = 20_000  # virtual machine steps between two looks (well under 1 ms)


def _keep_going() -> int:
    return threading.get_ident() in _abandoned  # non-zero: SQLite stops the statement


def interrupt_thread(thread_id: int | None) -> bool:
    """Stop what thread ``thread_id`` runs on its connection, now and until
    ``forget_thread`` (its statements fail with "interrupted" and their transaction
    rolls back). False if it has no connection open at the moment."""
    if thread_id is None:
        return False
    with _open_lock:
        _abandoned.add(thread_id)
        conn = _open.get(thread_id)
    if conn is None:
        return False
    try:
        conn.interrupt()
    except sqlite3.ProgrammingError:  # closed meanwhile
        return False
    return True


def forget_thread(thread_id: int) -> None:
    """The thread's abandoned task has ended: its next task runs normally."""
    with _open_lock:
        _abandoned.discard(thread_id)


_CursorT = TypeVar("_CursorT", bound=sqlite3.Cursor)

_FULL = ("database or disk is full", "no space left on device")
_READ_ONLY = ("attempt to write a readonly database", "readonly database", "read-only file system")
_BUSY = ("database is locked", "database table is locked")


def storage_error_for(exc: BaseException, path: str | None) -> StorageError | None:
    """The clear error for a SQLite (or OS) failure to write, or None if it is not one."""
    text = str(exc).lower()
    if any(marker in text for marker in _FULL):
        return DiskFull(
            _(
                "the disk is full, so nothing was changed. Free some space and try again; "
                "everything you had is still there."
            ),
            path=path,
        )
    if any(marker in text for marker in _READ_ONLY):
        return ReadOnlyDatabase(
            _(
                "the database file cannot be written (it is read-only), so nothing was "
                "changed. You can still look at everything; to make changes, allow writing to "
                "the file and its folder."
            ),
            path=path,
        )
    if any(marker in text for marker in _BUSY):
        return DatabaseBusy(
            _(
                "another program kept the database busy, so nothing was changed. Try again in "
                "a moment."
            ),
            path=path,
        )
    return None


def _is_rollback(sql: str) -> bool:
    return sql.lstrip()[:8].upper() == "ROLLBACK"


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose write failures are ``StorageError``s (see the module)."""

    @property
    def _conn(self) -> GuardedConnection:
        # only a GuardedConnection makes GuardedCursors (see GuardedConnection.cursor)
        return cast(GuardedConnection, self.connection)

    def _guard(self, sql: str) -> bool:
        """False when the statement is to be skipped (a rollback SQLite already did)."""
        conn = self._conn
        failure = conn.failure
        if failure is None:
            return True
        if _is_rollback(sql):
            return conn.in_transaction
        if conn.in_unit:
            raise failure
        conn.failure = None
        return True

    def _translate(self, exc: sqlite3.OperationalError) -> StorageError | None:
        conn = self._conn
        error = storage_error_for(exc, conn.path)
        if error is not None and conn.in_unit:
            conn.failure = error
        return error

    def execute(self, sql: str, parameters: _Parameters = (), /) -> GuardedCursor:
        if not self._guard(sql):
            return self
        try:
            return super().execute(sql, parameters)
        except sqlite3.OperationalError as exc:
            error = self._translate(exc)
            if error is None:
                raise
            raise error from exc

    def executemany(self, sql: str, seq_of_parameters: Iterable[_Parameters], /) -> GuardedCursor:
        if not self._guard(sql):
            return self
        try:
            return super().executemany(sql, seq_of_parameters)
        except sqlite3.OperationalError as exc:
            error = self._translate(exc)
            if error is None:
                raise
            raise error from exc

    def executescript(self, sql_script: str, /) -> sqlite3.Cursor:
        if not self._guard(sql_script):
            return self
        try:
            return super().executescript(sql_script)
        except sqlite3.OperationalError as exc:
            error = self._translate(exc)
            if error is None:
                raise
            raise error from exc


class GuardedConnection(sqlite3.Connection):
    """A connection whose cursors are ``GuardedCursor``s.

    ``in_unit``: inside a transaction begun by the app; ``failure``: the storage
    error that spoiled it, until it is rolled back.
    """

    path: str | None = None
    failure: StorageError | None = None
    in_unit = False

    @overload
    def cursor(self, factory: None = None) -> GuardedCursor: ...
    @overload
    def cursor(self, factory: Callable[[sqlite3.Connection], _CursorT]) -> _CursorT: ...
    def cursor(
        self, factory: Callable[[sqlite3.Connection], sqlite3.Cursor] | None = None
    ) -> sqlite3.Cursor:
        return super().cursor(factory or GuardedCursor)

    # sqlite3's shortcuts make a plain cursor of their own: route them through ours
    def execute(self, sql: str, parameters: _Parameters = (), /) -> GuardedCursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, seq_of_parameters: Iterable[_Parameters], /) -> GuardedCursor:
        return self.cursor().executemany(sql, seq_of_parameters)

    def executescript(self, sql_script: str, /) -> sqlite3.Cursor:
        return self.cursor().executescript(sql_script)


class GuardedSqliteDatabase(peewee.SqliteDatabase):
    """A peewee SQLite database on ``GuardedConnection``s, beginning IMMEDIATE."""

    # set by peewee, missing from its stubs
    _pragmas: Iterable[tuple[str, object]]
    _state: peewee._ConnectionState

    def __init__(self, database: str, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("lock_type", "IMMEDIATE")
        kwargs.setdefault(
            "factory", type("GuardedConnection", (GuardedConnection,), {"path": str(database)})
        )
        super().__init__(database, *args, **kwargs)

    def _connect(self) -> Any:
        conn = super()._connect()  # type: ignore[misc]
        conn.set_progress_handler(_keep_going, PROGRESS_STEPS)
        with _open_lock:
            _open[threading.get_ident()] = conn
        return conn

    def _close(self, conn: Any) -> None:
        with _open_lock:
            if _open.get(threading.get_ident()) is conn:
                del _open[threading.get_ident()]
        super()._close(conn)  # type: ignore[misc]

    def _set_pragmas(self, conn: GuardedConnection) -> None:
        cursor = conn.cursor()
        for pragma, value in self._pragmas:
            try:
                cursor.execute(f"PRAGMA {pragma} = {value};")
            except ReadOnlyDatabase:
                if pragma != "journal_mode":
                    raise
                # a read-only file keeps the journal it has: it will only be read
        cursor.close()

    def _guarded_connection(self) -> GuardedConnection:
        # the factory passed in __init__ makes every connection a GuardedConnection
        return cast(GuardedConnection, self._state.conn)

    def begin(self, lock_type: str | None = None) -> None:
        conn = cast(GuardedConnection, self.connection())
        conn.failure, conn.in_unit = None, False
        try:
            super().begin(lock_type)
        except ReadOnlyDatabase:
            # a read-only file: reading in a transaction still works, the first
            # write will say why it cannot be done
            super().begin("DEFERRED")
        conn.in_unit = True

    def commit(self) -> None:
        super().commit()  # a spoiled unit of work raises its failure here
        self._guarded_connection().in_unit = False

    def rollback(self) -> None:
        if self.is_closed():
            return None
        conn = self._guarded_connection()
        conn.failure, conn.in_unit = None, False
        if not conn.in_transaction:
            return None  # nothing left to roll back (SQLite did it on the failure)
        return super().rollback()
