"""Who becomes a person from a calendar: rooms, resources, groups and calendars never do;
names are cleaned; a name alone never links an attendee with another address."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from entregent.io.ics_people import GROUP, PERSON, RESOURCE, ROOM, classify, clean_name, email_of
from entregent.model.tables import Contact, ContactMethod, Interaction, Participant
from entregent.services.imports.ics_import import import_calendar
from entregent.services.settings import set_setting

DATA = Path(__file__).resolve().parent / "data" / "ics"


@pytest.fixture
def calendar(db, tmp_path):
    set_setting("calendar_import_days", 36500)  # the file is from 2024
    set_setting("my_emails", ["me@example.net"])
    chloe = Contact.create(display_name="Chloé Durand")
    ContactMethod.create(
        contact=chloe, kind="email", value="chloe@example.com", normalized="chloe@example.com"
    )
    path = tmp_path / "people.ics"
    shutil.copyfile(DATA / "who_is_a_person.ics", path)
    return path, chloe.id


def emails_of(contact_id: int) -> list[str]:
    return [
        m.value
        for m in ContactMethod.select().where(ContactMethod.contact == contact_id)
        if m.kind == "email"
    ]


def stored() -> dict[str, tuple]:
    rows = {}
    for interaction in Interaction.select():
        names = sorted(
            Contact.get_by_id(p.contact_id).display_name
            for p in Participant.select().where(Participant.interaction == interaction.id)
        )
        rows[interaction.external_key] = (interaction.location, interaction.note, names)
    return rows


def test_only_people_become_contacts_and_participants(calendar):
    path, chloe = calendar
    report = import_calendar(path, batch=None, create_contacts=True)
    assert (report.new, report.updated, report.unchanged, report.removed) == (6, 0, 0, 0)
    contacts = {
        c.display_name: (c.given_name, c.family_name, c.org, c.note, emails_of(c.id))
        for c in Contact.select().where(Contact.id != chloe)
    }
    assert contacts == {
        "Paul Martin": ("Paul", "Martin", "", "", ["paul.martin@example.com"]),
        "Sofia Rossi": ("Sofia", "Rossi", "", "", ["sofia.rossi@example.com"]),
        "Jean Dupont": ("Jean", "Dupont", "", "", ["jean.dupont@example.org"]),
        "Kim Tran": (
            "Kim",
            "Tran",
            "",
            "Name guessed from the e-mail address kim.tran@example.org.",
            ["kim.tran@example.org"],
        ),
        "Lotte Berg": ("Lotte", "Berg", "", "", ["lotte.berg@example.com"]),
        "Anne Klein": ("Anne", "Klein", "Acme", "", ["anne.klein@acme.example"]),
        "Marc Weber": ("Marc", "Weber", "Acme", "", ["marc.weber@acme.example"]),
        "Ravi Patel": ("Ravi", "Patel", "", "", ["rpatel@example.com"]),
    }
    assert stored() == {
        # Exchange: the room mailbox booked (CUTYPE=RESOURCE, a room's name) is the place.
        "exchange-room@example.com": ("Conf Room Rhône", "", ["Paul Martin", "Sofia Rossi"]),
        # Evolution: the room is the place, the projector a resource; the organizer's
        # e-mail-as-name is no name; "Dupont, Jean" is Jean Dupont.
        "evolution-room@example.org": (
            "Salle Jura",
            "Resources: Projector 2",
            ["Jean Dupont", "Kim Tran"],
        ),
        # Google: the resource calendar is the room; the team, holiday and import
        # calendars are nobody.
        "google-resource@example.net": ("Paris-3-Atelier (8)", "", ["Jean Dupont"]),
        # The group is nobody, its member somebody; CUTYPE=UNKNOWN room4@ is a room;
        # the organizer is the user.
        "group-members@example.com": ("Meeting Room 4", "", ["Lotte Berg"]),
        # Lotus Notes names; invalid:nomail, a name as address and no @ are nobody.
        "lotus-notes@example.com": ("", "", ["Anne Klein", "Marc Weber"]),
        # Chloé under another address: proposed, not linked nor made twice.
        "groupwise-unknown@example.com": ("", "", ["Ravi Patel"]),
    }
    assert [m.as_json() for m in report.possible_matches] == [
        {
            "name": "Chloé Durand",
            "email": "chloe.d@elsewhere.example",
            "contact_id": chloe,
            "contact_name": "Chloé Durand",
            "contact_emails": ["chloe@example.com"],
            "summary": "Call",
            "occurrences": 1,
        }
    ]
    assert report.as_json()["possible_matches"][0]["contact_id"] == chloe
    # A re-import changes nothing.
    again = import_calendar(path, batch=None, create_contacts=True)
    assert (again.new, again.updated, again.unchanged, again.removed) == (0, 0, 6, 0)
    assert Contact.select().count() == 9


def test_name_from_address_is_marked(db, tmp_path):
    set_setting("calendar_import_days", 36500)
    path = tmp_path / "one.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
        "DTSTAMP:20240101T000000Z\r\nDTSTART:20240102T100000Z\r\nSUMMARY:Coffee\r\n"
        'ATTENDEE;CN="jeanne.moreau@example.fr":mailto:jeanne.moreau@example.fr\r\n'
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    import_calendar(path, batch=None, create_contacts=True)
    [contact] = Contact.select()
    assert (contact.display_name, contact.given_name, contact.family_name) == (
        "Jeanne Moreau",
        "Jeanne",
        "Moreau",
    )
    assert contact.note == "Name guessed from the e-mail address jeanne.moreau@example.fr."


@pytest.mark.parametrize(
    ("cn", "expected"),
    [
        ('"Jean Dupont"', ("Jean Dupont", "Jean", "Dupont", "")),
        ("'Jean Dupont'", ("Jean Dupont", "Jean", "Dupont", "")),
        ("jean@example.org", ("", "", "", "")),
        ("Dupont, Jean", ("Jean Dupont", "Jean", "Dupont", "")),
        ("CN=Jean Dupont/O=Acme", ("Jean Dupont", "Jean", "Dupont", "Acme")),
        ("CN=Jean Dupont/OU=Sales/O=Acme/C=FR", ("Jean Dupont", "Jean", "Dupont", "Acme")),
        ("Jean Dupont/Acme", ("Jean Dupont", "Jean", "Dupont", "Acme")),
        ("Jean Dupont/Sales/Acme/FR", ("Jean Dupont", "Jean", "Dupont", "Acme")),
        ("Jean Dupont <jean@example.org>", ("Jean Dupont", "Jean", "Dupont", "")),
        ("Cher", ("Cher", "", "", "")),
    ],
)
def test_clean_name(cn, expected):
    name = clean_name(cn)
    assert (name.name, name.given, name.family, name.org) == expected


@pytest.mark.parametrize(
    ("value", "params", "email", "kind"),
    [
        ("mailto:a@example.org", {}, "a@example.org", PERSON),
        ("mailto:invalid:nomail", {"CN": "X"}, "", PERSON),
        ("mailto:Guest without address", {}, "", PERSON),
        ("urn:uuid:0b1c", {}, "", PERSON),
        ("mailto:x@resource.calendar.google.com", {}, "x@resource.calendar.google.com", ROOM),
        ("mailto:x@group.calendar.google.com", {}, "x@group.calendar.google.com", GROUP),
        ("mailto:a@example.org", {"CUTYPE": "GROUP"}, "a@example.org", GROUP),
        ("mailto:beamer@example.org", {"CUTYPE": "RESOURCE"}, "beamer@example.org", RESOURCE),
        ("mailto:rm@example.org", {"CUTYPE": "ROOM"}, "rm@example.org", ROOM),
        ("mailto:conf.b@example.org", {"CUTYPE": "UNKNOWN"}, "conf.b@example.org", ROOM),
        ("mailto:bob@example.org", {"CUTYPE": "UNKNOWN"}, "bob@example.org", PERSON),
        ("mailto:roomba.fan@example.org", {}, "roomba.fan@example.org", PERSON),
    ],
)
def test_classify(value, params, email, kind):
    assert email_of(value) == email
    assert classify(email, params) == kind
