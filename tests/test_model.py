"""The data model: pragmas, built-in contexts, search index, derived columns."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.model.database import database
from entregent.model.migrations import CURRENT_VERSION
from entregent.model.tables import (
    ALL_MODELS,
    Contact,
    ContactContext,
    ContactMethod,
    Context,
    FollowUp,
    Interaction,
    Participant,
)
from entregent.services.people.search import search_contacts
from entregent.services.settings import get_setting, set_setting


def test_new_database_has_pragmas_and_version(db):
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION


def test_builtin_contexts_exist_with_colour_and_cadence(db):
    names = {c.name: c for c in Context.select()}
    for name in (
        "family",
        "friends",
        "club",
        "work",
        "association",
        "charity",
        "sport",
        "neighbourhood",
    ):
        assert names[name].builtin
        assert names[name].colour.startswith("#")
        assert names[name].cadence_days > 0


def test_models_match_the_tables_the_steps_build(db):
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {row[1] for row in database.execute_sql(f"PRAGMA table_info({table})")}
        fields = {field.column_name for field in model._meta.sorted_fields}
        assert fields == columns, table


def test_search_index_follows_edits_and_folds_accents(db):
    helene = Contact.create(display_name="Hélène Dupont", given_name="Hélène", family_name="Dupont")
    ContactMethod.create(
        contact=helene, kind="email", value="HD@Example.org", normalized="hd@example.org"
    )
    assert [h.name for h in search_contacts("helene")] == ["Hélène Dupont"]
    assert [h.emails for h in search_contacts("hd@example")] == [["HD@Example.org"]]
    helene.display_name = "Hélène Martin"
    helene.family_name = "Martin"
    helene.save()
    assert search_contacts("dupont") == []
    assert [h.name for h in search_contacts("MARTIN")] == ["Hélène Martin"]
    helene.delete_instance()
    assert search_contacts("helene") == []


def test_search_ranks_name_above_note_and_finds_phone_digits(db):
    Contact.create(display_name="Paul Roux", note="knows Marie from school")
    Contact.create(display_name="Marie Curie")
    assert [h.name for h in search_contacts("marie")] == ["Marie Curie", "Paul Roux"]
    ana = Contact.create(display_name="Ana Lima")
    ContactMethod.create(contact=ana, kind="tel", value="06 12 34 56 78", normalized="+33612345678")
    assert [h.name for h in search_contacts("0612 34")] == ["Ana Lima"]


def test_last_interaction_and_next_followup_are_kept_in_step(db):
    anne = Contact.create(display_name="Anne")
    first = Interaction.create(
        occurred_at=dt.datetime(2025, 1, 5, 9), kind="coffee", register="social"
    )
    later = Interaction.create(
        occurred_at=dt.datetime(2025, 3, 1, 9), kind="call", register="professional"
    )
    Participant.create(interaction=first, contact=anne)
    Participant.create(interaction=later, contact=anne)
    assert Contact.get_by_id(anne.id).last_interaction_at == dt.datetime(2025, 3, 1, 9)
    later.delete_instance()
    assert Contact.get_by_id(anne.id).last_interaction_at == dt.datetime(2025, 1, 5, 9)
    soon = FollowUp.create(contact=anne, due_on=dt.date(2025, 4, 1))
    FollowUp.create(contact=anne, due_on=dt.date(2025, 6, 1))
    assert Contact.get_by_id(anne.id).next_followup_on == dt.date(2025, 4, 1)
    soon.done_at = dt.datetime(2025, 4, 1, 10)
    soon.save()
    assert Contact.get_by_id(anne.id).next_followup_on == dt.date(2025, 6, 1)


def test_deleting_a_context_keeps_the_people(db):
    walkers = Context.create(name="Walkers")
    bob = Contact.create(display_name="Bob")
    ContactContext.create(contact=bob, context=walkers)
    walkers.delete_instance()
    assert Contact.get_by_id(bob.id).display_name == "Bob"
    assert ContactContext.select().count() == 0


def test_settings_have_defaults_and_check_types(db):
    assert get_setting("recent_ask_days") == 90
    set_setting("recent_ask_days", 30)
    assert get_setting("recent_ask_days") == 30
    with pytest.raises(TypeError):
        set_setting("recent_ask_days", "thirty")
    with pytest.raises(ValueError):
        set_setting("sort_by", "shoe size")
