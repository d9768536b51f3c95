"""The import wizard on calendars: the owner asked about once, possible matches shown."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from entregent.model.tables import Contact, ContactMethod, Interaction, Participant
from entregent.services.settings import get_setting, set_setting

DATA = Path(__file__).resolve().parent.parent / "data" / "ics"


def test_is_this_you_is_asked_once_and_remembered(make_window, qtbot, tmp_path):
    set_setting("calendar_import_days", 36500)  # the file is from 2024
    set_setting("my_emails", [])
    for name, email in (
        ("Paul Martin", "paul.martin@example.com"),
        ("Alice Martin", "alice@example.org"),
        ("Bruno Petit", "bruno.petit@example.org"),
        ("Sofia Rossi", "sofia.rossi@example.com"),
    ):
        contact = Contact.create(display_name=name)
        ContactMethod.create(contact=contact, kind="email", value=email, normalized=email)
    path = tmp_path / "paul.ics"
    shutil.copyfile(DATA / "owner_organizer.ics", path)
    window = make_window()
    wizard = window.open_import([str(path)])
    qtbot.mouseClick(wizard.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.import_button.isEnabled(), timeout=20_000)
    assert wizard.owner_row.isVisible()
    assert wizard.owner_label.text() == (
        "Is this you? Paul Martin <paul.martin@example.com> seems to be the owner of this calendar."
    )
    assert wizard.owner_label.textFormat() == Qt.TextFormat.PlainText
    qtbot.mouseClick(wizard.owner_yes, Qt.MouseButton.LeftButton)
    assert get_setting("my_emails") == ["paul.martin@example.com"]
    assert not wizard.owner_yes.isEnabled()
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    assert wizard.outcome == "done"
    paul = Contact.get(Contact.display_name == "Paul Martin").id
    assert Interaction.select().count() == 3
    assert Participant.select().where(Participant.contact == paul).count() == 0
    assert wizard.reports[0].owner is None  # known now: not asked again


def test_possible_matches_are_shown(make_window, qtbot, tmp_path):
    set_setting("calendar_import_days", 36500)
    set_setting("my_emails", ["me@example.net"])
    chloe = Contact.create(display_name="Chloé Durand")
    ContactMethod.create(
        contact=chloe, kind="email", value="chloe@example.com", normalized="chloe@example.com"
    )
    path = tmp_path / "people.ics"
    shutil.copyfile(DATA / "who_is_a_person.ics", path)
    window = make_window()
    wizard = window.open_import([str(path)])
    qtbot.mouseClick(wizard.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.import_button.isEnabled(), timeout=20_000)
    assert wizard.preview_notes.isVisible()
    assert wizard.preview_notes.text() == (
        "people.ics: Chloé Durand <chloe.d@elsewhere.example> (at “Call”) may be Chloé Durand, "
        "known as chloe@example.com: not linked, the e-mail addresses differ."
    )
    assert not wizard.owner_row.isVisible()


def test_older_events_are_offered_then_imported(make_window, qtbot, tmp_path):
    set_setting("calendar_import_days", 30)  # the file's events are all older
    set_setting("my_emails", ["me@example.net"])
    alice = Contact.create(display_name="Alice Martin")
    ContactMethod.create(
        contact=alice, kind="email", value="alice@example.org", normalized="alice@example.org"
    )
    path = tmp_path / "old.ics"
    shutil.copyfile(DATA / "older_events.ics", path)
    window = make_window()
    wizard = window.open_import([str(path)])
    qtbot.mouseClick(wizard.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.import_button.isEnabled(), timeout=20_000)
    [report] = wizard.preview_reports
    assert (report.new, report.older) == (0, 4)
    assert wizard.older_button.isVisible()
    assert "4 events older than " in wizard.preview_notes.text()
    assert "were left out — import them too?" in wizard.preview_notes.text()
    qtbot.mouseClick(wizard.older_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.import_button.isEnabled(), timeout=20_000)
    assert (wizard.preview_reports[0].new, wizard.preview_reports[0].older) == (15, 0)
    assert not wizard.older_button.isVisible()
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    assert wizard.reports[0].new == 15
    assert Interaction.select().count() == 15
