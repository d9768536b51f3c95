"""Follow-ups out to a calendar file: valid, stable, escaped, atomic."""

from __future__ import annotations

import datetime as dt
import os

import icalendar
import pytest
import vobject

from entregent.errors import UserError
from entregent.io import ics_tzid
from entregent.model.tables import Contact, ContactMethod, FollowUp, Interaction
from entregent.services.exports.ics_export import auto_export, export_followups
from entregent.services.imports.ics_import import import_calendar
from entregent.services.relations.followups import (
    complete_followup,
    create_followup,
    delete_followup,
    reschedule_followup,
)
from entregent.services.settings import set_setting

EVIL_NOTE = (
    "Ask about the job\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\nSUMMARY:pwned\r"
    "ATTENDEE:mailto:x@example.org, then; coffee \\ maybe"
)


@pytest.fixture(autouse=True)
def user_zone_utc(monkeypatch):
    """The user's zone is UTC unless a test says otherwise (timed follow-ups
    are written in it)."""
    monkeypatch.setenv("TZ", "UTC")
    ics_tzid.user_zone.cache_clear()
    yield
    ics_tzid.user_zone.cache_clear()


@pytest.fixture
def alice(db):
    contact = Contact.create(display_name="Alice Martin")
    ContactMethod.create(
        contact=contact, kind="email", value="alice@example.org", normalized="alice@example.org"
    )
    ContactMethod.create(
        contact=contact, kind="tel", value="+33 6 12 34 56 78", normalized="+33612345678"
    )
    return contact.id


def components(path, name="VEVENT") -> dict[str, icalendar.Component]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(c["UID"]): c for c in calendar.walk(name)}


def test_events_with_alarms_parse_in_icalendar_and_vobject(alice, tmp_path):
    create_followup(alice, dt.date(2030, 5, 4), note="Ask how the move went")
    create_followup(alice, dt.date(2030, 5, 5), due_time=dt.time(14, 30))
    out = tmp_path / "f.ics"
    assert export_followups(out) == 2
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert str(calendar["PRODID"]).startswith("-//Entregent//")
    assert str(calendar["VERSION"]) == "2.0"
    events = sorted(calendar.walk("VEVENT"), key=lambda e: str(e["DTSTART"].to_ical()))
    all_day, timed = events
    assert all_day["DTSTART"].dt == dt.date(2030, 5, 4)  # all-day
    assert all_day["DTEND"].dt == dt.date(2030, 5, 5)
    assert timed["DTSTART"].dt == dt.datetime(2030, 5, 5, 14, 30, tzinfo=dt.UTC)  # in UTC
    for event in events:
        assert str(event["SUMMARY"]) == "Follow up: Alice Martin"
        assert "DTSTAMP" in event and "SEQUENCE" in event
        assert [a["ACTION"] for a in event.walk("VALARM")] == ["DISPLAY"]
    assert "Ask how the move went" in str(all_day["DESCRIPTION"])
    assert "+33 6 12 34 56 78" in str(all_day["DESCRIPTION"])
    assert "alice@example.org" in str(all_day["DESCRIPTION"])
    parsed = vobject.readOne(out.read_text(encoding="utf-8"))
    assert parsed.validate(raiseException=True)
    assert len(parsed.vevent_list) == 2
    assert {e.uid.value for e in parsed.vevent_list} == {str(e["UID"]) for e in events}
    assert all(e.valarm.action.value == "DISPLAY" for e in parsed.vevent_list)


def test_todos_have_due_and_status(alice, tmp_path):
    first = create_followup(alice, dt.date(2030, 5, 4))
    create_followup(alice, dt.date(2030, 5, 6), due_time=dt.time(9, 0))
    complete_followup(first)
    out = tmp_path / "t.ics"
    assert export_followups(out, as_="todo") == 1  # done and never sent: left out
    assert export_followups(out, as_="todo", include_done=True) == 2
    todos = components(out, "VTODO")
    statuses = {str(t["STATUS"]): t for t in todos.values()}
    assert set(statuses) == {"NEEDS-ACTION", "COMPLETED"}
    assert statuses["COMPLETED"]["DUE"].dt == dt.date(2030, 5, 4)
    assert statuses["COMPLETED"]["DTSTART"].dt == dt.date(2030, 5, 4)
    due = dt.datetime(2030, 5, 6, 9, 0, tzinfo=dt.UTC)
    assert statuses["NEEDS-ACTION"]["DUE"].dt == due
    assert statuses["NEEDS-ACTION"]["DTSTART"].dt == due
    parsed = vobject.readOne(out.read_text(encoding="utf-8"))
    assert parsed.validate(raiseException=True)
    assert len(parsed.vtodo_list) == 2


def test_uids_stay_and_only_changed_ones_get_a_higher_sequence(alice, tmp_path):
    ids = [create_followup(alice, dt.date(2030, 5, d)) for d in (4, 5, 6)]
    out = tmp_path / "f.ics"
    export_followups(out)
    first = {uid: int(e["SEQUENCE"]) for uid, e in components(out).items()}
    export_followups(out)
    assert {uid: int(e["SEQUENCE"]) for uid, e in components(out).items()} == first
    reschedule_followup(ids[1], dt.date(2030, 6, 1))
    export_followups(out)
    second = {uid: int(e["SEQUENCE"]) for uid, e in components(out).items()}
    assert set(second) == set(first)  # same UIDs: the app updates, never duplicates
    changed_uid = FollowUp.get_by_id(ids[1]).uid
    assert second[changed_uid] > first[changed_uid]
    assert {u: s for u, s in second.items() if u != changed_uid} == {
        u: s for u, s in first.items() if u != changed_uid
    }
    assert components(out)[changed_uid]["DTSTART"].dt == dt.date(2030, 6, 1)


def test_done_and_deleted_after_export_come_out_cancelled_or_completed(alice, tmp_path):
    done, gone, never, kept = (create_followup(alice, dt.date(2030, 5, d)) for d in (1, 2, 3, 4))
    out = tmp_path / "f.ics"
    export_followups(out)
    delete_followup(never)  # deleted ... but sent already; a new one never sent:
    unsent = create_followup(alice, dt.date(2030, 5, 9))
    delete_followup(unsent)
    complete_followup(done)
    delete_followup(gone)
    assert export_followups(out) == 4
    uid = {i: FollowUp.get_by_id(i).uid for i in (done, gone, never, kept, unsent)}
    events = components(out)
    assert uid[unsent] not in events
    assert str(events[uid[kept]]["STATUS"]) == "CONFIRMED"
    for follow_up in (done, gone, never):
        event = events[uid[follow_up]]
        assert str(event["STATUS"]) == "CANCELLED"
        assert not event.walk("VALARM")
    # Written once, with the SEQUENCE their end bumped: the next export leaves them out.
    for follow_up in (done, gone, never):
        assert int(events[uid[follow_up]]["SEQUENCE"]) == FollowUp.get_by_id(follow_up).sequence
        assert FollowUp.get_by_id(follow_up).sequence >= 1
    assert export_followups(out) == 1
    assert set(components(out)) == {uid[kept]}


def test_a_todo_done_after_export_is_written_completed_once(alice, tmp_path):
    done = create_followup(alice, dt.date(2030, 5, 1))
    out = tmp_path / "t.ics"
    export_followups(out, as_="todo")
    complete_followup(done)
    assert export_followups(out, as_="todo") == 1
    [todo] = components(out, "VTODO").values()
    assert (str(todo["STATUS"]), int(todo["SEQUENCE"])) == ("COMPLETED", 1)
    assert export_followups(out, as_="todo") == 0


def test_timed_follow_ups_carry_the_users_zone_and_read_back_at_the_same_instant(
    alice, tmp_path, monkeypatch
):
    from zoneinfo import ZoneInfo

    import recurring_ical_events

    monkeypatch.setenv("TZ", "Europe/Paris")
    ics_tzid.user_zone.cache_clear()
    create_followup(alice, dt.date(2030, 7, 1), due_time=dt.time(9, 30))  # summer time
    create_followup(alice, dt.date(2030, 12, 1), due_time=dt.time(9, 30))  # winter time
    create_followup(alice, dt.date(2030, 7, 2))
    for as_ in ("event", "todo"):
        out = tmp_path / f"{as_}.ics"
        export_followups(out, as_=as_)
        data = out.read_bytes()
        assert data.count(b"BEGIN:VTIMEZONE") == 1
        assert b"TZID:Europe/Paris" in data
        if as_ == "event":
            assert b"DTSTART;TZID=Europe/Paris:20300701T093000" in data
            assert b"DTSTART;VALUE=DATE:20300702" in data
        else:
            assert b"DUE;TZID=Europe/Paris:20301201T093000" in data
        calendar = icalendar.Calendar.from_ical(data)
        assert vobject.readOne(data.decode("utf-8")).validate(raiseException=True)
        name = "VEVENT" if as_ == "event" else "VTODO"
        read_back = recurring_ical_events.of(calendar, components=[name]).between(
            (2030, 1, 1), (2031, 1, 1)
        )
        instants = sorted(
            (c["DTSTART"].dt for c in read_back if isinstance(c["DTSTART"].dt, dt.datetime)),
        )
        assert [i.astimezone(dt.UTC) for i in instants] == [
            dt.datetime(2030, 7, 1, 7, 30, tzinfo=dt.UTC),
            dt.datetime(2030, 12, 1, 8, 30, tzinfo=dt.UTC),
        ]
        assert instants[0].tzinfo is not None and ZoneInfo("Europe/Paris")


def test_user_text_cannot_break_out_of_its_property(db, tmp_path):
    contact = Contact.create(display_name="Zoë; O'Brien, Jr.\r\nBEGIN:VALARM")
    create_followup(contact.id, dt.date(2030, 1, 2), note=EVIL_NOTE)
    out = tmp_path / "f.ics"
    export_followups(out)
    data = out.read_bytes()
    lines = data.split(b"\r\n")
    assert not any(b"\r" in line or b"\n" in line for line in lines)  # no bare CR or LF
    starts = [line.split(b":")[0].split(b";")[0] for line in lines if line[:1] != b" "]
    assert starts.count(b"BEGIN") == 3  # the calendar, the event, its one alarm
    assert starts.count(b"UID") == 1 and starts.count(b"SUMMARY") == 1
    assert b"ATTENDEE" not in starts
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "Ask about the job\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\n"
        "SUMMARY:pwned\nATTENDEE:mailto:x@example.org, then; coffee "
        "\\ maybe"
    )
    assert str(event["SUMMARY"]) == "Follow up: Zoë; O'Brien, Jr.\nBEGIN:VALARM"
    assert "ATTENDEE" not in event
    parsed = vobject.readOne(data.decode("utf-8"))
    assert len(parsed.vevent_list) == 1
    assert parsed.vevent.description.value == description


def test_importing_our_own_export_creates_no_interactions(alice, tmp_path):
    set_setting("calendar_import_days", 36500)
    create_followup(alice, dt.date(2020, 5, 4), note="in the past, so in the window")
    create_followup(alice, dt.date(2020, 5, 5), due_time=dt.time(10, 0))
    out = tmp_path / "f.ics"
    export_followups(out)
    report = import_calendar(out, batch=None, create_contacts=True)
    assert (report.new, report.updated, report.unmatched) == (0, 0, [])
    assert report.skipped_components == {"follow-up": 2}
    assert Interaction.select().count() == 0
    assert Contact.select().count() == 1


def test_the_file_is_replaced_atomically(alice, tmp_path):
    create_followup(alice, dt.date(2030, 5, 4))
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "f.ics"
    out.write_text("old calendar", encoding="utf-8")
    os.chmod(out, 0o640)
    export_followups(out)
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (out.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in out.parent.iterdir()) == ["f.ics"]  # no temporary left
    with pytest.raises(UserError):
        export_followups(tmp_path / "no such folder" / "f.ics")
    with pytest.raises(UserError):
        export_followups(out.parent)
    assert FollowUp.get().exported_sequence == 0


def test_auto_export_rewrites_the_file_named_in_the_settings(alice, tmp_path):
    out = tmp_path / "subscribed.ics"
    assert auto_export() is None  # no file named: nothing written
    set_setting("auto_export_path", str(out))
    set_setting("auto_export_as", "todo")
    follow_up = create_followup(alice, dt.date(2030, 5, 4))  # written on the change
    assert len(components(out, "VTODO")) == 1
    reschedule_followup(follow_up, dt.date(2030, 5, 8))
    todo = next(iter(components(out, "VTODO").values()))
    assert todo["DUE"].dt == dt.date(2030, 5, 8) and int(todo["SEQUENCE"]) == 1
    set_setting("auto_export_path", str(tmp_path / "missing" / "x.ics"))
    assert auto_export() is None  # logged, never raised into the change that caused it
    complete_followup(follow_up)  # the change itself goes through
    assert FollowUp.get_by_id(follow_up).done_at is not None
    set_setting("auto_export_path", str(out))
    assert auto_export() == out


def test_a_change_asks_the_scheduler_when_the_rewrite_is_deferred(alice, tmp_path):
    from entregent.services.exports.ics_export import defer_auto_export, deferred_to

    out = tmp_path / "subscribed.ics"
    set_setting("auto_export_path", str(out))
    asked: list[int] = []
    defer_auto_export(lambda: asked.append(1))
    try:
        follow_up = create_followup(alice, dt.date(2030, 5, 4))
        reschedule_followup(follow_up, dt.date(2030, 5, 8))
        assert asked == [1, 1] and not out.exists()  # the scheduler decides when
    finally:
        defer_auto_export(None)
    assert deferred_to() is None
    complete_followup(follow_up)  # at once again
    assert out.exists()


def test_an_export_cancelled_before_writing_leaves_the_file_and_the_follow_ups(alice, tmp_path):
    from entregent.errors import Cancelled

    out = tmp_path / "f.ics"
    out.write_text("kept", encoding="utf-8")
    create_followup(alice, dt.date(2030, 5, 4))
    steps: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        export_followups(
            out, progress=lambda *a: steps.append(a), cancelled=lambda: len(steps) == 1
        )
    assert steps == [(1, 3)] and out.read_text(encoding="utf-8") == "kept"
    assert FollowUp.get().exported_sequence is None  # nothing marked as sent
    assert export_followups(out, progress=lambda *a: steps.append(a)) == 1
    assert steps[1:] == [(1, 3), (2, 3), (3, 3)] and FollowUp.get().exported_sequence == 0
