"""Schema 4: the keep-in-touch list and the balance of help stay quick on a large log.

``interaction(register, occurred_at)`` lets the queries that look only at help
given, help received and asks within a window (the balance, the "help to
return" part of the due list, the dashboard's mix) read just those rows
instead of every interaction of the year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

VERSION = 4


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    db.execute_sql(
        "CREATE INDEX interaction_register_occurred_at ON interaction (register, occurred_at)"
    )
