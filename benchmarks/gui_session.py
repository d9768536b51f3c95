"""The real main window, in this process, offscreen, for the benchmarks that drive it.

``main_window(path)`` opens the session and builds ``ui.main_window.MainWindow``
as ``ui.app.run_app`` does (without the event loop), shows the people list and
lets the first page paint. ``settle`` runs pending events and makes sure the
people list has painted since the last change, the way a user would see it;
``PaintCounter`` counts the paints of a widget; ``SqlTrace`` records the
statements the app runs (to re-run the same query bare, or count page reads).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def application():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from entregent.ui.app import application

    return application()


class PaintCounter:
    """Counts Paint events delivered to a widget (installed as an event filter)."""

    def __init__(self, widget):
        from PySide6.QtCore import QEvent, QObject

        paint = QEvent.Type.Paint

        class _Filter(QObject):
            def eventFilter(inner, watched, event):  # noqa: N805
                if event.type() == paint:
                    self.count += 1
                return False

        self.count = 0
        self._filter = _Filter()
        widget.installEventFilter(self._filter)


def settle(window, painter: PaintCounter | None = None) -> None:
    """Process what is pending; paint the people list if it has not painted since."""
    from PySide6.QtWidgets import QApplication

    before = painter.count if painter else 0
    QApplication.processEvents()
    if painter is not None and painter.count == before:
        window.people_view.table.viewport().repaint()


@contextlib.contextmanager
def main_window(path: Path):
    """The main window on ``path``, shown on the people list with its first page painted."""
    from entregent.services.storage.session import close_session, open_session

    app = application()
    open_session(path, apply_language=False)
    from entregent.ui.main_window import MainWindow

    window = MainWindow(path, restore_state=False)
    window.resize(1280, 800)
    window.sidebar.select("all")
    window.show()
    painter = PaintCounter(window.people_view.table.viewport())
    window.painter = painter
    for _round in range(3):
        app.processEvents()
        window.context.workers.join(cancel=False)
    settle(window, painter)
    try:
        yield window
    finally:
        window.context.workers.join()
        window.close()
        window.deleteLater()
        app.processEvents()
        close_session()


class SqlTrace:
    """Statements run on the app's connection while active (expanded, as SQLite ran them)."""

    def __init__(self):
        self.statements: list[str] = []

    def __enter__(self):
        from entregent.model.database import database

        self._connection = database.obj.connection()
        self._connection.set_trace_callback(self.statements.append)
        return self

    def __exit__(self, *exc):
        self._connection.set_trace_callback(None)
        return False


def timed(function) -> float:
    from benchmarks.measure import now

    started = now()
    function()
    return now() - started
