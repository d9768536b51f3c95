"""Opening the SQLite file safely.

Every model binds to ``database`` (a peewee ``DatabaseProxy``); ``open_database``
decides the file: it refuses what is not an SQLite database, what is corrupt,
and a schema newer than this code knows, each with a clear message and without
touching the file; then it upgrades an older schema (after a backup copy) and
sets WAL, foreign keys and a busy timeout.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee

from entregent.errors import DatabaseRefused

database = peewee.DatabaseProxy()

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 5
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -16000,  # 16 MiB
    "temp_store": "memory",
}


# Checking every page reads the whole file: nothing on a small network, but 1.3 s
# of CPU (and seconds of disk) at each start on 100,000 people with a million
# interactions (benchmarks/startup.py). Past this size the check at opening
# covers the schema and the small tables; damage in the large ones is reported
# when it is read ("database disk image is malformed"), and restores check all.
FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024
_SMALL_TABLES = ("setting", "context", "organization", "import_batch")


def _quick_check(conn: sqlite3.Connection, path: Path) -> str:
    if path.stat().st_size <= FULL_CHECK_MAX_BYTES:
        whole: str = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        return whole
    for table in _SMALL_TABLES:
        result: str = conn.execute(f"PRAGMA quick_check({table})").fetchone()[0]
        if result != "ok":
            return result
    return "ok"


def read_user_version(path: Path) -> int:
    """The schema version of an existing file, refusing what is not a sound database."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseRefused(
            f"cannot read the database file ({exc.strerror}).", path=path
        ) from exc
    if header and header != SQLITE_HEADER:
        raise DatabaseRefused(
            "this file is not an Entregent database (not SQLite); it was left unchanged.",
            path=path,
        )
    if not header:
        return 0
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            result = _quick_check(conn, path)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise DatabaseRefused(
            f"the database is damaged or unreadable ({exc}); it was left unchanged.", path=path
        ) from exc
    if result != "ok":
        raise DatabaseRefused(
            f"the database is damaged ({result}); it was left unchanged. Restore a backup.",
            path=path,
        )
    return int(version)


def connect(path: Path) -> peewee.SqliteDatabase:
    """A peewee database on ``path`` with the app's pragmas (one connection per thread)."""
    from entregent.model.storage_guard import GuardedSqliteDatabase

    return GuardedSqliteDatabase(
        str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
    )


def open_database(path: str | Path, *, migrate: bool = True) -> peewee.SqliteDatabase:
    """Open (creating or upgrading as needed) the database at ``path`` and bind the models."""
    from entregent.model.migrations import CURRENT_VERSION, upgrade

    path = Path(path).expanduser()
    if path.is_dir():
        raise DatabaseRefused("this is a folder, not a database file.", path=path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseRefused(
            f"cannot create the folder for the database ({exc.strerror}).", path=path
        ) from exc
    version = read_user_version(path) if path.exists() else 0
    if version > CURRENT_VERSION:
        raise DatabaseRefused(
            f"this database was written by a newer Entregent (schema {version}; this version "
            f"knows up to {CURRENT_VERSION}). Update Entregent to open it; the file was left "
            "unchanged.",
            path=path,
        )
    db = connect(path)
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as exc:
        raise DatabaseRefused(f"cannot open the database ({exc}).", path=path) from exc
    database.initialize(db)
    if migrate and version < CURRENT_VERSION:
        upgrade(db, path, version)
    return db


_session_path: Path | None = None


def set_session_path(path: Path | None) -> None:
    """The file the running session works on (``services.storage.session`` sets it)."""
    global _session_path
    _session_path = path


def session_path() -> Path | None:
    """The file the running session works on, or None outside a session."""
    return _session_path


def interrupt_thread(thread_id: int | None) -> bool:
    """Interrupt what thread ``thread_id`` is running on its connection (see
    ``storage_guard.interrupt_thread``); False if it has no connection open."""
    from entregent.model.storage_guard import interrupt_thread as interrupt

    return interrupt(thread_id)


def close_database() -> None:
    """Close this thread's connection to the current database, if any."""
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()
