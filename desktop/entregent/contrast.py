"""Text contrast as WCAG 2 measures it, and colours nudged until text is readable.

``contrast_ratio`` is the WCAG ratio (1 to 21) between two #rrggbb colours;
AA asks 4.5 for body text (``TEXT_AA``). ``readable_tint`` keeps a hue (a
context's colour, the link blue) but moves it toward black or white until it
reaches the ratio on a given background; ``text_on`` picks black or white for
text on a filled shape (an avatar), which always reaches at least 4.58.
No Qt here: the ``ui`` layer passes colours as #rrggbb strings.
"""

from __future__ import annotations

__all__ = ["TEXT_AA", "luminance", "contrast_ratio", "mix", "readable_tint", "text_on"]

TEXT_AA = 4.5  # WCAG 2 level AA, normal-size text


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb sRGB colour (0 black … 1 white)."""

    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours, 1 (none) to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0…1) of the way to ``other``, as #rrggbb."""
    return "#" + "".join(
        f"{round(a + (b - a) * amount):02x}"
        for a, b in zip(_channels(colour), _channels(other), strict=True)
    )


def readable_tint(colour: str, background: str, minimum: float = TEXT_AA) -> str:
    """``colour`` itself when text in it reads on ``background`` at ``minimum``;
    else the same hue darkened (on a light background) or lightened (on a dark
    one) by the least step that gets there."""
    colour = colour.lower()
    if contrast_ratio(colour, background) >= minimum:
        return colour
    target = "#000000" if luminance(background) > 0.18 else "#ffffff"
    for step in range(1, 21):
        tinted = mix(colour, target, step / 20)
        if contrast_ratio(tinted, background) >= minimum:
            return tinted
    return target


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    return (
        "#000000"
        if contrast_ratio("#000000", fill) >= contrast_ratio("#ffffff", fill)
        else "#ffffff"
    )
