"""The owner of a calendar is not a participant in their own events; guessed
until the user says who they are, and the answer remembered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from entregent.model.tables import Contact, ContactMethod, Interaction, Participant
from entregent.services.imports.ics_import import import_calendar
from entregent.services.imports.ics_owner import remember_owner_answer
from entregent.services.settings import get_setting, set_setting

DATA = Path(__file__).resolve().parent / "data" / "ics"


@pytest.fixture
def known(db):
    set_setting("calendar_import_days", 36500)  # the files are from 2024
    ids = {}
    for name, email in (
        ("Sofia Rossi", "sofia.rossi@example.com"),
        ("Paul Martin", "paul.martin@example.com"),
        ("Alice Martin", "alice@example.org"),
        ("Bruno Petit", "bruno.petit@example.org"),
    ):
        contact = Contact.create(display_name=name)
        ContactMethod.create(contact=contact, kind="email", value=email, normalized=email)
        ids[name] = contact.id
    return ids


def copy(tmp_path: Path, name: str) -> Path:
    shutil.copyfile(DATA / name, tmp_path / name)
    return tmp_path / name


def people_by_summary() -> dict[str, list[str]]:
    return {
        i.summary: sorted(
            Contact.get_by_id(p.contact_id).display_name
            for p in Participant.select().where(Participant.interaction == i.id)
        )
        for i in Interaction.select()
    }


def test_google_calendar_name_is_its_owner(known, tmp_path):
    report = import_calendar(copy(tmp_path, "owner_google.ics"), batch=None)
    assert report.owner.as_json() == {
        "email": "sofia.rossi@example.com",
        "name": "Sofia Rossi",
        "reason": "calendar property",
        "events": 2,
        "of": 2,
    }
    assert report.as_json()["owner"]["email"] == "sofia.rossi@example.com"
    assert people_by_summary() == {"Coffee with Alice": ["Alice Martin"], "Lunch": ["Bruno Petit"]}


def test_organizer_of_most_events_is_the_owner(known, tmp_path):
    path = copy(tmp_path, "owner_organizer.ics")
    report = import_calendar(path, batch=None)
    assert (report.owner.email, report.owner.reason, report.owner.events) == (
        "paul.martin@example.com",
        "organizer",
        2,
    )
    assert people_by_summary() == {
        "Review with Alice": ["Alice Martin"],
        "Review with Bruno": ["Bruno Petit"],
        "Dinner": ["Alice Martin", "Bruno Petit"],
    }
    again = import_calendar(path, batch=None)
    assert (again.new, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)


def test_the_answer_is_remembered(known, tmp_path):
    path = copy(tmp_path, "owner_organizer.ics")
    remember_owner_answer("Paul.Martin@example.com", mine=False)
    assert get_setting("not_my_emails") == ["paul.martin@example.com"]
    report = import_calendar(path, batch=None)
    assert report.owner is None  # never asked again
    assert people_by_summary()["Review with Alice"] == ["Alice Martin", "Paul Martin"]
    remember_owner_answer("sofia.rossi@example.com", mine=True)
    remember_owner_answer("sofia.rossi@example.com", mine=True)
    assert get_setting("my_emails") == ["sofia.rossi@example.com"]
    # Once the user has said who they are, nothing is guessed.
    assert import_calendar(copy(tmp_path, "owner_google.ics"), batch=None).owner is None


def test_the_address_on_every_event_is_the_owner(known, tmp_path):
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{n}\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:2024050{n}T100000Z\r\n"
        f"SUMMARY:Meeting {n}\r\nORGANIZER:mailto:{organizer}\r\n"
        "ATTENDEE;CN=Bruno Petit:mailto:bruno.petit@example.org\r\nEND:VEVENT\r\n"
        for n, organizer in (
            (1, "alice@example.org"),
            (2, "paul.martin@example.com"),
            (3, "x@y.org"),
        )
    )
    path = tmp_path / "bruno.ics"
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{events}END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    report = import_calendar(path, batch=None)
    assert (report.owner.email, report.owner.reason, report.owner.events, report.owner.of) == (
        "bruno.petit@example.org",
        "on every event",
        3,
        3,
    )
    assert people_by_summary() == {
        "Meeting 1": ["Alice Martin"],
        "Meeting 2": ["Paul Martin"],
    }
