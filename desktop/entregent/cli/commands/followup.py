"""entregent followup NAME --due DATE [--note TEXT] [--time HH:MM]"""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("followup",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "followup", parents=[common], help=_("plan to get back to someone on a given day")
    )
    parser.add_argument("name", metavar="NAME", help=_("who (a name, a few words, or #id)"))
    parser.add_argument(
        "--due", required=True, metavar="DATE", help=_("the day (2025-03-01, tomorrow …)")
    )
    parser.add_argument("--time", metavar="HH:MM", help=_("a time of day, if it matters"))
    parser.add_argument("--note", default="", metavar="TEXT", help=_("what it is about"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    import datetime as dt

    from entregent.cli.output import print_json
    from entregent.errors import UserError
    from entregent.services.people.resolve import resolve_person
    from entregent.services.relations.followups import create_followup, list_followups
    from entregent.services.relations.interactions import parse_when

    contact_id = resolve_person(args.name)
    due = parse_when(args.due)
    time = None
    if isinstance(due, dt.datetime):  # "2026-12-10 18:30": the time is kept
        due, time = due.date(), due.time().replace(second=0, microsecond=0)
    _check_due(due)
    if args.time and time is not None:
        raise UserError(
            _("“{due}” already has a time; leave out --time or the time in --due.").format(
                due=args.due
            )
        )
    if args.time:
        try:
            time = dt.time.fromisoformat(args.time)
        except ValueError as exc:
            raise UserError(
                _("“{text}” is not a time; write it like 18:30.").format(text=args.time)
            ) from exc
    follow_up_id = create_followup(contact_id, due, due_time=time, note=args.note)
    view = next(f for f in list_followups(contact_id) if f.id == follow_up_id)
    if args.json:
        print_json(view.as_json())
        return 0
    from entregent.i18n_dates import format_day

    when = format_day(view.due_on)
    if time is not None:
        when += " " + time.strftime("%H:%M")
    print(_("Follow-up with {name} on {date}.").format(name=view.contact_name, date=when))
    return 0


MAX_YEARS_AHEAD = 10


def _check_due(due) -> None:
    """A day a follow-up can be for: not decades away, not long past."""
    import datetime as dt

    from entregent.errors import UserError
    from entregent.i18n_dates import format_day

    today = dt.date.today()
    if due > today.replace(year=today.year + MAX_YEARS_AHEAD, day=min(today.day, 28)):
        raise UserError(
            _(
                "{day} is more than {years} years away; a follow-up is for the near future. "
                "Nothing was stored."
            ).format(day=format_day(due), years=MAX_YEARS_AHEAD)
        )
    if due < today - dt.timedelta(days=366):
        raise UserError(
            _(
                "{day} is more than a year ago; a follow-up is for what is still to do. "
                "Nothing was stored."
            ).format(day=format_day(due))
        )
