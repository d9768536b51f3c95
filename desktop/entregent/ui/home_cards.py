"""Home's cards of people: each row an initials avatar in the person's context
colour, the name, one short reason, when, and the row's actions (Log…, Snooze,
Open), every one reachable with Tab; an empty state with a next step; "See all"
when a card holds more than it shows.

``PeopleCard.empty_box`` is the place for a card's empty state: a text and an
optional button (``set_empty``); other states (a first-run guide) can add their
own widgets to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _
from entregent.services.people.avatars import NO_CONTEXT_COLOUR
from entregent.ui.avatar import AVATAR, avatar_pixmap
from entregent.ui.elided_label import ElidedLabel
from entregent.ui.icons import icon
from entregent.ui.locale_format import relative_day
from entregent.ui.plain import plain_label

ROWS_SHOWN = 5


def short_reason(item, today: dt.date) -> str:
    """A few words for why the person is on the card (the full sentence is the tooltip)."""
    if item.kind == "overdue":
        return _("Last in touch")
    if item.kind == "follow_up":
        from entregent.network.cadence import follow_up_reason

        lead = follow_up_reason(item.date, "", today) if item.date else ""
        note = item.reason[len(lead) :].strip() if item.reason.startswith(lead) else ""
        return note or _("Follow-up due")
    if item.kind == "informal":
        return _("Met recently")
    if item.kind == "owed_help":
        return _("Helped you")
    if item.kind == "birthday":
        return _("Birthday")
    return item.reason


class PersonRow(QFrame):
    """One person on a card."""

    def __init__(self, item, colour: str, card: PeopleCard, today: dt.date):
        super().__init__(card)
        self.item = item
        self.setObjectName("homePersonRow")
        name = item.name or _("(no name)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 3, 2, 3)
        layout.setSpacing(8)
        self.avatar = QLabel(self)
        self.avatar.setPixmap(avatar_pixmap(name, colour))
        self.avatar.setFixedSize(AVATAR, AVATAR)
        self.avatar.setAccessibleName(_("Initials of {name}").format(name=name))
        layout.addWidget(self.avatar)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.name_label = ElidedLabel(name, self)
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        when = relative_day(item.date, today) if item.date else ""
        reason = short_reason(item, today)
        self.reason_label = ElidedLabel(f"{reason} · {when}" if when else reason, self)
        self.reason_label.setObjectName("homeReasonLabel")
        self.reason_label.setToolTip(item.reason)
        self.reason_label.setStyleSheet("color: palette(placeholder-text);")
        texts.addWidget(self.name_label)
        texts.addWidget(self.reason_label)
        layout.addLayout(texts, 1)
        self.log_button = self._button("log", _("Log…"), _("Log an interaction with {name}"), name)
        self.log_button.clicked.connect(lambda: card.context.log_requested.emit(item.contact_id))
        self.snooze_button = None
        if item.kind in ("overdue", "follow_up", "informal"):
            self.snooze_button = self._button(
                "followup", _("Snooze"), _("Remind me about {name} in a week"), name
            )
            self.snooze_button.clicked.connect(lambda: card.snooze(item))
        self.open_button = self._button("person", _("Open"), _("Show the page of {name}"), name)
        self.open_button.clicked.connect(
            lambda: card.context.person_requested.emit(item.contact_id)
        )
        self.setToolTip(item.reason)
        self.setAccessibleName(f"{name}: {item.reason}")

    def _button(self, icon_name: str, text: str, description: str, name: str) -> QToolButton:
        """An icon button (its words as tooltip and accessible name)."""
        button = QToolButton(self)
        button.setText(text)
        button.setIcon(icon(icon_name))
        button.setIconSize(QSize(18, 18))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setAccessibleName(f"{text.rstrip('…')} {name}".strip())
        button.setAccessibleDescription(description.format(name=name))
        button.setToolTip(f"{text} — {description.format(name=name)}")
        self.layout().addWidget(button)
        return button


class PeopleCard(QFrame):
    """A card listing people with why; shows ``ROWS_SHOWN`` and a "See all" button."""

    see_all = Signal()

    def __init__(self, title: str, context, parent=None, kinds: tuple[str, ...] = ()):
        super().__init__(parent)
        self.context = context
        self.title = title
        self.kinds = kinds  # the reasons this card lists (its "See all" lists them all)
        self.setObjectName("homeCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#homeCard { background: palette(base); border-radius: 8px; }")
        self.setAccessibleName(title)
        self.layout_ = QVBoxLayout(self)
        self.heading = plain_label(title)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.layout_.addWidget(self.heading)
        self.rows_box = QWidget(self)
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(0)
        self.layout_.addWidget(self.rows_box)
        self.empty_box = QWidget(self)
        empty_layout = QVBoxLayout(self.empty_box)
        empty_layout.setContentsMargins(0, 4, 0, 4)
        self.empty = plain_label("", self.empty_box)
        self.empty.setObjectName("homeEmptyLabel")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.empty_action = QPushButton(self.empty_box)
        self.empty_action.setObjectName("homeEmptyAction")
        self.empty_action.hide()
        self._empty_callback: Callable[[], None] | None = None
        self.empty_action.clicked.connect(lambda: self._empty_callback and self._empty_callback())
        empty_layout.addWidget(self.empty)
        empty_layout.addWidget(self.empty_action, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(self.empty_box)
        self.layout_.addStretch(1)
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("homeSeeAllButton")
        self.more_button.setFlat(True)
        self.more_button.clicked.connect(self.see_all.emit)
        self.more_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.layout_.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignRight)
        self.rows: list[PersonRow] = []
        self.items: list = []

    def set_empty(
        self, text: str, action: str | None = None, then: Callable[[], None] | None = None
    ) -> None:
        """What the card says when nobody is on it, with an optional next step."""
        self.empty.setText(text)
        self._empty_callback = then
        self.empty_action.setText(action or "")
        self.empty_action.setAccessibleName(action or "")
        self.empty_action.setAccessibleDescription(text)
        self.empty_action.setVisible(bool(action and then))

    def fill(
        self,
        items,
        colours: dict[int, str],
        today: dt.date | None = None,
        total: int | None = None,
    ) -> None:
        """``items``: the first of the card's people; ``total``: how many there are in
        all (default: as many as given)."""
        today = today or dt.date.today()
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.items = list(items)
        self.rows = [
            PersonRow(item, colours.get(item.contact_id, NO_CONTEXT_COLOUR), self, today)
            for item in self.items[:ROWS_SHOWN]
        ]
        for row in self.rows:
            self.rows_layout.addWidget(row)
        self.rows_box.setVisible(bool(self.rows))
        self.empty_box.setVisible(not self.items)
        total = max(total if total is not None else 0, len(self.items))
        more = total - len(self.rows)
        self.more_button.setVisible(more > 0)
        self.more_button.setText(_("See all ({n})").format(n=total))
        self.more_button.setAccessibleName(
            _("See all {n} in “{card}”").format(n=total, card=self.title)
        )

    def snooze(self, item) -> None:
        """Put the person off for a week: a follow-up due moves on seven days; anyone
        else gets a follow-up in seven days (which keeps them off the card till then)."""
        from entregent.services.relations.followups import (
            create_followup,
            delete_followup,
            reschedule_followup,
        )

        later = dt.date.today() + dt.timedelta(days=7)
        name = item.name or _("(no name)")
        text = _("Snooze {name}").format(name=name)
        if item.follow_up_id is not None:
            before = item.date
            self.context.act(
                self,
                text,
                lambda: reschedule_followup(item.follow_up_id, later),
                lambda _r: reschedule_followup(item.follow_up_id, before),
            )
        else:
            self.context.act(
                self,
                text,
                lambda: create_followup(item.contact_id, later, note=_("Snoozed from Home")),
                lambda made: delete_followup(made),
            )
