"""The iCalendar reading pieces below the service: lines, zones, kinds."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.io.ics_kinds import guess_kind
from entregent.io.ics_reader import read_calendar
from entregent.io.ics_text import NotICalendar, split_calendar

SINCE, UNTIL = dt.datetime(2000, 1, 1), dt.datetime(2030, 1, 1)


def test_components_keep_their_line_numbers_with_folding_and_mixed_breaks():
    text = (
        "\ufeffBEGIN:VCALENDAR\r\nVERSION:2.0\nBEGIN:VEVENT\r\nUID:a\r\nDESCRIPTION:a long\r\n"
        "  folded line\r\nDTSTART:20240101T100000Z\r\nEND:VEVENT\rBEGIN:VTODO\nUID:t\n"
        "END:VTODO\nEND:VCALENDAR\ntrailing junk\n"
    )
    calendars, stray = split_calendar(text)
    [calendar] = calendars
    assert [(c.name, c.line) for c in calendar.chunks] == [("VEVENT", 3), ("VTODO", 9)]
    assert calendar.chunks[0].line_of("DTSTART") == 7
    assert stray == [(13, "text outside the calendar was ignored.")]


def test_a_bare_event_is_read_and_a_vcard_is_refused():
    contents = read_calendar(
        "BEGIN:VEVENT\nUID:x\nDTSTART:20240101T100000Z\nEND:VEVENT\n", since=SINCE, until=UNTIL
    )
    assert [o.key for o in contents.occurrences] == ["x"]
    with pytest.raises(NotICalendar):
        split_calendar("BEGIN:VCARD\nFN:Alice\nEND:VCARD\n")
    with pytest.raises(NotICalendar):
        split_calendar("")


def test_cancelled_and_declined():
    text = "\n".join(
        [
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT",
            "UID:c",
            "DTSTART:20240101T100000Z",
            "STATUS:CANCELLED",
            "ATTENDEE:mailto:a@example.org",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:d",
            "DTSTART:20240102T100000Z",
            "ATTENDEE;PARTSTAT=DECLINED;CN=No:mailto:no@example.org",
            'ATTENDEE;CN="Doe, Jane":MAILTO:Jane@Example.ORG',
            "END:VEVENT",
            "END:VCALENDAR",
        ]
    )
    contents = read_calendar(text, since=SINCE, until=UNTIL)
    assert contents.cancelled == 1
    [occurrence] = contents.occurrences
    assert [(p.email, p.name) for p in occurrence.people] == [("jane@example.org", "Jane Doe")]


@pytest.mark.parametrize(
    ("summary", "location", "kind"),
    [
        ("Déjeuner avec Paul", "", "meal"),
        ("Lunch", "", "meal"),
        ("Un café ?", "", "coffee"),
        ("Coffee catch-up", "", "coffee"),
        ("Tennis", "", "sport"),
        ("Gym", "", "sport"),
        ("Course à pied", "", "sport"),
        ("Bénévolat", "Restos du cœur", "volunteering"),
        ("Volunteer shift", "", "volunteering"),
        ("Réunion d'équipe", "", "meeting"),
        ("Anniversaire de Léa", "", "party"),
        ("Birthday drinks", "", "party"),
        ("Apéro", "", "party"),
        ("Soirée du club", "", "group_event"),
        ("Dentist", "", "meeting"),
        ("Catch up", "Café de Flore", "coffee"),
        ("Theatre", "", "meeting"),  # "the" is no tea
    ],
)
def test_kind_guess(summary, location, kind):
    assert guess_kind(summary, location) == kind


def test_rule_cost_is_an_upper_bound_of_the_occurrences():
    import icalendar

    from entregent.io.ics_rule_cost import estimated_occurrences

    def cost(rule: str, start=dt.datetime(2024, 1, 1), stop=dt.datetime(2026, 1, 1)) -> float:
        return estimated_occurrences(icalendar.vRecur.from_ical(rule), start, stop)

    assert 104 <= cost("FREQ=WEEKLY") <= 110
    assert cost("FREQ=WEEKLY;COUNT=8") == 8
    assert 2 * 104 <= cost("FREQ=WEEKLY;BYDAY=MO,TH") <= 220
    assert cost("FREQ=WEEKLY;UNTIL=20240201T000000Z") <= 6
    assert cost("FREQ=SECONDLY") > 60_000_000
    assert cost("FREQ=DAILY;BYHOUR=0,1,2,3;BYMINUTE=0,30") >= 2 * 365 * 8
    assert (
        estimated_occurrences(
            {"FREQ": ["NONSENSE"]}, dt.datetime(2024, 1, 1), dt.datetime(2026, 1, 1)
        )
        == 0
    )
