"""Schema 3: lists and search-as-you-type stay instant on 100,000 people.

- ``contact(archived, sort_key)``: the people list counts and pages through
  this index alone (the contact rows, with their photos, are never scanned).
- the full-text index gains prefix indexes for one to three letters, so that
  the first keystrokes of a search (``m``, ``ma``, ``mar``) do not merge
  thousands of terms. It is rebuilt from ``contact_fts_source``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

VERSION = 3

FTS = """
CREATE VIRTUAL TABLE contact_fts USING fts5(
    name, org, emails, phones, notes,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
)
"""


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    db.execute_sql("CREATE INDEX contact_archived_sort_key ON contact (archived, sort_key)")
    db.execute_sql("DROP TABLE contact_fts")
    db.execute_sql(FTS)
    db.execute_sql(
        "INSERT INTO contact_fts (rowid, name, org, emails, phones, notes) "
        "SELECT id, name, org, emails, phones, notes FROM contact_fts_source"
    )
