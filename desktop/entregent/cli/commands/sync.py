"""entregent sync add NAME URL --user U [--collection HREF|NAME …]
entregent sync list
entregent sync [NAME] [--dry-run] [--json] [--conflicts POLICY] [--allow-mass-delete]
entregent sync remove NAME

The password is never an argument: ``--password-file FILE`` (its first line),
``ENTREGENT_SYNC_PASSWORD``, the system keyring, or a prompt on a terminal.

Exit codes: 0 done; 2 usage, an unknown account or the server failed (nothing
changed here); 3 partly done (items the server rejected, or conflicts listed
and kept for later); 4 refused (the mass-delete guard stopped the run).
"""

from __future__ import annotations

import argparse

from entregent.i18n import _

COMMANDS = ("sync",)
_ACTIONS = ("add", "list", "remove")
_POLICIES = ("ask", "keep-local", "keep-remote", "merge")


def register(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "sync",
        parents=[common],
        allow_abbrev=False,
        help=_("two-way sync with a CardDAV/CalDAV server"),
        usage=_(
            "entregent sync add NAME URL --user USER [--collection HREF|NAME …]\n"
            "       entregent sync list\n"
            "       entregent sync [NAME] [--dry-run] [--json] [--conflicts POLICY] "
            "[--allow-mass-delete]\n"
            "       entregent sync remove NAME"
        ),
        description=_(
            "Sync the address book (and follow-ups) with a CardDAV/CalDAV server. The "
            "password comes from --password-file, ENTREGENT_SYNC_PASSWORD, the system "
            "keyring or a prompt; never from the command line."
        ),
    )
    parser.add_argument("words", nargs="*", metavar="…", help=argparse.SUPPRESS)
    parser.add_argument("--user", metavar="USER", help=_("user name on the server (sync add)"))
    parser.add_argument(
        "--collection",
        action="append",
        metavar="HREF|NAME",
        help=_("a collection to sync, by path or name; repeat for several (sync add)"),
    )
    parser.add_argument(
        "--conflicts",
        choices=_POLICIES,
        help=_("how to settle an item changed on both sides (default: the account's, ask)"),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=_("show what a sync would do; change nothing")
    )
    parser.add_argument(
        "--allow-mass-delete",
        action="store_true",
        help=_("go on even if the run would delete many items or the server answers empty"),
    )
    parser.add_argument(
        "--password-file", metavar="FILE", help=_("read the password from the file's first line")
    )
    parser.add_argument("--password", help=argparse.SUPPRESS)  # refused, with the reason
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from entregent.errors import UserError

    if args.password is not None:
        raise UserError(
            _(
                "a password is never given on the command line (other users can see it): use "
                "--password-file FILE, ENTREGENT_SYNC_PASSWORD or the system keyring."
            )
        )
    words = list(args.words)
    action = words.pop(0) if words and words[0] in _ACTIONS else "sync"
    expected = {"add": 2, "list": 0, "remove": 1, "sync": None}[action]
    if expected is not None and len(words) != expected:
        raise UserError(_usage_error(action))
    if action == "sync" and len(words) > 1:
        raise UserError(_usage_error(action))
    _refuse_options(action, args)
    from entregent.cli import sync_actions

    return sync_actions.ACTIONS[action](args, words)


def _usage_error(action: str) -> str:
    forms = {
        "add": "entregent sync add NAME URL --user USER [--collection HREF|NAME …]",
        "list": "entregent sync list",
        "remove": "entregent sync remove NAME",
        "sync": "entregent sync [NAME] [--dry-run] [--json]",
    }
    return _("usage: {form}").format(form=forms[action])


def _refuse_options(action: str, args) -> None:
    from entregent.errors import UserError

    allowed = {
        "add": {"user", "collection", "conflicts", "password_file", "json"},
        "list": {"json"},
        "remove": {"json"},
        "sync": {"conflicts", "dry_run", "allow_mass_delete", "password_file", "json"},
    }[action]
    given = {
        "user": args.user is not None,
        "collection": bool(args.collection),
        "conflicts": args.conflicts is not None,
        "dry_run": args.dry_run,
        "allow_mass_delete": args.allow_mass_delete,
        "password_file": args.password_file is not None,
        "json": args.json,
    }
    wrong = [name for name, on in given.items() if on and name not in allowed]
    if wrong:
        flag = "--" + wrong[0].replace("_", "-")
        raise UserError(
            _("{flag} does not apply here. {usage}").format(flag=flag, usage=_usage_error(action))
        )
    if action == "add" and not args.user:
        raise UserError(_("sync add needs --user USER. {usage}").format(usage=_usage_error(action)))
