"""The linear chain of schema steps, with a backup before any upgrade.

``PRAGMA user_version`` holds the schema version. ``upgrade`` copies an
existing database to ``<file>.bak-v<old>`` (SQLite's online backup API, so the
copy is consistent), then runs each missing step in its own transaction
together with its version bump: a failure leaves the database at the last
completed step, never half-way through one.
"""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

import peewee

from entregent.errors import DatabaseRefused
from entregent.model import steps as _steps_package

if TYPE_CHECKING:
    from playhouse.migrate import SqliteMigrator


class SchemaStep(Protocol):
    """What a module in ``entregent.model.steps`` provides."""

    __name__: str
    VERSION: int

    def apply(self, db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None: ...


def _step_names() -> list[str]:
    """The steps' module names, in order (``v001_initial`` …), without importing them."""
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(_steps_package.__path__)
        if info.name.startswith("v")
    )
    versions = [int(name[1:4]) for name in names]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"schema steps are not numbered 1..n: {versions}")
    return names


STEP_NAMES = _step_names()
CURRENT_VERSION = len(STEP_NAMES)


@cache
def steps() -> list[SchemaStep]:
    """The step modules, imported when a database is created or upgraded (an
    up-to-date database, the usual start, needs none of them)."""
    # import_module can only say "a module": each step module follows SchemaStep
    modules = [
        cast(SchemaStep, importlib.import_module(f"{_steps_package.__name__}.{name}"))
        for name in STEP_NAMES
    ]
    for expected, module in enumerate(modules, start=1):
        if module.VERSION != expected:
            raise RuntimeError(f"schema step {module.__name__} says VERSION {module.VERSION}")
    return modules


def backup_path(path: Path, old_version: int) -> Path:
    return path.with_name(f"{path.name}.bak-v{old_version}")


def copy_database(source: Path, target: Path, *, standalone: bool = True) -> None:
    """``source`` copied page by page into ``target`` through SQLite's online backup API,
    so the copy is consistent even while the app writes.

    ``standalone``: ``target`` is a new file (a backup), left in rollback-journal mode
    as one self-contained file and written without an fsync per page. Otherwise
    ``target`` is a live database whose contents are replaced in one transaction
    (a restore) and whose journal mode is left alone.
    """
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(str(target), timeout=30)
        try:
            if standalone:
                dst.execute("PRAGMA synchronous = OFF")  # one fsync at the end will do
            src.backup(dst)
            if standalone:
                dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def upgrade(db: peewee.SqliteDatabase, path: Path, from_version: int) -> None:
    if from_version > 0:
        copy_database(path, backup_path(path, from_version))
    from playhouse.migrate import SqliteMigrator

    migrator = SqliteMigrator(db)
    for step in steps()[from_version:]:
        try:
            with db.atomic():
                step.apply(db, migrator)
                db.execute_sql(f"PRAGMA user_version = {int(step.VERSION)}")
        except peewee.DatabaseError as exc:
            raise DatabaseRefused(
                f"could not upgrade the database to schema {step.VERSION} ({exc}); it was left "
                f"at schema {step.VERSION - 1}.",
                path=path,
            ) from exc
