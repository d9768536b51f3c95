"""Contexts, ties, interactions and groups through the services, on a real database."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.errors import NotFound, UserError
from entregent.i18n import set_language
from entregent.model.tables import Contact, ContactContext, Interaction, Membership, Organization
from entregent.network.kinds import normalize_kind, normalize_what
from entregent.network.ties import infer_tie
from entregent.services.people import contexts, organizations
from entregent.services.relations import interactions, ties


def person(name: str, **fields) -> int:
    return Contact.create(display_name=name, **fields).id


# --- contexts ---------------------------------------------------------------------


def test_contexts_create_rename_recolour_delete_keep_people(db):
    ana = person("Ana")
    choir = contexts.create_context("Choir", kind="club", colour="#AA3300", cadence_days=30)
    assert contexts.tag_contacts([ana], [choir, "family"]) == 2
    assert contexts.tag_contacts([ana], ["Family"]) == 0  # already tagged
    assert [c.name for c in contexts.contexts_of(ana)] == ["family", "Choir"]
    contexts.rename_context(choir, "Chorale")
    contexts.recolour_context(choir, "#00aa33")
    contexts.set_context_cadence(choir, 14)
    summary = next(c for c in contexts.list_contexts() if c.id == choir)
    assert (summary.name, summary.colour, summary.cadence_days, summary.count) == (
        "Chorale",
        "#00aa33",
        14,
        1,
    )
    assert contexts.delete_context(choir) == 1
    assert Contact.get_or_none(Contact.id == ana) is not None
    assert [c.name for c in contexts.contexts_of(ana)] == ["family"]
    assert contexts.untag_contacts([ana], ["family"]) == 1
    assert ContactContext.select().count() == 0


def test_contexts_refuse_bad_input(db):
    with pytest.raises(UserError, match="already"):
        contexts.create_context("FAMILY")
    with pytest.raises(UserError, match="colour"):
        contexts.create_context("Choir", colour="red")
    with pytest.raises(UserError, match="kind"):
        contexts.create_context("Choir", kind="cult")
    with pytest.raises(UserError, match="days"):
        contexts.create_context("Choir", cadence_days=0)
    with pytest.raises(UserError, match="name"):
        contexts.create_context("   ")
    with pytest.raises(NotFound):
        contexts.tag_contacts([person("Bo")], ["nowhere"])
    with pytest.raises(NotFound):
        contexts.tag_contacts([9999], ["family"])


def test_built_in_contexts_are_found_by_their_french_name(db):
    set_language("fr")
    try:
        assert contexts.find_context("Famille").name == "family"
        assert contexts.find_context("amis").name == "friends"
    finally:
        set_language("en")


# --- ties -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("explicit", "kinds", "n", "expected"),
    [
        (None, {"family"}, 0, "close"),
        (None, {"friends", "work"}, 5, "close"),
        ("regular", {"friends"}, 5, "regular"),
        (None, {"work"}, 4, "regular"),
        (None, set(), 0, "regular"),
        (None, {"sport"}, 1, "acquaintance"),
        (None, set(), 1, "acquaintance"),
        ("close", set(), 1, "close"),
    ],
)
def test_tie_strength_inference(explicit, kinds, n, expected):
    assert infer_tie(explicit, kinds, n) == expected


def test_tie_cadence_and_how_we_met(db):
    eva, max_ = person("Eva"), person("Max")
    contexts.tag_contacts([eva], ["friends", "club"])
    info = ties.tie_of(eva)
    assert (info.strength, info.inferred, info.cadence_days, info.own_cadence) == (
        "close",
        True,
        45,
        False,
    )  # friends outranks club
    ties.set_tie_strength(eva, "regular")
    ties.set_cadence(eva, 10)
    info = ties.tie_of(eva)
    assert (info.strength, info.inferred, info.cadence_days, info.own_cadence) == (
        "regular",
        False,
        10,
        True,
    )
    club = contexts.find_context("club").id
    ties.set_how_met(
        eva,
        text="At the choir's summer party",
        met_on="2024-06-21",
        place="Sceaux",
        context_id=club,
        introduced_by=max_,
    )
    row = Contact.get_by_id(eva)
    assert (row.how_met, row.met_on, row.met_place, row.met_context_id, row.introduced_by_id) == (
        "At the choir's summer party",
        dt.date(2024, 6, 21),
        "Sceaux",
        club,
        max_,
    )
    ties.set_how_met(eva, introduced_by=None)
    assert Contact.get_by_id(eva).introduced_by_id is None
    with pytest.raises(UserError):
        ties.set_tie_strength(eva, "soulmate")
    with pytest.raises(UserError):
        ties.set_cadence(eva, -3)
    with pytest.raises(UserError):
        ties.set_how_met(eva, met_on="last summer")
    with pytest.raises(UserError):
        ties.set_how_met(eva, introduced_by=eva)
    with pytest.raises(NotFound):
        ties.set_how_met(eva, introduced_by=12345)


# --- interactions -----------------------------------------------------------------


def test_log_edit_delete_and_timeline(db):
    a, b = person("Alice"), person("Bruno")
    first = interactions.log_interaction(
        [a, b], "meal", dt.datetime(2025, 3, 1, 20, 0), tz="Europe/Paris", note="Birthday dinner"
    )
    row = Interaction.get_by_id(first)
    assert (row.register, row.occurred_at, row.all_day) == (
        "social",
        dt.datetime(2025, 3, 1, 19, 0),
        False,
    )
    second = interactions.log_interaction([a], "Help received", dt.date(2025, 4, 2))
    assert Interaction.get_by_id(second).register == "help_received"
    assert Interaction.get_by_id(second).all_day
    assert interactions.to_utc("2025-04-02") == (dt.datetime(2025, 4, 2, 12, 0), True)
    third = interactions.log_interaction([a], "call", register="professional")
    assert Interaction.get_by_id(third).register == "professional"
    entries = interactions.timeline(a)
    assert [e.id for e in entries] == [third, second, first]
    assert entries[-1].others == [b]
    assert Contact.get_by_id(b).last_interaction_at == dt.datetime(2025, 3, 1, 19, 0)
    interactions.edit_interaction(
        first,
        kind="coffee",
        note="Coffee after all",
        when=dt.datetime(2025, 3, 2, 9, 0),
        contact_ids=[a],
    )
    row = Interaction.get_by_id(first)
    assert (row.kind, row.register, row.edited, row.note) == (
        "coffee",
        "social",
        True,
        "Coffee after all",
    )
    assert interactions.timeline(b) == []
    assert Contact.get_by_id(b).last_interaction_at is None
    interactions.delete_interaction(third)
    assert Contact.get_by_id(a).last_interaction_at == dt.datetime(2025, 4, 2, 12, 0)
    assert [e.id for e in interactions.timeline(a)] == [second, first]
    with pytest.raises(NotFound):
        interactions.delete_interaction(third)


def test_an_ask_logged_by_hand_gets_its_details_row(db):
    a = person("Alice")
    logged = interactions.log_interaction([a], "ask", note="Asked for a lift")
    entry = interactions.timeline(a)[0]
    assert (entry.id, entry.ask_what, entry.ask_outcome) == (logged, "other", "pending")
    assert entry.as_json()["ask"]["outcome"] == "pending"
    interactions.edit_interaction(logged, kind="call")
    assert interactions.timeline(a)[0].ask_id is None
    interactions.edit_interaction(logged, register="ask")
    assert interactions.timeline(a)[0].ask_outcome == "pending"


def test_log_refuses_bad_input(db):
    a = person("Alice")
    with pytest.raises(UserError, match="kind"):
        interactions.log_interaction([a], "telepathy")
    with pytest.raises(UserError, match="register"):
        interactions.log_interaction([a], "call", register="gossip")
    with pytest.raises(UserError, match="one person"):
        interactions.log_interaction([], "call")
    with pytest.raises(NotFound):
        interactions.log_interaction([a, 999], "call")
    with pytest.raises(UserError, match="time zone"):
        interactions.log_interaction([a], "call", dt.datetime(2025, 1, 1, 10), tz="Mars/Olympus")
    with pytest.raises(NotFound):
        interactions.log_interaction([a], "call", organization_id=42)
    assert Interaction.select().count() == 0


def test_parse_when_and_names_of_kinds():
    today = dt.date(2026, 3, 10)
    assert interactions.parse_when("yesterday", today=today) == dt.date(2026, 3, 9)
    assert interactions.parse_when("demain", today=today) == dt.date(2026, 3, 11)
    assert interactions.parse_when("2025-03-01") == dt.date(2025, 3, 1)
    assert interactions.parse_when("2025-03-01 18:30") == dt.datetime(2025, 3, 1, 18, 30)
    with pytest.raises(UserError):
        interactions.parse_when("soon")
    assert normalize_kind("Family visit") == "family_visit"
    assert normalize_kind("group-event") == "group_event"
    assert normalize_kind("lunch") == "meal"
    assert normalize_kind("levitation") is None
    assert normalize_what("Job lead") == ("job_lead", "")
    assert normalize_what("favor") == ("favour", "")
    assert normalize_what("a lift to Lyon") == ("other", "a lift to Lyon")


# --- groups -----------------------------------------------------------------------


def test_groups_and_memberships(db):
    a, b = person("Alice"), person("Bruno")
    rotary = organizations.create_group(
        "Rotary Sceaux", "association", joined_on="2025-01-10", my_role="member"
    )
    lunch = organizations.create_group("Thursday lunch", "lunch_group")
    organizations.add_member(rotary, a, role="president", since="2019-05-01")
    organizations.add_member(rotary, a, role="past president")  # updated, not doubled
    organizations.add_member(rotary, b)
    organizations.add_member(lunch, a)
    interactions.log_interaction([b], "volunteering", organization_id=rotary)
    interactions.log_interaction([a], "group_event", organization_id=lunch)
    listed = {g.name: g for g in organizations.list_groups()}
    assert (listed["Rotary Sceaux"].members, listed["Rotary Sceaux"].contributions) == (2, 1)
    assert (listed["Thursday lunch"].members, listed["Thursday lunch"].contributions) == (1, 0)
    assert (
        Membership.get(Membership.contact == a, Membership.organization == rotary).role
        == "past president"
    )
    assert [g.name for g in organizations.groups_of(a)] == ["Rotary Sceaux", "Thursday lunch"]
    organizations.update_group(lunch, left_on="2026-01-31")
    today = dt.date(2026, 6, 1)
    assert [g.active_on(today) for g in organizations.list_groups()] == [True, False]
    assert organizations.list_groups()[1].as_json(today)["active"] is False
    assert organizations.find_group("rotary sceaux").id == rotary
    organizations.delete_group(rotary)
    assert Contact.select().count() == 2 and Interaction.select().count() == 2
    assert Organization.select().count() == 1
    with pytest.raises(UserError, match="kind"):
        organizations.create_group("Secret society", "cabal")
    with pytest.raises(UserError, match="date"):
        organizations.create_group("Choir", joined_on="last spring")
    with pytest.raises(UserError, match="name"):
        organizations.create_group("  ")
    with pytest.raises(NotFound):
        organizations.add_member(lunch, 4242)
