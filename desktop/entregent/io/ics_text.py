"""An iCalendar file as text: decoded, cut into its components, each with the
line it starts on.

icalendar parses a whole calendar at once and says nothing about lines. To
name the line of a broken event, and so that one broken event never stops the
others, the reader cuts the file here first: every direct child of a
``VCALENDAR`` (event, to-do, time zone …) becomes a ``Chunk`` holding its own
lines (still folded, exactly as written) and the number of its ``BEGIN`` line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from entregent.i18n import _
from entregent.io.text_decoding import decode_content_lines

__all__ = [
    "Chunk",
    "SplitCalendar",
    "NotICalendar",
    "decode_calendar",
    "decode_calendar_text",
    "split_calendar",
    "looks_like_icalendar",
]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BEGIN = "BEGIN:"
_END = "END:"


# Components a calendar holds: a file made only of them (no VCALENDAR around,
# as some tools store single events) is read as one calendar.
COMPONENT_NAMES = frozenset(
    {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY", "VALARM"}
)


class NotICalendar(ValueError):
    """The text is not an iCalendar file at all."""


@dataclass
class Chunk:
    """One component of the calendar: its name, first line number and lines."""

    name: str  # upper-case: "VEVENT", "VTODO", "VTIMEZONE" …
    line: int  # 1-based number of its BEGIN line in the file
    lines: list[str]  # physical lines, BEGIN to END, as written
    line_numbers: list[int]  # the file line number of each entry of ``lines``
    complete: bool = True  # False when the file ended before its END line

    def text(self) -> str:
        return "\r\n".join(self.lines) + "\r\n"

    def outer_text(self) -> str:
        """The text without nested components (an event's alarms): what the
        import reads, so that a broken alarm never loses its event."""
        kept: list[str] = []
        depth = 0
        last = len(self.lines) - 1
        for index, line in enumerate(self.lines):
            if 0 < index < last:
                if _keyword(line, _BEGIN):
                    depth += 1
                    continue
                if depth:
                    if _keyword(line, _END):
                        depth -= 1
                    continue
            kept.append(line)
        return "\r\n".join(kept) + "\r\n"

    def line_of(self, needle: str) -> int:
        """The file line where ``needle`` appears at the start of a property
        (``"DTSTART"``) or anywhere in the line; the BEGIN line if nowhere."""
        upper = needle.upper()
        for text, number in zip(self.lines, self.line_numbers, strict=True):
            head = text.upper()
            if head.startswith(upper) and head[len(upper) : len(upper) + 1] in (":", ";"):
                return number
        for text, number in zip(self.lines, self.line_numbers, strict=True):
            if needle and needle in text:
                return number
        return self.line


@dataclass
class SplitCalendar:
    """One ``VCALENDAR`` block: its own properties and its components."""

    line: int
    header_lines: list[str] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)

    def header_text(self) -> str:
        return "\r\n".join(["BEGIN:VCALENDAR", *self.header_lines, "END:VCALENDAR"]) + "\r\n"


def decode_calendar(data: bytes) -> str:
    """The text of a calendar file (see ``decode_calendar_text``)."""
    return decode_calendar_text(data)[0]


# A file that declares charsets (vCalendar 1.0 ``;CHARSET=``) is decoded by the
# decoder shared with the vCard reader (``io.text_decoding``), property by
# property. A file that declares none is RFC 5545 UTF-8: there a stray byte is
# replaced alone and reported, rather than guessing another charset for its
# whole property (which would garble the good UTF-8 next to it).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(rb";CHARSET=", re.IGNORECASE)
_ESCAPED = re.compile("[\\udc80-\\udcff]")
MAX_REPLACED_REPORTED = 50


def decode_calendar_text(data: bytes) -> tuple[str, list[tuple[int | None, str]]]:
    """The text of a calendar file, and the characters that could not be read.

    A byte-order mark says the encoding; a file that declares ``CHARSET``s
    goes to the shared decoder; else UTF-8 (RFC 5545). A file with bytes above
    127 but no UTF-8 sequence at all is an old single-byte export:
    Windows-1252. Otherwise each byte that is not UTF-8 becomes one U+FFFD,
    reported with its line: the rest of the file is never read in another
    charset."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _replacing(data[len(bom) :], name)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if _DECLARED.search(data):
        return decode_content_lines(data)[0], []
    mixed = data.decode("utf-8", "surrogateescape")
    if _ESCAPED.sub("", mixed).isascii():  # not one UTF-8 sequence: a legacy file
        return data.decode("cp1252", "replace"), []
    return _mark(mixed)


def _replacing(data: bytes, codec: str) -> tuple[str, list[tuple[int | None, str]]]:
    if codec.startswith("utf-8"):
        return _mark(data.decode("utf-8", "surrogateescape"))
    try:
        return data.decode(codec), []
    except UnicodeDecodeError:
        text = data.decode(codec, "replace")
    problems: list[tuple[int | None, str]] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if "\ufffd" in line:
            problems.append(
                (
                    number,
                    _("a character that is not {charset} was replaced by �.").format(charset=codec),
                )
            )
    return text, problems[:MAX_REPLACED_REPORTED]


def _mark(mixed: str) -> tuple[str, list[tuple[int | None, str]]]:
    """Each escaped byte of ``mixed`` becomes U+FFFD, reported with its line."""
    problems: list[tuple[int | None, str]] = []
    lines = _LINE_BREAK.split(mixed)
    more = 0
    for number, line in enumerate(lines, start=1):
        for found in _ESCAPED.finditer(line):
            if len(problems) >= MAX_REPLACED_REPORTED:
                more += 1
                continue
            problems.append(
                (
                    number,
                    _("the byte 0x{byte:02X} is not UTF-8; it was replaced by �.").format(
                        byte=ord(found.group()) - 0xDC00
                    ),
                )
            )
    if more:
        problems.append(
            (None, _("{n} more bytes that are not UTF-8 were replaced by �.").format(n=more))
        )
    return _ESCAPED.sub("\ufffd", mixed), problems


def looks_like_icalendar(text: str) -> bool:
    """True when the first non-blank line is ``BEGIN:VCALENDAR`` (or begins a
    calendar component, for files holding a bare event)."""
    for line in _LINE_BREAK.split(text[:4096]):
        stripped = line.strip().lstrip("\ufeff")
        if stripped:
            name = _keyword(stripped, _BEGIN)
            return name == "VCALENDAR" or name in COMPONENT_NAMES
    return False


def _keyword(line: str, prefix: str) -> str | None:
    """``"VEVENT"`` for ``"BEGIN:VEVENT"`` (any case, trailing blanks), else None."""
    if len(line) > len(prefix) and line[: len(prefix)].upper() == prefix:
        return line[len(prefix) :].strip().upper()
    return None


MAX_JUNK_REPORTED = 1000
# A content line: a name (letters, digits, dashes), parameters, a colon, the value;
# or a folded continuation (it starts with a space or a tab).
_CONTENT_LINE = re.compile(r"^(?:[A-Za-z0-9-]+(?:;[^:]*)?:|[ \t])")


def split_calendar(text: str) -> tuple[list[SplitCalendar], list[tuple[int, str]]]:
    """Cut ``text`` into calendars and their components.

    Returns the calendars and the stray lines found outside any calendar, as
    ``(line, reason)`` — also the calendar's own lines that are not iCalendar
    content lines, and a calendar left without its ``END:VCALENDAR``. Raises
    ``NotICalendar`` when the text does not start with ``BEGIN:VCALENDAR``.
    """
    if not looks_like_icalendar(text):
        raise NotICalendar(
            _("this is not an iCalendar file (it does not start with BEGIN:VCALENDAR).")
        )
    splitter = _Splitter()
    for number, line in enumerate(_lines(text), start=1):
        if number == 1:
            line = line.lstrip("\ufeff")
        if splitter.chunk is not None:
            splitter.in_component(number, line)
        elif splitter.current is None:
            splitter.outside(number, line)
        else:
            splitter.in_calendar(number, line)
    return splitter.finish()


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time, as ``_LINE_BREAK.split`` would give them,
    without a list of every line of a large file."""
    start = 0
    for brk in _LINE_BREAK.finditer(text):
        yield text[start : brk.start()]
        start = brk.end()
    yield text[start:]


# Lines that are not iCalendar read before anything that is: past this many the file
# is junk wrapped in BEGIN:VCALENDAR, refused without reading the rest.
MAX_JUNK_BEFORE_CONTENT = 10_000


class _Splitter:
    """The state of ``split_calendar`` as it walks the lines."""

    def __init__(self) -> None:
        self.calendars: list[SplitCalendar] = []
        self.stray: list[tuple[int, str]] = []
        self.current: SplitCalendar | None = None
        self.chunk: Chunk | None = None
        self.depth = 0  # nesting inside the current chunk (VALARM in VEVENT …)
        self.explicit = False  # the calendar began with BEGIN:VCALENDAR (not a bare event)
        self.junk = 0  # lines of a calendar that are not content lines

    def in_component(self, number: int, line: str) -> None:
        chunk, current = self.chunk, self.current
        assert chunk is not None and current is not None  # a component is inside a calendar
        chunk.lines.append(line)
        chunk.line_numbers.append(number)
        if _keyword(line, _BEGIN):
            self.depth += 1
        elif (name := _keyword(line, _END)) is not None:
            if self.depth:
                self.depth -= 1
            elif name == chunk.name:
                current.chunks.append(chunk)
                self.chunk = None
            elif name == "VCALENDAR":
                # The component never ended: keep what was read, flagged.
                chunk.lines.pop()
                chunk.line_numbers.pop()
                chunk.complete = False
                current.chunks.append(chunk)
                self.chunk, self.current = None, None

    def outside(self, number: int, line: str) -> None:
        name = _keyword(line, _BEGIN)
        self.explicit = name == "VCALENDAR"
        if self.explicit:
            self.current = SplitCalendar(line=number)
            self.calendars.append(self.current)
        elif name in COMPONENT_NAMES:  # a bare component: an implicit calendar
            self.current = SplitCalendar(line=number)
            self.calendars.append(self.current)
            self._begin(name, number, line)
        elif line.strip():
            self.stray.append((number, _("text outside the calendar was ignored.")))

    def _begin(self, name: str, number: int, line: str) -> None:
        self.chunk = Chunk(name=name, line=number, lines=[line], line_numbers=[number])
        self.depth = 0

    def in_calendar(self, number: int, line: str) -> None:
        assert self.current is not None
        if (name := _keyword(line, _BEGIN)) is not None:
            self._begin(name, number, line)
        elif _keyword(line, _END) == "VCALENDAR":
            self.current = None
        elif not line.strip():
            return
        elif _CONTENT_LINE.match(line):
            self.current.header_lines.append(line)  # folded lines stay folded
        else:
            self.junk += 1
            if self.junk > MAX_JUNK_BEFORE_CONTENT and not self._found_content():
                raise NotICalendar(
                    _(
                        "this file holds nothing but lines that are not iCalendar in its "
                        "first {n} lines (from line {line}); reading stopped there, nothing "
                        "was imported."
                    ).format(n=number, line=self.stray[0][0] if self.stray else number)
                )
            if self.junk <= MAX_JUNK_REPORTED:  # a file of junk stays a short report
                self.stray.append(
                    (number, _("this line is not an iCalendar line; it was ignored."))
                )

    def _found_content(self) -> bool:
        """Whether a component (an event, a to-do …) began yet, in any calendar."""
        return self.chunk is not None or any(c.chunks for c in self.calendars)

    def finish(self) -> tuple[list[SplitCalendar], list[tuple[int, str]]]:
        if self.junk > MAX_JUNK_REPORTED:
            more = self.junk - MAX_JUNK_REPORTED
            self.stray.append(
                (
                    self.stray[-1][0],
                    _("{n} more lines that are not iCalendar were ignored.").format(n=more),
                )
            )
        if self.chunk is not None and self.current is not None:
            self.chunk.complete = False
            self.current.chunks.append(self.chunk)
        elif self.current is not None and self.explicit:
            self.stray.append(
                (
                    self.current.line,
                    _(
                        "the calendar that starts on this line never ends (END:VCALENDAR is "
                        "missing); what it holds was read."
                    ),
                )
            )
        return self.calendars, self.stray
