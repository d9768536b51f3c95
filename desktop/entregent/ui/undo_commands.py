"""Undo and redo over the services (``QUndoStack``, Ctrl+Z / Ctrl+Shift+Z).

``perform(stack, text, do, undo)`` runs ``do()`` now; only when it succeeds is
a command pushed, whose undo calls ``undo(result)`` and whose redo runs
``do()`` again (a redo may return a new result, e.g. a new id). A failing
``do`` raises to the caller and leaves the stack untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str, do: Callable[[], Any], undo: Callable[[Any], None], result: Any):
        super().__init__(text)
        self._do = do
        self._undo = undo
        self.result = result
        self._first = True

    def redo(self) -> None:
        if self._first:  # already done by perform()
            self._first = False
            return
        self.result = self._do()

    def undo(self) -> None:
        self._undo(self.result)


def perform(
    stack: QUndoStack, text: str, do: Callable[[], Any], undo: Callable[[Any], None]
) -> Any:
    """Do it now and make it undoable; returns what ``do`` returned."""
    result = do()
    stack.push(ServiceCommand(text, do, undo, result))
    return result
