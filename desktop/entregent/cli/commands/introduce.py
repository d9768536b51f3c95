"""entregent introduce A B [--note TEXT] [--when DATE]: an introduction you made."""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("introduce",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "introduce",
        parents=[common],
        help=_("record that you introduced two people (a good turn to both)"),
    )
    parser.add_argument("a", metavar="A", help=_("one person (a name, a few words, or #id)"))
    parser.add_argument("b", metavar="B", help=_("the other person"))
    parser.add_argument("--note", default="", metavar="TEXT", help=_("a few words to remember"))
    parser.add_argument(
        "--when", metavar="DATE", help=_("when (2025-03-01, yesterday); default now")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from entregent.cli.output import print_json
    from entregent.services.people.listing import names_of
    from entregent.services.people.resolve import resolve_person
    from entregent.services.relations.declared import introduce
    from entregent.services.relations.interactions import get_interaction, parse_when

    a, b = resolve_person(args.a), resolve_person(args.b)
    when = parse_when(args.when) if args.when else None
    interaction_id = introduce(a, b, note=args.note, when=when)
    interaction = get_interaction(interaction_id)
    names = names_of([a, b])
    if args.json:
        print_json(
            {
                "interaction": interaction_id,
                "people": [{"id": i, "name": names[i]} for i in (a, b)],
                "occurred_at": interaction.occurred_at.isoformat(),
                "note": args.note,
            }
        )
        return 0
    print(_("Introduced {a} and {b}: a good turn given to both.").format(a=names[a], b=names[b]))
    return 0
