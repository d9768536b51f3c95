"""The people list: search as you type, plain text, lazy paging on 100,000 people."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from entregent.model.database import database
from entregent.services.people.listing import PeopleFilter
from entregent.ui.people_model import COL_LAST, COL_NAME, IdRole, PeopleModel

from .conftest import add_person, row_of

HOSTILE = "<b>x</b><img src=x>"


def _names(model) -> list[str]:
    return [model.data(model.index(row, COL_NAME)) for row in range(model.rowCount())]


def test_search_as_you_type_filters_the_list_and_esc_clears(make_window, qtbot):
    add_person("Hélène", "Dupont", email="helene@example.org")
    add_person("Marc", "Aubert")
    add_person("Zoé", "Hélary")
    window = make_window()
    assert window.people_model.rowCount() == 3
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()
    qtbot.keyClicks(window.search_edit, "helene")  # no accent typed
    assert _names(window.people_model) == ["Hélène Dupont"]
    window.search_edit.clear()
    qtbot.keyClicks(window.search_edit, "hel")
    assert sorted(_names(window.people_model)) == ["Hélène Dupont", "Zoé Hélary"]
    qtbot.keyClicks(window.search_edit, "zzz")
    assert window.people_model.rowCount() == 0
    assert window.people_view.empty_label.isVisible()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""
    assert window.people_model.rowCount() == 3


def test_sidebar_filters_by_context_and_archive(make_window, qtbot):
    from entregent.services.people.contexts import find_context, tag_contacts
    from entregent.services.people.edits import set_archived

    anne = add_person("Anne", "Martin")
    bruno = add_person("Bruno", "Petit")
    tag_contacts([anne], [find_context("work").id])
    set_archived([bruno], True)
    window = make_window()
    qtbot.waitUntil(lambda: any(k.startswith("context:") for k in window.sidebar.keys()))
    assert _names(window.people_model) == ["Anne Martin"]
    window.sidebar.select(f"context:{find_context('work').id}")
    assert _names(window.people_model) == ["Anne Martin"]
    window.sidebar.select(f"context:{find_context('family').id}")
    assert window.people_model.rowCount() == 0
    window.sidebar.select("archived")
    assert _names(window.people_model) == ["Bruno Petit"]


def test_hostile_names_are_shown_literally(make_window, qtbot):
    hostile = add_person("", "", display=HOSTILE, email="x@example.org")
    window = make_window()
    model = window.people_model
    row = row_of(window, hostile)
    assert model.data(model.index(row, COL_NAME)) == HOSTILE
    window.people_view.select_row(row)
    pane = window.detail_pane
    assert pane.contact_id == hostile
    assert pane.name_label.text() == HOSTILE
    shown = [label for label in window.findChildren(QLabel) if "<b>" in label.text()]
    assert shown, "the name should be on screen"
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    # Laid out as the literal text: far larger than the same text read as HTML ("x").
    rich = QLabel()
    rich.setFont(pane.name_label.font())
    rich.setWordWrap(True)
    rich.setTextFormat(Qt.TextFormat.RichText)
    rich.setText(HOSTILE)
    shown_size, rich_size = pane.name_label.sizeHint(), rich.sizeHint()
    assert shown_size.width() * shown_size.height() > 2 * rich_size.width() * rich_size.height()
    window.grab()  # paints without interpreting anything


def test_model_passes_the_qt_model_tester(db, qtmodeltester):
    for index in range(30):
        add_person(f"Person{index:02d}", "Tester")
    model = PeopleModel(page_size=7)  # windowed: a count, pages read on demand
    model.sort(COL_LAST, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 30


def test_search_model_grows_page_by_page_and_passes_the_tester(db, qtmodeltester):
    for index in range(30):
        add_person(f"Person{index:02d}", "Tester")
    model = PeopleModel(page_size=7)
    model.set_filter(PeopleFilter(text="person"))  # a search: no count, fetchMore
    assert model.rowCount() == 7 and model.canFetchMore()
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 30
    model.set_filter(PeopleFilter(text="person0"))
    assert model.rowCount() == 7 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 10 and not model.canFetchMore()


def test_sorting_happens_in_sql_on_every_column(db):
    from entregent.services.relations.interactions import log_interaction

    a = add_person("Anne", "Zola")
    b = add_person("Bruno", "Abel")
    log_interaction([a], "coffee")
    model = PeopleModel()
    ids = lambda: [model.index(r, 0).data(IdRole) for r in range(model.rowCount())]  # noqa: E731
    assert ids() == [b, a]  # by family name
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert ids() == [a, b]
    model.sort(COL_LAST, Qt.SortOrder.AscendingOrder)
    assert ids() == [a, b]  # never met sorts last either way
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            assert sorted(ids()) == sorted([a, b])


def _bulk_people(path, count: int) -> None:
    """Insert ``count`` people in one go. The full-text triggers are set aside
    meanwhile (this test never searches) and put back as they were."""
    connection = sqlite3.connect(path)
    triggers = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'contact'"
        " AND name LIKE 'contact_fts%'"
    ).fetchall()
    with connection:
        for name, _sql in triggers:
            connection.execute(f"DROP TRIGGER {name}")
        connection.executemany(
            "INSERT INTO contact (uid, display_name, given_name, family_name, sort_key, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2024-01-01', '2024-01-01')",
            (
                (
                    f"uid-{i}",
                    f"Given{i} Family{i:06d}",
                    f"Given{i}",
                    f"Family{i:06d}",
                    f"family{i:06d} given{i}\x01Given{i} Family{i:06d}",
                )
                for i in range(count)
            ),
        )
        for _name, sql in triggers:
            connection.execute(sql)
    connection.close()


def test_opening_100000_people_reads_one_count_and_a_page_or_two(db, make_window, qtbot):
    database.close()
    _bulk_people(db, 100_000)
    database.connect()
    statements: list[str] = []
    database.connection().set_trace_callback(statements.append)
    window = make_window()
    qtbot.wait(50)
    window.people_view.table.viewport().repaint()
    database.connection().set_trace_callback(None)
    model = window.people_model
    assert model.rowCount() == 100_000
    assert model.count_queries == 1
    assert 1 <= model.page_loads <= 2
    listing = [s for s in statements if "FROM contact c" in s]
    assert 2 <= len(listing) <= 1 + 2 * 2, listing  # the count, then ids and rows per page
    # Never a read of every row: a count, a LIMITed page of ids, or the rows of those ids.
    assert all("LIMIT" in s or "count(*)" in s or "json_each" in s for s in listing), listing
    # Jumping to the end reads the last page only.
    loads = model.page_loads
    window.people_view.table.scrollToBottom()
    window.people_view.table.viewport().repaint()
    assert model.page_loads - loads <= 2
    assert model.data(model.index(99_999, COL_NAME)) == "Given99999 Family099999"


def test_to_reach_out_lists_the_people_due_and_counts_them(make_window, qtbot):
    import datetime as dt

    from entregent.services.relations.followups import create_followup

    due = add_person("Dora", "Due")
    add_person("Nina", "Notdue")
    create_followup(due, dt.date.today() - dt.timedelta(days=1), note="Call back")
    window = make_window()
    item = window.sidebar.item("due")
    qtbot.waitUntil(lambda: item.text(1) == "1")
    window.sidebar.select("due")
    assert _names(window.people_model) == ["Dora Due"]
    assert window.people_view.title_label.text() == item.text(0)


def test_the_list_paints_its_visible_rows_in_one_call(make_window, qtbot, monkeypatch):
    """Row backgrounds (alternating, selected), chips and texts come from
    ``RowDelegate.paint_rows``, one call per paint, never Qt's per-cell loop."""
    from PySide6.QtGui import QColor, QPalette

    from entregent.services.people.contexts import create_context, tag_contacts
    from entregent.ui.people_delegate import RowDelegate
    from entregent.ui.people_model import COL_CONTEXTS, COL_PHOTO

    people = [add_person(f"Person{index}", "Painter") for index in range(4)]
    tag_contacts([people[0]], [create_context("chess", colour="#00c000")])
    window = make_window()
    table = window.people_view.table
    rows_painted, cells_painted = [], []
    real_rows, real_cell = RowDelegate.paint_rows, RowDelegate.paint
    monkeypatch.setattr(
        RowDelegate,
        "paint_rows",
        lambda self, *a: (rows_painted.append(a[1]), real_rows(self, *a))[1],
    )
    monkeypatch.setattr(
        RowDelegate, "paint", lambda self, *a: (cells_painted.append(1), real_cell(self, *a))[1]
    )
    window.people_view.select_row(1)
    table.viewport().repaint()
    image = table.viewport().grab().toImage()
    assert rows_painted and not cells_painted

    palette = table.palette()
    group = QPalette.ColorGroup.Active if table.isActiveWindow() else QPalette.ColorGroup.Inactive

    def pixel(row: int, column: int, dx: int = 2) -> QColor:
        return image.pixelColor(
            table.columnViewportPosition(column) + dx, table.rowViewportPosition(row) + 2
        )

    assert pixel(1, COL_PHOTO) == palette.color(group, QPalette.ColorRole.Highlight)
    assert pixel(3, COL_PHOTO) == palette.color(group, QPalette.ColorRole.AlternateBase)
    assert pixel(2, COL_PHOTO) != pixel(3, COL_PHOTO)  # alternating
    chip_row = row_of(window, people[0])
    x0, y0 = table.columnViewportPosition(COL_CONTEXTS), table.rowViewportPosition(chip_row)
    greenish = sum(
        1
        for x in range(x0, x0 + table.columnWidth(COL_CONTEXTS))
        for y in range(y0, y0 + table.rowHeight(chip_row))
        if (c := image.pixelColor(x, y)).green() > 150 and c.red() < 120
    )
    assert greenish > 20, "the context's chip should be drawn in its colour"
    drawn = table.itemDelegate().chips_drawn  # each chip drawn once, then kept
    table.viewport().repaint()
    assert drawn > 0 and table.itemDelegate().chips_drawn == drawn
    # Only the rows crossing the area are painted: a strip below the last row, nothing.
    below = table.rowViewportPosition(3) + table.rowHeight(3) + 5
    if below < table.viewport().height():
        before = len(rows_painted)
        table.viewport().repaint(0, below, 50, 3)
        assert len(rows_painted) == before + 1 and not cells_painted


def test_texts_are_drawn_as_plain_text_whatever_they_hold(make_window, qtbot):
    """Markup in a name is drawn as the characters it is: the ink of the name
    is as wide as "<b>x</b>" written out, not as a bold "x"."""
    from PySide6.QtGui import QFontMetrics

    markup = "<b>x</b>"
    person = add_person("", "", display=markup)
    window = make_window()
    table = window.people_view.table
    table.setColumnWidth(COL_NAME, 300)
    image = table.viewport().grab().toImage()
    row = row_of(window, person)
    x0, y0 = table.columnViewportPosition(COL_NAME), table.rowViewportPosition(row)
    background = image.pixelColor(x0 + 1, y0 + 1)
    inked = [
        x
        for x in range(x0, x0 + table.columnWidth(COL_NAME))
        for y in range(y0, y0 + table.rowHeight(row))
        if abs(image.pixelColor(x, y).lightness() - background.lightness()) > 60
    ]
    assert inked, "the name should be drawn"
    literal = QFontMetrics(table.font()).horizontalAdvance(markup)
    bold_x = QFontMetrics(table.font()).horizontalAdvance("x") * 2
    assert max(inked) - min(inked) + 1 >= literal - 6 > bold_x


def test_a_rows_texts_are_kept_across_keystrokes_while_the_person_reads_the_same(db):
    from entregent.services.people.contexts import find_context, rename_context, tag_contacts
    from entregent.services.people.edits import update_person
    from entregent.ui.people_model import COL_CONTEXTS

    anne = add_person("Anne", "Martin")
    add_person("Annie", "Zola")
    tag_contacts([anne], [find_context("work").id])
    model = PeopleModel()
    model.set_search_text("ann")
    first = model.cells(0)
    assert first.person.id == anne and first.display[COL_NAME] == "Anne Martin"
    model.set_search_text("anne")  # a new page, the same person on top
    assert model.cells(0) is first and model.cells(0).person.id == anne
    update_person(anne, {"display_name": "Anne Martin-Roy"})
    model.set_search_text("ann")
    assert model.cells(0) is not first
    assert model.cells(0).display[COL_NAME] == "Anne Martin-Roy"
    kept = model.cells(0)
    rename_context(find_context("work").id, "office")
    model.refresh()
    assert model.cells(0) is not kept and model.cells(0).display[COL_CONTEXTS] == "office"
