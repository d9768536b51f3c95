"""entregent backup [FILE] [--list] [--json] · entregent backups [--json] ·
entregent restore FILE [--json]"""

from __future__ import annotations

from entregent.i18n import _

COMMANDS = ("backup", "backups", "restore")


def register(subparsers, common) -> None:
    backup = subparsers.add_parser(
        "backup",
        parents=[common],
        help=_("copy the database, to FILE or to the backups folder beside it"),
    )
    backup.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=_(
            "where to write the copy (a new file); by default the backups "
            "folder beside the database"
        ),
    )
    backup.add_argument(
        "--list", action="store_true", help=_("list the copies in the backups folder instead")
    )
    backup.add_argument("--json", action="store_true", help=_("print JSON"))
    backup.set_defaults(handler=run_backup, needs_database=False)

    backups = subparsers.add_parser(
        "backups",
        parents=[common],
        help=_("list the copies in the backups folder, those kept before each restore included"),
    )
    backups.add_argument("--json", action="store_true", help=_("print JSON"))
    backups.set_defaults(handler=run_backups, needs_database=False)

    restore = subparsers.add_parser(
        "restore",
        parents=[common],
        help=_("put a backup in place of the database (the current one is kept aside)"),
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--json", action="store_true", help=_("print JSON"))
    restore.set_defaults(handler=run_restore, needs_database=False)


def run_backups(args) -> int:
    from entregent.cli.database_choice import database_path_for
    from entregent.cli.output import print_json, print_table
    from entregent.i18n_dates import format_moment
    from entregent.services.storage.backup import REASON_LABELS, backups_folder, list_backups

    database = database_path_for(args)
    backups = list_backups(database)
    if args.json:
        print_json({"database": str(database), "backups": [b.as_json() for b in backups]})
        return 0
    if not backups:
        print(_("No copies yet in {folder}.").format(folder=backups_folder(database).absolute()))
        return 0
    print_table(
        [_("Taken"), _("Why"), _("Size (KB)"), _("File")],
        [
            (
                format_moment(b.taken_at),
                _(REASON_LABELS.get(b.reason, b.reason)),
                round(b.size / 1024),
                b.path.absolute(),
            )
            for b in backups
        ],
    )
    return 0


def run_backup(args) -> int:
    from entregent.cli.database_choice import database_path_for
    from entregent.cli.output import print_json
    from entregent.services.storage.backup import create_backup

    database = database_path_for(args)
    if args.list:
        return run_backups(args)
    path = create_backup(database, args.file, reason="manual")
    if args.json:
        print_json({"database": str(database), "backup": str(path)})
    else:
        print(_("Backed up {database} to {file}.").format(database=database, file=path))
    return 0


def run_restore(args) -> int:
    from entregent.cli.database_choice import database_path_for
    from entregent.cli.output import print_json
    from entregent.services.storage.restore import restore_database
    from entregent.services.storage.session import close_session, open_session

    database = database_path_for(args)
    result = restore_database(args.file, database)
    open_session(database, apply_language=False)  # upgrades an older backup, checks it opens
    close_session()
    if args.json:
        print_json(result.as_json())
        return 0
    print(
        _("Restored {database} from {file}.").format(
            database=result.database, file=result.restored_from
        )
    )
    if result.kept_as:
        print(
            _(
                "The database as it was is kept as {file} ('entregent backups' lists every copy)."
            ).format(file=result.kept_as)
        )
    return 0
