"""What ``entregent sync …`` does: add, list, remove an account, or run a sync.

The parser is ``cli/commands/sync.py``; this module holds the work so that a
CLI start that is not about sync imports none of it.
"""

from __future__ import annotations

import sys

from entregent.cli.output import print_json
from entregent.errors import NotFound, UserError
from entregent.i18n import _, ngettext
from entregent.services.sync import accounts, credentials
from entregent.services.sync.engine import sync_account
from entregent.services.sync.report import SyncReport

EXIT_OK, EXIT_PARTIAL, EXIT_REFUSED = 0, 3, 4


def _prompt(url: str, user: str):
    """A password prompt on a terminal; None when nobody can answer."""
    if not sys.stdin.isatty():
        return None

    def ask() -> str | None:
        import getpass

        return getpass.getpass(_("Password for {user} at {url}: ").format(user=user, url=url))

    return ask


def _choose_on_terminal(found) -> list[str] | None:
    """Let the user pick collections by number; None off a terminal."""
    if not sys.stdin.isatty():
        return None
    for number, collection in enumerate(found, 1):
        kind = _("address book") if collection.kind == "card" else _("calendar")
        print(f"  {number}. {collection.name} ({kind}, {collection.href})")
    answer = input(_("Which collections (numbers, separated by spaces)? "))
    chosen = []
    for word in answer.replace(",", " ").split():
        if not word.isdigit() or not 1 <= int(word) <= len(found):
            raise UserError(_("“{word}” is not one of the numbers shown.").format(word=word))
        chosen.append(found[int(word) - 1].href)
    return chosen


def add(args, words: list[str]) -> int:
    name, url = words
    password = credentials.password_for(
        url, args.user, password_file=args.password_file, ask=_prompt(url, args.user)
    )
    info = accounts.add_account(
        name,
        url,
        args.user,
        password,
        args.collection,
        conflicts=args.conflicts or "ask",
        choose=_choose_on_terminal,
    )
    stored = credentials.remember_password(url, args.user, password)
    if args.json:
        print_json({**info.as_json(), "password_in_keyring": stored})
        return EXIT_OK
    print(_("Sync account “{name}” added for {user} at {url}.").format(**info.as_json()))
    for collection in info.collections:
        print(f"  {collection['name']} ({collection['kind']}, {collection['href']})")
    if not stored:
        print(
            _(
                "No system keyring: the password was not kept. Give --password-file FILE or "
                "ENTREGENT_SYNC_PASSWORD to each sync, or type it when asked."
            )
        )
    return EXIT_OK


def list_(args, words: list[str]) -> int:
    found = accounts.list_accounts()
    if args.json:
        print_json([info.as_json() for info in found])
        return EXIT_OK
    if not found:
        print(_("No sync account yet: add one with 'entregent sync add NAME URL --user USER'."))
        return EXIT_OK
    for info in found:
        last = info.last_sync_at or _("never")
        print(
            _("{name}: {user} at {url}; conflicts: {conflicts}; last sync: {last}").format(
                name=info.name, user=info.user, url=info.url, conflicts=info.conflicts, last=last
            )
        )
        for collection in info.collections:
            print(f"  {collection['name']} ({collection['kind']}, {collection['href']})")
    return EXIT_OK


def remove(args, words: list[str]) -> int:
    [name] = words
    info = accounts.remove_account(name)
    if not any(a.url == info.url and a.user == info.user for a in accounts.list_accounts()):
        credentials.forget_password(info.url, info.user)
    if args.json:
        print_json(info.as_json())
        return EXIT_OK
    print(
        _("Sync account “{name}” removed; nothing was deleted here or on the server.").format(
            name=name
        )
    )
    return EXIT_OK


def sync(args, words: list[str]) -> int:
    if words:
        names = [accounts.get_account(words[0]).name]
    else:
        names = [info.name for info in accounts.list_accounts()]
        if not names:
            raise NotFound(
                _("No sync account yet: add one with 'entregent sync add NAME URL --user USER'.")
            )
    reports = []
    for name in names:
        account = accounts.get_account(name)
        password = credentials.password_for(
            account.url,
            account.user,
            password_file=args.password_file,
            ask=_prompt(account.url, account.user),
        )
        reports.append(
            sync_account(
                name,
                password,
                dry_run=args.dry_run,
                conflicts=args.conflicts,
                allow_mass_delete=args.allow_mass_delete,
            )
        )
    if args.json:
        print_json(reports[0].as_json() if words else [r.as_json() for r in reports])
    else:
        for report in reports:
            _print_report(report)
    return max(_exit_code(r) for r in reports)


def _exit_code(report: SyncReport) -> int:
    if report.mass_delete is not None:
        return EXIT_REFUSED
    if report.errors or report.conflicts or report.duplicate_uids:
        return EXIT_PARTIAL
    return EXIT_OK


def _side(side) -> str:
    return _("{new} new, {updated} updated, {deleted} deleted").format(**side.as_json())


def _print_report(report: SyncReport) -> None:
    if report.mass_delete is not None:
        guard = report.mass_delete
        if guard["empty_answer"]:
            why = _("the server answered empty for {collection}, which held {of} items").format(
                **guard
            )
        else:
            why = _("{would_delete} of the {of} items of {collection} would be deleted").format(
                **guard
            )
        print(
            _(
                "{account}: stopped, nothing changed: {why}. Check the server; run again with "
                "--allow-mass-delete to go on."
            ).format(account=report.account, why=why)
        )
        return
    if report.dry_run:
        line = _("{account} (dry run, nothing changed): would change here {here}; there {there}.")
    else:
        line = _("{account}: here {here}; there {there}.")
    print(line.format(account=report.account, here=_side(report.here), there=_side(report.there)))
    if any(report.calendar.values()):
        print(
            _(
                "  calendar: {followups_sent} follow-ups sent, {followups_updated} updated, "
                "{followups_removed_there} taken off; {followups_done_here} done and "
                "{followups_changed_here} changed on the phone; "
                "{interactions_new} interactions from its events, {interactions_updated} "
                "updated, {events_removed} events gone"
            ).format(**report.calendar)
        )
    for entry in report.resolved:
        kept = {"local": _("ours"), "remote": _("the server's"), "merged": _("merged")}
        print(
            _("  conflict settled for {name} ({uid}): {kept} kept").format(
                name=entry["name"], uid=entry["uid"], kept=kept.get(entry["kept"], entry["kept"])
            )
        )
    if report.conflicts:
        print(
            ngettext(
                "  {n} conflict kept for later (run with --conflicts keep-local, keep-remote "
                "or merge, or settle it in the app):",
                "  {n} conflicts kept for later (run with --conflicts keep-local, keep-remote "
                "or merge, or settle them in the app):",
                len(report.conflicts),
            ).format(n=len(report.conflicts))
        )
        for entry in report.conflicts:
            fields = ", ".join(entry.get("fields", []))
            print(f"    {entry['name']} ({entry['uid']})" + (f": {fields}" if fields else ""))
    for entry in report.duplicate_uids:
        print(
            _("  the server holds several items with the UID {uid}, left alone: {hrefs}").format(
                uid=entry["uid"], hrefs=", ".join(entry["hrefs"])
            )
        )
    for entry in report.errors:
        print(
            _("  not synced: {name} ({uid}): {error}").format(
                name=entry["name"] or entry["href"], uid=entry["uid"], error=entry["error"]
            )
        )


ACTIONS = {"add": add, "list": list_, "remove": remove, "sync": sync}
