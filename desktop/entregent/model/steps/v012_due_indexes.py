"""Schema 12: the due count read from indexes alone.

A contact row carries its photo (tens of kilobytes for some), and the columns
after it (``archived``, ``overdue_after``, ``next_followup_on``) sit beyond the
photo in overflow pages: checking them for a few thousand people due walked
every page of every photo on the way. Two covering indexes hold what the due
count asks of a person (``services.relations.due``):

- ``contact_due_by_id (id, archived, overdue_after, next_followup_on)``, for the
  people found through a follow-up, a good turn to return or another reason,
  looked up by id;
- ``contact_recent_archived (last_interaction_at, archived)``, for the people
  met recently (the informal encounters to follow up).

At 100,000 people the due count went from about 90 ms to about 55 ms of CPU on a
busy machine (``benchmarks/scale.py``, ``docs/performance.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

VERSION = 12


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    db.execute_sql(
        "CREATE INDEX contact_due_by_id ON contact (id, archived, overdue_after, next_followup_on)"
    )
    db.execute_sql(
        "CREATE INDEX contact_recent_archived ON contact (last_interaction_at, archived)"
    )
