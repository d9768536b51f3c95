"""The home screen's figures (network/insights.py holds their shape and nudges).

A fixed handful of queries, so that it stays quick on a large network.
"""

from __future__ import annotations

import datetime as dt

from entregent.model.database import database
from entregent.network.insights import (
    MIX_REGISTERS,
    ContextSeries,
    Insights,
    first_day_of,
    month_keys,
)

__all__ = ["Insights", "dashboard", "active_group_count"]

_MONTHLY_SQL = """
SELECT x.id, x.name, x.builtin, x.colour, strftime('%Y-%m', i.occurred_at) AS month,
       count(DISTINCT i.id)
FROM interaction i
JOIN participant p ON p.interaction_id = i.id
JOIN contact_context cc ON cc.contact_id = p.contact_id
JOIN context x ON x.id = cc.context_id
WHERE i.occurred_at >= ? AND i.occurred_at < ?
GROUP BY x.id, month
"""


def active_group_count(today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    return database.execute_sql(
        "SELECT count(*) FROM organization WHERE left_on IS NULL OR left_on > ?",
        (today.isoformat(),),
    ).fetchone()[0]


def dashboard(today: dt.date | None = None, *, mix_days: int = 90) -> Insights:
    """Everything the home screen shows, for ``today``."""
    from entregent.services.people.contexts import context_label
    from entregent.services.relations.due import due_counts
    from entregent.services.relations.reciprocity import balance

    today = today or dt.date.today()
    since = today - dt.timedelta(days=mix_days)
    counts = dict(
        database.execute_sql(
            "SELECT register, count(*) FROM interaction WHERE occurred_at >= ? AND occurred_at < ?"
            " AND register IN ('social', 'professional', 'group') GROUP BY register",
            (f"{since} 00:00:00", f"{today + dt.timedelta(days=1)} 00:00:00"),
        ).fetchall()
    )
    mix = {register: counts.get(register, 0) for register in MIX_REGISTERS}
    months = month_keys(today)
    index = {month: n for n, month in enumerate(months)}
    series: dict[int, ContextSeries] = {}
    for context_id, name, builtin, colour, month, n in database.execute_sql(
        _MONTHLY_SQL,
        (f"{first_day_of(months[0])} 00:00:00", f"{today + dt.timedelta(days=1)} 00:00:00"),
    ):
        entry = series.setdefault(
            context_id,
            ContextSeries(
                context_id, context_label(name, bool(builtin)), colour, [0] * len(months)
            ),
        )
        if month in index:
            entry.counts[index[month]] = n
    per_context = sorted(series.values(), key=lambda s: (-sum(s.counts), s.label.casefold()))
    due_total, due_by_kind = due_counts(today)
    return Insights(
        today=today,
        active_groups=active_group_count(today),
        mix=mix,
        balance=balance(today=today).ledger,
        due=due_total,
        months=months,
        per_context=per_context,
        mix_days=mix_days,
        due_by_kind=due_by_kind,
    )
