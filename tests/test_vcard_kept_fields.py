"""Issue 17, fields dropped before: Android custom rows, SIP addresses, and every
property we do not edit (GEO, LABEL, ROLE, CLASS, relations, unknown ones) kept on
export (relation rows are written from the relation table, tested with it).
Fixture: tests/data/vcard/kept-fields.vcf (make_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from entregent.io.vcard_lines import card_lines
from entregent.model.database import database
from entregent.model.tables import Contact, ContactMethod
from entregent.services.exports.vcard_export import export_contacts
from entregent.services.imports.dispatch import import_file

DATA = Path(__file__).parent / "data" / "vcard"


def _methods(contact) -> list[tuple[str, str, str, str]]:
    return [
        (m.kind, m.value, m.label, m.normalized)
        for m in ContactMethod.select()
        .where(ContactMethod.contact == contact)
        .order_by(ContactMethod.position)
    ]


def _stored():
    yui = Contact.get(Contact.family_name == "Tanaka")
    jane = Contact.get(Contact.family_name == "Appleseed")
    mika = Contact.get((Contact.family_name == "") & (Contact.given_name == ""))
    return yui, jane, mika


def _check(yui, jane, mika) -> None:
    assert (yui.display_name, yui.nickname, yui.anniversary, yui.title) == (
        "Yui Tanaka",
        "Yuichan",
        "2012-05-19",
        "Team lead",
    )
    assert _methods(yui) == [
        ("tel", "+81 90 1234 5678", "cell", "+819012345678"),
        ("impp", "sip:yui@sip.example.jp", "sip", ""),
        ("impp", "yui.work@sip.example.jp", "sip", ""),
    ]
    assert _methods(jane) == [("impp", "sip:jane@voip.example.com", "sip", "")]
    assert mika.display_name == ""


KEPT_YUI = [
    "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2019-09-01;0;Dojo;;;;;;;;;;;;",
    "GEO:35.6895;139.6917",
    "CLASS:PRIVATE",
    "ROLE:Team lead",
    "LABEL;HOME:1-1 Chiyoda\\nTokyo",
]
KEPT_JANE = [
    "X-FUTURE-THING;X-P=1:kept as written",
    "SOURCE:https://example.com/jane.vcf",
]


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_custom_rows_sip_and_unknown_properties_survive_export_and_reimport(db, tmp_path, version):
    report = import_file(DATA / "kept-fields.vcf")
    assert (report.new, report.rejected, report.skipped_lines) == (3, [], [])
    _check(*_stored())
    relations = database.execute_sql("SELECT count(*) FROM relation").fetchone()[0]
    assert relations >= 3
    out = tmp_path / "out.vcf"
    export_contacts(out, vcard_version=version)
    cards = out.read_text(encoding="utf-8").split("END:VCARD")
    lines = {
        name: [p.text_line() for p in card_lines(text, 1).props]
        for text in cards
        for name in ("Tanaka", "Appleseed")
        if name in text
    }
    for line in KEPT_YUI:
        assert line in lines["Tanaka"]
    for line in KEPT_JANE:
        assert line in lines["Appleseed"]
    database.execute_sql("DELETE FROM source_card")
    database.execute_sql("DELETE FROM contact")
    again = import_file(out)
    assert (again.new, again.rejected, again.skipped_lines) == (3, [], [])
    _check(*_stored())
    assert database.execute_sql("SELECT count(*) FROM relation").fetchone()[0] == relations
    # and the second round trip gives the same file
    out2 = tmp_path / "out2.vcf"
    export_contacts(out2, vcard_version=version)
    assert sorted(out2.read_text(encoding="utf-8").split("END:VCARD")) == sorted(cards)


TEL_LABELS = [
    ("+33 6 00 00 00 01", "cell", 1),
    ("+33 1 00 00 00 02", "home", 0),
    ("+33 1 00 00 00 03", "work", 0),
    ("+33 1 00 00 00 04", "fax,home", 0),
    ("+33 1 00 00 00 05", "fax,work", 0),
    ("+33 6 00 00 00 06", "pager", 0),
    ("+33 6 00 00 00 07", "video", 0),
    ("+33 6 00 00 00 08", "car", 0),
    ("+33 1 00 00 00 09", "isdn", 0),
    ("+33 6 00 00 00 10", "msg", 0),
    ("+33 1 00 00 00 11", "bbs", 0),
    ("+33 1 00 00 00 12", "modem", 0),
    ("+33 1 00 00 00 13", "main", 0),
    ("+33 1 00 00 00 14", "callback", 0),
    ("+33 1 00 00 00 15", "other", 0),
    ("+33 1 00 00 00 16", "Assistant", 0),
    ("+33 2 00 00 00 17", "Maison de Bretagne", 0),
    ("+33 6 00 00 00 18", "mobile", 0),
]


def _tels():
    return sorted(
        (m.value, m.label, m.pref)
        for m in ContactMethod.select().where(ContactMethod.kind == "tel")
    )


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_every_tel_type_pref_and_custom_label_survive(db, tmp_path, version):
    report = import_file(DATA / "tel-labels.vcf")
    assert (report.new, report.rejected, report.skipped_lines) == (2, [], [])
    assert _tels() == sorted(TEL_LABELS)
    out = tmp_path / "out.vcf"
    export_contacts(out, vcard_version=version)
    text = out.read_text(encoding="utf-8")
    assert "X-ABLabel:Maison de Bretagne" in text and "X-ABLabel:Assistant" in text
    database.execute_sql("DELETE FROM source_card")
    database.execute_sql("DELETE FROM contact")
    import_file(out)
    assert _tels() == sorted(TEL_LABELS)
