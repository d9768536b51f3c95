"""Text folding for search and sorting, with no dependency beyond unicodedata.

``fold`` lower-cases and strips diacritics (Hélène -> helene, Œ -> oe, ß -> ss).
``sort_key`` builds the key stored in ``contact.sort_key`` so that SQL can order
and page people the way a reader expects: case-insensitive, accented letters
beside their base letter, by family or given name, with name particles
(de, van, von, …) placed after the name they belong to.
"""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o",
                          "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ı": "i"})

# Particles that do not decide where a family name sorts ("de Gaulle" under G,
# "van Gogh" under G), as directories in French, Dutch and German do.
PARTICLES = frozenset(
    {"de", "d'", "d’", "du", "des", "de la", "la", "le", "van", "van der", "van den", "von",
     "von der", "der", "den", "ter", "ten", "da", "di", "del", "della", "dos", "das", "zu"}
)


def fold(text: str) -> str:
    """Lower-case ``text`` and remove its diacritics."""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def split_particles(family_name: str) -> tuple[str, str]:
    """Split ``"de la Fontaine"`` into ``("de la", "Fontaine")``."""
    words = family_name.split()
    lead: list[str] = []
    while len(words) > 1:
        two = " ".join(words[:2]).casefold()
        if two in PARTICLES and len(words) > 2:
            lead += words[:2]
            words = words[2:]
            continue
        one = words[0].casefold()
        if one in PARTICLES:
            lead.append(words[0])
            words = words[1:]
            continue
        if one.startswith(("d'", "d’")) and len(one) > 2:
            break
        break
    return " ".join(lead), " ".join(words)


def _key_part(text: str) -> str:
    # Fold, keep letters, digits and spaces; apostrophes and hyphens sort as spaces.
    folded = fold(text)
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def sort_key(given: str, family: str, display: str, order: str = "family") -> str:
    """The key people sort by, ``order`` being "family" or "given".

    The base key is followed by the exact text so that names equal once folded
    (Elodie, Élodie) keep a stable, case-and-accent-aware order.
    """
    particles, core = split_particles(family.strip())
    given = given.strip()
    if not core and not given:
        base = _key_part(display)
    elif order == "given":
        base = " ".join(p for p in (_key_part(given), _key_part(core), _key_part(particles)) if p)
    else:
        base = " ".join(p for p in (_key_part(core), _key_part(given), _key_part(particles)) if p)
    if not base:
        base = "\uffff"  # nameless cards sort last
    return f"{base}\x01{display}"
