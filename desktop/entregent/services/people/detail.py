"""One person as the detail pane shows them: names, ways to reach them, contexts,
groups, how you met, the give-and-take, follow-ups. The timeline is paged
separately (it can hold thousands of interactions)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from entregent.errors import NotFound
from entregent.model.database import database
from entregent.model.tables import Contact, ContactMethod, FollowUp
from entregent.network.reciprocity import Ledger
from entregent.services.people.listing import ContextChip, display_name, ledgers

__all__ = [
    "MethodRow",
    "GroupRow",
    "FollowUpRow",
    "PersonDetail",
    "person_detail",
    "effective_cadence",
]


@dataclass(frozen=True)
class MethodRow:
    id: int
    kind: str  # tel, email, adr, url, impp
    label: str
    value: str
    normalized: str


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    role: str


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    due_on: dt.date
    note: str


@dataclass
class PersonDetail:
    id: int
    uid: str
    name: str
    display_name: str
    given_name: str
    family_name: str
    nickname: str
    org: str
    title: str
    birthday: str | None
    # how the names are read (yomigana, pinyin), "" when the card gave none
    phonetic_given: str
    phonetic_middle: str
    phonetic_family: str
    phonetic_org: str
    note: str
    photo: bytes | None
    tie_strength: str | None
    cadence_days: int | None  # the person's own, or None
    effective_cadence_days: int | None  # own, else their top context's
    how_met: str
    met_on: dt.date | None
    met_place: str
    introduced_by: tuple[int, str] | None
    archived: bool
    last_interaction_at: dt.datetime | None
    next_followup_on: dt.date | None
    interaction_count: int = 0
    methods: list[MethodRow] = field(default_factory=list)
    contexts: list[ContextChip] = field(default_factory=list)
    groups: list[GroupRow] = field(default_factory=list)
    follow_ups: list[FollowUpRow] = field(default_factory=list)
    events: list[tuple[str, str]] = field(default_factory=list)  # (date, label), card order
    more_notes: list[str] = field(default_factory=list)  # the card's notes after the first
    # (organisation with its units, title, role) per job, when the card had several
    positions: list[tuple[list[str], str, str]] = field(default_factory=list)
    reciprocity: Ledger = field(default_factory=Ledger)  # over the balance window

    @property
    def reading(self) -> str:
        """How the name is read, in the order the name is written (山田太郎: family
        first, やまだ たろう); "" when the card gave no reading."""
        given = " ".join(p for p in (self.phonetic_given, self.phonetic_middle) if p)
        family_first = bool(self.family_name) and self.display_name.strip().startswith(
            self.family_name.strip()
        )
        parts = (self.phonetic_family, given) if family_first else (given, self.phonetic_family)
        return " ".join(p for p in parts if p)

    @property
    def keep_in_touch_due(self) -> dt.date | None:
        """When the cadence says it is time to reach out again."""
        if not self.effective_cadence_days or self.last_interaction_at is None:
            return None
        return (self.last_interaction_at + dt.timedelta(days=self.effective_cadence_days)).date()


def anybody() -> bool:
    """Whether the network holds anyone at all (Home shows first steps when not)."""
    return Contact.select().exists()


def birth_years(contact_ids) -> dict[int, tuple[str, int]]:
    """The name and birth year of those of ``contact_ids`` whose birthday has a year."""
    found = {}
    for contact in Contact.select().where(Contact.id.in_(list(contact_ids))):
        year = (contact.birthday or "")[:4]
        if year.isdigit():
            found[contact.id] = (contact.display_name, int(year))
    return found


def effective_cadence(contact_id: int, own: int | None) -> int | None:
    if own:
        return own
    row = database.execute_sql(
        "SELECT x.cadence_days FROM contact_context cc JOIN context x ON x.id = cc.context_id "
        "WHERE cc.contact_id = ? AND x.cadence_days IS NOT NULL "
        "ORDER BY x.priority DESC LIMIT 1",
        (contact_id,),
    ).fetchone()
    return row[0] if row else None


def person_detail(contact_id: int) -> PersonDetail:
    """Everything the detail pane shows about one person (a handful of small queries)."""
    from entregent.services.people.contexts import context_label

    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFound(f"no person with id {contact_id}.")
    introduced = None
    if contact.introduced_by_id:
        other = Contact.get_or_none(Contact.id == contact.introduced_by_id)
        if other is not None:
            introduced = (
                other.id,
                display_name(other.display_name, other.given_name, other.family_name),
            )
    detail = PersonDetail(
        id=contact.id,
        uid=contact.uid,
        name=display_name(contact.display_name, contact.given_name, contact.family_name),
        display_name=contact.display_name,
        given_name=contact.given_name,
        family_name=contact.family_name,
        nickname=contact.nickname,
        org=contact.org,
        title=contact.title,
        birthday=contact.birthday,
        phonetic_given=contact.phonetic_given,
        phonetic_middle=contact.phonetic_middle,
        phonetic_family=contact.phonetic_family,
        phonetic_org=contact.phonetic_org,
        note=contact.note,
        photo=contact.photo,
        tie_strength=contact.tie_strength,
        cadence_days=contact.cadence_days,
        effective_cadence_days=effective_cadence(contact.id, contact.cadence_days),
        how_met=contact.how_met,
        met_on=contact.met_on,
        met_place=contact.met_place,
        introduced_by=introduced,
        archived=contact.archived,
        last_interaction_at=contact.last_interaction_at,
        next_followup_on=contact.next_followup_on,
    )
    detail.methods = [
        MethodRow(m.id, m.kind, m.label, m.value, m.normalized)
        for m in ContactMethod.select()
        .where(ContactMethod.contact == contact_id)
        .order_by(ContactMethod.kind, ContactMethod.position, ContactMethod.id)
    ]
    detail.contexts = [
        ContextChip(i, context_label(n, bool(b)), colour)
        for i, n, b, colour in database.execute_sql(
            "SELECT x.id, x.name, x.builtin, x.colour FROM contact_context cc "
            "JOIN context x ON x.id = cc.context_id WHERE cc.contact_id = ? "
            "ORDER BY x.priority DESC, x.name",
            (contact_id,),
        )
    ]
    detail.groups = [
        GroupRow(i, n, r or "")
        for i, n, r in database.execute_sql(
            "SELECT o.id, o.name, m.role FROM membership m JOIN organization o "
            "ON o.id = m.organization_id WHERE m.contact_id = ? ORDER BY o.name",
            (contact_id,),
        )
    ]
    detail.events = [
        (date, label)
        for date, label in database.execute_sql(
            "SELECT date, label FROM contact_event WHERE contact_id = ? ORDER BY position, id",
            (contact_id,),
        )
    ]
    detail.more_notes = [
        r[0]
        for r in database.execute_sql(
            "SELECT text FROM contact_note WHERE contact_id = ? ORDER BY position, id",
            (contact_id,),
        )
    ]
    detail.positions = [
        ([org, *json.loads(units)], title, role)
        for org, units, title, role in database.execute_sql(
            "SELECT org, units, title, role FROM contact_position WHERE contact_id = ? "
            "ORDER BY position, id",
            (contact_id,),
        )
    ]
    detail.follow_ups = [
        FollowUpRow(f.id, f.due_on, f.note)
        for f in FollowUp.select()
        .where(
            FollowUp.contact == contact_id,
            FollowUp.done_at.is_null(),
            FollowUp.deleted_at.is_null(),
        )
        .order_by(FollowUp.due_on)
    ]
    detail.interaction_count = database.execute_sql(
        "SELECT count(*) FROM participant WHERE contact_id = ?", (contact_id,)
    ).fetchone()[0]
    detail.reciprocity = ledgers([contact_id]).get(contact_id, Ledger())
    return detail
