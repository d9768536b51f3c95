"""Updates by UID, dry runs, cancel, progress, the list of imports, and undoing one."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.errors import Cancelled, NotFound, UserError
from entregent.model.tables import (
    Contact,
    ContactContext,
    ContactMethod,
    Context,
    ImportBatch,
    Interaction,
    Participant,
    SourceCard,
)
from entregent.services.imports.dispatch import import_file
from entregent.services.imports.history import list_imports, undo_import

V1 = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:zoe-1\r\nFN:Zoé Martin\r\nN:Martin;Zoé;;;\r\n"
    "TEL;TYPE=CELL:+33 6 00 00 00 01\r\nNOTE:met at the choir\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:leo-2\r\nFN:Léo Petit\r\nEND:VCARD\r\n"
)
V2 = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:zoe-1\r\nFN:Zoé Martin-Roux\r\n"
    "N:Martin-Roux;Zoé;;;\r\nORG:Mairie\r\nTEL;TYPE=CELL:+33 6 00 00 00 02\r\n"
    "CATEGORIES:Voisins\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:leo-2\r\nFN:Léo Petit\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nina New\r\nEND:VCARD\r\n"
)


def _file(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.fixture
def imported(db, tmp_path):
    report = import_file(_file(tmp_path, "v1.vcf", V1))
    assert report.new == 2
    zoe = Contact.get(Contact.uid == "zoe-1")
    ContactContext.create(contact=zoe, context=Context.get(Context.name == "club"))
    lunch = Interaction.create(
        occurred_at=dt.datetime(2026, 5, 1, 12), kind="meal", register="social"
    )
    Participant.create(interaction=lunch, contact=zoe)
    return tmp_path


def test_reimport_changes_nothing(imported):
    report = import_file(imported / "v1.vcf")
    assert (report.new, report.updated, report.unchanged) == (0, 0, 2)


def test_uid_update_keeps_what_the_app_added(imported):
    report = import_file(_file(imported, "v2.vcf", V2))
    assert (report.new, report.updated, report.unchanged) == (1, 1, 1)
    zoe = Contact.get(Contact.uid == "zoe-1")
    assert (zoe.display_name, zoe.family_name, zoe.org) == (
        "Zoé Martin-Roux",
        "Martin-Roux",
        "Mairie",
    )
    assert zoe.note == "met at the choir"  # the new card has no note: the old one stays
    assert [m.value for m in ContactMethod.select().where(ContactMethod.contact == zoe)] == [
        "+33 6 00 00 00 02"
    ]
    assert sorted(link.context.name for link in zoe.context_links) == ["club", "neighbourhood"]
    assert zoe.participations.count() == 1
    assert Contact.select().count() == 3


def test_undo_restores_updates_and_removes_new_people(imported):
    import_file(_file(imported, "v2.vcf", V2))
    batch = list_imports()[0]
    assert (batch.new, batch.updated, batch.unchanged) == (1, 1, 1)
    result = undo_import(batch.id)
    assert (result.removed, result.restored, result.left_alone) == (1, 1, [])
    zoe = Contact.get(Contact.uid == "zoe-1")
    assert (zoe.display_name, zoe.org) == ("Zoé Martin", "")
    assert [m.value for m in ContactMethod.select().where(ContactMethod.contact == zoe)] == [
        "+33 6 00 00 00 01"
    ]
    assert sorted(link.context.name for link in zoe.context_links) == ["club"]
    assert zoe.participations.count() == 1
    assert Contact.get_or_none(Contact.display_name == "Nina New") is None
    assert list_imports()[0].undone_at is not None
    with pytest.raises(UserError):
        undo_import(batch.id)
    # the first file is again "unchanged" everywhere; the second imports again
    assert import_file(imported / "v2.vcf").updated == 1


def test_undo_leaves_alone_what_changed_since(imported):
    import_file(_file(imported, "v2.vcf", V2))
    nina = Contact.get(Contact.display_name == "Nina New")
    nina.note = "edited by hand"
    nina.save()
    zoe = Contact.get(Contact.uid == "zoe-1")
    zoe.title = "Maire adjointe"
    zoe.save()
    result = undo_import(list_imports()[0].id)
    assert (result.removed, result.restored) == (0, 0)
    assert sorted((name, reason) for _id, name, reason in result.left_alone) == [
        ("Nina New", "changed since the import"),
        ("Zoé Martin-Roux", "changed since the import"),
    ]
    assert Contact.select().count() == 3


def test_undo_of_the_first_import_keeps_people_with_a_life_since(imported):
    result = undo_import(list_imports()[-1].id)
    assert result.removed == 1  # Léo; Zoé has a context and a lunch since
    assert [name for _id, name, _why in result.left_alone] == ["Zoé Martin"]
    with pytest.raises(NotFound):
        undo_import(9999)


def test_dry_run_stores_nothing(imported):
    before = (Contact.select().count(), ImportBatch.select().count(), SourceCard.select().count())
    report = import_file(_file(imported, "v2.vcf", V2), dry_run=True)
    assert (report.new, report.updated, report.dry_run, report.batch_id) == (1, 1, True, None)
    assert report.as_json()["dry_run"] is True
    after = (Contact.select().count(), ImportBatch.select().count(), SourceCard.select().count())
    assert after == before
    assert Contact.get(Contact.uid == "zoe-1").org == ""


def test_cancel_rolls_back_and_progress_is_reported(db, tmp_path):
    text = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nEND:VCARD\r\n" for n in range(600)
    )
    path = _file(tmp_path, "many.vcf", text)
    calls = []
    with pytest.raises(Cancelled):
        import_file(
            path,
            progress=lambda done, total: calls.append((done, total)),
            should_cancel=lambda: len(calls) >= 2,
        )
    assert Contact.select().count() == 0 and ImportBatch.select().count() == 0
    calls.clear()
    report = import_file(path, progress=lambda done, total: calls.append((done, total)))
    assert report.new == 600
    assert calls[-1] == (600, 600) and all(total == 600 for _d, total in calls)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_a_calendar_import_that_kept_no_record_is_listed_but_not_undone(db):
    # As made before calendar imports recorded what they did: nothing to undo from.
    batch = ImportBatch.create(
        path="/tmp/cal.ics", file_hash="x", kind="ics", counts='{"new": 3, "rejected": []}'
    )
    assert [(i.kind, i.new) for i in list_imports()] == [("ics", 3)]
    with pytest.raises(UserError, match="older version of Entregent"):
        undo_import(batch.id)
    assert ImportBatch.get_by_id(batch.id).undone_at is None


def test_undoing_an_import_reports_progress_and_a_cancel_changes_nothing(db, tmp_path):
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:p-{n}\r\nFN:Person {n:03d}\r\nEND:VCARD\r\n"
        for n in range(450)
    )
    report = import_file(_file(tmp_path, "many.vcf", cards))
    assert report.new == 450
    batch = ImportBatch.get().id
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        undo_import(batch, progress=lambda *a: seen.append(a), cancelled=lambda: len(seen) == 2)
    assert seen == [(0, 450), (200, 450)]  # two steps, then the cancel: all of it undone
    assert Contact.select().count() == 450 and ImportBatch.get().undone_at is None
    seen.clear()
    assert undo_import(batch, progress=lambda *a: seen.append(a)).removed == 450
    assert seen == [(0, 450), (200, 450), (400, 450)] and Contact.select().count() == 0
