"""A context's colour: changed from the sidebar (undoable), the same in the sidebar
dot, the list's chips and the home chart."""

from __future__ import annotations

from PySide6.QtGui import QColor

from entregent.model.tables import Context
from entregent.services.people.contexts import find_context, tag_contacts
from entregent.ui.context_colour import change_context_colour

from .conftest import add_person, row_of


def _dot_colour(window, key: str) -> QColor:
    item = window.sidebar.item(key)
    image = item.icon(0).pixmap(12, 12).toImage()
    return image.pixelColor(6, 6)


def test_change_a_context_colour_from_the_sidebar_and_undo_it(make_window, qtbot):
    anne = add_person("Anne", "Martin")
    club = find_context("club")
    tag_contacts([anne], [club.id])
    window = make_window()
    qtbot.waitUntil(lambda: f"context:{club.id}" in window.sidebar.keys())
    key = f"context:{club.id}"
    assert _dot_colour(window, key).name() == club.colour
    assert window.sidebar.item(key).toolTip(0) == "club"

    asked = []

    def chooser(parent, current, title):
        asked.append((current, title))
        return "#123456"

    assert change_context_colour(window, club.id, chooser)
    assert asked == [(club.colour, "Colour of “club”")]
    assert Context.get_by_id(club.id).colour == "#123456"
    window.context.workers.join()
    qtbot.waitUntil(lambda: _dot_colour(window, key).name() == "#123456")
    chips = window.people_model.cells(row_of(window, anne)).person.contexts
    assert [c.colour for c in chips] == ["#123456"]

    window.context.undo_stack.undo()
    assert Context.get_by_id(club.id).colour == club.colour
    # Cancelled or unchanged: nothing done.
    assert not change_context_colour(window, club.id, lambda *a: None)
    assert not change_context_colour(window, club.id, lambda *a: club.colour.upper())
