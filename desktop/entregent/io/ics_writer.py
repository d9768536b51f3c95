"""Writing follow-ups as an iCalendar file that calendar apps accept.

``calendar_bytes`` turns ``FollowUpEntry`` values (plain data) into a
calendar: each follow-up is either an event on its due day (all-day, or timed
when it has a time) with a reminder, or a to-do with DTSTART, DUE and STATUS.
A time is the user's wall-clock time in the user's zone
(``ics_tzid.user_zone``): written ``TZID=`` that zone with its ``VTIMEZONE``,
or in UTC (``Z``) when the user's zone is UTC; never floating. A day stays a
date. Every component keeps the follow-up's UID and its SEQUENCE, so an app
that imports the file again, or subscribes to it, updates its copy instead of
adding another. icalendar escapes commas, semicolons, backslashes and line
breaks; text is also cleaned here of other control characters, so nothing a
user typed can end a property or start a component.

``write_atomically`` replaces a file in one step (temporary file, then rename):
a subscribed app never reads half a calendar.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import icalendar
from icalendar.prop import vDDDTypes, vInt, vText

from entregent.io.ics_reader import FOLLOW_UP_MARK
from entregent.io.ics_tzid import known_zone, user_zone

__all__ = ["PRODID", "FollowUpEntry", "calendar_bytes", "write_atomically", "clean_text"]

PRODID = "-//Entregent//Entregent follow-ups//EN"
OPEN, DONE, DELETED = "open", "done", "deleted"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ALARM_BEFORE_TIMED = dt.timedelta(minutes=-15)
_ALARM_ON_DAY = dt.timedelta(hours=9)  # 9:00 on the due day, for all-day follow-ups
_TIMED_LENGTH = dt.timedelta(minutes=30)
_MARK, _TRANSPARENT, _DISPLAY = vText("1"), vText("TRANSPARENT"), vText("DISPLAY")
_CANCELLED, _CONFIRMED = vText("CANCELLED"), vText("CONFIRMED")


@dataclass
class FollowUpEntry:
    uid: str
    sequence: int
    due_on: dt.date
    due_time: dt.time | None  # the user's wall-clock time, written in the user's zone
    summary: str
    description: str
    status: str  # OPEN, DONE or DELETED
    cancelled: bool  # events: written STATUS:CANCELLED (done or deleted, sent before)
    created: dt.datetime  # UTC, naive
    modified: dt.datetime  # UTC, naive: DTSTAMP and LAST-MODIFIED
    done_at: dt.datetime | None = None  # UTC, naive


def clean_text(text: str) -> str:
    """User text made safe for one property value: line breaks normalized to
    ``\\n`` (icalendar escapes them), other control characters removed."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def _utc(value: dt.datetime) -> vDDDTypes:
    return vDDDTypes(value.replace(tzinfo=dt.UTC, microsecond=0))


# Properties are set with icalendar's own value types rather than through
# ``add`` (which works out the type of each value): the same text comes out,
# in less time, and an export of thousands of follow-ups is a keystroke's wait.
def _common(component: icalendar.Component, entry: FollowUpEntry) -> vText:
    summary = vText(clean_text(entry.summary))
    component["UID"] = vText(entry.uid)
    component["DTSTAMP"] = _utc(entry.modified)
    component["CREATED"] = _utc(entry.created)
    component["LAST-MODIFIED"] = _utc(entry.modified)
    component["SEQUENCE"] = vInt(entry.sequence)
    component["SUMMARY"] = summary
    description = clean_text(entry.description)
    if description:
        component["DESCRIPTION"] = vText(description)
    component[FOLLOW_UP_MARK] = _MARK
    return summary


def _zone() -> dt.tzinfo:
    zone = known_zone(user_zone())
    return dt.UTC if zone is None or zone.key in ("UTC", "Etc/UTC") else zone


def _when(entry: FollowUpEntry, zone: dt.tzinfo) -> dt.datetime:
    assert entry.due_time is not None  # only asked for a follow-up with a time
    start = dt.datetime.combine(entry.due_on, entry.due_time.replace(tzinfo=None))
    return start.replace(tzinfo=zone)


def _event(entry: FollowUpEntry, zone: dt.tzinfo = dt.UTC) -> icalendar.Event:
    event = icalendar.Event()
    summary = _common(event, entry)
    if entry.due_time is None:
        event["DTSTART"] = vDDDTypes(entry.due_on)
        event["DTEND"] = vDDDTypes(entry.due_on + dt.timedelta(days=1))
    else:
        start = _when(entry, zone)
        event["DTSTART"] = vDDDTypes(start)
        event["DTEND"] = vDDDTypes(start + _TIMED_LENGTH)
    event["TRANSP"] = _TRANSPARENT
    event["STATUS"] = _CANCELLED if entry.cancelled else _CONFIRMED
    if entry.status == OPEN and not entry.cancelled:
        alarm = icalendar.Alarm()
        alarm["ACTION"] = _DISPLAY
        alarm["DESCRIPTION"] = summary
        alarm["TRIGGER"] = vDDDTypes(
            _ALARM_ON_DAY if entry.due_time is None else _ALARM_BEFORE_TIMED
        )
        event.add_component(alarm)
    return event


def _todo(entry: FollowUpEntry, zone: dt.tzinfo = dt.UTC) -> icalendar.Todo:
    todo = icalendar.Todo()
    _common(todo, entry)
    # DTSTART with DUE: some apps (Evolution, Apple Reminders) show a to-do on
    # its start; it starts on the day (the time) it is due.
    due = entry.due_on if entry.due_time is None else _when(entry, zone)
    todo["DTSTART"] = vDDDTypes(due)
    todo["DUE"] = vDDDTypes(due)
    if entry.status == OPEN:
        todo["STATUS"] = vText("NEEDS-ACTION")
    else:
        todo["STATUS"] = vText("COMPLETED")
        todo["PERCENT-COMPLETE"] = vInt(100)
        todo["COMPLETED"] = _utc(entry.done_at or entry.modified)
    return todo


def calendar_bytes(entries: list[FollowUpEntry], *, as_: str, name: str) -> bytes:
    """The calendar holding ``entries`` as events (``as_="event"``) or to-dos."""
    if as_ not in ("event", "todo"):
        raise ValueError(f"as_ takes event or todo, not {as_!r}")
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("X-WR-CALNAME", clean_text(name))
    build = _event if as_ == "event" else _todo
    zone = _zone()
    for entry in entries:
        calendar.add_component(build(entry, zone))
    if zone is not dt.UTC and any(entry.due_time is not None for entry in entries):
        calendar.add_missing_timezones()  # the VTIMEZONE of the user's zone
    data: bytes = calendar.to_ical()
    return data


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder
    and a rename: readers see the old file or the new one, never a mix."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:  # keep the permissions of the file it replaces; mkstemp's are 0600
            mode = target.stat().st_mode & 0o777
        except OSError:
            mode = 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
