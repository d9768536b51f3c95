"""Every real vCard export of the shared corpus imports, with its values decoded right."""

from __future__ import annotations

import json

import pytest

from entregent.errors import NothingImported
from entregent.model.tables import (
    Contact,
    ContactContext,
    ContactMethod,
    Context,
    ImportBatch,
    SourceCard,
)
from entregent.services.imports.dispatch import import_file

from .conftest import CORPUS

VCARD_FILES = (
    sorted(p for p in (CORPUS / "vcard").rglob("*") if p.is_file())
    if (CORPUS / "vcard").is_dir()
    else []
)


def _ids(path):
    return str(path.relative_to(CORPUS / "vcard"))


@pytest.mark.parametrize("path", VCARD_FILES, ids=_ids)
def test_every_corpus_file_imports_and_reimports_as_a_no_op(db, path):
    try:
        report = import_file(path)
    except NothingImported as refused:  # every card broken: refused, no history
        assert refused.report.rejected and ImportBatch.select().count() == 0
        for problem in refused.report.rejected:
            assert problem.line is not None and problem.reason
        return
    assert report.kind == "vcard"
    json.dumps(report.as_json())  # the --json shape holds
    stored = SourceCard.select().count()
    # every card either became a person (or a group context) or was rejected with its line
    assert stored + len(report.rejected) >= 1
    for problem in report.rejected + report.skipped_lines:
        assert problem.line is not None and problem.reason
    again = import_file(path)
    assert (again.new, again.updated) == (0, 0)
    assert SourceCard.select().count() == stored


def _one(path, corpus) -> Contact:
    report = import_file(corpus / "vcard" / path)
    assert report.new == 1, report.as_json()
    return Contact.get()


def _methods(contact, kind):
    return [
        m
        for m in ContactMethod.select()
        .where(ContactMethod.contact == contact, ContactMethod.kind == kind)
        .order_by(ContactMethod.position)
    ]


def test_quoted_printable_soft_breaks_and_utf8_charset(db, corpus):
    contact = _one("vobject/radicale-1238-2.ics", corpus)
    assert contact.display_name == "蔡媛"
    assert (contact.family_name, contact.given_name) == ("蔡", "媛")
    # ORG and TITLE are QUOTED-PRINTABLE with a soft line break in the middle of a character
    assert contact.org == "北京中航智科技有限公司"
    assert contact.title == "人力资源部 人力资源部经理"
    assert [m.normalized for m in _methods(contact, "tel")] == ["+8613810109388"]


def test_quoted_printable_note_with_crlf_and_soft_breaks(db, corpus):
    contact = _one("ezvcard/outlook-2007.vcf", corpus)
    assert contact.note.startswith("This is the NOTE field\t\nI assume it encodes this text")
    assert "It does not preserve the formatting" in contact.note
    assert contact.birthday == "1922-03-10"
    assert contact.anniversary == "2012-08-01"


def test_vcard21_photo_is_decoded_and_bounded(db, corpus):
    contact = _one("vobject/photo-test.vcf", corpus)
    assert contact.photo is not None and bytes(contact.photo).startswith(b"\xff\xd8\xff")
    assert contact.family_name == "" and contact.given_name == "my former school"
    assert [m.value for m in _methods(contact, "tel")] == ["+49123456789"]


def test_apple_grouped_label_names_the_method(db, corpus):
    contact = _one("ezvcard/gmail-single.vcf", corpus)
    tels = {m.value: m.label for m in _methods(contact, "tel")}
    assert tels["555 555 2222"] == "GRAND_CENTRAL"  # a custom label keeps its case
    assert tels["555 555 1111"] == "cell"
    urls = _methods(contact, "url")
    assert urls[0].value == "http://TheProfile.com" and urls[0].label == "PROFILE"
    assert contact.anniversary == "1970-06-02"  # item4.X-ABDATE labelled Anniversary


def test_card_without_fn_takes_its_name_from_n_or_email(db, corpus):
    contact = _one("khard/vcards/nickname.vcf", corpus)
    assert contact.display_name == "Michael Smith"
    assert contact.nickname == "Mike"
    report = import_file(corpus / "vcard" / "ezvcard" / "John_Doe_ANDROID.vcf")
    assert report.new == 6
    assert Contact.get_or_none(Contact.display_name == "john.doe@company.com") is not None


def test_korean_names(db, corpus):
    for name in ("korean-c.vcf", "korean-j.vcf"):
        import_file(corpus / "vcard" / "khard" / "vcards" / name)
    assert sorted(c.display_name for c in Contact.select()) == ["전도훈", "최유림"]


def test_altid_keeps_the_first_representation(db, corpus):
    contact = _one("vobject/vcard40_multilang.vcf", corpus)
    assert contact.display_name == "Yamada Taro"
    assert (contact.family_name, contact.given_name) == ("Yamada", "Taro")
    Contact.delete().execute()
    contact = _one("khard/vcards/altid.vcf", corpus)
    assert (contact.family_name, contact.given_name) == ("representation", "one")


def test_tel_value_uri_and_text_birthday(db, corpus):
    contact = _one("vobject/vcard40_full.vcf", corpus)
    assert [m.value for m in _methods(contact, "tel")] == ["+1-555-555-5555", "+1-555-123-4567"]
    assert _methods(contact, "tel")[0].pref == 1
    assert contact.photo_url == "http://www.example.com/pub/photos/jqpublic.gif"
    assert contact.photo is None  # a URL is never fetched
    assert contact.uid == "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
    report = import_file(corpus / "vcard" / "khard" / "vcards" / "text-bday.vcf")
    person = Contact.get(Contact.display_name == "text birthday")
    assert person.birthday is None
    assert [(p.line, "circa 1800" in p.reason) for p in report.skipped_lines] == [(5, True)]


def test_birthday_without_year(db, corpus):
    contact = _one("ezvcard/rfc6350-example.vcf", corpus)
    assert contact.birthday == "--02-03"


def test_unparsable_khard_card_is_rejected_with_its_line(db, corpus):
    with pytest.raises(NothingImported, match="the only card in this file could not be read") as e:
        import_file(corpus / "vcard" / "khard" / "vcards" / "unparsable.vcf")
    report = e.value.report
    assert report.new == 0
    assert ImportBatch.select().count() == 0
    assert [p.line for p in report.rejected] == [1]
    assert "END:VCARD" in report.rejected[0].reason
    assert Contact.select().count() == 0


def test_gmail_list_has_many_cards(db, corpus):
    report = import_file(corpus / "vcard" / "ezvcard" / "gmail-list.vcf")
    assert report.new == 3
    emails = sorted(m.normalized for m in ContactMethod.select())
    assert emails == ["asmithk@gmail.com", "chrisy55d@yahoo.com", "dwhite@gmail.com"]


def test_categories_become_contexts(db, corpus):
    contact = _one("vobject/vcard40_full.vcf", corpus)
    names = sorted(
        link.context.name
        for link in ContactContext.select().where(ContactContext.contact == contact)
    )
    assert names == ["BUSINESS", "NETWORKING"] or names == ["NETWORKING", "work"]


def test_empty_structured_org_is_empty(db, corpus):
    contact = _one("khard/vcards/individual.vcf", corpus)
    assert contact.org == "ACME Inc."
    contact = Contact.get()
    assert ";" not in contact.org


def test_source_card_is_kept_exactly_as_read(db, corpus):
    path = corpus / "vcard" / "ezvcard" / "John_Doe_MS_OUTLOOK.vcf"
    import_file(path)
    text = SourceCard.get().text
    assert text == path.read_bytes().decode("utf-8")


def test_vcard4_group_becomes_a_context(db, corpus):
    import_file(corpus / "vcard" / "vobject" / "vcard40_full.vcf")
    report = import_file(corpus / "vcard" / "vobject" / "vcard40_group.vcf")
    assert report.new == 0
    family = Context.get(Context.name == "The Doe Family")
    members = [link.contact.display_name for link in family.contact_links]
    assert members == ["Dr. John Q. Public, III"]


def test_addresses_keep_their_parts_and_labels(db, corpus):
    contact = _one("ezvcard/gmail-single.vcf", corpus)
    addresses = {m.label: m for m in _methods(contact, "adr")}
    assert addresses["home"].value == "123 Home St\nHome City, HM 12345"
    custom = addresses["CustomAdrType"]
    assert custom.value == "321 Custom St\n98765 Custom City\nTX\nUSA"
    assert json.loads(custom.normalized) == [
        "",
        "",
        "321 Custom St",
        "Custom City",
        "TX",
        "98765",
        "USA",
    ]
