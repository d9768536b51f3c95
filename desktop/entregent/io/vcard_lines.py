"""One card's text into properties, repairing what real exports get wrong.

Unfolds continuation lines; joins vCard 2.1 QUOTED-PRINTABLE soft line breaks
(``=`` at the end of a line) and decodes them with their ``CHARSET``; joins
base64 lines that were not indented; sets aside a nested card (2.1 ``AGENT``);
and notes the stray lines that are not properties. The result is a list of
``Prop`` (name, group, parameters, value still escaped as in the file) with the
line each starts on. No vobject here: ``vcard_reader`` feeds vobject the
repaired lines it needs.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from entregent.i18n import _
from entregent.io.text_decoding import NEWLINE, codec_for, decode_declared

__all__ = [
    "Prop",
    "CardLines",
    "card_lines",
    "split_params",
    "unescape",
    "escape_text",
    "split_structured",
]

_PROPERTY = re.compile(
    r"^(?:(?P<group>[A-Za-z0-9_-]+)\.)?(?P<name>[A-Za-z0-9_-]+)"
    r"(?P<params>(?:;(?:[^:\";]|\"[^\"]*\")*)*):(?P<value>.*)\Z",
    re.DOTALL,
)
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=\s]+$")
_PARAM_SPLIT = re.compile(r';((?:[^";]|"[^"]*")*)')
_NEWLINE = NEWLINE
_ESCAPES = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPE = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


@dataclass(slots=True)
class Prop:
    name: str  # upper case
    group: str  # "" when none
    params: list[tuple[str, str]]  # (NAME upper, value) ; a bare 2.1 type is ("TYPE", value)
    value: str  # as in the file (escaped), QUOTED-PRINTABLE decoded
    line: int
    raw_params: str = ""  # the parameter text as read (";TYPE=CELL;PREF"), repaired
    raw_name: str = ""  # the name as spelled in the file
    version: str = ""  # the card's VERSION

    def text(self) -> str:
        """The value with the escapes of the card's version undone."""
        return unescape(self.value, self.version)

    def param(self, name: str) -> str | None:
        for key, value in self.params:
            if key == name:
                return value
        return None

    def types(self) -> list[str]:
        found: list[str] = []
        for key, value in self.params:
            if key == "TYPE":
                found.extend(v.strip().strip('"').lower() for v in value.split(",") if v.strip())
        return found

    def quoted_types(self) -> str | None:
        """The TYPE parameter as written when it was one quoted list
        (``TYPE="work,voice"``, RFC 6350's form), else None."""
        found = re.search(r';TYPE=("[^"]*")', self.raw_params, re.IGNORECASE)
        return found.group(1) if found else None

    def text_line(self) -> str:
        """The property as one unfolded content line, for a parser."""
        prefix = f"{self.group}." if self.group else ""
        value = self.value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
        return f"{prefix}{self.raw_name or self.name}{self.raw_params}:{value}"


@dataclass
class CardLines:
    props: list[Prop] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    version: str = ""
    version_line: int | None = None


def split_params(text: str) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    for token in _PARAM_SPLIT.findall(text):
        if "=" in token:
            key, _sep, value = token.partition("=")
            params.append((key.strip().upper(), value.strip().strip('"')))
        elif token.strip():
            params.append(("TYPE", token.strip()))
    return params


def unescape(value: str, version: str = "3.0") -> str:
    """Undo the text escapes of ``version``.

    3.0 and 4.0: ``\\n`` ``\\N`` ``\\,`` ``\\;`` ``\\\\`` everywhere. 2.1 has no escapes in
    a single value (FN, NOTE...): its backslashes stay as written, and a line break is
    a real one (QUOTED-PRINTABLE). Structured 2.1 values go through
    ``split_structured``.
    """
    if "\\" not in value or version == "2.1":
        return value
    return _ESCAPES.sub(lambda m: _UNESCAPE.get(m.group(1), "\\" + m.group(1)), value)


def split_structured(value: str, version: str = "3.0") -> list[str]:
    """The components of N, ADR or ORG, each unescaped for ``version``.

    In 2.1 a backslash escapes the character after it (``\\;`` is ``;``); in 3.0/4.0
    the text escapes apply, and an unescaped ``;`` separates components.
    """
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            if version == "2.1":
                current.append(following)
            else:
                current.append(_UNESCAPE.get(following, "\\" + following))
        elif char == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _is_qp(params: list[tuple[str, str]]) -> bool:
    return any(
        value.upper() == "QUOTED-PRINTABLE" for key, value in params if key in ("ENCODING", "TYPE")
    )


def _is_base64(params: list[tuple[str, str]]) -> bool:
    return any(
        key in ("ENCODING", "TYPE") and value.upper() in ("B", "BASE64") for key, value in params
    )


def _repair_params(raw: str, drop: set[str]) -> str:
    """The parameter text without the ENCODING/CHARSET tokens we decoded."""
    kept = []
    for token in _PARAM_SPLIT.findall(raw):
        key = token.partition("=")[0].strip().upper() if "=" in token else token.strip().upper()
        value = token.partition("=")[2].strip().upper() if "=" in token else ""
        if (
            key in drop
            or (key == "ENCODING" and value == "QUOTED-PRINTABLE")
            or (key == "QUOTED-PRINTABLE")
        ):
            continue
        kept.append(";" + token)
    return "".join(kept)


def _logical_lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(line, logical text) with folding, QP soft breaks and bare base64 joined."""
    lines = _NEWLINE.split(text)
    current: list[str] = []
    start = first_line
    mode = ""  # "qp" or "b64" while the current property may continue unindented
    for offset, line in enumerate(lines):
        number = first_line + offset
        if current and line[:1] in (" ", "\t"):
            if mode == "qp" and current[-1].endswith("="):
                current[-1] = current[-1][:-1]
                current.append(line)  # a soft break: the space is part of the text
            else:
                current.append(line[1:])
            continue
        if current and mode == "qp" and current[-1].endswith("="):
            current[-1] = current[-1][:-1]
            current.append(line)
            continue
        if (
            current
            and mode == "b64"
            and line.strip()
            and ":" not in line
            and _BASE64_LINE.match(line)
        ):
            current.append(line.strip())
            continue
        if current:
            yield start, "".join(current)
        if not line.strip():
            current, mode = [], ""
            continue
        current, start = [line], number
        head = line.partition(":")[0].upper()
        mode = (
            "qp"
            if "QUOTED-PRINTABLE" in head
            else ("b64" if ("BASE64" in head or "ENCODING=B" in head) else "")
        )
    if current:
        yield start, "".join(current)


def card_lines(text: str, first_line: int, file_encoding: str = "utf-8") -> CardLines:
    """The properties of one card (its BEGIN/END/VERSION lines excluded)."""
    result = CardLines()
    nested = 0
    for number, line in _logical_lines(text, first_line):
        match = _PROPERTY.match(line)
        if match is None:
            if nested <= 1:
                result.skipped.append(
                    (number, _("this line is not a vCard property; it was skipped."))
                )
            continue
        name = match.group("name").upper().replace("_", "-")
        value = match.group("value")
        step = _nesting_step(name, value)
        if step:
            nested += step
        elif nested > 1:  # inside an AGENT's card: it stays in the source text only
            continue
        elif name == "VERSION":
            result.version = value.strip()
            result.version_line = number
        else:
            result.props.append(_prop(match, name, value, number, file_encoding))
    for prop in result.props:
        prop.version = result.version
    return result


def _nesting_step(name: str, value: str) -> int:
    """+1 for a BEGIN:VCARD, -1 for an END:VCARD, 0 for any other property."""
    if name in ("BEGIN", "END") and value.strip().upper() == "VCARD":
        return 1 if name == "BEGIN" else -1
    return 0


def _prop(match: re.Match[str], name: str, value: str, number: int, file_encoding: str) -> Prop:
    """One property line, its QUOTED-PRINTABLE value decoded and CHARSET dropped."""
    raw_params = match.group("params")
    params = split_params(raw_params) if raw_params else []
    if params and _is_qp(params):
        value, raw_params, params = _decoded_qp(value, raw_params, params, file_encoding)
    elif params and any(k == "CHARSET" for k, _v in params):
        # The file's bytes were decoded with this charset already (text_decoding).
        raw_params = _repair_params(raw_params, {"CHARSET"})
        params = [(k, v) for k, v in params if k != "CHARSET"]
    return Prop(
        name,
        match.group("group") or "",
        params,
        value,
        number,
        raw_params,
        match.group("name"),
    )


def _decoded_qp(
    value: str, raw_params: str, params: list[tuple[str, str]], file_encoding: str
) -> tuple[str, str, list[tuple[str, str]]]:
    """A QUOTED-PRINTABLE value in its CHARSET, and the parameters without them."""
    charset = next((v for k, v in params if k == "CHARSET"), None)
    raw = value.encode(_codec_or_utf8(charset), "replace")
    decoded = decode_declared(quopri.decodestring(raw), charset, _guess(file_encoding))
    # Escapes stay as written (2.1 reads them in structured values only); a
    # decoded line break stays a real one.
    value = decoded.replace("\r\n", "\n").replace("\r", "\n")
    raw_params = _repair_params(raw_params, {"CHARSET", "ENCODING"})
    params = [(k, v) for k, v in params if k != "CHARSET" and not (v.upper() == "QUOTED-PRINTABLE")]
    return value, raw_params, params


def _codec_or_utf8(charset: str | None) -> str:
    found = codec_for(charset)
    return found[0] if found else "utf-8"


def _guess(file_encoding: str) -> str | None:
    return None if file_encoding in ("utf-8", "utf-8-sig") else file_encoding
