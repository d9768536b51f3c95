"""Home's "Your groups" card lists each group you still take part in (people you
know there, what you gave it) with a Show button that lists those people; with
no group, it says why groups are worth joining."""

from __future__ import annotations

import datetime as dt

from entregent.services.people.organizations import add_member, create_group
from entregent.services.relations.interactions import log_interaction
from entregent.ui.home_groups import group_facts

from .conftest import add_person


def _listed(window) -> set[int]:
    model = window.people_model
    return {model.contact_id(row) for row in range(model.rowCount())}


def test_group_facts_in_words():
    assert group_facts(1, 0) == "1 person you know"
    assert group_facts(12, 3) == "12 people you know · 3 contributions"


def test_the_groups_card_lists_active_groups_and_shows_their_people(make_window, qtbot):
    today = dt.date.today()
    club = create_group("Tennis Club de la Croix-Rousse", "club")
    lunch = create_group("Les Déjeuners du Jeudi", "lunch_group")
    create_group("Old choir", "club", left_on=today - dt.timedelta(days=30))
    anne, bob, chloe = add_person("Anne", "Martin"), add_person("Bob"), add_person("Chloé")
    for person in (anne, bob):
        add_member(club, person)
    add_member(lunch, chloe)
    log_interaction([anne], "volunteering", dt.datetime.now(dt.UTC), organization_id=club)
    window = make_window()
    qtbot.waitUntil(lambda: any(k.startswith("organization:") for k in window.sidebar.keys()))
    window.sidebar.select("home")
    home = window.home_view
    qtbot.waitUntil(lambda: home.loaded and len(home.group_rows.rows) == 2, timeout=15000)
    rows = {row.name_label.full_text(): row for row in home.group_rows.rows}
    assert sorted(rows) == ["Les Déjeuners du Jeudi", "Tennis Club de la Croix-Rousse"]
    assert rows["Tennis Club de la Croix-Rousse"].facts_label.full_text() == (
        "2 people you know · 1 contribution"
    )
    assert rows["Les Déjeuners du Jeudi"].facts_label.full_text() == "1 person you know"
    assert not home.group_rows.empty.isVisible()
    show = rows["Tennis Club de la Croix-Rousse"].show_button
    assert show.accessibleName() == "Show Tennis Club de la Croix-Rousse"
    show.click()
    qtbot.waitUntil(lambda: _listed(window) == {anne, bob}, timeout=10000)
    assert window.sidebar.current_key() == f"organization:{club}"


def test_without_groups_the_card_says_why_to_join_one(make_window, qtbot):
    add_person("Anne", "Martin")
    window = make_window()
    window.sidebar.select("home")
    home = window.home_view
    qtbot.waitUntil(lambda: home.loaded, timeout=15000)
    assert home.group_rows.rows == []
    assert home.group_rows.empty.isVisible()
    assert "associations" in home.group_rows.empty.text()
