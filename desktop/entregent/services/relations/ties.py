"""How close a tie is, how often to keep in touch, and how we met."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from entregent.errors import NotFound, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import TIE_STRENGTHS, Contact, ContactContext, Context, Participant
from entregent.network.cadence import ContextCadence, effective_cadence
from entregent.network.ties import TIE_LABELS, infer_tie

__all__ = ["TieInfo", "tie_of", "set_tie_strength", "set_cadence", "set_how_met"]


@dataclass
class TieInfo:
    strength: str  # close / regular / acquaintance, in effect
    inferred: bool  # True when the user has not chosen it
    cadence_days: int | None  # in effect: own, else the context default
    own_cadence: bool

    @property
    def label(self) -> str:
        return _(TIE_LABELS[self.strength])

    def as_json(self) -> dict:
        return {
            "strength": self.strength,
            "inferred": self.inferred,
            "label": self.label,
            "cadence_days": self.cadence_days,
            "own_cadence": self.own_cadence,
        }


def _contact(contact_id: int) -> Contact:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFound(_("No person with id {id}.").format(id=contact_id))
    return contact


def tie_of(contact_id: int) -> TieInfo:
    contact = _contact(contact_id)
    contexts = list(
        Context.select(Context.kind, Context.cadence_days, Context.priority)
        .join(ContactContext)
        .where(ContactContext.contact == contact_id)
    )
    encounters = Participant.select().where(Participant.contact == contact_id).count()
    strength = infer_tie(contact.tie_strength, (c.kind for c in contexts), encounters)
    cadence = effective_cadence(
        contact.cadence_days, [ContextCadence(c.priority, c.cadence_days) for c in contexts]
    )
    return TieInfo(strength, not contact.tie_strength, cadence, bool(contact.cadence_days))


def set_tie_strength(contact_id: int, strength: str | None) -> None:
    """Set the tie (close, regular, acquaintance), or None to let it be inferred."""
    if strength not in (None, *TIE_STRENGTHS):
        raise UserError(_("Tie strength is close, regular or acquaintance."))
    contact = _contact(contact_id)
    contact.tie_strength = strength
    contact.save()


def set_cadence(contact_id: int, days: int | None) -> None:
    """Keep in touch every ``days`` days, or None to follow the contexts' default."""
    if days is not None and (not isinstance(days, int) or not 1 <= days <= 3650):
        raise UserError(_("Keep-in-touch is a number of days between 1 and 3650."))
    contact = _contact(contact_id)
    contact.cadence_days = days
    contact.save()


_UNSET = object()


def set_how_met(
    contact_id: int,
    *,
    text=_UNSET,
    met_on=_UNSET,
    place=_UNSET,
    context_id=_UNSET,
    introduced_by=_UNSET,
) -> None:
    """Change how we met: any of the text, the date, the place, the context, and the
    person who introduced us (a contact id, or None)."""
    with database.atomic():
        contact = _contact(contact_id)
        if text is not _UNSET:
            contact.how_met = text or ""
        if place is not _UNSET:
            contact.met_place = place or ""
        if met_on is not _UNSET:
            if isinstance(met_on, str) and met_on:
                try:
                    met_on = dt.date.fromisoformat(met_on)
                except ValueError as exc:
                    raise UserError(_("The date we met should look like 2024-05-31.")) from exc
            contact.met_on = met_on or None
        if context_id is not _UNSET:
            if context_id is not None and Context.get_or_none(Context.id == context_id) is None:
                raise NotFound(_("No context with id {id}.").format(id=context_id))
            contact.met_context = context_id
        if introduced_by is not _UNSET:
            if introduced_by == contact_id:
                raise UserError(_("Someone cannot have introduced you to themselves."))
            if introduced_by is not None:
                _contact(introduced_by)
            contact.introduced_by = introduced_by
        contact.save()
