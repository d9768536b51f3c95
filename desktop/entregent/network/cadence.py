"""Keeping in touch: cadences, how overdue someone is, birthdays ahead.

A person's cadence is their own value if set, else the default of their
highest-priority context that has one, else none (no reminder).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from entregent.i18n import _, ngettext
from entregent.i18n_dates import format_day


@dataclass(frozen=True)
class ContextCadence:
    priority: int
    cadence_days: int | None


def effective_cadence(own: int | None, contexts: Iterable[ContextCadence]) -> int | None:
    if own:
        return own
    ranked = sorted((c for c in contexts if c.cadence_days), key=lambda c: -c.priority)
    return ranked[0].cadence_days if ranked else None


def overdue_ratio(last: dt.date | None, cadence_days: int | None, today: dt.date) -> float | None:
    """How many cadences have passed since ``last`` (>1 means overdue), or None."""
    if not cadence_days or last is None:
        return None
    return (today - last).days / cadence_days


def is_stale(
    last: dt.date | None, cadence_days: int | None, today: dt.date, stale_factor: float
) -> bool:
    """Nothing for more than ``stale_factor`` cadences (P3/P9)."""
    ratio = overdue_ratio(last, cadence_days, today)
    return ratio is not None and ratio > stale_factor


def parse_birthday(text: str | None) -> tuple[int | None, int, int] | None:
    """``"1980-04-12"`` or ``"--04-12"`` to ``(year or None, month, day)``; None if unusable."""
    if not text:
        return None
    text = text.strip()
    try:
        if text.startswith("--"):
            month, day = int(text[2:4]), int(text[5:7])
            year = None
        else:
            year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
        dt.date(2000, month, day)  # 2000 is a leap year: 29 February is fine
    except (ValueError, IndexError):
        return None
    return year, month, day


def next_birthday(text: str | None, today: dt.date) -> dt.date | None:
    """The next date (today included) on which the birthday falls.

    Someone born on 29 February celebrates on 28 February in common years.
    """
    parsed = parse_birthday(text)
    if parsed is None:
        return None
    _, month, day = parsed
    for year in (today.year, today.year + 1):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            when = dt.date(year, 2, 28)
        if when >= today:
            return when
    return None  # pragma: no cover - the second year always matches


def birthday_keys(today: dt.date, days: int) -> dict[str, dt.date]:
    """``"MM-DD"`` for each day of the coming ``days`` (today included) -> that date.

    In a common year, 28 February also stands for 29 February.
    """
    keys: dict[str, dt.date] = {}
    for offset in range(days + 1):
        when = today + dt.timedelta(days=offset)
        keys[when.strftime("%m-%d")] = when
        if when.month == 2 and when.day == 28:
            try:
                dt.date(when.year, 2, 29)
            except ValueError:
                keys["02-29"] = when
    return keys


def age_on(text: str | None, when: dt.date) -> int | None:
    parsed = parse_birthday(text)
    if parsed is None or parsed[0] is None:
        return None
    return when.year - parsed[0]


# --- Why someone is due: one item per person and reason ------------------------------

OVERDUE, FOLLOW_UP, INFORMAL, OWED_HELP, BIRTHDAY = (
    "overdue",
    "follow_up",
    "informal",
    "owed_help",
    "birthday",
)
DUE_ORDER = {OVERDUE: 0, FOLLOW_UP: 1, INFORMAL: 2, OWED_HELP: 3, BIRTHDAY: 4}


@dataclass(frozen=True)
class DueItem:
    contact_id: int
    name: str
    kind: str  # overdue / follow_up / informal / owed_help / birthday
    reason: str  # one plain sentence in the user's language
    date: dt.date | None = None  # the last contact, the follow-up, the encounter, the help, …
    cadence_days: int | None = None
    ratio: float | None = None  # overdue only: cadences passed since the last contact
    follow_up_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "name": self.name,
            "kind": self.kind,
            "reason": self.reason,
            "date": self.date.isoformat() if self.date else None,
            "cadence_days": self.cadence_days,
            "ratio": round(self.ratio, 2) if self.ratio is not None else None,
            "follow_up_id": self.follow_up_id,
        }


def _ago(days: int) -> str:
    if days <= 0:
        return _("today")
    return ngettext("{n} day ago", "{n} days ago", days).format(n=days)


def overdue_reason(
    last: dt.date | None, since_added: dt.date, cadence_days: int, today: dt.date
) -> str:
    every = ngettext("every {n} day", "every {n} days", cadence_days).format(n=cadence_days)
    if last is None:
        return _(
            "Nothing logged since you added them, {ago}; you meant to keep in touch {every}."
        ).format(ago=_ago((today - since_added).days), every=every)
    return _("Last in touch {ago}; you meant to keep in touch {every}.").format(
        ago=_ago((today - last).days), every=every
    )


def follow_up_reason(due_on: dt.date, note: str, today: dt.date) -> str:
    if due_on >= today:
        text = _("Follow-up due today.")
    else:
        text = _("Follow-up due since {date}.").format(date=format_day(due_on))
    return f"{text} {note}".strip() if note else text


def informal_reason(kind_label: str, when: dt.date, today: dt.date) -> str:
    return _("Met once ({kind}) {ago}: a short message now keeps the thread.").format(
        kind=kind_label, ago=_ago((today - when).days)
    )


def owed_help_reason(when: dt.date, today: dt.date) -> str:
    return _("Helped you {ago} and you have not returned the favour yet.").format(
        ago=_ago((today - when).days)
    )


def birthday_reason(when: dt.date, age: int | None, today: dt.date) -> str:
    days = (when - today).days
    if days == 0:
        text = _("Birthday today!")
    else:
        text = ngettext(
            "Birthday tomorrow ({date}).", "Birthday in {n} days ({date}).", days
        ).format(n=days, date=format_day(when))
    if age is not None and age > 0:
        text += " " + _("Turning {n}.").format(n=age)
    return text
