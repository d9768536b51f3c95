"""Home's charts: the mix of registers (a ring) and interactions per month by
context (stacked bars) with "nice" axis steps (1, 2, 5 × 10ⁿ), a legend that
wraps instead of cutting names (each entry's full name as its tooltip), and the
current month drawn lighter and labelled "so far". Colours are the contexts'
own (``entregent.palette``); the chart follows the light or dark palette."""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QLayout, QWidget, QWidgetItem

from entregent.i18n import _
from entregent.palette import PALETTE

# The registers' colours: three of the palette's hues.
MIX_COLOURS = {"social": PALETTE[1], "professional": PALETTE[3], "group": PALETTE[2]}
LEGEND_NAME_WIDTH = 160  # px: a longer name is elided, the full name its tooltip


def nice_axis(highest: float, most_ticks: int = 6) -> tuple[int, int]:
    """(top, step): a step of 1, 2 or 5 × 10ⁿ with at most ``most_ticks`` ticks from
    0 to ``top``, the smallest top at or above ``highest``."""
    highest = max(1, highest)
    raw = highest / (most_ticks - 1)
    power = 10 ** max(0, math.floor(math.log10(raw)))
    for factor in (1, 2, 5, 10):
        step = factor * power
        if step >= raw:
            break
    top = math.ceil(highest / step) * step
    return int(top), int(step)


def is_dark() -> bool:
    palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def themed_chart(chart: QChart) -> None:
    """Axis labels and grid in the palette's colours (light or dark)."""
    palette = QApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    grid = QColor(text)
    grid.setAlpha(40)
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setGridLineColor(grid)
        axis.setLinePenColor(grid)


class FlowLayout(QLayout):
    """Lays its items left to right, wrapping onto new lines."""

    def __init__(self, parent=None, spacing: int = 10):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint().boundedTo(QSize(rect.width(), 10**6))
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + 4, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class Legend(QWidget):
    """A chart's legend as widgets: a dot and a name per entry, wrapping."""

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.flow = FlowLayout(self)
        self.entries: list[LegendEntry] = []

    def fill(self, entries: list[tuple[str, str]]) -> None:
        while self.flow.count():
            item = self.flow.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.entries = []
        for label, colour in entries:
            entry = LegendEntry(label, colour, self)
            self.flow.addItem(QWidgetItem(entry))
            self.entries.append(entry)
        self.flow.invalidate()
        self.updateGeometry()


class LegendEntry(QWidget):
    """A dot in the series' colour and its name, elided past ``LEGEND_NAME_WIDTH``
    (then the full name is the tooltip)."""

    DOT = 10

    def __init__(self, label: str, colour: str, parent: QWidget):
        super().__init__(parent)
        self.label = label
        self.colour = QColor(colour)
        self.setAccessibleName(label)
        metrics = self.fontMetrics()
        self.text_width = min(metrics.horizontalAdvance(label) + 2, LEGEND_NAME_WIDTH)
        self.shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, self.text_width)
        self.setToolTip(label if self.shown != label else "")
        self.setFixedSize(self.sizeHint())
        self.show()

    def is_elided(self) -> bool:
        return self.shown != self.label

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.DOT + 5 + self.text_width, max(self.fontMetrics().height(), self.DOT))

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        top = (self.height() - self.DOT) // 2
        painter.drawEllipse(0, top, self.DOT, self.DOT)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(
            QRect(self.DOT + 5, 0, self.text_width, self.height()),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            self.shown,
        )
        painter.end()


def chart_view(chart: QChart, accessible_name: str, min_height: int) -> QChartView:
    chart.legend().hide()
    chart.setMargins(QMargins(0, 0, 0, 0))
    chart.setBackgroundVisible(False)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(min_height)
    view.setAccessibleName(accessible_name)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do in it with keys
    view.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setStyleSheet("background: transparent;")
    return view


def fill_mix(chart: QChart, legend: Legend, mix: dict[str, int]) -> None:
    from entregent.network.kinds import REGISTER_LABELS

    chart.removeAllSeries()
    series = QPieSeries()
    entries = []
    for register in ("social", "professional", "group"):
        count = mix.get(register, 0)
        if count:
            label = f"{_(REGISTER_LABELS[register])} ({count})"
            series.append(label, count).setColor(QColor(MIX_COLOURS[register]))
            entries.append((label, MIX_COLOURS[register]))
    if not series.count():
        series.append(_("nothing yet"), 1).setColor(QColor("#9aa3ad"))
        entries.append((_("nothing yet"), "#9aa3ad"))
    series.setHoleSize(0.45)
    chart.addSeries(series)
    legend.fill(entries)


def fill_months(chart: QChart, legend: Legend, months: list[str], per_context) -> int:
    """Draw the stacked bars; the last month (the current one) lighter, "so far".
    Returns the axis step used."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    series = QStackedBarSeries()
    totals = [0] * len(months)
    entries = []
    last = len(months) - 1
    for context_series in per_context:
        if not any(context_series.counts):
            continue
        bar = QBarSet(context_series.label)
        colour = QColor(context_series.colour)
        bar.setColor(colour)
        bar.setBorderColor(colour)
        partial = QColor(colour)
        partial.setAlpha(110)
        bar.setSelectedColor(partial)
        for index, count in enumerate(context_series.counts):
            bar.append(count)
            totals[index] += count
        if last >= 0:
            bar.selectBar(last)  # the current month: drawn lighter
        series.append(bar)
        entries.append((context_series.label, context_series.colour))
    top, step = nice_axis(max(totals, default=0))
    chart.addSeries(series)
    axis_months = QBarCategoryAxis()
    locale = QLocale()
    names = [locale.monthName(int(m[5:7]), QLocale.FormatType.ShortFormat) for m in months]
    axis_months.append(names)
    if names:  # the lighter bar explained in the legend
        entries.append((_("{month}: so far").format(month=names[-1]), "#c8ccd2"))
    values = QValueAxis()
    values.setRange(0, top)
    values.setTickCount(top // step + 1)
    values.setLabelFormat("%d")
    chart.addAxis(axis_months, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_months)
    series.attachAxis(values)
    themed_chart(chart)
    legend.fill(entries)
    return step
