"""Dates and relative times in the user's language, without Qt.

``relative_time``/``relative_day`` ("3 days ago", "il y a 3 jours") and
``format_day`` ("5 Nov 2026", "5 nov. 2026") let the CLI and the advisor write
dates the way the GUI does. Month names, units and plurals come from Babel (the
CLDR data); only "just now", "today", "yesterday" and "tomorrow" are ours. In
widgets, prefer QLocale (``entregent.ui.locale_format``).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time, format_timedelta

from entregent.i18n import _, current_language

__all__ = [
    "relative_time",
    "relative_day",
    "format_day",
    "format_moment",
    "format_stored_moment",
    "format_stored_day",
    "babel_locale",
]


def babel_locale() -> str:
    """The Babel locale for the UI language: French as in France, English written
    day-month-year ("5 Nov 2026"), which no reader takes for another date."""
    return {"fr": "fr_FR"}.get(current_language(), "en_GB")


def format_day(day: dt.date) -> str:
    """A date written out, never ambiguous: "5 Nov 2026", "5 nov. 2026"."""
    return format_date(day, format="medium", locale=babel_locale())


def format_moment(moment: dt.datetime) -> str:
    """A day and its time, as the reader writes them: "5 Nov 2026 18:30", "5 nov. 2026 18:30".

    The moment is shown as given (no time-zone conversion): callers pass local time.
    """
    clock = format_time(moment.time().replace(tzinfo=None), format="short", locale=babel_locale())
    return f"{format_day(moment.date())} {clock}"


def format_stored_moment(value: object) -> str:
    """A moment as stored (naive UTC, ``datetime`` or its text) in the reader's local
    time and words; "" for none, the text itself when it is not a moment."""
    if value is None or value == "":
        return ""
    try:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return format_moment(moment.astimezone().replace(tzinfo=None, microsecond=0))


def format_stored_day(value: object) -> str:
    """A day as stored ("2026-11-05", or the first ten characters of a moment) in
    the reader's words; other texts ("--04-02", a birthday without its year) as
    they are."""
    text = "" if value is None else str(value)
    try:
        return format_day(dt.date.fromisoformat(text[:10]))
    except ValueError:
        return text


def _span(n: int, unit: str, future: bool) -> str:
    """``n`` whole ``unit``s ago or ahead, in Babel's words for the UI language."""
    # Exactly n units with an unreachable threshold: Babel keeps the unit given.
    return format_timedelta(
        dt.timedelta(seconds=n * _UNIT_SECONDS[unit]) * (1 if future else -1),
        granularity=unit,
        threshold=10**9,
        add_direction=True,
        locale=babel_locale(),
    )


# The lengths Babel divides by (a month is 30 days, a year 365).
_UNIT_SECONDS = {
    "year": 365 * 86400,
    "month": 30 * 86400,
    "week": 7 * 86400,
    "day": 86400,
    "hour": 3600,
    "minute": 60,
}


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _naive_utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def relative_time(moment: dt.datetime, now: dt.datetime | None = None) -> str:
    """How long ago (or how soon) ``moment`` is, as a person would say it.

    Naive datetimes are UTC, as stored. Under a minute is "just now"; from a
    day on, whole calendar days count (see ``relative_day``).
    """
    moment = _naive_utc(moment)
    now = _utcnow() if now is None else _naive_utc(now)
    seconds = (now - moment).total_seconds()
    future = seconds < 0
    seconds = abs(seconds)
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        return _span(int(seconds // 60), "minute", future)
    if seconds < 86400:
        return _span(int(seconds // 3600), "hour", future)
    return relative_day(moment.date(), now.date())


def relative_day(day: dt.date, today: dt.date | None = None) -> str:
    """How far ``day`` is from ``today``: "today", "yesterday", "in 3 weeks"…"""
    today = dt.date.today() if today is None else today
    days = (today - day).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    if days == -1:
        return _("tomorrow")
    future = days < 0
    days = abs(days)
    if days < 14:
        n, unit = days, "day"
    elif days < 60:
        n, unit = days // 7, "week"
    elif days < 365:
        n, unit = days // 30, "month"
    else:
        n, unit = days // 365, "year"
    return _span(n, unit, future)
