"""Who a card says its person is related to, and the same written back.

Three dialects are read:

- vCard 4.0 ``RELATED`` (``TYPE=spouse``, ``child``, ``co-worker`` …), its value
  a URI (``urn:uuid:…``, ``mailto:…``) or, with ``VALUE=text``, a name;
- Apple's ``itemN.X-ABRELATEDNAMES`` with the label on ``itemN.X-ABLabel``
  (``_$!<Spouse>!$_`` or the user's own word);
- Android's ``X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;NAME;TYPE;LABEL…``
  (the numeric types of ``ContactsContract.CommonDataKinds.Relation``).

Each becomes a ``RelatedName``: the text as written, one of the relation kinds
(``model.tables.RELATION_KINDS``) and the card's own label. Matching the text
to someone in the book is the import's business. The writer gives 4.0 cards
``RELATED`` lines and 3.0 cards Apple's grouped form, which Apple, Android's
importers and most others read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from entregent.io.vcard_lines import Prop, unescape

__all__ = ["RelatedName", "read_related", "is_relation_prop", "related_lines"]

ANDROID_RELATION = "vnd.android.cursor.item/relation"

# A label or TYPE word, lower-case → relation kind.
_WORDS = {
    "spouse": "spouse",
    "husband": "spouse",
    "wife": "spouse",
    "partner": "partner",
    "domestic partner": "partner",
    "sweetheart": "partner",
    "date": "partner",
    "crush": "partner",
    "child": "child",
    "son": "child",
    "daughter": "child",
    "parent": "parent",
    "father": "parent",
    "mother": "parent",
    "sibling": "sibling",
    "brother": "sibling",
    "sister": "sibling",
    "kin": "relative",
    "relative": "relative",
    "friend": "friend",
    "colleague": "colleague",
    "co-worker": "colleague",
    "coworker": "colleague",
    "assistant": "colleague",
    "manager": "colleague",
    "referred by": "introduced_by",
    "referred_by": "introduced_by",
    "introduced by": "introduced_by",
    "x-introduced-by": "introduced_by",
}
_ANDROID_TYPES = {
    "1": "assistant",
    "2": "brother",
    "3": "child",
    "4": "domestic partner",
    "5": "father",
    "6": "friend",
    "7": "manager",
    "8": "mother",
    "9": "parent",
    "10": "partner",
    "11": "referred by",
    "12": "relative",
    "13": "sister",
    "14": "spouse",
}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_APPLE_WORDS = {"spouse", "partner", "child", "parent", "father", "mother", "brother", "sister"}
_APPLE_WORDS |= {"friend", "assistant", "manager", "son", "daughter", "husband", "wife"}
_V4_TYPE = {
    "knows": "contact",
    "colleague": "colleague",
    "friend": "friend",
    "spouse": "spouse",
    "partner": "sweetheart",
    "child": "child",
    "parent": "parent",
    "sibling": "sibling",
    "relative": "kin",
    "introduced_by": "x-introduced-by",
}
# RFC 6350's RELATED types
_RFC6350_TYPES = {"contact", "acquaintance", "friend", "met", "co-worker", "colleague"}
_RFC6350_TYPES |= {"co-resident", "neighbor", "child", "parent", "sibling", "spouse", "kin"}
_RFC6350_TYPES |= {"muse", "crush", "date", "sweetheart", "me", "agent", "emergency"}
_KIND_WORD = {
    "knows": "other",
    "introduced_by": "introduced by",
    "relative": "relative",
    "sibling": "sibling",
}
_FIELD = re.compile(r"(?<!\\);")


@dataclass(slots=True)
class RelatedName:
    text: str  # a name or a URI (urn:uuid:…, mailto:…) as written
    kind: str  # one of model.tables.RELATION_KINDS
    label: str = ""  # the card's own word, lower-case ("sister", "godmother")


def kind_of(word: str) -> str:
    """The relation kind a label or TYPE word means ("knows" when it says nothing known)."""
    return _WORDS.get(word.strip().lower().replace("_", " "), "knows")


def is_relation_prop(prop: Prop) -> bool:
    """Whether ``prop`` is one of the relation lines read here (export writes them anew)."""
    if prop.name in ("RELATED", "X-ABRELATEDNAMES"):
        return True
    return prop.name == "X-ANDROID-CUSTOM" and prop.value.startswith(ANDROID_RELATION + ";")


def read_related(props: list[Prop], labels: dict[str, str]) -> list[RelatedName]:
    """The relations in a card's lines; ``labels``: Apple item group → label (lower-case)."""
    found: list[RelatedName] = []
    for prop in props:
        if prop.name == "RELATED":
            text = unescape(prop.value).strip()
            words = [t for t in prop.types() if t != "pref"]
            kinds = [kind_of(w) for w in words]
            kind = next((k for k in kinds if k != "knows"), "knows")
            label = ",".join(words)
            if prop.group and prop.group.upper() in labels:  # our 4.0 export's own word
                label = labels[prop.group.upper()]
        elif prop.name == "X-ABRELATEDNAMES":
            text = unescape(prop.value).strip()
            label = labels.get(prop.group.upper(), "") if prop.group else ""
            kind = kind_of(label)
        elif is_relation_prop(prop):
            fields = [unescape(f) for f in _FIELD.split(prop.value)]
            text = fields[1].strip() if len(fields) > 1 else ""
            code = fields[2].strip() if len(fields) > 2 else ""
            custom = fields[3].strip() if len(fields) > 3 else ""
            label = (custom if code in ("", "0") else _ANDROID_TYPES.get(code, custom)).lower()
            kind = kind_of(label)
        else:
            continue
        if text:
            found.append(RelatedName(text, kind, label))
    return found


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _apple_label(kind: str, label: str) -> str:
    word = label if label in _APPLE_WORDS else ""
    if not word:
        word = kind if kind in _APPLE_WORDS else ""
    if word:
        return f"_$!<{word.capitalize()}>!$_"
    return label or _KIND_WORD.get(kind, kind)


def related_lines(
    related: list[tuple[str, str, str]], version: str, first_group: int = 1
) -> list[str]:
    """Content lines (unfolded) for ``(kind, label, value)`` triples, ``value`` a
    ``urn:uuid:`` URI for someone in the book or a name."""
    lines: list[str] = []
    for index, (kind, label, value) in enumerate(related, first_group):
        if version == "4.0":
            is_uri = value.startswith(("urn:", "mailto:", "http:", "https:"))
            word = _V4_TYPE.get(kind, "contact")
            if label in _RFC6350_TYPES and kind_of(label) == kind:
                word = label  # a type 4.0 has: written as the card had it
            params = f";TYPE={word}"
            if not is_uri:
                params = ";VALUE=text" + params
            text = value if is_uri else _escape(value)
            if label == word:
                lines.append(f"RELATED{params}:{text}")
                continue
            # a label TYPE cannot say ("assistant", none at all): Apple's X-ABLabel
            group = f"related{index}"
            lines.append(f"{group}.RELATED{params}:{text}")
            lines.append(f"{group}.X-ABLabel:{_escape(label)}")
        else:
            name = value  # someone in the book is named; other text as the card wrote it
            if kind == "knows" and not label:
                lines.append(f"X-ABRELATEDNAMES:{_escape(name)}")  # no word to say
                continue
            group = f"related{index}"
            lines.append(f"{group}.X-ABRELATEDNAMES:{_escape(name)}")
            lines.append(f"{group}.X-ABLabel:{_escape(_apple_label(kind, label))}")
    return lines
