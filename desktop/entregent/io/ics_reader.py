"""Reading an iCalendar file into the occurrences of its events.

``read_calendar`` turns the text of a calendar into ``EventOccurrence``
values (plain data: no icalendar object leaves this module):

1. the text is cut into components with their line numbers (``ics_text``);
2. time zones are parsed first, then each event on its own, so that a broken
   event is rejected with its line and never stops the others;
3. the events are expanded with recurring-ical-events between two times
   (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides, RANGE=THISANDFUTURE);
   a series that cannot be expanded is rejected alone;
4. cancelled occurrences (STATUS:CANCELLED) are dropped, times are converted
   (``ics_zones``) and each occurrence gets a stable key: the UID, plus the
   original start (RECURRENCE-ID) for the occurrences of a series.

Other components (to-dos, journal entries, free/busy …) are counted, not read.
Events written by Entregent's own follow-up export are recognized and skipped.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import icalendar
import recurring_ical_events

from entregent.errors import Cancelled
from entregent.i18n import _
from entregent.io.ics_occurrences import (
    AttendanceCache,
    CalendarPerson,
    EventOccurrence,
    as_list,
    attendance_of,
    key_time,
    start_of,
    text_of,
)
from entregent.io.ics_rule_cost import MAX_OCCURRENCES, estimated_occurrences
from entregent.io.ics_text import Chunk, SplitCalendar, split_calendar
from entregent.io.ics_tzid import place_unknown_zones
from entregent.io.ics_zones import to_stored

_log = logging.getLogger(__name__)  # what the library raised (its kind only: no values)

__all__ = [
    "CalendarPerson",
    "EventOccurrence",
    "ReadProblem",
    "CalendarContents",
    "FOLLOW_UP_MARK",
    "read_calendar",
]

FOLLOW_UP_MARK = "X-ENTREGENT-FOLLOW-UP"  # set on every component the export writes
FOLLOW_UP_SKIPPED = "follow-up"  # its name in ``skipped_components``

# Properties an event cannot do without: an error in one of them rejects it.
_ESSENTIAL = frozenset(
    {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "UID"}
)
_PROGRESS_EVERY = 200
_CALENDAR_PROPERTIES = ("X-WR-CALNAME", "X-WR-TIMEZONE", "X-OWNER")


@dataclass
class ReadProblem:
    line: int | None
    reason: str


@dataclass
class CalendarContents:
    occurrences: list[EventOccurrence] = field(default_factory=list)
    rejected: list[ReadProblem] = field(default_factory=list)
    skipped_lines: list[ReadProblem] = field(default_factory=list)
    skipped_components: dict[str, int] = field(default_factory=dict)
    events: int = 0  # VEVENT components read
    cancelled: int = 0  # occurrences in the window marked STATUS:CANCELLED
    # X-WR-CALNAME, X-WR-TIMEZONE, X-OWNER of the (first) calendar, as text
    properties: dict[str, str] = field(default_factory=dict)
    # events with a TZID of no known zone, by the rule that placed them (ics_tzid)
    zone_rules: dict[str, int] = field(default_factory=dict)
    older: int = 0  # events with no occurrence in the window, all of them before it


@dataclass
class _Event:
    component: icalendar.Event
    chunk: Chunk
    uid: str


def read_calendar(
    text: str,
    *,
    since: dt.datetime,
    until: dt.datetime,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    max_lines: int | None = None,
    max_chars: int | None = None,
) -> CalendarContents:
    """The occurrences of the events in ``text`` that start between ``since``
    and ``until`` (naive UTC). Raises ``NotICalendar`` for what is no calendar.

    A component of more than ``max_lines`` lines or ``max_chars`` characters
    (the limits in the settings) is left out with its line, unparsed."""
    calendars, stray = split_calendar(text)
    # Reading makes many objects and few cycles: the cyclic collector, run
    # again and again over everything alive, took a fifth of the time. It is
    # paused for the read and resumes after it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with warnings.catch_warnings():
            # icalendar and recurring-ical-events warn about guesses they make
            # (vendor TZIDs …); those are not for the person importing.
            warnings.simplefilter("ignore")
            return _read(
                calendars, stray, since, until, progress, should_cancel, (max_lines, max_chars)
            )
    finally:
        if collecting:
            gc.enable()


def _read(
    calendars: list[SplitCalendar],
    stray: list[tuple[int, str]],
    since: dt.datetime,
    until: dt.datetime,
    progress: Callable[[int, int], None] | None,
    should_cancel: Callable[[], bool] | None,
    limits: tuple[int | None, int | None] = (None, None),
) -> CalendarContents:
    contents = CalendarContents()
    contents.skipped_lines += [ReadProblem(line, reason) for line, reason in stray]
    ticker = _Ticker(sum(len(c.chunks) for c in calendars), progress, should_cancel)
    for split in calendars:
        header = _parse_header(split)
        _keep_calendar_properties(header, contents)
        timezones = _read_timezones(split, limits, contents)
        events = _read_events(split, header, timezones, limits, ticker, contents)
        _expand(header, timezones, events, since, until, contents)
    ticker.finish()
    return contents


@dataclass
class _Ticker:
    """Counts the components read; every ``_PROGRESS_EVERY`` of them it asks
    whether to stop and reports how far the read is."""

    total: int
    progress: Callable[[int, int], None] | None
    should_cancel: Callable[[], bool] | None
    done: int = 0

    def tick(self) -> None:
        self.done += 1
        if self.done % _PROGRESS_EVERY != 0:
            return
        if self.should_cancel is not None and self.should_cancel():
            raise Cancelled()
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def _keep_calendar_properties(header: icalendar.Calendar, contents: CalendarContents) -> None:
    """X-WR-CALNAME, X-WR-TIMEZONE, X-OWNER: the first calendar that has one wins."""
    for name in _CALENDAR_PROPERTIES:
        if name in header and name not in contents.properties:
            contents.properties[name] = text_of(header.get(name))


def _read_timezones(
    split: SplitCalendar,
    limits: tuple[int | None, int | None],
    contents: CalendarContents,
) -> list[icalendar.Component]:
    """The complete VTIMEZONE components of one calendar, parsed; a zone too
    large or broken is reported with its line and left out."""
    timezones: list[icalendar.Component] = []
    for chunk in split.chunks:
        if chunk.name != "VTIMEZONE" or not chunk.complete:
            continue
        if (too_large := _oversized(chunk, limits)) is not None:
            contents.skipped_lines.append(ReadProblem(chunk.line, too_large))
            continue
        try:  # parsing caches the zone for the events that follow
            timezones.append(icalendar.Component.from_ical(chunk.text()))
        except Exception:  # noqa: BLE001 - a broken zone: its events say so
            contents.skipped_lines.append(
                ReadProblem(chunk.line, _("this time zone could not be read."))
            )
    return timezones


def _read_events(
    split: SplitCalendar,
    header: icalendar.Calendar,
    timezones: list[icalendar.Component],
    limits: tuple[int | None, int | None],
    ticker: _Ticker,
    contents: CalendarContents,
) -> list[_Event]:
    """The events of one calendar that can be read, each placed in a zone;
    other components are counted by name."""
    calendar_zone = text_of(header.get("X-WR-TIMEZONE"))
    zone_ids = {str(zone.get("TZID", "")) for zone in timezones}
    events: list[_Event] = []
    for chunk in split.chunks:
        ticker.tick()
        if chunk.name == "VTIMEZONE":
            continue
        if chunk.name != "VEVENT":
            contents.skipped_components[chunk.name] = (
                contents.skipped_components.get(chunk.name, 0) + 1
            )
            continue
        contents.events += 1
        if (too_large := _oversized(chunk, limits)) is not None:
            _reject(contents, chunk.line, too_large)
            continue
        event = _parse_event(chunk, contents)
        if event is None:
            continue
        rule = place_unknown_zones(event.component, calendar_zone, zone_ids)
        if rule is not None:
            contents.zone_rules[rule] = contents.zone_rules.get(rule, 0) + 1
        events.append(event)
    return events


def _oversized(chunk: Chunk, limits: tuple[int | None, int | None]) -> str | None:
    """Why this component is too large to be read, or None."""
    max_lines, max_chars = limits
    if max_lines is not None and len(chunk.lines) > max_lines:
        return _(
            "this part of the calendar has more than {n} lines, the limit set in the "
            "settings; it was left out."
        ).format(n=max_lines)
    if max_chars is not None and sum(len(line) for line in chunk.lines) > max_chars:
        return _(
            "this part of the calendar is larger than {kb} KB, the limit set in the "
            "settings; it was left out."
        ).format(kb=max_chars // 1024)
    return None


def _parse_header(split: SplitCalendar) -> icalendar.Calendar:
    try:
        header = icalendar.Calendar.from_ical(split.header_text())
    except Exception:  # noqa: BLE001 - the calendar's own properties are optional
        return icalendar.Calendar()
    return header if isinstance(header, icalendar.Calendar) else icalendar.Calendar()


def _reject(contents: CalendarContents, line: int, reason: str) -> None:
    contents.rejected.append(ReadProblem(line, reason))


def _parse_event(chunk: Chunk, contents: CalendarContents) -> _Event | None:
    if not chunk.complete:
        _reject(contents, chunk.line, _("this event never ends (END:VEVENT is missing)."))
        return None
    try:
        component = icalendar.Component.from_ical(chunk.outer_text())
    except Exception as exc:  # noqa: BLE001 - icalendar raises many kinds
        _log.info("event of line %s not parsed: %s", chunk.line, type(exc).__name__)
        _reject(
            contents,
            chunk.line,
            _("this event could not be read: its text does not follow the iCalendar rules."),
        )
        return None
    if not isinstance(component, icalendar.Event):
        _reject(contents, chunk.line, _("this event could not be read."))
        return None
    if FOLLOW_UP_MARK in component:
        contents.skipped_components[FOLLOW_UP_SKIPPED] = (
            contents.skipped_components.get(FOLLOW_UP_SKIPPED, 0) + 1
        )
        return None
    for name, message in component.errors:
        if name in _ESSENTIAL:
            _reject(
                contents,
                chunk.line,
                _(
                    "{what} on line {line} is not a date or a time the file format allows "
                    "(“{written}”); the event was left out."
                ).format(what=name, line=chunk.line_of(name), written=_written(chunk, name)),
            )
            return None
        if name:
            line = chunk.line_of(name)
        else:  # a line that is no property at all; icalendar quotes it
            quoted = str(message).split("'")
            line = chunk.line_of(quoted[1]) if len(quoted) > 2 else chunk.line
        contents.skipped_lines.append(
            ReadProblem(line, _("this line could not be read and was ignored."))
        )
    if isinstance(component.get("DTSTART"), list):
        _reject(contents, chunk.line_of("DTSTART"), _("this event has more than one start."))
        return None
    for name in ("DTEND", "DURATION", "RECURRENCE-ID", "UID"):  # one each, or none
        if isinstance(component.get(name), list):
            _reject(
                contents,
                chunk.line_of(name),
                _("this event has {what} more than once.").format(what=name),
            )
            return None
    try:
        start = start_of(component)
    except KeyError:
        _reject(contents, chunk.line, _("this event has no start (DTSTART)."))
        return None
    except Exception as exc:  # noqa: BLE001 - a broken property raises on access
        _log.info("start of the event of line %s: %s", chunk.line, type(exc).__name__)
        _reject(
            contents,
            chunk.line_of("DTSTART"),
            _("the start of this event (“{written}”) is not a date or a time.").format(
                written=_written(chunk, "DTSTART")
            ),
        )
        return None
    if not isinstance(start, dt.date):
        _reject(
            contents,
            chunk.line_of("DTSTART"),
            _("the start of this event is not a date or a time."),
        )
        return None
    uid = str(component.get("UID", "")).strip()
    if not uid:
        # No UID: a stable stand-in from what the event says, so a re-import finds it.
        basis = "\x1f".join(
            str(component.get(name, "")) for name in ("SUMMARY", "DTSTART", "LOCATION", "ORGANIZER")
        )
        basis += "\x1f" + str(start)
        uid = "no-uid-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20]
        component["UID"] = uid
    return _Event(component, chunk, uid)


def _expand(
    header: icalendar.Calendar,
    timezones: list[icalendar.Component],
    events: list[_Event],
    since: dt.datetime,
    until: dt.datetime,
    contents: CalendarContents,
) -> None:
    events = _without_endless(events, until, contents)
    if not events:
        return
    by_uid: dict[str, list[_Event]] = defaultdict(list)
    for event in events:
        by_uid[event.uid].append(event)
    # A margin of a day each side: zones are only known per event; the exact
    # window is applied to the converted UTC times below.
    start = since - dt.timedelta(days=1)
    stop = until + dt.timedelta(days=1)
    try:
        occurrences = _occurrences(header, timezones, events, start, stop)
    except Exception:  # noqa: BLE001 - find the series at fault, keep the others
        occurrences = []
        for group in by_uid.values():
            try:
                occurrences += _occurrences(header, timezones, group, start, stop)
            except Exception:  # noqa: BLE001
                for event in group:
                    _reject(
                        contents,
                        event.chunk.line,
                        _(
                            "the repetitions of this event cannot be worked out: its RRULE, "
                            "RDATE or EXDATE does not follow the rules."
                        ),
                    )
    series = {
        uid
        for uid, group in by_uid.items()
        if len(group) > 1
        or any(
            name in event.component
            for event in group
            for name in ("RRULE", "RDATE", "RECURRENCE-ID")
        )
    }
    lines = {uid: min(event.chunk.line for event in group) for uid, group in by_uid.items()}
    shifts = _future_shifts(events)
    seen: set[str] = set()
    people_cache: AttendanceCache = {}
    for occurrence in occurrences:
        _add_occurrence(
            occurrence, series, lines, shifts, since, until, seen, contents, people_cache
        )
    contents.older += _older(by_uid, {o.uid for o in contents.occurrences}, since)


def _older(by_uid: dict[str, list[_Event]], kept: set[str], since: dt.datetime) -> int:
    """How many events (a series counts once) were left out for being older
    than the window: none of their occurrences is in it, and they began before."""
    count = 0
    for uid, group in by_uid.items():
        if uid in kept:
            continue
        for event in group:
            if str(event.component.get("STATUS", "")).strip().upper() == "CANCELLED":
                continue
            if "RECURRENCE-ID" in event.component:
                continue
            try:
                start = to_stored(start_of(event.component)).utc
            except (KeyError, ValueError, OverflowError, TypeError):
                continue
            if start < since:
                count += 1
                break
    return count


def _future_shifts(events: list[_Event]) -> dict[tuple[str, str], dt.timedelta]:
    """How far each RANGE=THISANDFUTURE override moves the occurrences after it.

    recurring-ical-events gives the later occurrences the override's own
    RECURRENCE-ID; their key needs their original start, which is their start
    moved back by that much."""
    shifts: dict[tuple[str, str], dt.timedelta] = {}
    for event in events:
        original = event.component.get("RECURRENCE-ID")
        if original is None or str(original.params.get("RANGE", "")).upper() != "THISANDFUTURE":
            continue
        try:
            shift = start_of(event.component) - original.dt
        except (TypeError, KeyError, AttributeError):
            continue
        shifts[(event.uid, key_time(original.dt))] = shift
    return shifts


def _without_endless(
    events: list[_Event], until: dt.datetime, contents: CalendarContents
) -> list[_Event]:
    """Leave out the series whose rules would fire too many times to expand."""
    endless: set[str] = set()
    for event in events:
        for rule in as_list(event.component.get("RRULE")):
            estimate = estimated_occurrences(rule, start_of(event.component), until)
            if estimate > MAX_OCCURRENCES and event.uid not in endless:
                endless.add(event.uid)
                _reject(
                    contents,
                    event.chunk.line_of("RRULE"),
                    _(
                        "this event repeats too often to be read (about {count} times); "
                        "it was left out."
                    ).format(count=int(estimate)),
                )
    return [event for event in events if event.uid not in endless] if endless else events


def _occurrences(
    header: icalendar.Calendar,
    timezones: list[icalendar.Component],
    events: list[_Event],
    start: dt.datetime,
    stop: dt.datetime,
) -> list[icalendar.Component]:
    calendar = icalendar.Calendar()
    for name, value in header.items():
        calendar[name] = value
    for component in timezones:
        calendar.add_component(component)
    for event in events:
        calendar.add_component(event.component)
    return list(recurring_ical_events.of(calendar).between(start, stop))


def _add_occurrence(
    occurrence: icalendar.Component,
    series: set[str],
    lines: dict[str, int],
    shifts: dict[tuple[str, str], dt.timedelta],
    since: dt.datetime,
    until: dt.datetime,
    seen: set[str],
    contents: CalendarContents,
    people_cache: AttendanceCache,
) -> None:
    uid = str(occurrence.get("UID", "")).strip()
    line = lines.get(uid)
    try:
        stored = to_stored(start_of(occurrence))
    except (KeyError, ValueError, OverflowError, TypeError):
        if line is not None and not any(p.line == line for p in contents.rejected):
            _reject(
                contents,
                line,
                _(
                    "the start of this event cannot be placed in time (a date out of range "
                    "or a time zone that cannot be used)."
                ),
            )
        return
    if not since <= stored.utc <= until:
        return
    if str(occurrence.get("STATUS", "")).strip().upper() == "CANCELLED":
        contents.cancelled += 1
        return
    key = uid
    if uid in series:
        original = occurrence.get("RECURRENCE-ID")
        when = key_time(original.dt if original is not None else stored.utc)
        shift = shifts.get((uid, when))
        if shift is not None:
            try:
                when = key_time(start_of(occurrence) - shift)
            except TypeError:
                pass
        key = f"{uid}#{when}"
    if key in seen:  # the same occurrence twice in one file: the first one counts
        return
    seen.add(key)
    attendance = attendance_of(occurrence, people_cache)
    location = text_of(occurrence.get("LOCATION"))
    if not location and attendance.rooms:  # the room booked is where it was
        location = ", ".join(attendance.rooms)
    contents.occurrences.append(
        EventOccurrence(
            key=key,
            uid=uid,
            start=stored.utc,
            tz=stored.zone,
            all_day=stored.all_day,
            summary=text_of(occurrence.get("SUMMARY")),
            location=location,
            description=text_of(occurrence.get("DESCRIPTION")),
            people=attendance.people,
            line=line or 0,
            rooms=attendance.rooms,
            resources=attendance.resources,
            groups=attendance.groups,
        )
    )


def _written(chunk: Chunk, name: str) -> str:
    """The value of property ``name`` as the file writes it (shortened), for a message."""
    for text in chunk.lines:
        head = text.upper()
        if head.startswith(name.upper()) and head[len(name) : len(name) + 1] in (":", ";"):
            value = text.partition(":")[2].strip()
            return value if len(value) <= 60 else value[:57] + "…"
    return ""


def _short(error: object) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 160 else text[:157] + "…"
