"""Keeping the demo current: every stored date moved by (today − anchor).

The seeds are written as of an anchor date (journal.json ``anchor``). After
loading, ``shift_dates`` moves interactions, ask outcomes, follow-ups, how-we-met
dates, group and membership dates and birthdays by the same number of days, so
that "met at the gym five days ago" stays five days ago whenever the demo is
built. Interactions keep their wall-clock time in their own zone (a club evening
at 19:00 stays at 19:00 across daylight-saving changes). Calendar occurrences
that the shift pushes past now (they were after the anchor) are removed: the
future is not an interaction.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from entregent.model.database import database
from entregent.model.tables import Contact, utcnow

__all__ = ["shift_dates", "shift_birthday", "shift_moment"]

_SHIFTS = (
    "UPDATE ask SET outcome_at = datetime(outcome_at, :days) WHERE outcome_at IS NOT NULL",
    "UPDATE follow_up SET due_on = date(due_on, :days),"
    " done_at = CASE WHEN done_at IS NULL THEN NULL ELSE datetime(done_at, :days) END",
    "UPDATE contact SET met_on = date(met_on, :days) WHERE met_on IS NOT NULL",
    "UPDATE organization SET joined_on = date(joined_on, :days) WHERE joined_on IS NOT NULL",
    "UPDATE organization SET left_on = date(left_on, :days) WHERE left_on IS NOT NULL",
    "UPDATE membership SET since = date(since, :days) WHERE since IS NOT NULL",
)


def _occurrence(month: int, day: int, year: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 2, 28)


def shift_birthday(birthday: str, days: int, anchor: dt.date) -> str:
    """A birthday ("YYYY-MM-DD", or "--MM-DD" when the year is unknown) moved so that
    its next occurrence after ``anchor`` falls ``days`` later: "in six days" at the
    anchor stays "in six days" (leap years do not slip it by one)."""
    if days == 0:
        return birthday
    year = None if birthday.startswith("--") else int(birthday[:4])
    month, day = int(birthday[-5:-3]), int(birthday[-2:])
    occurrence = _occurrence(month, day, anchor.year)
    if occurrence < anchor:
        occurrence = _occurrence(month, day, anchor.year + 1)
    moved = occurrence + dt.timedelta(days=days)
    if year is None:
        return f"--{moved:%m-%d}"
    return f"{year + moved.year - occurrence.year:04d}-{moved:%m-%d}"


def _zone(name: str, default: ZoneInfo) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else default
    except (ZoneInfoNotFoundError, ValueError):
        return default


def shift_moment(utc: dt.datetime, days: int, zone: ZoneInfo) -> dt.datetime:
    """A UTC moment (naive) moved by ``days`` days of wall-clock time in ``zone``."""
    wall = utc.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)
    moved = (wall + dt.timedelta(days=days)).replace(tzinfo=zone)
    return moved.astimezone(dt.UTC).replace(tzinfo=None)


def _shift_interactions(days: int, default_zone: ZoneInfo) -> None:
    rows = database.execute_sql("SELECT id, occurred_at, tz, all_day FROM interaction")
    moved = []
    for interaction_id, occurred_at, tz, all_day in rows.fetchall():
        when = dt.datetime.fromisoformat(str(occurred_at))
        if all_day:  # a whole day, kept at noon UTC
            when += dt.timedelta(days=days)
        else:
            when = shift_moment(when, days, _zone(tz, default_zone))
        moved.append((when.isoformat(" "), interaction_id))
    database.cursor().executemany("UPDATE interaction SET occurred_at = ? WHERE id = ?", moved)


def shift_dates(
    days: int, anchor: dt.date, *, now: dt.datetime | None = None, zone: str = "Europe/Paris"
) -> None:
    """Move every stored date of the demo by ``days`` days (one transaction); ``anchor``
    is the date the seeds were written as of, ``zone`` where the demo user lives (for
    interactions stored without a zone)."""
    if days == 0:
        return
    now = now or utcnow()
    modifier = f"{days:+d} days"
    with database.atomic():
        _shift_interactions(days, ZoneInfo(zone))
        for statement in _SHIFTS:
            database.execute_sql(statement, {"days": modifier})
        database.execute_sql(
            "DELETE FROM interaction WHERE occurred_at > ?", (now.strftime("%Y-%m-%d %H:%M:%S"),)
        )
        # Read in full before writing: walking the birthday index while moving the
        # birthdays it orders would meet some of them twice.
        for contact_id, birthday in list(
            Contact.select(Contact.id, Contact.birthday)
            .where(Contact.birthday.is_null(False))
            .tuples()
        ):
            try:
                moved = shift_birthday(birthday, days, anchor)
            except ValueError:
                continue  # a birthday the card wrote in a form we keep as it is
            Contact.update(birthday=moved).where(Contact.id == contact_id).execute()
