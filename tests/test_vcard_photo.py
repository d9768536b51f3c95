"""Photos in cards: kept small, a camera's own thumbnail used for big ones, URLs not fetched."""

from __future__ import annotations

import base64
import struct

from entregent.io.vcard_photo import THUMBNAIL_MAX_BYTES, read_photo

SMALL_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x11" * 500 + b"\xff\xd9"


def _jpeg_with_exif_thumbnail(thumbnail: bytes, padding: int) -> bytes:
    """A JPEG whose EXIF block (little-endian TIFF) carries ``thumbnail`` in IFD1."""
    ifd0 = 8
    ifd1 = ifd0 + 2 + 4  # IFD0: no entries, then the offset of IFD1
    data_at = ifd1 + 2 + 2 * 12 + 4
    tiff = b"II*\x00" + struct.pack("<I", ifd0)
    tiff += struct.pack("<H", 0) + struct.pack("<I", ifd1)
    tiff += struct.pack("<H", 2)
    tiff += struct.pack("<HHII", 0x0201, 4, 1, data_at)
    tiff += struct.pack("<HHII", 0x0202, 4, 1, len(thumbnail))
    tiff += struct.pack("<I", 0) + thumbnail
    app1 = b"Exif\x00\x00" + tiff
    return (
        b"\xff\xd8"
        + b"\xff\xe1"
        + struct.pack(">H", len(app1) + 2)
        + app1
        + b"\xff\xda\x00\x02"
        + b"\x00" * padding
        + b"\xff\xd9"
    )


def test_small_photo_is_kept_as_it_is():
    result = read_photo(
        base64.b64encode(SMALL_JPEG).decode(), base64_encoded=True, max_bytes=10 * 1024 * 1024
    )
    assert (result.data, result.problem) == (SMALL_JPEG, None)


def test_big_photo_gives_its_exif_thumbnail():
    big = _jpeg_with_exif_thumbnail(SMALL_JPEG, THUMBNAIL_MAX_BYTES + 1000)
    result = read_photo(
        base64.b64encode(big).decode(), base64_encoded=True, max_bytes=10 * 1024 * 1024
    )
    assert result.data == SMALL_JPEG


def test_big_photo_without_thumbnail_is_left_out_and_said():
    big = b"\xff\xd8\xff\xe0" + b"\x00" * (THUMBNAIL_MAX_BYTES + 10)
    result = read_photo(
        base64.b64encode(big).decode(), base64_encoded=True, max_bytes=10 * 1024 * 1024
    )
    assert result.data is None and "KB" in result.problem


def test_photo_over_the_limit_is_refused_before_decoding():
    result = read_photo("A" * (2 * 1024 * 1024), base64_encoded=True, max_bytes=1024 * 1024)
    assert result.data is None and "1 MB" in result.problem


def test_url_is_kept_and_data_uri_decoded():
    assert (
        read_photo("https://example.org/me.jpg", base64_encoded=False, max_bytes=1024).url
        == "https://example.org/me.jpg"
    )
    uri = "data:image/jpeg;base64," + base64.b64encode(SMALL_JPEG).decode()
    assert read_photo(uri, base64_encoded=False, max_bytes=10**6).data == SMALL_JPEG


def test_what_is_not_an_image_is_said():
    result = read_photo(
        base64.b64encode(b"hello, not a picture").decode(), base64_encoded=True, max_bytes=10**6
    )
    assert result.data is None and "JPEG" in result.problem
