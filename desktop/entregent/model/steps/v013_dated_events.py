"""Schema 13: the dates a card keeps beyond birthday and anniversary.

``contact_event``: Android's "other" dates and the ones the user labelled
("Dojo", "Name day"), read from ``X-ANDROID-CUSTOM`` event rows; ``label`` is
"other" or the user's own word as typed, ``date`` is "YYYY-MM-DD" or "--MM-DD"
(no year), ``position`` the card's order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

VERSION = 13


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    db.execute_sql(
        "CREATE TABLE contact_event ("
        "id INTEGER NOT NULL PRIMARY KEY, "
        "contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE, "
        "label TEXT NOT NULL DEFAULT '', "
        "date TEXT NOT NULL, "
        "position INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute_sql("CREATE INDEX contact_event_contact_id ON contact_event (contact_id)")
