"""entregent merge A B [--json] · entregent duplicates [--json]"""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("merge", "duplicates")


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "merge", parents=[common], help=_("merge two records of the same person (B into A)")
    )
    parser.add_argument("keep", metavar="A", help=_("the person to keep (id or name)"))
    parser.add_argument("other", metavar="B", help=_("the record merged into A (id or name)"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run_merge)
    parser = subparsers.add_parser(
        "duplicates",
        parents=[common],
        help=_("list people who share a phone number or an e-mail address"),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run_duplicates)


def run_merge(args) -> int:
    from entregent.cli.output import print_json
    from entregent.services.people.merge import merge_contacts
    from entregent.services.people.resolve import resolve_person

    keep, other = resolve_person(args.keep), resolve_person(args.other)
    record = merge_contacts(keep, other)  # backs the database up first
    if args.json:
        print_json(record.as_json())
    else:
        print(
            _("Merged {other} into {keep}.").format(
                other=record.other_name or other, keep=record.keep_name or keep
            )
        )
    return 0


def run_duplicates(args) -> int:
    from entregent.cli.output import print_json, print_table
    from entregent.services.people.merge import duplicate_pairs

    pairs = duplicate_pairs()
    if args.json:
        print_json({"pairs": [p.as_json() for p in pairs]})
        return 0
    if not pairs:
        print(_("No possible duplicates."))
        return 0
    print_table(
        [_("Id"), _("Name"), _("Id"), _("Name"), _("Shared")],
        [
            (p.first_id, p.first_name, p.second_id, p.second_name, ", ".join(p.shared))
            for p in pairs
        ],
    )
    print(_("Merge a pair with: entregent merge ID ID"))
    return 0
