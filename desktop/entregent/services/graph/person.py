"""One person's place in the network, for their page: who in the book knows
them (mutual connections, strongest first, each with why) and the
introductions they made and received.

Read with a few queries about that person only (their relations, the pairs they
share something with), never by building the whole graph: the same edges and
strengths as ``build`` gives them (a declared relation beats an inferred tie, a
dismissed tie is gone), so the page agrees with the map and the warm paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from entregent.model.database import database
from entregent.services.graph.build import declared_edges, inferred_edge
from entregent.services.graph.inferred import dismissed_pairs, pair_rows
from entregent.services.graph.paths import why_text
from entregent.services.relations.declared import Introduction, introductions_of

__all__ = ["Connection", "PersonNetwork", "connections_of", "person_network"]


@dataclass(frozen=True)
class Connection:
    id: int
    name: str
    strength: float
    declared: bool
    kind: str  # the relation's kind, or "inferred"
    why: str


@dataclass
class PersonNetwork:
    contact_id: int
    connections: list[Connection] = field(default_factory=list)
    made: list[Introduction] = field(default_factory=list)
    received: list[Introduction] = field(default_factory=list)


def _star(contact_id: int) -> nx.Graph:
    """The person and everyone they are tied to, with the graph's edge attributes."""
    star = nx.Graph()
    declared = declared_edges(
        database.execute_sql(
            "SELECT contact_id, other_id, kind FROM relation WHERE other_id IS NOT NULL "
            "AND (contact_id = ? OR other_id = ?) ORDER BY id",
            (contact_id, contact_id),
        )
    )
    skip = dismissed_pairs()
    star.add_edges_from(
        (lo, hi, inferred_edge(lo, together, events, groups))
        for lo, hi, together, events, groups in pair_rows(contact_id)
        if (lo, hi) not in skip and (lo, hi) not in declared
    )
    star.add_edges_from((lo, hi, data) for (lo, hi), data in declared.items())
    if not star:
        return star
    marks = ",".join("?" * len(star))
    names = dict(
        database.execute_sql(
            f"SELECT id, display_name FROM contact WHERE archived = 0 AND id IN ({marks})",
            tuple(star),
        )
    )
    star.remove_nodes_from([n for n in list(star) if n not in names])
    for node in star:
        star.nodes[node].update(name=names[node], context="")
    return star


def connections_of(contact_id: int) -> list[Connection]:
    """Who in the book knows ``contact_id``, strongest first (then by name)."""
    star = _star(contact_id)
    if contact_id not in star:
        return []
    rows = [
        Connection(
            other,
            star.nodes[other]["name"],
            data["strength"],
            bool(data["declared"]),
            data["kind"],
            why_text(star, contact_id, other),
        )
        for other, data in star[contact_id].items()
    ]
    rows.sort(key=lambda c: (-c.strength, c.name, c.id))
    return rows


def person_network(contact_id: int) -> PersonNetwork:
    """Everything the person's page shows of the network (read on a worker)."""
    made, received = introductions_of(contact_id)
    return PersonNetwork(contact_id, connections_of(contact_id), made, received)
