"""Conflicts kept for later: listing them field by field, and the user's choice.

A conflict is an item changed on both sides that no policy settled; its row
keeps both versions (and the base). The user picks a side per item; the
choice is kept on the row and the next sync carries it out (sends ours, or
brings theirs in), whatever the account's policy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from entregent.errors import NotFound
from entregent.i18n import _
from entregent.model.tables import Contact, SyncCollection, SyncItem
from entregent.services.sync.accounts import get_account
from entregent.services.sync.field_merge import field_values

__all__ = ["ConflictView", "FieldRow", "list_conflicts", "decide_conflict", "decided_policy"]

_DECISIONS = {"local": "keep-local", "remote": "keep-remote"}


@dataclass
class FieldRow:
    name: str  # the property (NOTE, TEL …)
    here: str  # its lines, one per line of text
    there: str
    base: str
    both_changed: bool  # changed on both sides, differently


@dataclass
class ConflictView:
    href: str
    uid: str
    name: str
    fields: list[FieldRow]
    decision: str | None  # "local", "remote" or None (not chosen yet)


def _unescaped(text: str) -> str:
    out, index = [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            out.append("\n" if following in "nN" else following)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _shown(value: tuple) -> str:
    """A field's lines as a person reads them: the values, unescaped, with labels."""
    lines = []
    for line, label in value:
        text = _unescaped(line.split(":", 1)[1] if ":" in line else line)
        lines.append(f"{text} ({label})" if label else text)
    return "\n".join(lines)


def _rows(data: dict) -> list[FieldRow]:
    ours, theirs = field_values(data["local"]), field_values(data["remote"])
    base = field_values(data["base"]) if data.get("base") else {}
    rows = []
    for name in dict.fromkeys([*ours, *theirs]):
        mine, other, old = ours.get(name, ()), theirs.get(name, ()), base.get(name, ())
        if mine == other:
            continue
        rows.append(
            FieldRow(
                name=name,
                here=_shown(mine),
                there=_shown(other),
                base=_shown(old),
                both_changed=bool(base) and mine != old and other != old,
            )
        )
    return rows


def list_conflicts(account: str) -> list[ConflictView]:
    found = []
    items = (
        SyncItem.select()
        .join(SyncCollection)
        .where((SyncCollection.account == get_account(account)) & SyncItem.conflict.is_null(False))
        .order_by(SyncItem.id)
    )
    for row in items:
        data = json.loads(row.conflict)
        contact = Contact.get_or_none(Contact.id == row.contact_id) if row.contact_id else None
        found.append(
            ConflictView(
                href=row.href,
                uid=row.uid,
                name=contact.display_name if contact is not None else row.uid,
                fields=_rows(data),
                decision=data.get("decision"),
            )
        )
    return found


def decide_conflict(account: str, href: str, decision: str) -> None:
    """Keep ``decision`` ("local" or "remote") for the conflict at ``href``."""
    if decision not in _DECISIONS:
        raise ValueError(decision)
    row = (
        SyncItem.select()
        .join(SyncCollection)
        .where(
            (SyncCollection.account == get_account(account))
            & (SyncItem.href == href)
            & SyncItem.conflict.is_null(False)
        )
        .first()
    )
    if row is None:
        raise NotFound(_("There is no conflict to settle at {href}.").format(href=href))
    data = json.loads(row.conflict)
    data["decision"] = decision
    row.conflict = json.dumps(data)
    row.save()


def decided_policy(row: SyncItem) -> str | None:
    """The policy the user chose for this item's conflict, if any."""
    if not row.conflict:
        return None
    return _DECISIONS.get(json.loads(row.conflict).get("decision"))
