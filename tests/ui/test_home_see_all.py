"""Each Home card's "See all" opens that card's own whole list in the people
list (its people only, under its title), not everybody due."""

from __future__ import annotations

import datetime as dt

from entregent.services.relations.followups import create_followup
from entregent.services.relations.interactions import log_interaction
from entregent.services.relations.ties import set_cadence
from entregent.ui.home_cards import ROWS_SHOWN

from .conftest import add_person


def _listed(window) -> set[int]:
    model = window.people_model
    return {model.contact_id(row) for row in range(model.rowCount())}


def test_each_card_sees_all_of_its_own_people(make_window, qtbot):
    now = dt.datetime.now(dt.UTC)
    overdue = [add_person(f"Olga{n}", "Late") for n in range(ROWS_SHOWN + 2)]
    for person in overdue:
        log_interaction([person], "call", now - dt.timedelta(days=60), "social")
        set_cadence(person, 10)
    followed = [add_person(f"Fred{n}", "Follow") for n in range(ROWS_SHOWN + 1)]
    for person in followed:
        log_interaction([person], "call", now - dt.timedelta(days=2), "social")
        create_followup(person, dt.date.today() - dt.timedelta(days=1), note="Call back")
    helpers = [add_person(f"Hana{n}", "Helper") for n in range(ROWS_SHOWN + 3)]
    for person in helpers:
        log_interaction([person], "help received", now - dt.timedelta(days=5))
    window = make_window()
    window.sidebar.select("home")
    home = window.home_view
    qtbot.waitUntil(lambda: home.loaded and bool(home.owed_card.rows), timeout=15000)
    cards = (
        (home.reach_card, set(overdue), "Reach out this week"),
        (home.followups_card, set(followed), "Follow-ups due"),
        (home.owed_card, set(helpers), "Help you could return"),
    )
    for card, people, title in cards:
        assert len(card.rows) == ROWS_SHOWN
        assert card.more_button.isVisibleTo(card)
        assert card.more_button.text() == f"See all ({len(people)})"
        window.sidebar.select("home")
        qtbot.waitUntil(lambda: window.stack.currentIndex() == 0)
        card.more_button.click()
        qtbot.waitUntil(lambda p=people: _listed(window) == p, timeout=10000)
        assert window.stack.currentIndex() == 1
        assert window.people_view.title_label.text() == title
        assert window.sidebar.currentItem() is None  # no sidebar entry claims this list
