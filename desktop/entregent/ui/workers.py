"""The one way the app works in the background.

``Workers.run(task, on_success, on_failure)`` runs ``task(job)`` on a thread
of a ``QThreadPool``; the callbacks run later on the UI thread (queued signals),
so no widget is ever touched from a worker. The task may report progress with
``job.report(done, total)`` and should poll ``job.cancelled()``. Each worker
thread closes its database connection when its task ends. ``join()`` waits for
every task and delivers the pending callbacks (the main window calls it when it
closes, tests in their teardown).

A task started with ``abandon=True`` (a read, the day's backup) is given up when
the window closes: ``abandon()`` cancels it and interrupts the statement its
thread is running, so that closing never waits for a long query. A
``background=True`` task (the backup) does not keep the window from being
"settled" (``busy(foreground=True)``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot


class _Signals(QObject):
    finished = Signal(bool, object)  # ok, result or exception
    progressed = Signal(int, int)


class Job(QObject):
    """One piece of background work, seen from the UI thread."""

    progressed = Signal(int, int)
    done = Signal()

    def __init__(
        self,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        parent: QObject,
        *,
        abandon: bool = False,
        background: bool = False,
    ):
        super().__init__(parent)
        self.abandon = abandon
        self.background = background
        self.thread_id: int | None = None  # the worker thread's, once it runs
        self._on_success = on_success
        self._on_failure = on_failure
        self._cancel = threading.Event()
        self.finished = False
        self.signals = _Signals()
        self.signals.finished.connect(self._finish)
        self.signals.progressed.connect(self.progressed)

    # Called from the worker thread -------------------------------------------------
    def report(self, done: int, total: int) -> None:
        self.signals.progressed.emit(int(done), int(total))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # Called from the UI thread -----------------------------------------------------
    def cancel(self) -> None:
        self._cancel.set()

    @Slot(bool, object)
    def _finish(self, ok: bool, value: object) -> None:
        self.finished = True
        try:
            if ok and self._on_success is not None:
                self._on_success(value)
            elif not ok:
                if self._on_failure is None and self.abandon and self.cancelled():
                    pass  # given up as the window closes: nothing to tell
                elif self._on_failure is not None:
                    self._on_failure(value)  # type: ignore[arg-type]
                else:
                    from entregent.ui.errors_dialog import show_error

                    show_error(None, value)  # type: ignore[arg-type]
        finally:
            self.done.emit()
            self.deleteLater()


class _Task(QRunnable):
    def __init__(self, task: Callable[[Job], Any], job: Job):
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._job = job
        self._signals = job.signals

    def run(self) -> None:  # on the worker thread
        self._job.thread_id = threading.get_ident()
        try:
            result = self._task(self._job)
        except BaseException as exc:  # delivered to on_failure on the UI thread
            outcome = (False, exc)
        else:
            outcome = (True, result)
        finally:
            _close_thread_connection()
            _forget_thread()
        try:
            self._signals.finished.emit(*outcome)
        except RuntimeError:  # the app is shutting down: nobody to tell
            pass


def _forget_thread() -> None:
    from entregent.services.storage.session import forget_thread

    forget_thread(threading.get_ident())


def _close_thread_connection() -> None:
    from entregent.services.storage.session import close_thread_connection

    close_thread_connection()


class Workers(QObject):
    """A small pool for the app's background work."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._jobs: set[Job] = set()

    def run(
        self,
        task: Callable[[Job], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        abandon: bool = False,
        background: bool = False,
    ) -> Job:
        job = Job(on_success, on_failure, self, abandon=abandon, background=background)
        self._jobs.add(job)
        job.done.connect(lambda: self._jobs.discard(job))
        self.pool.start(_Task(task, job))
        return job

    def busy(self, foreground: bool = False) -> bool:
        """Any task still to finish (``foreground``: not counting background ones)."""
        return any(not (foreground and job.background) for job in self._jobs)

    def abandon(self) -> None:
        """Give up the tasks started with ``abandon=True``: cancelled, and the statement
        each is running interrupted (the window is closing)."""
        from entregent.services.storage.session import interrupt_thread

        for job in list(self._jobs):
            if job.abandon and not job.finished:
                job.cancel()
                interrupt_thread(job.thread_id)

    def join(self, cancel: bool = True) -> None:
        """Wait for every task (cancelling them first) and deliver their callbacks,
        including tasks that those callbacks start."""
        for _round in range(50):
            if cancel:
                for job in list(self._jobs):
                    job.cancel()
            self.pool.waitForDone()
            for _attempt in range(20):
                if not self._jobs:
                    break
                QCoreApplication.processEvents()
            if not self._jobs and self.pool.activeThreadCount() == 0:
                return
