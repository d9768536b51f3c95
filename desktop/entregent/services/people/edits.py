"""Changing people from the app: field edits, archiving, deleting — each
returning what it takes to undo it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from entregent.errors import NotFound, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import (
    TIE_STRENGTHS,
    Contact,
    ContactContext,
    ContactEvent,
    ContactMethod,
    ContactNote,
    ContactPosition,
    FollowUp,
    ImportChange,
    Membership,
    Participant,
    SourceCard,
)

__all__ = [
    "EDITABLE_FIELDS",
    "update_person",
    "set_archived",
    "DeletedPeople",
    "delete_people",
    "restore_people",
    "add_method",
    "remove_method",
    "restore_method",
]

EDITABLE_FIELDS = (
    "display_name",
    "given_name",
    "family_name",
    "nickname",
    "org",
    "title",
    "phonetic_given",
    "phonetic_family",
    "phonetic_org",
    "birthday",
    "note",
    "tie_strength",
    "cadence_days",
    "how_met",
    "met_on",
    "met_place",
    "introduced_by",
)

# The editable fields stored as text: cleared, they hold "" rather than NULL.
_TEXT_FIELDS = frozenset(EDITABLE_FIELDS) - {
    "birthday",
    "tie_strength",
    "cadence_days",
    "met_on",
    "introduced_by",
}

# Tables that hang off a contact and go with it when it is deleted.
_DEPENDENTS = (
    ContactMethod,
    ContactContext,
    Membership,
    Participant,
    FollowUp,
    SourceCard,
    ImportChange,
    ContactEvent,
    ContactNote,
    ContactPosition,
)


def _check(name: str, value):
    if name not in EDITABLE_FIELDS:
        raise ValueError(f"{name} cannot be edited here")
    if name == "tie_strength" and value not in (None, *TIE_STRENGTHS):
        raise UserError(_("Tie strength is close, regular or acquaintance."))
    if name == "cadence_days" and value is not None:
        if not isinstance(value, int) or value <= 0 or value > 3650:
            raise UserError(_("Keep-in-touch is a number of days between 1 and 3650."))
    if name == "met_on" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError as exc:
            raise UserError(_("The date we met should look like 2024-05-31.")) from exc
    if name in _TEXT_FIELDS and value is None:
        return ""
    return value


def update_person(contact_id: int, changes: dict) -> dict:
    """Set the fields in ``changes``; returns their previous values (for undo)."""
    with database.atomic():
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            raise NotFound(_("This person no longer exists."))
        before = {}
        for name, value in changes.items():
            value = _check(name, value)
            attribute = "introduced_by_id" if name == "introduced_by" else name
            before[name] = getattr(contact, attribute)
            setattr(contact, attribute, value)
        if not (contact.display_name or contact.given_name or contact.family_name):
            raise UserError(_("A person needs a name."))
        contact.save()
    return before


def set_archived(contact_ids: list[int], archived: bool) -> list[int]:
    """Archive (or bring back) people; returns the ids whose state changed."""
    with database.atomic():
        changed = [
            c.id
            for c in Contact.select(Contact.id).where(
                Contact.id.in_(list(contact_ids)), Contact.archived != archived
            )
        ]
        if changed:
            Contact.update(archived=archived, updated_at=Contact.updated_at).where(
                Contact.id.in_(changed)
            ).execute()
    return changed


@dataclass
class DeletedPeople:
    """The rows a deletion removed, enough to put them back exactly."""

    contacts: list[dict] = field(default_factory=list)
    dependents: dict[str, list[dict]] = field(default_factory=dict)
    introduced: list[tuple[int, int]] = field(default_factory=list)  # (contact, introducer)

    @property
    def ids(self) -> list[int]:
        return [row["id"] for row in self.contacts]


def delete_people(contact_ids: list[int]) -> DeletedPeople:
    """Delete people and what hangs off them; returns it all for ``restore_people``."""
    ids = list(contact_ids)
    snapshot = DeletedPeople()
    with database.atomic():
        snapshot.contacts = list(Contact.select().where(Contact.id.in_(ids)).dicts())
        for model in _DEPENDENTS:
            snapshot.dependents[model._meta.table_name] = list(
                model.select().where(model.contact.in_(ids)).dicts()
            )
        snapshot.introduced = [
            (c.id, c.introduced_by_id)
            for c in Contact.select(Contact.id, Contact.introduced_by).where(
                Contact.introduced_by.in_(ids)
            )
        ]
        Contact.delete().where(Contact.id.in_(ids)).execute()
    return snapshot


def restore_people(snapshot: DeletedPeople) -> None:
    """Put back people removed by ``delete_people``, with the same ids."""
    with database.atomic():
        for row in snapshot.contacts:
            Contact.insert(row).execute()
        for model in _DEPENDENTS:
            rows = snapshot.dependents.get(model._meta.table_name, [])
            for row in rows:
                model.insert(row).execute()
        for contact_id, introducer in snapshot.introduced:
            Contact.update(introduced_by=introducer).where(Contact.id == contact_id).execute()


def add_method(contact_id: int, kind: str, value: str, label: str = "") -> int:
    """Add a phone, e-mail, address or link; returns its id."""
    from entregent.model.tables import METHOD_KINDS

    if kind not in METHOD_KINDS:
        raise UserError(
            _("A way to reach someone is one of: {kinds}.").format(kinds=", ".join(METHOD_KINDS))
        )
    value = value.strip()
    if not value:
        raise UserError(_("Nothing to add: the value is empty."))
    from entregent.io.vcard_normalize import normalize_email, normalize_phone
    from entregent.services.settings import get_setting

    if kind == "email":
        normalized = normalize_email(value)
    elif kind == "tel":
        normalized = normalize_phone(value, get_setting("phone_region") or None)
    else:
        normalized = ""
    position = ContactMethod.select().where(ContactMethod.contact == contact_id).count()
    return ContactMethod.insert(
        contact=contact_id,
        kind=kind,
        value=value,
        label=label,
        normalized=normalized,
        position=position,
    ).execute()


def remove_method(method_id: int) -> dict:
    """Remove a phone, e-mail … ; returns its row (for undo, re-insert it)."""
    with database.atomic():
        row = ContactMethod.select().where(ContactMethod.id == method_id).dicts().get()
        ContactMethod.delete().where(ContactMethod.id == method_id).execute()
    return row


def restore_method(row: dict) -> None:
    """Put back a phone, e-mail … removed by ``remove_method`` (same id)."""
    ContactMethod.insert(row).execute()
