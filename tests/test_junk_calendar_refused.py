"""A calendar of junk (issue 16): BEGIN:VCALENDAR, then lines that are not
iCalendar and no component, is refused once a bounded number of lines has been
read, not after reading the whole file. Its speed on 150 MB is measured in
benchmarks/junk_calendar.py, not here."""

from __future__ import annotations

import json
import random

import pytest

from entregent.io.ics_text import MAX_JUNK_BEFORE_CONTENT, NotICalendar, split_calendar
from tests.fresh_home import run


def junk_calendar(lines: int, *, seed: int = 16) -> bytes:
    """BEGIN:VCALENDAR, ``lines`` lines of random printable junk, END:VCALENDAR."""
    draw = random.Random(seed)
    body = b"\r\n".join(bytes(draw.randrange(33, 127) for _ in range(60)) for _ in range(lines))
    return b"BEGIN:VCALENDAR\r\n" + body.replace(b":", b"!") + b"\r\nEND:VCALENDAR\r\n"


def test_junk_is_refused_after_a_bounded_number_of_lines_from_an_empty_home(tmp_path):
    junk = tmp_path / "junk.ics"
    junk.write_bytes(junk_calendar(MAX_JUNK_BEFORE_CONTENT + 5_000))
    done = run(tmp_path, "import", str(junk))
    assert done.returncode == 2
    assert done.stderr == (
        f"entregent: {junk}: this file holds nothing but lines that are not iCalendar in "
        f"its first {MAX_JUNK_BEFORE_CONTENT + 2} lines (from line 2); reading stopped there, "
        "nothing was imported.\n"
    )
    listed = run(tmp_path, "imports", "--json")
    assert json.loads(listed.stdout) == {"imports": []}


def test_the_splitter_stops_at_the_bound_and_not_before():
    text = junk_calendar(MAX_JUNK_BEFORE_CONTENT + 1).decode()
    with pytest.raises(NotICalendar, match=rf"first {MAX_JUNK_BEFORE_CONTENT + 2} lines"):
        split_calendar(text)
    calendars, stray = split_calendar(junk_calendar(MAX_JUNK_BEFORE_CONTENT).decode())
    assert len(calendars) == 1 and calendars[0].chunks == []
    assert len(stray) == 1001  # the first 1,000 reported, then one line for the rest


def test_junk_after_an_event_is_still_read_through():
    event = b"BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\n"
    text = junk_calendar(MAX_JUNK_BEFORE_CONTENT + 10).replace(
        b"BEGIN:VCALENDAR\r\n", b"BEGIN:VCALENDAR\r\n" + event
    )
    calendars, stray = split_calendar(text.decode())
    assert [chunk.name for chunk in calendars[0].chunks] == ["VEVENT"]
    assert (
        stray[-1][1] == f"{MAX_JUNK_BEFORE_CONTENT + 10 - 1000} more lines that are not "
        "iCalendar were ignored."
    )
