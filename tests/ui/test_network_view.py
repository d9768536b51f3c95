"""The Network view under pytest-qt on a real database: the layout runs on a
worker, a click opens the person, the context filter hides the others, a warm
path is highlighted."""

from __future__ import annotations

import threading

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QGraphicsView

from entregent.services.people import contexts
from entregent.services.relations.declared import add_relation
from entregent.services.relations.interactions import log_interaction
from entregent.ui.network_view import NetworkView

from .conftest import add_person


def _book():
    marc = add_person("Marc", "Dubois")
    zoe = add_person("Zoé", "Laurent")
    lea = add_person("Léa", "<b>Martin</b>")
    contexts.tag_contacts([marc], ["club"])
    contexts.tag_contacts([lea], ["friends"])
    log_interaction([marc], "coffee")
    log_interaction([lea, zoe], "meal")
    add_relation(zoe, marc, "colleague")
    return marc, zoe, lea


def _view(qtbot):
    from entregent.ui.app_context import AppContext

    context = AppContext()
    view = NetworkView(context)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.reload()
    qtbot.waitUntil(
        lambda: view.layout_thread is not None or "not" in view.status.text(), timeout=30000
    )
    assert view.layout_thread is not None, view.status.text()
    return context, view


def test_layout_runs_off_the_gui_thread_and_draws_every_tie(db, qtbot):
    marc, zoe, lea = _book()
    context, view = _view(qtbot)
    try:
        assert view.layout_thread is not None
        assert view.layout_thread != threading.get_ident()
        assert set(view.nodes) == {0, marc, zoe, lea}
        assert set(view.edges) >= {(0, marc), (0, zoe), (0, lea)}
        pair = next(k for k in view.edges if set(k) == {marc, zoe})
        assert view.edges[pair].pen().style() == Qt.PenStyle.SolidLine  # declared
        inferred = next(k for k in view.edges if set(k) == {lea, zoe})
        assert view.edges[inferred].pen().style() == Qt.PenStyle.DashLine
        # the name is shown as written, never as markup
        assert "&lt;b&gt;Martin&lt;/b&gt;" in view.nodes[lea].toolTip()
        assert isinstance(view.canvas, QGraphicsView)
    finally:
        context.workers.join()


def test_click_opens_the_person(db, qtbot):
    marc, _zoe, _lea = _book()
    context, view = _view(qtbot)
    try:
        view.canvas.fitInView(view.scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
        item = view.nodes[marc]
        point = view.canvas.mapFromScene(item.scenePos())
        with qtbot.waitSignal(context.person_requested, timeout=5000) as opened:
            qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))
        assert opened.args == [marc]
    finally:
        context.workers.join()


def test_filter_by_context_hides_the_others_and_a_path_is_highlighted(db, qtbot):
    marc, zoe, lea = _book()
    context, view = _view(qtbot)
    try:
        assert [view.filter.itemText(i) for i in range(view.filter.count())] == [
            "All",
            "club",
            "friends",
        ]
        view.set_context_filter("club")
        assert {n for n, item in view.nodes.items() if item.isVisible()} == {0, marc}
        assert not any(
            line.isVisible() for key, line in view.edges.items() if zoe in key or lea in key
        )
        view.set_context_filter(None)
        assert all(item.isVisible() for item in view.nodes.values())
        view.highlight_path([0, marc, zoe])
        pair = next(k for k in view.edges if set(k) == {marc, zoe})
        assert view.edges[pair].pen().color().name() == "#d35400"
        other = view.edges[next(k for k in view.edges if set(k) == {0, lea})]
        assert other.pen().color().name() != "#d35400"
    finally:
        context.workers.join()


def test_the_window_has_a_network_section_whose_click_opens_the_person(make_window, qtbot):
    marc, _zoe, _lea = _book()
    win = make_window()
    assert win.sidebar.select("network")
    qtbot.waitUntil(
        lambda: win.network_view is not None and marc in win.network_view.nodes, timeout=30000
    )
    assert win.stack.currentWidget() is win.network_view
    win.network_view.person_clicked.emit(marc)
    qtbot.waitUntil(lambda: win.detail_pane.contact_id == marc, timeout=10000)
