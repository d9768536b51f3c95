"""The relations a vCard names, matched to people in the book and stored.

A URI (``urn:uuid:…`` or a bare UID, ``mailto:…``) matches the one person with
that UID or e-mail; a name matches when exactly one person in the book bears
it (accents and case aside). Anything else is kept as the text the card wrote,
so that nothing is lost and export gives it back. A re-imported card replaces
the relations its earlier version brought (``source = 'vcard'``); relations
the user or an introduction made stay, and a card that names one of them again
(our own export read back) adds no second one.
"""

from __future__ import annotations

from entregent.io.vcard_relations import RelatedName
from entregent.model.database import database
from entregent.model.text_folding import fold

__all__ = ["store_card_relations", "match_person"]


class _Book:
    """Who a relation's text can point to, loaded once per import when needed."""

    def __init__(self):
        self._names: dict[str, list[int]] | None = None

    def by_name(self, text: str) -> int | None:
        if self._names is None:
            self._names = {}
            for cid, name in database.execute_sql(
                "SELECT id, display_name FROM contact WHERE archived = 0"
            ):
                self._names.setdefault(fold(name.strip()), []).append(cid)
        ids = self._names.get(fold(text.strip()), [])
        return ids[0] if len(ids) == 1 else None


def match_person(text: str, book: _Book | None = None) -> int | None:
    """The one person ``text`` (a URI or a name) names, or None (none, or several)."""
    value = text.strip()
    lowered = value.lower()
    if lowered.startswith("mailto:"):
        rows = database.execute_sql(
            "SELECT DISTINCT contact_id FROM contact_method WHERE kind = 'email' "
            "AND normalized = ? LIMIT 2",
            (value[7:].strip().lower(),),
        ).fetchall()
        return rows[0][0] if len(rows) == 1 else None
    uid = value[9:] if lowered.startswith("urn:uuid:") else value
    row = database.execute_sql(
        "SELECT id FROM contact WHERE uid IN (?, ?) LIMIT 1", (uid, "urn:uuid:" + uid)
    ).fetchone()
    if row is not None:
        return row[0]
    if lowered.startswith(("urn:", "http:", "https:", "tel:")):
        return None
    return (book or _Book()).by_name(value)


def _kept_relations(contact_id: int) -> set[tuple[str, int | str]]:
    """(kind, other id or folded text) of the relations not brought by a card."""
    return {
        (kind, other or fold(text))
        for kind, other, text in database.execute_sql(
            "SELECT kind, other_id, other_text FROM relation "
            "WHERE contact_id = ? AND source != 'vcard'",
            (contact_id,),
        )
    }


def store_card_relations(entries: list[tuple[int, list[RelatedName]]], now: str) -> int:
    """Replace the card relations of each ``(contact id, relations)``; returns how
    many were linked to someone in the book. The caller holds the transaction."""
    book = _Book()
    linked = 0
    for contact_id, related in entries:
        database.execute_sql(
            "DELETE FROM relation WHERE contact_id = ? AND source = 'vcard'", (contact_id,)
        )
        kept = _kept_relations(contact_id)
        for item in related:
            other = match_person(item.text, book)
            if other == contact_id:
                other = None
            if (item.kind, other or fold(item.text)) in kept:
                continue  # the user's or an introduction's own: a card brings it back
            linked += other is not None
            database.execute_sql(
                "INSERT INTO relation (contact_id, other_id, other_text, kind, label, source, "
                "created_at) VALUES (?, ?, ?, ?, ?, 'vcard', ?)",
                (contact_id, other, "" if other else item.text, item.kind, item.label, now),
            )
    return linked
