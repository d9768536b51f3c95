"""The WebDAV client: one httpx connection to one server, every request counted.

TLS certificates are verified, every request has a timeout, redirects are
followed at most ``MAX_REDIRECTS`` times. Authentication starts with HTTP Basic
and switches to Digest when the server asks for it. Each failure becomes a
``SyncError`` (``sync/errors.py``) that names the account and the address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

import httpx

from entregent.i18n import _
from entregent.sync import davxml
from entregent.sync.errors import (
    Malformed,
    SyncError,
    TimedOut,
    Unreachable,
    error_for_status,
)

MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MULTIGET_BATCH = 100
USER_AGENT = "Entregent-sync/1"


class _BasicThenDigest(httpx.Auth):
    """HTTP Basic, or Digest from the first 401 that offers it on."""

    def __init__(self, user: str, password: str):
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._use_digest = False

    def auth_flow(self, request):
        if self._use_digest:
            yield from self._digest.auth_flow(request)
            return
        request.headers["Authorization"] = self._basic._auth_header
        response = yield request
        challenge = response.headers.get("www-authenticate", "").lower()
        if response.status_code == 401 and challenge.startswith("digest"):
            self._use_digest = True
            del request.headers["Authorization"]
            yield from self._digest.auth_flow(request)


@dataclass
class Item:
    """One address-book or calendar object on the server."""

    href: str  # path on the server, unquoted
    etag: str
    data: str | None = None  # the card or calendar text, when fetched


@dataclass
class Changes:
    """What ``sync-collection`` says changed since a token."""

    token: str | None
    changed: dict[str, str]  # href -> etag
    removed: list[str]


def _is_etag_ok(etag: str | None) -> str:
    return (etag or "").strip()


class DavClient:
    """Requests to one server as one user. ``requests`` counts what was sent;
    ``bodies`` counts the items whose text came back (multiget or GET)."""

    def __init__(
        self,
        url: str,
        user: str,
        password: str,
        *,
        account: str = "",
        timeout: httpx.Timeout | float = TIMEOUT,
        verify: bool = True,
        transport: httpx.BaseTransport | None = None,
    ):
        self.base = url if url.endswith("/") else url + "/"
        self.account = account
        self.requests = 0
        self.writes = 0
        self.bodies = 0
        self.http = httpx.Client(
            auth=_BasicThenDigest(user, password),
            timeout=timeout,
            verify=verify,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
            event_hooks={"request": [self._count]},
        )

    def _count(self, request) -> None:
        self.requests += 1
        if request.method in ("PUT", "DELETE", "MKCOL"):
            self.writes += 1

    def close(self) -> None:
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- addresses ---------------------------------------------------------------------
    def url(self, href: str) -> str:
        """The full URL of a path (unquoted) or a URL."""
        if "://" in href:
            return href
        return urljoin(self.base, quote(href, safe="/@:+,;=~!$&'()*%"))

    @staticmethod
    def path(url: str) -> str:
        return urlsplit(url).path or "/"

    # -- requests ----------------------------------------------------------------------
    def request(
        self,
        method: str,
        href: str,
        *,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        ok: Iterable[int] = (200, 201, 204, 207),
    ) -> httpx.Response:
        url = self.url(href)
        try:
            response = self.http.request(method, url, content=body, headers=headers or {})
        except httpx.TimeoutException as exc:
            raise TimedOut(
                _("the server did not answer in time."), url=url, account=self.account
            ) from exc
        except httpx.TooManyRedirects as exc:
            raise SyncError(
                _("the server redirected more than {n} times.").format(n=MAX_REDIRECTS),
                url=url,
                account=self.account,
            ) from exc
        except httpx.TransportError as exc:
            raise Unreachable(
                _("cannot reach the server ({error}).").format(error=exc or type(exc).__name__),
                url=url,
                account=self.account,
            ) from exc
        if response.status_code not in ok:
            error = error_for_status(response.status_code, url, method, response.reason_phrase)
            error.account = self.account
            raise error
        return response

    def _multistatus(self, response: httpx.Response):
        result = davxml.parse_multistatus(response.content, str(response.url))
        return result

    def propfind(self, href: str, props: list[str], depth: int = 0) -> list[davxml.DavResponse]:
        response = self.request(
            "PROPFIND",
            href,
            body=davxml.propfind_body(props),
            headers={"Depth": str(depth), "Content-Type": "application/xml; charset=utf-8"},
            ok=(207,),
        )
        return self._multistatus(response).responses

    def properties(self, href: str, props: list[str]) -> davxml.DavResponse:
        """The properties of one resource (Depth 0)."""
        responses = self.propfind(href, props, 0)
        if not responses:
            raise Malformed(
                _("the server's answer lists nothing."), url=self.url(href), account=self.account
            )
        return responses[0]

    def list_items(self, collection: str) -> dict[str, str]:
        """href -> ETag of every item in a collection (PROPFIND Depth 1)."""
        items: dict[str, str] = {}
        own = self.path(self.url(collection)).rstrip("/")
        for response in self.propfind(collection, [davxml.GETETAG, davxml.RESOURCETYPE], 1):
            if (
                response.href.rstrip("/") == own
                or davxml.RESOURCETYPE in response.props
                and (response.children(davxml.RESOURCETYPE))
            ):
                continue
            if response.status != 200:
                continue
            items[self.path(response.href)] = _is_etag_ok(response.text(davxml.GETETAG))
        return items

    def multiget(self, collection: str, kind: str, hrefs: list[str]) -> dict[str, Item]:
        """The text and ETag of ``hrefs`` (addressbook- or calendar-multiget REPORTs)."""
        data_prop = davxml.ADDRESS_DATA if kind == "card" else davxml.CALENDAR_DATA
        found: dict[str, Item] = {}
        for start in range(0, len(hrefs), MULTIGET_BATCH):
            batch = hrefs[start : start + MULTIGET_BATCH]
            response = self.request(
                "REPORT",
                collection,
                body=davxml.multiget_body(kind, [self.path(self.url(h)) for h in batch]),
                headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
                ok=(207,),
            )
            for entry in self._multistatus(response).responses:
                text = entry.text(data_prop)
                if entry.status != 200 or text is None:
                    continue
                path = self.path(entry.href)
                # XML turns every CRLF into LF: the item's lines end in CRLF again.
                text = text.replace("\r\n", "\n").replace("\n", "\r\n")
                found[path] = Item(path, _is_etag_ok(entry.text(davxml.GETETAG)), text)
                self.bodies += 1
        return found

    def sync_collection(self, collection: str, token: str | None) -> Changes:
        """RFC 6578: what changed since ``token`` (all items when None). A token the
        server no longer accepts raises ``SyncError`` with status 403 or 409."""
        response = self.request(
            "REPORT",
            collection,
            body=davxml.sync_collection_body(token),
            headers={"Depth": "0", "Content-Type": "application/xml; charset=utf-8"},
            ok=(207,),
        )
        result = self._multistatus(response)
        own = self.path(self.url(collection)).rstrip("/")
        changed: dict[str, str] = {}
        removed: list[str] = []
        for entry in result.responses:
            path = self.path(entry.href)
            if path.rstrip("/") == own:
                continue
            if entry.status == 404:
                removed.append(path)
            elif entry.status == 200:
                changed[path] = _is_etag_ok(entry.text(davxml.GETETAG))
        return Changes(result.sync_token, changed, removed)

    def get(self, href: str) -> Item:
        response = self.request("GET", href, ok=(200,))
        self.bodies += 1
        return Item(
            self.path(self.url(href)), _is_etag_ok(response.headers.get("etag")), response.text
        )

    def put(self, href: str, text: str, content_type: str, *, etag: str | None) -> str:
        """Store ``text`` at ``href``: over ``etag`` (If-Match) or, when None, only
        if nothing is there (If-None-Match: *). Returns the new ETag."""
        headers = {"Content-Type": content_type}
        if etag:
            headers["If-Match"] = etag
        else:
            headers["If-None-Match"] = "*"
        response = self.request(
            "PUT", href, body=text.encode("utf-8"), headers=headers, ok=(200, 201, 204)
        )
        new = response.headers.get("etag")
        if not new:
            new = self.properties(href, [davxml.GETETAG]).text(davxml.GETETAG) or ""
        return new.strip()

    def delete(self, href: str, *, etag: str | None) -> None:
        headers = {"If-Match": etag} if etag else {}
        self.request("DELETE", href, headers=headers, ok=(200, 204, 404))

    def make_collection(self, href: str, kind: str, name: str) -> None:
        """Create an address book ("card") or calendar ("cal") by extended MKCOL."""
        self.request(
            "MKCOL",
            href,
            body=davxml.mkcol_body(kind, name),
            headers={"Content-Type": "application/xml; charset=utf-8"},
            ok=(200, 201),
        )
