"""The book as a networkx graph, built from the database.

Node ``0`` is the user; every other node is a person's id, with ``name``,
``contexts`` (names), ``context`` (the first by priority) and ``colour`` (that
context's colour). Every person is linked to the user by an edge whose
``strength`` follows the log (``network.strength.user_tie_strength``). Between
two people there is an edge when a relation is declared (``declared=True``,
``kind``) or a tie is inferred (``declared=False``, ``confidence``). Each edge's
``weight`` is ``-log(strength)``. The graph is kept until the database changes
(its ``data_version``), so that the questions after the first are quick.
"""

from __future__ import annotations

import datetime as dt
import gc

import networkx as nx

from entregent.model.database import database
from entregent.network.strength import (
    cost,
    declared_strength,
    inferred_confidence,
    inferred_strength,
    user_tie_strength,
)
from entregent.services.graph.inferred import dismissed_pairs, pair_rows

__all__ = ["ME", "build_graph", "network_graph", "inferred_edge", "declared_edges"]

ME = 0
_cache: dict[str, object] = {}


def _people(graph: nx.Graph) -> dict[int, str | None]:
    """The people as nodes; returns when each was last seen (kept on the contact)."""
    rows = database.execute_sql(
        "SELECT id, display_name, tie_strength, last_interaction_at FROM contact WHERE archived = 0"
    ).fetchall()
    graph.add_nodes_from(
        (cid, {"name": name, "contexts": [], "context": "", "colour": "", "kinds": [], "tie": tie})
        for cid, name, tie, _last in rows
    )
    last = {cid: seen for cid, _name, _tie, seen in rows}
    nodes = graph.nodes
    for cid, name, kind, colour in database.execute_sql(
        "SELECT cc.contact_id, c.name, c.kind, c.colour FROM contact_context cc "
        "JOIN context c ON c.id = cc.context_id ORDER BY c.priority DESC, c.name"
    ):
        node = nodes.get(cid)
        if node is None:
            continue
        if not node["contexts"]:
            node["context"], node["colour"] = name, colour
        node["contexts"].append(name)
        node["kinds"].append(kind)
    return last


def _user_edges(graph: nx.Graph, today: dt.date, last: dict[int, str | None]) -> None:
    """Every person tied to the user: the past year's interactions counted through
    the date index, the last one read from the contact."""
    cutoff = str(dt.datetime.combine(today - dt.timedelta(days=365), dt.time()))
    counts = dict(
        database.execute_sql(
            "SELECT p.contact_id, count(*) FROM interaction i "
            "JOIN participant p ON p.interaction_id = i.id WHERE i.occurred_at >= ? "
            "GROUP BY p.contact_id",
            (cutoff,),
        ).fetchall()
    )
    edges = []
    for cid, node in graph.nodes(data=True):
        if cid == ME:
            continue
        count, seen = counts.get(cid, 0), last.get(cid)
        days = None if seen is None else (today - dt.date.fromisoformat(str(seen)[:10])).days
        strength = user_tie_strength(count, days, node["tie"], tuple(node["kinds"]))
        edges.append(
            (
                ME,
                cid,
                {
                    "strength": strength,
                    "weight": cost(strength),
                    "declared": True,
                    "kind": "user",
                    "seen_year": count,
                    "days_since": days,
                },
            )
        )
    graph.add_edges_from(edges)


def inferred_edge(lo: int, together: int, events: int, groups: list[str]) -> dict:
    """The attributes of an inferred edge (``lo`` the lower id)."""
    confidence = inferred_confidence(together, events, len(groups))
    strength = inferred_strength(confidence)
    return {
        "strength": strength,
        "weight": cost(strength),
        "declared": False,
        "kind": "inferred",
        "source_id": lo,
        "confidence": confidence,
        "together": together,
        "same_events": events,
        "groups": groups,
    }


def declared_edges(rows) -> dict[tuple[int, int], dict]:
    """The attributes of the declared edges from (contact, other, kind) rows, the
    strongest relation of each pair kept (the first declared when equal)."""
    found: dict[tuple[int, int], dict] = {}
    for a, b, kind in rows:
        pair = (a, b) if a < b else (b, a)
        strength = declared_strength(kind)
        old = found.get(pair)
        if old is None or strength > old["strength"]:
            found[pair] = {
                "strength": strength,
                "weight": cost(strength),
                "declared": True,
                "kind": kind,
                "source_id": a,
            }
    return found


def _between_edges(graph: nx.Graph) -> None:
    nodes = graph.nodes
    skip = dismissed_pairs()
    declared = declared_edges(
        database.execute_sql(
            "SELECT contact_id, other_id, kind FROM relation WHERE other_id IS NOT NULL ORDER BY id"
        )
    )
    graph.add_edges_from(
        (lo, hi, inferred_edge(lo, together, events, groups))
        for lo, hi, together, events, groups in pair_rows()
        if lo in nodes and hi in nodes and (lo, hi) not in skip and (lo, hi) not in declared
    )
    graph.add_edges_from(
        (lo, hi, data) for (lo, hi), data in declared.items() if lo in nodes and hi in nodes
    )


def build_graph(today: dt.date | None = None) -> nx.Graph:
    """A new graph of the whole book as it is now: nodes and edges read with a
    few aggregated queries and added in bulk."""
    today = today or dt.date.today()
    graph = nx.Graph()
    graph.add_node(ME, name="", contexts=[], context="", colour="", kinds=[], tie=None)
    gc.disable()  # hundreds of thousands of small dicts: no collection halfway
    try:
        last = _people(graph)
        _user_edges(graph, today, last)
        _between_edges(graph)
    finally:
        gc.enable()
    return graph


def _data_version() -> tuple:
    row = database.execute_sql("PRAGMA data_version").fetchone()
    changes = database.obj.connection().total_changes
    return (database.obj.database, row[0], changes)


def network_graph(today: dt.date | None = None) -> nx.Graph:
    """The graph of the book, kept until the database changes (do not modify it)."""
    key = (_data_version(), today)
    if _cache.get("key") != key:
        _cache["graph"] = build_graph(today)
        _cache["key"] = key
    return _cache["graph"]  # type: ignore[return-value]
