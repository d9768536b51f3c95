"""entregent balance [NAME] [--json]: the give-and-take of help."""

from __future__ import annotations

from entregent.i18n import _, ngettext

COMMANDS = ("balance",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "balance",
        parents=[common],
        help=_("help given, help received and asks, with one person or overall"),
    )
    parser.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help=_("one person (a name, a few words, or #id); default everyone"),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def _print_ledger(ledger) -> None:
    print("  " + _("help given: {n}").format(n=ledger.help_given))
    # Help received: logged as such, or an ask answered with help. An ask still
    # waiting for an answer is shown apart; it is not help received.
    print("  " + _("help received: {n}").format(n=ledger.help_received + ledger.asks_helped))
    print(
        "  "
        + _("asks: {helped} helped, {declined} declined").format(
            helped=ledger.asks_helped, declined=ledger.asks_declined
        )
    )
    if ledger.asks_pending:
        print(
            "  "
            + ngettext(
                "{n} ask waiting for an answer",
                "{n} asks waiting for an answer",
                ledger.asks_pending,
            ).format(n=ledger.asks_pending)
        )
    print("  " + _("balance: {label}").format(label=ledger.label_text))


def run(args) -> int:
    from entregent.cli.output import print_json, print_table
    from entregent.services.people.resolve import resolve_person
    from entregent.services.relations.reciprocity import balance, balances_by_person

    contact_id = resolve_person(args.name) if args.name else None
    report = balance(contact_id)
    people = [] if contact_id is not None else balances_by_person()
    if args.json:
        data = report.as_json()
        if contact_id is None:
            data["people"] = [p.as_json() for p in people]
        print_json(data)
        return 0
    who = report.name if contact_id is not None else _("everyone")
    from entregent.i18n_dates import format_day

    print(_("With {who}, since {since}:").format(who=who, since=format_day(report.since)))
    _print_ledger(report.ledger)
    if people:
        print()
        print_table(
            [_("Name"), _("Given"), _("Received"), _("Asks"), _("Balance")],
            [
                (
                    p.name,
                    p.ledger.help_given,
                    p.ledger.help_received,
                    p.ledger.asks,
                    p.ledger.label_text,
                )
                for p in people
            ],
        )
    return 0
