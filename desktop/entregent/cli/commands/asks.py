"""entregent asks [NAME] [--open] [--json]
entregent answer ASK_ID helped|declined|no-answer [--note TEXT] [--json]"""

from __future__ import annotations

from entregent.i18n import N_, _

COMMANDS = ("asks", "answer")

OUTCOME_LABELS = {
    "pending": N_("waiting for an answer"),
    "helped": N_("helped"),
    "declined": N_("declined"),
    "no_answer": N_("no answer"),
}


def register(subparsers, common) -> None:
    asks = subparsers.add_parser(
        "asks", parents=[common], help=_("the asks you made, with their ids and answers")
    )
    asks.add_argument(
        "name", nargs="?", metavar="NAME", help=_("one person (a name, a few words, or #id)")
    )
    asks.add_argument("--open", action="store_true", help=_("only asks waiting for an answer"))
    asks.add_argument("--json", action="store_true", help=_("print JSON"))
    asks.set_defaults(handler=run_asks)
    answer = subparsers.add_parser(
        "answer", parents=[common], help=_("record how an ask turned out")
    )
    answer.add_argument("ask_id", metavar="ASK_ID", help=_("the ask's id (see 'entregent asks')"))
    answer.add_argument("answer", metavar="ANSWER", help=_("helped, declined or no-answer"))
    answer.add_argument("--note", default="", metavar="TEXT", help=_("a few words to remember"))
    answer.add_argument("--json", action="store_true", help=_("print JSON"))
    answer.set_defaults(handler=run_answer)


def what_text(row) -> str:
    from entregent.network.advice import what_label

    return f"“{row.detail}”" if row.detail else what_label(row.what)


def run_asks(args) -> int:
    from entregent.cli.output import print_json, print_table
    from entregent.i18n_dates import format_day
    from entregent.services.people.resolve import resolve_person
    from entregent.services.relations.ask_list import list_asks

    contact_id = resolve_person(args.name) if args.name else None
    rows = list_asks(contact_id, open_only=args.open)
    if args.json:
        print_json({"asks": [r.as_json() for r in rows]})
        return 0
    if not rows:
        print(_("No ask waiting for an answer.") if args.open else _("No ask recorded."))
        return 0
    print_table(
        [_("Id"), _("Asked"), _("Who"), _("For"), _("Answer")],
        [
            (
                r.id,
                format_day(r.asked_at.date()),
                f"{r.name} #{r.contact_id}",
                what_text(r),
                _(OUTCOME_LABELS.get(r.outcome, r.outcome)),
            )
            for r in rows
        ],
    )
    return 0


def run_answer(args) -> int:
    from entregent.cli.output import print_json
    from entregent.errors import UserError
    from entregent.i18n_dates import format_day
    from entregent.services.relations.ask_list import answer_ask, thank_you_proposal

    digits = args.ask_id.strip().removeprefix("#")
    if not digits.isdigit():
        raise UserError(
            _("“{id}” is not an ask id; 'entregent asks' lists them.").format(id=args.ask_id)
        )
    row = answer_ask(int(digits), args.answer, note=args.note)
    proposal = thank_you_proposal(row) if row.outcome == "helped" else None
    if args.json:
        print_json({"ask": row.as_json(), "proposed_followup": proposal})
        return 0
    print(
        _("Ask #{id} to {name} for {what}: {answer}.").format(
            id=row.id,
            name=row.name,
            what=what_text(row),
            answer=_(OUTCOME_LABELS[row.outcome]),
        )
    )
    if proposal:
        import datetime as dt

        print(_("Counted as help received from {name}.").format(name=row.name))
        print(
            _("Say thank you? {command}").format(
                command=f'entregent followup "#{row.contact_id}" --due {proposal["due_on"]} '
                f'--note "{proposal["note"]}"'
            )
        )
        print(_("(by {day})").format(day=format_day(dt.date.fromisoformat(proposal["due_on"]))))
    return 0
