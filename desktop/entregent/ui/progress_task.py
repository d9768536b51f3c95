"""Long work the person waits for (seconds on a large network): run on a worker
behind a window-modal progress dialog with Cancel, so that the window keeps
painting and nothing else is changed meanwhile. A cancel is not an error: the
service raises ``entregent.errors.Cancelled`` and leaves everything as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from entregent.i18n import _

# task(progress, cancelled): progress(done, total) as work goes; cancelled() polled.
Task = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


def run_with_progress(
    context,
    parent,
    text: str,
    task: Task,
    on_success: Callable[[Any], None] | None = None,
    *,
    name: str = "progressDialog",
):
    """Start ``task`` on ``context``'s workers; returns the progress dialog (its
    ``job`` attribute is the worker's job). ``on_success(result)`` runs on the
    UI thread; a failure other than a cancel is shown in a dialog."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    from entregent.errors import Cancelled
    from entregent.ui.errors_dialog import show_error

    dialog = QProgressDialog(text, _("Cancel"), 0, 0, parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(_("Entregent"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # not for what ends at once
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)

    def done(result) -> None:
        dialog.close()
        if on_success is not None:
            on_success(result)

    def failed(exc: BaseException) -> None:
        dialog.close()
        if not isinstance(exc, Cancelled):
            context.last_error = show_error(parent, exc)

    def progressed(count: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(count, total))

    job = context.workers.run(lambda job: task(job.report, job.cancelled), done, failed)
    job.progressed.connect(progressed)
    dialog.canceled.connect(job.cancel)
    dialog.job = job
    return dialog


__all__ = ["run_with_progress"]
