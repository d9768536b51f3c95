"""One occurrence of a calendar event as plain data: its key, its people.

``people_of`` reads ORGANIZER and ATTENDEE (e-mail lower-cased, CN as
written), leaving out who declined or does not take part; ``key_time`` is the
form an occurrence's original start takes in its key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["CalendarPerson", "EventOccurrence", "people_of", "key_time", "text_of", "as_list"]

_NOT_THERE = frozenset({"DECLINED"})


@dataclass(frozen=True)
class CalendarPerson:
    email: str  # lower-case, "" when the address is not an e-mail
    name: str  # CN as written, "" when absent
    organizer: bool = False


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


def key_time(value) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
            return value.strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    return str(value)


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # a property given twice: keep the first
        value = value[0] if value else ""
    return str(value).strip()


def as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _person(address, organizer: bool) -> CalendarPerson | None:
    params = getattr(address, "params", {}) or {}
    if str(params.get("PARTSTAT", "")).upper() in _NOT_THERE:
        return None
    if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
        return None
    value = str(address).strip()
    at = value.lower().rfind("mailto:")
    if at >= 0:  # also where a broken line put parameters before the address
        value = value[at + 7 :]
    value = value.strip()
    email = value.lower() if "@" in value and " " not in value else ""
    name = str(params.get("CN", "")).strip().strip('"').strip()
    if not email and not name:
        return None
    return CalendarPerson(email=email, name=name, organizer=organizer)


def people_of(occurrence, cache: dict | None = None) -> tuple[CalendarPerson, ...]:
    """The people of an occurrence. ``cache`` (a dict kept for one reading)
    spares reading them again for each occurrence of a series, which shares
    its ORGANIZER and ATTENDEE values with the others."""
    organizer, attendees = occurrence.get("ORGANIZER"), occurrence.get("ATTENDEE")
    if cache is None:
        return _people(organizer, attendees)
    key = (id(organizer), id(attendees))
    known = cache.get(key)
    if known is None or known[0] is not organizer or known[1] is not attendees:
        known = (organizer, attendees, _people(organizer, attendees))  # keeps ids valid
        cache[key] = known
    return known[2]


def _people(organizer, attendees) -> tuple[CalendarPerson, ...]:
    people: list[CalendarPerson] = []
    seen: set[tuple[str, str]] = set()
    for address, is_organizer in [(a, True) for a in as_list(organizer)] + [
        (a, False) for a in as_list(attendees)
    ]:
        person = _person(address, is_organizer)
        if person is None:
            continue
        ident = (person.email, "" if person.email else person.name.casefold())
        if ident in seen:
            continue
        seen.add(ident)
        people.append(person)
    return tuple(people)
