"""Warm paths: who could introduce the user to someone, and why.

The best chains from the user to a person are the shortest paths in the graph
weighted by ``-log(strength)`` (so the chain of strongest ties wins), at most
three hops, never the direct edge (the user already knows everyone in the
book: the question is who could introduce them). Each hop says why it holds,
and the delicacy advisor looks at the first one: asking that person for an
introduction gets the usual warnings.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
from dataclasses import dataclass, field

import networkx as nx

from entregent.i18n import N_, _, ngettext
from entregent.services.graph.build import ME, network_graph
from entregent.services.relations.asks import prepare_ask

__all__ = ["Hop", "WarmPath", "best_chains", "warm_paths", "mutual_connections", "why_text"]

MAX_HOPS = 3
_KIND_TEXT = {
    "spouse": N_("{a} and {b} are married or partners"),
    "partner": N_("{a} and {b} are partners"),
    "child": N_("{a} and {b} are parent and child"),
    "parent": N_("{a} and {b} are parent and child"),
    "sibling": N_("{a} and {b} are siblings"),
    "relative": N_("{a} and {b} are family"),
    "friend": N_("{a} and {b} are friends"),
    "colleague": N_("{a} and {b} are colleagues"),
    "introduced_by": N_("{a} and {b} met through an introduction"),
    "knows": N_("{a} and {b} know each other"),
}


@dataclass
class Hop:
    from_id: int
    to_id: int
    strength: float
    declared: bool
    why: str

    def as_json(self) -> dict:
        return {
            "from": self.from_id,
            "to": self.to_id,
            "strength": round(self.strength, 3),
            "declared": self.declared,
            "why": self.why,
        }


@dataclass
class WarmPath:
    people: list[tuple[int, str]]  # the user (0) first, the person last
    hops: list[Hop]
    strength: float  # the product of the hops' strengths
    warnings: list = field(default_factory=list)  # the advisor's, on the first hop

    def as_json(self) -> dict:
        return {
            "strength": round(self.strength, 4),
            "hops": len(self.hops),
            "people": [{"id": i, "name": n} for i, n in self.people],
            "steps": [h.as_json() for h in self.hops],
            "warnings": [w.as_json() for w in self.warnings],
        }


def _user_why(name: str, data: dict) -> str:
    count, days = data.get("seen_year", 0), data.get("days_since")
    if days is None:
        return _("you have never logged anything with {name}").format(name=name)
    seen = ngettext(
        "you saw {name} once in the past year",
        "you saw {name} {n} times in the past year",
        count,
    ).format(name=name, n=count)
    if count == 0:
        seen = _("you have not seen {name} in the past year").format(name=name)
    return seen + ", " + ngettext("last {n} day ago", "last {n} days ago", days).format(n=days)


def why_text(graph: nx.Graph, a: int, b: int) -> str:
    """Why the tie between ``a`` and ``b`` holds, in a few words."""
    data = graph.edges[a, b]
    if ME in (a, b):
        other = b if a == ME else a
        text = _user_why(graph.nodes[other]["name"], data)
        context = graph.nodes[other]["context"]
        return f"{text} ({context})" if context else text
    if data.get("source_id", a) != a:  # say it the way it was declared
        a, b = b, a
    na, nb = graph.nodes[a]["name"], graph.nodes[b]["name"]
    if data["declared"]:
        return _(_KIND_TEXT.get(data["kind"], _KIND_TEXT["knows"])).format(a=na, b=nb)
    reasons = []
    if data.get("together"):
        reasons.append(
            ngettext(
                "{a} and {b} were logged together once",
                "{a} and {b} were logged together {n} times",
                data["together"],
            ).format(a=na, b=nb, n=data["together"])
        )
    if data.get("same_events"):
        reasons.append(
            ngettext(
                "{a} and {b} were at the same event once",
                "{a} and {b} were at {n} of the same events",
                data["same_events"],
            ).format(a=na, b=nb, n=data["same_events"])
        )
    for group in data.get("groups", []):
        reasons.append(_("{a} and {b} are both in {group}").format(a=na, b=nb, group=group))
    return "; ".join(reasons)


def _path_of(graph: nx.Graph, nodes: list[int]) -> WarmPath:
    hops = []
    for a, b in itertools.pairwise(nodes):
        data = graph.edges[a, b]
        hops.append(Hop(a, b, data["strength"], data["declared"], why_text(graph, a, b)))
    people = [(n, graph.nodes[n]["name"]) for n in nodes]
    return WarmPath(people, hops, math.prod(h.strength for h in hops))


_TABLE = "warm_two_hops"  # where a graph keeps its table (in ``graph.graph``)
_KEPT = 4  # chains kept per person in the table: enough for three paths


def _two_hop_table(graph: nx.Graph, kept: int) -> dict[int, list[tuple[float, int]]]:
    """For each person Q, the ``kept`` cheapest chains user – P – Q as (cost, P),
    cheapest first (the lower P first when equal): one pass over the user's
    neighbours' edges, done once per graph."""
    adjacency = graph.adj
    found: dict[int, list[tuple[float, int]]] = {}
    for p, p_edge in adjacency[ME].items():
        base = p_edge["weight"]
        for q, edge in adjacency[p].items():
            if q != ME and q != p:
                found.setdefault(q, []).append((base + edge["weight"], p))
    for chains in found.values():
        if len(chains) > 1:
            chains.sort()
            del chains[kept:]
    return found


def _table_for(graph: nx.Graph, limit: int) -> dict[int, list[tuple[float, int]]]:
    kept = max(_KEPT, limit + 1)  # one more than asked: the target may be a P
    held = graph.graph.get(_TABLE)
    if held is None or held[0] < kept:
        held = (kept, _two_hop_table(graph, kept))
        graph.graph[_TABLE] = held
    return held[1]


def best_chains(graph: nx.Graph, target: int, limit: int = 3) -> list[list[int]]:
    """The ``limit`` cheapest simple paths from the user (node 0) to ``target`` of
    two or three hops (the direct edge left out), by the sum of the edges'
    ``weight``, the lower list of nodes first when two cost the same.

    Every such chain is user – Q – target or user – P – Q – target with Q a
    neighbour of the target; the cheapest user – P – Q chains are kept per Q in
    a table made once per graph (``graph.graph``), so a question is a join of
    the target's neighbours with that table. It gives the same chains as
    networkx's ``shortest_simple_paths`` on the graph without the direct edge,
    cut at three hops.
    """
    if target == ME or target not in graph:
        return []
    adjacency = graph.adj
    mine = adjacency[ME]
    table = _table_for(graph, limit)
    chains: list[tuple[float, list[int]]] = []
    for q, q_edge in adjacency[target].items():
        if q == ME:
            continue
        last = q_edge["weight"]
        if q in mine:
            chains.append((mine[q]["weight"] + last, [ME, q, target]))
        for cost, p in table.get(q, ()):
            if p != target:
                chains.append((cost + last, [ME, p, q, target]))
    return [nodes for _cost, nodes in heapq.nsmallest(limit, chains)]


def warm_paths(
    contact_id: int, *, limit: int = 3, today: dt.date | None = None, advise: bool = True
) -> list[WarmPath]:
    """The best chains (at most ``limit``) from the user to ``contact_id``."""
    graph = network_graph(today)
    if contact_id not in graph:
        return []
    found = [_path_of(graph, nodes) for nodes in best_chains(graph, contact_id, limit)]
    if advise:
        for path in found:
            path.warnings = prepare_ask(path.people[1][0], "introduction", today=today).warnings
    return found


def mutual_connections(contact_id: int, *, today: dt.date | None = None) -> list[tuple]:
    """Who in the book knows ``contact_id``, strongest first: (id, name, strength, declared)."""
    graph = network_graph(today)
    if contact_id not in graph:
        return []
    rows = [
        (other, graph.nodes[other]["name"], data["strength"], data["declared"])
        for other, data in graph[contact_id].items()
        if other != ME
    ]
    rows.sort(key=lambda r: (-r[2], r[1], r[0]))
    return rows
