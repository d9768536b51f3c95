"""Schema 1: contacts, contexts, groups, interactions, follow-ups, imports, search."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

VERSION = 1

TABLES = """
CREATE TABLE context (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'other',
    colour TEXT NOT NULL DEFAULT '#888888',
    cadence_days INTEGER,
    priority INTEGER NOT NULL DEFAULT 0,
    builtin INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL
);
CREATE TABLE contact (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    given_name TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    additional_names TEXT NOT NULL DEFAULT '',
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    nickname TEXT NOT NULL DEFAULT '',
    org TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    birthday TEXT,
    anniversary TEXT,
    note TEXT NOT NULL DEFAULT '',
    photo BLOB,
    photo_url TEXT,
    tie_strength TEXT,
    cadence_days INTEGER,
    how_met TEXT NOT NULL DEFAULT '',
    met_on DATE,
    met_place TEXT NOT NULL DEFAULT '',
    met_context_id INTEGER REFERENCES context (id) ON DELETE SET NULL,
    introduced_by_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    archived INTEGER NOT NULL DEFAULT 0,
    rev TEXT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX contact_met_context_id ON contact (met_context_id);
CREATE INDEX contact_introduced_by_id ON contact (introduced_by_id);
CREATE TABLE contact_method (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL,
    normalized TEXT NOT NULL DEFAULT '',
    pref INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_method_contact_id ON contact_method (contact_id);
CREATE INDEX contact_method_kind_normalized ON contact_method (kind, normalized);
CREATE TABLE contact_context (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    context_id INTEGER NOT NULL REFERENCES context (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX contact_context_contact_id_context_id
    ON contact_context (contact_id, context_id);
CREATE INDEX contact_context_context_id ON contact_context (context_id);
CREATE TABLE organization (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'association',
    joined_on DATE,
    left_on DATE,
    my_role TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    context_id INTEGER REFERENCES context (id) ON DELETE SET NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX organization_context_id ON organization (context_id);
CREATE TABLE membership (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT '',
    since DATE
);
CREATE UNIQUE INDEX membership_contact_id_organization_id
    ON membership (contact_id, organization_id);
CREATE INDEX membership_organization_id ON membership (organization_id);
CREATE TABLE interaction (
    id INTEGER PRIMARY KEY,
    occurred_at DATETIME NOT NULL,
    tz TEXT NOT NULL DEFAULT '',
    all_day INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL,
    register TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'manual',
    external_key TEXT UNIQUE,
    origin TEXT NOT NULL DEFAULT '',
    edited INTEGER NOT NULL DEFAULT 0,
    organization_id INTEGER REFERENCES organization (id) ON DELETE SET NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX interaction_occurred_at ON interaction (occurred_at);
CREATE INDEX interaction_organization_id ON interaction (organization_id);
CREATE TABLE participant (
    id INTEGER PRIMARY KEY,
    interaction_id INTEGER NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX participant_interaction_id_contact_id
    ON participant (interaction_id, contact_id);
CREATE INDEX participant_contact_id ON participant (contact_id);
CREATE TABLE ask (
    id INTEGER PRIMARY KEY,
    interaction_id INTEGER NOT NULL UNIQUE REFERENCES interaction (id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT 'pending',
    outcome_at DATETIME,
    warnings TEXT NOT NULL DEFAULT '[]',
    decision TEXT NOT NULL DEFAULT ''
);
CREATE TABLE follow_up (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    due_on DATE NOT NULL,
    due_time TIME,
    note TEXT NOT NULL DEFAULT '',
    done_at DATETIME,
    deleted_at DATETIME,
    uid TEXT NOT NULL UNIQUE,
    sequence INTEGER NOT NULL DEFAULT 0,
    exported_sequence INTEGER,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX follow_up_contact_id ON follow_up (contact_id);
CREATE INDEX follow_up_due_on ON follow_up (due_on);
CREATE TABLE import_batch (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    started_at DATETIME NOT NULL,
    finished_at DATETIME,
    counts TEXT NOT NULL DEFAULT '{}',
    undone_at DATETIME
);
CREATE TABLE source_card (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,
    batch_id INTEGER REFERENCES import_batch (id) ON DELETE SET NULL,
    path TEXT NOT NULL DEFAULT '',
    line INTEGER,
    text TEXT NOT NULL,
    hash TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX source_card_contact_id ON source_card (contact_id);
CREATE INDEX source_card_batch_id ON source_card (batch_id);
CREATE INDEX source_card_hash ON source_card (hash);
CREATE TABLE import_change (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX import_change_batch_id ON import_change (batch_id);
CREATE INDEX import_change_contact_id ON import_change (contact_id);
CREATE TABLE setting (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Full-text search over names, organisation, e-mails, phones and notes, with
# diacritics folded by the tokenizer. The triggers keep it in step with every
# write to contact and contact_method, whoever makes it.
SEARCH = """
CREATE VIRTUAL TABLE contact_fts USING fts5(
    name, org, emails, phones, notes,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIEW contact_fts_source AS
SELECT c.id AS id,
       trim(c.display_name || ' ' || c.given_name || ' ' || c.family_name || ' '
            || c.additional_names || ' ' || c.nickname) AS name,
       trim(c.org || ' ' || c.title) AS org,
       coalesce((SELECT group_concat(m.value || ' ' || m.normalized, ' ')
                 FROM contact_method m WHERE m.contact_id = c.id AND m.kind = 'email'), '')
           AS emails,
       coalesce((SELECT group_concat(m.value || ' ' || m.normalized, ' ')
                 FROM contact_method m WHERE m.contact_id = c.id AND m.kind = 'tel'), '')
           AS phones,
       c.note AS notes
FROM contact c;
CREATE TRIGGER contact_fts_after_insert AFTER INSERT ON contact BEGIN
    INSERT INTO contact_fts (rowid, name, org, emails, phones, notes)
        SELECT id, name, org, emails, phones, notes FROM contact_fts_source WHERE id = NEW.id;
END;
CREATE TRIGGER contact_fts_after_update
AFTER UPDATE OF display_name, given_name, family_name, additional_names, nickname, org, title,
                note ON contact BEGIN
    DELETE FROM contact_fts WHERE rowid = OLD.id;
    INSERT INTO contact_fts (rowid, name, org, emails, phones, notes)
        SELECT id, name, org, emails, phones, notes FROM contact_fts_source WHERE id = NEW.id;
END;
CREATE TRIGGER contact_fts_after_delete AFTER DELETE ON contact BEGIN
    DELETE FROM contact_fts WHERE rowid = OLD.id;
END;
CREATE TRIGGER contact_method_fts_after_insert AFTER INSERT ON contact_method BEGIN
    DELETE FROM contact_fts WHERE rowid = NEW.contact_id;
    INSERT INTO contact_fts (rowid, name, org, emails, phones, notes)
        SELECT id, name, org, emails, phones, notes FROM contact_fts_source
        WHERE id = NEW.contact_id;
END;
CREATE TRIGGER contact_method_fts_after_update AFTER UPDATE ON contact_method BEGIN
    DELETE FROM contact_fts WHERE rowid IN (OLD.contact_id, NEW.contact_id);
    INSERT INTO contact_fts (rowid, name, org, emails, phones, notes)
        SELECT id, name, org, emails, phones, notes FROM contact_fts_source
        WHERE id IN (OLD.contact_id, NEW.contact_id);
END;
CREATE TRIGGER contact_method_fts_after_delete AFTER DELETE ON contact_method BEGIN
    DELETE FROM contact_fts WHERE rowid = OLD.contact_id;
    INSERT INTO contact_fts (rowid, name, org, emails, phones, notes)
        SELECT id, name, org, emails, phones, notes FROM contact_fts_source
        WHERE id = OLD.contact_id;
END;
"""

# The built-in contexts every database starts with: name, kind, colour,
# default keep-in-touch cadence in days, priority (higher wins for cadence).
BUILTIN_CONTEXTS = (
    ("family", "family", "#c0392b", 30, 80),
    ("friends", "friends", "#e67e22", 45, 70),
    ("club", "club", "#16a085", 90, 40),
    ("work", "work", "#2980b9", 60, 50),
    ("association", "association", "#8e44ad", 90, 40),
    ("charity", "charity", "#27ae60", 90, 40),
    ("sport", "sport", "#d35400", 60, 30),
    ("neighbourhood", "neighbourhood", "#7f8c8d", 120, 20),
)


def statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (triggers kept whole)."""
    result, buffer = [], ""
    for line in script.strip().splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            result.append(buffer.strip())
            buffer = ""
    return result


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    for statement in statements(TABLES) + statements(SEARCH):
        db.execute_sql(statement)
    for name, kind, colour, cadence, priority in BUILTIN_CONTEXTS:
        db.execute_sql(
            "INSERT INTO context (name, kind, colour, cadence_days, priority, builtin, created_at)"
            " VALUES (?, ?, ?, ?, ?, 1, datetime('now'))",
            (name, kind, colour, cadence, priority),
        )
