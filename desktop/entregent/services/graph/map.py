"""What the Network view draws: the ego network and its layout, computed off the
GUI thread (the view calls ``ego_map`` on a worker) and kept until the graph
changes.

The user sits at the centre (node 0). Up to ``MAX_FULL`` people the whole book
is shown. Beyond, the ego network up to two hops: the people most strongly tied
to the user, then those they know, ``MAX_FULL`` at most (or, around another
``centre``, the people within ``hops`` of them). Each person shown says how many
of their ties are not (``hidden``); ``expanded`` adds the ties of those people
(``MAX_EXPAND`` each, strongest first) and ``include`` adds people by name (a
warm path's). An expansion keeps the places of the people already shown and
lays out only the newcomers. ``clusters`` sum up each context's people (where
they sit, how spread, how many) for the view zoomed out.

The layout (``layout.lay_out``: networkx spring layouts, by parts past 300
people) is seeded so the same network always looks the same.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from entregent.services.graph.build import ME, network_graph
from entregent.services.graph.layout import lay_out, place_around

__all__ = ["MapNode", "MapEdge", "MapCluster", "NetworkMap", "ego_map", "MAX_FULL", "MAX_EXPAND"]

MAX_FULL = 2000
MAX_EXPAND = 300
FIRST_HOP = 0.25  # at scale: the share of the map given to the user's strongest ties
MIN_CLUSTER = 3
_layouts: dict[str, object] = {}  # the last layout: its key and places


@dataclass(frozen=True)
class MapNode:
    id: int
    name: str
    context: str
    colour: str
    contexts: tuple[str, ...]
    x: float
    y: float
    hidden: int = 0  # ties of theirs not on the map


@dataclass(frozen=True)
class MapEdge:
    a: int
    b: int
    strength: float
    declared: bool


@dataclass(frozen=True)
class MapCluster:
    name: str  # the context
    colour: str
    x: float
    y: float
    radius: float
    count: int


@dataclass
class NetworkMap:
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    clusters: list[MapCluster] = field(default_factory=list)
    clipped: bool = False  # more people than shown: expand from someone to see more
    total: int = 0  # people in the book


def _strength_to_user(graph: nx.Graph, node: int) -> float:
    return graph.adj[ME][node]["strength"]


def _two_hops(graph: nx.Graph) -> list[int]:
    """The user's ego network up to two hops, ``MAX_FULL`` people at most: the
    strongest ties first, then the people they know by the strength of the chain."""
    people = sorted((n for n in graph if n != ME), key=lambda n: -_strength_to_user(graph, n))
    first = people[: max(1, int(MAX_FULL * FIRST_HOP))]
    keep = dict.fromkeys(first)
    chains: dict[int, float] = {}
    for p in first:
        through = _strength_to_user(graph, p)
        for q, data in graph.adj[p].items():
            if q != ME and q not in keep:
                chains[q] = max(chains.get(q, 0.0), through * data["strength"])
    for q in sorted(chains, key=lambda n: -chains[n]):
        if len(keep) >= MAX_FULL:
            break
        keep[q] = None
    for p in people:  # room left: the next strongest ties
        if len(keep) >= MAX_FULL:
            break
        keep.setdefault(p, None)
    return [ME, *keep]


def _chosen(graph: nx.Graph, centre: int, hops: int) -> list[int]:
    if graph.number_of_nodes() <= MAX_FULL + 1 and centre == ME:
        return list(graph)
    if centre == ME or centre not in graph:
        return _two_hops(graph)
    people = graph.subgraph([n for n in graph if n != ME])
    near = nx.single_source_shortest_path_length(people, centre, hops)
    ranked = sorted(near, key=lambda n: (near[n], -_strength_to_user(graph, n)))
    return [ME, *ranked[:MAX_FULL]]


def _widen(graph: nx.Graph, keep: list[int], expanded: Iterable[int], include: Iterable[int]):
    shown = dict.fromkeys(keep)
    for node in expanded:
        if node not in graph or node == ME:
            continue
        shown.setdefault(node, None)
        ties = sorted(
            (n for n in graph.adj[node] if n != ME and n not in shown),
            key=lambda n: -graph.adj[node][n]["strength"],
        )
        for other in ties[:MAX_EXPAND]:
            shown[other] = None
    for node in include:
        if node in graph:
            shown.setdefault(node, None)
    return list(shown)


def _layout(graph: nx.Graph, keep: list[int], seed: int) -> dict[int, tuple[float, float]]:
    """Places for ``keep``: the last layout's places kept for the people it had,
    the newcomers set around them (the whole layout when none are kept)."""
    key = (id(graph), tuple(sorted(keep)), seed)
    if _layouts.get("key") == key:
        return _layouts["places"]  # type: ignore[return-value]
    before: dict[int, tuple[float, float]] = (
        _layouts.get("places", {}) if _layouts.get("graph") == id(graph) else {}  # type: ignore[assignment]
    )
    between = graph.subgraph([n for n in keep if n != ME])
    if any(n in before for n in between):
        places = place_around(between, before, seed)
    else:
        places = lay_out(between, seed)
    places[ME] = (0.0, 0.0)
    _layouts.update(key=key, places=places, graph=id(graph))
    return places


def _clusters(graph: nx.Graph, keep: list[int], places) -> list[MapCluster]:
    members: dict[str, list[int]] = {}
    for node in keep:
        context = graph.nodes[node]["context"]
        if node != ME and context:
            members.setdefault(context, []).append(node)
    found = []
    for name, ids in members.items():
        if len(ids) < MIN_CLUSTER:
            continue
        x = sum(places[n][0] for n in ids) / len(ids)
        y = sum(places[n][1] for n in ids) / len(ids)
        spread = math.sqrt(
            sum((places[n][0] - x) ** 2 + (places[n][1] - y) ** 2 for n in ids) / len(ids)
        )
        colour = graph.nodes[ids[0]]["colour"]
        found.append(MapCluster(name, colour, x, y, max(0.04, spread), len(ids)))
    found.sort(key=lambda c: (-c.count, c.name))
    return found


def ego_map(
    centre: int = ME,
    hops: int = 2,
    seed: int = 7,
    *,
    expanded: Iterable[int] = (),
    include: Iterable[int] = (),
) -> NetworkMap:
    """The people to draw around ``centre`` with their places (x, y about -1..1)."""
    graph = network_graph()
    keep = _widen(graph, _chosen(graph, centre, hops), expanded, include)
    view = graph.subgraph(keep)
    places = _layout(graph, keep, seed)
    shown = set(keep)
    found = NetworkMap(clipped=len(keep) < graph.number_of_nodes(), total=len(graph) - 1)
    for node in keep:
        data = graph.nodes[node]
        x, y = places[node]
        hidden = 0 if node == ME else sum(1 for n in graph.adj[node] if n not in shown)
        found.nodes.append(
            MapNode(
                node,
                data["name"],
                data["context"],
                data["colour"],
                tuple(data["contexts"]),
                x,
                y,
                hidden,
            )
        )
    for a, b, data in view.edges(data=True):
        found.edges.append(MapEdge(a, b, data["strength"], bool(data["declared"])))
    found.clusters = _clusters(graph, keep, places)
    return found
