"""entregent ask NAME --for WHAT [--yes] [--json]

Shows the advisor's warnings first. With no warning the ask is recorded at
once; with warnings it is recorded only with --yes or a yes typed at the
prompt (on a terminal), else nothing is stored and the exit code is 4.
"""

from __future__ import annotations

import sys
import textwrap

from entregent.i18n import _

COMMANDS = ("ask",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "ask",
        parents=[common],
        help=_("before asking someone for something: a word of advice, then record the ask"),
    )
    parser.add_argument("name", metavar="NAME", help=_("who (a name, a few words, or #id)"))
    parser.add_argument(
        "--for",
        dest="what",
        required=True,
        metavar="WHAT",
        help=_("introduction, job lead, advice, favour, recommendation, or your own words"),
    )
    parser.add_argument("--yes", action="store_true", help=_("go ahead even if there are warnings"))
    parser.add_argument("--note", default="", metavar="TEXT", help=_("a few words to remember"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def _print_preview(preview) -> None:
    from entregent.network.advice import SEVERITY_LABELS, alternative_label

    print(
        _("Before you ask {name} for {what}:").format(
            name=preview.name, what=_what_text(preview.what, preview.detail)
        )
    )
    for warning in preview.warnings:
        print(f"\n  [{_(SEVERITY_LABELS[warning.severity])}] {warning.message}")
        print(
            textwrap.fill(
                warning.explanation, width=78, initial_indent="    ", subsequent_indent="    "
            )
        )
    others = [
        alternative_label(a) for a in preview.alternatives if a not in ("ask_anyway", "cancel")
    ]
    if others:
        print("\n" + _("You could also: {choices}.").format(choices="; ".join(others)))


def _what_text(what: str, detail: str) -> str:
    """What the ask is for, in the user's own words when they gave some."""
    from entregent.network.advice import what_label

    return f"“{detail}”" if detail else what_label(what)


def _confirmed() -> bool:
    try:
        answer = input(_("Ask anyway? [y/N] "))
    except EOFError:
        return False
    return answer.strip().casefold() in ("y", "yes", "o", "oui")


def run(args) -> int:
    from entregent.cli.output import print_json
    from entregent.errors import Refused
    from entregent.network.kinds import normalize_what
    from entregent.services.people.resolve import resolve_person
    from entregent.services.relations.asks import prepare_ask, record_ask

    contact_id = resolve_person(args.name)
    what, detail = normalize_what(args.what)
    preview = prepare_ask(contact_id, what, detail=detail)
    go = preview.clear or args.yes
    if not go and not args.json:
        _print_preview(preview)
        if sys.stdin.isatty() and sys.stdout.isatty():
            go = _confirmed()
    ask_id = None
    if go:
        ask_id = record_ask(
            contact_id, what, warnings=preview.warnings, detail=detail, note=args.note
        )
    if args.json:
        data = preview.as_json()
        data.update(
            {
                "recorded": ask_id is not None,
                "ask_id": ask_id,
                "decision": None
                if ask_id is None
                else ("no_warnings" if preview.clear else "ask_anyway"),
            }
        )
        print_json(data)
    elif ask_id is not None:
        if preview.warnings and args.yes:
            _print_preview(preview)
            print()
        print(
            _("Recorded your ask #{id} to {name} for {what}. Good luck!").format(
                id=ask_id, name=preview.name, what=_what_text(preview.what, detail)
            )
        )
    if ask_id is None:
        raise Refused(_("nothing recorded; run again with --yes to ask anyway."))
    return 0
