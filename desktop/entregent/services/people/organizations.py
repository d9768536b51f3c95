"""The user's own groups (associations, clubs, lunch groups, charities,
employers) and the people they know there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from entregent.errors import NotFound, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import (
    ORGANIZATION_KINDS,
    Contact,
    Context,
    Membership,
    Organization,
)

__all__ = [
    "OrganizationSummary",
    "create_group",
    "update_group",
    "delete_group",
    "list_groups",
    "add_member",
    "remove_member",
    "groups_of",
    "find_group",
]

_FIELDS = ("name", "kind", "joined_on", "left_on", "my_role", "note", "context_id")


@dataclass
class OrganizationSummary:
    id: int
    name: str
    kind: str
    joined_on: dt.date | None
    left_on: dt.date | None
    my_role: str
    members: int
    contributions: int  # volunteering or help given logged within the group

    def active_on(self, today: dt.date) -> bool:
        return self.left_on is None or self.left_on > today

    def as_json(self, today: dt.date | None = None) -> dict:
        today = today or dt.date.today()
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "joined_on": self.joined_on.isoformat() if self.joined_on else None,
            "left_on": self.left_on.isoformat() if self.left_on else None,
            "my_role": self.my_role,
            "members": self.members,
            "contributions": self.contributions,
            "active": self.active_on(today),
        }


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise UserError(
            _("“{text}” is not a date; write it like 2024-05-31.").format(text=value)
        ) from exc


def _clean(changes: dict) -> dict:
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise TypeError(f"cannot set {', '.join(sorted(unknown))}")
    clean = dict(changes)
    if "name" in clean:
        clean["name"] = " ".join((clean["name"] or "").split())
        if not clean["name"]:
            raise UserError(_("A group needs a name."))
    if "kind" in clean and clean["kind"] not in ORGANIZATION_KINDS:
        raise UserError(
            _("Unknown kind of group “{kind}”; use one of: {kinds}.").format(
                kind=clean["kind"], kinds=", ".join(ORGANIZATION_KINDS)
            )
        )
    if "joined_on" in clean:
        clean["joined_on"] = _date(clean["joined_on"])
    if "left_on" in clean:
        clean["left_on"] = _date(clean["left_on"])
    if (
        clean.get("context_id") is not None
        and Context.get_or_none(Context.id == clean["context_id"]) is None
    ):
        raise NotFound(_("No context with id {id}.").format(id=clean["context_id"]))
    if "context_id" in clean:
        clean["context"] = clean.pop("context_id")
    for key in ("my_role", "note"):
        if key in clean and clean[key] is None:
            clean[key] = ""
    return clean


def find_group(text: str | int) -> Organization:
    """A group by id (``12`` or ``#12``) or by name (case and accents ignored:
    "ecole", "École" and "ÉCOLE" are the same)."""
    from entregent.model.text_folding import fold

    digits = str(text).strip().removeprefix("#")
    if isinstance(text, int) or digits.isdigit():
        found = Organization.get_or_none(Organization.id == int(digits))
        if found is not None:
            return found
    wanted = " ".join(fold(str(text)).split())
    for group in Organization.select().order_by(Organization.id):
        if " ".join(fold(group.name).split()) == wanted:
            return group
    raise NotFound(_("No group called “{name}”.").format(name=text))


def create_group(
    name: str,
    kind: str = "association",
    *,
    joined_on=None,
    left_on=None,
    my_role: str = "",
    note: str = "",
    context_id: int | None = None,
) -> int:
    """One of the user's groups; returns its id."""
    fields = _clean(
        {
            "name": name,
            "kind": kind,
            "joined_on": joined_on,
            "left_on": left_on,
            "my_role": my_role,
            "note": note,
            "context_id": context_id,
        }
    )
    return Organization.create(**fields).id


def update_group(group_id: int, **changes) -> None:
    fields = _clean(changes)
    with database.atomic():
        group = find_group(group_id)
        for key, value in fields.items():
            setattr(group, key, value)
        group.save()


def delete_group(group_id: int) -> None:
    """Delete a group and its memberships; the people and interactions stay."""
    find_group(group_id).delete_instance()


def add_member(group_id: int, contact_id: int, *, role: str = "", since=None) -> int:
    """Link a person to one of the user's groups (updating the role if already linked)."""
    with database.atomic():
        group = find_group(group_id)
        if Contact.get_or_none(Contact.id == contact_id) is None:
            raise NotFound(_("No person with id {id}.").format(id=contact_id))
        since = _date(since)
        membership = Membership.get_or_none(
            (Membership.contact == contact_id) & (Membership.organization == group.id)
        )
        if membership is None:
            membership = Membership.create(
                contact=contact_id, organization=group.id, role=role or "", since=since
            )
        else:
            membership.role, membership.since = role or "", since
            membership.save()
    return membership.id


def remove_member(group_id: int, contact_id: int) -> bool:
    return bool(
        Membership.delete()
        .where((Membership.organization == group_id) & (Membership.contact == contact_id))
        .execute()
    )


def _summaries(query) -> list[OrganizationSummary]:
    """The groups of ``query`` with their counts, kept by the schema's triggers."""
    kept = {
        i: (members, contributions)
        for i, members, contributions in database.execute_sql(
            "SELECT id, people_count, contributions FROM organization"
        )
    }
    return [
        OrganizationSummary(
            o.id, o.name, o.kind, o.joined_on, o.left_on, o.my_role, *kept.get(o.id, (0, 0))
        )
        for o in query
    ]


def list_groups() -> list[OrganizationSummary]:
    """Every group, the ones still active first, then by name."""
    return _summaries(
        Organization.select().order_by(Organization.left_on.is_null(False), Organization.name)
    )


def groups_of(contact_id: int) -> list[OrganizationSummary]:
    return _summaries(
        Organization.select()
        .join(Membership)
        .where(Membership.contact == contact_id)
        .order_by(Organization.name)
    )
