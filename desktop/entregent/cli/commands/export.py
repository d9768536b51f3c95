"""entregent export contacts|followups FILE [--force] [options]"""

from __future__ import annotations

from pathlib import Path

from entregent.i18n import _, ngettext

COMMANDS = ("export",)


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "export", parents=[common], help=_("export contacts (vCard) or follow-ups (iCalendar)")
    )
    what = parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    contacts = what.add_parser("contacts", parents=[common], help=_("contacts as a vCard file"))
    contacts.add_argument("file", metavar="OUT.vcf")
    contacts.add_argument("--vcard-version", choices=("3.0", "4.0"), default="3.0")
    contacts.add_argument("--context", metavar="NAME", help=_("only the people in this context"))
    contacts.set_defaults(handler=run_contacts)
    followups = what.add_parser(
        "followups", parents=[common], help=_("follow-ups as an iCalendar file")
    )
    followups.add_argument("file", metavar="OUT.ics")
    followups.add_argument("--as", dest="as_", choices=("event", "todo"), default="event")
    followups.add_argument(
        "--include-done", action="store_true", help=_("also export completed follow-ups")
    )
    followups.set_defaults(handler=run_followups)
    for sub in (contacts, followups):
        sub.add_argument(
            "--force", action="store_true", help=_("replace the file if it already exists")
        )


def _target(args) -> Path:
    """The file to write, absolute; an existing one only with --force."""
    from entregent.errors import UserError

    path = Path(args.file).expanduser().absolute()
    if path.exists() and not args.force:
        raise UserError(
            _("{file} already exists; nothing was written. Add --force to replace it.").format(
                file=path
            )
        )
    return path


def run_contacts(args) -> int:
    from entregent.services.exports.vcard_export import export_contacts

    path = _target(args)
    count = export_contacts(path, vcard_version=args.vcard_version, context=args.context)
    print(
        ngettext(
            "Exported {n} contact to {file}.", "Exported {n} contacts to {file}.", count
        ).format(n=count, file=path)
    )
    return 0


def run_followups(args) -> int:
    from entregent.services.exports.ics_export import export_followups

    path = _target(args)
    count = export_followups(path, as_=args.as_, include_done=args.include_done)
    print(
        ngettext(
            "Exported {n} follow-up to {file}.", "Exported {n} follow-ups to {file}.", count
        ).format(n=count, file=path)
    )
    return 0
