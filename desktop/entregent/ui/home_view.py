"""Home: who to reach out to this week and why, follow-ups due, help you owe,
your groups, the social / professional / group mix, and interactions per month
by context (QtCharts). Read in the background, never at start-up."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _, ngettext
from entregent.ui.plain import plain_label

IdRole = Qt.ItemDataRole.UserRole + 1
MIX_COLOURS = {"social": "#e67e22", "professional": "#2980b9", "group": "#16a085"}


def read_home():
    """What Home shows (run on a worker)."""
    from entregent.services.relations.due import due_list
    from entregent.services.relations.insights import dashboard

    return dashboard(), due_list()


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


class PeopleCard(Card):
    """A card listing people with the reason they are there; activating one opens them."""

    def __init__(self, title: str, context, parent=None):
        super().__init__(title, parent)
        self.context = context
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(150)
        self.list.itemActivated.connect(self._open)
        self.list.itemDoubleClicked.connect(self._open)
        self.empty = plain_label("")
        self.empty.setStyleSheet("color: #6b7785;")
        self.empty.setWordWrap(True)
        self.layout_.addWidget(self.list)
        self.layout_.addWidget(self.empty)

    def fill(self, items, empty_text: str) -> None:
        self.list.clear()
        for entry in items[:50]:
            item = QListWidgetItem(f"{entry.name or _('(no name)')} — {entry.reason}")
            item.setData(IdRole, entry.contact_id)
            item.setToolTip(entry.reason)
            self.list.addItem(item)
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items)
        self.empty.setText(empty_text)

    def _open(self, item: QListWidgetItem) -> None:
        self.context.person_requested.emit(item.data(IdRole))


class HomeView(QScrollArea):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("homeView")
        self.setAccessibleName(_("Home"))
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

        self.reach_card = PeopleCard(_("Reach out this week"), context)
        self.followups_card = PeopleCard(_("Follow-ups due"), context)
        self.owed_card = PeopleCard(_("Help you could return"), context)
        grid.addWidget(self.reach_card, 2, 0)
        grid.addWidget(self.followups_card, 2, 1)
        grid.addWidget(self.owed_card, 2, 2)

        self.groups_card = Card(_("Your groups"))
        self.groups_label = plain_label("")
        self.groups_label.setObjectName("groupsSummaryLabel")
        self.groups_label.setWordWrap(True)
        self.groups_card.layout_.addWidget(self.groups_label)
        self.balance_label = plain_label("")
        self.balance_label.setWordWrap(True)
        self.groups_card.layout_.addWidget(self.balance_label)
        self.groups_card.layout_.addStretch(1)
        grid.addWidget(self.groups_card, 4, 0, 1, 3)

        self.mix_card, self.mix_chart = _chart_card(
            _("Social, professional, group (90 days)"), _("Mix of interactions"), 200
        )
        grid.addWidget(self.mix_card, 3, 2)
        self.months_card, self.months_chart = _chart_card(
            _("Interactions per month, by context"), _("Interactions per month"), 240
        )
        grid.addWidget(self.months_card, 3, 0, 1, 2)
        grid.setRowStretch(5, 1)
        for column in range(3):
            grid.setColumnStretch(column, 1)

    def reload(self) -> None:
        if self._job is not None and not self._job.finished:
            return
        self._job = self.context.workers.run(lambda job: read_home(), self.fill)

    def fill(self, data) -> None:
        insights, due = data
        self._job = None
        self.loaded = True
        reach = [d for d in due if d.kind in ("overdue", "informal", "birthday")]
        self.reach_card.fill(reach, _("Nobody is waiting for news from you. Enjoy!"))
        self.followups_card.fill([d for d in due if d.kind == "follow_up"], _("No follow-up due."))
        self.owed_card.fill(
            [d for d in due if d.kind == "owed_help"], _("You owe nobody a good turn right now.")
        )
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

    def _fill_mix(self, insights) -> None:
        from entregent.network.kinds import REGISTER_LABELS

        self.mix_chart.removeAllSeries()
        series = QPieSeries()
        for register in ("social", "professional", "group"):
            count = insights.mix.get(register, 0)
            if count:
                part = series.append(f"{_(REGISTER_LABELS[register])} ({count})", count)
                part.setColor(QColor(MIX_COLOURS[register]))
        if not series.count():
            series.append(_("nothing yet"), 1).setColor(QColor("#d5d8dc"))
        series.setHoleSize(0.45)
        self.mix_chart.addSeries(series)

    def _fill_months(self, insights) -> None:
        chart = self.months_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QStackedBarSeries()
        highest = 0
        totals = [0] * len(insights.months)
        for context_series in insights.per_context:
            if not any(context_series.counts):
                continue
            bar = QBarSet(context_series.label)
            bar.setColor(QColor(context_series.colour))
            for index, count in enumerate(context_series.counts):
                bar.append(count)
                totals[index] += count
            series.append(bar)
        highest = max(totals, default=0)
        top = max(4, -(-highest // 4) * 4)  # a multiple of 4: whole numbers on 5 ticks
        chart.addSeries(series)
        months = QBarCategoryAxis()
        locale = QLocale()
        months.append(
            [locale.monthName(int(m[5:7]), QLocale.FormatType.ShortFormat) for m in insights.months]
        )
        values = QValueAxis()
        values.setRange(0, top)
        values.setTickCount(5)
        values.setLabelFormat("%d")
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(values)


__all__ = ["HomeView", "read_home"]


def _chart_card(title: str, accessible_name: str, min_height: int) -> tuple[Card, QChart]:
    """A card holding one chart: legend below, no margins, no background."""
    card = Card(title)
    chart = QChart()
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(0, 0, 0, 0))
    chart.setBackgroundVisible(False)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(min_height)
    view.setAccessibleName(accessible_name)
    card.layout_.addWidget(view)
    return card, chart
