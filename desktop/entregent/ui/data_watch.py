"""Showing what another program changed while the app was open.

The command line may write to the database while the window is open (WAL). When
the app comes back to the foreground (the application becomes active, or the
window is activated) ``DataWatch.check`` asks ``services.db_watch.data_version``
on the UI thread's connection; if another connection committed since the last
look, the views re-read through ``context.data_changed``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)


def _version() -> int | None:
    from entregent.services.storage.db_watch import data_version

    try:
        return data_version()
    except Exception:  # a database that cannot be read now: look again next time
        log.debug("data_version could not be read", exc_info=True)
        return None


class DataWatch(QObject):
    """Re-reads the window's views when the database changed behind its back."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._seen = _version()
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._state_changed)
        window.installEventFilter(self)

    @Slot(Qt.ApplicationState)
    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.WindowActivate:
            self.check()
        return False

    def check(self) -> bool:
        """Refresh the views if another program wrote since the last check."""
        now = _version()
        changed = now is not None and self._seen is not None and now != self._seen
        self._seen = now
        if changed:
            self._window.context.data_changed.emit()
        return changed

    def reset(self) -> None:
        """Start counting again (after the database was re-opened)."""
        self._seen = _version()
