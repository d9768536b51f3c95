"""The give-and-take of help, per person and overall (P1).

The weighting lives in network/reciprocity.py; here are the queries that
count, over the window (``balance_window_days``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from entregent.errors import NotFound
from entregent.i18n import _
from entregent.model.database import database
from entregent.network.reciprocity import Ledger
from entregent.services.settings import get_setting

__all__ = ["BalanceReport", "PersonBalance", "balance", "balances_by_person"]

_COUNTS = """
coalesce(sum(i.register = 'help_given'), 0),
coalesce(sum(i.register = 'help_received'), 0),
coalesce(sum(i.register = 'ask' AND coalesce(a.outcome, 'pending') = 'pending'), 0),
coalesce(sum(i.register = 'ask' AND a.outcome = 'helped'), 0),
coalesce(sum(i.register = 'ask' AND a.outcome = 'declined'), 0)
"""
_RELEVANT = "i.occurred_at >= ? AND i.register IN ('help_given', 'help_received', 'ask')"


@dataclass
class BalanceReport:
    since: dt.date
    window_days: int
    ledger: Ledger
    contact_id: int | None = None
    name: str | None = None

    def as_json(self) -> dict:
        data = {
            "since": self.since.isoformat(),
            "window_days": self.window_days,
            "contact": None
            if self.contact_id is None
            else {"id": self.contact_id, "name": self.name},
        }
        data.update(self.ledger.as_json())
        return data


@dataclass
class PersonBalance:
    contact_id: int
    name: str
    ledger: Ledger

    def as_json(self) -> dict:
        return {"contact": {"id": self.contact_id, "name": self.name}, **self.ledger.as_json()}


def _window(today: dt.date | None) -> tuple[dt.date, int, str]:
    today = today or dt.date.today()
    days = get_setting("balance_window_days")
    since = today - dt.timedelta(days=days)
    return since, days, f"{since.isoformat()} 00:00:00"


def balance(contact_id: int | None = None, *, today: dt.date | None = None) -> BalanceReport:
    """Help given, help received and asks over the window, for one person or everyone.

    Overall, an interaction with several people counts once.
    """
    since, days, stamp = _window(today)
    name = None
    if contact_id is None:
        row = database.execute_sql(
            f"SELECT {_COUNTS} FROM interaction i LEFT JOIN ask a ON a.interaction_id = i.id "
            f"WHERE {_RELEVANT}",
            (stamp,),
        ).fetchone()
    else:
        found = database.execute_sql(
            "SELECT display_name FROM contact WHERE id = ?", (contact_id,)
        ).fetchone()
        if found is None:
            raise NotFound(_("No person with id {id}.").format(id=contact_id))
        name = found[0]
        row = database.execute_sql(
            f"SELECT {_COUNTS} FROM participant p JOIN interaction i ON i.id = p.interaction_id "
            f"LEFT JOIN ask a ON a.interaction_id = i.id WHERE p.contact_id = ? AND {_RELEVANT}",
            (contact_id, stamp),
        ).fetchone()
    return BalanceReport(since, days, Ledger(*row), contact_id, name)


def balances_by_person(
    *, today: dt.date | None = None, limit: int | None = 20
) -> list[PersonBalance]:
    """Each person with some give-and-take in the window, those you owe most first."""
    _since, _days, stamp = _window(today)
    rows = database.execute_sql(
        f"SELECT p.contact_id, c.display_name, {_COUNTS} FROM participant p "
        "JOIN interaction i ON i.id = p.interaction_id "
        "JOIN contact c ON c.id = p.contact_id AND c.archived = 0 "
        f"LEFT JOIN ask a ON a.interaction_id = i.id WHERE {_RELEVANT} "
        "GROUP BY p.contact_id",
        (stamp,),
    ).fetchall()
    people = [PersonBalance(r[0], r[1], Ledger(*r[2:])) for r in rows]
    people.sort(key=lambda b: (b.ledger.score, b.name.casefold()))
    return people if limit is None else people[:limit]
