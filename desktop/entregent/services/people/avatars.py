"""What a person's initials avatar shows: two letters and the colour of their
highest-priority context (a neutral slate when they have none)."""

from __future__ import annotations

from collections.abc import Iterable

from entregent.model.database import database

__all__ = ["initials", "context_colours", "NO_CONTEXT_COLOUR"]

NO_CONTEXT_COLOUR = "#6b7785"


def initials(name: str) -> str:
    """ "Hélène Marchand" -> "HM", "Zoé" -> "Z", "" -> "?"; letters only."""
    words = [w for w in (name or "").replace("-", " ").split() if any(c.isalpha() for c in w)]
    if not words:
        return "?"
    letters = [next(c for c in w if c.isalpha()) for w in (words[0], words[-1])]
    return ("".join(letters) if len(words) > 1 else letters[0]).upper()


def context_colours(contact_ids: Iterable[int]) -> dict[int, str]:
    """Each person's highest-priority context colour (only those who have one)."""
    ids = sorted({int(i) for i in contact_ids})
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _id in chunk)
        rows = database.execute_sql(
            "SELECT cc.contact_id, x.colour FROM contact_context cc "
            "JOIN context x ON x.id = cc.context_id "
            f"WHERE cc.contact_id IN ({marks}) ORDER BY x.priority DESC, x.name",
            chunk,
        )
        for contact_id, colour in rows:
            found.setdefault(contact_id, colour)
    return found
