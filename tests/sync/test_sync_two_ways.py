"""Two-way sync of the address book with a real Radicale: first sync, edits on
each side, deletions, the safety guard and duplicate UIDs."""

from __future__ import annotations

from entregent.model.tables import ContactMethod, SyncItem

from .helpers import Phone, card, connect, import_cards, person, run


def test_first_sync_goes_both_ways(db, dav_user, tmp_path):
    import_cards(
        tmp_path,
        card("ann", "Ann Archer", "TEL;TYPE=CELL:+33 6 12 34 56 78"),
        card("bob", "Bob Baker", "EMAIL:bob@example.org"),
    )
    phone = Phone(dav_user)
    phone.put("carol.vcf", card("carol", "Carol Cole", "EMAIL;TYPE=HOME:carol@example.org"))
    connect(dav_user)
    report = run(dav_user)
    assert (report.here.as_json(), report.there.as_json()) == (
        {"new": 1, "updated": 0, "deleted": 0},
        {"new": 2, "updated": 0, "deleted": 0},
    )
    assert report.conflicts == [] and report.errors == []
    carol = person("carol")
    assert carol.display_name == "Carol Cole"
    assert [m.value for m in ContactMethod.select().where(ContactMethod.contact == carol)] == [
        "carol@example.org"
    ]
    cards = phone.hrefs()
    assert sorted(cards) == [
        f"{dav_user.book}ann.vcf",
        f"{dav_user.book}bob.vcf",
        f"{dav_user.book}carol.vcf",
    ]
    assert "FN:Ann Archer" in cards[f"{dav_user.book}ann.vcf"]
    assert SyncItem.select().count() == 3
    again = run(dav_user)
    assert (again.here.as_json(), again.there.as_json()) == (
        {"new": 0, "updated": 0, "deleted": 0},
        {"new": 0, "updated": 0, "deleted": 0},
    )


def _synced(db, dav_user, tmp_path, *cards):
    import_cards(tmp_path, *cards)
    connect(dav_user)
    report = run(dav_user)
    assert report.errors == [] and report.conflicts == []
    return Phone(dav_user)


def _edit_here(uid: str, **fields) -> None:
    contact = person(uid)
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.save()


def test_edits_on_each_side_cross_over(db, dav_user, tmp_path):
    phone = _synced(
        db, dav_user, tmp_path, card("ann", "Ann Archer", "NOTE:old"), card("bob", "Bob Baker")
    )
    _edit_here("ann", note="met at the club")
    text, etag = phone.get(dav_user.book + "bob.vcf")
    phone.put("bob.vcf", text.replace("FN:Bob Baker", "FN:Robert Baker"), etag)
    report = run(dav_user)
    assert report.here.as_json() == {"new": 0, "updated": 1, "deleted": 0}
    assert report.there.as_json() == {"new": 0, "updated": 1, "deleted": 0}
    assert person("bob").display_name == "Robert Baker"
    assert "NOTE:met at the club" in phone.get(dav_user.book + "ann.vcf")[0]
    quiet = run(dav_user)
    assert quiet.here.as_json() == quiet.there.as_json() == {"new": 0, "updated": 0, "deleted": 0}


def test_a_field_emptied_on_the_phone_is_emptied_here(db, dav_user, tmp_path):
    phone = _synced(db, dav_user, tmp_path, card("ann", "Ann Archer", "NOTE:old", "TITLE:Chef"))
    text, etag = phone.get(dav_user.book + "ann.vcf")
    phone.put("ann.vcf", text.replace("NOTE:old\r\n", "").replace("NOTE:old\n", ""), etag)
    run(dav_user)
    ann = person("ann")
    assert (ann.note, ann.title) == ("", "Chef")
    assert "NOTE" not in phone.get(dav_user.book + "ann.vcf")[0]


def test_deletions_cross_over_and_an_edit_beats_a_delete(db, dav_user, tmp_path):
    phone = _synced(
        db,
        dav_user,
        tmp_path,
        card("ann", "Ann Archer"),
        card("bob", "Bob Baker"),
        card("cat", "Cat Cole"),
        card("dan", "Dan Dale"),
    )
    phone.delete(dav_user.book + "ann.vcf")  # deleted there, unchanged here: archived here
    person("bob").delete_instance()  # deleted here, unchanged there: deleted there
    phone.delete(dav_user.book + "cat.vcf")  # deleted there, edited here: put back
    _edit_here("cat", note="still a friend")
    person("dan").delete_instance()  # deleted here, edited there: comes back
    text, etag = phone.get(dav_user.book + "dan.vcf")
    phone.put("dan.vcf", text.replace("FN:Dan Dale", "FN:Daniel Dale"), etag)
    report = run(dav_user)
    assert report.mass_delete is None
    assert report.here.as_json() == {"new": 1, "updated": 0, "deleted": 1}
    assert report.there.as_json() == {"new": 1, "updated": 0, "deleted": 1}
    assert person("ann").archived
    assert person("dan").display_name == "Daniel Dale"
    assert sorted(phone.hrefs()) == [dav_user.book + "cat.vcf", dav_user.book + "dan.vcf"]
    assert "NOTE:still a friend" in phone.get(dav_user.book + "cat.vcf")[0]


def test_a_server_that_answers_empty_stops_the_run(db, dav_user, tmp_path):
    phone = _synced(db, dav_user, tmp_path, *[card(f"p{n}", f"Person{n} Test") for n in range(6)])
    for href in phone.hrefs():
        phone.delete(href)
    stopped = run(dav_user)
    assert stopped.mass_delete == {
        "collection": dav_user.book,
        "would_delete": 6,
        "of": 6,
        "empty_answer": True,
    }
    assert [person(f"p{n}").archived for n in range(6)] == [False] * 6
    assert SyncItem.select().count() == 6
    allowed = run(dav_user, allow_mass_delete=True)
    assert allowed.mass_delete is None and allowed.here.deleted == 6
    assert [person(f"p{n}").archived for n in range(6)] == [True] * 6


def test_two_cards_with_one_uid_are_reported_not_merged(db, dav_user, tmp_path):
    phone = Phone(dav_user)
    phone.put("one.vcf", card("same", "Ann Archer"))
    # Radicale refuses a second card with a UID it holds (no-uid-conflict); other
    # servers do not: the card is written into its storage folder, as a sync
    # tool that bypasses the server would.
    folder = dav_user.server.folder / "storage" / "collection-root" / dav_user.name / "contacts"
    (folder / "two.vcf").write_text(card("same", "Ann Other"), encoding="utf-8", newline="")
    phone.put("fine.vcf", card("fine", "Fine Person"))
    connect(dav_user)
    report = run(dav_user)
    assert report.duplicate_uids == [
        {"uid": "same", "hrefs": [dav_user.book + "one.vcf", dav_user.book + "two.vcf"]}
    ]
    assert report.here.new == 1 and person("fine").display_name == "Fine Person"
    from entregent.model.tables import Contact

    assert Contact.select().where(Contact.uid == "same").count() == 0
    assert len(phone.hrefs()) == 3


def test_a_sync_is_undone_here_like_an_import(db, dav_user, tmp_path):
    from entregent.model.tables import Contact, ImportBatch
    from entregent.services.imports.history import undo_import

    phone = _synced(db, dav_user, tmp_path, card("ann", "Ann Archer", "NOTE:old"))
    phone.put("carol.vcf", card("carol", "Carol Cole"))
    text, etag = phone.get(dav_user.book + "ann.vcf")
    phone.put("ann.vcf", text.replace("NOTE:old", "NOTE:new on the phone"), etag)
    report = run(dav_user)
    assert report.here.as_json() == {"new": 1, "updated": 1, "deleted": 0}
    batch = ImportBatch.get_by_id(report.batch_id)
    assert batch.path == "sync:home"
    undo_import(report.batch_id)
    assert Contact.select().where(Contact.uid == "carol").count() == 0
    assert person("ann").note == "old"
