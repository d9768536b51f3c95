"""Calendar import: occurrences become interactions; re-imports change only what changed."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from entregent.errors import Cancelled, UserError
from entregent.model.tables import (
    Contact,
    ContactMethod,
    ImportBatch,
    ImportChange,
    Interaction,
    Participant,
)
from entregent.services.imports.ics_import import import_calendar
from entregent.services.settings import set_setting

DATA = Path(__file__).resolve().parent / "data" / "ics"


def add_contact(name: str, email: str | None = None) -> int:
    contact = Contact.create(display_name=name)
    if email:
        ContactMethod.create(contact=contact, kind="email", value=email, normalized=email.lower())
    return contact.id


@pytest.fixture
def people(db):
    """Alice (by e-mail), Chloé (by name only), and the user's own address."""
    set_setting("calendar_import_days", 36500)  # the test files are from 2024
    set_setting("my_emails", ["Me@Example.net"])
    return {
        "alice": add_contact("Alice Martin", "Alice@Example.org"),
        "chloe": add_contact("Chloé Durand"),
    }


def interactions() -> dict[str, Interaction]:
    return {i.external_key: i for i in Interaction.select()}


def participants(interaction: Interaction) -> set[int]:
    return {
        p.contact_id for p in Participant.select().where(Participant.interaction == interaction.id)
    }


def copy(tmp_path: Path, name: str, as_name: str = "calendar.ics") -> Path:
    target = tmp_path / as_name
    shutil.copyfile(DATA / name, target)
    return target


def test_weekly_series_with_one_exdate_counts_seven(people, tmp_path):
    path = copy(tmp_path, "weekly_club.ics")
    report = import_calendar(path, batch=None)
    club = [k for k in interactions() if k.startswith("club-evenings-2024@example.org#")]
    assert len(club) == 7  # eight evenings, one EXDATE
    assert report.new == 8  # the seven evenings and the lunch with Chloé
    assert (report.updated, report.unchanged, report.removed) == (0, 0, 0)
    assert report.skipped_components == {"VTODO": 1}
    assert [(u.summary, u.date) for u in report.unmatched] == [("Dentist", "2024-10-08T08:00Z")]
    stored = interactions()
    first = stored["club-evenings-2024@example.org#20240904T170000Z"]
    assert first.occurred_at == dt.datetime(2024, 9, 4, 17, 0)  # 19:00 in Paris, summer
    assert first.tz == "Europe/Paris"
    assert first.source == "calendar" and first.origin == str(path.resolve())
    assert first.kind == "group_event" and first.register == "group"
    # Alice by her e-mail (any case); the user's own address is nobody's.
    assert participants(first) == {people["alice"]}
    lunch = stored["lunch-chloe-2024@example.org"]
    assert participants(lunch) == {people["chloe"]}  # by exact name
    assert (lunch.kind, lunch.register) == ("meal", "social")


def test_reimport_of_the_same_file_changes_nothing(people, tmp_path):
    path = copy(tmp_path, "weekly_club.ics")
    import_calendar(path, batch=None)
    before = {k: (i.id, i.occurred_at, i.updated_at) for k, i in interactions().items()}
    report = import_calendar(path, batch=None)
    assert (report.new, report.updated, report.unchanged, report.removed) == (0, 0, 8, 0)
    after = {k: (i.id, i.occurred_at, i.updated_at) for k, i in interactions().items()}
    assert after == before


def test_reimport_moves_removes_and_keeps(people, tmp_path):
    path = copy(tmp_path, "weekly_club.ics")
    import_calendar(path, batch=None)
    ids = {k: i.id for k, i in interactions().items()}
    shutil.copyfile(DATA / "weekly_club_updated.ics", path)
    report = import_calendar(path, batch=None)
    # 11 Sept moved to the 12th; 2 Oct EXDATE'd; 9 Oct cancelled; the rest as they were.
    assert (report.new, report.updated, report.removed) == (0, 1, 2)
    assert report.unchanged == 5
    stored = interactions()
    moved = stored["club-evenings-2024@example.org#20240911T170000Z"]
    assert moved.id == ids[moved.external_key]  # the same interaction, moved
    assert moved.occurred_at == dt.datetime(2024, 9, 12, 18, 0)
    assert moved.summary == "Soirée du club d'échecs (moved to Thursday)"
    assert "club-evenings-2024@example.org#20241002T170000Z" not in stored
    assert "club-evenings-2024@example.org#20241009T170000Z" not in stored
    assert stored["lunch-chloe-2024@example.org"].id == ids["lunch-chloe-2024@example.org"]
    assert len(stored) == 6


def test_reimport_never_overwrites_or_removes_what_the_user_edited(people, tmp_path):
    path = copy(tmp_path, "weekly_club.ics")
    import_calendar(path, batch=None)
    stored = interactions()
    moved_key = "club-evenings-2024@example.org#20240911T170000Z"
    cancelled_key = "club-evenings-2024@example.org#20241002T170000Z"
    for key in (moved_key, cancelled_key):
        Interaction.update(edited=True, note="my own words").where(
            Interaction.id == stored[key].id
        ).execute()
    shutil.copyfile(DATA / "weekly_club_updated.ics", path)
    report = import_calendar(path, batch=None)
    assert (report.updated, report.removed) == (0, 1)
    after = interactions()
    assert after[moved_key].occurred_at == dt.datetime(2024, 9, 11, 17, 0)
    assert after[moved_key].note == "my own words"
    assert cancelled_key in after


def test_occurrences_outside_the_window_are_not_imported_nor_removed(people, tmp_path):
    path = copy(tmp_path, "weekly_club.ics")
    import_calendar(path, batch=None)
    set_setting("calendar_import_days", 10)  # the 2024 evenings are now too old
    report = import_calendar(path, batch=None)
    assert (report.new, report.removed) == (0, 0)
    assert len(interactions()) == 8


def test_future_occurrences_are_not_interactions(people, tmp_path):
    today = dt.datetime.now(dt.UTC).date()
    start = today - dt.timedelta(weeks=3)
    path = tmp_path / "rolling.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:weekly-coffee@example.org\r\n"
        f"DTSTART:{start:%Y%m%d}T080000Z\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\n"
        "SUMMARY:Coffee with Alice\r\nATTENDEE:mailto:alice@example.org\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    report = import_calendar(path, batch=None)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert report.new in (3, 4)  # three weeks back, plus today's if 08:00 has passed
    assert all(i.occurred_at <= now for i in Interaction.select())
    assert all(i.kind == "coffee" for i in Interaction.select())


def test_this_and_future_and_rdate(people, tmp_path):
    path = copy(tmp_path, "this_and_future.ics")
    report = import_calendar(path, batch=None)
    assert report.new == 9  # six runs, one breakfast and its two extra dates
    runs = sorted(
        (i for i in Interaction.select() if i.external_key.startswith("running")),
        key=lambda i: i.occurred_at,
    )
    assert [i.occurred_at.hour for i in runs] == [17, 17, 17, 18, 18, 18]
    assert runs[0].kind == "sport"


def test_time_zones(people, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        path = copy(tmp_path, "time_zones.ics")
        report = import_calendar(path, batch=None)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert report.new == 6 and not report.rejected
    stored = {k: (i.occurred_at, i.tz, i.all_day, i.kind) for k, i in interactions().items()}
    assert stored["tz-windows@example.org"] == (
        dt.datetime(2024, 6, 10, 8, 0),
        "Europe/Berlin",
        False,
        "coffee",
    )
    # Floating: the wall-clock time of the computer (New York here, summer: UTC-4).
    assert stored["tz-floating@example.org"] == (
        dt.datetime(2024, 6, 11, 14, 0),
        "floating",
        False,
        "coffee",
    )
    # A whole day: noon UTC, so that every zone reads the same date.
    assert stored["tz-all-day@example.org"] == (dt.datetime(2024, 6, 12, 12, 0), "", True, "sport")
    assert stored["tz-utc@example.org"] == (
        dt.datetime(2024, 6, 13, 10, 0),
        "UTC",
        False,
        "meeting",
    )
    assert stored["tz-custom@example.org"] == (
        dt.datetime(2024, 6, 14, 4, 30),
        "",
        False,
        "volunteering",
    )  # the file's own zone
    assert stored["tz-olson@example.org"] == (
        dt.datetime(2024, 6, 15, 14, 0),
        "America/New_York",
        False,
        "party",
    )


def test_malformed_event_is_rejected_with_its_line_and_the_rest_imported(people, tmp_path):
    path = copy(tmp_path, "malformed_event.ics")
    report = import_calendar(path, batch=None)
    assert report.new == 2
    assert set(interactions()) == {"good-1@example.org", "good-2@example.org"}
    lines = [p.line for p in report.rejected]
    assert lines == [10, 26]  # the broken start, the event that never ends
    assert "DTSTART" in report.rejected[0].reason and "13" in report.rejected[0].reason
    assert "END:VEVENT" in report.rejected[1].reason


def test_not_a_calendar_is_refused_and_nothing_stored(people, tmp_path):
    for name, data in (
        ("card.ics", (DATA / "not_a_calendar.ics").read_bytes()),
        ("binary.ics", b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
        ("empty.ics", b""),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(UserError) as caught:
            import_calendar(path, batch=None)
        assert caught.value.path == str(path)
        assert "iCalendar" in caught.value.message
    with pytest.raises(UserError):
        import_calendar(tmp_path / "missing.ics", batch=None)
    assert Interaction.select().count() == 0
    assert Contact.select().count() == 2


def test_create_contacts_turns_attendees_into_people(db, tmp_path):
    set_setting("calendar_import_days", 36500)
    set_setting("my_emails", ["me@example.net"])
    path = copy(tmp_path, "weekly_club.ics")
    batch = ImportBatch.create(path=str(path), file_hash="x", kind="ics")
    report = import_calendar(path, batch=batch, create_contacts=True)
    names = {c.display_name for c in Contact.select()}
    assert names == {"Alice Martin", "Bruno Petit", "Chloé Durand"}  # not "Me Myself"
    bruno = Contact.get(Contact.display_name == "Bruno Petit")
    assert [m.normalized for m in bruno.methods] == ["bruno.petit@example.org"]
    assert report.new == 8 and [u.summary for u in report.unmatched] == ["Dentist"]
    created = ImportChange.select().where(
        (ImportChange.batch == batch) & (ImportChange.action == "created")
    )
    assert sorted(c.contact.display_name for c in created) == [
        "Alice Martin",
        "Bruno Petit",
        "Chloé Durand",
    ]
    club = Interaction.get(
        Interaction.external_key == "club-evenings-2024@example.org#20240904T170000Z"
    )
    assert len(participants(club)) == 2  # Alice and Bruno, created once each


def test_dry_run_stores_nothing(people, tmp_path):
    path = copy(tmp_path, "weekly_club.ics")
    report = import_calendar(path, batch=None, create_contacts=True, dry_run=True)
    assert report.new == 8 and report.dry_run
    assert Interaction.select().count() == 0
    assert Contact.select().count() == 2


def test_the_same_calendar_downloaded_again_under_another_name(people, tmp_path):
    first = copy(tmp_path, "weekly_club.ics", "basic.ics")
    import_calendar(first, batch=None)
    ids = {k: i.id for k, i in interactions().items()}
    second = copy(tmp_path, "weekly_club_updated.ics", "basic (1).ics")
    report = import_calendar(second, batch=None)
    # The moved evening moves; the other file's occurrences become this file's.
    assert (report.new, report.updated) == (0, 1)
    stored = interactions()
    moved = stored["club-evenings-2024@example.org#20240911T170000Z"]
    assert moved.id == ids[moved.external_key]
    assert moved.occurred_at == dt.datetime(2024, 9, 12, 18, 0)
    assert moved.origin == str(second.resolve())
    # Cancellations are only seen by the file that brought them.
    assert stored["club-evenings-2024@example.org#20241002T170000Z"].origin == str(first.resolve())


def test_an_interaction_not_from_a_calendar_is_never_taken_over(people, tmp_path):
    Interaction.create(
        occurred_at=dt.datetime(2024, 10, 3, 11, 0),
        kind="meal",
        register="social",
        source="manual",
        external_key="lunch-chloe-2024@example.org",
        summary="typed by hand",
    )
    report = import_calendar(copy(tmp_path, "weekly_club.ics"), batch=None)
    assert (report.new, report.unchanged) == (7, 1)
    lunch = interactions()["lunch-chloe-2024@example.org"]
    assert (lunch.source, lunch.summary) == ("manual", "typed by hand")


def test_progress_and_cancel(people, tmp_path):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN"]
    for n in range(450):
        lines += [
            "BEGIN:VEVENT",
            f"UID:e{n}@example.org",
            "DTSTART:20240105T100000Z",
            "SUMMARY:Coffee",
            "ATTENDEE:mailto:alice@example.org",
            "END:VEVENT",
        ]
    path = tmp_path / "many.ics"
    path.write_text("\r\n".join(lines + ["END:VCALENDAR", ""]), encoding="utf-8")
    seen = []
    report = import_calendar(path, batch=None, progress=lambda d, t: seen.append((d, t)))
    assert report.new == 450 and seen[-1] == (450, 450)
    Interaction.delete().execute()
    with pytest.raises(Cancelled):
        import_calendar(path, batch=None, should_cancel=lambda: True)
    assert Interaction.select().count() == 0


def test_an_unmatched_series_is_listed_once(db, tmp_path):
    set_setting("calendar_import_days", 36500)
    path = copy(tmp_path, "weekly_club.ics")
    report = import_calendar(path, batch=None)
    assert report.new == 0
    listed = [(u.summary, u.date, u.occurrences) for u in report.unmatched]
    assert listed == [
        ("Soirée du club d'échecs", "2024-09-04T17:00Z", 7),
        ("Lunch with Chloé", "2024-10-03T11:00Z", 1),
        ("Dentist", "2024-10-08T08:00Z", 1),
    ]
    assert report.unmatched[0].attendees == [
        "alice@example.org",
        "bruno.petit@example.org",
        "me@example.net",
    ]


def test_an_imported_floating_time_can_be_edited(people, tmp_path):
    from entregent.services.relations.interactions import edit_interaction

    import_calendar(copy(tmp_path, "time_zones.ics"), batch=None)
    floating = Interaction.get(Interaction.external_key == "tz-floating@example.org")
    edit_interaction(floating.id, when=dt.datetime(2024, 6, 11, 11, 0))
    edited = Interaction.get_by_id(floating.id)
    assert edited.edited and edited.tz == "floating"
    assert edited.occurred_at == dt.datetime(2024, 6, 11, 11, 0).astimezone(dt.UTC).replace(
        tzinfo=None
    )


def test_a_rule_firing_every_second_is_left_out_and_the_rest_imported(people, tmp_path):
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=700)
    path = tmp_path / "endless.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
        "BEGIN:VEVENT\r\nUID:every-second@example.org\r\n"
        f"DTSTART:{start:%Y%m%dT%H%M%S}Z\r\nSUMMARY:Tick\r\nRRULE:FREQ=SECONDLY\r\n"
        "ATTENDEE:mailto:alice@example.org\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:daily@example.org\r\n"
        f"DTSTART:{start:%Y%m%dT%H%M%S}Z\r\nSUMMARY:Stand-up\r\nRRULE:FREQ=DAILY;COUNT=20\r\n"
        "ATTENDEE:mailto:alice@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    report = import_calendar(path, batch=None)
    assert [p.line for p in report.rejected] == [8]  # its RRULE line
    assert "too often" in report.rejected[0].reason
    assert report.new == 20
