"""The shape of the network: bridges, lone links to a context, and communities.

All of it is asked of the graph of people among themselves (the user's own
edges, which reach everyone, would hide the shape):

- bridges: people on a local bridge (an edge whose two ends share no
  neighbour), most such edges first;
- lone links: contexts where the user has a single person ("your only link to
  the sailing club is Paul");
- communities: networkx's Louvain partition, each compared with the contexts
  its people share; a community of several people whose most shared context
  covers less than half of them is a group the user has not named.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from entregent.services.graph.build import ME, network_graph

__all__ = ["Community", "bridges", "lone_links", "communities", "people_graph"]


def people_graph(graph: nx.Graph | None = None) -> nx.Graph:
    graph = network_graph() if graph is None else graph
    return graph.subgraph([n for n in graph if n != ME])


def bridges(graph: nx.Graph | None = None, limit: int = 20) -> list[tuple[int, str, int]]:
    """(id, name, local bridges) of the people who link otherwise separate parts."""
    people = people_graph(graph)
    counts: Counter[int] = Counter()
    for a, b in nx.local_bridges(people, with_span=False):
        if people.degree(a) > 1:
            counts[a] += 1
        if people.degree(b) > 1:
            counts[b] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], people.nodes[kv[0]]["name"]))
    return [(n, people.nodes[n]["name"], c) for n, c in ranked[:limit]]


def lone_links(graph: nx.Graph | None = None) -> list[tuple[str, int, str]]:
    """(context, id, name) for each context that holds one person only."""
    graph = network_graph() if graph is None else graph
    members: dict[str, list[int]] = {}
    for node, data in graph.nodes(data=True):
        for context in data["contexts"]:
            members.setdefault(context, []).append(node)
    return sorted(
        (context, ids[0], graph.nodes[ids[0]]["name"])
        for context, ids in members.items()
        if len(ids) == 1
    )


@dataclass
class Community:
    members: list[int]
    context: str  # the context most of them share ("" when none)
    share: float  # how many of them are in it

    @property
    def unnamed(self) -> bool:
        return len(self.members) >= 3 and self.share < 0.5


def communities(graph: nx.Graph | None = None, seed: int = 7) -> list[Community]:
    """Louvain communities of three people or more, largest first."""
    graph = network_graph() if graph is None else graph
    people = people_graph(graph)
    linked = people.subgraph([n for n in people if people.degree(n) > 0])
    found = []
    for group in nx.community.louvain_communities(linked, weight="strength", seed=seed):
        if len(group) < 3:
            continue
        counts = Counter(c for n in group for c in graph.nodes[n]["contexts"])
        context, count = counts.most_common(1)[0] if counts else ("", 0)
        found.append(Community(sorted(group), context, count / len(group)))
    found.sort(key=lambda c: (-len(c.members), c.members))
    return found
