"""Checked, not eyeballed: every visible widget of each view, in English and in
French, at the window's minimum size and at 1920×1080. A single-line label's or
button's text never runs wider than the widget unless it is elided with its
tooltip; no two sibling widgets of a layout overlap; every control reached with
Tab has an accessible name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QPushButton,
    QScrollBar,
    QToolButton,
    QWidget,
)

from entregent import i18n
from entregent.services.people.contexts import create_context, find_context, tag_contacts
from entregent.services.relations.followups import create_followup
from entregent.services.relations.interactions import log_interaction
from entregent.ui.elided_label import ElidedButton, ElidedLabel
from entregent.ui.translations import install_qt_translations

from .conftest import add_person

SIZES = {"minimum": (1100, 680), "full-hd": (1920, 1080)}  # the smallest the window allows
VIEWS = ("home", "people", "person")


@pytest.fixture(params=["en", "fr"])
def language(request, qapp):
    i18n.set_language(request.param)
    install_qt_translations(qapp, request.param)
    yield request.param
    i18n.set_language("en")
    install_qt_translations(qapp, "en")


def _network():
    import datetime as dt

    long_group = create_context("Les Déjeuners du jeudi de l'association des anciens")
    people = [
        add_person("Stéphane", "Aubert-Delacroix", email="stephane.aubert.delacroix@example.net"),
        add_person("Anne", "Martin"),
        add_person("Zoé", "Ærøskøbing"),
    ]
    tag_contacts(people[:2], [find_context("work").id, long_group])
    for person in people:
        log_interaction([person], "meal", dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC), "social")
    create_followup(people[0], dt.date.today(), note="Send him the heat-network lead")
    return people


def _open(window, view: str, qtbot) -> None:
    window.sidebar.select("home" if view == "home" else "all")
    if view == "home":
        qtbot.waitUntil(lambda: window.home_view.loaded, timeout=15000)
    if view == "person":
        window.people_view.select_row(0)
    window.context.workers.join(cancel=False)
    for _round in range(3):
        QApplication.processEvents()
        qtbot.wait(30)


def _text_width(widget: QWidget, text: str) -> int:
    return widget.fontMetrics().horizontalAdvance(text)


def _cut_texts(root: QWidget) -> list[str]:
    cut = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, (ElidedLabel, ElidedButton)):
            if widget.is_elided() and widget.full_text() not in widget.toolTip():
                cut.append(f"{type(widget).__name__} {widget.full_text()!r} elided, no tooltip")
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if not text or widget.wordWrap() or "\n" in text or not widget.pixmap().isNull():
                continue
            room = widget.contentsRect().width()
        elif isinstance(widget, (QPushButton, QToolButton)):
            text = widget.text().replace("&", "")
            if not text or (
                isinstance(widget, QToolButton)
                and widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
                and not widget.icon().isNull()
            ):
                continue
            room = widget.width() - 6
            if not widget.icon().isNull():
                room -= widget.iconSize().width() + 4
        else:
            continue
        if _text_width(widget, text) > room + 1:
            cut.append(f"{type(widget).__name__} {text!r}: {_text_width(widget, text)} > {room}")
    return cut


def _overlaps(root: QWidget) -> list[str]:
    found = []
    for parent in [root, *root.findChildren(QWidget)]:
        if not parent.isVisible() or parent.layout() is None:
            continue
        children = [
            child
            for child in parent.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if child.isVisible()
            and not child.isWindow()
            and not isinstance(child, QScrollBar)
            and not child.objectName().startswith("qt_")
            and child.width() > 0
            and child.height() > 0
        ]
        for index, first in enumerate(children):
            for second in children[index + 1 :]:
                shared: QRect = first.geometry().intersected(second.geometry())
                if shared.width() > 1 and shared.height() > 1:
                    found.append(
                        f"{type(parent).__name__}: {_name(first)} overlaps {_name(second)}"
                    )
    return found


def _name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    return f"{type(widget).__name__}({widget.objectName() or text!s})"


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("view", VIEWS)
def test_no_text_cut_and_no_overlap(view, size, language, make_window, qtbot):
    _network()
    window = make_window()
    window.resize(*SIZES[size])
    _open(window, view, qtbot)
    assert window.width() >= 1100 and window.height() >= 680
    assert _cut_texts(window) == []
    assert _overlaps(window) == []


@pytest.mark.parametrize("view", VIEWS)
def test_every_control_on_the_tab_chain_has_an_accessible_name(view, language, make_window, qtbot):
    _network()
    window = make_window()
    _open(window, view, qtbot)
    window.sidebar.setFocus()
    start = QApplication.focusWidget()
    seen, nameless = [], []
    widget = start
    for _step in range(400):
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if not widget.isVisible() or not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if not widget.isEnabled() or widget.isWindow():
            continue
        seen.append(widget)
        name = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else ""
        )
        if not name.strip():
            nameless.append(_name(widget) + f" in {type(widget.parentWidget()).__name__}")
    assert len(seen) >= 5
    assert nameless == []


def test_the_checks_catch_a_cut_text_and_an_overlap(qtbot):
    from PySide6.QtWidgets import QHBoxLayout

    parent = QWidget()
    qtbot.addWidget(parent)
    QHBoxLayout(parent)
    label = QLabel("A rather long text that will not fit", parent)
    button = QPushButton("Another long button text", parent)
    elided = ElidedLabel("An elided text that keeps its tooltip", parent)
    parent.show()
    label.setGeometry(0, 0, 40, 20)
    button.setGeometry(30, 0, 40, 20)  # over the label
    elided.setGeometry(100, 0, 40, 20)
    assert len(_cut_texts(parent)) == 2
    assert elided.is_elided() and elided.full_text() in elided.toolTip()
    assert _overlaps(parent) == [
        "QWidget: QLabel(A rather long text that will not fit) overlaps "
        "QPushButton(Another long button text)"
    ]


def _dialogs(window, person: int) -> dict:
    from entregent.ui.followups_box import FollowUpDialog
    from entregent.ui.settings_dialog import SettingsDialog

    made = {
        "log": window.open_log(person),
        "ask": window.open_ask(person),
        "shortcuts": window.open_shortcuts(),
        "settings": SettingsDialog(window),
        "follow-up": FollowUpDialog(window),
    }
    for dialog in made.values():
        dialog.show()
    return made


def test_dialogs_cut_no_text_and_overlap_nothing(language, make_window, qtbot):
    people = _network()
    window = make_window()
    for name, dialog in _dialogs(window, people[0]).items():
        qtbot.waitExposed(dialog)
        for size in (dialog.minimumSizeHint(), dialog.size()):
            dialog.resize(size.expandedTo(dialog.minimumSize()))
            QApplication.processEvents()
            assert (name, _cut_texts(dialog)) == (name, [])
            assert (name, _overlaps(dialog)) == (name, [])
        dialog.close()


def test_shortcuts_dialog_lists_the_window_keys(make_window, qtbot):
    window = make_window()
    dialog = window.open_shortcuts()
    rows = {
        dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i).text(1)
        for i in range(dialog.tree.topLevelItemCount())
    }
    assert rows["Log interaction"] == "Ctrl+L"
    assert "Keyboard shortcuts" in rows and "F1" in rows["Keyboard shortcuts"]
    assert rows["Clear the search"] == "Esc"
    dialog.close()
