"""Follow-up export against building the same calendar with icalendar directly.

10,000 follow-ups (one in ten with a time) for 2,000 people who each have a
phone and an e-mail. Measured: ``export_followups`` to a file (reading the
follow-ups and the people's phone and e-mail from the database, building the
events with their reminders, writing the file atomically, remembering what was
sent). Baseline: the same events, from the same values already in memory,
built with icalendar and written to a file.

    python -m benchmarks.export_followups [--quick]
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

if not __package__:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import measure  # noqa: E402  (the benchmark clock: wall, or CPU)

TARGET = "≤ 1.3×"


def _fill(count: int, people: int) -> list[tuple]:
    """Store ``people`` contacts and ``count`` follow-ups; return what the
    baseline needs: (uid, due_on, due_time, name, note, phone, email, stamp)."""
    from entregent.model.database import database

    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    stamp = now.isoformat(" ")
    cursor = database.cursor()
    with database.atomic():
        cursor.executemany(
            "INSERT INTO contact (uid, display_name, given_name, family_name, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (str(uuid.uuid4()), f"Person {n}", "Person", str(n), stamp, stamp)
                for n in range(people)
            ],
        )
        ids = [row[0] for row in database.execute_sql("SELECT id FROM contact ORDER BY id")]
        methods = []
        for position, contact_id in enumerate(ids):
            methods.append(
                (contact_id, "tel", f"+33 6 12 34 {position // 100:02d} {position % 100:02d}", "")
            )
            methods.append((contact_id, "email", f"person{position}@example.org", ""))
        cursor.executemany(
            "INSERT INTO contact_method (contact_id, kind, value, normalized) VALUES (?, ?, ?, ?)",
            methods,
        )
        rows, expected = [], []
        for n in range(count):
            person = rng.randrange(people)
            due = now.date() + dt.timedelta(days=rng.randrange(-30, 365))
            due_time = dt.time(rng.randrange(8, 19), 30) if n % 10 == 0 else None
            note = f"Ask about the new job, the move; send the article ({n})"
            uid = str(uuid.uuid4())
            rows.append(
                (
                    ids[person],
                    due.isoformat(),
                    due_time.isoformat() if due_time else None,
                    note,
                    uid,
                    stamp,
                    stamp,
                )
            )
            expected.append(
                (
                    uid,
                    due,
                    due_time,
                    f"Person {person}",
                    note,
                    methods[2 * person][2],
                    methods[2 * person + 1][2],
                    now,
                )
            )
        cursor.executemany(
            "INSERT INTO follow_up (contact_id, due_on, due_time, note, uid, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return expected


def _baseline(expected: list[tuple], out: Path) -> None:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//Entregent//benchmark//EN")
    calendar.add("VERSION", "2.0")
    for uid, due, due_time, name, note, phone, email, stamp in expected:
        event = icalendar.Event()
        stamp_utc = stamp.replace(tzinfo=dt.UTC)
        event.add("UID", uid)
        event.add("DTSTAMP", stamp_utc)
        event.add("CREATED", stamp_utc)
        event.add("LAST-MODIFIED", stamp_utc)
        event.add("SEQUENCE", 0)
        event.add("SUMMARY", f"Follow up: {name}")
        event.add("DESCRIPTION", f"{note}\n\nPhone: {phone}\nE-mail: {email}")
        if due_time is None:
            event.add("DTSTART", due)
            event.add("DTEND", due + dt.timedelta(days=1))
        else:
            start = dt.datetime.combine(due, due_time)
            event.add("DTSTART", start)
            event.add("DTEND", start + dt.timedelta(minutes=30))
        event.add("TRANSP", "TRANSPARENT")
        event.add("STATUS", "CONFIRMED")
        alarm = icalendar.Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", f"Follow up: {name}")
        alarm.add("TRIGGER", dt.timedelta(hours=9))
        event.add_component(alarm)
        calendar.add_component(event)
    out.write_bytes(calendar.to_ical())


def run(quick: bool) -> list[dict]:
    from entregent.model.database import database
    from entregent.services.exports.ics_export import export_followups
    from entregent.services.storage.session import close_session, open_session

    count, people, runs = (1000, 200, 5) if quick else (10_000, 2000, 5)
    folder = Path(tempfile.mkdtemp(prefix="entregent-bench-export-"))
    try:
        open_session(folder / "entregent.sqlite3", apply_language=False)
        try:
            expected = _fill(count, people)
            measured, baseline = [], []
            for _ in range(runs):
                # Every run sends everything for the first time (the most work).
                database.execute_sql("UPDATE follow_up SET exported_sequence = NULL")
                started = measure.now()
                written = export_followups(folder / "followups.ics")
                measured.append(measure.now() - started)
                assert written == count
                started = measure.now()
                _baseline(expected, folder / "baseline.ics")
                baseline.append(measure.now() - started)
        finally:
            close_session()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    mine, base = statistics.median(measured), statistics.median(baseline)
    return [measure.row(f"follow-up export, {count} events with reminders", mine, base, TARGET)]


def main(argv: list[str] | None = None) -> int:
    return measure.standalone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
