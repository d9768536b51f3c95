"""The Network view past what fits: choosing a warm path in the window, level of
detail when zoomed out, and the map of more than 2,000 people (the ego network
with a way to expand) laid out on a worker while the GUI thread keeps running."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor

from entregent.model.tables import Contact, Relation
from entregent.services.graph.map import MAX_EXPAND, MAX_FULL
from entregent.services.people import contexts
from entregent.services.relations.declared import add_relation
from entregent.services.relations.interactions import log_interaction
from entregent.ui.network_view import DETAIL_FROM, LABELS_FROM, PATH_COLOUR, NetworkView

from .conftest import add_person


def _view(qtbot, *, laid_out_by=None):
    from entregent.ui.app_context import AppContext

    context = AppContext()
    view = NetworkView(context)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.laid_out, timeout=60000):
        view.reload()
    return context, view


def _small_book():
    marc = add_person("Marc", "Dubois")
    zoe = add_person("Zoé", "Laurent")
    lea = add_person("Léa", "Martin")
    paul = add_person("Paul", "Roux")
    contexts.tag_contacts([marc, zoe, paul], ["club"])
    for _ in range(6):
        log_interaction([marc], "coffee")
    log_interaction([lea], "call")
    add_relation(zoe, marc, "colleague")
    add_relation(zoe, lea, "friend")
    return marc, zoe, lea, paul


def _edge(view, a, b):
    return view.edges[next(k for k in view.edges if set(k) == {a, b})]


def test_a_warm_path_is_chosen_from_the_window_and_highlighted(db, qtbot):
    marc, zoe, lea, paul = _small_book()
    context, view = _view(qtbot)
    try:
        view.path_edit.setText("zoé")
        with qtbot.waitSignal(view.paths_found, timeout=30000):
            view.path_edit.returnPressed.emit()
        texts = [view.paths_list.item(i).text() for i in range(view.paths_list.count())]
        assert [t.splitlines()[0] for t in texts] == [
            "you → Marc Dubois → Zoé Laurent (45%)",  # 0.753 × 0.6
            "you → Léa Martin → Zoé Laurent (45%)",  # 0.562 × 0.8
        ]
        assert "• Zoé Laurent and Marc Dubois are colleagues" in texts[0].splitlines()
        assert view.paths_status.text() == "Warm paths to Zoé Laurent, the warmest first:"
        assert view.paths_list.currentRow() == 0
        assert view.highlighted == [0, marc, zoe]
        assert _edge(view, marc, zoe).pen().color().name() == PATH_COLOUR
        assert _edge(view, 0, marc).pen().color().name() == PATH_COLOUR
        assert _edge(view, lea, zoe).pen().color().name() != PATH_COLOUR
        view.paths_list.setCurrentRow(1)  # the user chooses the other chain
        assert view.highlighted == [0, lea, zoe]
        assert _edge(view, lea, zoe).pen().color().name() == PATH_COLOUR
        assert _edge(view, marc, zoe).pen().color().name() != PATH_COLOUR
        assert view.nodes[lea].pen().color().name() == PATH_COLOUR
        assert view.nodes[marc].pen().color() != QColor(PATH_COLOUR)
        # from a person's menu on the map
        menu = view.node_menu(view.nodes[paul].node)
        [ask] = [a for a in menu.actions() if a.text() == "Who could introduce me?"]
        with qtbot.waitSignal(view.paths_found, timeout=30000):
            ask.trigger()
        assert view.paths == [] and view.paths_list.count() == 0
        assert view.paths_status.text() == "No one in your book links you to Paul Roux."
        view.path_edit.setText("nobody-at-all")
        with qtbot.waitSignal(view.paths_found, timeout=30000):
            view.path_edit.returnPressed.emit()
        assert view.paths_status.text() == "Nobody matches “nobody-at-all”."
    finally:
        context.workers.join()


def test_zoomed_out_minor_edges_and_names_hide_and_contexts_become_clusters(db, qtbot):
    marc, zoe, lea, paul = _small_book()
    context, view = _view(qtbot)
    try:
        [(blob, label)] = view.clusters
        assert label.text() == "club (3)"
        view.canvas.set_zoom(LABELS_FROM)
        assert view.nodes[marc].label is not None and view.nodes[marc].label.isVisible()
        assert view.nodes[marc].label.text() == "Marc Dubois"
        assert all(line.isVisible() for line in view.edges.values())
        assert not blob.isVisible()
        view.canvas.set_zoom(DETAIL_FROM / 2)
        assert not view.nodes[marc].label.isVisible()
        assert blob.isVisible() and label.isVisible()
        assert not _edge(view, 0, marc).isVisible()  # yours are minor
        assert _edge(view, zoe, marc).isVisible()  # colleagues: a strong tie
        assert _edge(view, zoe, lea).isVisible()
        assert all(item.isVisible() for item in view.nodes.values())
        view.set_context_filter("club")
        assert not view.nodes[lea].isVisible() and not _edge(view, zoe, lea).isVisible()
        view.canvas.set_zoom(1.0)
        assert _edge(view, 0, marc).isVisible() and not blob.isVisible()
        assert not view.nodes[lea].isVisible()
    finally:
        context.workers.join()


def _big_book(people: int) -> int:
    """``people`` in the book, the first (the hub) seen often and knowing all others."""
    hub = add_person("Hub", "Central")
    rows = [{"display_name": f"Person {n:04}", "given_name": f"P{n}"} for n in range(people - 1)]
    for start in range(0, len(rows), 500):
        Contact.insert_many(rows[start : start + 500]).execute()
    for _ in range(10):
        log_interaction([hub], "coffee")
    others = [c.id for c in Contact.select(Contact.id).where(Contact.id != hub)]
    ties = [{"contact": hub, "other": o, "kind": "knows"} for o in others]
    for start in range(0, len(ties), 500):
        Relation.insert_many(ties[start : start + 500]).execute()
    return hub


def test_past_2000_people_the_map_expands_on_a_worker_while_the_gui_runs(db, qtbot):
    people = MAX_FULL + 100
    hub = _big_book(people)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    context, view = _view(qtbot)
    try:
        assert view.layout_thread != threading.get_ident()
        assert ticks, "the GUI thread did not run while the map was laid out"
        assert len(view.nodes) == MAX_FULL + 1 and view.map.clipped
        assert view.map.total == people
        assert view.nodes[hub].node.hidden == 100
        assert {n for n, item in view.nodes.items() if item.node.hidden} == {hub}
        assert "2000 of 2100 people" in view.status.text()
        before = {n: (item.node.x, item.node.y) for n, item in view.nodes.items()}
        ticks.clear()
        with qtbot.waitSignal(view.laid_out, timeout=60000):
            view.expand(hub)
        assert ticks
        assert len(view.nodes) == MAX_FULL + 1 + min(100, MAX_EXPAND)
        assert view.nodes[hub].node.hidden == 0
        # the people already shown keep their places; only the newcomers were laid out
        assert all((view.nodes[n].node.x, view.nodes[n].node.y) == p for n, p in before.items())
        assert view.status.text() == f"{people} people"
    finally:
        timer.stop()
        context.workers.join()
