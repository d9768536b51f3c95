"""entregent contexts [--json]"""

from __future__ import annotations

from entregent.i18n import _, ngettext

COMMANDS = ("contexts",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "contexts", parents=[common], help=_("list contexts with how many people each holds")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from entregent.cli.output import print_json, print_table
    from entregent.services.people.contexts import list_contexts

    contexts = list_contexts()
    if args.json:
        print_json({"contexts": [c.as_json() for c in contexts]})
        return 0
    print_table(
        [_("Id"), _("Context"), _("People"), _("Keep in touch every")],
        [
            (
                f"#{c.id}",
                c.label,
                c.count,
                ngettext("{n} day", "{n} days", c.cadence_days).format(n=c.cadence_days)
                if c.cadence_days
                else "",
            )
            for c in contexts
        ],
    )
    return 0
