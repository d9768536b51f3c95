"""A one-line label that elides its text with "…" when narrow, the whole text then
shown as its tooltip (user text as plain text)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""
        self._own_tip = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text or ""
        self.setAccessibleName(self._full)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def setToolTip(self, tip: str) -> None:  # noqa: N802
        self._own_tip = tip
        super().setToolTip(tip)

    def is_elided(self) -> bool:
        return super().text() != self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("…") * 3, hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(
            self.fontMetrics().horizontalAdvance(self._full) + 2, super().sizeHint().height()
        )

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(0, self.contentsRect().width())
        )
        super().setText(shown)
        if shown != self._full:
            tip = self._full if not self._own_tip else f"{self._full}\n{self._own_tip}"
            super().setToolTip(tip)
        else:
            super().setToolTip(self._own_tip)


class ElidedButton(QPushButton):
    """A flat link-like button whose text elides with "…" (its full text then in
    the tooltip) instead of being cut at the edge."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self._full = text
        self._own_tip = ""
        self.setAccessibleName(text)
        super().setText(text)

    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return self.text() != self._full

    def setToolTip(self, tip: str) -> None:  # noqa: N802
        self._own_tip = tip
        super().setToolTip(tip)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        room = max(0, self.width() - 12)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        super().setText(shown)
        if shown != self._full and self._full not in self._own_tip:
            super().setToolTip(f"{self._full}\n{self._own_tip}" if self._own_tip else self._full)
        else:
            super().setToolTip(self._own_tip)
