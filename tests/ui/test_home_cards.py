"""Home: people cards as rows with actions, empty states with a next step,
"See all", snooze (undoable), nice chart axes and a legend that never cuts a name
without its tooltip."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QChart

from entregent.model.tables import FollowUp
from entregent.network.cadence import DueItem
from entregent.services.people.avatars import context_colours, initials
from entregent.services.people.contexts import find_context, tag_contacts
from entregent.ui.home_cards import PeopleCard
from entregent.ui.home_charts import Legend, fill_months, nice_axis

from .conftest import add_person


def test_nice_axis_steps_are_1_2_5_times_a_power_of_ten():
    assert nice_axis(88) == (100, 20)
    assert nice_axis(0) == (1, 1)
    assert nice_axis(3) == (3, 1)
    assert nice_axis(7) == (8, 2)
    assert nice_axis(23) == (25, 5)
    assert nice_axis(240) == (250, 50)
    assert nice_axis(1234) == (1500, 500)


def test_initials_and_context_colours(db):
    assert initials("Hélène Marchand") == "HM"
    assert initials("Jean-Luc") == "JL"
    assert initials("zoé") == "Z"
    assert initials("  ") == "?"
    anne, bob = add_person("Anne", "Martin"), add_person("Bob")
    tag_contacts([anne], [find_context("club").id, find_context("family").id])
    # family has the higher priority: its colour is Anne's.
    assert context_colours([anne, bob]) == {anne: find_context("family").colour}


def _items(ids, kind="overdue"):
    today = dt.date.today()
    return [
        DueItem(i, f"Person {i}", kind, f"Long reason {i}.", today - dt.timedelta(days=3))
        for i in ids
    ]


def test_card_rows_have_keyboard_reachable_actions_and_see_all(make_window, qtbot):
    ids = [add_person(f"P{n}") for n in range(7)]
    window = make_window()
    opened, logged = [], []
    window.context.person_requested.disconnect()
    window.context.log_requested.disconnect()
    window.context.person_requested.connect(opened.append)
    window.context.log_requested.connect(logged.append)
    card = PeopleCard("Reach out", window.context)
    qtbot.addWidget(card)
    card.set_empty("Nobody.")
    card.fill(_items(ids), {ids[0]: "#0072b2"})
    card.resize(420, 400)
    card.show()
    assert len(card.rows) == 5  # of the 7
    row = card.rows[0]
    assert row.name_label.full_text() == f"Person {ids[0]}"
    assert row.reason_label.full_text() == "Last in touch · 3 days ago"
    assert row.reason_label.toolTip().endswith(f"Long reason {ids[0]}.")
    assert row.avatar.pixmap().toImage().pixelColor(15, 3).name() == "#0072b2"
    for button in (row.log_button, row.snooze_button, row.open_button):
        assert button.focusPolicy() & button.focusPolicy().TabFocus
        assert button.accessibleName().endswith(f"Person {ids[0]}")
    row.open_button.click()
    row.log_button.click()
    assert opened == [ids[0]] and logged == [ids[0]]
    assert card.more_button.isVisible() and card.more_button.text() == "See all (7)"
    with qtbot.waitSignal(card.see_all):
        card.more_button.click()
    assert not card.empty_box.isVisible()

    card.fill([], {})
    assert card.rows == [] and card.empty_box.isVisible() and not card.more_button.isVisible()
    assert card.empty.text() == "Nobody."


def test_snooze_adds_a_follow_up_in_a_week_and_undo_takes_it_back(make_window, qtbot):
    anne = add_person("Anne", "Martin")
    window = make_window()
    card = PeopleCard("Reach out", window.context)
    qtbot.addWidget(card)
    card.fill(_items([anne]), {})
    card.rows[0].snooze_button.click()
    made = FollowUp.get(FollowUp.contact == anne)
    assert made.due_on == dt.date.today() + dt.timedelta(days=7) and made.deleted_at is None
    window.context.undo_stack.undo()
    assert FollowUp.get_by_id(made.id).deleted_at is not None
    # Help owed cannot be snoozed (a follow-up would not take it off the card).
    card.fill(_items([anne], "owed_help"), {})
    assert card.rows[0].snooze_button is None


def test_home_shows_rows_and_a_wrapping_legend(make_window, qtbot):
    anne = add_person("Anne", "Martin")
    window = make_window()
    window.sidebar.select("home")
    home = window.home_view
    qtbot.waitUntil(lambda: home.loaded, timeout=10000)
    assert home.reach_card.empty_box.isVisible() or home.reach_card.rows
    assert anne  # a person with no reason yet: the empty state says what to do
    assert home.reach_card.empty_action.text() == "Set how often to keep in touch…"


def test_months_chart_legend_elides_only_with_a_tooltip(qtbot):
    class Series:
        def __init__(self, label, colour, counts):
            self.label, self.colour, self.counts = label, colour, counts

    chart = QChart()
    legend = Legend("legend")
    qtbot.addWidget(legend)
    long_name = "Les Déjeuners du jeudi de l'association des anciens"
    step = fill_months(
        chart,
        legend,
        ["2026-10", "2026-11", "2026-12"],
        [Series("family", "#d55e00", [40, 48, 3]), Series(long_name, "#0072b2", [30, 40, 1])],
    )
    assert step == 20  # highest 88 -> 0, 20, … 100
    labels = [entry.label for entry in legend.entries]
    assert labels == ["family", long_name, "Dec: so far"]
    by_label = {entry.label: entry for entry in legend.entries}
    assert not by_label["family"].is_elided() and by_label["family"].toolTip() == ""
    assert by_label[long_name].is_elided() and by_label[long_name].toolTip() == long_name
    values = [a for a in chart.axes() if a.metaObject().className() == "QValueAxis"][0]
    assert (values.min(), values.max(), values.tickCount()) == (0, 100, 6)
    bars = chart.series()[0].barSets()
    assert [b.selectedBars() for b in bars] == [[2], [2]]  # the current month, lighter
