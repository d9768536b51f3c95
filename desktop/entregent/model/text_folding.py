"""Text folding for search and sorting, with no dependency beyond unicodedata.

``fold`` lower-cases and strips diacritics (Hélène -> helene, Œ -> oe, ß -> ss).
``sort_key`` builds the key stored in ``contact.sort_key`` so that SQL can order
and page people the way a reader expects: case-insensitive, accented letters
beside their base letter, by family or given name, with name particles
(de, van, von, …) placed after the name they belong to.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
    }
)

# Particles that do not decide where a family name sorts when written in lower
# case ("de Gaulle" under G, "van der Berg" under B), as French, Dutch and German
# directories do. Written with a capital they are part of the name, as Belgians,
# the English-speaking world and French articles have it: "Van Damme" under V,
# "De Niro" under D, "La Fontaine" under L (so "Jean de La Fontaine" is under L).
PARTICLES = frozenset(
    {
        "de",
        "d'",
        "d’",
        "du",
        "des",
        "de la",
        "van",
        "van der",
        "van den",
        "van de",
        "von",
        "von der",
        "von dem",
        "der",
        "den",
        "ter",
        "ten",
        "da",
        "di",
        "del",
        "della",
        "dos",
        "das",
        "do",
        "zu",
        "von und zu",
    }
)
# In a family name typed all in capitals (a French habit: "Charles DE GAULLE") the
# case tells nothing; there the true particles still drop, the articles stay.
_UPPER_CASE_PARTICLES = frozenset(
    {
        "de",
        "d'",
        "d’",
        "van",
        "van der",
        "van den",
        "van de",
        "von",
        "von der",
        "von dem",
        "ter",
        "ten",
        "da",
        "di",
        "dos",
        "das",
        "do",
        "zu",
    }
)
_FIRST_WORDS = frozenset(p.split()[0] for p in PARTICLES)
_ELIDED = ("d'", "d’")
_NOT_WORD = re.compile(r"[\W_]+")  # what is not a letter or a digit separates words
_FIELD = "\x02"  # between name parts: below any letter, so "Martin" < "Martin-Dupont"
_TIE = "\x01"  # before the exact text that orders names equal once folded


def fold(text: str) -> str:
    """Lower-case ``text`` and remove its diacritics."""
    if text.isascii():  # most names: nothing to decompose
        return text.lower()
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed.lower()
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def split_particles(family_name: str) -> tuple[str, str]:
    """Split ``"de la Fontaine"`` into ``("de", "la Fontaine")``… see PARTICLES.

    ``"van der Berg"`` gives ``("van der", "Berg")``, ``"d'Ormesson"`` gives
    ``("d'", "Ormesson")``, ``"Van Damme"`` and ``"D'Artagnan"`` stay whole.
    """
    first = family_name.split(maxsplit=1)[0].casefold() if family_name.strip() else ""
    if first not in _FIRST_WORDS and not first.startswith(_ELIDED):
        return "", " ".join(family_name.split())  # most names: no particle
    shouting = family_name.isupper()
    known = _UPPER_CASE_PARTICLES if shouting else PARTICLES

    def is_particle(words: list[str]) -> bool:
        written = " ".join(words)
        return (shouting or written.islower()) and written.casefold() in known

    words = family_name.split()
    lead: list[str] = []
    while words:
        if len(words) > 2 and is_particle(words[:3]):
            lead, words = lead + words[:3], words[3:]
        elif len(words) > 2 and is_particle(words[:2]):
            lead, words = lead + words[:2], words[2:]
        elif len(words) > 1 and is_particle(words[:1]):
            lead, words = lead + words[:1], words[1:]
        elif (
            words[0][:2].casefold() in _ELIDED
            and len(words[0]) > 2
            and (shouting or words[0][0].islower())
        ):
            lead.append(words[0][:2])
            words = [words[0][2:], *words[1:]]
            break
        else:
            break
    return " ".join(lead), " ".join(words)


def _key_part(text: str) -> str:
    """Folded words: apostrophes vanish (O'Brien as obrien, D'Artagnan as
    dartagnan), hyphens and other marks separate words (Jean-Pierre as jean pierre);
    katakana sorts as the hiragana it spells (ヤマダ with やまだ)."""
    folded = fold(text).replace("'", "").replace("’", "").translate(_KATAKANA)
    return _NOT_WORD.sub(" ", folded).strip()


# Katakana ァ..ヶ → hiragana ぁ..ゖ (the same kana, 0x60 apart).
_KATAKANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def sort_key(
    given: str,
    family: str,
    display: str,
    order: str = "family",
    phonetic_given: str = "",
    phonetic_family: str = "",
) -> str:
    """The key people sort by, ``order`` being "family" or "given".

    - by family name: the family name without its leading lower-case particles,
      then the given name, then the particles ("van der Berg, Marc");
    - by given name: the given name, then the whole family name as written;
    - someone with only one of the two sorts by it, wherever it was typed;
    - a card with neither sorts by what is shown for it (an organisation, an
      e-mail address), and one with nothing to show comes last.

    Parts are separated by a character below any letter, so every "Martin"
    comes before "Martin-Dupont". The exact display text follows, so that names
    equal once folded (Elodie, Élodie) keep a stable order.

    A name's reading (``phonetic_given``, ``phonetic_family``: the yomigana of a
    name in kanji, a pinyin) stands for the name it reads: 山田 sorts as やまだ.
    """
    given = (phonetic_given or "").strip() or given or ""
    family = (phonetic_family or "").strip() or family or ""
    given, whole_family = _key_part(given), _key_part(family)
    particles, core = split_particles(family.strip())
    particles, core = _key_part(particles), _key_part(core)
    if not core and not given:
        parts = [_key_part(display)]
    elif not core:
        parts = [given, "", particles]
    elif not given:
        parts = [core, "", particles]
    elif order == "given":
        parts = [given, whole_family]
    else:
        parts = [core, given, particles]
    base = _FIELD.join(parts).rstrip(_FIELD)
    if not base:
        base = "\uffff"  # nothing to sort by: last
    return f"{base}{_TIE}{display}"
