"""Schema 10: how names are read (phonetic names).

``contact.phonetic_given``, ``phonetic_middle``, ``phonetic_family`` and
``phonetic_org`` keep a name's reading as the card gave it (Japanese yomigana in
kana or romaji, a Chinese pinyin; see ``io/vcard_phonetic``). The readings:

- stand for the name they read in ``contact.sort_key`` (recomputed here, with
  katakana sorting as the hiragana it spells);
- are searched: ``contact_fts_source`` adds them to the name and organisation
  columns, the update trigger follows them, and the index is rebuilt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

from entregent.model.steps.v001_initial import statements
from entregent.model.text_folding import sort_key

VERSION = 10

_COLUMNS = ("phonetic_given", "phonetic_middle", "phonetic_family", "phonetic_org")

SEARCH = """
DROP TRIGGER contact_fts_after_update;
DROP VIEW contact_fts_source;
CREATE VIEW contact_fts_source AS
SELECT c.id AS id,
       trim(c.display_name || ' ' || c.given_name || ' ' || c.family_name || ' '
            || c.additional_names || ' ' || c.nickname || ' ' || c.phonetic_given || ' '
            || c.phonetic_middle || ' ' || c.phonetic_family) AS name,
       trim(c.org || ' ' || c.title || ' ' || c.phonetic_org) AS org,
       coalesce((SELECT group_concat(m.value || ' ' || m.normalized, ' ')
                 FROM contact_method m WHERE m.contact_id = c.id AND m.kind = 'email'), '')
           AS emails,
       coalesce((SELECT group_concat(m.value || ' ' || m.normalized, ' ')
                 FROM contact_method m WHERE m.contact_id = c.id AND m.kind = 'tel'), '')
           AS phones,
       c.note AS notes
FROM contact c;
CREATE TRIGGER contact_fts_after_update
AFTER UPDATE OF display_name, given_name, family_name, additional_names, nickname, org, title,
                note, phonetic_given, phonetic_middle, phonetic_family, phonetic_org
ON contact BEGIN
    DELETE FROM contact_fts WHERE rowid = OLD.id;
    INSERT INTO contact_fts (rowid, name, org, emails, phones, notes)
        SELECT id, name, org, emails, phones, notes FROM contact_fts_source WHERE id = NEW.id;
END;
DELETE FROM contact_fts;
INSERT INTO contact_fts (rowid, name, org, emails, phones, notes)
    SELECT id, name, org, emails, phones, notes FROM contact_fts_source;
"""


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    for column in _COLUMNS:
        # in place, as schema 2 did (the migrator would rebuild the table)
        db.execute_sql(f"ALTER TABLE contact ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    for statement in statements(SEARCH):
        db.execute_sql(statement)
    row = db.execute_sql("SELECT value FROM setting WHERE key = 'sort_by'").fetchone()
    order = "given" if row and "given" in str(row[0]) else "family"
    rows = db.execute_sql("SELECT id, given_name, family_name, display_name FROM contact")
    for contact_id, given, family, display in rows.fetchall():
        db.execute_sql(
            "UPDATE contact SET sort_key = ? WHERE id = ?",
            (sort_key(given, family, display, order), contact_id),
        )
