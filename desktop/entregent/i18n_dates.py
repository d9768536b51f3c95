"""Dates and relative times in the user's language, without Qt.

``relative_time``/``relative_day`` ("3 days ago", "il y a 3 jours") and
``format_day`` ("5 Nov 2026", "5 nov. 2026") let the CLI and the advisor write
dates the way the GUI does; the words come from the gettext catalogue. In
widgets, prefer QLocale (``entregent.ui.locale_format``).
"""

from __future__ import annotations

import datetime as dt

from entregent.i18n import _, ngettext, pgettext

__all__ = ["relative_time", "relative_day", "format_day"]


def _month_abbreviation(month: int) -> str:
    # Each spelled out so that the catalogue holds them (context: ambiguous "May").
    names = (
        pgettext("month", "Jan"),
        pgettext("month", "Feb"),
        pgettext("month", "Mar"),
        pgettext("month", "Apr"),
        pgettext("month", "May"),
        pgettext("month", "Jun"),
        pgettext("month", "Jul"),
        pgettext("month", "Aug"),
        pgettext("month", "Sep"),
        pgettext("month", "Oct"),
        pgettext("month", "Nov"),
        pgettext("month", "Dec"),
    )
    return names[month - 1]


def format_day(day: dt.date) -> str:
    """A date written out, never ambiguous: "5 Nov 2026", "5 nov. 2026"."""
    return _("{day} {month} {year}").format(
        day=day.day, month=_month_abbreviation(day.month), year=day.year
    )


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
        n = int(seconds // 60)
        if future:
            return ngettext("in {n} minute", "in {n} minutes", n).format(n=n)
        return ngettext("{n} minute ago", "{n} minutes ago", n).format(n=n)
    if seconds < 86400:
        n = int(seconds // 3600)
        if future:
            return ngettext("in {n} hour", "in {n} hours", n).format(n=n)
        return ngettext("{n} hour ago", "{n} hours ago", n).format(n=n)
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
    return _PHRASES[(unit, future)](n).format(n=n)


_PHRASES = {
    ("day", False): lambda n: ngettext("{n} day ago", "{n} days ago", n),
    ("day", True): lambda n: ngettext("in {n} day", "in {n} days", n),
    ("week", False): lambda n: ngettext("{n} week ago", "{n} weeks ago", n),
    ("week", True): lambda n: ngettext("in {n} week", "in {n} weeks", n),
    ("month", False): lambda n: ngettext("{n} month ago", "{n} months ago", n),
    ("month", True): lambda n: ngettext("in {n} month", "in {n} months", n),
    ("year", False): lambda n: ngettext("{n} year ago", "{n} years ago", n),
    ("year", True): lambda n: ngettext("in {n} year", "in {n} years", n),
}
