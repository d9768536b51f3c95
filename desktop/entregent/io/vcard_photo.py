"""Photos in cards: decoded, bounded, never fetched.

A photo is kept as its own bytes when it is a small JPEG, PNG, GIF or WebP
(``THUMBNAIL_MAX_BYTES``): phones already store small contact pictures. A
larger JPEG gives its embedded EXIF thumbnail when it has one; otherwise the
photo is left out (the original stays in the stored card text). Photos over
the ``max_photo_mb`` setting are refused. A photo given as a URL is kept as the
URL: importing never touches the network.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import struct
from dataclasses import dataclass

from entregent.i18n import _

__all__ = ["PhotoResult", "read_photo", "image_type", "is_complete", "THUMBNAIL_MAX_BYTES"]

THUMBNAIL_MAX_BYTES = 256 * 1024
_SPACE = re.compile(r"\s+")
_DATA_URI = re.compile(
    r"^data:(?P<mime>[^;,]*)(?P<b64>;base64)?,(?P<data>.*)$", re.IGNORECASE | re.DOTALL
)


@dataclass
class PhotoResult:
    data: bytes | None = None
    url: str | None = None
    problem: str | None = None


def image_type(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def is_complete(data: bytes, kind: str) -> bool:
    """False for an image cut short: no JPEG end marker, no PNG IEND, no GIF trailer,
    a WebP shorter than its RIFF length, or pixel data Pillow finds truncated."""
    tail = data.rstrip(b"\x00\r\n ")
    if kind == "jpeg" and not tail.endswith(b"\xff\xd9"):
        return False
    if kind == "png" and not tail.endswith(b"IEND\xaeB`\x82"):
        return False
    if kind == "gif" and not tail.endswith(b";"):
        return False
    if kind == "webp" and len(data) < 8 + struct.unpack("<I", data[4:8])[0]:
        return False
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:  # pragma: no cover - a dependency; the marker checks still hold
        return True
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError):
        return True  # Pillow cannot read this variant: the markers said it is whole
    width, height = image.size
    if width * height > 25_000_000:
        return True  # not decoded here (memory); the markers said it is whole
    try:
        image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
    return True


def _exif_thumbnail(data: bytes) -> bytes | None:
    """The JPEG thumbnail a camera embeds in a photo's EXIF block, if any."""
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker, size = data[pos + 1], struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if marker == 0xE1 and data[pos + 4 : pos + 10] == b"Exif\x00\x00":
            tiff = data[pos + 10 : pos + 2 + size]
            return _thumbnail_from_tiff(tiff)
        if marker == 0xDA:
            return None
        pos += 2 + size
    return None


def _thumbnail_from_tiff(tiff: bytes) -> bytes | None:
    try:
        order = "<" if tiff[:2] == b"II" else ">"
        ifd0 = struct.unpack(order + "I", tiff[4:8])[0]
        count = struct.unpack(order + "H", tiff[ifd0 : ifd0 + 2])[0]
        ifd1 = struct.unpack(order + "I", tiff[ifd0 + 2 + 12 * count : ifd0 + 6 + 12 * count])[0]
        if not ifd1:
            return None
        count = struct.unpack(order + "H", tiff[ifd1 : ifd1 + 2])[0]
        offset = length = None
        for index in range(count):
            entry = tiff[ifd1 + 2 + 12 * index : ifd1 + 14 + 12 * index]
            tag = struct.unpack(order + "H", entry[:2])[0]
            if tag == 0x0201:
                offset = struct.unpack(order + "I", entry[8:12])[0]
            elif tag == 0x0202:
                length = struct.unpack(order + "I", entry[8:12])[0]
        if offset and length:
            thumb = tiff[offset : offset + length]
            return thumb if image_type(thumb) == "jpeg" else None
    except (struct.error, IndexError):
        return None
    return None


def read_photo(value: str, *, base64_encoded: bool, max_bytes: int) -> PhotoResult:
    """Decode a PHOTO value: base64 data, a data: URI or a URL."""
    text = value.strip()
    if not base64_encoded:
        match = _DATA_URI.match(text)
        if match is None:
            if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE):
                return PhotoResult(url=text)
            if not text:
                return PhotoResult()
            base64_encoded = True  # some exports forget ENCODING
        else:
            text = match.group("data")
            if not match.group("b64"):
                return PhotoResult(
                    problem=_("the photo is not in a form we can read; it was left out.")
                )
    compact = _SPACE.sub("", text).replace("\\", "")
    if not compact:
        return PhotoResult()
    if len(compact) * 3 // 4 > max_bytes:
        return PhotoResult(
            problem=_(
                "the photo is larger than {mb} MB, the limit set in the settings; it was left out."
            ).format(mb=max_bytes // (1024 * 1024))
        )
    try:
        data = base64.b64decode(compact + "=" * (-len(compact) % 4))
    except (binascii.Error, ValueError):
        return PhotoResult(problem=_("the photo's data is damaged; it was left out."))
    kind = image_type(data)
    if kind is None:
        return PhotoResult(
            problem=_("the photo is not a JPEG, PNG, GIF or WebP image; it was left out.")
        )
    incomplete = PhotoResult(
        problem=_("the photo stops before its end (an incomplete image); it was left out.")
    )
    if len(data) <= THUMBNAIL_MAX_BYTES:
        return PhotoResult(data=data) if is_complete(data, kind) else incomplete
    thumb = _exif_thumbnail(data) if kind == "jpeg" else None
    if thumb:
        return PhotoResult(data=thumb) if is_complete(thumb, "jpeg") else incomplete
    return PhotoResult(
        problem=_(
            "the photo is too large to keep as a small picture ({kb} KB) "
            "and has no thumbnail inside; it was left out."
        ).format(kb=len(data) // 1024)
    )
