"""Reciprocity, the keep-in-touch list, the advisor and the dashboard on a small
hand-built network in a real database."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.i18n import set_language
from entregent.model.tables import Contact, FollowUp
from entregent.services.people import contexts, organizations
from entregent.services.relations import asks, due, followups, insights
from entregent.services.relations.interactions import log_interaction
from entregent.services.relations.reciprocity import balance, balances_by_person

TODAY = dt.date.today()


def ago(days: int) -> dt.datetime:
    """Noon UTC-ish local time, ``days`` ago."""
    return dt.datetime.combine(TODAY - dt.timedelta(days=days), dt.time(12, 0))


def person(name: str, *tags: str, **fields) -> int:
    given, _sep, family = name.partition(" ")
    contact_id = Contact.create(
        display_name=name, given_name=given, family_name=family, **fields
    ).id
    if tags:
        contexts.tag_contacts([contact_id], tags)
    return contact_id


def birthday_in(days: int, year: int | None = 1970) -> str:
    when = TODAY + dt.timedelta(days=days)
    return f"{year}-{when:%m-%d}" if year else f"--{when:%m-%d}"


@pytest.fixture
def network(db):
    p = {}
    p["mum"] = person("Maman Rivière", "family")
    log_interaction([p["mum"]], "family_visit", ago(10))
    p["bernard"] = person("Bernard Rivière", "family")
    log_interaction([p["bernard"]], "meal", ago(75))
    p["sophie"] = person("Sophie Laurent", "friends")
    log_interaction([p["sophie"]], "coffee", ago(60))
    followups.create_followup(p["sophie"], TODAY - dt.timedelta(days=1), note="Her new job")
    p["karim"] = person("Karim Haddad", "work", cadence_days=20)
    log_interaction([p["karim"]], "meeting", ago(25))
    followups.create_followup(p["karim"], TODAY + dt.timedelta(days=5))
    p["lucie"] = person("Lucie Moreau", "sport")
    log_interaction([p["lucie"]], "gym", ago(5))
    p["hugo"] = person("Hugo Blanc")
    log_interaction([p["hugo"]], "party", ago(4))
    followups.create_followup(p["hugo"], TODAY + dt.timedelta(days=2))
    p["marc"] = person("Marc Petit")
    log_interaction([p["marc"]], "sport", ago(30))
    done = followups.create_followup(p["marc"], TODAY - dt.timedelta(days=1))
    followups.complete_followup(done)
    gone = followups.create_followup(p["marc"], TODAY - dt.timedelta(days=2))
    followups.delete_followup(gone)
    p["nadia"] = person("Nadia Benali")
    log_interaction([p["nadia"]], "help_given", ago(100))
    log_interaction([p["nadia"]], "help_received", ago(20))
    p["olivier"] = person("Olivier Garnier")
    log_interaction([p["olivier"]], "help_received", ago(50))
    log_interaction([p["olivier"]], "help_given", ago(10))
    log_interaction([p["olivier"]], "help_received", ago(400))  # outside the window
    p["pauline"] = person("Pauline Roux")
    asks.record_ask(p["pauline"], "job_lead", when=ago(15), outcome="helped")
    p["rose"] = person("Rose Fabre", birthday=birthday_in(3, None))
    p["jean"] = person("Jean Fabre", birthday=birthday_in(20))
    p["alain"] = person("Alain Vieux", "family", birthday=birthday_in(1), archived=True)
    # An introduction made between two people: help given to both.
    log_interaction([p["mum"], p["karim"]], "introduction", ago(8))
    return p


def by_kind(items):
    grouped: dict[str, list[str]] = {}
    for item in items:
        grouped.setdefault(item.kind, []).append(item.name)
    return grouped


def test_due_list_names_people_for_each_reason(network):
    items = due.due_list(TODAY)
    grouped = by_kind(items)
    assert grouped["overdue"] == ["Bernard Rivière", "Sophie Laurent"]
    assert grouped["follow_up"] == ["Sophie Laurent"]
    assert grouped["informal"] == ["Lucie Moreau"]
    assert grouped["owed_help"] == ["Nadia Benali", "Pauline Roux"]  # the oldest debt first
    assert grouped["birthday"] == ["Rose Fabre"]
    assert [i.kind for i in items] == sorted((i.kind for i in items), key=due.cadence.DUE_ORDER.get)
    bernard = items[0]
    assert bernard.ratio == pytest.approx(75 / 30, abs=0.05) and bernard.cadence_days == 30
    assert "75 days ago" in bernard.reason and "every 30 days" in bernard.reason
    assert "Her new job" in next(i.reason for i in items if i.kind == "follow_up")
    assert "gym" in next(i.reason for i in items if i.kind == "informal")
    assert "3 days" in next(i.reason for i in items if i.kind == "birthday")
    assert due.due_count(TODAY) == 6
    assert set(items[0].as_json()) >= {"contact_id", "name", "kind", "reason", "date"}


def test_due_reasons_in_french(network):
    set_language("fr")
    try:
        reasons = {}
        for item in due.due_list(TODAY):
            reasons.setdefault(item.kind, item.reason)
    finally:
        set_language("en")
    assert "il y a 75 jours" in reasons["overdue"]
    assert "tous les 30 jours" in reasons["overdue"]
    assert "salle de sport" in reasons["informal"] or "sport" in reasons["informal"]
    assert "Anniversaire dans 3 jours" in reasons["birthday"]
    assert "Relance" in reasons["follow_up"]


def test_due_list_moves_as_life_goes_on(network):
    # Catching up with Bernard, following up Lucie, returning Nadia's favour.
    log_interaction([network["bernard"]], "call", ago(0))
    followups.create_followup(network["lucie"], TODAY + dt.timedelta(days=3))
    log_interaction([network["nadia"]], "help_given", ago(0))
    grouped = by_kind(due.due_list(TODAY))
    assert grouped["overdue"] == ["Sophie Laurent"]
    assert "informal" not in grouped
    assert grouped["owed_help"] == ["Pauline Roux"]
    # An empty database owes nobody anything.


def test_due_list_on_an_empty_database(db):
    assert due.due_list(TODAY) == []


def test_birthdays_around_new_year_and_29_february(db):
    person("Eve Nouvelan", birthday="--01-02")
    person("Leap Day", birthday="1992-02-29")
    person("Bad Date", birthday="1992-13-45")
    items = due.due_list(dt.date(2026, 12, 25))
    assert [(i.name, i.date) for i in items] == [("Eve Nouvelan", dt.date(2027, 1, 2))]
    items = due.due_list(dt.date(2027, 2, 20))
    assert [(i.name, i.date) for i in items] == [("Leap Day", dt.date(2027, 2, 28))]
    assert "Turning 35" in items[0].reason


def test_balance_per_person_and_overall(network):
    nadia = balance(network["nadia"], today=TODAY)
    assert (nadia.ledger.help_given, nadia.ledger.help_received) == (1, 1)
    assert nadia.ledger.label == "balanced"
    pauline = balance(network["pauline"], today=TODAY).ledger
    assert (pauline.asks_helped, pauline.label) == (1, "received_more")
    olivier = balance(network["olivier"], today=TODAY).ledger
    assert olivier.help_received == 1  # the one from 400 days ago is outside the window
    mum = balance(network["mum"], today=TODAY).ledger
    assert (mum.help_given, mum.label) == (1, "given_more")
    overall = balance(today=TODAY)
    # help given: Nadia, Olivier, the introduction (once, though two people were in it)
    assert overall.ledger.help_given == 3
    assert overall.ledger.help_received == 2
    assert overall.ledger.asks_helped == 1
    assert overall.contact_id is None
    assert overall.as_json()["label"] == "balanced"
    people = balances_by_person(today=TODAY)
    assert people[0].name == "Pauline Roux"  # the one you owe most comes first
    assert {p.name for p in people} >= {"Maman Rivière", "Karim Haddad"}


def test_ask_preview_from_the_database(network):
    preview = asks.prepare_ask(network["mum"], "advice", today=TODAY)
    assert [w.id for w in preview.warnings] == ["close_tie"]
    assert preview.alternatives[-2:] == ["ask_anyway", "cancel"]
    assert asks.prepare_ask(network["lucie"], "advice", today=TODAY).clear
    marc = asks.prepare_ask(network["marc"], "favour", today=TODAY)
    assert [w.id for w in marc.warnings] == ["faded_encounter"]
    pauline = asks.prepare_ask(network["pauline"], "job_lead", today=TODAY)
    assert {w.id for w in pauline.warnings} == {
        "imbalance",
        "recent_ask",
        "only_when_needed",
        "no_rapport",
    }
    assert pauline.as_json()["contact"]["name"] == "Pauline Roux"


def test_record_ask_stores_warnings_and_decision_then_outcome(network):
    lucie = network["lucie"]
    first = asks.record_ask(lucie, "advice", detail="Which club for my son")
    from entregent.model.tables import Ask

    stored = Ask.get_by_id(first)
    assert (stored.decision, stored.warnings, stored.outcome) == ("no_warnings", "[]", "pending")
    again = asks.prepare_ask(lucie, "advice", today=TODAY)
    recent = next(w for w in again.warnings if w.id == "recent_ask")
    assert recent.severity == "strong"
    second = asks.record_ask(lucie, "favour", warnings=again.warnings)
    stored = Ask.get_by_id(second)
    assert stored.decision == "ask_anyway"
    assert "recent_ask" in stored.warnings and "strong" in stored.warnings
    asks.set_ask_outcome(first, "helped")
    asks.set_ask_outcome(second, "declined")
    assert Ask.get_by_id(first).outcome_at is not None
    after = asks.prepare_ask(lucie, "advice", today=TODAY)
    assert next(w for w in after.warnings if w.id == "recent_ask").severity == "caution"
    with pytest.raises(Exception, match="go ahead"):
        asks.record_ask(lucie, "advice", decision="cancel")
    with pytest.raises(Exception, match="Unknown"):
        asks.prepare_ask(lucie, "world peace")


def test_group_newcomer_from_the_database(db):
    gilles = person("Gilles Martin", "association")
    rotary = organizations.create_group(
        "Rotary", "association", joined_on=TODAY - dt.timedelta(days=20)
    )
    organizations.add_member(rotary, gilles, role="treasurer")
    log_interaction([gilles], "group_event", ago(10), organization_id=rotary)
    warning_ids = [w.id for w in asks.prepare_ask(gilles, "introduction").warnings]
    assert "group_newcomer" in warning_ids and "no_rapport" not in warning_ids
    organizations.update_group(rotary, joined_on=TODAY - dt.timedelta(days=400))
    assert "group_newcomer" in [w.id for w in asks.prepare_ask(gilles, "advice").warnings]
    someone = person("Other Member")
    log_interaction([someone], "volunteering", ago(3), organization_id=rotary)
    assert "group_newcomer" not in [w.id for w in asks.prepare_ask(gilles, "advice").warnings]


def test_prepare_ask_counts_a_long_history_in_aggregate(db):
    busy = person("Busy Bee", "work")
    from entregent.model.database import database

    with database.atomic():
        for n in range(300):
            log_interaction([busy], "meeting" if n % 3 else "coffee", ago(n % 700))
    facts = asks.contact_facts(busy, today=TODAY)
    assert facts.interactions == 300
    assert facts.rapport_interactions == 100
    assert facts.window_interactions == sum(1 for n in range(300) if n % 700 <= 365)
    assert asks.prepare_ask(busy, "advice").clear


def test_dashboard_figures(network):
    organizations.create_group("Tennis club", "club", joined_on="2020-01-01")
    organizations.create_group("Old job", "employer", joined_on="2010-01-01", left_on="2015-01-01")
    board = insights.dashboard(TODAY)
    assert board.active_groups == 1
    assert board.as_json()["groups_nudge"] is True
    assert board.mix == {"social": 6, "professional": 1, "group": 0}  # last 90 days
    assert board.due == 6
    assert len(board.months) == 12 and board.months[-1] == f"{TODAY:%Y-%m}"
    family = next(s for s in board.per_context if s.label == "family")
    # Maman's visit, Bernard's meal, the introduction (Alain is archived but tagged)
    assert sum(family.counts) == 3
    assert board.due_by_kind == {
        "overdue": 2,
        "follow_up": 1,
        "informal": 1,
        "owed_help": 2,
        "birthday": 1,
    }
    nudges = board.nudges
    assert any("group" in n for n in nudges)
    assert any(n.startswith("6 people would be glad") for n in nudges)
    assert any(n.startswith("2 people helped you") for n in nudges)
    assert any(n.startswith("1 recent encounter") for n in nudges)
    assert "1 birthday coming up." in nudges
    assert board.as_json()["due_by_kind"]["owed_help"] == 2
    set_language("fr")
    try:
        french = insights.dashboard(TODAY)
        assert any("groupe" in n for n in french.nudges)
        assert "1 anniversaire à venir." in french.nudges
        assert any(s.label == "famille" for s in french.per_context)
    finally:
        set_language("en")


def test_follow_ups_keep_their_uid_and_count_changes(db):
    someone = person("Inès Caron")
    fu = followups.create_followup(someone, "2026-12-01", note="Send the article")
    row = FollowUp.get_by_id(fu)
    uid, sequence = row.uid, row.sequence
    assert sequence == 0
    assert Contact.get_by_id(someone).next_followup_on == dt.date(2026, 12, 1)
    followups.reschedule_followup(fu, dt.date(2026, 12, 3), due_time=dt.time(9, 30))
    followups.edit_followup_note(fu, "Send the article and the book")
    followups.complete_followup(fu)
    row = FollowUp.get_by_id(fu)
    assert (row.uid, row.sequence) == (uid, 3)
    assert Contact.get_by_id(someone).next_followup_on is None
    followups.reopen_followup(fu)
    followups.delete_followup(fu)
    row = FollowUp.get_by_id(fu)
    assert row.deleted_at is not None and row.sequence == 5 and row.uid == uid
    assert followups.list_followups(someone, include_done=True) == []
    with pytest.raises(Exception, match="No follow-up"):
        followups.complete_followup(fu)
    with pytest.raises(Exception, match="not a date"):
        followups.create_followup(someone, "next week")
