"""Fixtures for the desktop app's tests: isolated QSettings, a main window on a
fresh database whose background workers are joined before the test ends."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from entregent.model.tables import Contact, ContactMethod


@pytest.fixture(scope="session", autouse=True)
def isolated_qsettings(tmp_path_factory):
    """QSettings of the tests go to a temporary folder, never the user's."""
    QCoreApplication.setOrganizationName("EntregentTests")
    QCoreApplication.setApplicationName("EntregentTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("qsettings")),
    )


@pytest.fixture
def make_window(db, qtbot):
    """Build the main window (after the test has put its people in the database)."""
    from entregent.ui.main_window import MainWindow

    made = []

    def make():
        win = MainWindow(db, restore_state=False)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        made.append(win)
        return win

    yield make
    for win in made:
        win.context.workers.join()
        for dialog in win.dialogs:
            dialog.close()
        win.close()
        win.context.workers.join()


def add_person(given: str, family: str = "", *, email: str = "", display: str = "") -> int:
    contact = Contact.create(
        given_name=given, family_name=family, display_name=display or f"{given} {family}".strip()
    )
    if email:
        ContactMethod.create(contact=contact, kind="email", value=email, normalized=email.lower())
    return contact.id


def row_of(window, contact_id: int) -> int:
    model = window.people_model
    for row in range(model.rowCount()):
        if model.contact_id(row) == contact_id:
            return row
    raise AssertionError(f"person {contact_id} is not in the list")
