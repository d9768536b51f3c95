"""Tiny avatar pictures for the demo cards, made from scratch (no imaging library).

``png_avatar`` draws a 16×16 head and shoulders on a background; ``jpeg_avatar`` writes a
16×16 baseline JPEG of four flat 8×8 blocks (only DC coefficients, so a few
dozen lines suffice). Both come out at a few hundred bytes.
"""

from __future__ import annotations

import struct
import zlib


def png_avatar(background: tuple[int, int, int], disc: tuple[int, int, int],
               size: int = 16) -> bytes:
    rows = []
    centre = (size - 1) / 2
    for y in range(size):
        row = bytearray([0])  # filter: none
        for x in range(size):
            shoulders = (x - centre) ** 2 + (y - size * 1.05) ** 2 < (size * 0.45) ** 2
            head = (x - centre) ** 2 + (y - size * 0.35) ** 2 < (size * 0.19) ** 2
            row += bytes(disc if shoulders or head else background)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", _stored_zlib(b"".join(rows))) + chunk(b"IEND", b""))


def _stored_zlib(data: bytes) -> bytes:
    """A zlib stream of one stored (uncompressed) block: the same bytes whatever zlib
    the machine has, so the seeds come out identical everywhere."""
    assert len(data) < 65536
    block = b"\x01" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data
    return b"\x78\x01" + block + struct.pack(">I", zlib.adler32(data) & 0xFFFFFFFF)


# The standard luminance DC Huffman table (ITU T.81, table K.3).
_DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
_DC_VALUES = list(range(12))


def _huffman_codes(bits: list[int], values: list[int]) -> dict[int, tuple[int, int]]:
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[values[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


class _BitWriter:
    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.count = 0

    def write(self, value: int, length: int) -> None:
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.count += 1
            if self.count == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)  # byte stuffing
                self.acc, self.count = 0, 0

    def flush(self) -> bytes:
        if self.count:
            self.write((1 << (8 - self.count)) - 1, 8 - self.count)
        return bytes(self.out)


def _ycbcr(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    r, g, b = rgb
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    return tuple(max(0, min(255, round(v))) for v in (y, cb, cr))


def jpeg_avatar(colours: list[tuple[int, int, int]]) -> bytes:
    """A 16×16 JPEG whose four 8×8 blocks take the four given colours."""
    dc_codes = _huffman_codes(_DC_BITS, _DC_VALUES)
    writer = _BitWriter()
    previous = [0, 0, 0]
    for colour in colours:  # blocks in raster order, one interleaved MCU each
        for component, sample in enumerate(_ycbcr(colour)):
            dc = 8 * (sample - 128)  # DC of a flat block, quantizer 1
            diff = dc - previous[component]
            previous[component] = dc
            size = abs(diff).bit_length()
            code, length = dc_codes[size]
            writer.write(code, length)
            if size:
                writer.write(diff if diff >= 0 else diff + (1 << size) - 1, size)
            writer.write(0, 1)  # end of block (the only AC symbol, code "0")
    scan = writer.flush()

    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">HH", marker, len(payload) + 2) + payload

    jfif = segment(0xFFE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    quant = segment(0xFFDB, b"\x00" + b"\x01" * 64)
    frame = segment(0xFFC0, struct.pack(">BHHB", 8, 16, 16, 3)
                    + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00")
    dc_table = b"\x00" + bytes(_DC_BITS) + bytes(_DC_VALUES)
    ac_table = b"\x10" + bytes([1] + [0] * 15) + b"\x00"
    tables = segment(0xFFC4, dc_table + ac_table)
    start = segment(0xFFDA, b"\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00")
    return b"\xff\xd8" + jfif + quant + frame + tables + start + scan + b"\xff\xd9"
