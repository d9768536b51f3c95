"""One card into a ``CardData``: plain values, no vobject object leaves this module.

``card_lines`` repairs the card; the properties we map are handed to vobject
(``readOne``) as clean unfolded lines; photos are decoded here, bounded, and a
photo URL is kept as written (never fetched). Unknown properties are not mapped:
they stay in the card's stored text, which export gives back.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from vobject import vcard as vobject_vcard

from entregent.i18n import _, ngettext
from entregent.io.vcard_lines import CardLines, Prop, card_lines, split_structured, unescape
from entregent.io.vcard_normalize import normalize_email, normalize_phone
from entregent.io.vcard_person import DatedEvent, Method, PersonFields, Position
from entregent.io.vcard_phonetic import read_phonetic
from entregent.io.vcard_photo import read_photo
from entregent.io.vcard_relations import RelatedName, read_related
from entregent.io.vcard_split import RawCard

__all__ = [
    "Method",
    "CardData",
    "CardRejected",
    "read_card",
    "is_dated_event_row",
    "IM_PROPERTIES",
    "MAPPED_X",
]

# Instant-messaging properties written by various exporters: name → service label
IM_PROPERTIES = {
    "X-AIM": "aim",
    "X-ICQ": "icq",
    "X-JABBER": "jabber",
    "X-MSN": "msn",
    "X-YAHOO": "yahoo",
    "X-SKYPE": "skype",
    "X-SKYPE-USERNAME": "skype",
    "X-GTALK": "gtalk",
    "X-QQ": "qq",
    "X-SIP": "sip",
    "X-MS-IMADDRESS": "im",
    "X-GOOGLE-TALK": "gtalk",
}
ANNIVERSARY_PROPERTIES = (
    "ANNIVERSARY",
    "X-ANNIVERSARY",
    "X-MS-ANNIVERSARY",
    "X-EVOLUTION-ANNIVERSARY",
)
# X- properties this reader maps into fields (export writes them from the fields).
MAPPED_X = frozenset(
    {
        "X-ABLABEL",
        "X-ADDRESSBOOKSERVER-KIND",
        "X-ADDRESSBOOKSERVER-MEMBER",
        "X-ANNIVERSARY",
        "X-MS-ANNIVERSARY",
        "X-EVOLUTION-ANNIVERSARY",
        *IM_PROPERTIES,
    }
)
_FOR_VOBJECT = frozenset({"N", "ORG", "ADR"})
# what vobject makes of them: a Name (N), an Address (ADR), the split fields (ORG)
_Fields = Sequence[str | list[str]]
_Structured = vobject_vcard.Name | vobject_vcard.Address | _Fields
_TEXT = frozenset({"FN", "NICKNAME", "NOTE", "TITLE", "ROLE"})
_SKIP_TYPES = frozenset({"pref", "voice", "internet", "x400"})
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_SHORT = re.compile(r"^(\d{2})-(\d{2})$")
_NO_YEAR_PLACEHOLDERS = {"1604", "1900", "0000", "0001"}
_COMMA = re.compile(r"(?<!\\),")
_VERSIONS = ("2.1", "3.0", "4.0")


class CardRejected(Exception):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass(kw_only=True)
class CardData(PersonFields):
    line: int
    text: str
    hash: str
    version: str = ""
    uid: str = ""
    rev: str = ""
    kind: str = "individual"  # individual, group, org, location
    members: list[str] = field(default_factory=list)  # group cards: member UIDs / e-mails
    related: list[RelatedName] = field(default_factory=list)  # see io/vcard_relations
    problems: list[tuple[int, str]] = field(default_factory=list)  # skipped lines
    has_rows: bool = False  # Android custom rows or relations: a person even without a name


def _join(value: object) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


def parse_date(value: str, omit_year: str | None = None) -> str | None:
    """ISO date or "--MM-DD" (year unknown) from the forms phones write, else None."""
    text = value.strip()
    match = _DATE.match(text)
    if match:
        year, month, day = match.groups()
        if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
            return None
        if year in _NO_YEAR_PLACEHOLDERS or (omit_year and year == omit_year):
            return f"--{month}-{day}"
        return f"{year}-{month}-{day}"
    match = _NO_YEAR.match(text) or _SHORT.match(text)
    if match:
        month, day = match.groups()
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            return f"--{month}-{day}"
    return None


def _label(prop: Prop, labels: dict[str, str]) -> str:
    if prop.group and prop.group.upper() in labels:
        return labels[prop.group.upper()]
    if prop.quoted_types() is not None:  # TYPE="work,voice": every type it lists
        return ",".join(t for t in prop.types() if t != "pref")
    types = [t for t in prop.types() if t not in _SKIP_TYPES]
    return ",".join(types)


def _is_pref(prop: Prop) -> int:
    if "pref" in prop.types():
        return 1
    pref = prop.param("PREF")
    return 1 if pref and pref.strip().isdigit() else 0


def _vobject_values(lines: CardLines, line: int) -> dict[str, list[tuple[Prop, _Structured]]]:
    """The structured properties (N, ADR, ORG) decoded by vobject: NAME → [(prop, value)].

    The lines were already cut and repaired by ``card_lines``; vobject's own value
    parser (``splitFields``, what its vCard behaviours run) splits and unescapes the
    components into its ``Name`` and ``Address`` objects. Building vobject content
    lines and components for the whole card would cost as much again as the rest of
    the import (see benchmarks/import_vcards.py) for the same values.
    """
    found: dict[str, list[tuple[Prop, _Structured]]] = {}
    for prop in lines.props:
        if prop.name not in _FOR_VOBJECT:
            continue
        value: _Structured
        fields: _Fields
        try:
            if prop.version == "2.1":  # a backslash escapes the next character, nothing else
                fields = split_structured(prop.value, "2.1")
            else:
                fields = vobject_vcard.splitFields(prop.value)
            if prop.name == "N":
                value = vobject_vcard.Name(
                    **dict(zip(vobject_vcard.NAME_ORDER, fields, strict=False))
                )
            elif prop.name == "ADR":
                value = vobject_vcard.Address(
                    **dict(zip(vobject_vcard.ADDRESS_ORDER, fields, strict=False))
                )
            else:
                value = fields
        except Exception:  # vobject raises assorted errors on odd values
            lines.skipped.append(
                (prop.line, _("{name} could not be read; it was skipped.").format(name=prop.name))
            )
            continue
        found.setdefault(prop.name, []).append((prop, value))
    return found


def read_card(
    raw: RawCard,
    *,
    encoding: str = "utf-8",
    region: str | None = None,
    max_photo_bytes: int = 10 * 1024 * 1024,
    max_properties: int | None = None,
) -> CardData:
    """Map one card, or raise CardRejected(line, reason): one bad card never stops the
    others."""
    lines = card_lines(raw.text, raw.line, encoding)
    if not lines.props and lines.skipped:
        raise CardRejected(raw.line, _only_junk(lines.skipped))
    if max_properties is not None and len(lines.props) > max_properties:
        raise CardRejected(
            raw.line,
            _("this card has more than {n} properties, the limit set in the settings.").format(
                n=max_properties
            ),
        )
    try:
        card = _map_card(raw, lines, region, max_photo_bytes)
    except Exception as exc:  # a value no exporter should write: this card only
        # The library's words may quote the card's values: only its kind is logged.
        logging.getLogger(__name__).info(
            "card of line %s not read: %s", raw.line, type(exc).__name__
        )
        raise CardRejected(
            raw.line,
            _("this card holds a value that cannot be read; the card was left out."),
        ) from exc
    if not (
        card.display_name
        or card.has_rows
        or card.methods
        or card.note
        or card.photo
        or card.photo_url
        or card.members
    ):
        raise CardRejected(raw.line, _("this card holds nothing: no name, no phone, no e-mail."))
    return card


def _only_junk(skipped: list[tuple[int, str]]) -> str:
    """Why a card of nothing but lines that are not vCard properties is refused."""
    return ngettext(
        "this card holds no vCard property, only {n} line that is not vCard (line {line}); "
        "the card was left out.",
        "this card holds no vCard property, only {n} lines that are not vCard (the first on "
        "line {line}); the card was left out.",
        len(skipped),
    ).format(n=len(skipped), line=skipped[0][0])


def _map_card(raw: RawCard, lines: CardLines, region: str | None, max_photo_bytes: int) -> CardData:
    card = CardData(line=raw.line, text=raw.text, hash=raw.hash, version=lines.version)
    labels = {
        p.group.upper(): _apple_label(unescape(p.value))
        for p in lines.props
        if p.name == "X-ABLABEL" and p.group
    }
    card.has_rows = any(p.name in _CONTENT_ROWS for p in lines.props)
    structured = _vobject_values(lines, raw.line)
    _map_names(card, structured, labels)
    read_phonetic(card, lines.props)
    _map_text(card, lines.props)
    _map_positions(card, structured, lines.props)
    context = _Context(labels, region, max_photo_bytes)
    for prop in lines.props:
        mapper = _SIMPLE.get(prop.name)
        if mapper is not None:
            mapper(card, prop, context)
    if not card.display_name:
        card.display_name = _derived_name(card)
    card.related = read_related(lines.props, {k: v.lower() for k, v in labels.items()})
    card.problems.extend(lines.skipped)
    if lines.version and lines.version not in _VERSIONS:
        card.problems.append(
            (
                lines.version_line or raw.line,
                _(
                    "VERSION:{version} is not 2.1, 3.0 or 4.0; the card was read as best we could."
                ).format(version=lines.version or "?"),
            )
        )
    return card


def _apple_label(text: str) -> str:
    match = _APPLE_LABEL.match(text.strip())
    # Apple's own labels (_$!<Mobile>!$_) are the standard ones; a label the user
    # typed keeps its exact text and case.
    return match.group(1).lower() if match else text.strip()


def _map_text(card: CardData, props: list[Prop]) -> None:
    texts: dict[str, list[Prop]] = {}
    for prop in props:
        if prop.name in _TEXT:
            texts.setdefault(prop.name, []).append(prop)
    if "FN" in texts:
        card.display_name = texts["FN"][0].text().strip()
    if "NICKNAME" in texts:
        names = [
            unescape(part, p.version).strip()
            for p in texts["NICKNAME"]
            for part in (_COMMA.split(p.value) if p.version != "2.1" else [p.value])
        ]
        card.nickname = ", ".join(n for n in names if n)
    titles = [p.text().strip() for key in ("TITLE", "ROLE") for p in texts.get(key, [])]
    card.title = next((t for t in titles if t), "")
    notes = [n for n in (p.text().strip("\r\n") for p in texts.get("NOTE", [])) if n.strip()]
    if notes:  # several NOTE lines are several notes, in order
        card.note, card.more_notes = notes[0], notes[1:]


def _map_positions(
    card: CardData, values: dict[str, list[tuple[Prop, _Structured]]], props: list[Prop]
) -> None:
    """Every ORG with its units and the TITLE and ROLE of the same rank (or group)."""
    orgs = [
        (prop, [str(p).strip() for p in _org_parts(org)]) for prop, org in values.get("ORG", [])
    ]
    titles = [p for p in props if p.name == "TITLE"]
    roles = [p for p in props if p.name == "ROLE"]
    if max(len(orgs), len(titles), len(roles)) <= 1 and all(len(o[1]) <= 1 for o in orgs):
        return
    for index in range(max(len(orgs), len(titles), len(roles))):
        parts = orgs[index][1] if index < len(orgs) else [""]
        group = orgs[index][0].group if index < len(orgs) else ""
        title = _ranked(titles, index, group)
        role = _ranked(roles, index, group)
        card.positions.append(Position(parts[0], parts[1:], title, role))


def _org_parts(org: _Structured) -> list[str]:
    parts = org if isinstance(org, list) else [org]
    texts = [",".join(p) if isinstance(p, list | tuple) else str(p) for p in parts]
    while len(texts) > 1 and not texts[-1].strip():  # "ORG:Toshiba;" has no unit
        texts.pop()
    return texts


def _ranked(props: list[Prop], index: int, group: str) -> str:
    """The TITLE/ROLE of the ORG's group when there is one, else of the same rank."""
    if group:
        for prop in props:
            if prop.group.upper() == group.upper():
                return prop.text().strip()
    return props[index].text().strip() if index < len(props) else ""


def _map_names(
    card: CardData, values: dict[str, list[tuple[Prop, _Structured]]], labels: dict[str, str]
) -> None:
    if "N" in values:
        name = values["N"][0][1]
        assert isinstance(name, vobject_vcard.Name)  # see _vobject_values
        card.family_name = _join(name.family)
        card.given_name = _join(name.given)
        card.additional_names = _join(name.additional)
        card.prefix = _join(name.prefix)
        card.suffix = _join(name.suffix)
    if "ORG" in values:
        org = values["ORG"][0][1]
        org_parts = org if isinstance(org, list) else [org]
        texts = [",".join(p) if isinstance(p, list | tuple) else str(p) for p in org_parts]
        card.org = ", ".join(t.strip() for t in texts if t.strip())
    if "ADR" in values:
        for prop, address in values["ADR"]:
            parts = [
                _join(getattr(address, attr))
                for attr in ("box", "extended", "street", "city", "region", "code", "country")
            ]
            if any(parts):
                card.methods.append(
                    Method(
                        "adr",
                        _address_text(parts),
                        _label(prop, labels),
                        _adr_key(parts),
                        _is_pref(prop),
                    )
                )


def _address_text(parts: list[str]) -> str:
    box, extended, street, city, region, code, country = parts
    town = " ".join(p for p in (code, city) if p)
    return "\n".join(p for p in (box, extended, street, town, region, country) if p)


def _adr_key(parts: list[str]) -> str:
    import json

    return json.dumps(parts, ensure_ascii=False)


@dataclass(slots=True)
class _Context:
    """What a property's mapping needs beyond the property itself."""

    labels: dict[str, str]
    region: str | None
    max_photo_bytes: int


def _map_tel(card: CardData, prop: Prop, ctx: _Context) -> None:
    value = prop.text().strip()
    if value.lower().startswith("tel:"):
        value = value[4:]
    if value.lower().startswith("sip:"):  # an internet call address, not a phone
        card.methods.append(Method("impp", value, "sip", "", _is_pref(prop)))
        return
    if value:
        card.methods.append(
            Method(
                "tel",
                value,
                _label(prop, ctx.labels),
                normalize_phone(value, ctx.region),
                _is_pref(prop),
            )
        )


def _map_email(card: CardData, prop: Prop, ctx: _Context) -> None:
    value = prop.text().strip()
    if value:
        card.methods.append(
            Method("email", value, _label(prop, ctx.labels), normalize_email(value), _is_pref(prop))
        )


def _map_url(card: CardData, prop: Prop, ctx: _Context) -> None:
    value = prop.text().strip()
    if value:
        card.methods.append(Method("url", value, _label(prop, ctx.labels), "", _is_pref(prop)))


def _map_impp(card: CardData, prop: Prop, ctx: _Context) -> None:
    value = prop.text().strip()
    if not value:
        return
    label = prop.param("X-SERVICE-TYPE") or IM_PROPERTIES.get(prop.name) or _label(prop, ctx.labels)
    if value.lower().startswith("sip:") and not label:
        label = "sip"
    card.methods.append(Method("impp", value, label.lower(), "", _is_pref(prop)))


def _map_bday(card: CardData, prop: Prop, ctx: _Context) -> None:
    if card.birthday is not None:
        return
    value = prop.text()
    card.birthday = parse_date(value, prop.param("X-APPLE-OMIT-YEAR"))
    if card.birthday is None and value.strip():
        card.problems.append(
            (
                prop.line,
                _("the birthday “{text}” is not a date; it was left out.").format(
                    text=value.strip()
                ),
            )
        )


def _map_anniversary(card: CardData, prop: Prop, ctx: _Context) -> None:
    if card.anniversary is None:
        card.anniversary = parse_date(prop.text(), prop.param("X-APPLE-OMIT-YEAR"))


def _map_uid(card: CardData, prop: Prop, ctx: _Context) -> None:
    if not card.uid:
        card.uid = prop.text().strip()


def _map_rev(card: CardData, prop: Prop, ctx: _Context) -> None:
    card.rev = prop.text().strip()


def _map_kind(card: CardData, prop: Prop, ctx: _Context) -> None:
    card.kind = prop.text().strip().lower() or "individual"


def _map_member(card: CardData, prop: Prop, ctx: _Context) -> None:
    member = prop.text().strip()
    if member.lower().startswith("urn:uuid:"):
        member = member[len("urn:uuid:") :]
    if member:
        card.members.append(member)


def _map_categories(card: CardData, prop: Prop, ctx: _Context) -> None:
    for item in _COMMA.split(prop.value):
        category = unescape(item, prop.version).strip()
        if category and category not in card.categories:
            card.categories.append(category)


def _map_photo(card: CardData, prop: Prop, ctx: _Context) -> None:
    if card.photo is not None or card.photo_url is not None:
        return
    encoding = (prop.param("ENCODING") or "").upper()
    b64 = encoding in ("B", "BASE64") or any(
        v.upper() in ("BASE64", "B") for k, v in prop.params if k == "TYPE"
    )
    url_value = (prop.param("VALUE") or "").upper() in ("URI", "URL")
    result = read_photo(
        prop.value if b64 else prop.text(),
        base64_encoded=b64 and not url_value,
        max_bytes=ctx.max_photo_bytes,
    )
    card.photo, card.photo_url = result.data, result.url
    if result.problem:
        card.problems.append((prop.line, result.problem))


def _map_android_custom(card: CardData, prop: Prop, ctx: _Context) -> None:
    _android_custom(card, prop)


def _map_abdate(card: CardData, prop: Prop, ctx: _Context) -> None:
    if card.anniversary is None and ctx.labels.get(prop.group.upper()) == "anniversary":
        card.anniversary = parse_date(prop.text())


_Mapper = Callable[[CardData, Prop, _Context], None]
# One mapping per property name: the properties read into plain fields.
_SIMPLE: dict[str, _Mapper] = {
    "TEL": _map_tel,
    "EMAIL": _map_email,
    "URL": _map_url,
    "IMPP": _map_impp,
    **dict.fromkeys(IM_PROPERTIES, _map_impp),
    "BDAY": _map_bday,
    **dict.fromkeys(ANNIVERSARY_PROPERTIES, _map_anniversary),
    "UID": _map_uid,
    "REV": _map_rev,
    "KIND": _map_kind,
    "X-ADDRESSBOOKSERVER-KIND": _map_kind,
    "MEMBER": _map_member,
    "X-ADDRESSBOOKSERVER-MEMBER": _map_member,
    "CATEGORIES": _map_categories,
    "PHOTO": _map_photo,
    "X-ANDROID-CUSTOM": _map_android_custom,
    "X-ABDATE": _map_abdate,
}


# Android's X-ANDROID-CUSTOM rows: "vnd.android.cursor.item/KIND;data1;data2(type);data3..."
_ANDROID_NICKNAME = "vnd.android.cursor.item/nickname"
_ANDROID_EVENT = "vnd.android.cursor.item/contact_event"
_ANDROID_ANNIVERSARY_TYPE = "1"
_ANDROID_BIRTHDAY_TYPE = "3"
# ContactsContract.CommonDataKinds.Event types: 0 custom (the label in data3), 2 other
_ANDROID_OTHER_EVENT = {"0": "", "2": "other"}
# Rows a card may hold and nothing else, and still be a person (relations are kept in
# the stored card and given back on export).
_CONTENT_ROWS = frozenset({"X-ANDROID-CUSTOM", "RELATED", "X-ABRELATEDNAMES"})


def _android_custom(card: CardData, prop: Prop) -> None:
    fields = split_structured(prop.value, prop.version)
    kind = fields[0].strip().lower()
    data = fields[1].strip() if len(fields) > 1 else ""
    row_type = fields[2].strip() if len(fields) > 2 else ""
    if kind == _ANDROID_NICKNAME and data:
        names = [n.strip() for n in card.nickname.split(",") if n.strip()]
        if data not in names:
            card.nickname = ", ".join([*names, data])
    elif kind == _ANDROID_EVENT and row_type == _ANDROID_ANNIVERSARY_TYPE:
        if card.anniversary is None:
            card.anniversary = parse_date(data)
    elif kind == _ANDROID_EVENT and row_type == _ANDROID_BIRTHDAY_TYPE:
        if card.birthday is None:
            card.birthday = parse_date(data)
    elif kind == _ANDROID_EVENT and row_type in _ANDROID_OTHER_EVENT:
        _android_event(card, prop, data, _ANDROID_OTHER_EVENT[row_type] or _field(fields, 3))


def _field(fields: list[str], index: int) -> str:
    return fields[index].strip() if len(fields) > index else ""


def _android_event(card: CardData, prop: Prop, data: str, label: str) -> None:
    date = parse_date(data)
    if date is None:
        card.problems.append(
            (prop.line, _("the date “{text}” is not a date; it was left out.").format(text=data))
        )
    else:
        card.events.append(DatedEvent(date, label or "other"))


def is_dated_event_row(prop: Prop) -> bool:
    """An Android event row read into ``events`` (the export writes them from there)."""
    if prop.name != "X-ANDROID-CUSTOM":
        return False
    fields = split_structured(prop.value, prop.version)
    return fields[0].strip().lower() == _ANDROID_EVENT and _field(fields, 2) in _ANDROID_OTHER_EVENT


def _derived_name(card: CardData) -> str:
    name = " ".join(
        p
        for p in (
            card.prefix,
            card.given_name,
            card.additional_names,
            card.family_name,
            card.suffix,
        )
        if p
    )
    if name:
        return name
    if card.org:
        return card.org
    for kind in ("email", "tel"):
        for method in card.methods:
            if method.kind == kind:
                return method.value
    return card.nickname
