"""Visible focus: every control a keyboard reaches in each view and dialog looks
different when it has the focus, in the light and in the dark theme. Measured,
not assumed: the control is grabbed without the focus and with it (reached by
Tab), and the two pictures must differ."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from entregent.ui import theme

from .test_accessible_descriptions import _controls
from .test_layout_checks import _network, _open

SCHEMES = ("light", "dark")


@pytest.fixture
def themed(qapp):
    before = QPalette(qapp.palette())
    flash = qapp.cursorFlashTime()
    qapp.setCursorFlashTime(0)  # a steady caret: the same picture at each grab
    yield lambda choice: theme.apply_theme(qapp, choice)
    qapp.setCursorFlashTime(flash)
    theme.apply_theme(qapp, "system")  # the choice back to the computer's
    qapp.styleHints().unsetColorScheme()
    qapp.setPalette(before)


def _picture(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _without_focus(root: QWidget, qtbot) -> list[str]:
    """The controls of ``root`` that look the same with and without the focus."""
    controls = _controls(root)
    assert controls, root
    parking = QWidget(root.window())  # holds the focus while a control has none
    parking.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    parking.setGeometry(0, 0, 1, 1)
    parking.show()
    unseen = []
    window = root.window()
    for widget in controls:
        parking.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.waitUntil(lambda w=widget: not w.hasFocus(), timeout=1000)
        before = _picture(widget)
        # What a Tab key press does: the focus moves, and the window records that
        # it moved by keyboard (styles draw their focus marks only then).
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda w=widget: w.hasFocus(), timeout=1000)
        window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
        if _picture(widget) == before:
            unseen.append(
                f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()})"
            )
    parking.deleteLater()
    return unseen


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("view", ("home", "people", "person", "details", "network"))
def test_every_control_shows_when_it_has_the_focus(view, scheme, themed, make_window, qtbot):
    themed(scheme)
    _network()
    window = make_window()
    if view == "network":
        window.sidebar.select("network")
        qtbot.waitUntil(lambda: window.network_view is not None and bool(window.network_view.nodes))
    else:
        _open(window, "person" if view == "details" else view, qtbot)
    if view == "details":
        window.detail_pane.findChild(QTabWidget).setCurrentIndex(1)
    assert _without_focus(window, qtbot) == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_dialog_control_shows_when_it_has_the_focus(scheme, themed, make_window, qtbot):
    from .test_layout_checks import _dialogs
    from .test_more_views_checked import _more_dialogs

    themed(scheme)
    people = _network()
    window = make_window()
    unseen = {}

    for made in (lambda: _dialogs(window, people[0]), lambda: _more_dialogs(window)):
        for name, dialog in made().items():
            qtbot.waitExposed(dialog)
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow)
            found = _without_focus(dialog, qtbot)
            if found:
                unseen[name] = found
            dialog.close()
    assert unseen == {}


def test_the_check_catches_a_control_without_a_focus_mark(themed, qtbot):
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    themed("light")
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    plain = QPushButton("Plain")
    flat = QPushButton("Flat")
    flat.setObjectName("Flat")
    flat.setStyleSheet("QPushButton { border: none; outline: none; }")
    layout.addWidget(plain)
    layout.addWidget(flat)
    root.show()
    root.activateWindow()
    qtbot.waitUntil(root.isActiveWindow)
    assert _without_focus(root, qtbot) == ["QPushButton(Flat)"]
