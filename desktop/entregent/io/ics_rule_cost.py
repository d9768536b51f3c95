"""How many times a recurrence rule fires, at most: the guard against rules
that would take the import hostage ("every second for two years").

Expanding a rule walks every occurrence from its DTSTART, so the cost is the
number of occurrences between the start and the end of the imported period.
``estimated_occurrences`` gives an upper bound of that number from FREQ,
INTERVAL, COUNT, UNTIL and the BYxxx parts that multiply occurrences; the
reader leaves out a series whose bound is past ``MAX_OCCURRENCES``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

__all__ = ["MAX_OCCURRENCES", "estimated_occurrences"]

MAX_OCCURRENCES = 100_000  # per series, from its start to the end of the period

_FREQS = ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_PER_YEAR = {
    "SECONDLY": 366 * 86400,
    "MINUTELY": 366 * 1440,
    "HOURLY": 366 * 24,
    "DAILY": 366,
    "WEEKLY": 53,
    "MONTHLY": 12,
    "YEARLY": 1,
}


class _Rule(Protocol):
    """A recurrence rule's parts by name (an icalendar vRecur: untyped values)."""

    def get(self, key: str, /) -> Any: ...


# BYxxx parts that add occurrences inside one period of a coarser FREQ.
_FINER = (("BYSECOND", "SECONDLY"), ("BYMINUTE", "MINUTELY"), ("BYHOUR", "HOURLY"))


def _size(rule: _Rule, name: str) -> int:
    value = rule.get(name)
    if value is None:
        return 0
    return len(value) if isinstance(value, list | tuple) else 1


def _first(rule: _Rule, name: str, default: Any = None) -> Any:
    value = rule.get(name)
    if isinstance(value, list | tuple):
        return value[0] if value else default
    return default if value is None else value


def _naive(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return None


def estimated_occurrences(rule: object, start: object, stop: dt.datetime) -> float:
    """An upper bound of the occurrences of ``rule`` (an icalendar vRecur) from
    ``start`` (its DTSTART) until ``stop`` (naive UTC) or its own UNTIL/COUNT."""
    if not hasattr(rule, "get"):  # e.g. RRULE;VALUE=URI: no rule; the expansion says so
        return 0.0
    freq = str(_first(rule, "FREQ", "")).upper()
    if freq not in _PER_YEAR:
        return 0.0
    try:
        interval = max(int(_first(rule, "INTERVAL", 1)), 1)
    except (TypeError, ValueError):
        interval = 1
    rate = _PER_YEAR[freq] / interval
    level = _FREQS.index(freq)
    for part, finest in _FINER:
        if level > _FREQS.index(finest):
            rate *= max(_size(rule, part), 1)
    days = _size(rule, "BYDAY")
    if days:
        rate *= days * {"WEEKLY": 1, "MONTHLY": 5, "YEARLY": 53}.get(freq, 1)
    if freq in ("MONTHLY", "YEARLY"):
        rate *= max(_size(rule, "BYMONTHDAY"), 1) * (
            12 if freq == "YEARLY" and _size(rule, "BYMONTHDAY") else 1
        )
    if freq == "YEARLY":
        rate *= max(_size(rule, "BYYEARDAY"), 1) * max(_size(rule, "BYWEEKNO") * 7, 1)
    begin = _naive(start)
    end = stop
    until = _naive(_first(rule, "UNTIL"))
    if until is not None:
        end = min(end, until)
    if begin is None or end <= begin:
        years = 0.0
    else:
        years = (end - begin).total_seconds() / (365.25 * 86400)
    estimate = rate * years + 1
    count = _first(rule, "COUNT")
    if count is not None:
        try:
            estimate = min(estimate, int(count))
        except (TypeError, ValueError):
            pass
    return estimate
