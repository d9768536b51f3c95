"""Issue 17: Android's other events (X-ANDROID-CUSTOM contact_event rows of type
"other" or with the user's own label) are stored as dated events with their label,
shown, and exported back. Fixture: tests/data/vcard/android-events.vcf
(make_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from entregent.io.vcard_lines import card_lines
from entregent.model.tables import Contact, ContactEvent
from entregent.services.exports.vcard_export import export_contacts
from entregent.services.imports.dispatch import import_file
from entregent.services.people.detail import person_detail

FIXTURE = Path(__file__).parent / "data" / "vcard" / "android-events.vcf"
ROW = "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event"
TAIL = ";" * 12

STORED = {
    "Nakamura": (
        "1990-03-03",
        "2010-06-12",
        [("2015-04-01", "other"), ("2018-10-20", "Dojo"), ("--12-24", "Name day")],
    ),
    "Lefebvre": (None, None, [("2020-02-02", "Équipe de nuit")]),
    "": (None, None, [("2021-07-14", "other")]),  # a card of event rows only: a person
}


def _stored() -> dict[str, tuple]:
    return {
        c.family_name: (
            c.birthday,
            c.anniversary,
            [
                (e.date, e.label)
                for e in ContactEvent.select()
                .where(ContactEvent.contact == c)
                .order_by(ContactEvent.position)
            ],
        )
        for c in Contact.select()
    }


def test_android_event_rows_are_dated_events_with_their_label(db):
    report = import_file(FIXTURE)
    assert (report.new, report.rejected, report.skipped_lines) == (3, [], [])
    assert _stored() == STORED
    aiko = Contact.get(Contact.family_name == "Nakamura")
    assert person_detail(aiko.id).events == STORED["Nakamura"][2]


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_dated_events_are_exported_as_android_rows_and_reimport_unchanged(db, tmp_path, version):
    import_file(FIXTURE)
    out = tmp_path / "out.vcf"
    export_contacts(out, vcard_version=version)
    [card] = [c for c in out.read_text(encoding="utf-8").split("END:VCARD") if "Nakamura" in c]
    rows = [p.text_line() for p in card_lines(card, 1).props if p.name == "X-ANDROID-CUSTOM"]
    assert rows == [
        f"{ROW};2015-04-01;2;{TAIL}",
        f"{ROW};2018-10-20;0;Dojo{TAIL}",
        f"{ROW};--12-24;0;Name day{TAIL}",
        # the anniversary and birthday rows come back as read (they are also
        # written as X-ANNIVERSARY/ANNIVERSARY and BDAY)
        f"{ROW};2010-06-12;1;{TAIL}",
        f"{ROW};1990-03-03;3;{TAIL}",
    ]
    again = import_file(out)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert _stored() == STORED
    Contact.delete().execute()
    assert import_file(out).new == 3
    assert _stored() == STORED
