"""Small helpers for the sync tests: the local book and the phone's side."""

from __future__ import annotations

from pathlib import Path

from entregent.model.tables import Contact
from entregent.services.imports.dispatch import import_file
from entregent.services.sync.accounts import add_account
from entregent.services.sync.engine import sync_account

ACCOUNT = "home"


def card(uid: str, name: str, *extra: str, version: str = "3.0") -> str:
    family, _, given = name.partition(" ")[::-1] if " " in name else (name, "", "")
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        f"UID:{uid}",
        f"FN:{name}",
        f"N:{name.split(' ')[-1]};{name.split(' ')[0]};;;",
        *extra,
        "END:VCARD",
    ]
    return "\r\n".join(lines) + "\r\n"


def import_cards(tmp_path: Path, *cards: str, name: str = "local.vcf"):
    path = tmp_path / name
    path.write_text("".join(cards), encoding="utf-8", newline="")
    return import_file(path)


def connect(dav_user) -> None:
    add_account(ACCOUNT, dav_user.url, dav_user.name, dav_user.password)


def run(dav_user, **options):
    return sync_account(ACCOUNT, dav_user.password, **options)


def person(uid: str) -> Contact:
    return Contact.get(Contact.uid == uid)


class Phone:
    """The second client: plain httpx on the same account, as a phone would."""

    def __init__(self, dav_user):
        self.user = dav_user
        self.http = dav_user.phone()
        self.requests = 0

    def put(self, name: str, text: str, etag: str | None = None) -> str:
        headers = {"Content-Type": "text/vcard"}
        if etag:
            headers["If-Match"] = etag
        response = self.http.put(self.user.book + name, content=text.encode(), headers=headers)
        assert response.status_code in (201, 204), response.text
        return response.headers["etag"]

    def get(self, href: str) -> tuple[str, str]:
        response = self.http.get(href)
        assert response.status_code == 200, href
        return response.text, response.headers["etag"]

    def delete(self, href: str) -> None:
        assert self.http.delete(href).status_code in (200, 204)

    def hrefs(self) -> dict[str, str]:
        """href -> text of every card in the book."""
        body = (
            b'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop>'
            b"</d:propfind>"
        )
        response = self.http.request(
            "PROPFIND", self.user.book, content=body, headers={"Depth": "1"}
        )
        import re

        found = [h for h in re.findall(r"<href>([^<]+)</href>", response.text)]
        if not found:
            found = re.findall(r"<[a-zA-Z0-9]*:?href>([^<]+)</[a-zA-Z0-9]*:?href>", response.text)
        return {h: self.get(h)[0] for h in found if h.rstrip("/") != self.user.book.rstrip("/")}
