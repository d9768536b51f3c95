"""entregent groups [--json]: your groups and the people you know there."""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("groups",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "groups", parents=[common], help=_("your associations, clubs and other groups")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    import datetime as dt

    from entregent.cli.output import print_json, print_table
    from entregent.i18n_dates import format_day
    from entregent.network.insights import GROUPS_WANTED
    from entregent.network.kinds import GROUP_KIND_LABELS
    from entregent.services.people.organizations import list_groups

    today = dt.date.today()
    groups = list_groups()
    active = sum(1 for g in groups if g.active_on(today))
    if args.json:
        print_json(
            {
                "active": active,
                "nudge": active < GROUPS_WANTED,
                "groups": [g.as_json(today) for g in groups],
            }
        )
        return 0
    if groups:
        print_table(
            [
                _("Id"),
                _("Group"),
                _("Kind"),
                _("Since"),
                _("Role"),
                _("People"),
                _("Contributions"),
            ],
            [
                (
                    f"#{g.id}",
                    g.name + ("" if g.active_on(today) else " " + _("(left)")),
                    _(GROUP_KIND_LABELS.get(g.kind, g.kind)),
                    format_day(g.joined_on) if g.joined_on else "",
                    g.my_role,
                    g.members,
                    g.contributions,
                )
                for g in groups
            ],
        )
    else:
        print(_("You have not added any group yet."))
    if active < GROUPS_WANTED:
        print()
        print(
            _(
                "Two or three groups (an association, a club, a lunch group, a charity) bring "
                "you people from many walks of life."
            )
        )
    return 0
