"""From a server URL to the user's address books and calendars.

``/.well-known/carddav`` (then ``caldav``) when the URL has no path, then
``current-user-principal``, its ``addressbook-home-set`` and
``calendar-home-set``, and a Depth 1 PROPFIND of each home for the collections
with their name, CTag, sync-token and the reports they support.
"""

from __future__ import annotations

from dataclasses import dataclass

from entregent.sync import davxml
from entregent.sync.errors import Missing, SyncError
from entregent.sync.webdav import DavClient

_COLLECTION_PROPS = [
    davxml.RESOURCETYPE,
    davxml.DISPLAYNAME,
    davxml.CTAG,
    davxml.SYNC_TOKEN,
    davxml.SUPPORTED_REPORTS,
    davxml.COMPONENTS,
]


@dataclass
class Collection:
    href: str
    kind: str  # "card" (address book) or "cal" (calendar)
    name: str
    ctag: str | None = None
    sync_token: str | None = None
    supports_sync: bool = False
    components: tuple[str, ...] = ()


def _collection(response: davxml.DavResponse) -> Collection | None:
    types = response.children(davxml.RESOURCETYPE)
    if f"{{{davxml.CARD}}}addressbook" in types:
        kind = "card"
    elif f"{{{davxml.CAL}}}calendar" in types:
        kind = "cal"
    else:
        return None
    reports = response.props.get(davxml.SUPPORTED_REPORTS)
    supports = reports is not None and any(
        node.tag == f"{{{davxml.DAV}}}sync-collection" for node in reports.iter()
    )
    components = response.props.get(davxml.COMPONENTS)
    comps = tuple(
        node.get("name", "").upper()
        for node in (components.iter() if components is not None else ())
        if node.tag == f"{{{davxml.CAL}}}comp"
    )
    href = DavClient.path(response.href)
    return Collection(
        href=href if href.endswith("/") else href + "/",
        kind=kind,
        name=response.text(davxml.DISPLAYNAME) or href.rstrip("/").rsplit("/", 1)[-1],
        ctag=response.text(davxml.CTAG),
        sync_token=response.text(davxml.SYNC_TOKEN),
        supports_sync=supports or bool(response.text(davxml.SYNC_TOKEN)),
        components=comps,
    )


def principal(client: DavClient) -> str:
    """The user's principal path, trying the well-known addresses first."""
    starts = []
    if DavClient.path(client.base) in ("", "/"):
        starts += ["/.well-known/carddav", "/.well-known/caldav"]
    starts.append(client.base)
    last: SyncError | None = None
    for start in starts:
        try:
            found = client.properties(start, [davxml.PRINCIPAL])
        except Missing as exc:
            last = exc
            continue
        hrefs = found.hrefs(davxml.PRINCIPAL)
        if hrefs:
            return DavClient.path(client.url(hrefs[0]))
    if last is not None:
        raise last
    return DavClient.path(client.base)


def list_collections(client: DavClient, href: str) -> list[Collection]:
    found = []
    for response in client.propfind(href, _COLLECTION_PROPS, 1):
        collection = _collection(response)
        if collection is not None:
            found.append(collection)
    return found


def collection_state(client: DavClient, href: str) -> Collection | None:
    """One collection's current CTag and sync-token (Depth 0)."""
    return _collection(client.properties(href, _COLLECTION_PROPS))


def discover(client: DavClient) -> list[Collection]:
    """Every address book and calendar of the user, address books first."""
    user = principal(client)
    homes = client.properties(user, [davxml.ADDRESSBOOK_HOME, davxml.CALENDAR_HOME])
    places = dict.fromkeys(
        DavClient.path(client.url(h))
        for h in homes.hrefs(davxml.ADDRESSBOOK_HOME) + homes.hrefs(davxml.CALENDAR_HOME)
    )
    if not places:
        places = {user: None}
    collections: dict[str, Collection] = {}
    for place in places:
        for collection in list_collections(client, place):
            collections.setdefault(collection.href, collection)
    return sorted(collections.values(), key=lambda c: (c.kind != "card", c.href))
