"""Finding people: full-text, diacritics-insensitive, ranked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from entregent.model.database import database
from entregent.model.kana import spellings
from entregent.model.tables import Contact, ContactMethod

__all__ = ["ContactHit", "search_contacts", "fts_query"]

_WORD = re.compile(r"\w+", re.UNICODE)
# bm25 weights per column: name, org, emails, phones, notes
_WEIGHTS = "10.0, 3.0, 2.0, 2.0, 1.0"


@dataclass
class ContactHit:
    id: int
    uid: str
    name: str
    org: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    score: float = 0.0

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "uid": self.uid,
            "name": self.name,
            "org": self.org,
            "emails": self.emails,
            "phones": self.phones,
            "score": round(self.score, 3),
        }


def fts_query(text: str) -> str | None:
    """An FTS5 query matching every word of ``text`` as a prefix, or None if no word.

    A word that may be a Japanese reading also matches its other spellings
    (``yamada``, ``やまだ``, ``ヤマダ``, ``ﾔﾏﾀﾞ``): a person is found by the reading
    of their name however it was stored and typed (see ``model/kana``)."""
    words = _WORD.findall(text)
    if not words:
        return None
    groups = []
    for word in words:
        forms = spellings(word)
        alternatives = " OR ".join(f'"{form}"*' for form in forms)
        groups.append(f"({alternatives})" if len(forms) > 1 else alternatives)
    return " AND ".join(groups)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def search_contacts(
    text: str, *, limit: int = 50, include_archived: bool = False
) -> list[ContactHit]:
    """People matching ``text`` in name, organisation, e-mail, phone or note, best first.

    Words match as prefixes, case- and accent-insensitively (``helene`` finds
    Hélène). A query of digits also matches phone numbers by their digits, so
    ``0612`` finds ``+33 6 12 …`` written as ``06 12 …``.
    """
    scores: dict[int, float] = {}
    query = fts_query(text)
    if query:
        rows = database.execute_sql(
            f"SELECT rowid, bm25(contact_fts, {_WEIGHTS}) FROM contact_fts "
            "WHERE contact_fts MATCH ? ORDER BY 2 LIMIT ?",
            (query, limit * 4),
        ).fetchall()
        scores = {row[0]: -row[1] for row in rows}
    digits = _digits(text)
    if len(digits) >= 4 and len(digits) >= len(text.replace(" ", "")) - 2:
        like = f"%{digits.lstrip('0')}%"
        for (contact_id,) in database.execute_sql(
            "SELECT DISTINCT contact_id FROM contact_method WHERE kind = 'tel' AND "
            "(normalized LIKE ? OR replace(replace(replace(value, ' ', ''), '.', ''), '-', '')"
            " LIKE ?) LIMIT ?",
            (like, f"%{digits}%", limit),
        ):
            scores[contact_id] = max(scores.get(contact_id, 0.0), 5.0)
    if not scores:
        return []
    contacts = Contact.select(
        Contact.id,
        Contact.uid,
        Contact.display_name,
        Contact.org,
        Contact.archived,
        Contact.sort_key,
    ).where(Contact.id.in_(list(scores)))
    if not include_archived:
        contacts = contacts.where(Contact.archived == False)  # noqa: E712
    hits = {
        c.id: ContactHit(c.id, c.uid, c.display_name, c.org, score=scores[c.id]) for c in contacts
    }
    for method in (
        ContactMethod.select(ContactMethod.contact, ContactMethod.kind, ContactMethod.value)
        .where(ContactMethod.contact.in_(list(hits)), ContactMethod.kind.in_(("email", "tel")))
        .order_by(ContactMethod.position)
    ):
        hit = hits[method.contact_id]
        (hit.emails if method.kind == "email" else hit.phones).append(method.value)
    ordered = sorted(hits.values(), key=lambda h: (-h.score, h.name.casefold()))
    return ordered[:limit]
