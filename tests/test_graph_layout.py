"""The map's layout past 300 people: by parts (Louvain communities, the lonely by
context), every person placed within -1..1, the same every time, a community's
people closer to each other than to the others; newcomers set around the person
they were added from while the others keep their places."""

from __future__ import annotations

import itertools
import math

import networkx as nx

from entregent.services.graph.layout import SPRING_UP_TO, lay_out, place_around


def _book() -> tuple[nx.Graph, list[list[int]]]:
    graph = nx.Graph()
    groups = []
    for g in range(3):
        members = list(range(g * 120 + 1, g * 120 + 121))
        groups.append(members)
        for a, b in itertools.combinations(members[:40], 2):
            graph.add_edge(a, b, strength=0.6)
        for a, b in zip(members, members[1:], strict=False):
            graph.add_edge(a, b, strength=0.5)
    graph.add_edge(groups[0][0], groups[1][0], strength=0.3)
    for n in range(1000, 1050):
        graph.add_node(n, context="club" if n % 2 else "")
    for n in graph:
        graph.nodes[n].setdefault("context", "")
    return graph, groups


def _mean(places, pairs) -> float:
    pairs = list(pairs)
    return sum(math.dist(places[a], places[b]) for a, b in pairs) / len(pairs)


def test_a_large_map_is_laid_out_by_parts_and_communities_stay_together():
    graph, groups = _book()
    assert len(graph) > SPRING_UP_TO
    places = lay_out(graph, seed=7)
    assert set(places) == set(graph)
    assert max(max(abs(x), abs(y)) for x, y in places.values()) <= 1.0 + 1e-9
    assert places == lay_out(graph, seed=7)  # the same network always looks the same
    within = _mean(places, itertools.combinations(groups[0][:30], 2))
    across = _mean(places, zip(groups[0][:30], groups[2][:30], strict=True))
    assert within < across / 2


def test_newcomers_are_set_around_their_anchor_and_the_others_stay():
    graph, groups = _book()
    before = {n: p for n, p in lay_out(graph, seed=7).items() if n not in groups[2][60:]}
    places = place_around(graph, before, seed=7)
    assert set(places) == set(graph)
    assert all(places[n] == p for n, p in before.items())
    # groups[2][60] is tied to groups[2][59], who was on the map: set beside them
    assert math.dist(places[groups[2][60]], places[groups[2][59]]) < 0.1
    # groups[2][61] knows only newcomers: set at the top edge of the map
    assert places[groups[2][61]][1] > 0.9
