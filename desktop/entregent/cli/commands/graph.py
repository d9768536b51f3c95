"""entregent graph export OUT.graphml|.gexf|.dot [--context NAME]: the network as a file."""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("graph",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "graph", parents=[common], help=_("the network of who knows whom, for other tools")
    )
    actions = parser.add_subparsers(dest="graph_action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        parents=[common],
        help=_("write the network for Gephi, Cytoscape (.graphml, .gexf) or Graphviz (.dot)"),
    )
    export.add_argument("out", metavar="OUT", help=_("the file to write: .graphml, .gexf or .dot"))
    export.add_argument(
        "--context", metavar="NAME", help=_("only the people of this context (and you)")
    )
    export.add_argument("--json", action="store_true", help=_("print JSON"))
    export.set_defaults(handler=run_export)


def run_export(args) -> int:
    from entregent.cli.output import print_json
    from entregent.services.graph.export import export_graph

    nodes, edges = export_graph(args.out, context=args.context)
    if args.json:
        print_json({"path": args.out, "nodes": nodes, "edges": edges})
        return 0
    print(
        _("Wrote {nodes} people and {edges} ties to {path}.").format(
            nodes=nodes, edges=edges, path=args.out
        )
    )
    return 0
