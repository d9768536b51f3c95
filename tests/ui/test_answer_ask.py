"""Answering an ask from the person's page (issue 16): the real window under
pytest-qt, on a fresh database in an empty HOME. "They helped" records the help
received and plans the thank-you follow-up; "declined" plans nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from entregent.i18n import set_language
from entregent.model.tables import Ask, FollowUp
from entregent.services.relations.asks import record_ask
from entregent.ui.answer_ask_dialog import AnswerAskDialog
from entregent.ui.detail_pane import DetailPane
from tests.fresh_home import set_fresh_home

from .conftest import add_person, row_of


@pytest.fixture
def empty_home(monkeypatch, tmp_path):
    set_fresh_home(monkeypatch, tmp_path / "home")


def _page_of(window, qtbot, contact_id) -> DetailPane:
    window.people_view.select_row(row_of(window, contact_id))
    [pane] = [p for p in window.findChildren(DetailPane) if p.isVisible()]
    qtbot.waitUntil(lambda: pane.contact_id == contact_id)
    return pane


def _open_answer(window, qtbot, pane) -> AnswerAskDialog:
    qtbot.waitUntil(pane.answer_button.isVisible)
    qtbot.mouseClick(pane.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(isinstance(d, AnswerAskDialog) for d in window.dialogs))
    dialog = next(d for d in window.dialogs if isinstance(d, AnswerAskDialog))
    qtbot.waitExposed(dialog)
    return dialog


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_they_helped_records_the_help_and_plans_the_thank_you(make_window, qtbot, empty_home):
    lea = add_person("Léa", "Martin")
    add_person("Hugo", "Petit")
    ask_id = record_ask(lea, "advice", detail="advice on my thesis", decision="no_warnings")
    window = make_window()
    pane = _page_of(window, qtbot, lea)
    assert "(1 waiting)" in pane.balance_label.text()
    dialog = _open_answer(window, qtbot, pane)
    assert dialog.ask_combo.count() == 1
    assert dialog.ask_combo.currentText().startswith("advice on my thesis, asked ")
    assert dialog.answer_buttons["helped"].isChecked()
    assert dialog.thank_box.isVisible() and dialog.thank_box.isChecked()
    dialog.note_edit.setText("She read chapter 2 over the weekend.")
    _ok(dialog)

    assert not dialog.isVisible()
    ask = Ask.get_by_id(ask_id)
    assert ask.outcome == "helped" and ask.outcome_at is not None
    assert ask.interaction.note.endswith("She read chapter 2 over the weekend.")
    [thanks] = FollowUp.select().where(FollowUp.contact == lea)
    assert thanks.id == dialog.follow_up_id
    assert thanks.note == "Thank Léa Martin for their help"
    assert thanks.due_on == dt.date.today() + dt.timedelta(days=2)
    # The page re-reads: no ask waits any more, the help counts as received.
    qtbot.waitUntil(lambda: not pane.answer_button.isVisible())
    assert "(0 waiting)" in pane.balance_label.text()
    assert "help received: 1" in pane.balance_label.text()


def test_declined_plans_no_thank_you(make_window, qtbot, empty_home):
    lea = add_person("Léa", "Martin")
    older = record_ask(lea, "favour", detail="a lift to the station", decision="no_warnings")
    newer = record_ask(lea, "introduction", detail="meet her editor", decision="no_warnings")
    window = make_window()
    pane = _page_of(window, qtbot, lea)
    dialog = _open_answer(window, qtbot, pane)
    assert dialog.ask_combo.count() == 2
    assert dialog.ask_combo.currentData() in (older, newer)
    dialog.ask_combo.setCurrentIndex(dialog.ask_combo.findData(older))
    dialog.answer_buttons["declined"].click()
    assert not dialog.thank_box.isVisible()
    _ok(dialog)
    assert Ask.get_by_id(older).outcome == "declined"
    assert Ask.get_by_id(newer).outcome == "pending"
    assert FollowUp.select().count() == 0
    qtbot.waitUntil(lambda: "(1 waiting)" in pane.balance_label.text())
    assert pane.answer_button.isVisible()  # the other ask still waits


def test_a_person_with_no_open_ask_has_no_answer_button(make_window, qtbot, empty_home):
    lea = add_person("Léa", "Martin")
    window = make_window()
    pane = _page_of(window, qtbot, lea)
    assert not pane.answer_button.isVisible()


def test_the_answer_dialog_speaks_french(make_window, qtbot, empty_home):
    set_language("fr")
    lea = add_person("Léa", "Martin")
    record_ask(lea, "advice", detail="conseils pour ma thèse", decision="no_warnings")
    window = make_window()
    pane = _page_of(window, qtbot, lea)
    assert pane.answer_button.text() == "Répondre à une demande…"
    dialog = _open_answer(window, qtbot, pane)
    assert dialog.windowTitle() == "Répondre à une demande"
    assert [b.text() for b in dialog.answer_buttons.values()] == [
        "Elle ou il a aidé",
        "Elle ou il a refusé",
        "Pas de réponse",
    ]
    assert dialog.ask_combo.currentText().startswith("conseils pour ma thèse, demandé le ")
    _ok(dialog)
    [thanks] = FollowUp.select()
    assert thanks.note == "Remercier Léa Martin pour son aide"
