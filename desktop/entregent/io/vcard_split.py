"""Reading a vCard file into separate cards, before any parsing.

A file from a phone is decoded (UTF-8 with or without BOM, UTF-16/32, else
Windows-1252 or Latin-1) and cut into cards by their BEGIN/END lines, so that
one broken card never stops the others. Each card keeps its text exactly as
read (line endings included) with the line where it starts, and a hash of that
text: a card already imported is recognised without being parsed again.

Lines outside any card (comments, garbage, a ``BEGIN:VADDRESSBOOK`` wrapper) are
skipped and reported; a card with no ``END:VCARD`` is rejected with its line.
A nested card (vCard 2.1 ``AGENT:`` followed by a whole card) stays inside its
parent. A ``BEGIN:VCARD`` inside a card that is not finished, with no ``AGENT:``
before it, is a card of its own: the outer card goes on after it and keeps
everything it has, even when the file ends before its ``END:VCARD``.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from entregent.i18n import _, ngettext
from entregent.io.text_decoding import decode_wide, has_wide_bom, looks_utf16

__all__ = [
    "RawCard",
    "SplitResult",
    "decode_bytes",
    "sniff_kind",
    "split_cards",
    "card_hash",
    "iter_lines",
]

_LINE = re.compile(r"[^\r\n]*(?:\r\r\n|\r\n|\r|\n)|[^\r\n]+\Z")
_BEGIN = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?BEGIN[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)
_END = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?END[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)
_WRAPPER = re.compile(r"^(?:BEGIN|END)[ \t]*:[ \t]*VADDRESSBOOK[ \t]*$", re.IGNORECASE)
_AGENT_OPEN = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?AGENT(?:;[^:]*)?:[ \t]*$", re.IGNORECASE)
_SURROGATE = re.compile("[\udc80-\udcff]")
# A calendar may also be a bare component (some tools store single events so):
# the calendar reader takes those as one calendar.
_SNIFF = re.compile(
    r"^[ \t]*(?:[A-Za-z0-9_-]+\.)?BEGIN[ \t]*:[ \t]*"
    r"(VCARD|VCALENDAR|VEVENT|VTODO|VJOURNAL|VFREEBUSY|VTIMEZONE)\b",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(slots=True)
class RawCard:
    text: str  # exactly as read, line endings included
    line: int  # where BEGIN:VCARD stands, counting from 1
    hash: str


@dataclass
class SplitResult:
    cards: list[RawCard] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def card_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def decode_bytes(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with (never loses a byte)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    wide = decode_wide(data)
    if wide:
        return wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = data.decode("utf-8", "surrogateescape")
    if _SURROGATE.sub("", mixed).isascii():
        return _legacy(data)
    # Mostly UTF-8 with some bytes that are not (files put together from several
    # exports): each card with such bytes is read on its own (see split_cards).
    return mixed, "utf-8"


def _legacy(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _repair_mixed(text: str) -> str:
    """A card's text holding undecodable bytes, read as Windows-1252 or Latin-1."""
    if not _SURROGATE.search(text):
        return text
    return _legacy(text.encode("utf-8", "surrogateescape"))[0]


def sniff_kind(head: bytes) -> str | None:
    """ "vcard", "ics" or None from the first bytes of a file (a few KB are enough)."""
    if not head:
        return None
    if b"\x00" in head and not looks_utf16(head) and not has_wide_bom(head):
        head = head[: head.index(b"\x00")]  # binary after some text: judge the text
        if not head.strip():
            return None
    # Cut on a character boundary for multi-byte encodings.
    text, _encoding = decode_bytes(head[: len(head) - len(head) % 4] if len(head) > 8 else head)
    match = _SNIFF.search(text)
    if match is None:
        return None
    return "vcard" if match.group(1).upper() == "VCARD" else "ics"


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line with its ending) for each physical line."""
    for number, match in enumerate(_LINE.finditer(text), 1):
        yield number, match.group()


def split_cards(text: str, *, max_card_chars: int | None = None) -> SplitResult:
    """Cut ``text`` into cards; report the lines outside cards and the broken cards."""
    result = SplitResult()
    parts: list[str] = []
    start = 0
    depth = 0
    previous = ""
    stray_start, stray_count = 0, 0
    outer: list[tuple[list[str], int, int]] = []  # unfinished cards around a nested one
    resumed = False  # the current card holds a nested card (it is kept at the end)

    def flush_stray() -> None:
        nonlocal stray_count
        if stray_count:
            result.skipped.append(
                (
                    stray_start,
                    ngettext(
                        "this line is not part of any card; it was skipped.",
                        "these {n} lines are not part of any card; they were skipped.",
                        stray_count,
                    ).format(n=stray_count),
                )
            )
        stray_count = 0

    def finish(end_line: int) -> None:
        card_text = _repair_mixed("".join(parts))
        if max_card_chars is not None and len(card_text) > max_card_chars:
            result.rejected.append(
                (
                    start,
                    _("this card is larger than {kb} KB, the limit set in the settings.").format(
                        kb=max_card_chars // 1024
                    ),
                )
            )
        else:
            result.cards.append(RawCard(card_text, start, card_hash(card_text)))

    for number, raw in iter_lines(text):
        stripped = raw.rstrip("\r\n")
        if depth == 0:
            if _BEGIN.match(stripped):
                flush_stray()
                parts, start, depth = [raw], number, 1
            elif not stripped.strip() or _WRAPPER.match(stripped):
                continue
            else:
                if stray_count == 0:
                    stray_start = number
                stray_count += 1
            previous = stripped
            continue
        if _BEGIN.match(stripped):
            if _AGENT_OPEN.match(previous):
                depth += 1
                parts.append(raw)
            else:
                result.skipped.append(
                    (
                        number,
                        _(
                            "a card starts inside the card of line {line}, which has no "
                            "END:VCARD before it: both were kept as people."
                        ).format(line=start),
                    )
                )
                outer.append((parts, start, depth))
                parts, start, depth = [raw], number, 1
        elif _END.match(stripped):
            parts.append(raw)
            depth -= 1
            if depth == 0:
                finish(number)
                if outer:
                    parts, start, depth = outer.pop()
                    resumed = True
        else:
            parts.append(raw)
        previous = stripped
    flush_stray()
    while depth > 0:
        if resumed:
            finish(start)  # an outer card: what it has is kept
        else:
            result.rejected.append(
                (start, _("this card never ends: the file stops before its END:VCARD."))
            )
        if not outer:
            break
        parts, start, depth = outer.pop()
        resumed = True
    return result
