"""Request bodies and multistatus answers (RFC 4918, 6352, 4791, 6578).

Answers are parsed with defusedxml (no entities, no external references); a
body that is not well-formed XML raises ``Malformed``. Property names are in
Clark notation: ``{DAV:}getetag``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from entregent.i18n import _
from entregent.sync.errors import Malformed

DAV = "DAV:"
CARD = "urn:ietf:params:xml:ns:carddav"
CAL = "urn:ietf:params:xml:ns:caldav"
CS = "http://calendarserver.org/ns/"

GETETAG = f"{{{DAV}}}getetag"
RESOURCETYPE = f"{{{DAV}}}resourcetype"
DISPLAYNAME = f"{{{DAV}}}displayname"
SYNC_TOKEN = f"{{{DAV}}}sync-token"
CTAG = f"{{{CS}}}getctag"
PRINCIPAL = f"{{{DAV}}}current-user-principal"
ADDRESSBOOK_HOME = f"{{{CARD}}}addressbook-home-set"
CALENDAR_HOME = f"{{{CAL}}}calendar-home-set"
SUPPORTED_REPORTS = f"{{{DAV}}}supported-report-set"
ADDRESS_DATA = f"{{{CARD}}}address-data"
CALENDAR_DATA = f"{{{CAL}}}calendar-data"
COMPONENTS = f"{{{CAL}}}supported-calendar-component-set"

_PREFIXES = {DAV: "d", CARD: "card", CAL: "cal", CS: "cs"}
_NS_DECL = " ".join(f'xmlns:{p}="{ns}"' for ns, p in _PREFIXES.items())


def _qname(clark: str) -> str:
    ns, local = clark[1:].split("}", 1)
    return f"{_PREFIXES[ns]}:{local}"


def _prop_block(props: list[str]) -> str:
    return "<d:prop>" + "".join(f"<{_qname(p)}/>" for p in props) + "</d:prop>"


def propfind_body(props: list[str]) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><d:propfind {_NS_DECL}>'
        f"{_prop_block(props)}</d:propfind>"
    ).encode()


def multiget_body(kind: str, hrefs: list[str]) -> bytes:
    """An ``addressbook-multiget`` (kind "card") or ``calendar-multiget`` (kind "cal")."""
    root, data = ("card:addressbook-multiget", "card:address-data")
    if kind == "cal":
        root, data = ("cal:calendar-multiget", "cal:calendar-data")
    links = "".join(f"<d:href>{escape(h)}</d:href>" for h in hrefs)
    return (
        f'<?xml version="1.0" encoding="utf-8"?><{root} {_NS_DECL}>'
        f"<d:prop><d:getetag/><{data}/></d:prop>{links}</{root}>"
    ).encode()


def sync_collection_body(token: str | None) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><d:sync-collection {_NS_DECL}>'
        f"<d:sync-token>{escape(token or '')}</d:sync-token><d:sync-level>1</d:sync-level>"
        "<d:prop><d:getetag/></d:prop></d:sync-collection>"
    ).encode()


def mkcol_body(kind: str, name: str) -> bytes:
    """An extended MKCOL making an address book ("card") or a calendar ("cal")."""
    if kind == "card":
        rtype = "<d:collection/><card:addressbook/>"
        extra = ""
    else:
        rtype = "<d:collection/><cal:calendar/>"
        extra = (
            "<cal:supported-calendar-component-set><cal:comp name='VEVENT'/>"
            "<cal:comp name='VTODO'/></cal:supported-calendar-component-set>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><d:mkcol {_NS_DECL}><d:set><d:prop>'
        f"<d:resourcetype>{rtype}</d:resourcetype><d:displayname>{escape(name)}</d:displayname>"
        f"{extra}</d:prop></d:set></d:mkcol>"
    ).encode()


@dataclass
class DavResponse:
    """One ``<d:response>``: its href, status and the properties found (status 200)."""

    href: str
    status: int = 200
    props: dict[str, Element] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        element = self.props.get(name)
        if element is None:
            return None
        return (
            (element.text or "").strip()
            if name not in (ADDRESS_DATA, CALENDAR_DATA)
            else (element.text or "")
        )

    def hrefs(self, name: str) -> list[str]:
        element = self.props.get(name)
        if element is None:
            return []
        return [(h.text or "").strip() for h in element.iter(f"{{{DAV}}}href") if h.text]

    def children(self, name: str) -> list[str]:
        element = self.props.get(name)
        return [] if element is None else [child.tag for child in element]


@dataclass
class Multistatus:
    responses: list[DavResponse]
    sync_token: str | None = None


def _status_code(text: str | None) -> int:
    # "HTTP/1.1 200 OK"
    parts = (text or "").split()
    try:
        return int(parts[1])
    except (IndexError, ValueError):
        return 0


def parse_multistatus(body: bytes, url: str) -> Multistatus:
    try:
        root = SafeET.fromstring(body)
    except (SafeET.ParseError, DefusedXmlException, ValueError) as exc:
        raise Malformed(
            _("the server's answer is not readable XML ({error}).").format(error=exc), url=url
        ) from exc
    if root.tag != f"{{{DAV}}}multistatus":
        raise Malformed(
            _("the server answered {tag} where a multistatus was expected.").format(tag=root.tag),
            url=url,
        )
    responses = []
    for node in root.findall(f"{{{DAV}}}response"):
        href_node = node.find(f"{{{DAV}}}href")
        if href_node is None or not (href_node.text or "").strip():
            raise Malformed(_("a response in the server's answer has no href."), url=url)
        response = DavResponse(href=unquote(href_node.text.strip()))
        status = node.find(f"{{{DAV}}}status")
        if status is not None:
            response.status = _status_code(status.text)
        for propstat in node.findall(f"{{{DAV}}}propstat"):
            code = _status_code(propstat.findtext(f"{{{DAV}}}status"))
            if code != 200:
                continue
            prop = propstat.find(f"{{{DAV}}}prop")
            if prop is not None:
                for child in prop:
                    response.props[child.tag] = child
        responses.append(response)
    token = root.findtext(f"{{{DAV}}}sync-token")
    return Multistatus(responses, token.strip() if token else None)
