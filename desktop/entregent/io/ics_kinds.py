"""Guessing what a calendar event was from its summary and place.

A small keyword table in English and French; the first kind whose keyword
appears (as a whole word, accents and case ignored) wins, and anything else
is a meeting. The user can change the kind afterwards.
"""

from __future__ import annotations

import re
from functools import lru_cache

from entregent.model.text_folding import fold

__all__ = ["KIND_KEYWORDS", "DEFAULT_KIND", "guess_kind"]

DEFAULT_KIND = "meeting"

# kind -> keywords, folded (no accents, lower case). Order matters: a tennis
# club is sport, a club evening a group event, a "birthday lunch" a party.
KIND_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "sport",
        (
            "tennis",
            "gym",
            "course",
            "running",
            "jogging",
            "football",
            "foot",
            "squash",
            "badminton",
            "yoga",
            "swim",
            "swimming",
            "natation",
            "velo",
            "cycling",
            "climbing",
            "escalade",
            "golf",
        ),
    ),
    ("group_event", ("club", "association", "assemblee generale", "general meeting")),
    (
        "party",
        (
            "anniversaire",
            "birthday",
            "apero",
            "aperitif",
            "party",
            "soiree",
            "fete",
            "drinks",
            "pot de depart",
        ),
    ),
    ("volunteering", ("benevolat", "benevole", "volunteer", "volunteering", "charity")),
    (
        "meal",
        (
            "dejeuner",
            "lunch",
            "diner",
            "dinner",
            "breakfast",
            "brunch",
            "repas",
            "restaurant",
            "resto",
        ),
    ),
    ("coffee", ("cafe", "coffee", "tea")),
    ("call", ("call", "appel", "coup de fil")),
    ("meeting", ("reunion", "meeting", "rendez vous", "rdv", "entretien")),
)

_PATTERNS = tuple(
    (kind, re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")s?\b"))
    for kind, words in KIND_KEYWORDS
)


@lru_cache(maxsize=4096)  # a weekly series asks the same question every week
def guess_kind(summary: str, location: str = "") -> str:
    """The kind of interaction an event most likely was."""
    text = " ".join(fold(f"{summary} {location}").replace("-", " ").replace("'", " ").split())
    for kind, pattern in _PATTERNS:
        if pattern.search(text):
            return kind
    return DEFAULT_KIND
