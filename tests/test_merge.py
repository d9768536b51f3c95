"""Merging two records of one person, listing duplicates, and undoing a merge exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.errors import NotFound, UserError
from entregent.model.database import database
from entregent.model.tables import (
    Contact,
    ContactContext,
    ContactMethod,
    Context,
    FollowUp,
    Interaction,
    Membership,
    Organization,
    Participant,
)
from entregent.services.imports.dispatch import import_file
from entregent.services.people.merge import duplicate_pairs, merge_contacts, unmerge

TABLES = (
    "contact",
    "contact_method",
    "contact_context",
    "membership",
    "participant",
    "follow_up",
    "source_card",
    "import_change",
)


def _dump() -> dict:
    state = {}
    for table in TABLES:
        cursor = database.execute_sql(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cursor.description]
        state[table] = [
            {k: v for k, v in zip(names, row, strict=True) if k != "updated_at"}
            for row in cursor.fetchall()
        ]
    state["fts"] = database.execute_sql(
        "SELECT rowid, name, emails, phones FROM contact_fts ORDER BY rowid"
    ).fetchall()
    return state


@pytest.fixture
def two_records(db, tmp_path):
    (tmp_path / "a.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ana-phone\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\n"
        "TEL;TYPE=CELL:+33 6 11 22 33 44\r\nEMAIL:ana@example.org\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    (tmp_path / "b.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ana-work\r\nFN:Ana Lima\r\nORG:Acme\r\n"
        "BDAY:1990-04-01\r\nTEL;TYPE=WORK:+33 1 44 55 66 77\r\nEMAIL:ANA@example.org\r\n"
        "CATEGORIES:Work\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    import_file(tmp_path / "a.vcf")
    report = import_file(tmp_path / "b.vcf")
    [candidate] = report.duplicate_candidates
    keep, other = Contact.get(Contact.uid == "ana-phone"), Contact.get(Contact.uid == "ana-work")
    assert (candidate.existing_id, candidate.contact_id) == (keep.id, other.id)
    assert candidate.shared == "ana@example.org"
    # what the app added to each record
    club = Context.get(Context.name == "club")
    work = Context.get(Context.name == "work")
    ContactContext.create(contact=keep, context=work)
    ContactContext.create(contact=other, context=club)
    group = Organization.create(name="Chorale")
    Membership.create(contact=other, organization=group, role="alto")
    lunch = Interaction.create(
        occurred_at=dt.datetime(2026, 3, 1, 12), kind="meal", register="social"
    )
    call = Interaction.create(
        occurred_at=dt.datetime(2026, 4, 2, 9), kind="call", register="professional"
    )
    Participant.create(interaction=lunch, contact=keep)
    Participant.create(interaction=lunch, contact=other)
    Participant.create(interaction=call, contact=other)
    FollowUp.create(contact=other, due_on=dt.date(2026, 12, 1), note="send the book")
    Contact.create(display_name="Bruno", introduced_by=other)
    return keep.id, other.id


def test_duplicates_are_listed_not_merged(two_records):
    keep, other = two_records
    pairs = duplicate_pairs()
    assert [(p.first_id, p.second_id) for p in pairs] == [(keep, other)]
    assert pairs[0].shared == ["ana@example.org"]
    assert Contact.select().count() == 3


def test_merge_moves_everything_to_the_kept_one(two_records):
    keep, other = two_records
    record = merge_contacts(keep, other)
    assert Contact.get_or_none(Contact.id == other) is None
    kept = Contact.get_by_id(keep)
    assert (kept.org, kept.birthday) == ("Acme", "1990-04-01")  # filled where empty
    values = sorted(m.value for m in ContactMethod.select().where(ContactMethod.contact == keep))
    assert values == ["+33 1 44 55 66 77", "+33 6 11 22 33 44", "ana@example.org"]
    assert sorted(link.context.name for link in kept.context_links) == ["club", "work"]
    assert [m.role for m in kept.memberships] == ["alto"]
    assert Participant.select().where(Participant.contact == keep).count() == 2
    assert [f.note for f in kept.follow_ups] == ["send the book"]
    assert kept.source_cards.count() == 2
    assert Contact.get(Contact.display_name == "Bruno").introduced_by_id == keep
    assert str(kept.last_interaction_at) == "2026-04-02 09:00:00"
    assert str(kept.next_followup_on) == "2026-12-01"
    assert duplicate_pairs() == []
    assert record.as_json()["other_id"] == other


def test_unmerge_restores_exactly(two_records):
    keep, other = two_records
    before = _dump()
    record = merge_contacts(keep, other)
    assert _dump() != before
    unmerge(record)
    assert _dump() == before
    unmerge(record)  # a second undo does nothing
    assert _dump() == before


def test_merge_refuses_nonsense(two_records):
    keep, _other = two_records
    with pytest.raises(UserError):
        merge_contacts(keep, keep)
    with pytest.raises(NotFound):
        merge_contacts(keep, 99999)
