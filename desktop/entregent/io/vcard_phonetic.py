"""Phonetic names: how a name is read, in every dialect phones write it.

Japanese contacts carry their reading (yomigana) beside the kanji, Chinese ones
often their pinyin; address books sort and search by it. Read, best first:

- Apple's and Android's ``X-PHONETIC-FIRST-NAME``, ``X-PHONETIC-MIDDLE-NAME``,
  ``X-PHONETIC-LAST-NAME``, ``X-PHONETIC-ORG`` (one value per part);
- vCard 2.1 ``SOUND;X-IRMC-N`` (DoCoMo's form, which Android writes for Japanese
  phones): ``family;given;middle``, or the whole reading in the first component
  ("Miyakawa Daisuke;;;;");
- vCard 4.0 ``SORT-AS`` on N (``"family,given"``) and on ORG;
- vCard 3.0 ``SORT-STRING`` (Android: family, middle and given joined by spaces).

A later source only fills the parts an earlier one left empty. ``phonetic_lines``
writes them back in the dialect of the version written.
"""

from __future__ import annotations

from collections.abc import Callable

from entregent.io.vcard_lines import Prop, split_structured
from entregent.io.vcard_person import PersonFields

__all__ = ["PHONETIC_X", "read_phonetic", "phonetic_lines", "is_phonetic_prop", "name_sort_as"]

PHONETIC_X = {
    "X-PHONETIC-FIRST-NAME": "phonetic_given",
    "X-PHONETIC-MIDDLE-NAME": "phonetic_middle",
    "X-PHONETIC-LAST-NAME": "phonetic_family",
    "X-PHONETIC-ORG": "phonetic_org",
}
_NAME_PARTS = ("phonetic_family", "phonetic_given", "phonetic_middle")


def is_phonetic_prop(prop: Prop) -> bool:
    """A property that only says how a name is read (the export writes it from fields)."""
    if prop.name in PHONETIC_X or prop.name == "SORT-STRING":
        return True
    return prop.name == "SOUND" and "x-irmc-n" in prop.types()


def _fill(card: PersonFields, name: str, value: str) -> None:
    if value.strip() and not getattr(card, name):
        setattr(card, name, value.strip())


def _spaced(card: PersonFields, text: str) -> None:
    """A whole reading "family [middle] given" written as one value."""
    words = text.split()
    if len(words) == 3:
        family, middle, given = words
    elif len(words) == 2:
        (family, given), middle = words, ""
    else:
        family, middle, given = text, "", ""
    if not any(getattr(card, n) for n in _NAME_PARTS):
        _fill(card, "phonetic_family", family)
        _fill(card, "phonetic_middle", middle)
        _fill(card, "phonetic_given", given)


def _sound(card: PersonFields, prop: Prop) -> None:
    parts = [p.strip() for p in split_structured(prop.value, prop.version)]
    if len(parts) == 1 or not any(parts[1:]):
        _spaced(card, parts[0])
        return
    for name, value in zip(_NAME_PARTS, parts, strict=False):
        _fill(card, name, value)


def _sort_as(card: PersonFields, prop: Prop) -> None:
    value = prop.param("SORT-AS")
    if not value:
        return
    if prop.name == "ORG":
        _fill(card, "phonetic_org", value.split(",")[0])
        return
    for name, part in zip(("phonetic_family", "phonetic_given"), value.split(","), strict=False):
        _fill(card, name, part)


def read_phonetic(card: PersonFields, props: list[Prop]) -> None:
    """Fill the card's phonetic parts from its properties.

    The name's parts come from the first source that gives any (a card written by
    us carries X-PHONETIC-* and, in 4.0, a SORT-AS that may hold the written name
    for a part with no reading: it is not read then). The organisation's reading
    is X-PHONETIC-ORG, else the SORT-AS of ORG."""
    for prop in props:
        if prop.name in PHONETIC_X:
            _fill(card, PHONETIC_X[prop.name], prop.text())
    sources = (
        [p for p in props if p.name == "SOUND" and "x-irmc-n" in p.types()],
        [p for p in props if p.name == "N"],
        [p for p in props if p.name == "SORT-STRING"],
    )
    for source in sources:
        for prop in source:
            if any(getattr(card, n) for n in _NAME_PARTS):
                break
            if prop.name == "SOUND":
                _sound(card, prop)
            elif prop.name == "N":
                _sort_as(card, prop)
            else:
                _spaced(card, prop.text().strip())
    for prop in props:
        if prop.name == "ORG":
            _sort_as(card, prop)


def name_sort_as(card: PersonFields) -> str:
    """The 4.0 ``SORT-AS`` text of N ("family,given", a part with no reading as
    written), "" when there is no reading."""
    if not (card.phonetic_family or card.phonetic_given):
        return ""
    family = card.phonetic_family or card.family_name
    given = card.phonetic_given or card.given_name
    return f"{family},{given}" if given else family


def phonetic_lines(card: PersonFields, version: str, escape: Callable[[str], str]) -> list[str]:
    """The reading as ``version`` says it: Apple's X-PHONETIC-* in 3.0 and 4.0 (one
    value per part, what Apple and Android read back), plus SORT-STRING in 3.0 (the
    4.0 SORT-AS parameters are written on N and ORG by the writer)."""
    lines = [
        f"{prop}:{escape(getattr(card, name))}"
        for prop, name in PHONETIC_X.items()
        if getattr(card, name)
    ]
    whole = " ".join(
        p for p in (card.phonetic_family, card.phonetic_middle, card.phonetic_given) if p
    )
    if version == "3.0" and whole:
        lines.append(f"SORT-STRING:{escape(whole)}")
    return lines
