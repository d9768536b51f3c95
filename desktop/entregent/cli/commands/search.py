"""entregent search TEXT [--json]"""

from __future__ import annotations

from entregent.cli.argparse_words import whole_number
from entregent.i18n import _

COMMANDS = ("search",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "search",
        parents=[common],
        help=_("find people by name, organisation, e-mail, phone or note"),
    )
    parser.add_argument(
        "text", nargs="+", metavar="TEXT", help=_("words to look for (accents optional)")
    )
    parser.add_argument(
        "--limit",
        type=whole_number,
        metavar="NUMBER",
        default=50,
        help=_("at most this many results"),
    )
    parser.add_argument("--archived", action="store_true", help=_("include archived people"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from entregent.cli.output import print_json, print_table
    from entregent.services.people.search import search_contacts

    text = " ".join(args.text)
    hits = search_contacts(text, limit=args.limit, include_archived=args.archived)
    if args.json:
        print_json({"query": text, "results": [hit.as_json() for hit in hits]})
        return 0
    if not hits:
        print(_("Nobody matches “{text}”.").format(text=text))
        return 0
    print_table(
        [_("Id"), _("Name"), _("Organisation"), _("E-mail"), _("Phone")],
        [
            (f"#{h.id}", h.name, h.org, ", ".join(h.emails[:1]), ", ".join(h.phones[:1]))
            for h in hits
        ],
    )
    return 0
