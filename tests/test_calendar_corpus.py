"""Every calendar of the shared corpus goes through the import without a crash.

One database for the whole module (a fresh copy of the template), with a few
contacts whose addresses or names appear as attendees in corpus files, so that
matching runs on real-world ATTENDEE and ORGANIZER lines.
"""

from __future__ import annotations

import shutil

import pytest

from entregent.errors import UserError
from entregent.model.tables import Contact, ContactMethod, Interaction, Participant
from entregent.services.imports.ics_import import import_calendar
from entregent.services.settings import set_setting
from entregent.services.storage.session import close_session, open_session

from .conftest import CORPUS

ICS = CORPUS / "ics"
FILES = sorted(ICS.rglob("*.ics")) if ICS.is_dir() else []


def test_the_shared_calendar_corpus_is_there():
    """Without it the tests below would not run at all (an empty parameter list)."""
    assert len(FILES) > 20, f"the shared calendar corpus is missing: expected under {ICS}"


@pytest.fixture(scope="module")
def corpus_db(template_db, tmp_path_factory):
    assert FILES, f"the shared calendar corpus is missing: expected under {ICS}"
    path = tmp_path_factory.mktemp("corpus") / "entregent.sqlite3"
    shutil.copyfile(template_db, path)
    open_session(path, apply_language=False)
    set_setting("calendar_import_days", 730)  # the default: two years back
    set_setting("my_emails", ["redacted@example.com"])
    ids = {}
    fablab = "j68lhv614hbv3u4ttbrs6glhpg@group.calendar.google.com"
    for name, email in (
        ("Jane Doe", "jdoe@example.com"),
        ("John Q. Public", "JQPublic@example.com"),
        ("Daniel Latham", "dlatham@apple.com"),
        ("Henry Cabot", None),
        ("Another One", "another@example.com"),
        ("The Big Cheese", "iamboss@example.com"),
        ("FabLab calendar", fablab),
    ):
        contact = Contact.create(display_name=name)
        if email:
            ContactMethod.create(
                contact=contact, kind="email", value=email, normalized=email.lower()
            )
        ids[name] = contact.id
    yield ids
    close_session()


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ICS)) for p in FILES])
def test_corpus_file_imports_without_crash(corpus_db, path):
    try:
        report = import_calendar(path, batch=None)
    except UserError as exc:  # a clear refusal is a fine answer for a non-calendar
        assert exc.path == str(path) and exc.message
        return
    for problem in report.rejected:
        assert problem.line is not None and problem.line >= 1 and problem.reason
    if not report.new:
        return
    # Importing the same file again changes nothing.
    again = import_calendar(path, batch=None)
    assert (again.new, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == report.new + report.updated + report.unchanged


def test_corpus_attendees_are_matched_by_email_then_exact_name(corpus_db):
    set_setting("calendar_import_days", 36500)  # this event is from 2014
    path = ICS / "khal" / "event_dt_partstat.ics"
    import_calendar(path, batch=None)
    set_setting("calendar_import_days", 730)
    interaction = Interaction.get(Interaction.origin == str(path.resolve()))
    people = {
        p.contact_id for p in Participant.select().where(Participant.interaction == interaction.id)
    }
    # Jane by e-mail, John by e-mail in another case, Henry by his exact name (CN);
    # not the one who declined, nor the non-participant who delegated.
    assert people == {corpus_db["Jane Doe"], corpus_db["John Q. Public"], corpus_db["Henry Cabot"]}


def test_corpus_organizer_is_matched(corpus_db):
    set_setting("calendar_import_days", 36500)  # this event is from 2021
    path = ICS / "recurring-ical-events" / "issue_61_time_zone_error.ics"
    report = import_calendar(path, batch=None)
    set_setting("calendar_import_days", 730)
    found = (
        Interaction.select()
        .join(Participant)
        .where(
            (Interaction.origin == str(path.resolve()))
            & (Participant.contact == corpus_db["Daniel Latham"])
        )
        .count()
    )
    assert found >= 1
    assert found == report.new + report.unchanged
