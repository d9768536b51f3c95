"""The card we send for a person: the server's copy with our changes applied.

The base is the latest card stored for the person (``source_card``: the server's
copy after a sync, the imported card otherwise). Each property we map (FN, N,
TEL, EMAIL, PHOTO, CATEGORIES …) is compared by meaning: the base's value and
ours are both written by the same writer and compared. Where they agree the
base's own lines stay byte for byte (its photo, its custom labels, its
parameters); where they differ ours replace them. Every other line of the
base (X- properties, phonetic names, anything we do not map) stays as it was.
"""

from __future__ import annotations

from entregent.io.vcard_lines import card_lines
from entregent.io.vcard_reader import CardRejected, read_card
from entregent.io.vcard_split import split_cards
from entregent.io.vcard_writer import fold_line
from entregent.model.text_folding import fold
from entregent.services.exports.vcard_export import contacts_as_vcards
from entregent.services.imports.vcard_import import context_for_category

__all__ = ["merged_card", "OWNED"]

OWNED = {
    "FN",
    "N",
    "NICKNAME",
    "ORG",
    "TITLE",
    "BDAY",
    "ANNIVERSARY",
    "X-ANNIVERSARY",
    "NOTE",
    "TEL",
    "EMAIL",
    "ADR",
    "URL",
    "IMPP",
    "CATEGORIES",
    "PHOTO",
}
_SYSTEM = {"my contacts", "starred in android", "starred", "favorites", "favourites", "contacts"}
_FIELDS = {
    "FN": ("display_name",),
    "N": ("family_name", "given_name", "additional_names", "prefix", "suffix"),
    "NICKNAME": ("nickname",),
    "ORG": ("org",),
    "TITLE": ("title",),
    "BDAY": ("birthday",),
    "ANNIVERSARY": ("anniversary",),
    "X-ANNIVERSARY": ("anniversary",),
    "NOTE": ("note",),
    "PHOTO": ("photo", "photo_url"),
}


def _blocks(text: str) -> tuple[str, list[tuple[str, str, str]]]:
    """(version, [(name, group, unfolded line)]) of one card's lines."""
    lines = card_lines(text, 1)
    return lines.version, [(p.name, (p.group or "").upper(), p.text_line()) for p in lines.props]


def category_keys(categories: list[str]) -> set[str]:
    keys = set()
    for category in categories:
        name = category.strip()
        if name and fold(name) not in _SYSTEM:
            keys.add(fold(context_for_category(name) or name))
    return keys


def _method_key(card) -> dict[str, list]:
    found: dict[str, list] = {}
    for method in card.methods:
        found.setdefault(method.kind.upper(), []).append(
            (method.value, method.label.lower(), bool(method.pref))
        )
    return found


def merged_card(
    contact_id: int, base: str | None, local_names: list[str], *, ours: str | None = None
) -> str:
    """The text to send for ``contact_id``; ``local_names`` are its context names;
    ``ours`` the writer's card of the person in the base's version, when known."""
    if not base:
        if ours is None:
            [ours] = contacts_as_vcards([contact_id], "3.0")
        return ours
    version, base_items = _blocks(base)
    if ours is None:
        [ours] = contacts_as_vcards([contact_id], version if version in ("3.0", "4.0") else "3.0")
    _v, our_items = _blocks(ours)
    try:
        [raw] = split_cards(base).cards
        base_card = read_card(raw)
    except (CardRejected, ValueError):
        return ours
    [ours_raw] = split_cards(ours).cards
    our_card = read_card(ours_raw)
    replace: set[str] = set()
    for name, fields in _FIELDS.items():
        if any(getattr(base_card, f) != getattr(our_card, f) for f in fields):
            replace.add(name)
    base_methods, our_methods = _method_key(base_card), _method_key(our_card)
    for kind in ("TEL", "EMAIL", "ADR", "URL", "IMPP"):
        if base_methods.get(kind, []) != our_methods.get(kind, []):
            replace.add(kind)
    if category_keys(base_card.categories) != {fold(n) for n in local_names}:
        replace.add("CATEGORIES")
    if not replace:
        return base if "UID" in {n for n, _g, _l in base_items} else ours
    return _rewrite(version or "3.0", base_items, our_items, replace, base_card)


def _rewrite(version: str, base_items, our_items, replace: set[str], base_card) -> str:
    lines = _kept_base_lines(base_items, replace)
    if "UID" not in {n for n, _g, _l in base_items}:
        lines.extend(line for n, _g, line in our_items if n == "UID")
    system = _system_categories(base_card)
    lines += _our_lines(our_items, replace, {g for _n, g, _l in base_items if g}, system)
    if "CATEGORIES" in replace and system:
        if not any(n == "CATEGORIES" for n, _g, _l in our_items):
            lines.append("CATEGORIES:" + _category_text(system))
    return _assemble(version, lines)


def _kept_base_lines(base_items, replace: set[str]) -> list[str]:
    """The base's lines of the properties not replaced, with the X-ABLABEL of
    a group kept only while some property of that group stays."""
    dropped_groups = {g for n, g, _l in base_items if n in replace and g}
    kept_groups = {g for n, g, _l in base_items if n not in replace and n != "X-ABLABEL" and g}
    dropped_groups -= kept_groups
    return [
        line
        for name, group, line in base_items
        if name not in replace and not (name == "X-ABLABEL" and group in dropped_groups)
    ]


def _our_lines(our_items, replace: set[str], used: set[str], system: list[str]) -> list[str]:
    """Our lines of the replaced properties (with their X-ABLABEL), their
    groups renamed ``syncN`` so as not to meet a group of the base (``used``);
    the base's system categories are kept at the end of ours."""
    lines = []
    renames: dict[str, str] = {}
    counter = 0
    for name, group, line in our_items:
        wanted = name in replace or (
            name == "X-ABLABEL" and group and _owner(our_items, group) in replace
        )
        if not wanted:
            continue
        if name == "CATEGORIES" and system:
            line = line + "," + _category_text(system)
        if group:
            if group not in renames:
                counter = _free_group(used, counter)
                renames[group] = f"sync{counter}"
            line = renames[group] + line[len(group) :]
        lines.append(line)
    return lines


def _free_group(used: set[str], after: int) -> int:
    """The first N above ``after`` for which no group of the base is ``SYNCN``."""
    counter = after + 1
    while f"SYNC{counter}" in used:
        counter += 1
    return counter


def _system_categories(base_card) -> list[str]:
    """The base's categories that are the address book's own (Starred, My Contacts …)."""
    return [c for c in base_card.categories if fold(c.strip()) in _SYSTEM]


def _category_text(categories: list[str]) -> str:
    return ",".join(c.replace(",", "\\,") for c in categories)


def _owner(items, group: str) -> str | None:
    for name, g, _l in items:
        if g == group and name != "X-ABLABEL":
            return name
    return None


def _assemble(version: str, lines: list[str]) -> str:
    return (
        f"BEGIN:VCARD\r\nVERSION:{version}\r\n"
        + "".join(fold_line(line) for line in lines)
        + "END:VCARD\r\n"
    )
