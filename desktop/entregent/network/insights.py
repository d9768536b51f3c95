"""What the home screen shows: groups, the social/professional/group mix, the
balance of help, how many people are due, and a year of interactions by context.

The counting happens in services/insights.py; here are the shapes and the
nudges read from them (P2: two or three groups; P9: time for fun too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from entregent.i18n import _, ngettext
from entregent.network.reciprocity import RECEIVED_MORE, Ledger

MIX_REGISTERS = ("social", "professional", "group")
GROUPS_WANTED = 2


def month_keys(today: dt.date, months: int = 12) -> list[str]:
    """``"YYYY-MM"`` for the last ``months`` months, oldest first, this one last."""
    keys = []
    year, month = today.year, today.month
    for _i in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return keys[::-1]


def first_day_of(month_key: str) -> dt.date:
    return dt.date(int(month_key[:4]), int(month_key[5:7]), 1)


@dataclass
class ContextSeries:
    context_id: int
    label: str
    colour: str
    counts: list[int]  # one per month, aligned with Insights.months

    def as_json(self) -> dict[str, Any]:
        return {
            "context_id": self.context_id,
            "label": self.label,
            "colour": self.colour,
            "counts": self.counts,
        }


@dataclass
class Insights:
    today: dt.date
    active_groups: int
    mix: dict[str, int]  # social / professional / group, last 90 days
    balance: Ledger
    due: int
    months: list[str]
    per_context: list[ContextSeries] = field(default_factory=list)
    mix_days: int = 90
    # people due by reason: overdue, follow_up, informal, owed_help, birthday
    due_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def mix_total(self) -> int:
        return sum(self.mix.values())

    def mix_share(self, register: str) -> float:
        return self.mix.get(register, 0) / self.mix_total if self.mix_total else 0.0

    @property
    def nudges(self) -> list[str]:
        return nudges(self)

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "active_groups": self.active_groups,
            "groups_nudge": self.active_groups < GROUPS_WANTED,
            "mix_days": self.mix_days,
            "mix": dict(self.mix),
            "balance": self.balance.as_json(),
            "due": self.due,
            "due_by_kind": dict(self.due_by_kind),
            "months": self.months,
            "per_context": [s.as_json() for s in self.per_context],
            "nudges": self.nudges,
        }


def nudges(insights: Insights) -> list[str]:
    """A few friendly suggestions read from the figures (none when all is well)."""
    found = []
    if insights.active_groups < GROUPS_WANTED:
        found.append(
            ngettext(
                "You take part in {n} group. Two or three (an association, a club, a lunch "
                "group, a charity) bring you people from many walks of life.",
                "You take part in {n} groups. Two or three (an association, a club, a lunch "
                "group, a charity) bring you people from many walks of life.",
                insights.active_groups,
            ).format(n=insights.active_groups)
        )
    if insights.mix_total >= 5 and insights.mix.get("social", 0) == 0:
        found.append(
            _(
                "Nothing social logged in the last {days} days: a coffee or an outing "
                "with people you like counts too."
            ).format(days=insights.mix_days)
        )
    if insights.balance.label == RECEIVED_MORE:
        found.append(
            _("You have received more help than you gave this year: a good moment to offer yours.")
        )
    by_kind = insights.due_by_kind
    if by_kind.get("owed_help"):
        found.append(
            ngettext(
                "{n} person helped you and has not yet had a good turn back.",
                "{n} people helped you and have not yet had a good turn back.",
                by_kind["owed_help"],
            ).format(n=by_kind["owed_help"])
        )
    if by_kind.get("informal"):
        found.append(
            ngettext(
                "{n} recent encounter (sport, a party …) is worth a short message before it fades.",
                "{n} recent encounters (sport, a party …) are worth a short message before they "
                "fade.",
                by_kind["informal"],
            ).format(n=by_kind["informal"])
        )
    if by_kind.get("birthday"):
        found.append(
            ngettext(
                "{n} birthday coming up.", "{n} birthdays coming up.", by_kind["birthday"]
            ).format(n=by_kind["birthday"])
        )
    if insights.due:
        found.append(
            ngettext(
                "{n} person would be glad to hear from you.",
                "{n} people would be glad to hear from you.",
                insights.due,
            ).format(n=insights.due)
        )
    return found
