"""How strong a tie is, from 0 to 1: the rules behind the map and the warm paths.

- With the user: how often and how lately you were in touch (interactions of the
  past year), lifted by the tie the user set (close, regular, acquaintance) and
  by a family or friends context.
- Between two people: a declared relation gives its own strength (a spouse more
  than someone who "knows" them); an inferred tie is weaker and carries a
  confidence (logged together, same group, same calendar event). A declared
  relation always wins over an inferred one.

A path's cost is the sum of ``-log(strength)`` along it, so the strongest chain
is the shortest path.
"""

from __future__ import annotations

import math

__all__ = [
    "user_tie_strength",
    "declared_strength",
    "inferred_confidence",
    "inferred_strength",
    "cost",
]

_SET_TIE = {"close": 0.9, "regular": 0.65, "acquaintance": 0.35}
_WARM_CONTEXTS = {"family": 0.6, "friends": 0.5}
_DECLARED = {
    "spouse": 0.95,
    "partner": 0.95,
    "child": 0.9,
    "parent": 0.9,
    "sibling": 0.85,
    "relative": 0.7,
    "friend": 0.8,
    "colleague": 0.6,
    "introduced_by": 0.6,
    "knows": 0.5,
}
FLOOR = 0.02
CEILING = 0.98


def _clamp(value: float) -> float:
    return min(CEILING, max(FLOOR, value))


def user_tie_strength(
    interactions_year: int,
    days_since_last: int | None,
    set_tie: str | None = None,
    context_kinds: tuple[str, ...] = (),
) -> float:
    """The user's tie with one person."""
    frequency = 1.0 - math.exp(-interactions_year / 6.0)  # a dozen a year is strong
    recency = 0.0 if days_since_last is None else math.exp(-max(0, days_since_last) / 180.0)
    seen = 0.1 + 0.8 * (0.5 * frequency + 0.5 * recency)
    base = max(
        [_SET_TIE.get(set_tie or "", 0.0)] + [_WARM_CONTEXTS.get(k, 0.0) for k in context_kinds]
    )
    return _clamp(max(seen, base) if base else seen)


def declared_strength(kind: str) -> float:
    return _DECLARED.get(kind, 0.5)


def inferred_confidence(together: int, same_events: int, shared_groups: int) -> float:
    """How sure we are that two people know each other, from what they share."""
    evidence = 1.2 * together + 0.8 * same_events + 0.6 * shared_groups
    return round(min(0.95, 1.0 - math.exp(-evidence / 2.0)), 3)


def inferred_strength(confidence: float) -> float:
    """An inferred tie counts for less than a declared one of the weakest kind."""
    return _clamp(0.45 * confidence)


def cost(strength: float) -> float:
    return -math.log(_clamp(strength))
