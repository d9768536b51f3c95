"""What the desktop app leaves until after the people list's first paint: the
detail pane, the day's backup copy (issue 7, startup); and what it reads from
the start, on a worker: the sidebar's counts (issue 19)."""

from __future__ import annotations

from entregent.services.storage.backup import list_backups
from entregent.services.storage.session import close_session, open_session
from entregent.ui.detail_pane import DetailPane
from entregent.ui.main_window import MainWindow

from .conftest import add_person


def test_detail_pane_is_built_after_the_first_paint(db, qtbot):
    add_person("Anne", "Martin")
    window = MainWindow(db, restore_state=False)
    qtbot.addWidget(window)
    assert window.findChildren(DetailPane) == []  # nothing of it before the window shows
    called = []
    window.after_first_paint(lambda: called.append(window.findChildren(DetailPane)))
    window.sidebar.select("all")
    window.show()
    qtbot.waitUntil(lambda: bool(called))
    assert called == [[window.detail_pane]]
    assert window.splitter.indexOf(window.detail_pane) == 2
    assert window.detail_pane.isVisible()
    later = []
    window.after_first_paint(lambda: later.append(True))  # once painted: at once
    assert later == [True]
    window.context.workers.join()


def test_selecting_a_person_before_the_pane_exists_builds_it(db, qtbot):
    anne = add_person("Anne", "Martin")
    window = MainWindow(db, restore_state=False)
    qtbot.addWidget(window)
    window.sidebar.select("all")
    window.people_view.select_row(0)
    assert window.findChildren(DetailPane) == [window.detail_pane]
    assert window.detail_pane.contact_id == anne
    window.context.workers.join()


def test_the_desktop_day_copy_is_made_in_the_background_once_the_window_is_complete(db_path, qtbot):
    open_session(db_path, apply_language=False, daily_backup=False)
    try:
        add_person("Anne", "Martin")
        assert list_backups(db_path) == []  # opening made no copy
        window = MainWindow(db_path, restore_state=False, daily_backup=True)
        qtbot.addWidget(window)
        painted = []
        window.after_first_paint(lambda: painted.append(list_backups(db_path)))
        with qtbot.waitSignal(window.settled, timeout=20_000):
            window.show()
        assert painted == [[]]  # painted, and no copy begun before the window was complete
        window.context.workers.join(cancel=False)
        daily = [b for b in list_backups(db_path) if b.reason == "daily"]
        assert len(daily) == 1
    finally:
        close_session()


def test_the_sidebar_counts_are_read_on_a_worker_while_the_window_is_built(db, qtbot):
    """The sidebar's counts (single SQL statements, during which the sqlite3 module
    lets go of the interpreter) are read on a worker from the window's creation,
    so that they are in by the time it first shows: the complete window comes sooner."""
    import threading

    from entregent.services.people import contexts

    add_person("Anne", "Martin")
    readers = []
    listed = contexts.list_contexts

    def noted():
        readers.append(threading.current_thread() is threading.main_thread())
        return listed()

    contexts.list_contexts = noted
    try:
        window = MainWindow(db, restore_state=False)
        qtbot.addWidget(window)
        window.sidebar.select("all")
        # never shown: the counts arrive all the same
        qtbot.waitUntil(lambda: any(key.startswith("context:") for key in window.sidebar.keys()))
    finally:
        contexts.list_contexts = listed
    assert not window.isVisible()
    assert readers == [False]  # read once, not on the GUI thread
    window.context.workers.join()
