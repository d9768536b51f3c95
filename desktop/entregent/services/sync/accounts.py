"""Sync accounts: adding one (with the collections chosen), listing, removing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from entregent.errors import NotFound, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import SyncAccount, SyncCollection
from entregent.sync.discovery import Collection, discover
from entregent.sync.webdav import DavClient

__all__ = [
    "AccountInfo",
    "add_account",
    "list_accounts",
    "remove_account",
    "get_account",
    "choose_collections",
    "find_collections",
    "CONFLICT_POLICIES",
]

CONFLICT_POLICIES = ("ask", "keep-local", "keep-remote", "merge")


@dataclass
class AccountInfo:
    name: str
    url: str
    user: str
    conflicts: str
    collections: list[dict]
    last_sync_at: str | None
    last_result: dict

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "url": self.url,
            "user": self.user,
            "conflicts": self.conflicts,
            "collections": self.collections,
            "last_sync_at": self.last_sync_at,
            "last_result": self.last_result,
        }


def get_account(name: str) -> SyncAccount:
    account = SyncAccount.get_or_none(SyncAccount.name == name)
    if account is None:
        raise NotFound(_("There is no sync account named “{name}”.").format(name=name))
    return account


def choose_collections(found: list[Collection], wanted: list[str] | None) -> list[Collection]:
    """The collections ``wanted`` names (href or display name); without a wish,
    the only address book and the only calendar."""
    if wanted:
        chosen = []
        for wish in wanted:
            match = [c for c in found if wish in (c.href, c.href.rstrip("/"), c.name)]
            if not match:
                names = ", ".join(f"{c.name} ({c.href})" for c in found) or _("none")
                raise NotFound(
                    _("The server has no collection “{wish}”; it has: {names}.").format(
                        wish=wish, names=names
                    )
                )
            chosen.extend(c for c in match if c not in chosen)
        return chosen
    books = [c for c in found if c.kind == "card"]
    calendars = [c for c in found if c.kind == "cal"]
    if len(books) > 1 or len(calendars) > 1:
        names = ", ".join(f"{c.name} ({c.href})" for c in found)
        raise UserError(
            _("The server has several collections: choose with --collection ({names}).").format(
                names=names
            )
        )
    if not books:
        raise UserError(_("The server has no address book for this user."))
    return books + calendars


def find_collections(url: str, user: str, password: str, *, transport=None) -> list[Collection]:
    """The address books and calendars the server has for ``user`` (discovery)."""
    with DavClient(url, user, password, transport=transport) as client:
        return discover(client)


def add_account(
    name: str,
    url: str,
    user: str,
    password: str,
    wanted: list[str] | None = None,
    *,
    conflicts: str = "ask",
    choose: Callable[[list[Collection]], list[str] | None] | None = None,
    transport=None,
) -> AccountInfo:
    """Discover the user's collections at ``url`` and keep the chosen ones.

    ``wanted`` chooses by href or name; without it, one address book and at
    most one calendar are taken, and with several ``choose`` (a prompt, a
    dialog) is asked for hrefs."""
    if not name.strip():
        raise UserError(_("A sync account needs a name."))
    if SyncAccount.get_or_none(SyncAccount.name == name) is not None:
        raise UserError(_("A sync account named “{name}” already exists.").format(name=name))
    if conflicts not in CONFLICT_POLICIES:
        raise UserError(_("Unknown conflict policy “{policy}”.").format(policy=conflicts))
    with DavClient(url, user, password, account=name, transport=transport) as client:
        found = discover(client)
    try:
        chosen = choose_collections(found, wanted)
    except UserError:
        picked = choose(found) if choose is not None and not wanted else None
        if not picked:
            raise
        chosen = choose_collections(found, picked)
    with database.atomic():
        account = SyncAccount.create(name=name, url=url, user=user, conflicts=conflicts)
        for collection in chosen:
            SyncCollection.create(
                account=account, href=collection.href, kind=collection.kind, name=collection.name
            )
    return _info(account)


def _info(account: SyncAccount) -> AccountInfo:
    return AccountInfo(
        name=account.name,
        url=account.url,
        user=account.user,
        conflicts=account.conflicts,
        collections=[
            {
                "href": c.href,
                "kind": "addressbook" if c.kind == "card" else "calendar",
                "name": c.name,
                "last_sync_at": str(c.last_sync_at) if c.last_sync_at else None,
            }
            for c in account.collections.order_by(SyncCollection.id)
        ],
        last_sync_at=str(account.last_sync_at) if account.last_sync_at else None,
        last_result=json.loads(account.last_result or "{}"),
    )


def list_accounts() -> list[AccountInfo]:
    return [_info(a) for a in SyncAccount.select().order_by(SyncAccount.name)]


def remove_account(name: str) -> AccountInfo:
    """Forget an account and its sync state (nothing is deleted on either side)."""
    account = get_account(name)
    info = _info(account)
    account.delete_instance(recursive=False)
    return info
