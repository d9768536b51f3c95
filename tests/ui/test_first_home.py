"""The empty first home: what to do first, with buttons; no "all caught up"
texts over zero people. An empty HOME, the real window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QPushButton

from entregent.services.storage.data_folder import ensure_data_folder
from entregent.services.storage.session import close_session, open_session, resolve_database_path
from tests.fresh_home import data_file, set_fresh_home


def _window(qtbot, tmp_path, monkeypatch):
    from entregent.ui.main_window import MainWindow

    set_fresh_home(monkeypatch, tmp_path)
    path = ensure_data_folder(resolve_database_path(None))
    assert path == data_file(tmp_path)
    open_session(path)
    win = MainWindow(path, restore_state=False)
    qtbot.addWidget(win)
    win.show()
    home = win.home_view
    win.show_section("home")
    qtbot.waitUntil(lambda: home.loaded, timeout=10000)
    return win, home


def _close(win):
    win.context.workers.join()
    for dialog in win.dialogs:
        dialog.close()
    win.close()
    close_session()


def test_empty_first_home_shows_the_first_steps(qtbot, tmp_path, monkeypatch):
    win, home = _window(qtbot, tmp_path, monkeypatch)
    try:
        assert home.title.text() == "Welcome to Entregent."
        assert home.first_steps.isVisible()
        for card in (home.reach_card, home.followups_card, home.owed_card, home.groups_card):
            assert not card.isVisible()
        texts = {b.objectName(): b.text() for b in home.first_steps.findChildren(QPushButton)}
        assert texts == {
            "importContactsButton": "Import contacts…",
            "importCalendarButton": "Import a calendar…",
            "tryDemoButton": "Try the demo",
        }
        from entregent.ui.first_steps import demo_command

        assert demo_command() == (sys.executable, ["-m", "entregent", "--demo"])
        before = len(win.dialogs)
        home.first_steps.buttons["importContactsButton"].click()
        from entregent.ui.import_wizard import ImportWizard

        wizards = [d for d in win.dialogs[before:] if isinstance(d, ImportWizard)]
        assert len(wizards) == 1 and wizards[0].isVisible()
    finally:
        _close(win)


def test_home_with_people_shows_the_week_not_the_first_steps(qtbot, tmp_path, monkeypatch):
    from entregent.model.tables import Contact

    set_fresh_home(monkeypatch, tmp_path)
    open_session(ensure_data_folder(resolve_database_path(None)))
    Contact.create(given_name="Léa", display_name="Léa")
    close_session()
    win, home = _window(qtbot, tmp_path, monkeypatch)
    try:
        assert home.title.text() == "Hello! Here is your network this week."
        assert not home.first_steps.isVisible()
        assert home.reach_card.isVisible()
    finally:
        _close(win)
