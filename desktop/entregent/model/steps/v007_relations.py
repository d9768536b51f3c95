"""Schema 7: who knows whom.

``relation``: a declared tie between a person in the book and someone else,
in the book (``other_id``) or known only by a name or URI as a card wrote it
(``other_text``, kept when no one in the book matches unambiguously). ``kind``
is one of ``RELATION_KINDS``; ``label`` keeps the card's own word (Apple's
"_$!<Spouse>!$_" read as "spouse", an Android custom label). ``interaction_id``
ties a relation made by an introduction to the good turn that recorded it.

``tie_dismissal``: an inferred tie (logged together, same group, same event)
the user said is not one; the pair is kept lowest id first so that it stays
dismissed whichever way it is looked up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

VERSION = 7


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    db.execute_sql(
        "CREATE TABLE relation ("
        "id INTEGER NOT NULL PRIMARY KEY, "
        "contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE, "
        "other_id INTEGER REFERENCES contact (id) ON DELETE CASCADE, "
        "other_text TEXT NOT NULL DEFAULT '', "
        "kind TEXT NOT NULL, "
        "label TEXT NOT NULL DEFAULT '', "
        "note TEXT NOT NULL DEFAULT '', "
        "since TEXT, "
        "source TEXT NOT NULL DEFAULT 'manual', "
        "interaction_id INTEGER REFERENCES interaction (id) ON DELETE SET NULL, "
        "created_at DATETIME NOT NULL)"
    )
    db.execute_sql("CREATE INDEX relation_contact_id ON relation (contact_id)")
    db.execute_sql("CREATE INDEX relation_other_id ON relation (other_id)")
    db.execute_sql("CREATE INDEX relation_interaction_id ON relation (interaction_id)")
    db.execute_sql(
        "CREATE TABLE tie_dismissal ("
        "id INTEGER NOT NULL PRIMARY KEY, "
        "low_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE, "
        "high_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE, "
        "created_at DATETIME NOT NULL)"
    )
    db.execute_sql(
        "CREATE UNIQUE INDEX tie_dismissal_low_id_high_id ON tie_dismissal (low_id, high_id)"
    )
    db.execute_sql("CREATE INDEX tie_dismissal_high_id ON tie_dismissal (high_id)")
