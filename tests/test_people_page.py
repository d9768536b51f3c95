"""One page of the people list is read in one statement: the rows and each
person's contexts (services/people.py, issue 7's search as you type)."""

from __future__ import annotations

from entregent.i18n import set_language
from entregent.model.database import database
from entregent.model.tables import Contact
from entregent.services.people.contexts import create_context, find_context, tag_contacts
from entregent.services.people.listing import PeopleFilter, list_people, people_rows


def _person(given: str, family: str) -> int:
    return Contact.create(given_name=given, family_name=family, display_name=f"{given} {family}").id


def test_a_page_is_one_statement_with_contexts_in_priority_then_name_order(db):
    anne = _person("Anne", "Martin")
    bruno = _person("Bruno", "Petit")
    _person("Chloé", "Durand")
    low_b = create_context("zeta club", priority=0, colour="#112233")
    low_a = create_context("alpha <b>club</b>", priority=0)
    high = create_context("board", priority=5)
    tag_contacts([anne], [low_b, low_a, high, find_context("family").id])
    tag_contacts([bruno], [low_b])
    statements: list[str] = []
    database.connection().set_trace_callback(statements.append)
    try:
        page = list_people(PeopleFilter(), "name", limit=10, with_balance=False)
    finally:
        database.connection().set_trace_callback(None)
    assert len([s for s in statements if not s.lstrip().startswith("--")]) == 1
    rows = {p.name: p for p in page}
    assert [p.name for p in page] == ["Chloé Durand", "Anne Martin", "Bruno Petit"]
    family = find_context("family")
    expected = sorted(
        [("zeta club", 0), ("alpha <b>club</b>", 0), ("board", 5), ("family", family.priority)],
        key=lambda c: (-c[1], c[0]),
    )
    assert [c.label for c in rows["Anne Martin"].contexts] == [name for name, _p in expected]
    assert [(c.label, c.colour) for c in rows["Bruno Petit"].contexts] == [("zeta club", "#112233")]
    assert rows["Chloé Durand"].contexts == []
    # The same rows by id (people_rows) and the built-in names in the user's language.
    set_language("fr")
    again = people_rows([bruno, anne], with_balance=False)
    assert [p.id for p in again] == [bruno, anne]
    assert "famille" in [c.label for c in again[1].contexts]
    assert [c.label for c in again[1].contexts] != [c.label for c in rows["Anne Martin"].contexts]


def test_pages_follow_each_other_in_every_sort_with_contexts(db):
    ids = [_person(f"Given{n:02d}", f"Family{n % 7}") for n in range(23)]
    tag_contacts(ids[::3], [find_context("work").id])
    for column in ("name", "contexts", "last_contact", "balance", "next_followup", "photo"):
        for descending in (False, True):
            whole = [p.id for p in list_people(PeopleFilter(), column, descending, 0, 100)]
            paged = [
                p.id
                for offset in range(0, 23, 5)
                for p in list_people(PeopleFilter(), column, descending, offset, 5)
            ]
            assert paged == whole and sorted(whole) == sorted(ids), (column, descending)
            tagged = {
                p.id for p in list_people(PeopleFilter(), column, descending, 0, 100) if p.contexts
            }
            assert tagged == set(ids[::3])
