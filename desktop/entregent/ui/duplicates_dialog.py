"""Possible duplicates, side by side, merged with one click (undoable).

Pairs come from the import report or from ``services.merge.duplicate_pairs``;
merging calls ``services.merge.merge_contacts`` and its undo ``unmerge``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
)

from entregent.i18n import _
from entregent.ui.plain import plain_label


def pair_ids(pair) -> tuple[int, int]:
    """(the one kept, the one merged into it) from a pair of any shape the services give."""
    if hasattr(pair, "existing_id"):
        return pair.existing_id, pair.contact_id
    if hasattr(pair, "keep_id"):
        return pair.keep_id, pair.other_id
    if hasattr(pair, "first_id"):
        return pair.first_id, pair.second_id
    first, second = pair[0], pair[1]
    return int(getattr(first, "id", first)), int(getattr(second, "id", second))


def describe(detail) -> str:
    lines = [detail.name or _("(no name)")]
    if detail.org or detail.title:
        lines.append(" · ".join(p for p in (detail.title, detail.org) if p))
    lines += [f"{m.label or m.kind}: {m.value}" for m in detail.methods[:6]]
    if detail.contexts:
        lines.append(", ".join(c.label for c in detail.contexts))
    lines.append(_("{n} interactions").format(n=detail.interaction_count))
    return "\n".join(lines)


class DuplicatesDialog(QDialog):
    def __init__(self, context, parent=None, *, pairs=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(_("Possible duplicates"))
        self.setMinimumSize(620, 320)
        self.pairs: list[tuple[int, int]] = []
        self.searching = pairs is None  # read on a worker (a second on 100,000 people)
        self.index = 0
        self.merged: list = []
        self.left = plain_label("")
        self.right = plain_label("")
        for label in (self.left, self.right):
            label.setWordWrap(True)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            label.setMargin(10)
            label.setMinimumWidth(260)
        self.position_label = plain_label("")
        self.merge_button = QPushButton(_("Merge into the left one"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setAccessibleDescription(
            _("Keep one person with everything both records hold (undoable)")
        )
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.merge_current)
        self.skip_button = QPushButton(_("Not the same person"))
        self.skip_button.setObjectName("skipButton")
        self.skip_button.setAccessibleDescription(_("Keep both and show the next pair"))
        self.skip_button.clicked.connect(self.next_pair)
        close = QPushButton(_("Close"))
        close.setAccessibleDescription(_("Close this window"))
        close.clicked.connect(self.accept)
        side = QHBoxLayout()
        side.addWidget(self.left)
        side.addWidget(self.right)
        buttons = QHBoxLayout()
        buttons.addWidget(self.position_label, 1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(buttons)
        if pairs is None:
            from entregent.services.people.merge import duplicate_pairs

            self._show()
            self.job = context.workers.run(
                lambda job: duplicate_pairs(), self.set_pairs, self._not_found
            )
        else:
            self.set_pairs(pairs)

    def set_pairs(self, pairs) -> None:
        self.searching = False
        found = [pair_ids(p) for p in pairs]
        self.pairs = [p for p in dict.fromkeys(found) if p[0] != p[1]]
        self.index = 0
        self._show()

    def _not_found(self, exc: BaseException) -> None:
        from entregent.ui.errors_dialog import show_error

        self.set_pairs([])
        self.context.last_error = show_error(self, exc)

    def current(self) -> tuple[int, int] | None:
        return self.pairs[self.index] if self.index < len(self.pairs) else None

    def _show(self) -> None:
        from entregent.services.people.detail import person_detail

        while self.current() is not None:
            keep, other = self.current()
            try:
                self.left.setText(describe(person_detail(keep)))
                self.right.setText(describe(person_detail(other)))
                break
            except Exception:  # one of them was merged or deleted meanwhile
                self.index += 1
        pair = self.current()
        self.merge_button.setEnabled(pair is not None)
        self.skip_button.setEnabled(pair is not None)
        if self.searching:
            self.left.setText(_("Looking for people who may be the same…"))
            self.right.setText("")
            self.position_label.setText("")
        elif pair is None:
            self.left.setText(_("No more possible duplicates."))
            self.right.setText("")
            self.position_label.setText("")
        else:
            self.position_label.setText(_("{i} of {n}").format(i=self.index + 1, n=len(self.pairs)))

    def next_pair(self) -> None:
        self.index += 1
        self._show()

    def merge_current(self) -> None:
        from entregent.services.people.merge import merge_contacts, unmerge

        pair = self.current()
        if pair is None:
            return
        keep, other = pair
        result = self.context.act(
            self, _("Merge two people"), lambda: merge_contacts(keep, other), unmerge
        )
        if result is not None:
            self.merged.append(result)
        self.next_pair()
