"""Calendar import against plain icalendar parsing and recurring-ical-events expansion.

A generated calendar of 5,000 events over the last two years, 50 of them
weekly series (with an EXDATE and a moved occurrence each), most with
attendees who are contacts. Measured: ``import_calendar`` into a fresh
database holding those contacts (reading, checking each event on its own with
its line, expanding, matching people, storing every occurrence as an
interaction), then the same file imported again (nothing changed). Baseline:
``icalendar.Calendar.from_ical`` of the same bytes plus
``recurring_ical_events.of(...).between(...)`` over the same period: the least
any importer built on these libraries does.

    python -m benchmarks.import_calendar [--quick]
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import measure  # noqa: E402  (the benchmark clock: wall, or CPU)

TARGET = "≤ 1.5×"
PEOPLE = 400


def build_calendar(events: int, series: int, *, seed: int = 5) -> str:
    """An iCalendar text: ``events`` VEVENTs (``series`` of them weekly), all in
    the two years before today, in Paris time, UTC, or all-day."""
    rng = random.Random(seed)
    today = dt.datetime.now(dt.UTC).replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Entregent//benchmark//EN",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    summaries = (
        "Lunch with {n}",
        "Coffee with {n}",
        "Réunion projet",
        "Tennis",
        "Apéro chez {n}",
        "Meeting: budget review",
        "Call {n}",
        "Bénévolat",
    )

    def people(count: int) -> list[str]:
        out = ["ORGANIZER;CN=Me:mailto:me@example.net"]
        for _ in range(count):
            n = rng.randrange(PEOPLE + PEOPLE // 4)  # a fifth are strangers
            out.append(f"ATTENDEE;CN=Person {n};PARTSTAT=ACCEPTED:mailto:person{n}@example.org")
        return out

    for index in range(events):
        start = today - dt.timedelta(days=rng.randrange(2, 725), hours=-rng.randrange(8, 20))
        name = f"Person {rng.randrange(PEOPLE)}"
        summary = rng.choice(summaries).format(n=name)
        uid = f"bench-{index}@example.org"
        body = [
            f"UID:{uid}",
            "DTSTAMP:20240101T000000Z",
            f"SUMMARY:{summary}",
            "LOCATION:Café de la Gare\\, Lyon",
            "DESCRIPTION:Agenda: catch up\\; plans for the year\\nBring the notes.",
        ]
        if index < series:
            first = today - dt.timedelta(weeks=100, hours=-19)
            body += [
                f"DTSTART;TZID=Europe/Paris:{first:%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Europe/Paris:{first + dt.timedelta(hours=2):%Y%m%dT%H%M%S}",
                "RRULE:FREQ=WEEKLY;COUNT=110",
                f"EXDATE;TZID=Europe/Paris:{first + dt.timedelta(weeks=3):%Y%m%dT%H%M%S}",
            ]
            lines += ["BEGIN:VEVENT", *body, *people(3), "END:VEVENT"]
            moved = first + dt.timedelta(weeks=5)
            moved_to = moved + dt.timedelta(days=1)
            lines += [
                "BEGIN:VEVENT",
                f"UID:{uid}",
                "DTSTAMP:20240101T000000Z",
                f"RECURRENCE-ID;TZID=Europe/Paris:{moved:%Y%m%dT%H%M%S}",
                f"DTSTART;TZID=Europe/Paris:{moved_to:%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Europe/Paris:{moved_to + dt.timedelta(hours=2):%Y%m%dT%H%M%S}",
                f"SUMMARY:{summary} (moved)",
                *people(3),
                "END:VEVENT",
            ]
            continue
        kind = index % 10
        if kind == 0:
            body.append(f"DTSTART;VALUE=DATE:{start:%Y%m%d}")
        elif kind < 4:
            body += [
                f"DTSTART:{start:%Y%m%dT%H%M%S}Z",
                f"DTEND:{start + dt.timedelta(hours=1):%Y%m%dT%H%M%S}Z",
            ]
        else:
            body += [
                f"DTSTART;TZID=Europe/Paris:{start:%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Europe/Paris:{start + dt.timedelta(hours=1):%Y%m%dT%H%M%S}",
            ]
        lines += ["BEGIN:VEVENT", *body, *people(rng.randrange(0, 4)), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def _template(folder: Path) -> Path:
    from entregent.model.database import database
    from entregent.model.tables import Contact, ContactMethod
    from entregent.services.settings import set_setting
    from entregent.services.storage.session import close_session, open_session

    path = folder / "template.sqlite3"
    open_session(path, apply_language=False)
    with database.atomic():
        set_setting("my_emails", ["me@example.net"])
        for n in range(PEOPLE):
            contact = Contact.create(
                display_name=f"Person {n}", given_name="Person", family_name=str(n)
            )
            ContactMethod.create(
                contact=contact,
                kind="email",
                value=f"person{n}@example.org",
                normalized=f"person{n}@example.org",
            )
    close_session()
    return path


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def run(quick: bool) -> list[dict]:
    import icalendar
    import recurring_ical_events

    from entregent.model.tables import Interaction
    from entregent.services.imports.ics_import import import_calendar
    from entregent.services.storage.session import close_session, open_session

    events, series, runs = (500, 5, 5) if quick else (5000, 50, 5)
    folder = Path(tempfile.mkdtemp(prefix="entregent-bench-ics-"))
    try:
        calendar = folder / "calendar.ics"
        calendar.write_text(build_calendar(events, series), encoding="utf-8")
        template = _template(folder)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        since = now - dt.timedelta(days=730)

        # Baseline and import take turns, so that a busy moment of the machine
        # weighs on both alike.
        baseline, first, again, occurrences, stored = [], [], [], 0, 0
        for index in range(runs):
            started = measure.now()
            parsed = icalendar.Calendar.from_ical(calendar.read_bytes())
            occurrences = len(recurring_ical_events.of(parsed).between(since, now))
            baseline.append(measure.now() - started)
            database = folder / f"run{index}.sqlite3"
            shutil.copyfile(template, database)
            open_session(database, apply_language=False)
            try:
                started = measure.now()
                report = import_calendar(calendar, batch=None)
                first.append(measure.now() - started)
                started = measure.now()
                repeat = import_calendar(calendar, batch=None)
                again.append(measure.now() - started)
                stored = Interaction.select().count()
                assert repeat.new == repeat.updated == repeat.removed == 0
                assert stored == report.new
            finally:
                close_session()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = _median(baseline)
    note = (
        f"{events} events, {series} weekly series; {occurrences} occurrences in two "
        f"years, {stored} stored as interactions (the others have nobody known)"
    )
    return [
        measure.row(
            f"calendar import, {events} events (new database)",
            _median(first),
            base,
            TARGET,
            note=note,
        ),
        measure.row(
            f"calendar re-import, {events} events (nothing changed)", _median(again), base, TARGET
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    return measure.standalone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
