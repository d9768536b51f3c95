"""entregent log NAME --kind KIND [--when DATE] [--note TEXT] [--with NAME…]"""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("log",)


def register(subparsers, common) -> None:
    from entregent.network.kinds import kind_names, register_names

    parser = subparsers.add_parser(
        "log", parents=[common], help=_("log a conversation, a meal, some help … with someone")
    )
    parser.add_argument("name", metavar="NAME", help=_("who (a name, a few words, or #id)"))
    parser.add_argument(
        "--kind",
        required=True,
        metavar="KIND",
        help=_("what it was: {kinds}").format(kinds=", ".join(kind_names())),
    )
    parser.add_argument(
        "--when",
        metavar="DATE",
        help=_("when (2025-03-01, 2025-03-01 18:30, yesterday); default now"),
    )
    parser.add_argument("--note", default="", metavar="TEXT", help=_("a few words to remember"))
    parser.add_argument(
        "--with",
        dest="others",
        nargs="+",
        default=[],
        metavar="NAME",
        help=_("other people who were there"),
    )
    parser.add_argument(
        "--channel", default="", metavar="TEXT", help=_("how (in person, phone, video …)")
    )
    parser.add_argument(
        "--register",
        metavar="REGISTER",
        help=_("override what it counts as: {registers}").format(
            registers=", ".join(register_names())
        ),
    )
    parser.add_argument(
        "--group", metavar="GROUP", help=_("one of your groups it happened in (name or id)")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from entregent.cli.output import print_json
    from entregent.network.kinds import KIND_LABELS
    from entregent.services.people.organizations import find_group
    from entregent.services.people.resolve import resolve_person
    from entregent.services.relations.interactions import log_interaction, parse_when

    people = [resolve_person(args.name)] + [resolve_person(n) for n in args.others]
    when = parse_when(args.when) if args.when else None
    if when is not None:
        _check_when(when, people)
    group = find_group(args.group).id if args.group else None
    interaction_id = log_interaction(
        people,
        args.kind,
        when,
        register=args.register,
        channel=args.channel,
        note=args.note,
        organization_id=group,
    )
    from entregent.services.people.listing import names_of
    from entregent.services.relations.interactions import get_interaction

    interaction = get_interaction(interaction_id)
    names = names_of(people)
    if args.json:
        print_json(
            {
                "id": interaction_id,
                "kind": interaction.kind,
                "register": interaction.register,
                "occurred_at": interaction.occurred_at.isoformat() + "Z",
                "all_day": interaction.all_day,
                "contacts": [{"id": p, "name": names.get(p, "")} for p in people],
            }
        )
        return 0
    print(
        _("Logged: {kind} with {names}.").format(
            kind=_(KIND_LABELS[interaction.kind]), names=", ".join(names[p] for p in people)
        )
    )
    return 0


def _check_when(when, people: list[int]) -> None:
    """Refuse a day more than one day ahead; warn about one before a birth year."""
    import datetime as dt
    import sys

    from entregent.errors import UserError
    from entregent.i18n_dates import format_day
    from entregent.services.people.detail import birth_years

    day = when.date() if isinstance(when, dt.datetime) else when
    if day > dt.date.today() + dt.timedelta(days=1):
        raise UserError(
            _(
                "{day} is in the future; log what happened, and plan what is to come with "
                "'entregent followup'. Nothing was stored."
            ).format(day=format_day(day))
        )
    for name, year in birth_years(people).values():
        if day.year < year:
            print(
                _("entregent: warning: {day} is before {name} was born ({year}).").format(
                    day=format_day(day), name=name, year=year
                ),
                file=sys.stderr,
            )
