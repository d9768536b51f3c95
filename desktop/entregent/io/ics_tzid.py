"""Times whose TZID names no zone the reader knows.

icalendar gives a time with a ``TZID`` it cannot place (``TZID=``,
``TZID=Custom 3``, a vendor name with no ``VTIMEZONE`` in the file) as a naive
time, as if it were floating. Those times are placed by this rule, in order:

1. the file's ``VTIMEZONE`` with that id (icalendar already applies it; such
   a time arrives here with its zone and is only counted);
2. the calendar's ``X-WR-TIMEZONE`` (Google, Apple), when it is a known zone;
3. the user's zone (``user_zone``: ``TZ``, else the system's zone, else UTC).

``place_unknown_zones`` applies the rule to one event and says which rule it
used, so that the report can say for how many events.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

if TYPE_CHECKING:
    from icalendar.cal.component import Component

__all__ = ["FILE_ZONE", "CALENDAR_ZONE", "USER_ZONE", "user_zone", "place_unknown_zones"]

FILE_ZONE, CALENDAR_ZONE, USER_ZONE = "file", "calendar", "user"
_TIMES = ("DTSTART", "DTEND", "RECURRENCE-ID", "DUE")
_LISTS = ("EXDATE", "RDATE")


def known_zone(name: str) -> ZoneInfo | None:
    name = (name or "").strip()
    name = WINDOWS_TO_OLSON.get(name, name)
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@cache
def user_zone() -> str:
    """The Olson name of the user's zone: ``TZ``, else the system's, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in candidates:
        if known_zone(name) is not None and "/" in name or name == "UTC":
            return name
    return "UTC"


def place_unknown_zones(
    component: Component, calendar_zone: str, file_zones: set[str]
) -> str | None:
    """Give the times of ``component`` whose TZID is unknown a zone. Returns
    the rule used (FILE_ZONE, CALENDAR_ZONE, USER_ZONE) or None when every
    TZID was an ordinary zone (or there was none)."""
    used: str | None = None
    fallback = known_zone(calendar_zone)
    rule = CALENDAR_ZONE if fallback is not None else USER_ZONE
    for name in (*_TIMES, *_LISTS):
        values = component.get(name)
        if values is None:
            continue
        for prop in values if isinstance(values, list) else [values]:
            tzid = str(getattr(prop, "params", {}).get("TZID", "\0"))
            if tzid == "\0" or known_zone(tzid) is not None:
                continue
            if tzid in file_zones and tzid:
                used = used or FILE_ZONE
                continue
            zone = fallback if fallback is not None else ZoneInfo(user_zone())
            if _give_zone(prop, zone):
                used = rule
    return used


def _give_zone(prop: Any, zone: ZoneInfo) -> bool:
    """Put ``zone`` on the naive times of a property; True if any changed."""
    # prop: whatever icalendar made of a time property (vDDDTypes, vDDDLists …),
    # told apart by the attributes it has
    changed = False
    if hasattr(prop, "dts"):  # EXDATE/RDATE: a list of times
        for item in prop.dts:
            if isinstance(item.dt, dt.datetime) and item.dt.tzinfo is None:
                item.dt = item.dt.replace(tzinfo=zone)
                changed = True
    elif isinstance(getattr(prop, "dt", None), dt.datetime) and prop.dt.tzinfo is None:
        prop.dt = prop.dt.replace(tzinfo=zone)
        changed = True
    if changed:
        prop.params["TZID"] = zone.key
    return changed
