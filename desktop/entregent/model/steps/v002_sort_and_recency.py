"""Schema 2: a stored sort key, and last contact / next follow-up kept by triggers.

Lists page and sort in SQL on 100,000 people; these columns spare them an
aggregate per row. The triggers keep them right whoever writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee as pw
from playhouse.migrate import migrate

if TYPE_CHECKING:
    from playhouse.migrate import SqliteMigrator

from entregent.model.steps.v001_initial import statements
from entregent.model.text_folding import sort_key

VERSION = 2

RECOMPUTE_LAST = """
UPDATE contact SET last_interaction_at = (
    SELECT max(i.occurred_at) FROM interaction i
    JOIN participant p ON p.interaction_id = i.id
    WHERE p.contact_id = contact.id)
"""
RECOMPUTE_NEXT = """
UPDATE contact SET next_followup_on = (
    SELECT min(f.due_on) FROM follow_up f
    WHERE f.contact_id = contact.id AND f.done_at IS NULL AND f.deleted_at IS NULL)
"""

TRIGGERS = f"""
CREATE TRIGGER participant_recency_after_insert AFTER INSERT ON participant BEGIN
    UPDATE contact SET last_interaction_at = (
        SELECT max(coalesce(contact.last_interaction_at, ''), i.occurred_at)
        FROM interaction i WHERE i.id = NEW.interaction_id)
    WHERE id = NEW.contact_id;
END;
CREATE TRIGGER participant_recency_after_delete AFTER DELETE ON participant BEGIN
    {RECOMPUTE_LAST} WHERE id = OLD.contact_id;
END;
CREATE TRIGGER interaction_recency_after_update AFTER UPDATE OF occurred_at ON interaction BEGIN
    {RECOMPUTE_LAST}
    WHERE id IN (SELECT contact_id FROM participant WHERE interaction_id = NEW.id);
END;
CREATE TRIGGER follow_up_next_after_insert AFTER INSERT ON follow_up BEGIN
    {RECOMPUTE_NEXT} WHERE id = NEW.contact_id;
END;
CREATE TRIGGER follow_up_next_after_update AFTER UPDATE ON follow_up BEGIN
    {RECOMPUTE_NEXT} WHERE id IN (OLD.contact_id, NEW.contact_id);
END;
CREATE TRIGGER follow_up_next_after_delete AFTER DELETE ON follow_up BEGIN
    {RECOMPUTE_NEXT} WHERE id = OLD.contact_id;
END;
"""


def apply(db: pw.SqliteDatabase, migrator: SqliteMigrator) -> None:
    # SQLite adds a NOT NULL column with a default in place; peewee's migrator
    # would rebuild the table, which the search view forbids.
    db.execute_sql("ALTER TABLE contact ADD COLUMN sort_key TEXT NOT NULL DEFAULT ''")
    migrate(
        migrator.add_column("contact", "last_interaction_at", pw.DateTimeField(null=True)),
        migrator.add_column("contact", "next_followup_on", pw.DateField(null=True)),
        migrator.add_index("contact", ("sort_key",), False),
        migrator.add_index("contact", ("last_interaction_at",), False),
        migrator.add_index("contact", ("next_followup_on",), False),
    )
    rows = db.execute_sql(
        "SELECT id, given_name, family_name, display_name FROM contact"
    ).fetchall()
    for contact_id, given, family, display in rows:
        db.execute_sql(
            "UPDATE contact SET sort_key = ? WHERE id = ?",
            (sort_key(given, family, display), contact_id),
        )
    db.execute_sql(RECOMPUTE_LAST)
    db.execute_sql(RECOMPUTE_NEXT)
    for statement in statements(TRIGGERS):
        db.execute_sql(statement)
