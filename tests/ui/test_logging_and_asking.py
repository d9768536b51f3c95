"""Double-click to log (P4), and the delicacy advisor before asking family (P7)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from entregent.model.tables import Ask, Interaction, Participant
from entregent.services.people.contexts import find_context, tag_contacts
from entregent.ui.log_dialog import LogDialog
from entregent.ui.people_model import COL_NAME

from .conftest import add_person, row_of


def _double_click_row(qtbot, window, row: int) -> None:
    table = window.people_view.table
    rect = table.visualRect(window.people_model.index(row, COL_NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_double_click_logs_an_interaction_and_the_timeline_shows_it(make_window, qtbot):
    add_person("Anne", "Martin")
    bruno = add_person("Bruno", "Lefèvre")
    window = make_window()
    row = row_of(window, bruno)
    _double_click_row(qtbot, window, row)
    dialog = window.dialogs[-1]
    assert isinstance(dialog, LogDialog) and dialog.isVisible()
    assert dialog.contact_ids() == [bruno]
    qtbot.keyClicks(dialog.note_edit, "Coffee near the station")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()

    logged = list(Interaction.select().join(Participant).where(Participant.contact == bruno))
    assert [i.note for i in logged] == ["Coffee near the station"]
    pane = window.detail_pane
    assert pane.contact_id == bruno
    rows = pane.timeline.entry_items()
    assert len(rows) == 1 and pane.timeline.tree.topLevelItemCount() == 1  # one month
    assert "Coffee near the station" in rows[0].text(1).splitlines()
    # The list's "last contact" column follows at once.
    assert window.people_model.person(row_of(window, bruno)).last_interaction_at is not None


def test_enter_logs_and_esc_cancels_with_the_last_kind_by_default(make_window, qtbot):
    anne = add_person("Anne", "Martin")
    window = make_window()
    window.people_view.select_row(row_of(window, anne))
    window.people_view.table.setFocus()
    qtbot.keyClick(window.people_view.table, Qt.Key.Key_Return)
    dialog = window.dialogs[-1]
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("call"))
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    assert Interaction.select().count() == 1

    second = window.open_log(anne)
    assert second.kind() == "call"  # the last kind used
    qtbot.keyClick(second.note_edit, Qt.Key.Key_Escape)
    assert not second.isVisible()
    assert Interaction.select().count() == 1
    # Undo removes the logged interaction, redo brings it back.
    window.context.undo_stack.undo()
    assert Interaction.select().count() == 0
    window.context.undo_stack.redo()
    assert Interaction.select().count() == 1


def test_asking_family_shows_the_close_tie_warning_and_ask_anyway_records_it(make_window, qtbot):
    mum = add_person("Claire", "Durand")
    tag_contacts([mum], [find_context("family").id])
    window = make_window()
    dialog = window.open_ask(mum)
    dialog.what_combo.setCurrentIndex(dialog.what_combo.findData("advice"))
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)

    ids = [card.warning.id for card in dialog.cards]
    assert "close_tie" in ids
    card = dialog.cards[ids.index("close_tie")]
    assert card.isVisible() and card.message_label.text()
    assert card.why_label.isHidden()
    qtbot.mouseClick(card.why_button, Qt.MouseButton.LeftButton)
    assert card.why_label.isVisible() and "P7" in card.why_label.text()
    assert Ask.select().count() == 0  # nothing recorded while the user thinks

    assert {"ask_anyway", "cancel"} <= set(dialog.alternative_buttons)
    qtbot.mouseClick(dialog.alternative_buttons["ask_anyway"], Qt.MouseButton.LeftButton)
    ask = Ask.get()
    assert ask.decision == "ask_anyway"
    assert ask.what == "advice"
    assert "close_tie" in [w["id"] for w in json.loads(ask.warnings)]
    assert not dialog.isVisible()


def test_plan_a_social_meeting_instead_creates_a_follow_up_and_no_ask(make_window, qtbot):
    from entregent.model.tables import FollowUp

    friend = add_person("Dana", "Roux")
    tag_contacts([friend], [find_context("friends").id])
    window = make_window()
    dialog = window.open_ask(friend)
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    alternative = next(
        a for a in ("social_meeting", "follow_up") if a in dialog.alternative_buttons
    )
    qtbot.mouseClick(dialog.alternative_buttons[alternative], Qt.MouseButton.LeftButton)
    followup_dialog = dialog.followup_dialog
    followup_dialog.accept()
    assert Ask.select().count() == 0
    assert FollowUp.select().where(FollowUp.contact == friend).count() == 1


def test_the_list_badges_who_would_draw_a_strong_warning(make_window, qtbot):
    from entregent.services.relations.asks import record_ask
    from entregent.ui.people_model import COL_NAME as NAME

    asked = add_person("Eve", "Moreau")
    calm = add_person("Fred", "Noir")
    record_ask(asked, "favour")  # still pending, just now: asking again would be heavy
    window = make_window()
    model = window.people_model
    qtbot.waitUntil(lambda: asked in model.badges, timeout=10_000)
    window.context.workers.join(cancel=False)
    assert calm not in model.badges
    row = row_of(window, asked)
    assert model.index(row, NAME).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.badges[asked] in model.index(row, NAME).data(Qt.ItemDataRole.ToolTipRole)
    calm_row = row_of(window, calm)
    assert model.index(calm_row, NAME).data(Qt.ItemDataRole.DecorationRole) is None
    # Painted: the badge (a coloured icon) before the name; names alone are grey ink.
    table = window.people_view.table
    table.viewport().repaint()
    image = table.viewport().grab().toImage()

    def coloured(at_row: int) -> int:
        x0, y0 = table.columnViewportPosition(NAME), table.rowViewportPosition(at_row)
        return sum(
            1
            for x in range(x0, x0 + table.columnWidth(NAME))
            for y in range(y0, y0 + table.rowHeight(at_row))
            if image.pixelColor(x, y).hsvSaturation() > 100
        )

    assert coloured(row) > 10 and coloured(calm_row) == 0


def test_an_ask_without_warnings_is_recorded_at_once(make_window, qtbot):
    from entregent.services.relations.interactions import log_interaction

    colleague = add_person("Gaby", "Lenoir")
    for kind in ("coffee", "help_given", "meal"):
        log_interaction([colleague], kind)
    window = make_window()
    dialog = window.open_ask(colleague)
    dialog.what_combo.setCurrentIndex(dialog.what_combo.findData("advice"))
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.preview is not None and dialog.preview.warnings == []
    ask = Ask.get()
    assert ask.decision == "no_warnings" and ask.what == "advice"
    assert not dialog.isVisible()
