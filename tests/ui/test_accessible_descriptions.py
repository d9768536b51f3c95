"""Screen readers: every control of each view and dialog, in English and in
French, has an accessible name and an accessible description, read through Qt's
accessibility interface (what a screen reader is given: the description falls
back to the tooltip, the name to a button's text or a label's buddy)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QTabBar, QTabWidget, QWidget

from .test_layout_checks import _network, _open

VIEWS = ("home", "people", "person", "details", "network")


@pytest.fixture(params=["en", "fr"])
def language(request, qapp):
    from entregent import i18n
    from entregent.ui.translations import install_qt_translations

    i18n.set_language(request.param)
    install_qt_translations(qapp, request.param)
    yield request.param
    i18n.set_language("en")
    install_qt_translations(qapp, "en")


def _controls(root: QWidget) -> list[QWidget]:
    """The visible, enabled widgets of ``root`` a keyboard can reach."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not widget.isEnabled() or widget.isWindow():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None:  # the proxy is the control
            continue
        found.append(widget)
    return found


def _faces(widget: QWidget) -> list:
    """What a screen reader reads for ``widget``: its interface; for a tab bar,
    each of its tabs."""
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None, widget
    if isinstance(widget, QTabBar):
        tabs = [face.child(i) for i in range(face.childCount())]
        return [t for t in tabs if t is not None and t.role() == QAccessible.Role.PageTab]
    return [face]


def _unnamed(root: QWidget) -> tuple[list[str], int]:
    missing = []
    controls = _controls(root)
    for face, widget in ((f, w) for w in controls for f in _faces(w)):
        name = face.text(QAccessible.Text.Name).strip()
        description = face.text(QAccessible.Text.Description).strip()
        what = f"{type(widget).__name__}({widget.objectName() or name!s})"
        if not name:
            missing.append(f"{what}: no name")
        if not description:
            missing.append(f"{what}: no description")
        elif description == name:
            missing.append(f"{what}: the description only repeats the name")
    return missing, len(controls)


@pytest.mark.parametrize("view", VIEWS)
def test_every_control_of_each_view_has_a_name_and_a_description(
    view, language, make_window, qtbot
):
    _network()
    window = make_window()
    if view == "network":
        window.sidebar.select("network")
        qtbot.waitUntil(lambda: window.network_view is not None and bool(window.network_view.nodes))
    else:
        _open(window, "person" if view == "details" else view, qtbot)
    if view == "details":
        tabs = window.detail_pane.findChild(QTabWidget)
        tabs.setCurrentIndex(1)
        QApplication.processEvents()
    missing, count = _unnamed(window)
    assert count >= 3
    assert missing == []


def test_every_control_of_each_dialog_has_a_name_and_a_description(language, make_window, qtbot):
    from .test_layout_checks import _dialogs

    people = _network()
    window = make_window()
    dialogs = _dialogs(window, people[0])
    dialogs["import"] = window.open_import([])
    dialogs["duplicates"] = window.open_duplicates()
    missing = {}
    for name, dialog in dialogs.items():
        qtbot.waitExposed(dialog)
        tabs = dialog.findChild(QTabWidget)
        for page in range(tabs.count()) if tabs is not None else (None,):
            if page is not None:
                tabs.setCurrentIndex(page)
                QApplication.processEvents()
            found, count = _unnamed(dialog)
            assert count >= 1, name
            if found:
                missing[(name, page)] = found
        dialog.close()
    assert missing == {}


def test_the_walk_catches_a_control_without_a_description(qtbot):
    from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    described = QPushButton("Save")
    described.setAccessibleDescription("Keep the changes")
    bare = QLineEdit()
    bare.setAccessibleName("Note")
    layout.addWidget(described)
    layout.addWidget(bare)
    root.show()
    assert _unnamed(root) == (["QLineEdit(Note): no description"], 2)
