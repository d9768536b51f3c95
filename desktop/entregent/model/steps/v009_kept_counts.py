"""Schema 9: the sidebar's and the home screen's counts kept by triggers.

On 100,000 people the "to reach out" count, the people in each context and in
each group were computed at every start by grouping over every person (seconds).
The writes that change them now keep them:

- ``contact.overdue_after``: the last day a person is not yet overdue, that is
  the day of their last interaction (else of their creation) plus their
  keep-in-touch cadence (their own, else that of their highest-priority context
  that has one; equal priorities: the lower context id). NULL when no cadence
  applies. A person is overdue on ``today`` when ``overdue_after < today``; an
  index on ``(archived, overdue_after, next_followup_on)`` counts them.
- ``context.people_count`` and ``organization.people_count``: how many
  non-archived people carry the context / belong to the group.
- ``organization.contributions``: the group's interactions that count as a
  contribution (kind ``volunteering`` or register ``help_given``).

``REBUILD`` recomputes them all from the rows (used here and by the benchmark
generator, which loads rows with the triggers set aside).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee
    from playhouse.migrate import SqliteMigrator

from entregent.model.steps.v001_initial import statements

VERSION = 9

# The cadence that applies to contact ``{who}`` (a row alias or NEW/OLD.contact_id).
_CADENCE = """coalesce({c}.cadence_days, (
    SELECT x.cadence_days FROM contact_context cc JOIN context x ON x.id = cc.context_id
    WHERE cc.contact_id = {c}.id AND x.cadence_days IS NOT NULL
    ORDER BY x.priority DESC, x.id LIMIT 1))"""
OVERDUE_AFTER = (
    "date(coalesce({c}.last_interaction_at, {c}.created_at), '+' || " + _CADENCE + " || ' days')"
)


def _set_overdue(where: str) -> str:
    return f"UPDATE contact SET overdue_after = {OVERDUE_AFTER.format(c='contact')} WHERE {where};"


_CONTRIBUTES = "({r}.kind = 'volunteering' OR {r}.register = 'help_given')"

REBUILD = f"""
{_set_overdue("1")}
UPDATE context SET people_count = (
    SELECT count(*) FROM contact_context cc JOIN contact c ON c.id = cc.contact_id
    WHERE cc.context_id = context.id AND c.archived = 0);
UPDATE organization SET people_count = (
    SELECT count(*) FROM membership m JOIN contact c ON c.id = m.contact_id
    WHERE m.organization_id = organization.id AND c.archived = 0),
  contributions = (
    SELECT count(*) FROM interaction i
    WHERE i.organization_id = organization.id AND {_CONTRIBUTES.format(r="i")});
"""


def _tag_change(table: str, key: str, counter_table: str, row: str, sign: str) -> str:
    return (
        f"UPDATE {counter_table} SET people_count = people_count {sign} 1 "
        f"WHERE id = {row}.{key} AND EXISTS "
        f"(SELECT 1 FROM contact WHERE id = {row}.contact_id AND archived = 0);"
    )


TRIGGERS = f"""
CREATE TRIGGER contact_overdue_after_insert AFTER INSERT ON contact BEGIN
    {_set_overdue("id = NEW.id")}
END;
CREATE TRIGGER contact_overdue_after_update
AFTER UPDATE OF last_interaction_at, created_at, cadence_days ON contact BEGIN
    {_set_overdue("id = NEW.id")}
END;
CREATE TRIGGER contact_context_kept_after_insert AFTER INSERT ON contact_context BEGIN
    {_set_overdue("id = NEW.contact_id")}
    {_tag_change("contact_context", "context_id", "context", "NEW", "+")}
END;
CREATE TRIGGER contact_context_kept_after_delete AFTER DELETE ON contact_context BEGIN
    {_set_overdue("id = OLD.contact_id")}
    {_tag_change("contact_context", "context_id", "context", "OLD", "-")}
END;
CREATE TRIGGER contact_context_kept_after_update
AFTER UPDATE OF contact_id, context_id ON contact_context BEGIN
    {_set_overdue("id IN (OLD.contact_id, NEW.contact_id)")}
    {_tag_change("contact_context", "context_id", "context", "OLD", "-")}
    {_tag_change("contact_context", "context_id", "context", "NEW", "+")}
END;
CREATE TRIGGER context_overdue_after_update AFTER UPDATE OF cadence_days, priority ON context
BEGIN
    {_set_overdue("id IN (SELECT contact_id FROM contact_context WHERE context_id = NEW.id)")}
END;
CREATE TRIGGER membership_kept_after_insert AFTER INSERT ON membership BEGIN
    {_tag_change("membership", "organization_id", "organization", "NEW", "+")}
END;
CREATE TRIGGER membership_kept_after_delete AFTER DELETE ON membership BEGIN
    {_tag_change("membership", "organization_id", "organization", "OLD", "-")}
END;
CREATE TRIGGER membership_kept_after_update
AFTER UPDATE OF contact_id, organization_id ON membership BEGIN
    {_tag_change("membership", "organization_id", "organization", "OLD", "-")}
    {_tag_change("membership", "organization_id", "organization", "NEW", "+")}
END;
CREATE TRIGGER contact_counts_after_archive AFTER UPDATE OF archived ON contact
WHEN (OLD.archived = 0) != (NEW.archived = 0) BEGIN
    UPDATE context SET people_count = people_count + (CASE WHEN NEW.archived = 0 THEN 1 ELSE -1 END)
    WHERE id IN (SELECT context_id FROM contact_context WHERE contact_id = NEW.id);
    UPDATE organization
    SET people_count = people_count + (CASE WHEN NEW.archived = 0 THEN 1 ELSE -1 END)
    WHERE id IN (SELECT organization_id FROM membership WHERE contact_id = NEW.id);
END;
CREATE TRIGGER contact_counts_before_delete BEFORE DELETE ON contact WHEN OLD.archived = 0
BEGIN
    UPDATE context SET people_count = people_count - 1
    WHERE id IN (SELECT context_id FROM contact_context WHERE contact_id = OLD.id);
    UPDATE organization SET people_count = people_count - 1
    WHERE id IN (SELECT organization_id FROM membership WHERE contact_id = OLD.id);
END;
CREATE TRIGGER interaction_contributions_after_insert AFTER INSERT ON interaction
WHEN NEW.organization_id IS NOT NULL AND {_CONTRIBUTES.format(r="NEW")} BEGIN
    UPDATE organization SET contributions = contributions + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER interaction_contributions_after_delete AFTER DELETE ON interaction
WHEN OLD.organization_id IS NOT NULL AND {_CONTRIBUTES.format(r="OLD")} BEGIN
    UPDATE organization SET contributions = contributions - 1 WHERE id = OLD.organization_id;
END;
CREATE TRIGGER interaction_contributions_after_update
AFTER UPDATE OF organization_id, kind, register ON interaction BEGIN
    UPDATE organization SET contributions = contributions - 1
    WHERE id = OLD.organization_id AND {_CONTRIBUTES.format(r="OLD")};
    UPDATE organization SET contributions = contributions + 1
    WHERE id = NEW.organization_id AND {_CONTRIBUTES.format(r="NEW")};
END;
"""


def apply(db: peewee.SqliteDatabase, migrator: SqliteMigrator) -> None:
    for statement in (
        "ALTER TABLE contact ADD COLUMN overdue_after DATE",
        "ALTER TABLE context ADD COLUMN people_count INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE organization ADD COLUMN people_count INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE organization ADD COLUMN contributions INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX contact_archived_overdue_after "
        "ON contact (archived, overdue_after, next_followup_on, last_interaction_at, created_at)",
        "CREATE INDEX contact_birthday_day ON contact (substr(birthday, -5)) "
        "WHERE birthday IS NOT NULL",
    ):
        db.execute_sql(statement)
    for statement in statements(REBUILD):
        db.execute_sql(statement)
    for statement in statements(TRIGGERS):
        db.execute_sql(statement)
