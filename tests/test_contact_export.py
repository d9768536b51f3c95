"""Exporting people as vCard: read back by vobject and khard, unknown properties given
back unchanged, and import(export(x)) == x for generated people."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entregent.errors import NotFound, NothingImported
from entregent.io.vcard_lines import card_lines
from entregent.io.vcard_reader import MAPPED_X
from entregent.model.database import database
from entregent.model.tables import Contact, ContactContext, ContactMethod, Context, SourceCard
from entregent.services.exports.vcard_export import contacts_as_vcards, export_contacts
from entregent.services.imports.dispatch import import_file

from .conftest import CORPUS


def _import_corpus():
    for path in sorted((CORPUS / "vcard").rglob("*")):
        if path.is_file():
            try:
                import_file(path)
            except NothingImported:  # khard's unparsable.vcf: no card to export
                pass


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_export_reads_back_in_vobject(db, corpus, tmp_path, version):
    _import_corpus()
    out = tmp_path / "out.vcf"
    count = export_contacts(out, vcard_version=version)
    assert count == Contact.select().count() > 40
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert len(cards) == count
    assert all(card.version.value == version and card.fn.value is not None for card in cards)
    assert not list(tmp_path.glob(".entregent-*"))  # the temporary file was renamed


def test_unknown_x_properties_come_back_unchanged(db, corpus, tmp_path):
    source = corpus / "vcard" / "ezvcard" / "John_Doe_EVOLUTION.vcf"
    import_file(source)
    import_file(corpus / "vcard" / "ezvcard" / "gmail-single2.vcf")
    out = tmp_path / "out.vcf"
    export_contacts(out)
    exported = {p.text_line() for p in card_lines(out.read_text(encoding="utf-8"), 1).props}
    original = card_lines(source.read_text(encoding="utf-8"), 1).props
    for prop in original:
        if prop.name.startswith(("X-EVOLUTION", "X-COUCHDB")) and prop.name not in MAPPED_X:
            assert prop.text_line() in exported
    assert "item9.X-ABDATE:1930-03-20" in exported
    assert "item9.X-ABLabel:_$!<Anniversary>!$_" in exported
    assert "X-ABRELATEDNAMES:Name1" in exported


def test_export_of_one_context_with_categories(db, corpus, tmp_path):
    _import_corpus()
    out = tmp_path / "work.vcf"
    club = Context.get(Context.name == "club")
    anyone = Contact.get(Contact.display_name == "Foo Bar")
    ContactContext.create(contact=anyone, context=club)
    assert export_contacts(out, vcard_version="4.0", context="club") == 1
    [card] = vobject.readComponents(out.read_text(encoding="utf-8"))
    assert card.fn.value == "Foo Bar" and card.categories.value == ["club"]
    with pytest.raises(NotFound):
        export_contacts(out, context="no such context")


def test_khard_lists_the_export(db, corpus, tmp_path):
    khard = Path(sys.executable).with_name("khard")  # in the test extra: never skipped
    assert khard.exists(), f"khard (the test extra) is not installed: no {khard}"
    _import_corpus()
    ids = [c.id for c in Contact.select(Contact.id)]
    for version in ("3.0", "4.0"):
        book = tmp_path / f"book{version}"
        book.mkdir()
        for contact_id, text in zip(ids, contacts_as_vcards(ids, version), strict=True):
            (book / f"{contact_id}.vcf").write_text(text, encoding="utf-8", newline="")
        config = tmp_path / f"khard{version}.conf"
        config.write_text(f"[addressbooks]\n[[book]]\npath = {book}\n", encoding="utf-8")
        done = subprocess.run(
            [str(khard), "-c", str(config), "list", "--parsable", "--display", "formatted_name"],
            capture_output=True,
            text=True,
            timeout=120,
            env={"HOME": str(tmp_path), "LANG": "C.UTF-8"},
        )
        assert done.returncode == 0, done.stderr
        assert "rror" not in done.stderr, done.stderr
        listed = {
            line.split("\t")[0]: line.split("\t")[1]
            for line in done.stdout.splitlines()
            if "\t" in line
        }
        uids = {c.uid: c.display_name for c in Contact.select()}
        assert listed == uids  # every card read, each under its own name


_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=("L", "N", "P", "S", "Zs"), include_characters=',;:\\"é😀'
    ),
    max_size=16,
).map(lambda s: " ".join(s.split()))
_NOTE = st.lists(_TEXT, max_size=3).map("\n".join).map(str.strip)
_PHONE = st.lists(st.integers(0, 99), min_size=4, max_size=4).map(
    lambda parts: "+33 6 " + " ".join(f"{p:02d}" for p in parts)
)
_EMAIL = st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}@example\.org", fullmatch=True)
_PERSON = st.fixed_dictionaries(
    {
        "display_name": _TEXT.filter(bool),
        "given_name": _TEXT,
        "family_name": _TEXT,
        "additional_names": _TEXT,
        "nickname": _TEXT,
        "org": _TEXT,
        "title": _TEXT,
        "note": _NOTE,
        "birthday": st.one_of(
            st.none(),
            st.dates()
            .map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")
            .filter(lambda d: d[:4] not in ("1604", "1900", "0000", "0001")),
            st.dates().map(lambda d: f"--{d.month:02d}-{d.day:02d}"),
        ),
        "phones": st.lists(_PHONE, max_size=2, unique=True),
        "emails": st.lists(_EMAIL, max_size=2, unique=True),
        "contexts": st.lists(
            st.sampled_from(
                ["Chorale", "Amis, proches", "Voisins; rue B", "Échecs \\ club", "family"]
            ),
            unique=True,
            max_size=3,
        ),
    }
)


def _state() -> list[dict]:
    people = []
    for contact in Contact.select().order_by(Contact.display_name, Contact.id):
        methods = list(
            ContactMethod.select()
            .where(ContactMethod.contact == contact)
            .order_by(ContactMethod.position)
        )
        people.append(
            {
                **{
                    k: getattr(contact, k)
                    for k in (
                        "display_name",
                        "given_name",
                        "family_name",
                        "additional_names",
                        "nickname",
                        "org",
                        "title",
                        "note",
                        "birthday",
                    )
                },
                "phones": [m.value for m in methods if m.kind == "tel"],
                "emails": [m.value for m in methods if m.kind == "email"],
                "contexts": sorted(link.context.name for link in contact.context_links),
            }
        )
    return sorted(people, key=lambda p: json.dumps(p, sort_keys=True))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=st.lists(_PERSON, min_size=1, max_size=4))
def test_import_of_export_gives_the_same_people(db, tmp_path_factory, people):
    folder = tmp_path_factory.mktemp("roundtrip")
    for table in ("contact", "source_card", "import_change", "import_batch"):
        database.execute_sql(f"DELETE FROM {table}")
    database.execute_sql("DELETE FROM context WHERE builtin = 0")
    for person in people:
        contact = Contact.create(
            **{k: v for k, v in person.items() if k not in ("phones", "emails", "contexts")}
        )
        position = 0
        for kind, values in (("tel", person["phones"]), ("email", person["emails"])):
            for value in values:
                ContactMethod.create(contact=contact, kind=kind, value=value, position=position)
                position += 1
        for name in person["contexts"]:
            context, _created = Context.get_or_create(name=name)
            ContactContext.create(contact=contact, context=context)
    expected = _state()
    for version in ("3.0", "4.0"):
        out = folder / f"people{version}.vcf"
        export_contacts(out, vcard_version=version)
        database.execute_sql("DELETE FROM contact")
        report = import_file(out)
        assert report.new == len(people) and not report.rejected, report.as_json()
        assert not report.skipped_lines, report.as_json()
        assert _state() == expected
        assert SourceCard.select().count() == len(people)
        database.execute_sql("DELETE FROM source_card")
