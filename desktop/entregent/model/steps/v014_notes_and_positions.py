"""Schema 14: several notes and several positions (jobs) per person.

- ``contact_note``: the NOTE lines of a card after the first (which stays
  ``contact.note``, the note the person's page edits), in order.
- ``contact_position``: every ORG of a card with its units (``units``, a JSON
  list: department, team) and the TITLE and ROLE that go with it, when the card
  has several or its ORG has units; ``contact.org`` and ``contact.title`` keep
  the first, as shown and searched.

Both are searched: ``contact_fts_source`` adds the notes to the notes column
and the positions to the organisation column, and triggers follow them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

from entregent.model.steps.v001_initial import statements

VERSION = 14

_REFRESH = """
    DELETE FROM contact_fts WHERE rowid = {who}.contact_id;
    INSERT INTO contact_fts (rowid, name, org, emails, phones, notes)
        SELECT id, name, org, emails, phones, notes FROM contact_fts_source
        WHERE id = {who}.contact_id;
"""

SQL = f"""
CREATE TABLE contact_note (
    id INTEGER NOT NULL PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0);
CREATE INDEX contact_note_contact_id ON contact_note (contact_id);
CREATE TABLE contact_position (
    id INTEGER NOT NULL PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    org TEXT NOT NULL DEFAULT '',
    units TEXT NOT NULL DEFAULT '[]',
    title TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0);
CREATE INDEX contact_position_contact_id ON contact_position (contact_id);
DROP VIEW contact_fts_source;
CREATE VIEW contact_fts_source AS
SELECT c.id AS id,
       trim(c.display_name || ' ' || c.given_name || ' ' || c.family_name || ' '
            || c.additional_names || ' ' || c.nickname || ' ' || c.phonetic_given || ' '
            || c.phonetic_middle || ' ' || c.phonetic_family) AS name,
       trim(c.org || ' ' || c.title || ' ' || c.phonetic_org || ' ' || coalesce((
           SELECT group_concat(p.org || ' ' || p.units || ' ' || p.title || ' ' || p.role, ' ')
           FROM contact_position p WHERE p.contact_id = c.id), '')) AS org,
       coalesce((SELECT group_concat(m.value || ' ' || m.normalized, ' ')
                 FROM contact_method m WHERE m.contact_id = c.id AND m.kind = 'email'), '')
           AS emails,
       coalesce((SELECT group_concat(m.value || ' ' || m.normalized, ' ')
                 FROM contact_method m WHERE m.contact_id = c.id AND m.kind = 'tel'), '')
           AS phones,
       trim(c.note || ' ' || coalesce((SELECT group_concat(n.text, ' ')
                 FROM contact_note n WHERE n.contact_id = c.id), '')) AS notes
FROM contact c;
CREATE TRIGGER contact_note_fts_after_insert AFTER INSERT ON contact_note BEGIN
{_REFRESH.format(who="NEW")}
END;
CREATE TRIGGER contact_note_fts_after_delete AFTER DELETE ON contact_note BEGIN
{_REFRESH.format(who="OLD")}
END;
CREATE TRIGGER contact_position_fts_after_insert AFTER INSERT ON contact_position BEGIN
{_REFRESH.format(who="NEW")}
END;
CREATE TRIGGER contact_position_fts_after_delete AFTER DELETE ON contact_position BEGIN
{_REFRESH.format(who="OLD")}
END;
"""


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    for statement in statements(SQL):
        db.execute_sql(statement)
