"""Whom to reach out to, and why: the keep-in-touch list.

``due_list`` runs five queries whatever the size of the network (it is shown
on the home screen of a 100,000-person database), each leaning on the columns
the triggers keep (contact.last_interaction_at, next_followup_on) or on the
interaction date index:

1. overdue by cadence (own, else the highest-priority context's default),
   most overdue relative to the cadence first; people with a follow-up already
   planned later are left out (the follow-up speaks for them);
2. follow-ups due today or earlier;
3. people met once, informally (sport, gym, party), within
   ``informal_followup_days``, with no follow-up yet;
4. people whose help you received in the window and have not returned since;
5. birthdays within ``birthday_days``.
"""

from __future__ import annotations

import datetime as dt
import json

from entregent.i18n import _
from entregent.model.database import database
from entregent.network import cadence
from entregent.network.cadence import DueItem
from entregent.network.kinds import INFORMAL_KINDS, KIND_LABELS
from entregent.services.settings import get_setting

__all__ = [
    "DueItem",
    "due_list",
    "due_firsts",
    "due_count",
    "due_counts",
    "due_ids_by_kind",
    "query_plans",
]

# Overdue: the kept ``contact.overdue_after`` (schema 9) read through its index; the
# cadence is what separates it from the day of the last interaction.
_OVERDUE_WHERE = """c.archived = 0 AND c.overdue_after < :today
  AND (c.next_followup_on IS NULL OR c.next_followup_on <= :today)"""
_OVERDUE_COLUMNS = """c.id, c.display_name, c.last_interaction_at, c.created_at,
    CAST(julianday(c.overdue_after)
         - julianday(date(coalesce(c.last_interaction_at, c.created_at))) AS INTEGER)"""
_OVERDUE_SQL = f"SELECT {_OVERDUE_COLUMNS} FROM contact c WHERE {_OVERDUE_WHERE}"
_FOLLOW_UPS_SQL = """
SELECT f.id, c.id, c.display_name, f.due_on, f.note FROM follow_up f
JOIN contact c ON c.id = f.contact_id AND c.archived = 0
WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND f.due_on <= :today
ORDER BY f.due_on, f.id
"""
_INFORMAL = ", ".join(f"'{k}'" for k in sorted(INFORMAL_KINDS))
_INFORMAL_SQL = f"""
SELECT c.id, c.display_name, i.kind, i.occurred_at FROM contact c
INDEXED BY contact_last_interaction_at
CROSS JOIN participant p ON p.contact_id = c.id
CROSS JOIN interaction i ON i.id = p.interaction_id
WHERE +c.archived = 0 AND c.last_interaction_at >= :since AND c.last_interaction_at < :tomorrow
  AND i.kind IN ({_INFORMAL})
  AND (SELECT count(*) FROM participant p2 WHERE p2.contact_id = c.id) = 1
  AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.contact_id = c.id
                  AND f.deleted_at IS NULL)
ORDER BY i.occurred_at DESC
"""
_OWED_SQL = """
SELECT c.id, c.display_name, got FROM (
    SELECT p.contact_id AS cid,
           max(CASE WHEN i.register = 'help_received'
                         OR (i.register = 'ask' AND a.outcome = 'helped')
                    THEN i.occurred_at END) AS got,
           max(CASE WHEN i.register = 'help_given' THEN i.occurred_at END) AS gave
    FROM interaction i JOIN participant p ON p.interaction_id = i.id
    LEFT JOIN ask a ON a.interaction_id = i.id
    WHERE i.occurred_at >= :window AND i.register IN ('help_given', 'help_received', 'ask')
    GROUP BY p.contact_id)
JOIN contact c ON c.id = cid AND +c.archived = 0
WHERE got IS NOT NULL AND (gave IS NULL OR gave < got)
ORDER BY got
"""


# Who is due for each reason other than overdue, ids only (for the counts).
# A person's ``archived``, ``overdue_after`` and ``next_followup_on`` are read from
# the covering indexes of schema 12 (in the row they lie beyond the photo).
_BY_ID = "contact c INDEXED BY contact_due_by_id"
_FOLLOW_UP_IDS = f"""SELECT DISTINCT f.contact_id AS id FROM follow_up f INDEXED BY follow_up_due_on
    JOIN {_BY_ID} ON c.id = f.contact_id AND c.archived = 0
    WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND f.due_on <= :today"""
_INFORMAL_IDS = "SELECT DISTINCT id FROM ({})".format(
    _INFORMAL_SQL.replace("ORDER BY i.occurred_at DESC", "").replace(
        "INDEXED BY contact_last_interaction_at", "INDEXED BY contact_recent_archived"
    )
)
_OWED_IDS = "SELECT id FROM ({})".format(
    _OWED_SQL.replace("ORDER BY got", "").replace(
        "JOIN contact c ON c.id = cid AND +c.archived = 0",
        f"JOIN {_BY_ID} ON c.id = cid AND c.archived = 0",
    )
)
_BIRTHDAY_WHERE = (
    "+archived = 0 AND birthday IS NOT NULL "
    "AND substr(birthday, -5) IN (SELECT key FROM json_each(:birthdays))"
)
_BIRTHDAY_IDS = f"SELECT id FROM contact WHERE {_BIRTHDAY_WHERE}"
_NOT_OVERDUE = """NOT (ifnull(c.overdue_after < :today, 0)
    AND (c.next_followup_on IS NULL OR c.next_followup_on <= :today))"""

_COUNTS_SQL = f"""
WITH fu AS ({_FOLLOW_UP_IDS}), inf AS ({_INFORMAL_IDS}), owed AS ({_OWED_IDS}),
     bday AS ({_BIRTHDAY_IDS}),
     others AS (SELECT id FROM fu UNION SELECT id FROM inf UNION SELECT id FROM owed
                UNION SELECT id FROM bday)
SELECT (SELECT count(*) FROM contact c WHERE {_OVERDUE_WHERE}),
       (SELECT count(*) FROM fu), (SELECT count(*) FROM inf), (SELECT count(*) FROM owed),
       (SELECT count(*) FROM bday),
       (SELECT count(*) FROM others o JOIN {_BY_ID} ON c.id = o.id WHERE {_NOT_OVERDUE})
"""

# The first ``:n`` of each reason, in the order ``due_list`` gives them, in one statement.
# Columns: reason rank, contact id, name, then three per-reason values.
_FIRSTS_SQL = f"""
SELECT * FROM (SELECT 0, c.id, c.display_name, c.last_interaction_at, c.created_at,
    CAST(julianday(c.overdue_after)
         - julianday(date(coalesce(c.last_interaction_at, c.created_at))) AS INTEGER)
    FROM (SELECT c.id AS page_id FROM contact c WHERE {_OVERDUE_WHERE}
          ORDER BY (julianday(:today)
                    - julianday(date(coalesce(c.last_interaction_at, c.created_at))))
                   / (julianday(c.overdue_after)
                      - julianday(date(coalesce(c.last_interaction_at, c.created_at)))) DESC,
                   c.id
          LIMIT :n) JOIN contact c ON c.id = page_id)
UNION ALL SELECT * FROM (SELECT 1, c.id, c.display_name, f.due_on, f.note, f.id FROM follow_up f
    JOIN contact c ON c.id = f.contact_id AND +c.archived = 0
    WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND f.due_on <= :today
    ORDER BY f.due_on, f.id LIMIT :n)
UNION ALL SELECT * FROM (SELECT 2, id, display_name, kind, occurred_at, NULL FROM (
    {_INFORMAL_SQL}) ORDER BY occurred_at DESC LIMIT :n)
UNION ALL SELECT * FROM (SELECT 3, id, display_name, got, NULL, NULL FROM ({_OWED_SQL})
    ORDER BY got LIMIT :n)
UNION ALL SELECT * FROM (SELECT 4, id, display_name, birthday, NULL, NULL FROM contact
    WHERE {_BIRTHDAY_WHERE}
    ORDER BY json_extract(:birthdays, '$."' || substr(birthday, -5) || '"'),
        display_name COLLATE NOCASE, id
    LIMIT :n)
"""


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()} 00:00:00"


def _day(value) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])


def _params(today: dt.date) -> dict:
    since = today - dt.timedelta(days=get_setting("informal_followup_days"))
    window = today - dt.timedelta(days=get_setting("balance_window_days"))
    keys = cadence.birthday_keys(today, get_setting("birthday_days"))
    return {
        "today": today.isoformat(),
        "since": _stamp(since),
        "tomorrow": _stamp(today + dt.timedelta(days=1)),
        "window": _stamp(window),
        "birthdays": json.dumps({key: day.isoformat() for key, day in keys.items()}),
    }


def _overdue_item(row, today: dt.date) -> DueItem:
    contact_id, name, last, created, days = row
    last_day = _day(last) if last else None
    since = last_day or _day(created)
    return DueItem(
        contact_id,
        name,
        cadence.OVERDUE,
        cadence.overdue_reason(last_day, since, days, today),
        last_day,
        days,
        (today - since).days / days,
    )


def _follow_up_item(row, today: dt.date) -> DueItem:
    contact_id, name, due_on, note, follow_up_id = row
    return DueItem(
        contact_id,
        name,
        cadence.FOLLOW_UP,
        cadence.follow_up_reason(_day(due_on), note, today),
        _day(due_on),
        follow_up_id=follow_up_id,
    )


def _informal_item(row, today: dt.date) -> DueItem:
    contact_id, name, kind, when = row
    return DueItem(
        contact_id,
        name,
        cadence.INFORMAL,
        cadence.informal_reason(_(KIND_LABELS.get(kind, kind)), _day(when), today),
        _day(when),
    )


def _owed_item(row, today: dt.date) -> DueItem:
    contact_id, name, got = row
    return DueItem(
        contact_id, name, cadence.OWED_HELP, cadence.owed_help_reason(_day(got), today), _day(got)
    )


def _birthday_item(row, today: dt.date) -> DueItem | None:
    contact_id, name, birthday = row
    when = cadence.next_birthday(birthday, today)
    if when is None:
        return None
    return DueItem(
        contact_id,
        name,
        cadence.BIRTHDAY,
        cadence.birthday_reason(when, cadence.age_on(birthday, when), today),
        when,
    )


def _name_key(name: str) -> str:
    """The name as SQLite's NOCASE collation compares it (ASCII letters folded, the
    rest by code point), so that a page cut in SQL and the whole list sorted here
    break ties the same way."""
    return name.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _overdue_key(item: DueItem):
    # Equally overdue: the one in the book longest first. By id, as the page cut in
    # SQL does from the index alone (by name it read every overdue person's row).
    return (-(item.ratio or 0), item.contact_id)


def _birthday_key(item: DueItem):
    return (item.date, _name_key(item.name), item.contact_id)


def _overdue(today: dt.date) -> list[DueItem]:
    rows = database.execute_sql(_OVERDUE_SQL, {"today": today.isoformat()})
    return sorted((_overdue_item(row, today) for row in rows), key=_overdue_key)


def _follow_ups(today: dt.date) -> list[DueItem]:
    return [
        _follow_up_item((c, n, d, note, f), today)
        for f, c, n, d, note in database.execute_sql(_FOLLOW_UPS_SQL, {"today": today.isoformat()})
    ]


def _informal(today: dt.date) -> list[DueItem]:
    return [
        _informal_item(row, today) for row in database.execute_sql(_INFORMAL_SQL, _params(today))
    ]


def _owed_help(today: dt.date) -> list[DueItem]:
    return [_owed_item(row, today) for row in database.execute_sql(_OWED_SQL, _params(today))]


def _birthdays(today: dt.date) -> list[DueItem]:
    rows = database.execute_sql(
        f"SELECT id, display_name, birthday FROM contact WHERE {_BIRTHDAY_WHERE}", _params(today)
    )
    items = [item for item in (_birthday_item(row, today) for row in rows) if item is not None]
    return sorted(items, key=_birthday_key)


def due_list(today: dt.date | None = None) -> list[DueItem]:
    """Everyone to reach out to, with the reason, most pressing first.

    Overdue people come first (by how overdue relative to their cadence), then
    follow-ups due, informal encounters to follow up, help to return, and
    birthdays ahead. A person may appear once per reason.
    """
    today = today or dt.date.today()
    return (
        _overdue(today)
        + _follow_ups(today)
        + _informal(today)
        + _owed_help(today)
        + _birthdays(today)
    )


def due_firsts(limit: int = 50, today: dt.date | None = None) -> list[DueItem]:
    """The first ``limit`` items of each reason of ``due_list``, in its order, read in
    one statement (what the home screen's cards show; on 100,000 people the whole
    list is tens of thousands of items). Equal ranks at the edge of a page are
    broken by the stored name, then the id."""
    today = today or dt.date.today()
    params = _params(today) | {"n": limit}
    by_rank: dict[int, list] = {rank: [] for rank in range(5)}
    for rank, *row in database.execute_sql(_FIRSTS_SQL, params):
        by_rank[rank].append(row)
    overdue = sorted((_overdue_item(row, today) for row in by_rank[0]), key=_overdue_key)
    births = (_birthday_item(row[:3], today) for row in by_rank[4])
    return (
        overdue
        + [_follow_up_item(row, today) for row in by_rank[1]]
        + [_informal_item(row[:4], today) for row in by_rank[2]]
        + [_owed_item(row[:3], today) for row in by_rank[3]]
        + sorted((item for item in births if item is not None), key=_birthday_key)
    )


def due_ids_by_kind(today: dt.date | None = None) -> dict[str, set[int]]:
    """Who is due, by reason (the same queries as ``due_list``, without the texts)."""
    today = today or dt.date.today()
    params = _params(today)
    return {
        cadence.OVERDUE: {
            row[0] for row in database.execute_sql(_OVERDUE_SQL, {"today": today.isoformat()})
        },
        cadence.FOLLOW_UP: {row[0] for row in database.execute_sql(_FOLLOW_UP_IDS, params)},
        cadence.INFORMAL: {row[0] for row in database.execute_sql(_INFORMAL_IDS, params)},
        cadence.OWED_HELP: {row[0] for row in database.execute_sql(_OWED_IDS, params)},
        cadence.BIRTHDAY: {row[0] for row in database.execute_sql(_BIRTHDAY_IDS, params)},
    }


def due_counts(today: dt.date | None = None) -> tuple[int, dict[str, int]]:
    """How many people are due (each once), and how many for each reason, in one
    statement: the overdue through the index on ``contact.overdue_after``, the
    other reasons (a few thousand at most) added when not overdue already."""
    today = today or dt.date.today()
    overdue, follow_ups, informal, owed, births, others = database.execute_sql(
        _COUNTS_SQL, _params(today)
    ).fetchone()
    return overdue + others, {
        cadence.OVERDUE: overdue,
        cadence.FOLLOW_UP: follow_ups,
        cadence.INFORMAL: informal,
        cadence.OWED_HELP: owed,
        cadence.BIRTHDAY: births,
    }


def due_count(today: dt.date | None = None) -> int:
    """How many people are due (each counted once)."""
    return due_counts(today)[0]


def query_plans(today: dt.date | None = None, limit: int = 50) -> dict[str, list[str]]:
    """SQLite's plan (``EXPLAIN QUERY PLAN``, one line per step) of the statements
    behind the due count (``count``), Home's first page (``firsts``) and the overdue
    count alone (``overdue``): what holds them to their indexes, for diagnosis and
    for the tests that check it."""
    today = today or dt.date.today()
    params = _params(today) | {"n": limit}
    statements = {
        "count": _COUNTS_SQL,
        "firsts": _FIRSTS_SQL,
        "overdue": f"SELECT count(*) FROM contact c WHERE {_OVERDUE_WHERE}",
    }
    return {
        name: [row[-1] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params)]
        for name, sql in statements.items()
    }
