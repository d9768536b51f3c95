"""Issue 17: a quoted TYPE="work,voice" is two types on reading, and is written
back the way it came in. Fixture: tests/data/vcard/quoted-types.vcf
(make_fixtures.py; the 4.0 card is RFC 6350's TEL example)."""

from __future__ import annotations

from pathlib import Path

import pytest

from entregent.io.vcard_lines import card_lines
from entregent.model.tables import Contact, ContactMethod
from entregent.services.exports.vcard_export import export_contacts
from entregent.services.imports.dispatch import import_file

FIXTURE = Path(__file__).parent / "data" / "vcard" / "quoted-types.vcf"

STORED = {
    "Quote": [
        ("tel", "+1-555-555-5555", "voice,home", 1),
        ("tel", "+33-01-23-45-67", "home", 0),
        ("email", "quinn@example.com", "work,internet", 0),
    ],
    # unquoted, voice says nothing (every phone is one): as before
    "Work": [
        ("tel", "+33 1 23 45 67 89", "work,voice", 0),
        ("tel", "+33 1 98 76 54 32", "work", 0),
    ],
}


def _stored() -> dict[str, list[tuple]]:
    return {
        c.family_name: [
            (m.kind, m.value, m.label, m.pref)
            for m in ContactMethod.select()
            .where(ContactMethod.contact == c)
            .order_by(ContactMethod.position)
        ]
        for c in Contact.select()
    }


WRITTEN = {
    "3.0": {
        "Quote": [
            'TEL;TYPE="voice,home";TYPE=pref:+1-555-555-5555',
            "TEL;TYPE=HOME:+33-01-23-45-67",
            'EMAIL;TYPE="work,internet":quinn@example.com',
        ],
        "Work": ['TEL;TYPE="work,voice":+33 1 23 45 67 89', "TEL;TYPE=WORK:+33 1 98 76 54 32"],
    },
    "4.0": {
        "Quote": [
            'TEL;TYPE="voice,home";PREF=1:+1-555-555-5555',
            "TEL;TYPE=home:+33-01-23-45-67",
            'EMAIL;TYPE="work,internet":quinn@example.com',
        ],
        "Work": ['TEL;TYPE="work,voice":+33 1 23 45 67 89', "TEL;TYPE=work:+33 1 98 76 54 32"],
    },
}


def test_a_quoted_type_list_is_every_type_it_lists(db):
    report = import_file(FIXTURE)
    assert (report.new, report.rejected, report.skipped_lines) == (2, [], [])
    assert _stored() == STORED


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_a_quoted_type_list_is_written_back_as_it_came(db, tmp_path, version):
    import_file(FIXTURE)
    out = tmp_path / "out.vcf"
    export_contacts(out, vcard_version=version)
    cards = out.read_text(encoding="utf-8").split("END:VCARD")
    for family, expected in WRITTEN[version].items():
        [card] = [c for c in cards if f"N:{family};" in c]
        lines = [p.text_line() for p in card_lines(card, 1).props]
        assert [line for line in lines if line.startswith(("TEL", "EMAIL"))] == expected
    again = import_file(out)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    assert _stored() == STORED
    # exported again from the re-imported cards: the same lines
    second = tmp_path / "again.vcf"
    export_contacts(second, vcard_version=version)
    strip = [line for line in out.read_text().splitlines() if not line.startswith("REV")]
    assert [line for line in second.read_text().splitlines() if not line.startswith("REV")] == strip
