"""What every view and dialog of the app shares, handed to them at creation:
the undo stack, the background workers, and the signals that say the data
changed or that a person should be shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from entregent.ui.errors_dialog import show_error
from entregent.ui.undo_commands import perform
from entregent.ui.workers import Workers


class AppContext(QObject):
    data_changed = Signal()  # something was written: views re-read what they show
    person_requested = Signal(int)  # show this person (e.g. "introduced by" link)
    log_requested = Signal(int)  # open the log dialog for this person
    ask_requested = Signal(int)  # open the ask dialog for this person
    answer_requested = Signal(int)  # answer one of this person's open asks

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        self.workers = Workers(self)
        self.undo_stack.indexChanged.connect(self._stack_moved)
        self.last_error = None  # the dialog of the last error shown (tests read it)

    @Slot(int)
    def _stack_moved(self, _index: int) -> None:
        self.data_changed.emit()

    def act(
        self, parent: QWidget | None, text: str, do: Callable[[], Any], undo: Callable[[Any], None]
    ) -> Any:
        """Do an undoable change; on failure show the error and return None."""
        try:
            return perform(self.undo_stack, text, do, undo)
        except Exception as exc:  # shown to the user, not raised into Qt
            self.last_error = show_error(parent, exc)
            return None

    def call(self, parent: QWidget | None, fn: Callable[..., Any], *args, **kwargs) -> Any:
        """Do a change that cannot be undone; on failure show the error, return None."""
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:
            self.last_error = show_error(parent, exc)
            return None
        self.data_changed.emit()
        return result
