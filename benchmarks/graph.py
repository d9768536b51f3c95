"""Who knows whom at scale: building the graph, a warm path, mutual connections,
communities, the map's layout and the first paint of the Network view.

    python -m benchmarks.graph [--people N] [--quick]   (default: the issue's scale)

The issue's scale is 100,000 people, 300,000 interactions and 50,000 relations
(``--quick``, which CI runs through ``python -m benchmarks --quick``: 2,000).
The database is made by ``benchmarks.generate`` with 3 interactions and half a
relation per person (between people close in the book, so that they cluster).
Each figure is a ratio against networkx doing the same on a graph built in
memory in the same run (the same nodes and weighted edges): what the app adds
over the library (reading SQLite, the inferred ties, the why-texts). The map's
first paint (a 2,000-person ego network past 2,000 people) is compared with a
bare ``QGraphicsView`` holding the same number of ellipse and line items; its
layout, on a worker, is reported as measured.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ORDER = 80


def _timed(function, runs: int = 3) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return sorted(samples)[len(samples) // 2]


def _make(path: Path, people: int) -> None:
    from benchmarks.generate import generate

    generate(path, contacts=people, interactions=people * 3, followups=people // 10)
    rng = random.Random(11)
    conn = sqlite3.connect(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM contact")]
    kinds = ("knows", "colleague", "friend", "sibling", "spouse")
    rows = []
    for _ in range(people // 2):
        at = rng.randrange(len(ids))
        a, b = ids[at], ids[(at + rng.randint(1, 40)) % len(ids)]  # neighbours: clusters
        rows.append((a, b, rng.choice(kinds), "2020-01-01 00:00:00"))
    conn.executemany(
        "INSERT INTO relation (contact_id, other_id, kind, created_at) VALUES (?, ?, ?, ?)", rows
    )
    conn.commit()
    conn.close()


def _paint_time(items: int, edges: list, positions: dict) -> tuple[float, float]:
    """(the Network view's first paint, a bare QGraphicsView's) in seconds."""
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

    from entregent.services.graph.map import ego_map
    from entregent.ui.app_context import AppContext
    from entregent.ui.network_view import NetworkView

    app = QApplication.instance() or QApplication([])
    found = ego_map()
    context = AppContext()
    view = NetworkView(context)
    view.resize(900, 700)
    started = time.perf_counter()
    view._show((0, found))
    view.show()
    view.canvas.viewport().repaint()
    app.processEvents()
    ours = time.perf_counter() - started
    view.close()
    scene = QGraphicsScene()
    bare = QGraphicsView(scene)
    bare.resize(900, 700)
    started = time.perf_counter()
    for a, b in edges:
        (xa, ya), (xb, yb) = positions[a], positions[b]
        scene.addLine(xa * 400, ya * 400, xb * 400, yb * 400)
    for x, y in positions.values():
        scene.addEllipse(QRectF(x * 400 - 6, y * 400 - 6, 12, 12))
    bare.show()
    bare.viewport().repaint()
    app.processEvents()
    baseline = time.perf_counter() - started
    bare.close()
    return ours, baseline


def measure(people: int) -> list[tuple[str, float, float | None]]:
    import networkx as nx

    from entregent.services.graph import build
    from entregent.services.graph.paths import mutual_connections, warm_paths
    from entregent.services.graph.structure import communities
    from entregent.services.storage.session import close_session, open_session

    folder = Path(tempfile.mkdtemp(prefix="entregent-graph-bench-"))
    path = folder / "graph.sqlite3"
    _make(path, people)
    open_session(path, apply_language=False)
    try:
        built = build.build_graph()
        nodes = list(built.nodes)
        edges = [(a, b, d["weight"]) for a, b, d in built.edges(data=True)]

        def bare_build():
            graph = nx.Graph()
            graph.add_nodes_from(nodes)
            graph.add_weighted_edges_from(edges)
            return graph

        rows = [("build the graph", _timed(build.build_graph, 1), _timed(bare_build, 1))]
        memory = bare_build()
        build.network_graph()  # the first build, kept
        target = max((n for n in built if n != build.ME), key=lambda n: built.degree(n))
        rows.append(
            (
                "warm path, first question (the user's two-hop table made)",
                _timed(lambda: warm_paths(target, advise=False), 1),
                _timed(lambda: nx.shortest_path(memory, 0, target, weight="weight"), 1),
            )
        )
        rows.append(
            (
                "warm path (cached graph)",
                _timed(lambda: warm_paths(target, advise=False)),
                _timed(lambda: nx.shortest_path(memory, 0, target, weight="weight")),
            )
        )
        rows.append(
            (
                "mutual connections",
                _timed(lambda: mutual_connections(target)),
                _timed(lambda: sorted(memory[target])),
            )
        )
        from entregent.services.graph.person import connections_of

        rows.append(
            (
                "a person's page: who knows them (SQL)",
                _timed(lambda: connections_of(target)),
                _timed(lambda: sorted(memory[target])),
            )
        )
        people_only = memory.subgraph([n for n in memory if n != 0 and memory.degree(n) > 1])
        rows.append(
            (
                "communities (Louvain)",
                _timed(communities, 1),
                _timed(lambda: nx.community.louvain_communities(people_only, seed=7), 1),
            )
        )
        from entregent.services.graph import map as graph_map

        started = time.perf_counter()
        found = graph_map.ego_map()
        layout = time.perf_counter() - started
        rows.append((f"map layout on a worker ({len(found.nodes) - 1:,} people)", layout, None))
        positions = {n.id: (n.x, n.y) for n in found.nodes}
        pairs = [(e.a, e.b) for e in found.edges]
        ours, bare = _paint_time(len(found.nodes), pairs, positions)
        rows.append((f"map first paint ({len(found.nodes):,} people)", ours, bare))
    finally:
        close_session()
    return rows


FULL = 100_000
QUICK = 2_000
_TARGETS = {
    "warm path (cached graph)": "< 50 ms",  # well under a keystroke's worth of time
    "mutual connections": "< 50 ms",
    "map first paint": "≤ 2×",
}


def rows_for(people: int) -> list[dict]:
    from benchmarks.measure import row

    found = []
    for name, ours, bare in measure(people):
        target = next((t for k, t in _TARGETS.items() if name.startswith(k)), "—")
        found.append(
            row(
                f"graph: {name}",
                ours,
                bare,
                target,
                note=f"{people:,} people, {people * 3:,} interactions, {people // 2:,} relations;"
                " baseline: networkx on the same graph in memory (the map: a bare QGraphicsView)",
            )
        )
    return found


def run(quick: bool) -> list[dict]:
    return rows_for(QUICK if quick else FULL)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.measure import print_rows

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK:,} people")
    args = parser.parse_args(argv)
    people = args.people or (QUICK if args.quick else FULL)
    print(f"{people:,} people, {people * 3:,} interactions, {people // 2:,} relations")
    print_rows(rows_for(people))
    return 0


if __name__ == "__main__":
    sys.exit(main())
