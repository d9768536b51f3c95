"""Declared ties between two people, and the introductions the user makes.

A relation reads "``other`` is ``contact``'s ``kind``" (see ``model.tables.Relation``).
An introduction is a good turn given to both people (an ``introduction``
interaction, register ``help_given``: it counts in the reciprocity ledger with
each) together with a ``knows`` relation between them that points to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from entregent.errors import NotFound, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import RELATION_KINDS, Contact, Relation
from entregent.services.relations.interactions import log_interaction

__all__ = [
    "RelationRow",
    "add_relation",
    "remove_relation",
    "relations_of",
    "introduce",
    "Introduction",
    "introductions_of",
]


@dataclass(frozen=True)
class RelationRow:
    id: int
    kind: str
    label: str
    other_id: int | None
    other_name: str  # the person's name, or the text the card wrote
    note: str
    since: str | None
    source: str
    outgoing: bool  # stored on this person (False: stored on the other one)


def _check_person(contact_id: int) -> Contact:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFound(_("No person with id {id}.").format(id=contact_id))
    return contact


def _check_date(value: dt.date | str | None) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise UserError(
            _("“{text}” is not a date; write it like 2024-05-31.").format(text=value)
        ) from exc


def add_relation(
    contact_id: int,
    other_id: int | None,
    kind: str,
    *,
    other_text: str = "",
    note: str = "",
    since: dt.date | str | None = None,
    source: str = "manual",
    interaction_id: int | None = None,
) -> int:
    """Store that ``other`` is ``contact``'s ``kind``; returns the relation's id."""
    if kind not in RELATION_KINDS:
        raise UserError(
            _("Unknown relation “{kind}”; use one of: {kinds}.").format(
                kind=kind, kinds=", ".join(RELATION_KINDS)
            )
        )
    if other_id is None and not other_text.strip():
        raise UserError(_("A relation needs another person or a name."))
    if other_id == contact_id:
        raise UserError(_("A person cannot be related to themselves."))
    with database.atomic():
        _check_person(contact_id)
        if other_id is not None:
            _check_person(other_id)
        row = Relation.create(
            contact=contact_id,
            other=other_id,
            other_text="" if other_id is not None else other_text.strip(),
            kind=kind,
            note=note,
            since=_check_date(since),
            source=source,
            interaction=interaction_id,
        )
    return row.id


def remove_relation(relation_id: int) -> None:
    if Relation.delete().where(Relation.id == relation_id).execute() == 0:
        raise NotFound(_("No relation with id {id}.").format(id=relation_id))


def relations_of(contact_id: int) -> list[RelationRow]:
    """The person's declared relations, both those stored on them and on the other side."""
    rows: list[RelationRow] = []
    for (
        rid,
        kind,
        label,
        cid,
        oid,
        text,
        note,
        since,
        source,
        name_c,
        name_o,
    ) in database.execute_sql(
        "SELECT r.id, r.kind, r.label, r.contact_id, r.other_id, r.other_text, r.note, r.since, "
        "r.source, c.display_name, o.display_name FROM relation r "
        "JOIN contact c ON c.id = r.contact_id LEFT JOIN contact o ON o.id = r.other_id "
        "WHERE r.contact_id = ? OR r.other_id = ? ORDER BY r.id",
        (contact_id, contact_id),
    ):
        outgoing = cid == contact_id
        rows.append(
            RelationRow(
                rid,
                kind,
                label,
                oid if outgoing else cid,
                (name_o or text) if outgoing else name_c,
                note,
                since,
                source,
                outgoing,
            )
        )
    return rows


def introduce(
    a_id: int, b_id: int, *, note: str = "", when: dt.date | dt.datetime | None = None
) -> int:
    """The user introduced ``a`` and ``b``: one good turn given to both and a
    ``knows`` relation between them. Returns the interaction's id."""
    if a_id == b_id:
        raise UserError(_("Introduce two different people."))
    with database.atomic():
        _check_person(a_id)
        _check_person(b_id)
        interaction_id = log_interaction([a_id, b_id], "introduction", when, note=note)
        since = when.date() if isinstance(when, dt.datetime) else when
        add_relation(
            a_id,
            b_id,
            "knows",
            note=note,
            since=since or dt.date.today(),
            source="introduction",
            interaction_id=interaction_id,
        )
    return interaction_id


@dataclass(frozen=True)
class Introduction:
    other_id: int | None  # who they were introduced to, or who introduced them
    other_name: str
    by_user: bool  # the user made it (else someone in the book did)
    on: str | None  # ISO date
    note: str


def introductions_of(contact_id: int) -> tuple[list[Introduction], list[Introduction]]:
    """(made, received): the introductions this person made to the user's people
    (those they introduced to the user, and ``introduced_by`` relations naming
    them), and those they received (from the user, or ``introduced_by`` them)."""
    made: list[Introduction] = []
    received: list[Introduction] = []
    for oid, name, met in database.execute_sql(
        "SELECT id, display_name, met_on FROM contact WHERE introduced_by_id = ? ORDER BY id",
        (contact_id,),
    ):
        made.append(Introduction(oid, name, False, met, ""))
    for row in relations_of(contact_id):
        if row.kind == "introduced_by" and not row.outgoing:
            made.append(Introduction(row.other_id, row.other_name, False, row.since, row.note))
        elif row.kind == "introduced_by":
            received.append(Introduction(row.other_id, row.other_name, False, row.since, row.note))
        elif row.source == "introduction":
            received.append(Introduction(row.other_id, row.other_name, True, row.since, row.note))
    contact = _check_person(contact_id)
    if contact.introduced_by_id:
        introducer = Contact.get_or_none(Contact.id == contact.introduced_by_id)
        if introducer is not None:
            on = contact.met_on.isoformat() if contact.met_on else None
            received.append(Introduction(introducer.id, introducer.display_name, False, on, ""))
    return made, received
