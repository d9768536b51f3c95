"""Places for the people on the map (x, y about -1..1), computed on a worker.

A small map is one networkx spring layout. A large one would take networkx
minutes (its layout of 500 people or more walks them one by one in Python), so
it is laid out by parts, each still a spring layout: the people are split into
their Louvain communities (those who know nobody else on the map into one part
per context), each part is laid out on its own in a disc as large as it has
people, and the parts are placed by a spring layout of the parts themselves
(two parts are drawn together by the ties between them). People added later
(an expansion) are set around the person they were added from, the others keep
their places.
"""

from __future__ import annotations

import math
import random

import networkx as nx

__all__ = ["lay_out", "place_around", "SPRING_UP_TO"]

SPRING_UP_TO = 300  # people: one spring layout of all of them
PART_UP_TO = 400  # a larger part is cut (a spring layout stays quick below 500)
APART_UP_TO = 120  # parts kept from overlapping
_GOLDEN = math.pi * (3 - math.sqrt(5))


def sunflower(count: int, radius: float = 1.0, inner: float = 0.0) -> list[tuple[float, float]]:
    """``count`` points spread evenly over a disc (the golden-angle spiral), or
    over a ring when ``inner`` (a share of the radius) is left empty."""
    found = []
    for i in range(count):
        r = radius * (inner + (1 - inner) * math.sqrt((i + 0.5) / count))
        found.append((r * math.cos(i * _GOLDEN), r * math.sin(i * _GOLDEN)))
    return found


def _parts(people: nx.Graph, seed: int) -> list[list[int]]:
    linked = [n for n in people if people.degree(n) > 0]
    parts = [
        sorted(c)
        for c in nx.community.louvain_communities(
            people.subgraph(linked), weight="strength", seed=seed
        )
    ]
    alone: dict[str, list[int]] = {}
    for node in people:
        if people.degree(node) == 0:
            alone.setdefault(people.nodes[node].get("context", ""), []).append(node)
    parts += [alone[k] for k in sorted(alone)]
    cut = []
    for part in parts:
        cut += [part[i : i + PART_UP_TO] for i in range(0, len(part), PART_UP_TO)]
    cut.sort(key=lambda p: (-len(p), p[0]))
    return cut


def _part_places(people: nx.Graph, part: list[int], seed: int) -> dict:
    sub = people.subgraph(part)
    if sub.number_of_edges() == 0 or len(part) < 3:
        return dict(zip(part, sunflower(len(part)), strict=True))
    return {
        n: (float(p[0]), float(p[1]))
        for n, p in nx.spring_layout(sub, weight="strength", seed=seed).items()
    }


def _centres(people: nx.Graph, parts: list[list[int]], seed: int) -> list[tuple[float, float]]:
    if len(parts) == 1:
        return [(0.0, 0.0)]
    index = {n: i for i, part in enumerate(parts) for n in part}
    between = nx.Graph()
    between.add_nodes_from(range(len(parts)))
    for a, b, data in people.edges(data=True):
        pa, pb = index[a], index[b]
        if pa != pb:
            old = between.get_edge_data(pa, pb, {"strength": 0.0})["strength"]
            between.add_edge(pa, pb, strength=old + data["strength"])
    found = nx.spring_layout(between, weight="strength", seed=seed)
    return [(float(found[i][0]), float(found[i][1])) for i in range(len(parts))]


def _apart(centres: list[tuple[float, float]], radii: list[float]) -> list[tuple[float, float]]:
    """The parts' discs pushed apart until they (nearly) stop overlapping; the
    largest ``APART_UP_TO`` only (the rest are a person or two each)."""
    moved = [list(c) for c in centres]
    count = min(len(moved), APART_UP_TO)
    for _round in range(30):
        clear = True
        for i in range(count):
            for j in range(i + 1, count):
                dx, dy = moved[j][0] - moved[i][0], moved[j][1] - moved[i][1]
                gap = math.hypot(dx, dy) or 1e-6
                overlap = radii[i] + radii[j] - gap
                if overlap > 0.01:
                    clear = False
                    push = overlap / 2 / gap
                    moved[i][0] -= dx * push
                    moved[i][1] -= dy * push
                    moved[j][0] += dx * push
                    moved[j][1] += dy * push
        if clear:
            break
    return [(x, y) for x, y in moved]


def lay_out(people: nx.Graph, seed: int = 7) -> dict[int, tuple[float, float]]:
    """Places for every node of ``people`` (the user is not among them)."""
    if len(people) <= SPRING_UP_TO:
        if not len(people):
            return {}
        return {
            n: (float(p[0]), float(p[1]))
            for n, p in nx.spring_layout(people, weight="strength", seed=seed).items()
        }
    parts = _parts(people, seed)
    centres = _centres(people, parts, seed)
    total = len(people)
    radii = [0.6 * math.sqrt(len(p) / total) for p in parts]  # as large as they have people
    centres = _apart(centres, radii)
    places: dict[int, tuple[float, float]] = {}
    for part, (cx, cy), r in zip(parts, centres, radii, strict=True):
        for node, (x, y) in _part_places(people, part, seed).items():
            places[node] = (cx + x * r, cy + y * r)
    extent = max(max(abs(x), abs(y)) for x, y in places.values()) or 1.0
    return {n: (x / extent, y / extent) for n, (x, y) in places.items()}


def place_around(
    people: nx.Graph, before: dict[int, tuple[float, float]], seed: int = 7
) -> dict[int, tuple[float, float]]:
    """The places in ``before`` kept; each newcomer set on rings around the
    placed person they are most strongly tied to (or at the edge of the map)."""
    rng = random.Random(seed)
    places = {n: before[n] for n in people if n in before}
    around: dict[int | None, list[int]] = {}
    for node in people:
        if node in places:
            continue
        anchors = [(d["strength"], n) for n, d in people.adj[node].items() if n in places]
        around.setdefault(max(anchors)[1] if anchors else None, []).append(node)
    for anchor, newcomers in around.items():
        if anchor is None:
            cx, cy, r = rng.uniform(-1, 1), 1.05, 0.1
        else:
            cx, cy = places[anchor]
            r = 0.02 + 0.01 * math.sqrt(len(newcomers))
        for node, (x, y) in zip(newcomers, sunflower(len(newcomers), r, 0.3), strict=True):
            places[node] = (cx + x, cy + y)
    return places
