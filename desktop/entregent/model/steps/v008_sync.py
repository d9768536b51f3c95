"""Schema 8: CardDAV/CalDAV sync accounts, their collections and each item's state.

``sync_account`` holds the server and user (never a password: that lives in the
system keyring). ``sync_collection`` is one pair (the local book, one remote
collection) with the CTag and sync-token seen last. ``sync_item`` is one item
of a pair: its UID, the local person (NULL once deleted here), its href and
ETag, and the normalised hashes of both sides at the last sync; ``conflict``
keeps an unresolved conflict (both versions) until it is resolved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

VERSION = 8

TABLES = """
CREATE TABLE sync_account (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    user TEXT NOT NULL,
    conflicts TEXT NOT NULL DEFAULT 'ask',
    last_sync_at DATETIME,
    last_result TEXT NOT NULL DEFAULT '{}',
    created_at DATETIME NOT NULL
);
CREATE TABLE sync_collection (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES sync_account (id) ON DELETE CASCADE,
    href TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    ctag TEXT,
    sync_token TEXT,
    last_sync_at DATETIME
);
CREATE UNIQUE INDEX sync_collection_account_id_href ON sync_collection (account_id, href);
CREATE TABLE sync_item (
    id INTEGER PRIMARY KEY,
    collection_id INTEGER NOT NULL REFERENCES sync_collection (id) ON DELETE CASCADE,
    uid TEXT NOT NULL,
    contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    href TEXT NOT NULL,
    etag TEXT NOT NULL DEFAULT '',
    local_hash TEXT NOT NULL DEFAULT '',
    remote_hash TEXT NOT NULL DEFAULT '',
    conflict TEXT
);
CREATE UNIQUE INDEX sync_item_collection_id_href ON sync_item (collection_id, href);
CREATE INDEX sync_item_collection_id_uid ON sync_item (collection_id, uid);
CREATE INDEX sync_item_contact_id ON sync_item (contact_id);
"""


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    for statement in TABLES.split(";"):
        if statement.strip():
            db.execute_sql(statement)
