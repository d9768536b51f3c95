"""The context palette: the one place that says which colour a context gets.

Fifteen hues, most from the Okabe–Ito and Tableau colour-blind-safe sets, each at
least 16 CIEDE2000 units from every other (the first twelve read best as text on a
light background). A new context takes the first hue that no context wears yet, so
no two share one until all are taken, then the least worn. The sidebar dot, the
chips, the charts and the network view all read ``Context.colour``, which the user
can change; ``delta_e`` (CIEDE2000) says how far apart two colours are.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = [
    "PALETTE",
    "BUILTIN_COLOURS",
    "LEGACY_COLOURS",
    "next_colour",
    "delta_e",
    "delta_e_lab",
]

# Order matters: the first contexts take the first hues.
PALETTE = (
    "#d55e00",  # vermilion (Okabe–Ito)
    "#e69f00",  # orange (Okabe–Ito)
    "#009e73",  # bluish green (Okabe–Ito)
    "#0072b2",  # blue (Okabe–Ito)
    "#7b4fa0",  # purple
    "#6a9f2a",  # leaf green
    "#cc79a7",  # reddish purple (Okabe–Ito)
    "#8c564b",  # brown (Tableau)
    "#56b4e9",  # sky blue (Okabe–Ito)
    "#e15759",  # red (Tableau)
    "#1f3a93",  # navy
    "#c71585",  # magenta
    "#76b7b2",  # teal (Tableau)
    "#bcbd22",  # olive (Tableau)
    "#ff9da7",  # pink (Tableau)
)

# The built-in contexts' colours (family, friends … as in model/steps/v001_initial).
BUILTIN_COLOURS = {
    "family": PALETTE[0],
    "friends": PALETTE[1],
    "club": PALETTE[2],
    "work": PALETTE[3],
    "association": PALETTE[4],
    "charity": PALETTE[5],
    "sport": PALETTE[6],
    "neighbourhood": PALETTE[7],
}

# Colours the app gave before this palette (a user never chose them).
LEGACY_COLOURS = {
    "family": "#c0392b",
    "friends": "#e67e22",
    "club": "#16a085",
    "work": "#2980b9",
    "association": "#8e44ad",
    "charity": "#27ae60",
    "sport": "#d35400",
    "neighbourhood": "#7f8c8d",
    None: "#888888",
}

# Two colours closer than this are "the same hue" for assignment.
SAME_HUE = 12.0


def next_colour(used: Iterable[str]) -> str:
    """The colour for a new context, given the colours the others have."""
    used = [u.lower() for u in used if u]
    for colour in PALETTE:
        if all(delta_e(colour, u) >= SAME_HUE for u in used):
            return colour
    counts = {c: sum(1 for u in used if delta_e(c, u) < SAME_HUE) for c in PALETTE}
    return min(PALETTE, key=lambda c: (counts[c], PALETTE.index(c)))


def _lab(colour: str) -> tuple[float, float, float]:
    """#rrggbb (sRGB) to CIE L*a*b* (D65)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: str, second: str) -> float:
    """CIEDE2000 colour difference between two #rrggbb colours (0 = the same)."""
    return delta_e_lab(_lab(first), _lab(second))


def delta_e_lab(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """CIEDE2000 between two L*a*b* colours."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360
    h2 = math.degrees(math.atan2(b2, a2)) % 360
    dl, dc = l2 - l1, c2 - c1
    if c1 * c2 == 0:
        dh = 0.0
    elif abs(h2 - h1) <= 180:
        dh = h2 - h1
    else:
        dh = h2 - h1 - 360 if h2 > h1 else h2 - h1 + 360
    dh_big = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * c_mean
    sh = 1 + 0.015 * c_mean * t
    rt = (
        -2
        * math.sqrt(c_mean**7 / (c_mean**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return math.sqrt(
        (dl / sl) ** 2 + (dc / sc) ** 2 + (dh_big / sh) ** 2 + rt * (dc / sc) * (dh_big / sh)
    )
