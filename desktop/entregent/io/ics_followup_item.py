"""Reading back one follow-up item that another client edited.

A follow-up goes to a CalDAV calendar as one event or to-do (``ics_writer``).
When the user moves it or rewrites its description on the phone, the server's
copy is what ``read_followup_item`` reads: the day (and the time, in the
user's zone) it is due and its description. An event is due at its DTSTART,
a to-do at its DUE (else its DTSTART). Plain data out; no icalendar object
leaves this module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar

from entregent.io.ics_tzid import known_zone, user_zone

__all__ = ["FollowUpItem", "read_followup_item"]


@dataclass(frozen=True)
class FollowUpItem:
    due_on: dt.date
    due_time: dt.time | None  # the user's wall-clock time
    description: str
    modified: dt.datetime | None = None  # LAST-MODIFIED (else DTSTAMP), UTC, naive


def _component(text: str, uid: str) -> icalendar.Component | None:
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError:
        return None
    for component in calendar.walk():
        if component.name in ("VEVENT", "VTODO") and str(component.get("UID", "")) == uid:
            if "RECURRENCE-ID" not in component:
                return component
    return None


def _due(component: icalendar.Component) -> dt.date | dt.datetime | None:
    names = ("DUE", "DTSTART") if component.name == "VTODO" else ("DTSTART",)
    for name in names:
        prop = component.get(name)
        if prop is not None and hasattr(prop, "dt"):
            value: dt.date | dt.datetime = prop.dt
            return value
    return None


def _wall_clock(value: dt.datetime) -> tuple[dt.date, dt.time]:
    """A time as the user reads it: in the user's zone (floating times as written)."""
    if value.tzinfo is not None:
        value = value.astimezone(known_zone(user_zone()) or dt.UTC)
    return value.date(), value.time().replace(tzinfo=None, microsecond=0)


def read_followup_item(text: str, uid: str) -> FollowUpItem | None:
    """The due day, time and description of the follow-up ``uid`` in ``text``;
    None when the text holds no such event or to-do, or it has no date."""
    component = _component(text, uid)
    if component is None:
        return None
    due = _due(component)
    if due is None:
        return None
    description = str(component.get("DESCRIPTION", "")).replace("\r\n", "\n")
    modified = _modified(component)
    if isinstance(due, dt.datetime):
        day, time = _wall_clock(due)
        return FollowUpItem(day, time, description, modified)
    return FollowUpItem(due, None, description, modified)


def _modified(component: icalendar.Component) -> dt.datetime | None:
    for name in ("LAST-MODIFIED", "DTSTAMP"):
        value = getattr(component.get(name), "dt", None)
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(dt.UTC).replace(tzinfo=None)
            return value
    return None
