"""A one-letter search walks the list in name order (services/people.py): it must
find exactly the people the general full-text path finds, in the same order."""

from __future__ import annotations

from entregent.model.tables import Contact, ContactMethod
from entregent.services.people.listing import PeopleFilter, list_people


def _person(given: str, family: str, email: str = "", archived: bool = False) -> Contact:
    contact = Contact.create(
        given_name=given, family_name=family, display_name=f"{given} {family}", archived=archived
    )
    if email:
        ContactMethod.create(contact=contact, kind="email", value=email, normalized=email)
    return contact


def test_one_letter_finds_what_two_paths_agree_on(db):
    _person("Hélène", "Dupont")
    _person("Marc", "Hébert")
    _person("Zoé", "Martin", email="zoe@hotmail.example")
    _person("Anne", "Leroy")
    _person("Hugo", "Archived", archived=True)
    for number in range(30):
        _person(f"Person{number}", "Nobody")
    by_name = [p.name for p in list_people(PeopleFilter(text="h"), "name", limit=50)]
    assert by_name == ["Hélène Dupont", "Marc Hébert", "Zoé Martin"]  # sorted by family name
    other_order = {p.name for p in list_people(PeopleFilter(text="h"), "last_contact", limit=50)}
    assert other_order == set(by_name)
    first_page = [p.name for p in list_people(PeopleFilter(text="h"), "name", limit=2)]
    second_page = [p.name for p in list_people(PeopleFilter(text="h"), "name", offset=2, limit=2)]
    assert first_page + second_page == by_name
    assert [p.name for p in list_people(PeopleFilter(text="q"), "name")] == []
    # "É" as "e": the word "example" in Zoé's e-mail
    assert [p.name for p in list_people(PeopleFilter(text="É"), "name")] == ["Zoé Martin"]
