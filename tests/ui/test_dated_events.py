"""Issue 17: a person's other dates (Android events) are shown on their page."""

from __future__ import annotations

from pathlib import Path

from entregent.model.tables import Contact
from entregent.services.imports.dispatch import import_file

FIXTURE = Path(__file__).parents[1] / "data" / "vcard" / "android-events.vcf"


def test_the_page_lists_the_other_dates_with_their_labels(make_window, qtbot):
    import_file(FIXTURE)
    window = make_window()
    aiko = Contact.get(Contact.family_name == "Nakamura").id
    window.show_person(aiko)
    pane = window.detail_pane
    qtbot.waitUntil(lambda: pane.contact_id == aiko)
    assert pane.events_label.text() == "other: 2015-04-01\nDojo: 2018-10-20\nName day: --12-24"


def test_the_page_shows_each_job_and_each_further_note(make_window, qtbot):
    import_file(Path(__file__).parents[1] / "data" / "vcard" / "notes-positions.vcf")
    window = make_window()
    chidi = Contact.get(Contact.family_name == "Okafor").id
    window.show_person(chidi)
    pane = window.detail_pane
    qtbot.waitUntil(lambda: pane.contact_id == chidi)
    assert pane.positions_label.text() == (
        "Université de Lyon / Département de philosophie / Équipe éthique"
        " · Maître de conférences · Chercheur\nCafé des Arts · Bénévole"
    )
    assert pane.more_notes_label.text() == "Allergic to peanuts."
    assert pane.note_edit.toPlainText() == "Met at the conference in 2019."
