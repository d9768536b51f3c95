"""Checks run at 200 % (``QT_SCALE_FACTOR=2``) by ``test_hidpi.py``, in a process
of their own: the device pixel ratio is fixed when the application starts.
Not collected on their own (the name does not start with ``test_``)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QAbstractButton, QLabel

from entregent.services.people.contexts import find_context
from entregent.ui.icons import icon
from entregent.ui.main_window import MINIMUM_SIZE

from .test_layout_checks import _cut_texts, _network, _open, _overlaps

RATIO = 2.0


def _sharp(pixmap: QPixmap, logical: QSize, what: str) -> None:
    """Drawn for 200 %: as many device pixels as the ratio asks, not an upscale."""
    assert pixmap.devicePixelRatio() == RATIO, f"{what}: ratio {pixmap.devicePixelRatio()}"
    assert pixmap.width() >= round(logical.width() * RATIO), f"{what}: {pixmap.size()}"


def test_the_screen_is_at_200_percent(qapp):
    assert QGuiApplication.primaryScreen().devicePixelRatio() == RATIO


def test_an_svg_icon_at_200_percent_is_drawn_not_scaled(qapp):
    size = QSize(18, 18)
    sharp = icon("home").pixmap(size, RATIO)
    _sharp(sharp, size, "home icon")
    upscaled = icon("home").pixmap(size, 1.0).scaled(36, 36)  # what a raster icon gives
    image, blocky = sharp.toImage(), upscaled.toImage()
    differing = sum(
        image.pixelColor(x, y).alpha() != blocky.pixelColor(x, y).alpha()
        for x in range(36)
        for y in range(36)
    )
    assert differing > 36, differing  # finer strokes, not 2×2 blocks


@pytest.mark.parametrize("view", ("home", "people", "person"))
def test_views_at_200_percent_cut_nothing_and_draw_sharp(view, make_window, qtbot):
    people = _network()
    window = make_window()
    window.resize(*MINIMUM_SIZE)
    _open(window, view, qtbot)
    if view == "home":
        qtbot.waitUntil(lambda: bool(window.home_view.followups_card.rows), timeout=15000)
        _open(window, view, qtbot)
    root = window.home_view if view == "home" else window
    assert window.devicePixelRatioF() == RATIO
    assert _cut_texts(root) == []
    assert _overlaps(root) == []
    checked = 0
    for button in root.findChildren(QAbstractButton):
        if button.isVisible() and not button.icon().isNull():
            pixmap = button.icon().pixmap(button.iconSize(), button.devicePixelRatioF())
            _sharp(pixmap, button.iconSize(), f"icon of {button.accessibleName()}")
            checked += 1
    for label in root.findChildren(QLabel):
        if label.isVisible() and not label.pixmap().isNull():  # avatars, the photo
            _sharp(label.pixmap(), label.pixmap().deviceIndependentSize().toSize(), "label")
            assert label.pixmap().deviceIndependentSize().width() <= label.width()
            checked += 1
    if view != "home":
        model = window.people_model
        person = model.person(0)
        _sharp(model.avatar(person), QSize(26, 26), "list avatar")
        sidebar = window.sidebar
        qtbot.waitUntil(lambda: any(k.startswith("context:") for k in sidebar.keys()))
        dot = sidebar.topLevelItem(4).child(0).icon(0)
        _sharp(dot.pixmap(QSize(12, 12), RATIO), QSize(12, 12), "context dot")
        assert find_context("work") is not None and people
        checked += 2
    assert checked >= 3
