"""The subscribed follow-ups calendar file (settings: ``auto_export_path``),
rewritten by the desktop app on a worker once changes pause, instead of inside
each change on the GUI thread (10,000 follow-ups take seconds to write).
``flush`` makes a pending rewrite before the window closes."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from entregent.services.exports import ics_export as calendar_export
from entregent.services.exports.ics_export import auto_export, defer_auto_export

PAUSE_MS = 500


class AutoExport(QObject):
    def __init__(self, workers, parent: QObject | None = None):
        super().__init__(parent)
        self.workers = workers
        self.rewrites = 0  # started (tests read it)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._rewrite)
        self._schedule = schedule = self._timer.start
        defer_auto_export(schedule)

        def forget() -> None:  # gone without closing (a test's window): at once again
            if calendar_export.deferred_to() is schedule:
                defer_auto_export(None)

        self.destroyed.connect(forget)

    def pending(self) -> bool:
        return self._timer.isActive()

    def _rewrite(self) -> None:
        self.rewrites += 1
        self.workers.run(lambda job: auto_export(), None, lambda exc: None)

    def flush(self) -> None:
        """Make the pending rewrite now (the window is closing), and stop deferring."""
        if calendar_export.deferred_to() is self._schedule:
            defer_auto_export(None)
        if self._timer.isActive():
            self._timer.stop()
            self._rewrite()


__all__ = ["AutoExport", "PAUSE_MS"]
