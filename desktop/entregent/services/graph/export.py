"""The network written for Gephi or Cytoscape (GraphML, GEXF) or Graphviz (DOT).

Nodes carry the name, the first context and its colour; edges their strength,
whether they are declared and their kind. ``context`` keeps that context's
people (and the user). The file is written beside its target, then renamed.
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from entregent.error_words import os_reason
from entregent.errors import UserError
from entregent.i18n import _
from entregent.services.graph.build import ME, build_graph
from entregent.services.people.contexts import find_context

__all__ = ["export_graph", "FORMATS"]

FORMATS = (".graphml", ".gexf", ".dot")


def _flat(graph: nx.Graph, context: str | None) -> nx.Graph:
    keep = [
        n
        for n, d in graph.nodes(data=True)
        if n == ME or context is None or context in d["contexts"]
    ]
    out = nx.Graph()
    for node in keep:
        data = graph.nodes[node]
        out.add_node(
            node,
            label=data["name"] or _("you"),
            context=data["context"],
            colour=data["colour"],
        )
    for a, b, data in graph.subgraph(keep).edges(data=True):
        out.add_edge(
            a,
            b,
            weight=round(data["strength"], 4),
            declared=bool(data["declared"]),
            kind=data["kind"],
        )
    return out


def _dot_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _write_dot(graph: nx.Graph, handle) -> None:
    handle.write("graph entregent {\n")
    for node, data in graph.nodes(data=True):
        colour = f", color={_dot_text(data['colour'])}" if data["colour"] else ""
        handle.write(f"  {node} [label={_dot_text(data['label'])}{colour}];\n")
    for a, b, data in graph.edges(data=True):
        style = "solid" if data["declared"] else "dashed"
        width = round(0.5 + 3 * data["weight"], 2)
        handle.write(
            f"  {a} -- {b} [weight={data['weight']}, style={style}, penwidth={width}, "
            f"label={_dot_text(data['kind'])}];\n"
        )
    handle.write("}\n")


def export_graph(path: str | os.PathLike, *, context: str | None = None) -> tuple[int, int]:
    """Write the network to ``path`` (its suffix says the format); returns (nodes, edges)."""
    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(
            _("Cannot write “{suffix}”; use one of: {formats}.").format(
                suffix=suffix or target.name, formats=", ".join(FORMATS)
            ),
            path=target,
        )
    name = find_context(context).name if context else None
    graph = _flat(build_graph(), name)
    temporary = target.with_name(f".{target.name}.part")
    try:
        if suffix == ".graphml":
            nx.write_graphml(graph, temporary)
        elif suffix == ".gexf":
            nx.write_gexf(graph, temporary)
        else:
            with open(temporary, "w", encoding="utf-8") as handle:
                _write_dot(graph, handle)
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UserError(
            _("cannot write the file ({error}).").format(error=os_reason(exc)), path=target
        ) from exc
    return graph.number_of_nodes(), graph.number_of_edges()
