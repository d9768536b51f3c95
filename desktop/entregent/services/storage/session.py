"""Which database file to use, and opening it for a run of the app."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from entregent.i18n import set_language
from entregent.model.database import (
    close_database,
    database,
    open_database,
    session_path,
    set_session_path,
)
from entregent.services import settings as settings_registry
from entregent.services.storage.backup import backup_before_upgrade, backup_if_due

__all__ = [
    "default_database_path",
    "resolve_database_path",
    "open_session",
    "close_session",
    "current_database_path",
    "close_thread_connection",
    "database_summary",
]

DATABASE_FILENAME = "entregent.sqlite3"
ENV_VARIABLE = "ENTREGENT_DB"


def default_database_path() -> Path:
    """The file in the user data dir (platformdirs) where the user's network lives."""
    return user_data_path("entregent", appauthor=False) / DATABASE_FILENAME


def resolve_database_path(explicit: str | os.PathLike | None = None) -> Path:
    """``--db`` first, then ``$ENTREGENT_DB``, then the user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VARIABLE)
    if env:
        return Path(env).expanduser()
    return default_database_path()


def open_session(
    path: str | os.PathLike, *, apply_language: bool = True, daily_backup: bool = True
) -> Path:
    """Open (create, upgrade) the database and apply the user's language setting.

    ``daily_backup=False`` leaves the day's copy to the caller (the desktop app
    makes it in the background once its window has painted: copying a large
    network takes seconds).
    """
    settings_registry.clear_cache()
    file = Path(path).expanduser()
    existed = file.is_file() and file.stat().st_size > 0
    if existed:
        backup_before_upgrade(file)  # header peek; a copy only before a migration
    open_database(path)
    set_session_path(Path(path))
    if existed and daily_backup:
        backup_if_due(file)  # a stat of the backups folder once today's copy exists
    if apply_language:
        set_language(settings_registry.get_setting("language"))
    return Path(path)


def current_database_path() -> Path | None:
    return session_path()


def database_summary() -> tuple[int, int]:
    """How many people and interactions the open database holds."""
    people, interactions = database.execute_sql(
        "SELECT (SELECT count(*) FROM contact), (SELECT count(*) FROM interaction)"
    ).fetchone()
    return people, interactions


def close_thread_connection() -> None:
    """Close the calling thread's connection (a worker thread, as it ends)."""
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


def close_session() -> None:
    if database.obj is not None:
        close_database()
    settings_registry.clear_cache()
    set_session_path(None)


def interrupt_thread(thread_id: int | None) -> bool:
    """Stop what a worker thread runs on its connection (the window is closing)."""
    from entregent.model.storage_guard import interrupt_thread as interrupt

    return interrupt(thread_id)


def forget_thread(thread_id: int) -> None:
    """A worker's abandoned task has ended: its thread's next task runs normally."""
    from entregent.model.storage_guard import forget_thread as forget

    forget(thread_id)
