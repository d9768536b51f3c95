"""entregent graph: the network of who knows whom.

graph export OUT.graphml|.gexf|.dot [--context NAME]   the network as a file
graph ties [NAME] [--json]                  the guessed (inferred) ties, most sure first
graph dismiss A B [--undo] [--json]         A and B do not know each other: the
                                            guessed tie stays gone (--undo brings it back)
"""

from __future__ import annotations

from entregent.i18n import _, ngettext

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
    ties = actions.add_parser(
        "ties",
        parents=[common],
        help=_("the ties guessed from the log, the groups and the calendar, most sure first"),
    )
    ties.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help=_("only this person's (a name, a few words, or #id)"),
    )
    ties.add_argument("--json", action="store_true", help=_("print JSON"))
    ties.set_defaults(handler=run_ties)
    dismiss = actions.add_parser(
        "dismiss",
        parents=[common],
        help=_("say that two people do not know each other: their guessed tie stays gone"),
    )
    dismiss.add_argument("a", metavar="A", help=_("one person (a name, a few words, or #id)"))
    dismiss.add_argument("b", metavar="B", help=_("the other person"))
    dismiss.add_argument("--undo", action="store_true", help=_("bring the guessed tie back"))
    dismiss.add_argument("--json", action="store_true", help=_("print JSON"))
    dismiss.set_defaults(handler=run_dismiss)
    insights = actions.add_parser(
        "insights",
        parents=[common],
        help=_("who links separate parts, your only link to a context, groups you have not named"),
    )
    insights.add_argument("--json", action="store_true", help=_("print JSON"))
    insights.set_defaults(handler=run_insights)


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


def _tie_json(tie, names: dict[int, str]) -> dict:
    return {
        "people": [{"id": i, "name": names[i]} for i in (tie.low_id, tie.high_id)],
        "confidence": tie.confidence,
        "together": tie.together,
        "same_events": tie.same_events,
        "groups": tie.groups,
    }


def run_ties(args) -> int:
    from entregent.cli.output import print_json
    from entregent.services.graph.inferred import inferred_ties
    from entregent.services.people.listing import names_of
    from entregent.services.people.resolve import resolve_person

    who = resolve_person(args.name) if args.name else None
    ties = inferred_ties(who)
    names = names_of({i for t in ties for i in (t.low_id, t.high_id)})
    if args.json:
        print_json({"ties": [_tie_json(t, names) for t in ties]})
        return 0
    if not ties:
        print(_("No guessed ties."))
        return 0
    for tie in ties:
        print(
            _("{a} – {b} (sure at {confidence:.0%})").format(
                a=names[tie.low_id], b=names[tie.high_id], confidence=tie.confidence
            )
        )
    return 0


def run_dismiss(args) -> int:
    from entregent.cli.output import print_json
    from entregent.errors import UserError
    from entregent.services.graph.inferred import dismiss_tie, undismiss_tie
    from entregent.services.people.listing import names_of
    from entregent.services.people.resolve import resolve_person

    a, b = resolve_person(args.a), resolve_person(args.b)
    if a == b:
        raise UserError(_("Name two different people."))
    (undismiss_tie if args.undo else dismiss_tie)(a, b)
    names = names_of([a, b])
    if args.json:
        print_json(
            {
                "people": [{"id": i, "name": names[i]} for i in sorted((a, b))],
                "dismissed": not args.undo,
            }
        )
        return 0
    text = (
        _("{a} and {b} may know each other again.")
        if args.undo
        else _("{a} and {b} do not know each other: that guessed tie stays gone.")
    )
    print(text.format(a=names[a], b=names[b]))
    return 0


def run_insights(args) -> int:
    from entregent.cli.output import print_json
    from entregent.services.graph.build import network_graph
    from entregent.services.graph.structure import bridges, communities, lone_links

    graph = network_graph()
    found = (bridges(graph), lone_links(graph), communities(graph))
    if args.json:
        print_json(_insights_json(graph, *found))
        return 0
    _print_insights(graph, *found)
    return 0


def _insights_json(graph, linking, lone, groups) -> dict:
    def person(n: int) -> dict:
        return {"id": n, "name": graph.nodes[n]["name"]}

    return {
        "bridges": [{**person(n), "local_bridges": count} for n, _name, count in linking],
        "lone_links": [{"context": c, **person(n)} for c, n, _name in lone],
        "communities": [
            {
                "members": [person(n) for n in g.members],
                "context": g.context,
                "share": round(g.share, 3),
                "unnamed": g.unnamed,
            }
            for g in groups
        ],
    }


def _print_insights(graph, linking, lone, groups) -> None:
    for _id, name, count in linking:
        print(
            ngettext(
                "{name} links people who are otherwise apart ({n} bridge)",
                "{name} links people who are otherwise apart ({n} bridges)",
                count,
            ).format(name=name, n=count)
        )
    for context, _id, name in lone:
        print(_("Your only link to {context} is {name}.").format(context=context, name=name))
    for group in groups:
        names = ", ".join(graph.nodes[n]["name"] for n in group.members[:8])
        if len(group.members) > 8:
            names += ", …"
        if group.unnamed:
            text = _("These {n} people look like a group you have not named: {names}")
        else:
            text = _("A group of {n}, mostly {context}: {names}")
        print(text.format(n=len(group.members), context=group.context, names=names))
    if not (linking or lone or groups):
        print(_("Not enough ties yet to see the shape of your network."))
