"""The WebDAV client against a real Radicale: discovery, listing, multiget,
sync-collection, conditional PUT and DELETE, and the errors."""

from __future__ import annotations

import httpx
import pytest

from entregent.sync import errors
from entregent.sync.discovery import collection_state, discover
from entregent.sync.hashing import item_hash
from entregent.sync.webdav import DavClient

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:;{name};;;\r\nEND:VCARD\r\n"


def _client(user, password=None) -> DavClient:
    return DavClient(user.url, user.name, password or user.password, account="test")


def test_discovery_finds_the_address_book_and_the_calendar(dav_user):
    with _client(dav_user) as client:
        found = discover(client)
    assert [(c.href, c.kind, c.name) for c in found] == [
        (dav_user.book, "card", "Contacts"),
        (dav_user.calendar, "cal", "Calendar"),
    ]
    assert all(c.supports_sync and c.sync_token and c.ctag for c in found)
    assert found[1].components == ("VEVENT", "VTODO")


def test_put_list_multiget_and_conditional_writes(dav_user):
    with _client(dav_user) as client:
        href = dav_user.book + "a.vcf"
        etag = client.put(href, CARD.format(uid="a", name="Ann"), "text/vcard", etag=None)
        assert etag
        with pytest.raises(errors.PreconditionFailed):
            client.put(href, CARD.format(uid="a", name="Ann 2"), "text/vcard", etag=None)
        assert client.list_items(dav_user.book) == {href: etag}
        bodies = client.bodies
        got = client.multiget(dav_user.book, "card", [href])
        assert got[href].etag == etag and "FN:Ann\r\n" in got[href].data
        assert client.bodies == bodies + 1
        newer = client.put(href, CARD.format(uid="a", name="Anne"), "text/vcard", etag=etag)
        assert newer != etag
        with pytest.raises(errors.PreconditionFailed):
            client.put(href, CARD.format(uid="a", name="Old"), "text/vcard", etag=etag)
        with pytest.raises(errors.PreconditionFailed):
            client.delete(href, etag=etag)
        client.delete(href, etag=newer)
        assert client.list_items(dav_user.book) == {}


def test_sync_collection_reports_changes_and_removals(dav_user):
    with _client(dav_user) as client:
        first = client.sync_collection(dav_user.book, None)
        assert first.changed == {} and first.token
        a = client.put(
            dav_user.book + "a.vcf", CARD.format(uid="a", name="A"), "text/vcard", etag=None
        )
        client.put(dav_user.book + "b.vcf", CARD.format(uid="b", name="B"), "text/vcard", etag=None)
        second = client.sync_collection(dav_user.book, first.token)
        assert set(second.changed) == {dav_user.book + "a.vcf", dav_user.book + "b.vcf"}
        client.delete(dav_user.book + "a.vcf", etag=a)
        third = client.sync_collection(dav_user.book, second.token)
        assert third.removed == [dav_user.book + "a.vcf"] and third.changed == {}
        state = collection_state(client, dav_user.book)
        assert state.sync_token == third.token


def test_ctag_changes_only_with_the_collection(dav_user):
    with _client(dav_user) as client:
        before = collection_state(client, dav_user.book).ctag
        assert collection_state(client, dav_user.book).ctag == before
        client.put(dav_user.book + "c.vcf", CARD.format(uid="c", name="C"), "text/vcard", etag=None)
        assert collection_state(client, dav_user.book).ctag != before


def test_wrong_password_is_a_401_naming_the_account(dav_user):
    with _client(dav_user, "wrong") as client, pytest.raises(errors.Unauthorized) as caught:
        discover(client)
    assert caught.value.status == 401
    assert str(caught.value).startswith("test: the server refused the user name or password")


def test_missing_collection_and_forbidden_collection(dav_user, radicale):
    with _client(dav_user) as client:
        with pytest.raises(errors.Missing):
            client.list_items(f"/{dav_user.name}/nothing-here/")
        with pytest.raises(errors.Forbidden):
            client.list_items("/user199/")


def test_unreachable_server():
    with socket_free_port() as port, DavClient(f"http://127.0.0.1:{port}/", "u", "p") as client:
        with pytest.raises(errors.Unreachable):
            client.list_items("/u/book/")


def test_malformed_xml_is_a_clear_error():
    def answer(request):
        return httpx.Response(207, content=b"<d:multistatus xmlns:d='DAV:'><d:response>")

    client = DavClient("http://127.0.0.1:9/", "u", "p", transport=httpx.MockTransport(answer))
    with pytest.raises(errors.Malformed) as caught:
        client.list_items("/u/book/")
    assert "not readable XML" in str(caught.value)


def test_xml_entities_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
        b"<d:multistatus xmlns:d='DAV:'><d:response><d:href>&b;</d:href></d:response>"
        b"</d:multistatus>"
    )
    client = DavClient(
        "http://127.0.0.1:9/",
        "u",
        "p",
        transport=httpx.MockTransport(lambda r: httpx.Response(207, content=bomb)),
    )
    with pytest.raises(errors.Malformed):
        client.list_items("/u/book/")


def test_timeout_is_a_clear_error():
    import socket

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        client = DavClient(f"http://127.0.0.1:{port}/", "u", "p", timeout=0.5)
        with pytest.raises(errors.TimedOut):
            client.list_items("/u/book/")


def test_hash_ignores_folding_order_and_restamped_properties():
    one = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//A//EN\r\nFN:Ann Example\r\nREV:1\r\nEND:VCARD\r\n"
    )
    two = "BEGIN:VCARD\nVERSION:3.0\nfn:Ann Ex\n ample\nREV:2\nPRODID:-//B//EN\nEND:VCARD\n"
    assert item_hash(one) == item_hash(two)
    assert item_hash(one) != item_hash(one.replace("Ann", "Anne"))


class socket_free_port:
    def __enter__(self):
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    def __exit__(self, *exc):
        return False
