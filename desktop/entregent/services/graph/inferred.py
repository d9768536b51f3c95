"""Inferred ties: people logged together, in the same group, at the same event.

They are computed from the log and the groups, never stored, and kept apart
from the declared relations: a pair with a declared relation is never listed
here (declared beats inferred), nor a pair the user dismissed
(``tie_dismissal``, which stays). Each comes with a confidence and its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from entregent.model.database import database
from entregent.model.tables import TieDismissal, utcnow
from entregent.network.strength import inferred_confidence

__all__ = [
    "InferredTie",
    "inferred_ties",
    "pair_rows",
    "skipped_pairs",
    "dismiss_tie",
    "undismiss_tie",
    "MAX_GATHERING",
]

MAX_GATHERING = 12  # a meeting with more people says little about who knows whom
MAX_GROUP = 40  # nor does a large group


@dataclass
class InferredTie:
    low_id: int
    high_id: int
    together: int = 0  # interactions logged with both (log --with)
    same_events: int = 0  # calendar events both attended
    groups: list[str] = field(default_factory=list)  # groups both belong to

    @property
    def confidence(self) -> float:
        return inferred_confidence(self.together, self.same_events, len(self.groups))


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def declared_pairs() -> set[tuple[int, int]]:
    return {
        _pair(a, b)
        for a, b in database.execute_sql(
            "SELECT contact_id, other_id FROM relation WHERE other_id IS NOT NULL"
        )
    }


def dismissed_pairs() -> set[tuple[int, int]]:
    return {(a, b) for a, b in database.execute_sql("SELECT low_id, high_id FROM tie_dismissal")}


_PAIRS = (
    "WITH small AS (SELECT interaction_id FROM participant {scope_logged} "
    f"GROUP BY interaction_id HAVING count(*) BETWEEN 2 AND {MAX_GATHERING}), "
    "logged AS (SELECT a.contact_id AS lo, b.contact_id AS hi, "
    "sum(i.source != 'calendar') AS together, sum(i.source = 'calendar') AS events "
    "FROM small s JOIN participant a ON a.interaction_id = s.interaction_id "
    "JOIN participant b ON b.interaction_id = s.interaction_id AND a.contact_id < b.contact_id "
    "JOIN interaction i ON i.id = s.interaction_id "
    "WHERE i.kind != 'introduction' {who_logged} GROUP BY 1, 2), "
    "crowd AS (SELECT organization_id FROM membership {scope_grouped} "
    f"GROUP BY organization_id HAVING count(*) BETWEEN 2 AND {MAX_GROUP}), "
    "grouped AS (SELECT lo, hi, group_concat(name, char(31)) AS names FROM ("
    "SELECT a.contact_id AS lo, b.contact_id AS hi, o.name AS name FROM crowd s "
    "JOIN membership a ON a.organization_id = s.organization_id "
    "JOIN membership b ON b.organization_id = s.organization_id "
    "AND a.contact_id < b.contact_id "
    "JOIN organization o ON o.id = s.organization_id WHERE 1 {who_grouped}) GROUP BY 1, 2) "
    "SELECT l.lo, l.hi, l.together, l.events, g.names FROM logged l "
    "LEFT JOIN grouped g ON g.lo = l.lo AND g.hi = l.hi "
    "UNION ALL SELECT g.lo, g.hi, 0, 0, g.names FROM grouped g "
    "WHERE NOT EXISTS (SELECT 1 FROM logged l WHERE l.lo = g.lo AND l.hi = g.hi)"
)


def pair_rows(contact_id: int | None = None):
    """(low id, high id, together, same events, group names) of every pair that
    shares something, declared and dismissed ones included: one aggregated query."""
    if contact_id is None:
        sql = _PAIRS.format(scope_logged="", who_logged="", scope_grouped="", who_grouped="")
        params: tuple = ()
    else:  # only that person's interactions and groups are looked at
        sql = _PAIRS.format(
            scope_logged="WHERE interaction_id IN "
            "(SELECT interaction_id FROM participant WHERE contact_id = ?)",
            who_logged="AND (a.contact_id = ? OR b.contact_id = ?)",
            scope_grouped="WHERE organization_id IN "
            "(SELECT organization_id FROM membership WHERE contact_id = ?)",
            who_grouped="AND (a.contact_id = ? OR b.contact_id = ?)",
        )
        params = (contact_id,) * 6
    for lo, hi, together, events, names in database.execute_sql(sql, params):
        yield lo, hi, together, events, sorted(names.split("\x1f")) if names else []


def skipped_pairs() -> set[tuple[int, int]]:
    """The pairs an inferred tie never joins: declared (declared beats inferred)
    and dismissed ones."""
    return declared_pairs() | dismissed_pairs()


def inferred_ties(contact_id: int | None = None) -> list[InferredTie]:
    """Every inferred tie (or those of ``contact_id``), most confident first."""
    skip = skipped_pairs()
    found = [
        InferredTie(lo, hi, together, events, groups)
        for lo, hi, together, events, groups in pair_rows(contact_id)
        if (lo, hi) not in skip
    ]
    found.sort(key=lambda t: (-t.confidence, t.low_id, t.high_id))
    return found


def dismiss_tie(a_id: int, b_id: int) -> None:
    """The user says these two do not know each other: the inferred tie stays gone."""
    low, high = _pair(a_id, b_id)
    database.execute_sql(
        "INSERT OR IGNORE INTO tie_dismissal (low_id, high_id, created_at) VALUES (?, ?, ?)",
        (low, high, str(utcnow())),
    )


def undismiss_tie(a_id: int, b_id: int) -> None:
    low, high = _pair(a_id, b_id)
    TieDismissal.delete().where((TieDismissal.low == low) & (TieDismissal.high == high)).execute()
