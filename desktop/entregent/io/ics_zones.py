"""Calendar times to what the database stores: a naive UTC time and the name
of the zone the time was written in.

- a time with a zone (TZID with its VTIMEZONE, an Olson name, a Windows name
  such as "W. Europe Standard Time", or UTC ``Z``) is converted to UTC and the
  zone keeps its Olson name ("Europe/Berlin"); a zone known only from the
  file's own VTIMEZONE ("My Office Time") is converted with that definition and
  remembered as "" (local), since the app could not use its name again;
- a floating time (no zone) is the user's local wall-clock time: converted
  from the computer's zone, remembered as ``"floating"``;
- an all-day date is stored at noon UTC with no zone, as the app stores every
  whole day (every zone on Earth reads the same date at that moment), with
  ``all_day`` telling the views to show the date alone.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar.timezone import tzid_from_dt
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

__all__ = ["FLOATING", "UTC_NAME", "StoredTime", "to_stored", "zone_name"]

FLOATING = "floating"
UTC_NAME = "UTC"
_UTC_NAMES = frozenset({"UTC", "Z", "Etc/UTC", "GMT", "Etc/GMT", "Universal", "Zulu"})


class StoredTime(tuple[dt.datetime, str, bool]):
    """``(utc_naive, zone, all_day)``."""

    __slots__ = ()

    def __new__(cls, utc: dt.datetime, zone: str, all_day: bool) -> Self:
        return super().__new__(cls, (utc, zone, all_day))

    @property
    def utc(self) -> dt.datetime:
        return self[0]

    @property
    def zone(self) -> str:
        return self[1]

    @property
    def all_day(self) -> bool:
        return self[2]


_NAMES: dict[dt.tzinfo, str] = {}  # tzinfo -> its name: a calendar has few zones and many times


def zone_name(value: dt.datetime) -> str:
    """The name to remember for the zone of ``value``."""
    if value.tzinfo is None:
        return FLOATING
    try:
        return _NAMES[value.tzinfo]
    except (KeyError, TypeError):  # TypeError: a zone type that cannot be a key
        pass
    tzid = tzid_from_dt(value)
    if tzid is None:  # depends on the time itself: not kept
        offset = value.utcoffset()
        return UTC_NAME if offset == dt.timedelta(0) else ""
    name = _name_of(tzid)
    try:
        if len(_NAMES) < 1024:
            _NAMES[value.tzinfo] = name
    except TypeError:
        pass
    return name


def _name_of(tzid: str) -> str:
    tzid = tzid.replace("\\,", ",").replace("\\;", ";").strip().strip("/")
    if tzid in _UTC_NAMES:
        return UTC_NAME
    tzid = WINDOWS_TO_OLSON.get(tzid, tzid)
    # Only names the app can use again (an edit of the time reads the zone back);
    # a zone the file alone defines is remembered as local.
    return tzid if _known_zone(tzid) else ""


@cache
def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _local_to_utc(value: dt.datetime) -> dt.datetime:
    # astimezone() on a naive time reads it in the computer's own zone.
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def to_stored(value: dt.date | dt.datetime) -> StoredTime:
    """Convert a DTSTART (date, floating or zoned date-time). Raises
    ``ValueError``/``OverflowError`` for a time that cannot be placed."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return StoredTime(_local_to_utc(value), FLOATING, False)
        utc = value.astimezone(dt.UTC).replace(tzinfo=None)
        return StoredTime(utc, zone_name(value), False)
    if isinstance(value, dt.date):
        return StoredTime(dt.datetime(value.year, value.month, value.day, 12, 0), "", True)
    raise ValueError(f"not a date or time: {value!r}")
