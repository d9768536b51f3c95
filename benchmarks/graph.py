"""Who knows whom at scale: building the graph, a warm path, mutual connections,
communities, and the first paint of the Network view.

    python -m benchmarks.graph [--people N]      (default 5,000: a 1/20 scale)

The issue's scale is 100,000 people, 300,000 interactions and 50,000
relations; this machine's CPU budget (2 shared cores, a minute per benchmark)
allows a 1/20 scale by default: ``--people 100000`` runs the full one. The
database is made by ``benchmarks.generate`` with 3 interactions and half a
relation per person. Each figure is a ratio against networkx doing the same on
a graph built in memory in the same run (the same nodes and weighted edges):
what the app adds over the library (reading SQLite, the inferred ties, the
why-texts). The map's first paint is compared with a bare ``QGraphicsView``
holding the same number of ellipse and line items.
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
        a = rng.choice(ids)
        b = ids[(ids.index(a) + rng.randint(1, 40)) % len(ids)]  # neighbours: clusters
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


def measure(people: int) -> list[tuple[str, float, float]]:
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
        people_only = memory.subgraph([n for n in memory if n != 0 and memory.degree(n) > 1])
        rows.append(
            (
                "communities (Louvain)",
                _timed(communities, 1),
                _timed(lambda: nx.community.louvain_communities(people_only, seed=7), 1),
            )
        )
        from entregent.services.graph.map import ego_map

        found = ego_map()
        positions = {n.id: (n.x, n.y) for n in found.nodes}
        pairs = [(e.a, e.b) for e in found.edges]
        ours, bare = _paint_time(len(found.nodes), pairs, positions)
        rows.append((f"map first paint ({len(found.nodes):,} people)", ours, bare))
    finally:
        close_session()
    return rows


def run(quick: bool) -> list[dict]:
    from benchmarks.measure import row

    people = 2_000 if quick else 5_000
    return [
        row(f"graph: {name}", ours, bare, note=f"{people:,} people; baseline: networkx in memory")
        for name, ours, bare in measure(people)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5_000)
    args = parser.parse_args(argv)
    print(
        f"{args.people:,} people, {args.people * 3:,} interactions, {args.people // 2:,} relations"
    )
    for name, ours, bare in measure(args.people):
        print(
            f"{name:40} {ours * 1000:9.1f} ms   networkx {bare * 1000:9.2f} ms"
            f"   x{ours / bare:,.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
