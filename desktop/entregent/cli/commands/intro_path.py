"""entregent intro-path NAME [--json]: who could introduce you, and why."""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("intro-path",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "intro-path",
        parents=[common],
        help=_("the warmest chains of people from you to someone (at most three hops)"),
    )
    parser.add_argument("name", metavar="NAME", help=_("who (a name, a few words, or #id)"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from entregent.cli.output import print_json
    from entregent.services.graph.paths import warm_paths
    from entregent.services.people.listing import names_of
    from entregent.services.people.resolve import resolve_person

    target = resolve_person(args.name)
    paths = warm_paths(target)
    name = names_of([target])[target]
    if args.json:
        print_json({"person": {"id": target, "name": name}, "paths": [p.as_json() for p in paths]})
        return 0
    if not paths:
        print(_("No one in your book links you to {name}.").format(name=name))
        return 0
    for number, path in enumerate(paths, 1):
        chain = " → ".join([_("you")] + [n for _i, n in path.people[1:]])
        print(
            _("{n}. {chain} (strength {strength:.0%})").format(
                n=number, chain=chain, strength=path.strength
            )
        )
        for hop in path.hops:
            print("   - " + hop.why)
        for warning in path.warnings:
            print("   ! " + warning.message)
    return 0
