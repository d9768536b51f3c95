"""How the people list paints its rows.

``RowDelegate`` paints every cell of a row straight from the row's prepared
record (``PeopleModel.cells``: texts, colours and chips made once per page),
without asking the model for a dozen roles per cell as the standard delegate
does: at each keystroke of a search the whole first page is repainted, and
those calls were most of a keystroke's Python time (docs/performance.md).
``RowDelegate.paint_rows`` paints the whole visible part of the list in one call
(``PeopleTable.paintEvent``): the table's own loop crossed into Python once per
cell, each time wrapping a style option, its state and palette, which cost
more than the drawing (docs/performance.md). ``ChipsDelegate`` paints a
person's contexts as small coloured chips; the row delegate draws its chips the
same way.
"""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyledItemDelegate

from entregent.ui.people_model import (
    COL_BALANCE,
    COL_CONTEXTS,
    COL_NAME,
    COL_PHOTO,
    ContextsRole,
    PeopleModel,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem

PADDING = 4
KEPT_ELIDED = 5000


@cache
def _style() -> SimpleNamespace:
    """QStyle's names, looked up when first needed: importing ``QStyle`` or its
    options makes PySide6 build some two dozen enum types (~9 ms), which the
    list's first paint (``paint_rows``) does without."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QStyleOptionViewItem

    flag = QStyle.StateFlag
    return SimpleNamespace(
        QStyleOptionFocusRect=QStyleOptionFocusRect, QStyleOptionViewItem=QStyleOptionViewItem,
        item=QStyle.ControlElement.CE_ItemViewItem, selected=flag.State_Selected,
        has_focus=flag.State_HasFocus, focus_frame=QStyle.PrimitiveElement.PE_FrameFocusRect,
        # Plain ints: Python's enum operators cost more than the painting here.
        active_bit=flag.State_Active.value, focus_bit=flag.State_HasFocus.value,
        selected_bit=flag.State_Selected.value)


class ChipsDelegate(QStyledItemDelegate):
    """Paints a person's contexts as small coloured chips (text drawn as plain text)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # Painted for every visible row at each keystroke: the enums, colours
        # and text widths are looked up once, not per chip.
        self._antialiasing = QPainter.RenderHint.Antialiasing
        self._centre = Qt.AlignmentFlag.AlignCenter
        self._middle = Qt.AlignmentFlag.AlignVCenter
        self._more_pen = QPen(QColor("#6b7785"))
        self._pens: dict[str, tuple[QPen, QColor, QPen]] = {}
        self._widths: dict[tuple[str, str], int] = {}

    def _colours(self, name: str) -> tuple[QPen, QColor, QPen]:
        found = self._pens.get(name)
        if found is None:
            colour = QColor(name)
            fill = QColor(colour)
            fill.setAlpha(40)
            found = self._pens[name] = (QPen(colour, 1), fill, QPen(colour.darker(140)))
        return found

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        chips = index.data(ContextsRole) or []
        style = option.widget.style() if option.widget else None
        names = _style()
        if style is not None:
            opt = names.QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawControl(names.item, opt, painter, option.widget)
        if chips:
            self._draw_chips(painter, option.rect, option.font, option.palette, chips,
                             bool(option.state & names.selected))

    def _draw_chips(self, painter: QPainter, rect: QRect, font: QFont, palette: QPalette,
                    chips, selected: bool) -> None:
        painter.save()
        painter.setRenderHint(self._antialiasing)
        metrics = QFontMetrics(font)
        font_key = font.key()
        x = rect.x() + 4
        height = min(rect.height() - 6, metrics.height() + 4)
        y = rect.y() + (rect.height() - height) // 2
        right = rect.right() - 2
        if selected:
            on_selection = palette.highlightedText().color()
            fill = QColor(on_selection)
            fill.setAlpha(50)
            selected_pens = (QPen(on_selection, 1), fill, QPen(on_selection))
        for chip in chips:
            text = chip.label
            width = self._widths.get((font_key, text))
            if width is None:
                width = self._widths[(font_key, text)] = metrics.horizontalAdvance(text) + 12
            if x + width > right:
                painter.setPen(self._more_pen)
                painter.drawText(QRect(x, y, 20, height), self._middle, "…")
                break
            border, fill, text_pen = selected_pens if selected else self._colours(chip.colour)
            painter.setPen(border)
            painter.setBrush(fill)
            box = QRect(x, y, width, height)
            painter.drawRoundedRect(box, height / 2, height / 2)
            painter.setPen(text_pen)
            painter.drawText(box, self._centre, text)
            x += width + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 120), hint.height())


class RowDelegate(ChipsDelegate):
    """Paints any cell of the people list from its row's prepared record."""

    def __init__(self, model: PeopleModel, parent=None):
        super().__init__(parent)
        self._model = model
        self._left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        self._centred = Qt.AlignmentFlag.AlignCenter
        self._elide = Qt.TextElideMode.ElideRight
        self._groups = (QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Active)
        self._highlight = QPalette.ColorRole.Highlight
        self._highlighted_text = QPalette.ColorRole.HighlightedText
        self._text = QPalette.ColorRole.Text
        self._elided: dict[tuple[str, int], str] = {}
        self._font = QFont()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        """One cell, from Qt's own loop (the list itself paints through ``paint_rows``)."""
        row = index.row()
        cells = self._model.cells(row)
        if cells is None:
            return
        names = _style()
        state = option.state.value
        palette = option.palette
        group = self._groups[bool(state & names.active_bit)]
        selected = bool(state & names.selected_bit)
        if selected:
            painter.fillRect(option.rect, palette.brush(group, self._highlight))
        self._paint_cell(painter, option.rect, cells, row, index.column(), group, selected,
                         palette, option.font, option.decorationSize.height())
        if state & names.focus_bit and option.widget is not None:
            self._draw_focus(painter, option.widget, option.rect, option.state, palette)

    def paint_rows(self, view: QAbstractItemView, area: QRect) -> None:
        """Every row of ``view`` that crosses ``area`` (viewport coordinates), in one call:
        the row backgrounds (alternating, selected), each cell, the focus frame."""
        model = self._model
        count = model.rowCount()
        if not count:
            return
        first = view.rowAt(area.top())
        if first < 0:
            return  # below the last row
        last = view.rowAt(area.bottom())
        last = count - 1 if last < 0 else last
        palette = view.palette()
        group = self._groups[view.isActiveWindow()]
        highlight = palette.brush(group, self._highlight)
        alternate = palette.brush(group, QPalette.ColorRole.AlternateBase) \
            if view.alternatingRowColors() else None
        font = view.font()
        icon_size = view.iconSize().height()
        width = view.viewport().width()
        columns = [(column, view.columnViewportPosition(column), view.columnWidth(column))
                   for column in range(model.columnCount()) if not view.isColumnHidden(column)]
        selection = view.selectionModel()
        root = QModelIndex()
        current = view.currentIndex()
        focus_row = current.row() if current.isValid() and view.hasFocus() else -1
        painter = QPainter(view.viewport())
        try:
            for row in range(first, last + 1):
                cells = model.cells(row)
                if cells is None:
                    continue
                y, height = view.rowViewportPosition(row), view.rowHeight(row)
                selected = selection is not None and selection.isRowSelected(row, root)
                if selected:
                    painter.fillRect(QRect(0, y, width, height), highlight)
                elif alternate is not None and row % 2:
                    painter.fillRect(QRect(0, y, width, height), alternate)
                for column, x, column_width in columns:
                    self._paint_cell(painter, QRect(x, y, column_width, height), cells, row,
                                     column, group, selected, palette, font, icon_size)
                if row == focus_row:
                    x = view.columnViewportPosition(current.column())
                    self._draw_focus(painter, view, QRect(x, y, view.columnWidth(current.column()),
                                                          height),
                                     _style().has_focus, palette)
        finally:
            painter.end()

    def _paint_cell(self, painter, rect, cells, row, column, group, selected, palette, font,
                    icon_size) -> None:
        if column == COL_CONTEXTS:
            if cells.person.contexts:
                self._draw_chips(painter, rect, font, palette, cells.person.contexts, selected)
        elif column == COL_PHOTO:
            pixmap = self._model.thumbnail(cells.person)
            if pixmap is not None:
                painter.drawPixmap(rect.x() + (rect.width() - pixmap.width()) // 2,
                                   rect.y() + (rect.height() - pixmap.height()) // 2, pixmap)
        else:
            self._draw_text(painter, rect, cells, row, column, group, selected, palette, font,
                            icon_size)

    def _draw_text(self, painter, rect, cells, row, column, group, selected, palette, font,
                   icon_size) -> None:
        left, right = rect.x() + PADDING, rect.right() - PADDING
        if column == COL_NAME and cells.person.id in self._model.badges:
            icon = self._model.data(self._model.index(row, COL_NAME),
                                    Qt.ItemDataRole.DecorationRole)
            if icon is not None:
                size = min(icon_size, rect.height() - 4)
                icon.paint(painter, QRect(left, rect.y() + (rect.height() - size) // 2,
                                          size, size))
                left += size + PADDING
        text = cells.display[column]
        if not text or right <= left:
            return
        if font != self._font:  # the view's font changed: texts elide anew
            self._font = QFont(font)
            self._elided.clear()
        key = (text, right - left)
        shown = self._elided.get(key)
        if shown is None:
            if len(self._elided) > KEPT_ELIDED:
                self._elided.clear()
            shown = self._elided[key] = QFontMetrics(font).elidedText(
                text, self._elide, right - left)
        if selected:
            pen = palette.color(group, self._highlighted_text)
        elif column == COL_BALANCE and cells.balance_colour is not None:
            pen = cells.balance_colour
        else:
            pen = palette.color(group, self._text)
        painter.setPen(pen)
        align = self._centred if column == COL_BALANCE else self._left
        painter.drawText(QRect(left, rect.y(), right - left + 1, rect.height()), align, shown)

    def _draw_focus(self, painter: QPainter, widget, rect: QRect, state,
                    palette: QPalette) -> None:
        names = _style()
        frame = names.QStyleOptionFocusRect()
        frame.rect = rect
        frame.state = state
        frame.palette = palette
        frame.direction = widget.layoutDirection()
        frame.fontMetrics = widget.fontMetrics()
        widget.style().drawPrimitive(names.focus_frame, frame, painter, widget)


__all__ = ["ChipsDelegate", "RowDelegate"]
