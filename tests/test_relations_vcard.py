"""Relations read from the three vCard dialects, matched to people, and written back."""

from __future__ import annotations

from entregent.io.vcard_lines import card_lines
from entregent.model.tables import Contact, Relation
from entregent.services.exports.vcard_export import contacts_as_vcards, export_contacts
from entregent.services.imports.dispatch import import_file


def _rows(contact: Contact) -> list[tuple]:
    return [
        (r.kind, r.label, r.other.display_name if r.other else None, r.other_text, r.source)
        for r in Relation.select().where(Relation.contact == contact).order_by(Relation.id)
    ]


def test_apple_related_names_with_labels_from_a_real_gmail_card(db, corpus):
    import_file(corpus / "vcard" / "ezvcard" / "gmail-single2.vcf")
    [person] = Contact.select()
    rows = _rows(person)
    assert rows[:4] == [
        ("knows", "", None, "Name1", "vcard"),
        ("spouse", "spouse", None, "Name2", "vcard"),
        ("child", "child", None, "Name3", "vcard"),
        ("parent", "mother", None, "Name4", "vcard"),
    ]
    kinds = {text: (kind, label) for kind, label, _o, text, _s in rows}
    assert kinds["Name8"] == ("sibling", "sister")
    assert kinds["Name10"] == ("relative", "relative")
    assert kinds["Name13"] == ("introduced_by", "referred_by")
    assert kinds["Name15"] == ("partner", "domestic_partner")
    assert kinds["Name16"] == ("knows", "customrelationcategory")
    assert len(rows) == 16


def test_vcard4_related_uri_kept_when_no_one_matches(db, corpus):
    import_file(corpus / "vcard" / "vobject" / "vcard40_full.vcf")
    [person] = Contact.select()
    assert _rows(person) == [
        ("spouse", "spouse", None, "urn:uuid:b8767877-b4a1-4c70-9acc-505d3819e519", "vcard")
    ]


BOOK = """BEGIN:VCARD
VERSION:4.0
UID:urn:uuid:lea-1
FN:Léa Martin
EMAIL:lea@example.org
END:VCARD
BEGIN:VCARD
VERSION:4.0
UID:urn:uuid:paul-1
FN:Paul Roux
END:VCARD
BEGIN:VCARD
VERSION:4.0
UID:urn:uuid:paul-2
FN:Paul Roux
END:VCARD
BEGIN:VCARD
VERSION:4.0
UID:urn:uuid:marc-1
FN:Marc Dubois
RELATED;TYPE=co-worker:urn:uuid:lea-1
RELATED;TYPE=friend:mailto:LEA@example.org
RELATED;VALUE=text;TYPE=sibling:Zoé Dubois
END:VCARD
BEGIN:VCARD
VERSION:3.0
UID:zoe-1
FN:Zoé Dubois
X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;LEA MARTIN;14;;;;;;;;;;;;;
X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Paul Roux;0;godfather;;;;;;;;;;;;
X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Zozo;1;;;;;;;;;;;;;
item1.X-ABRELATEDNAMES:Marc Dubois
item1.X-ABLabel:_$!<Brother>!$_
END:VCARD
"""


def _import_book(tmp_path):
    path = tmp_path / "book.vcf"
    path.write_text(BOOK, encoding="utf-8")
    import_file(path)


def test_names_and_uris_matched_where_unambiguous(db, tmp_path):
    _import_book(tmp_path)
    marc = Contact.get(Contact.display_name == "Marc Dubois")
    zoe = Contact.get(Contact.display_name == "Zoé Dubois")
    assert _rows(marc) == [
        ("colleague", "co-worker", "Léa Martin", "", "vcard"),
        ("friend", "friend", "Léa Martin", "", "vcard"),
        # Zoé comes later in the file: matched all the same
        ("sibling", "sibling", "Zoé Dubois", "", "vcard"),
    ]
    assert _rows(zoe) == [
        ("spouse", "spouse", "Léa Martin", "", "vcard"),  # case aside
        ("knows", "godfather", None, "Paul Roux", "vcard"),  # two Paul Roux: kept as text
        ("sibling", "brother", "Marc Dubois", "", "vcard"),
    ]


def test_reimport_replaces_card_relations_and_keeps_the_users(db, tmp_path):
    _import_book(tmp_path)
    marc = Contact.get(Contact.display_name == "Marc Dubois")
    Relation.create(contact=marc, other_text="Ana", kind="knows", source="manual")
    changed = BOOK.replace("RELATED;TYPE=friend:mailto:LEA@example.org\n", "")
    path = tmp_path / "again.vcf"
    path.write_text(changed, encoding="utf-8")
    import_file(path)
    assert [(k, o, t, s) for k, _l, o, t, s in _rows(marc)] == [
        ("knows", None, "Ana", "manual"),
        ("colleague", "Léa Martin", "", "vcard"),
        ("sibling", "Zoé Dubois", "", "vcard"),
    ]


def test_export_writes_relations_back_and_they_read_in_again(db, tmp_path):
    _import_book(tmp_path)
    marc = Contact.get(Contact.display_name == "Marc Dubois")
    zoe = Contact.get(Contact.display_name == "Zoé Dubois")
    [card4] = contacts_as_vcards([marc.id], "4.0")
    lines4 = [p.text_line() for p in card_lines(card4, 1).props]
    assert [line for line in lines4 if line.startswith("RELATED")] == [
        # issue 17: a 4.0 type is written as the card had it (it read co-worker)
        "RELATED;TYPE=co-worker:urn:uuid:lea-1",
        "RELATED;TYPE=friend:urn:uuid:lea-1",
        "RELATED;TYPE=sibling:urn:uuid:zoe-1",
    ]
    [card3] = contacts_as_vcards([zoe.id], "3.0")
    lines3 = [p.text_line() for p in card_lines(card3, 1).props]
    related = [line for line in lines3 if "RELATEDNAMES" in line or "ABLabel" in line]
    assert related == [
        "related1.X-ABRELATEDNAMES:Léa Martin",
        "related1.X-ABLabel:_$!<Spouse>!$_",
        "related2.X-ABRELATEDNAMES:Paul Roux",
        "related2.X-ABLabel:godfather",
        "related3.X-ABRELATEDNAMES:Marc Dubois",
        "related3.X-ABLabel:_$!<Brother>!$_",
    ]
    # the card's own relation lines are not given back a second time
    assert not any("cursor.item/relation" in line for line in lines3)
    assert any("cursor.item/nickname" in line for line in lines3)
    out = tmp_path / "out.vcf"
    export_contacts(out, vcard_version="3.0")
    Relation.delete().execute()
    import_file(out)
    assert [(k, o, t) for k, _l, o, t, _s in _rows(zoe)] == [
        ("spouse", "Léa Martin", ""),
        ("knows", None, "Paul Roux"),
        ("sibling", "Marc Dubois", ""),
    ]
