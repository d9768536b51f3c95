"""The network on a person's page, under pytest-qt in the real window: who
knows them (strongest first, with why), introductions made and received, the
"introduced by" link, and an inferred tie dismissed (and undone) from the page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from entregent.model.tables import Contact, TieDismissal
from entregent.services.relations.declared import add_relation, introduce
from entregent.services.relations.interactions import log_interaction

from .conftest import add_person


def _book():
    marc = add_person("Marc", "Dubois")
    zoe = add_person("Zoé", "Laurent")
    lea = add_person("Léa", "<b>Martin</b>")
    paul = add_person("Paul", "Roux")
    add_relation(zoe, marc, "colleague")
    for _ in range(3):
        log_interaction([lea, zoe], "meal")
    introduce(zoe, paul, note="sailing", when=dt.datetime(2025, 3, 1, 12))
    Contact.update(introduced_by=marc).where(Contact.id == zoe).execute()
    return marc, zoe, lea, paul


def _page_of(window, qtbot, contact_id):
    pane = window.detail_pane
    box = pane.network_box
    with qtbot.waitSignal(box.loaded, timeout=20000):
        window.show_person(contact_id)
    qtbot.waitUntil(lambda: box.network is not None and box.contact_id == contact_id)
    return pane, box


def test_the_page_shows_who_knows_them_and_the_introductions(make_window, qtbot):
    marc, zoe, lea, paul = _book()
    window = make_window()
    pane, box = _page_of(window, qtbot, zoe)
    assert box.texts() == [
        "Marc Dubois — Zoé Laurent and Marc Dubois are colleagues",
        "Paul Roux — Zoé Laurent and Paul Roux know each other",
        "Léa <b>Martin</b> — Zoé Laurent and Léa <b>Martin</b> were logged together 3 times"
        " — Not linked",
        "Paul Roux — you introduced them · 2025-03-01 · sailing",
        "Marc Dubois — introduced them",
    ]
    # names are plain text: a button never renders markup, the details are PlainText labels
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText
        for label in box.findChildren(type(pane.name_label))
    )
    assert set(box.dismiss_buttons) == {lea}  # only the inferred tie can be dismissed
    assert pane.introduced_button.text() == "Marc Dubois"
    with qtbot.waitSignal(window.context.person_requested, timeout=5000) as opened:
        qtbot.mouseClick(pane.introduced_button, Qt.MouseButton.LeftButton)
    assert opened.args == [marc]
    qtbot.waitUntil(lambda: box.contact_id == marc and box.network is not None, timeout=20000)
    assert box.texts() == [
        "Zoé Laurent — Zoé Laurent and Marc Dubois are colleagues",
        "Zoé Laurent — met through them",
    ]
    # a connection's name opens that person
    with qtbot.waitSignal(window.context.person_requested, timeout=5000) as opened:
        qtbot.mouseClick(box.links[0], Qt.MouseButton.LeftButton)
    assert opened.args == [zoe]
    qtbot.waitUntil(lambda: pane.contact_id == zoe)


def test_dismissing_a_guessed_tie_from_the_page_stays_and_can_be_undone(make_window, qtbot):
    _marc, zoe, lea, _paul = _book()
    window = make_window()
    _pane, box = _page_of(window, qtbot, lea)
    assert box.texts()[0] == (
        "Zoé Laurent — Zoé Laurent and Léa <b>Martin</b> were logged together 3 times — Not linked"
    )
    qtbot.mouseClick(box.dismiss_buttons[zoe], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.network is not None and not box.network.connections, timeout=20000)
    assert box.texts() == ["None recorded."]
    assert box.status.text() == "No one in the book is known to know them."
    low, high = sorted((lea, zoe))
    assert [(d.low_id, d.high_id) for d in TieDismissal.select()] == [(low, high)]
    log_interaction([lea, zoe], "coffee")  # more time together does not bring it back
    _pane, box = _page_of(window, qtbot, zoe)
    assert not any("Léa" in text for text in box.texts())
    window.context.undo_stack.undo()
    assert TieDismissal.select().count() == 0
    _pane, box = _page_of(window, qtbot, lea)
    assert box.texts()[0].endswith("were logged together 4 times — Not linked")
