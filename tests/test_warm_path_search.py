"""The warm-path search (a join of the target's neighbours with the user's
two-hop table) against networkx's own shortest simple paths, on small random
graphs."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from entregent.services.graph.paths import best_chains

ME = 0


@st.composite
def graphs(draw):
    size = draw(st.integers(min_value=2, max_value=9))
    pairs = list(itertools.combinations(range(size), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    graph = nx.Graph()
    graph.add_nodes_from(range(size))
    for a, b in chosen:
        # a few distinct weights, so that equal costs happen too
        graph.add_edge(a, b, weight=draw(st.sampled_from([0.1, 0.25, 0.5, 0.7, 1.0, 2.3])))
    target = draw(st.integers(min_value=1, max_value=size - 1))
    limit = draw(st.integers(min_value=1, max_value=6))
    return graph, target, limit


def _cost(graph: nx.Graph, nodes: list[int]) -> float:
    total = 0.0
    for a, b in itertools.pairwise(nodes):
        total += graph.edges[a, b]["weight"]  # summed in the order of the chain
    return total


def _networkx_chains(graph: nx.Graph, target: int, limit: int) -> list[list[int]]:
    without = graph.copy()
    if without.has_edge(ME, target):
        without.remove_edge(ME, target)
    if not nx.has_path(without, ME, target):
        return []
    short = [
        p for p in nx.shortest_simple_paths(without, ME, target, weight="weight") if len(p) <= 4
    ]
    short.sort(key=lambda p: (_cost(graph, p), p))
    return short[:limit]


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_the_same_chains_as_networkx_shortest_simple_paths(case):
    graph, target, limit = case
    expected = _networkx_chains(graph, target, limit)
    found = best_chains(graph, target, limit)
    assert found == expected
    # asked again on the same graph (its table kept), the answer does not change
    assert best_chains(graph, target, limit) == expected


def test_a_larger_limit_after_a_smaller_one_widens_the_kept_table():
    graph = nx.Graph()
    for p in range(1, 8):  # seven people between the user and the target, two hops each
        graph.add_edge(ME, p, weight=p / 10)
        graph.add_edge(p, 9, weight=1.0)
        graph.add_edge(p, 10, weight=0.5)
    graph.add_edge(9, 10, weight=0.2)
    assert best_chains(graph, 9, 1) == [[0, 1, 10, 9]]  # 0.1 + 0.5 + 0.2 beats 0.1 + 1.0
    wide = best_chains(graph, 9, 12)
    assert len(wide) == 12
    assert wide == _networkx_chains(graph, 9, 12)
    assert best_chains(graph, ME, 3) == []
    assert best_chains(graph, 99, 3) == []
