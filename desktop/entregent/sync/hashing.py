"""The normalised hash of a vCard or iCalendar item: the same for two texts
that differ only in line folding, line endings, property order, the case of
property names or the properties every writer restamps (PRODID, REV, DTSTAMP,
LAST-MODIFIED). Two different hashes mean a real change."""

from __future__ import annotations

import hashlib
import re

IGNORED = {"PRODID", "REV", "DTSTAMP", "LAST-MODIFIED"}
_FOLD = re.compile(r"\r?\n[ \t]")


def _name(line: str) -> tuple[str, str]:
    """(property name upper-cased without group, the line with that name normalised)."""
    cut = len(line)
    for mark in (";", ":"):
        index = line.find(mark)
        if index != -1:
            cut = min(cut, index)
    head, rest = line[:cut], line[cut:]
    name = head.rsplit(".", 1)[-1].upper()
    group = head.rsplit(".", 1)[0].upper() + "." if "." in head else ""
    return name, group + name + rest


def normalised_lines(text: str) -> list[str]:
    unfolded = _FOLD.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[str] = []
    stack: list[list[str]] = [[]]
    for raw in unfolded.split("\n"):
        line = raw.rstrip()
        if not line:
            continue
        name, normal = _name(line)
        if name == "BEGIN":
            stack.append([normal])
            continue
        if name == "END" and len(stack) > 1:
            block = stack.pop()
            body = sorted(block[1:])
            stack[-1].append("\n".join([block[0], *body, normal]))
            continue
        if name in IGNORED:
            continue
        stack[-1].append(normal)
    for block in stack:
        out.extend(block)
    return sorted(out)


def item_hash(text: str) -> str:
    return hashlib.sha256("\n".join(normalised_lines(text)).encode("utf-8")).hexdigest()
