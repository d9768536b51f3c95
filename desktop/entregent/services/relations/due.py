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

from entregent.i18n import _
from entregent.model.database import database
from entregent.network import cadence
from entregent.network.cadence import DueItem
from entregent.network.kinds import INFORMAL_KINDS, KIND_LABELS
from entregent.services.settings import get_setting

__all__ = ["DueItem", "due_list", "due_count", "due_ids_by_kind"]

_OVERDUE_SQL = """
WITH ctx AS (
    SELECT cc.contact_id AS cid, x.cadence_days AS cadence, max(x.priority)
    FROM contact_context cc JOIN context x ON x.id = cc.context_id
    WHERE x.cadence_days IS NOT NULL GROUP BY cc.contact_id)
SELECT id, display_name, last_interaction_at, created_at, cadence FROM (
    SELECT c.id, c.display_name, c.last_interaction_at, c.created_at, c.next_followup_on,
           coalesce(c.cadence_days, ctx.cadence) AS cadence
    FROM contact c LEFT JOIN ctx ON ctx.cid = c.id
    WHERE c.archived = 0 AND (c.cadence_days IS NOT NULL OR ctx.cid IS NOT NULL))
WHERE cadence IS NOT NULL
  AND (next_followup_on IS NULL OR next_followup_on <= :today)
  AND julianday(:today) - julianday(date(coalesce(last_interaction_at, created_at))) > cadence
"""
_FOLLOW_UPS_SQL = """
SELECT f.id, c.id, c.display_name, f.due_on, f.note FROM follow_up f
JOIN contact c ON c.id = f.contact_id AND c.archived = 0
WHERE f.done_at IS NULL AND f.deleted_at IS NULL AND f.due_on <= :today
ORDER BY f.due_on, f.id
"""
_INFORMAL = ", ".join(f"'{k}'" for k in sorted(INFORMAL_KINDS))
_INFORMAL_SQL = f"""
SELECT c.id, c.display_name, i.kind, i.occurred_at FROM contact c
JOIN participant p ON p.contact_id = c.id
JOIN interaction i ON i.id = p.interaction_id
WHERE c.archived = 0 AND c.last_interaction_at >= :since AND c.last_interaction_at < :tomorrow
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
JOIN contact c ON c.id = cid AND c.archived = 0
WHERE got IS NOT NULL AND (gave IS NULL OR gave < got)
ORDER BY got
"""


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()} 00:00:00"


def _day(value) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])


def _overdue(today: dt.date) -> list[DueItem]:
    items = []
    for contact_id, name, last, created, days in database.execute_sql(
        _OVERDUE_SQL, {"today": today.isoformat()}
    ):
        last_day = _day(last) if last else None
        since = last_day or _day(created)
        items.append(
            DueItem(
                contact_id,
                name,
                cadence.OVERDUE,
                cadence.overdue_reason(last_day, since, days, today),
                last_day,
                days,
                (today - since).days / days,
            )
        )
    items.sort(key=lambda item: (-(item.ratio or 0), item.name.casefold()))
    return items


def _follow_ups(today: dt.date) -> list[DueItem]:
    return [
        DueItem(
            contact_id,
            name,
            cadence.FOLLOW_UP,
            cadence.follow_up_reason(_day(due_on), note, today),
            _day(due_on),
            follow_up_id=follow_up_id,
        )
        for follow_up_id, contact_id, name, due_on, note in database.execute_sql(
            _FOLLOW_UPS_SQL, {"today": today.isoformat()}
        )
    ]


def _informal(today: dt.date) -> list[DueItem]:
    since = today - dt.timedelta(days=get_setting("informal_followup_days"))
    rows = database.execute_sql(
        _INFORMAL_SQL, {"since": _stamp(since), "tomorrow": _stamp(today + dt.timedelta(days=1))}
    )
    return [
        DueItem(
            contact_id,
            name,
            cadence.INFORMAL,
            cadence.informal_reason(_(KIND_LABELS.get(kind, kind)), _day(when), today),
            _day(when),
        )
        for contact_id, name, kind, when in rows
    ]


def _owed_help(today: dt.date) -> list[DueItem]:
    window = today - dt.timedelta(days=get_setting("balance_window_days"))
    return [
        DueItem(
            contact_id,
            name,
            cadence.OWED_HELP,
            cadence.owed_help_reason(_day(got), today),
            _day(got),
        )
        for contact_id, name, got in database.execute_sql(_OWED_SQL, {"window": _stamp(window)})
    ]


def _birthdays(today: dt.date) -> list[DueItem]:
    keys = cadence.birthday_keys(today, get_setting("birthday_days"))
    marks = ", ".join("?" for _key in keys)
    rows = database.execute_sql(
        "SELECT id, display_name, birthday FROM contact WHERE archived = 0 "
        f"AND birthday IS NOT NULL AND substr(birthday, -5) IN ({marks})",
        list(keys),
    )
    items = []
    for contact_id, name, birthday in rows:
        when = cadence.next_birthday(birthday, today)
        if when is None:
            continue
        items.append(
            DueItem(
                contact_id,
                name,
                cadence.BIRTHDAY,
                cadence.birthday_reason(when, cadence.age_on(birthday, when), today),
                when,
            )
        )
    items.sort(key=lambda item: (item.date, item.name.casefold()))
    return items


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


def due_ids_by_kind(today: dt.date | None = None) -> dict[str, set[int]]:
    """Who is due, by reason (the same queries as ``due_list``, without the texts)."""
    today = today or dt.date.today()
    since = today - dt.timedelta(days=get_setting("informal_followup_days"))
    window = today - dt.timedelta(days=get_setting("balance_window_days"))
    keys = cadence.birthday_keys(today, get_setting("birthday_days"))
    marks = ", ".join("?" for _key in keys)
    return {
        cadence.OVERDUE: {
            row[0] for row in database.execute_sql(_OVERDUE_SQL, {"today": today.isoformat()})
        },
        cadence.FOLLOW_UP: {
            row[1] for row in database.execute_sql(_FOLLOW_UPS_SQL, {"today": today.isoformat()})
        },
        cadence.INFORMAL: {
            row[0]
            for row in database.execute_sql(
                _INFORMAL_SQL,
                {"since": _stamp(since), "tomorrow": _stamp(today + dt.timedelta(days=1))},
            )
        },
        cadence.OWED_HELP: {
            row[0] for row in database.execute_sql(_OWED_SQL, {"window": _stamp(window)})
        },
        cadence.BIRTHDAY: {
            row[0]
            for row in database.execute_sql(
                "SELECT id FROM contact WHERE archived = 0 AND birthday IS NOT NULL "
                f"AND substr(birthday, -5) IN ({marks})",
                list(keys),
            )
        },
    }


def due_count(today: dt.date | None = None) -> int:
    """How many people are due (each counted once)."""
    return len(set().union(*due_ids_by_kind(today).values()))
