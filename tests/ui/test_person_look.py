"""The person pane: the timeline grouped by month and in the UI language, notes
wrapped in full, long e-mails elided with their tooltip, the details one tab away."""

from __future__ import annotations

import datetime as dt

from entregent import i18n
from entregent.services.people.edits import add_method
from entregent.services.relations.asks import record_ask
from entregent.services.relations.interactions import log_interaction
from entregent.ui.translations import install_qt_translations

from .conftest import add_person

LONG_NOTE = (
    "Sent his cost model for the heat-network study and reviewed our bid, line by line, "
    "with remarks on every page of the annex."
)


def _pane(window, qtbot, contact_id):
    window.show_person(contact_id)
    pane = window.detail_pane
    qtbot.waitUntil(lambda: pane.contact_id == contact_id)
    return pane


def test_timeline_by_month_translated_and_wrapped(make_window, qtbot, qapp):
    anne = add_person("Anne", "Martin")
    log_interaction(
        [anne], "help_received", dt.datetime(2026, 9, 18, 7, tzinfo=dt.UTC), note=LONG_NOTE
    )
    log_interaction([anne], "meal", dt.datetime(2026, 5, 16, 8, tzinfo=dt.UTC), "social")
    record_ask(anne, "advice", when=dt.datetime(2026, 9, 13, 14, tzinfo=dt.UTC), outcome="helped")
    i18n.set_language("fr")
    install_qt_translations(qapp, "fr")
    try:
        window = make_window()
        pane = _pane(window, qtbot, anne)
        tree = pane.timeline.tree
        months = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        assert months == ["Septembre 2026", "Mai 2026"]
        whats = [row.text(1).splitlines()[0] for row in pane.timeline.entry_items()]
        assert whats == ["Aide reçue", "Demande : un conseil · aide obtenue", "Repas · convivial"]
        first = pane.timeline.entry_items()[0]
        assert LONG_NOTE in first.text(1).splitlines()
        # The row is as tall as the note wrapped at the column's width.
        tree.resize(320, 400)
        tree.doItemsLayout()
        line = tree.fontMetrics().height()
        assert tree.visualItemRect(first).height() >= 3 * line
    finally:
        i18n.set_language("en")
        install_qt_translations(qapp, "en")


def test_long_email_is_elided_with_its_tooltip_and_details_are_a_tab(make_window, qtbot):
    anne = add_person("Stéphane", "Aubert")
    address = "stephane.aubert.with.a.really.long.address@example.net"
    add_method(anne, "email", address)
    window = make_window()
    pane = _pane(window, qtbot, anne)
    window.resize(1000, 700)
    qtbot.wait(50)
    from entregent.ui.elided_label import ElidedButton

    def shown():
        return [b for b in pane.methods_box.findChildren(ElidedButton) if b.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()))
    value = shown()[0]
    assert value.full_text() == address
    value.resize(150, value.height())  # narrower than the address
    assert value.is_elided() and value.text().endswith("…") and address in value.toolTip()
    assert [pane.tabs.tabText(i) for i in range(pane.tabs.count())] == ["Timeline", "Details"]
    pane.tabs.setCurrentIndex(1)
    assert pane.edits["display_name"].isVisible()
