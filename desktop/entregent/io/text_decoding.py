"""Bytes of a content-line file (vCard, iCalendar/vCalendar) into text, property by property.

Phones and old desktop tools write ``NAME;CHARSET=Shift_JIS:value`` lines: the
``CHARSET`` parameter is the truth for that property's bytes, and one file may
mix properties in UTF-8 and in Shift_JIS. So a file is not decoded as a whole
when it needs more than one charset: each property's value is decoded with its
own declared charset, and only bytes that declare none are guessed
(charset-normalizer, over those undeclared bytes only). The result keeps the
file's physical lines and line endings, so line numbers stay the file's own.

Decoding a value *before* any escape or separator is looked at is what keeps a
Shift_JIS second byte 0x5C (ソ, 表, 能, 十) part of its character, and the
ASCII bytes of ISO-2022-JP kanji from being read as ``;`` or ``\\``.

Shared by the vCard and the iCalendar readers. Nothing here knows vCard fields.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

__all__ = [
    "codec_for",
    "decode_declared",
    "decode_content_lines",
    "guess_encoding",
    "split_physical_lines",
    "looks_utf16",
    "has_wide_bom",
    "decode_wide",
    "NEWLINE",
]

# Line endings as files have them: CRLF, LF, a lone CR, and CR CR LF (some iOS versions).
NEWLINE = re.compile(r"\r\r\n|\r\n|\r|\n")
_LINE_BYTES = re.compile(rb"[^\r\n]*(?:\r\r\n|\r\n|\r|\n)|[^\r\n]+\Z")
_CHARSET_PARAM = re.compile(rb";[ \t]*CHARSET[ \t]*=[ \t]*\"?([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_ANY_CHARSET = re.compile(rb"CHARSET[ \t]*=[ \t]*\"?([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_QP = re.compile(rb"QUOTED-PRINTABLE", re.IGNORECASE)
_HEAD = re.compile(rb'^(?:[^:";]|"[^"]*"|;)*?:')

# Declared names → the codec phones really mean (Windows supersets where they exist).
_ALIASES = {
    "shift_jis": ("cp932", "shift_jis"),
    "shift-jis": ("cp932", "shift_jis"),
    "sjis": ("cp932", "shift_jis"),
    "x-sjis": ("cp932", "shift_jis"),
    "ms_kanji": ("cp932", "shift_jis"),
    "windows-31j": ("cp932",),
    "cp932": ("cp932",),
    "euc-jp": ("euc_jp", "euc_jis_2004"),
    "x-euc-jp": ("euc_jp", "euc_jis_2004"),
    "iso-2022-jp": ("iso2022_jp_2", "iso2022_jp_ext"),
    "csiso2022jp": ("iso2022_jp_2",),
    "gbk": ("gb18030",),
    "gb2312": ("gb18030",),
    "gb18030": ("gb18030",),
    "cp936": ("gb18030",),
    "x-gbk": ("gb18030",),
    "big5": ("cp950", "big5hkscs"),
    "big5-hkscs": ("big5hkscs",),
    "euc-kr": ("cp949", "euc_kr"),
    "ks_c_5601-1987": ("cp949",),
    "cp949": ("cp949",),
    # What is declared Latin-1 or ASCII but holds 0x80-0x9F is Windows-1252 in practice.
    "iso-8859-1": ("cp1252", "latin-1"),
    "latin1": ("cp1252", "latin-1"),
    "us-ascii": ("ascii",),
    "ascii": ("ascii",),
    "utf8": ("utf-8",),
    "utf-8": ("utf-8",),
}
# Codecs that keep a state across bytes: a folded value is decoded as one piece.
_STATEFUL = ("iso2022",)
# Multi-byte codecs: a guess of one of them is applied even to bytes that are valid UTF-8.
_MULTI_BYTE = {"cp932", "gb18030", "big5", "cp950", "big5hkscs", "cp949", "euc_kr", "euc_jp"}
_MULTI_BYTE |= {"euc_jis_2004", "johab", "iso2022_jp", "iso2022_jp_2", "iso2022_kr"}


def codec_for(charset: str | None) -> tuple[str, ...]:
    """The Python codecs to try for a declared charset name, best first ("" → none)."""
    if not charset:
        return ()
    name = charset.strip().strip('"').lower()
    if name in _ALIASES:
        return _ALIASES[name]
    try:
        return (codecs.lookup(name).name,)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        return ()


def decode_declared(data: bytes, charset: str | None, guess: str | None = None) -> str:
    """``data`` in its declared charset; if that fails, UTF-8, the guess, then Windows-1252."""
    for name in (*codec_for(charset), "utf-8", guess, "cp1252"):
        if not name:
            continue
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")


def guess_encoding(samples: list[bytes]) -> str | None:
    """The encoding of undeclared non-ASCII bytes, or None when they are all UTF-8."""
    bad = [s for s in samples if not _is_utf8(s)]
    if not bad:
        return None
    blob = b"\n".join(bad)
    for name in _guesses(blob):
        try:
            blob.decode(name)
            return name
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        blob.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _guesses(blob: bytes) -> list[str]:
    """charset-normalizer's candidates, best first, as codecs we trust for contact data.

    A few names give few bytes: among single-byte Western candidates, which the
    guesser cannot tell apart on so little, Windows-1252 is taken.
    """
    try:
        from charset_normalizer import from_bytes

        matches = [m.encoding for m in from_bytes(blob)]
    except Exception:  # the guesser is help, never a reason to fail an import
        return []
    names: list[str] = []
    for encoding in matches:
        name = codecs.lookup(encoding).name
        if name.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
            continue
        if name in ("shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"):
            name = "cp932"
        elif name in ("gb2312", "gbk"):
            name = "gb18030"
        elif name not in _MULTI_BYTE and name != "cp1251":
            name = "cp1252"
        if name not in names:
            names.append(name)
    return names


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def split_physical_lines(text: str) -> list[str]:
    """The physical lines of ``text`` with their endings (CR CR LF is one ending)."""
    return re.findall(r"[^\r\n]*(?:\r\r\n|\r\n|\r|\n)|[^\r\n]+\Z", text)


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_utf16(data: bytes) -> str | None:
    """ "utf-16-be" or "utf-16-le" when ``data`` (no byte order mark) looks like it."""
    head = data[:400]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    return None


def has_wide_bom(data: bytes) -> bool:
    return data.startswith(tuple(bom for bom, _name in _WIDE_BOMS))


def decode_wide(data: bytes) -> tuple[str, str] | None:
    """The text of a UTF-16/32 file (byte order mark, or UTF-16 by its zero bytes)
    and its encoding; None when ``data`` is not one or does not decode."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    wide = looks_utf16(data.removeprefix(codecs.BOM_UTF8))
    if wide:
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            pass
    return None


def _strip_ending(line: bytes) -> tuple[bytes, bytes]:
    stripped = line.rstrip(b"\r\n")
    return stripped, line[len(stripped) :]


def decode_content_lines(data: bytes) -> tuple[str, str]:
    """The text of a content-line file and the encoding its undeclared bytes were read in.

    Byte order marks and UTF-16/32 decode the whole file. Otherwise each property's
    value is decoded with its ``CHARSET`` (folded lines included), the rest as UTF-8
    or, when it is not UTF-8, in the encoding guessed from those undeclared bytes.
    """
    wide = decode_wide(data)
    if wide:
        return wide
    data = data.removeprefix(codecs.BOM_UTF8)
    declared = {m.group(1).lower() for m in _ANY_CHARSET.finditer(data)}
    foreign = {
        c for c in declared if codec_for(c.decode("ascii", "replace")) not in (("utf-8",), ())
    }
    if not foreign:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    return _decode_by_property(data)


# One physical line: (property head, bytes to decode, its CHARSET or None, line
# ending, index of its logical line, quoted-printable)
_Piece = tuple[bytes, bytes, bytes | None, bytes, int, bool]


def _decode_by_property(data: bytes) -> tuple[str, str]:
    pieces = _pieces(data)
    guess = guess_encoding(_undeclared(pieces))
    multibyte_guess = guess in _MULTI_BYTE
    out: list[str] = []
    for run in _runs(pieces):
        declared = run[0][2]
        name = declared.decode("ascii", "replace") if declared else None
        out.extend(_decode_run(run, name, guess, multibyte_guess))
    return "".join(out), guess or "utf-8"


def _pieces(data: bytes) -> list[_Piece]:
    """The file's physical lines, each with its property head, charset and logical line."""
    pieces: list[_Piece] = []
    charset: bytes | None = None
    qp = False
    previous = b""
    group = -1
    for raw in _LINE_BYTES.findall(data):
        content, ending = _strip_ending(raw)
        continued = bool(previous) and (
            content[:1] in (b" ", b"\t") or (qp and previous.endswith(b"="))
        )
        if continued and content:
            pieces.append((b"", content, charset, ending, group, qp))
        else:
            group += 1
            piece = _first_piece(content, ending, group)
            charset, qp = piece[2], piece[5]
            pieces.append(piece)
        previous = content
    return pieces


def _first_piece(content: bytes, ending: bytes, group: int) -> _Piece:
    """The first physical line of a property: its head (name and parameters) apart."""
    head = _HEAD.match(content)
    if head is None or not content:
        return (b"", content, None, ending, group, False)
    prefix = head.group()
    found = _CHARSET_PARAM.search(prefix)
    charset = found.group(1) if found else None
    qp = bool(_QP.search(prefix))
    return (prefix, content[len(prefix) :], charset, ending, group, qp)


def _undeclared(pieces: list[_Piece]) -> list[bytes]:
    """The non-ASCII bytes that declare no charset: what the guess is made from."""
    found = [p[1] for p in pieces if p[2] is None and not p[1].isascii() and not p[1].isspace()]
    found += [p[0] for p in pieces if not p[0].isascii()]
    return found


def _runs(pieces: list[_Piece]) -> Iterator[list[_Piece]]:
    """The pieces grouped by logical line (a property and its continuation lines)."""
    run: list[_Piece] = []
    for piece in pieces:
        if run and piece[4] != run[0][4]:
            yield run
            run = []
        run.append(piece)
    if run:
        yield run


def _decode_run(
    run: list[_Piece], charset: str | None, guess: str | None, prefer_guess: bool
) -> list[str]:
    """One property's physical lines, decoded (a stateful codec decodes them as one)."""

    def text(data: bytes, declared: str | None) -> str:
        if data.isascii() and not (declared and b"\x1b" in data):
            return data.decode("ascii")
        if declared:
            return decode_declared(data, declared, guess)
        if prefer_guess and guess:
            try:
                return data.decode(guess)
            except UnicodeDecodeError:
                pass
        return decode_declared(data, None, guess)

    codecs_ = codec_for(charset)
    prefix = text(run[0][0], None)
    if codecs_ and len(run) > 1 and not run[0][5]:
        whole = any(s in codecs_[0] for s in _STATEFUL) or not _each_decodes(run, codecs_[0])
        if whole:  # a fold inside a character, or a codec with a state: one piece
            joined = b"".join(p[1] if i == 0 else p[1][1:] for i, p in enumerate(run))
            lines = [prefix + text(joined, charset) + run[0][3].decode("ascii")]
            lines += [" " + p[3].decode("ascii") for p in run[1:]]
            return lines
    lines = []
    for i, (_prefix, value, declared, ending, _group, _qp) in enumerate(run):
        name = charset if declared is not None else None
        lines.append((prefix if i == 0 else "") + text(value, name) + ending.decode("ascii"))
    return lines


def _each_decodes(run: list[_Piece], codec: str) -> bool:
    try:
        for piece in run:
            piece[1].decode(codec)
    except (LookupError, UnicodeDecodeError):
        return False
    return True
