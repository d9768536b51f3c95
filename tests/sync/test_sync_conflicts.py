"""Conflicts under each policy, 412 from a concurrent change, a wrong password,
and a photo with custom labels over ten round trips."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from entregent.model.tables import SyncItem
from entregent.sync import errors
from entregent.sync.webdav import DavClient

from .helpers import Phone, card, connect, import_cards, person, run


def _both_edited(db, dav_user, tmp_path):
    import_cards(tmp_path, card("ann", "Ann Archer", "NOTE:first"))
    connect(dav_user)
    run(dav_user)
    phone = Phone(dav_user)
    text, etag = phone.get(dav_user.book + "ann.vcf")
    phone.put("ann.vcf", text.replace("NOTE:first", "NOTE:from the phone"), etag)
    contact = person("ann")
    contact.note = "from the laptop"
    contact.save()
    return phone


def test_ask_lists_the_conflict_and_changes_neither_side(db, dav_user, tmp_path):
    phone = _both_edited(db, dav_user, tmp_path)
    report = run(dav_user, conflicts="ask")
    assert report.conflicts == [
        {"uid": "ann", "name": "Ann Archer", "href": dav_user.book + "ann.vcf", "fields": ["NOTE"]}
    ]
    assert person("ann").note == "from the laptop"
    assert "NOTE:from the phone" in phone.get(dav_user.book + "ann.vcf")[0]
    kept = json.loads(SyncItem.get(SyncItem.uid == "ann").conflict)
    assert "NOTE:from the laptop" in kept["local"] and "NOTE:from the phone" in kept["remote"]
    again = run(dav_user, conflicts="ask")  # still listed, never dropped
    assert [c["uid"] for c in again.conflicts] == ["ann"]


def test_merge_takes_each_side_s_fields_and_sends_the_result(db, dav_user, tmp_path):
    import_cards(
        tmp_path,
        card(
            "ann",
            "Ann Archer",
            "NOTE:first",
            "TITLE:Clerk",
            "item1.TEL:+33 1 23",
            "item1.X-ABLabel:Boat",
        ),
    )
    connect(dav_user)
    run(dav_user)
    phone = Phone(dav_user)
    text, etag = phone.get(dav_user.book + "ann.vcf")
    phone.put("ann.vcf", text.replace("NOTE:first", "NOTE:from the phone"), etag)
    contact = person("ann")
    contact.title = "Head clerk"
    contact.save()
    report = run(dav_user, conflicts="merge")
    assert report.conflicts == []
    assert report.resolved == [
        {
            "uid": "ann",
            "name": "Ann Archer",
            "href": dav_user.book + "ann.vcf",
            "kept": "merged",
            "ours": ["TITLE"],
            "theirs": ["NOTE"],
        }
    ]
    ann = person("ann")
    assert (ann.note, ann.title) == ("from the phone", "Head clerk")
    server = phone.get(dav_user.book + "ann.vcf")[0]
    assert "NOTE:from the phone" in server and "TITLE:Head clerk" in server
    assert "item1.TEL:+33 1 23" in server and "item1.X-ABLABEL:Boat" in server
    quiet = run(dav_user, conflicts="merge")
    assert quiet.here.as_json() == quiet.there.as_json() == {"new": 0, "updated": 0, "deleted": 0}


def test_merge_of_one_field_changed_on_both_sides_asks(db, dav_user, tmp_path):
    phone = _both_edited(db, dav_user, tmp_path)
    report = run(dav_user, conflicts="merge")
    assert [(c["uid"], c["fields"]) for c in report.conflicts] == [("ann", ["NOTE"])]
    assert report.resolved == []
    assert person("ann").note == "from the laptop"
    assert "NOTE:from the phone" in phone.get(dav_user.book + "ann.vcf")[0]
    kept = json.loads(SyncItem.get(SyncItem.uid == "ann").conflict)
    assert "NOTE:first" in kept["base"] and kept["fields"] == ["NOTE"]


def test_keep_local_sends_ours(db, dav_user, tmp_path):
    phone = _both_edited(db, dav_user, tmp_path)
    report = run(dav_user, conflicts="keep-local")
    assert report.conflicts == [] and [r["kept"] for r in report.resolved] == ["local"]
    assert "NOTE:from the laptop" in phone.get(dav_user.book + "ann.vcf")[0]
    assert person("ann").note == "from the laptop"


def test_keep_remote_takes_theirs(db, dav_user, tmp_path):
    phone = _both_edited(db, dav_user, tmp_path)
    report = run(dav_user, conflicts="keep-remote")
    assert report.conflicts == [] and [r["kept"] for r in report.resolved] == ["remote"]
    assert person("ann").note == "from the phone"
    assert "NOTE:from the phone" in phone.get(dav_user.book + "ann.vcf")[0]
    quiet = run(dav_user)
    assert quiet.there.as_json() == {"new": 0, "updated": 0, "deleted": 0}


def test_412_from_a_change_during_the_run_is_fetched_and_becomes_a_conflict(db, dav_user, tmp_path):
    import_cards(tmp_path, card("ann", "Ann Archer", "NOTE:first"))
    connect(dav_user)
    run(dav_user)
    contact = person("ann")
    contact.note = "from the laptop"
    contact.save()
    phone = Phone(dav_user)

    class PhoneWritesFirst(httpx.HTTPTransport):
        def handle_request(self, request):
            if request.method == "PUT" and not getattr(self, "done", False):
                self.done = True
                text, etag = phone.get(dav_user.book + "ann.vcf")
                phone.put("ann.vcf", text.replace("NOTE:first", "NOTE:phone meanwhile"), etag)
            return super().handle_request(request)

    report = run(dav_user, conflicts="ask", transport=PhoneWritesFirst())
    assert [c["uid"] for c in report.conflicts] == ["ann"] and report.errors == []
    assert "NOTE:phone meanwhile" in phone.get(dav_user.book + "ann.vcf")[0]
    resolved = run(dav_user, conflicts="keep-local")
    assert [r["kept"] for r in resolved.resolved] == ["local"]
    assert "NOTE:from the laptop" in phone.get(dav_user.book + "ann.vcf")[0]


def test_a_wrong_password_changes_nothing(db, dav_user, tmp_path):
    import_cards(tmp_path, card("ann", "Ann Archer"))
    connect(dav_user)
    from entregent.services.sync.engine import sync_account

    with pytest.raises(errors.Unauthorized) as caught:
        sync_account("home", "not the password")
    assert str(caught.value).startswith("home: the server refused the user name or password")
    assert SyncItem.select().count() == 0
    assert Phone(dav_user).hrefs() == {}


PHOTO = base64.b64encode(bytes(range(256)) * 8).decode()  # not an image: kept as bytes


def test_photo_and_custom_labels_survive_ten_round_trips(db, dav_user, tmp_path):
    jpeg = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4 + b"\xff\xd9"
    photo = base64.b64encode(jpeg).decode()
    original = card(
        "ann",
        "Ann Archer",
        "item1.TEL:+33 6 12 34 56 78",
        "item1.X-ABLabel:Boat",
        "item2.EMAIL;TYPE=INTERNET:ann@example.org",
        "item2.X-ABLabel:_$!<Other>!$_",
        "X-PHONETIC-FIRST-NAME:An",
        "CATEGORIES:Friends",
        f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}",
    )
    phone = Phone(dav_user)
    phone.put("ann.vcf", original)
    connect(dav_user)
    for turn in range(10):
        run(dav_user)
        text, etag = phone.get(dav_user.book + "ann.vcf")
        edited = (
            text.replace(f"NOTE:turn {turn - 1}", "").replace(
                "END:VCARD", f"NOTE:turn {turn}\r\nEND:VCARD"
            )
            if turn % 2
            else text
        )
        if turn % 2:
            phone.put("ann.vcf", edited, etag)
        else:
            contact = person("ann")
            contact.note = f"laptop {turn}"
            contact.save()
    run(dav_user)
    final, _etag = phone.get(dav_user.book + "ann.vcf")
    # Radicale writes property names in capitals (X-ABLABEL): names are case-blind.
    unfolded = final.replace("\r\n ", "").replace("\n ", "").replace("X-ABLABEL", "X-ABLabel")
    assert f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}" in unfolded
    assert "item1.X-ABLabel:Boat" in unfolded and "item1.TEL:+33 6 12 34 56 78" in unfolded
    assert "item2.X-ABLabel:_$!<Other>!$_" in unfolded
    assert "X-PHONETIC-FIRST-NAME:An" in unfolded
    assert bytes(person("ann").photo) == jpeg


def test_a_hundred_people_then_a_no_op_sync_sends_no_card_bodies(db, dav_user, tmp_path):
    import_cards(
        tmp_path,
        *[card(f"p{n:04}", f"Person{n:04} Many", f"EMAIL:p{n}@example.org") for n in range(100)],
    )
    connect(dav_user)
    first = run(dav_user)
    assert first.there.new == 100 and first.errors == []
    second = run(dav_user)
    # per collection: the book's state and ETag listing; the calendar's state
    assert second.bodies == 0 and second.requests == 3
    assert second.here.as_json() == second.there.as_json() == {"new": 0, "updated": 0, "deleted": 0}
    third = run(dav_user)
    assert third.bodies == 0 and third.requests == 2  # each collection's CTag alone
    assert third.skipped_unchanged == [dav_user.book]
    assert DavClient  # the same client class the runs used


def test_a_thousand_cards_then_no_op_syncs_that_send_no_card_bodies(db, dav_user, tmp_path):
    # The phone's whole book, written into the server's storage folder as a
    # restore would (a thousand PUTs cost Radicale itself minutes: it checks
    # the UID against every card at each one).
    folder = dav_user.server.folder / "storage" / "collection-root" / dav_user.name / "contacts"
    for n in range(1000):
        (folder / f"p{n:04}.vcf").write_text(
            card(f"p{n:04}", f"Person{n:04} Many", f"EMAIL:p{n}@example.org"),
            encoding="utf-8",
            newline="",
        )
    with dav_user.phone() as phone:  # Radicale parses the new files once: slow, not ours
        phone.timeout = httpx.Timeout(600)
        assert phone.request("PROPFIND", dav_user.book, headers={"Depth": "1"}).status_code == 207
    connect(dav_user)
    first = run(dav_user)
    assert first.here.new == 1000 and first.errors == [] and first.there.new == 0
    assert first.bodies == 1000
    second = run(dav_user)  # nothing was written: each collection's CTag says so
    assert (second.requests, second.bodies, second.skipped_unchanged) == (2, 0, [dav_user.book])
    assert second.here.as_json() == second.there.as_json() == {"new": 0, "updated": 0, "deleted": 0}
    person("p0500").delete_instance()  # one change here: a listing, no body, one DELETE
    third = run(dav_user)
    # the book's CTag and the DELETE, the calendar's CTag
    assert (third.requests, third.bodies, third.there.deleted) == (3, 0, 1)
    assert person("p0999").display_name == "Person0999 Many"
