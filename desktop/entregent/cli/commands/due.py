"""entregent due [--json]: whom to reach out to, and why."""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("due",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "due", parents=[common], help=_("people to reach out to, and why")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    import datetime as dt

    from entregent.cli.output import print_json, print_table
    from entregent.services.relations.due import due_list

    today = dt.date.today()
    items = due_list(today)
    if args.json:
        print_json({"today": today.isoformat(), "items": [i.as_json() for i in items]})
        return 0
    if not items:
        print(_("Nobody is waiting for news from you today."))
        return 0
    print_table([_("Name"), _("Why")], [(i.name, i.reason) for i in items])
    return 0
