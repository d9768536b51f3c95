"""Turning what the user typed (an id, a name, a few words) into one person."""

from __future__ import annotations

from entregent.errors import Ambiguous, NotFound
from entregent.i18n import _
from entregent.model.tables import Contact
from entregent.model.text_folding import fold

__all__ = ["resolve_person", "describe_person"]

_MAX_CANDIDATES = 10


def describe_person(contact_id: int, name: str, org: str = "") -> str:
    """How a candidate is listed when a name is ambiguous: ``Name (org) #id``."""
    label = name or _("(no name)")
    if org:
        label += f" ({org})"
    return f"{label} #{contact_id}"


def _by_id(text: str) -> int | None:
    digits = text[1:] if text.startswith("#") else text
    if not digits.isdigit():
        return None
    contact = Contact.get_or_none((Contact.id == int(digits)) & (Contact.archived == False))  # noqa: E712
    return contact.id if contact is not None else None


def resolve_person(text: str) -> int:
    """The id of the one person ``text`` names.

    ``text`` is an id (``12`` or ``#12``), a full name (case and accents
    ignored), or words found by search. Several equally good matches raise
    ``Ambiguous`` (with the candidates listed); none raises ``NotFound``.
    Archived people are left out.
    """
    from entregent.services.people.search import search_contacts

    text = (text or "").strip()
    if not text:
        raise NotFound(_("No name given."))
    found = _by_id(text)
    if found is not None:
        return found
    hits = search_contacts(text, limit=50)
    wanted = fold(" ".join(text.split()))
    exact = [h for h in hits if fold(" ".join(h.name.split())) == wanted]
    if len(exact) == 1:
        return exact[0].id
    if len(hits) == 1:
        return hits[0].id
    if not hits:
        raise NotFound(_("Nobody matches “{text}”.").format(text=text))
    candidates = exact or hits
    listed = [describe_person(h.id, h.name, h.org) for h in candidates[:_MAX_CANDIDATES]]
    if len(candidates) > _MAX_CANDIDATES:
        listed.append(_("… and {n} more").format(n=len(candidates) - _MAX_CANDIDATES))
    raise Ambiguous(
        _("“{text}” could mean several people; give more of the name, or the #id:").format(
            text=text
        ),
        listed,
    )
