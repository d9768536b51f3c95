"""What the Network view draws: the ego network and its layout, computed off the
GUI thread (the view calls ``ego_map`` on a worker) and kept until the graph
changes.

The user sits at the centre (node 0). Up to ``MAX_FULL`` people the whole book
is shown; beyond, the people within ``hops`` of ``centre`` (the most strongly
tied first, at most ``MAX_FULL``). The layout is networkx's spring layout,
seeded so the same network always looks the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from entregent.services.graph.build import ME, network_graph

__all__ = ["MapNode", "MapEdge", "NetworkMap", "ego_map", "MAX_FULL"]

MAX_FULL = 2000
_layouts: dict[tuple, dict[int, tuple[float, float]]] = {}


@dataclass(frozen=True)
class MapNode:
    id: int
    name: str
    context: str
    colour: str
    contexts: tuple[str, ...]
    x: float
    y: float


@dataclass(frozen=True)
class MapEdge:
    a: int
    b: int
    strength: float
    declared: bool


@dataclass
class NetworkMap:
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    clipped: bool = False  # more people than shown: expand from someone to see more


def _chosen(graph: nx.Graph, centre: int, hops: int) -> list[int]:
    if graph.number_of_nodes() <= MAX_FULL + 1 and centre == ME:
        return list(graph)
    people = graph.subgraph([n for n in graph if n != ME])
    start = centre if centre != ME else None
    if start is None:
        ranked = sorted(people, key=lambda n: -graph.edges[ME, n]["strength"])
        return [ME, *ranked[:MAX_FULL]]
    near = nx.single_source_shortest_path_length(people, start, hops)
    ranked = sorted(near, key=lambda n: (near[n], -graph.edges[ME, n]["strength"]))
    return [ME, *ranked[:MAX_FULL]]


def ego_map(centre: int = ME, hops: int = 2, seed: int = 7) -> NetworkMap:
    """The people to draw around ``centre`` with their places (x, y in -1..1)."""
    graph = network_graph()
    keep = _chosen(graph, centre, hops)
    view = graph.subgraph(keep)
    key = (id(graph), tuple(sorted(keep)), seed)
    positions = _layouts.get(key)
    if positions is None:
        between = view.subgraph([n for n in view if n != ME]).copy()
        fixed = nx.spring_layout(between, weight="strength", seed=seed) if len(between) else {}
        positions = {n: (float(p[0]), float(p[1])) for n, p in fixed.items()}
        positions[ME] = (0.0, 0.0)
        _layouts.clear()
        _layouts[key] = positions
    found = NetworkMap(clipped=len(keep) < graph.number_of_nodes())
    for node in keep:
        data = graph.nodes[node]
        x, y = positions[node]
        found.nodes.append(
            MapNode(
                node, data["name"], data["context"], data["colour"], tuple(data["contexts"]), x, y
            )
        )
    for a, b, data in view.edges(data=True):
        found.edges.append(MapEdge(a, b, data["strength"], bool(data["declared"])))
    return found
