"""Schema 11: what a synced person's rows looked like when their card was last
known to match the sync state.

``sync_item.local_seen`` is a fingerprint of the rows the vCard writer reads
for the person (their contact row, ways to reach them, contexts, relations and
the latest stored card). While it is unchanged the person's card cannot have
changed either, so a sync need not rebuild and hash it: a no-op sync of a
large book reads a few tables instead of writing every card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

VERSION = 11


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    db.execute_sql("ALTER TABLE sync_item ADD COLUMN local_seen TEXT NOT NULL DEFAULT ''")
