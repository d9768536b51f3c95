"""Finding people: full-text, diacritics-insensitive, ranked."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from entregent.model.database import database
from entregent.model.kana import spellings

__all__ = ["ContactHit", "search_contacts", "fts_query"]

_WORD = re.compile(r"\w+", re.UNICODE)
# bm25 weights per column: name, org, emails, phones, notes
_WEIGHTS = "10.0, 3.0, 2.0, 2.0, 1.0"
# The score of a person found by the digits of a phone number
PHONE_SCORE = 5.0

# The best full-text matches, four per result asked: only these are ranked.
_MATCHED = (
    f"SELECT rowid AS id, bm25(contact_fts, {_WEIGHTS}) AS rank FROM contact_fts "
    "WHERE contact_fts MATCH :query ORDER BY 2 LIMIT :window"
)
# People with a phone number holding the digits typed, as many as results asked.
_PHONED = (
    "SELECT DISTINCT contact_id AS id FROM contact_method WHERE kind = 'tel' AND "
    "(normalized LIKE :like OR replace(replace(replace(value, ' ', ''), '.', ''), '-', '')"
    " LIKE :digits) LIMIT :limit"
)
# One statement: the candidates scored (a phone match scores at least 5), the
# page ranked (score, then the name without case, then id; the name folded by
# Python's casefold, which SQLite lacks, for the candidates only), then the
# page's e-mails and phones. Nothing is read for people past the page.
_RANKED = """
WITH matched AS MATERIALIZED ({matched}),
     phoned AS MATERIALIZED ({phoned}),
     scored AS (
         SELECT id, max(score) AS score FROM (
             SELECT id, -rank AS score FROM matched
             UNION ALL SELECT id, {phone_score} FROM phoned
         ) GROUP BY id
     ),
     page AS (
         SELECT c.id, c.uid, c.display_name, c.org, s.score,
                entregent_casefold(c.display_name) AS folded
         FROM scored s CROSS JOIN contact c ON c.id = s.id
         WHERE :archived OR NOT c.archived
         ORDER BY s.score DESC, folded, c.id
         LIMIT :page
     )
SELECT p.id, p.uid, p.display_name, p.org, p.score,
       (SELECT json_group_array(json_array(m.kind, m.position, m.id, m.value))
        FROM contact_method m WHERE m.contact_id = p.id AND +m.kind IN ('email', 'tel'))
FROM page p
ORDER BY p.score DESC, p.folded, p.id
"""


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


def _phone_digits(text: str) -> str | None:
    """The digits to look for in phone numbers: four or more, and (nearly) all of ``text``."""
    digits = _digits(text)
    if len(digits) >= 4 and len(digits) >= len(text.replace(" ", "")) - 2:
        return digits
    return None


def _hit(row: tuple) -> ContactHit:
    contact_id, uid, name, org, score, methods = row
    hit = ContactHit(contact_id, uid, name, org, score=score)
    for kind, _position, _id, value in sorted(json.loads(methods), key=lambda m: (m[1], m[2])):
        (hit.emails if kind == "email" else hit.phones).append(value)
    return hit


def search_contacts(
    text: str, *, limit: int = 50, include_archived: bool = False
) -> list[ContactHit]:
    """People matching ``text`` in name, organisation, e-mail, phone or note, best first.

    Words match as prefixes, case- and accent-insensitively (``helene`` finds
    Hélène). A query of digits also matches phone numbers by their digits, so
    ``0612`` finds ``+33 6 12 …`` written as ``06 12 …``.

    The ``limit × 4`` best full-text matches (by bm25, name weighing most) and
    up to ``limit`` phone matches are the candidates; equal scores sort by the
    name without case, then by id. One statement ranks them and reads the
    page's names, e-mails and phones, so a keystroke costs about its full-text
    query whatever the number of matches.
    """
    query = fts_query(text)
    if query is None:
        return []
    digits = _phone_digits(text)
    params: dict[str, object] = {
        "query": query,
        "window": limit * 4,
        "archived": include_archived,
        # a negative limit took the list but its last results (a slice)
        "page": limit if limit >= 0 else -1,
    }
    phoned = "SELECT NULL AS id WHERE 0"
    if digits is not None:
        phoned = _PHONED
        params |= {"like": f"%{digits.lstrip('0')}%", "digits": f"%{digits}%", "limit": limit}
    sql = _RANKED.format(matched=_MATCHED, phoned=phoned, phone_score=PHONE_SCORE)
    database.connection().create_function("entregent_casefold", 1, str.casefold, deterministic=True)
    hits = [_hit(row) for row in database.execute_sql(sql, params)]
    return hits if limit >= 0 else hits[:limit]
