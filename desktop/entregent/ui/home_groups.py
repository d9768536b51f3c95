"""Home's "Your groups" rows: each group you take part in with how many people
you know there and what you gave it, and a button that lists those people; an
empty state that says why groups are worth joining."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from entregent.i18n import _, ngettext
from entregent.ui.elided_label import ElidedLabel
from entregent.ui.icons import icon
from entregent.ui.plain import plain_label

COLUMNS = 2  # the card spans the window: two groups side by side


def group_facts(members: int, contributions: int) -> str:
    """ "12 people you know · 3 contributions" (the second part only when some)."""
    known = ngettext("{n} person you know", "{n} people you know", members).format(n=members)
    if not contributions:
        return known
    given = ngettext("{n} contribution", "{n} contributions", contributions).format(n=contributions)
    return f"{known} · {given}"


class GroupRow(QFrame):
    def __init__(self, group, rows: GroupRows):
        super().__init__(rows)
        self.group = group
        self.setObjectName("homeGroupRow")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 3, 2, 3)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.name_label = ElidedLabel(group.name, self)
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.facts_label = ElidedLabel(group_facts(group.members, group.contributions), self)
        self.facts_label.setStyleSheet("color: palette(placeholder-text);")
        texts.addWidget(self.name_label)
        texts.addWidget(self.facts_label)
        layout.addLayout(texts, 1)
        self.show_button = QToolButton(self)
        self.show_button.setObjectName("homeGroupShowButton")
        self.show_button.setText(_("Show"))
        self.show_button.setIcon(icon("people"))
        self.show_button.setIconSize(QSize(18, 18))
        self.show_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.show_button.setAutoRaise(True)
        self.show_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.show_button.setAccessibleName(_("Show {group}").format(group=group.name))
        description = _("List the people you know in {group}").format(group=group.name)
        self.show_button.setAccessibleDescription(description)
        self.show_button.setToolTip(description)
        self.show_button.clicked.connect(lambda: rows.group_requested.emit(group.id))
        layout.addWidget(self.show_button)


class GroupRows(QWidget):
    """The groups still active, two a line; ``group_requested(id)`` on Show."""

    group_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(0)
        self.rows: list[GroupRow] = []
        self.empty = plain_label(
            _(
                "No group yet. Two or three associations, a lunch group or a charity "
                "bring you people you would not meet otherwise."
            ),
            self,
        )
        self.empty.setObjectName("homeGroupsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")

    def fill(self, groups) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.grid.removeWidget(self.empty)
        self.rows = [GroupRow(g, self) for g in groups]
        for index, row in enumerate(self.rows):
            self.grid.addWidget(row, index // COLUMNS, index % COLUMNS)
        if not self.rows:
            self.grid.addWidget(self.empty, 0, 0, 1, COLUMNS)
        self.empty.setVisible(not self.rows)
