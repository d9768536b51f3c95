"""entregent imports [--json] · entregent undo-import ID [--json]"""

from __future__ import annotations

from entregent.cli.argparse_words import whole_number
from entregent.i18n import _, ngettext

COMMANDS = ("imports", "undo-import")


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "imports", parents=[common], help=_("list past imports (date, file, counts)")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run_list)
    parser = subparsers.add_parser(
        "undo-import",
        parents=[common],
        help=_(
            "take back an import: remove the people (or, for a calendar, the interactions) "
            "it added, restore what it changed"
        ),
    )
    parser.add_argument("batch", metavar="ID", type=whole_number, help=_("the import's number"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run_undo)


def run_list(args) -> int:
    from entregent.cli.output import print_json, print_table
    from entregent.services.imports.history import list_imports

    imports = list_imports()
    if args.json:
        print_json({"imports": [i.as_json() for i in imports]})
        return 0
    if not imports:
        print(_("Nothing imported yet."))
        return 0
    from entregent.i18n_dates import format_stored_moment

    print_table(
        [
            _("Id"),
            _("Date"),
            _("File"),
            _("New"),
            _("Updated"),
            _("Unchanged"),
            _("Rejected"),
            _("Undone"),
        ],
        [
            (
                i.id,
                format_stored_moment(i.started_at),
                i.path,
                i.new,
                i.updated,
                i.unchanged,
                i.rejected,
                format_stored_moment(i.undone_at),
            )
            for i in imports
        ],
    )
    return 0


def run_undo(args) -> int:
    from entregent.cli.output import print_json
    from entregent.services.imports.history import undo_import

    result = undo_import(args.batch)
    if args.json:
        print_json(result.as_json())
        return 0
    if result.kind == "ics":
        parts = [
            ngettext(
                "{n} interaction removed", "{n} interactions removed", result.interactions_removed
            ).format(n=result.interactions_removed),
            ngettext(
                "{n} interaction restored",
                "{n} interactions restored",
                result.interactions_restored,
            ).format(n=result.interactions_restored),
            ngettext("{n} person removed", "{n} people removed", result.removed).format(
                n=result.removed
            ),
        ]
        print(_("Import {id} undone: {parts}.").format(id=result.batch_id, parts=", ".join(parts)))
    else:
        print(
            _("Import {id} undone: {removed} removed, {restored} restored.").format(
                id=result.batch_id, removed=result.removed, restored=result.restored
            )
        )
    for interaction_id, event, reason in result.interactions_left_alone:
        print(
            "  "
            + _("left alone: {event} (interaction {id}): {reason}").format(
                event=event, id=interaction_id, reason=reason
            )
        )
    for contact_id, name, reason in result.left_alone:
        print(
            "  "
            + _("left alone: {name} (#{id}): {reason}").format(
                name=name or _("(no name)"), id=contact_id, reason=reason
            )
        )
    return 0
