"""One occurrence of a calendar event as plain data: its key, its people.

``attendance_of`` reads ORGANIZER and ATTENDEE: the people (e-mail
lower-cased, CN cleaned by ``ics_people.clean_name``), leaving out who declined
or does not take part, and apart from them the rooms and resources
(``ics_people.classify``), which are never people; ``key_time`` is the form an
occurrence's original start takes in its key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from entregent.io.ics_people import GROUP, PERSON, ROOM, classify, clean_name, email_of

if TYPE_CHECKING:
    from icalendar.cal.component import Component

__all__ = [
    "CalendarPerson",
    "Attendance",
    "EventOccurrence",
    "attendance_of",
    "people_of",
    "key_time",
    "start_of",
    "text_of",
    "as_list",
]

_NOT_THERE = frozenset({"DECLINED"})


@dataclass(frozen=True)
class CalendarPerson:
    email: str  # lower-case, "" when the address is not an e-mail
    name: str  # CN cleaned (quotes, Lotus form, "Last, First"), "" when absent
    organizer: bool = False
    given: str = ""
    family: str = ""
    org: str = ""  # the organisation a Lotus Notes name carried


@dataclass(frozen=True)
class Attendance:
    people: tuple[CalendarPerson, ...] = ()
    rooms: tuple[str, ...] = ()  # names (or addresses) of the rooms booked
    resources: tuple[str, ...] = ()  # equipment and other non-people
    groups: int = 0  # groups and calendars listed (never people)


@dataclass
class EventOccurrence:
    key: str  # UID, plus "#" and the original start for an occurrence of a series
    uid: str
    start: dt.datetime  # UTC, naive
    tz: str  # an Olson name, "UTC", "floating", or "" (a date; a zone only the file knows)
    all_day: bool
    summary: str
    location: str
    description: str
    people: tuple[CalendarPerson, ...]
    line: int  # the BEGIN:VEVENT line it comes from
    rooms: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    groups: int = 0


# (id(ORGANIZER value), id(ATTENDEE value)) -> (the two values, who they are)
AttendanceCache = dict[tuple[int, int], tuple[object, object, Attendance]]
# (PERSON, the person), (ROOM or RESOURCE, its name) or (GROUP, None)
_Entry = tuple[str, CalendarPerson | str | None]


def start_of(component: Component) -> dt.date | dt.datetime:
    """The date or time of the component's DTSTART. Raises ``KeyError`` without
    one, and whatever a property icalendar could not read raises on access."""
    # icalendar types a property as the union of every property type; a DTSTART
    # has ``dt`` (or raises, as the callers expect, when it is broken).
    prop: Any = component["DTSTART"]
    start: dt.date | dt.datetime = prop.dt
    return start


def key_time(value: object) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
            return value.strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    return str(value)


def text_of(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # a property given twice: keep the first
        value = value[0] if value else ""
    return str(value).strip()


def as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _entry(address: object, organizer: bool) -> _Entry | None:
    """``(kind, value)``: ("person", CalendarPerson), ("room"|"resource", name),
    ("group", None), or None for nobody (declined, no address nor name)."""
    params = getattr(address, "params", {}) or {}
    raw = str(address)
    email = email_of(raw)
    kind = classify(email, params)
    cn = str(params.get("CN", "")).strip()
    if kind == GROUP:
        return (GROUP, None)
    if kind != PERSON:
        label = clean_name(cn).name or cn.strip('"').strip() or email
        return (kind, label) if label else None
    if str(params.get("PARTSTAT", "")).upper() in _NOT_THERE:
        return None
    if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
        return None
    if not email:  # mailto:invalid:nomail, a name with spaces, no @: nobody to reach
        return None
    name = clean_name(cn)
    return (
        PERSON,
        CalendarPerson(
            email=email,
            name=name.name,
            organizer=organizer,
            given=name.given,
            family=name.family,
            org=name.org,
        ),
    )


def people_of(
    occurrence: Component, cache: AttendanceCache | None = None
) -> tuple[CalendarPerson, ...]:
    """The people of an occurrence (see ``attendance_of``)."""
    return attendance_of(occurrence, cache).people


def attendance_of(occurrence: Component, cache: AttendanceCache | None = None) -> Attendance:
    """The people, rooms and resources of an occurrence. ``cache`` (a dict kept
    for one reading) spares reading them again for each occurrence of a
    series, which shares its ORGANIZER and ATTENDEE values with the others."""
    organizer, attendees = occurrence.get("ORGANIZER"), occurrence.get("ATTENDEE")
    if cache is None:
        return _attendance(organizer, attendees)
    key = (id(organizer), id(attendees))
    known = cache.get(key)
    if known is None or known[0] is not organizer or known[1] is not attendees:
        known = (organizer, attendees, _attendance(organizer, attendees))  # keeps ids valid
        cache[key] = known
    return known[2]


def _attendance(organizer: object, attendees: object) -> Attendance:
    people: list[CalendarPerson] = []
    rooms: list[str] = []
    resources: list[str] = []
    groups = 0
    seen: set[str] = set()
    for address, is_organizer in [(a, True) for a in as_list(organizer)] + [
        (a, False) for a in as_list(attendees)
    ]:
        entry = _entry(address, is_organizer)
        if entry is None:
            continue
        kind, value = entry
        if kind == GROUP:
            groups += 1
        elif kind == PERSON:
            assert isinstance(value, CalendarPerson)  # see _Entry
            if value.email not in seen:
                seen.add(value.email)
                people.append(value)
        else:
            assert isinstance(value, str)  # see _Entry
            target = rooms if kind == ROOM else resources
            if value not in target:
                target.append(value)
    return Attendance(tuple(people), tuple(rooms), tuple(resources), groups)
