"""Home: who to reach out to this week and why, follow-ups due, help you owe,
your groups, the social / professional / group mix, and interactions per month
by context (QtCharts). Read in the background, never at start-up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QChart
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from entregent.i18n import _, ngettext
from entregent.ui.home_cards import PeopleCard
from entregent.ui.home_charts import MIX_COLOURS, Legend, chart_view, fill_mix, fill_months
from entregent.ui.home_groups import GroupRows
from entregent.ui.plain import plain_label

__all__ = ["HomeView", "read_home", "MIX_COLOURS", "PeopleCard"]

CARD_ROWS = 50  # the items of each reason read for the cards
REACH_KINDS = ("overdue", "informal", "birthday")  # the "Reach out this week" card


def read_home():
    """What Home shows (run on a worker)."""
    from entregent.services.people.avatars import context_colours
    from entregent.services.people.detail import anybody

    # The first of each reason only (a card shows a few; on 100,000 people the whole
    # list is tens of thousands of items): the cards' totals come from the counts.
    from entregent.services.people.organizations import list_groups
    from entregent.services.relations.due import due_firsts
    from entregent.services.relations.insights import dashboard

    due = due_firsts(CARD_ROWS)
    today = dt.date.today()
    groups = [g for g in list_groups() if g.active_on(today)]
    return dashboard(), due, context_colours(d.contact_id for d in due), anybody(), groups


class Card(QFrame):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("homeCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#homeCard { background: palette(base); border-radius: 8px; }")
        self.layout_ = QVBoxLayout(self)
        heading = plain_label(title)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        heading.setFont(font)
        self.layout_.addWidget(heading)


class HomeView(QScrollArea):
    # A card's "See all": its reasons (kinds of DueItem) and its title.
    see_all_requested = Signal(tuple, str)
    settings_requested = Signal()

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("homeView")
        self.setAccessibleName(_("Home"))
        # A frame around the cards, not a stop of its own: Tab goes to the
        # cards' buttons, and the area scrolls to show the one with the focus.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleDescription(
            _("Your week: who to reach out to, follow-ups, help to return, groups and charts")
        )
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.loaded = False
        self._job = None
        body = QWidget()
        self.setWidget(body)
        grid = QGridLayout(body)
        grid.setContentsMargins(14, 12, 14, 12)
        grid.setSpacing(12)
        self.title = plain_label(_("Hello! Here is your network this week."))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.nudges_label = plain_label("")
        self.nudges_label.setObjectName("nudgesLabel")
        self.nudges_label.setWordWrap(True)
        grid.addWidget(self.title, 0, 0, 1, 3)
        grid.addWidget(self.nudges_label, 1, 0, 1, 3)
        from entregent.ui.first_steps import FirstSteps

        self.first_steps = FirstSteps()
        self.first_steps.import_requested.connect(lambda: self.window().open_import([]))
        self.first_steps.hide()
        grid.addWidget(self.first_steps, 1, 0, 1, 3)

        self.reach_card = PeopleCard(_("Reach out this week"), context, kinds=REACH_KINDS)
        self.reach_card.set_empty(
            _("Nobody is waiting for news from you. Enjoy!"),
            _("Set how often to keep in touch…"),
            lambda: self.settings_requested.emit(),
        )
        self.followups_card = PeopleCard(_("Follow-ups due"), context, kinds=("follow_up",))
        self.followups_card.set_empty(
            _("No follow-up due. Plan one from a person's page (Follow up…).")
        )
        self.owed_card = PeopleCard(_("Help you could return"), context, kinds=("owed_help",))
        self.owed_card.set_empty(
            _("You owe nobody a good turn right now. Log help received to see it here.")
        )
        for card in (self.reach_card, self.followups_card, self.owed_card):
            card.see_all.connect(lambda c=card: self.see_all_requested.emit(c.kinds, c.title))
        grid.addWidget(self.reach_card, 2, 0)
        grid.addWidget(self.followups_card, 2, 1)
        grid.addWidget(self.owed_card, 2, 2)

        self.groups_card = Card(_("Your groups"))
        self.group_rows = GroupRows(self.groups_card)
        self.groups_card.layout_.addWidget(self.group_rows)
        self.groups_label = plain_label("")
        self.groups_label.setObjectName("groupsSummaryLabel")
        self.groups_label.setWordWrap(True)
        self.groups_card.layout_.addWidget(self.groups_label)
        self.balance_label = plain_label("")
        self.balance_label.setWordWrap(True)
        self.groups_card.layout_.addWidget(self.balance_label)
        self.groups_card.layout_.addStretch(1)
        grid.addWidget(self.groups_card, 4, 0, 1, 3)

        self.mix_card, self.mix_chart, self.mix_legend = _chart_card(
            _("Social, professional, group (90 days)"), _("Mix of interactions"), 200
        )
        grid.addWidget(self.mix_card, 3, 2)
        self.months_card, self.months_chart, self.months_legend = _chart_card(
            _("Interactions per month, by context"), _("Interactions per month"), 240
        )
        grid.addWidget(self.months_card, 3, 0, 1, 2)
        grid.setRowStretch(5, 1)
        for column in range(3):
            grid.setColumnStretch(column, 1)

    def reload(self) -> None:
        if self._job is not None and not self._job.finished:
            return
        self._job = self.context.workers.run(lambda job: read_home(), self.fill, abandon=True)

    def fill(self, data) -> None:
        insights, due = data[0], data[1]
        self._job = None
        self.loaded = True
        colours = data[2] if len(data) > 2 else {}
        anybody = data[3] if len(data) > 3 else True
        self._show_first_steps(not anybody)
        if not anybody:
            return
        counted = insights.due_by_kind
        reach_kinds = REACH_KINDS
        reach = [d for d in due if d.kind in reach_kinds]
        self.reach_card.fill(reach, colours, total=sum(counted.get(k, 0) for k in reach_kinds))
        self.followups_card.fill(
            [d for d in due if d.kind == "follow_up"], colours, total=counted.get("follow_up")
        )
        self.owed_card.fill(
            [d for d in due if d.kind == "owed_help"], colours, total=counted.get("owed_help")
        )
        self.group_rows.fill(data[4] if len(data) > 4 else [])
        self.nudges_label.setText("\n".join(insights.nudges))
        self.groups_label.setText(
            ngettext(
                "You take an active part in {n} group.",
                "You take an active part in {n} groups.",
                insights.active_groups,
            ).format(n=insights.active_groups)
        )
        ledger = insights.balance
        self.balance_label.setText(
            _("This year: help given {given}, help received {received}, asks {asks}.").format(
                given=ledger.help_given, received=ledger.help_received, asks=ledger.asks
            )
        )
        self._fill_mix(insights)
        self._fill_months(insights)

    def _show_first_steps(self, empty: bool) -> None:
        """An empty network: the first things to do, none of the weekly cards."""
        self.title.setText(
            _("Welcome to Entregent.") if empty else _("Hello! Here is your network this week.")
        )
        self.first_steps.setVisible(empty)
        for card in (
            self.nudges_label,
            self.reach_card,
            self.followups_card,
            self.owed_card,
            self.groups_card,
            self.mix_card,
            self.months_card,
        ):
            card.setVisible(not empty)

    def _fill_mix(self, insights) -> None:
        fill_mix(self.mix_chart, self.mix_legend, insights.mix)

    def _fill_months(self, insights) -> None:
        fill_months(self.months_chart, self.months_legend, insights.months, insights.per_context)


def _chart_card(title: str, accessible_name: str, min_height: int) -> tuple[Card, QChart, Legend]:
    """A card holding one chart and its wrapping legend below."""
    card = Card(title)
    chart = QChart()
    card.layout_.addWidget(chart_view(chart, accessible_name, min_height), 1)
    legend = Legend(_("Legend of “{chart}”").format(chart=title), card)
    card.layout_.addWidget(legend)
    return card, chart, legend
