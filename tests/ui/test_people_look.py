"""The people list looks finished: initials where no photo is, dates in the
locale's medium form (relative within a month), no Balance of zeros, columns
that fit their headers in English and French, the detail pane never blank."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from entregent import i18n
from entregent.services.people.contexts import find_context, tag_contacts
from entregent.ui.detail_pane import DetailPane
from entregent.ui.people_cells import COL_BALANCE, balance_text, list_date
from entregent.ui.people_model import COL_LAST, COL_NEXT, COL_PHOTO
from entregent.ui.translations import install_qt_translations

from .conftest import add_person


def test_dates_are_relative_within_a_month_else_medium(qapp):
    today = dt.date(2026, 12, 2)
    assert list_date(dt.date(2026, 11, 29), today) == "3 days ago"
    assert list_date(dt.date(2026, 12, 12), today) == "in 10 days"
    assert list_date(dt.date(2026, 10, 17), today) == "17 Oct 2026"
    i18n.set_language("fr")
    try:
        assert list_date(dt.date(2026, 10, 17), today) == "17 oct. 2026"
        assert list_date(dt.date(2026, 11, 29), today) == "il y a 3 jours"
    finally:
        i18n.set_language("en")


def test_balance_says_nothing_when_even():
    assert balance_text(0) == "" and balance_text(0.01) == ""
    assert balance_text(2) == "+2" and balance_text(-1.5) == "\u22121.5"


def test_photo_column_shows_initials_in_the_context_colour(make_window, qtbot):
    anne = add_person("Anne", "Martin")
    tag_contacts([anne], [find_context("work").id])
    window = make_window()
    model = window.people_model
    person = model.person(0)
    assert model.thumbnail(person) is None
    image = model.avatar(person).toImage()
    centre = image.pixelColor(image.width() // 2, 2)
    assert centre.name() == find_context("work").colour


def test_detail_pane_shows_the_first_person_without_a_click(make_window, qtbot):
    add_person("Zoé", "Zola")
    anne = add_person("Anne", "Abel")
    window = make_window()
    window.sidebar.select("all")
    qtbot.waitUntil(lambda: bool(window.findChildren(DetailPane)))
    qtbot.waitUntil(lambda: window.detail_pane.contact_id == anne)
    assert window.people_view.current_id() is None  # shown, not selected


def _header_fits(window) -> list[str]:
    table = window.people_view.table
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    cut = []
    for column in (COL_LAST, COL_BALANCE, COL_NEXT):
        title = str(window.people_model.headerData(column, header.orientation()))
        if metrics.horizontalAdvance(title) + 24 > header.sectionSize(column):
            cut.append(title)
    return cut


def test_columns_fit_their_headers_in_english_and_french(db, qapp, make_window):
    assert _header_fits(make_window()) == []
    i18n.set_language("fr")
    install_qt_translations(qapp, "fr")
    try:
        window = make_window()
        assert (
            window.people_model.headerData(COL_NEXT, Qt.Orientation.Horizontal)
            == "Prochaine relance"
        )
        assert _header_fits(window) == []
        assert window.people_view.table.horizontalHeader().sectionSize(COL_PHOTO) == 40
    finally:
        i18n.set_language("en")
        install_qt_translations(qapp, "en")
