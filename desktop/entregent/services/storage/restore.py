"""Putting a backup back in place of the database.

``restore_database`` checks the file first (``check_backup_file``: SQLite,
``integrity_check`` ok, an Entregent schema not newer than this version), keeps
the current database in the backups folder as
``<file>.<YYYY-MM-DD>T<HHMMSS>.before-restore.sqlite3`` (a new name each time:
no restore ever overwrites the copy an earlier one kept, and the rotation never
removes them; ``entregent backups`` lists them), then copies the backup in
through SQLite's online backup API — so another window holding the database
open sees the restored data. A database too damaged to be written through
SQLite is replaced as a file instead. An older schema is upgraded the next time
the database is opened; the caller re-opens its session afterwards.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from entregent.error_words import reason_for
from entregent.errors import DatabaseRefused, NotFound, UserError
from entregent.i18n import _
from entregent.model.migrations import copy_database
from entregent.services.storage.backup import (  # the copying helpers backups use too
    BEFORE_RESTORE,
    _copy_to_new_file,
    _current_path,
    _header_version,
    _new_name,
    _sqlite_copy,
    _write_error,
    backups_folder,
    clock,
)

__all__ = ["RestoreResult", "check_backup_file", "restore_database", "BEFORE_RESTORE"]


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored_from: Path
    kept_as: Path | None  # the database as it was, or None when there was none
    schema_version: int  # of the restored file, before any upgrade

    def as_json(self) -> dict:
        return {
            "database": str(self.database),
            "restored_from": str(self.restored_from),
            "kept_as": str(self.kept_as) if self.kept_as else None,
            "schema_version": self.schema_version,
        }


def check_backup_file(path: Path) -> int:
    """The schema version of a file fit to restore; a clear UserError otherwise."""
    from entregent.model.migrations import CURRENT_VERSION

    path = Path(path).expanduser()
    if not path.is_file():
        raise NotFound(_("there is no such backup file."), path=path)
    if _header_version(path) is None:
        raise UserError(
            _(
                "this file is not an Entregent backup (not an SQLite database); "
                "nothing was restored."
            ),
            path=path,
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            result = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
            tables = {
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:  # a damaged page: any bytes in a name
        raise UserError(
            _("this backup is damaged or unreadable ({error}); nothing was restored.").format(
                error=reason_for(exc)
            ),
            path=path,
        ) from exc
    if result != ["ok"]:
        raise UserError(
            _("this backup is damaged ({problem}); nothing was restored.").format(
                problem="; ".join(result)
            ),
            path=path,
        )
    if version < 1 or not {"contact", "interaction"} <= tables:
        raise UserError(
            _("this file is an SQLite database but not an Entregent one; nothing was restored."),
            path=path,
        )
    if version > CURRENT_VERSION:
        raise UserError(
            _(
                "this backup was written by a newer Entregent (schema {version}; this "
                "version knows up to {known}); nothing was restored."
            ).format(version=version, known=CURRENT_VERSION),
            path=path,
        )
    return int(version)


def _replace_contents(source: Path, database: Path) -> None:
    """Overwrite ``database`` with ``source`` in one transaction (backup API)."""
    copy_database(source, database, standalone=False)


def _replace_file(source: Path, database: Path) -> None:
    """For a database too damaged to be written through SQLite: swap the file itself."""
    fresh = database.with_name(database.name + ".restoring")
    fresh.unlink(missing_ok=True)
    _sqlite_copy(source, fresh)
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    os.replace(fresh, database)


def _keep_current(database: Path) -> Path:
    """The database as it is, copied to a new timestamped name in the backups folder."""
    folder = backups_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(exc, folder) from exc
    kept = _new_name(database, folder, BEFORE_RESTORE, clock())
    try:
        _copy_to_new_file(database, kept)
    except DatabaseRefused:  # the current file is damaged: keep it byte for byte
        try:
            shutil.copyfile(database, kept)
        except OSError as exc:
            raise _write_error(exc, kept) from exc
    return kept


def restore_database(source: Path, database: Path | None = None) -> RestoreResult:
    """Put a backup in place of the database (the open one by default).

    The file is checked first; the current database is kept in the backups
    folder under a new timestamped ``before-restore`` name. An older schema is
    upgraded when the database is next opened. The caller re-opens its session
    afterwards (the CLI and the GUI both do).
    """
    source = Path(source).expanduser()
    database = Path(database) if database is not None else _current_path()
    version = check_backup_file(source)
    if database.exists() and source.resolve() == database.resolve():
        raise UserError(_("this is the database itself, not a backup."), path=source)
    kept = _keep_current(database) if database.exists() and database.stat().st_size else None
    from entregent.model.storage_guard import storage_error_for

    try:
        if kept is not None:
            try:
                _replace_contents(source, database)
            except sqlite3.Error as exc:
                if storage_error_for(exc, str(database)) is not None:
                    raise
                _replace_file(source, database)  # too damaged to be written through SQLite
        else:
            database.parent.mkdir(parents=True, exist_ok=True)
            _replace_file(source, database)
    except (sqlite3.Error, OSError) as exc:
        raise _write_error(exc, database) from exc
    return RestoreResult(database, source, kept, version)
