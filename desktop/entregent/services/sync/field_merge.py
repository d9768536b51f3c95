"""Field-by-field merge of a card changed on both sides since the last sync.

Three versions: the base (the card both sides agreed on at the last sync, kept
as the person's stored card), ours and theirs. A field is one property name
(FN, NOTE, TEL …) with all its lines and their custom labels. A field changed
on one side only takes that side's lines; changed on both to the same value
is no conflict; changed on both to different values is a conflict, and the
merge gives up (the caller asks). Theirs is the starting text, so every line
of the server's card that is not taken from ours stays byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from entregent.io.vcard_lines import card_lines
from entregent.io.vcard_writer import fold_line
from entregent.sync.hashing import IGNORED

__all__ = ["FieldMerge", "merge_fields", "field_values"]

_FRAME = {"BEGIN", "END", "VERSION", "X-ABLABEL"} | IGNORED


@dataclass
class FieldMerge:
    text: str | None  # the merged card, None when some field conflicts
    from_ours: list[str] = field(default_factory=list)
    from_theirs: list[str] = field(default_factory=list)
    conflicting: list[str] = field(default_factory=list)


@dataclass
class _Card:
    version: str
    items: list[tuple[str, str, str]]  # (name, group, unfolded line)
    labels: dict[str, str]  # group -> its X-ABLABEL line

    def value(self, name: str) -> tuple:
        """The field's meaning: its lines without group names, with their labels."""
        found = []
        for item_name, group, line in self.items:
            if item_name != name:
                continue
            bare = line[len(group) + 1 :] if group else line
            label = self.labels.get(group, "")
            found.append((bare, label.split(":", 1)[-1] if label else ""))
        return tuple(sorted(found))

    def names(self) -> list[str]:
        seen: list[str] = []
        for name, _group, _line in self.items:
            if name not in _FRAME and name not in seen:
                seen.append(name)
        return seen


def _card(text: str) -> _Card:
    lines = card_lines(text, 1)
    items = [(p.name.upper(), (p.group or "").upper(), p.text_line()) for p in lines.props]
    labels = {g: line for name, g, line in items if name == "X-ABLABEL" and g}
    return _Card(lines.version or "3.0", items, labels)


def field_values(text: str) -> dict[str, tuple]:
    """Every field of a card and its meaning (for showing two versions side by side)."""
    card = _card(text)
    return {name: card.value(name) for name in card.names()}


def merge_fields(base: str, ours: str, theirs: str) -> FieldMerge:
    b, o, t = _card(base), _card(ours), _card(theirs)
    result = FieldMerge(text=None)
    names = list(dict.fromkeys([*t.names(), *o.names(), *b.names()]))
    for name in names:
        base_value, our_value, their_value = b.value(name), o.value(name), t.value(name)
        if our_value == their_value or our_value == base_value:
            if their_value != base_value:
                result.from_theirs.append(name)
            continue
        if their_value == base_value:
            result.from_ours.append(name)
        else:
            result.conflicting.append(name)
    if not result.conflicting:
        result.text = _assemble(t, o, set(result.from_ours))
    return result


def _kept_lines(theirs: _Card, take: set[str]) -> list[str]:
    """Their lines of every field not taken from ours, labels included."""
    grouped = {g for n, g, _l in theirs.items if n in take and g}
    dropped = grouped - {g for n, g, _l in theirs.items if n not in take | {"X-ABLABEL"} and g}
    return [
        line
        for name, group, line in theirs.items
        if name not in take | {"BEGIN", "END", "VERSION"}
        and not (name == "X-ABLABEL" and group in dropped)
    ]


def _taken_lines(ours: _Card, take: set[str], used: set[str]) -> list[str]:
    """Our lines of the fields taken from ours, regrouped so that no group clashes."""
    lines, counter = [], 0
    for name, group, line in ours.items:
        if name not in take:
            continue
        if not group:
            lines.append(line)
            continue
        counter += 1
        while f"MERGE{counter}" in used:
            counter += 1
        lines.append(f"merge{counter}" + line[len(group) :])
        label = ours.labels.get(group)
        if label:
            lines.append(f"merge{counter}" + label[len(group) :])
    return lines


def _assemble(theirs: _Card, ours: _Card, take: set[str]) -> str:
    used = {g for _n, g, _l in theirs.items if g}
    lines = _kept_lines(theirs, take) + _taken_lines(ours, take, used)
    return (
        f"BEGIN:VCARD\r\nVERSION:{theirs.version}\r\n"
        + "".join(fold_line(line) for line in lines)
        + "END:VCARD\r\n"
    )
