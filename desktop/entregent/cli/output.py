"""Printing for the CLI: JSON for scripts, aligned columns for people."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from wcwidth import wcswidth, wcwidth


def print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _width(text: str) -> int:
    """Columns the text takes in a terminal: CJK counts two, combining marks none."""
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(wcwidth(c), 0) for c in text)  # a control character counts none


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]
    for index, row in enumerate(cells):
        line = "  ".join(v + " " * (widths[i] - _width(v)) for i, v in enumerate(row))
        print(line.rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))
