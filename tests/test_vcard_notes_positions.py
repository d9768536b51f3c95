"""Issue 17: several NOTE lines are several notes, kept apart and in order; several
ORG/TITLE/ROLE are several positions (jobs), each organisation with its units as
parts and the title that goes with it. Stored, shown, exported back.
Fixture: tests/data/vcard/notes-positions.vcf (make_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from entregent.io.vcard_lines import card_lines
from entregent.model.tables import Contact, ContactNote, ContactPosition
from entregent.services.exports.vcard_export import export_contacts
from entregent.services.imports.dispatch import import_file
from entregent.services.people.detail import person_detail
from entregent.services.people.edits import update_person
from entregent.services.people.search import search_contacts

FIXTURE = Path(__file__).parent / "data" / "vcard" / "notes-positions.vcf"
UNIVERSITY = "Université de Lyon, Département de philosophie, Équipe éthique"

# family: (org, title, note, more notes, positions)
STORED = {
    "Okafor": (
        UNIVERSITY,
        "Maître de conférences",
        "Met at the conference in 2019.",
        ["Allergic to peanuts."],
        [
            (
                "Université de Lyon",
                '["Département de philosophie", "Équipe éthique"]',
                "Maître de conférences",
                "Chercheur",
            ),
            ("Café des Arts", "[]", "Bénévole", ""),
        ],
    ),
    # Apple's item groups pair each ORG with its TITLE, whatever their order
    "Grant": (
        "Foundry Labs",
        "Advisor",
        "",
        [],
        [("Foundry Labs", "[]", "Advisor", ""), ("Acme", '["R&D"]', "Engineer", "")],
    ),
    "Sato": ("Acme, Sales", "Manager", "", [], [("Acme", '["Sales"]', "Manager", "")]),
    "Moreau": ("", "", "Première ligne\nseconde ligne", ["Second note"], []),
}


def _stored() -> dict[str, tuple]:
    return {
        c.family_name: (
            c.org,
            c.title,
            c.note,
            [n.text for n in ContactNote.select().where(ContactNote.contact == c)],
            [
                (p.org, p.units, p.title, p.role)
                for p in ContactPosition.select()
                .where(ContactPosition.contact == c)
                .order_by(ContactPosition.position)
            ],
        )
        for c in Contact.select()
    }


def test_notes_and_positions_are_kept_apart(db):
    report = import_file(FIXTURE)
    assert (report.new, report.rejected, report.skipped_lines) == (4, [], [])
    assert _stored() == STORED
    chidi = Contact.get(Contact.family_name == "Okafor")
    detail = person_detail(chidi.id)
    assert detail.more_notes == ["Allergic to peanuts."]
    assert detail.positions == [
        (
            ["Université de Lyon", "Département de philosophie", "Équipe éthique"],
            "Maître de conférences",
            "Chercheur",
        ),
        (["Café des Arts"], "Bénévole", ""),
    ]
    # the second job and the second note are found by search
    assert [h.name for h in search_contacts("Bénévole")] == ["Chidi Okafor"]
    assert [h.name for h in search_contacts("peanuts")] == ["Chidi Okafor"]


WRITTEN = [
    "ORG:Université de Lyon;Département de philosophie;Équipe éthique",
    "TITLE:Maître de conférences",
    "ROLE:Chercheur",
    "ORG:Café des Arts",
    "TITLE:Bénévole",
    "NOTE:Met at the conference in 2019.",
    "NOTE:Allergic to peanuts.",
]


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_each_note_and_job_is_written_back_and_reimports_unchanged(db, tmp_path, version):
    import_file(FIXTURE)
    out = tmp_path / "out.vcf"
    export_contacts(out, vcard_version=version)
    [card] = [c for c in out.read_text(encoding="utf-8").split("END:VCARD") if "Okafor" in c]
    lines = [p.text_line() for p in card_lines(card, 1).props]
    assert [line for line in lines if line.startswith(("ORG", "TITLE", "ROLE", "NOTE"))] == WRITTEN
    again = import_file(out)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 4)
    assert _stored() == STORED
    Contact.delete().execute()
    assert import_file(out).new == 4
    assert _stored() == STORED


def test_an_organisation_edited_in_the_app_is_written_as_it_is_now(db, tmp_path):
    import_file(FIXTURE)
    ken = Contact.get(Contact.family_name == "Sato")
    update_person(ken.id, {"org": "Globex"})
    out = tmp_path / "out.vcf"
    export_contacts(out, vcard_version="3.0")
    [card] = [c for c in out.read_text(encoding="utf-8").split("END:VCARD") if "Sato" in c]
    lines = [p.text_line() for p in card_lines(card, 1).props]
    assert [line for line in lines if line.startswith(("ORG", "TITLE"))] == [
        "ORG:Globex",
        "TITLE:Manager",
    ]
