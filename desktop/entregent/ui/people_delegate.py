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

from PySide6.QtCore import QModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QStaticText,
    QTransform,
)
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
KEPT_TEXTS = 5000
KEPT_CHIPS = 2000
CHIP_FILL_ALPHA = 40  # of 255: the chip's hue, faint, over the list's base


def chip_text(colour: str, base: QColor) -> QColor:
    """The text colour of a chip in ``colour`` drawn on ``base``: the hue,
    darker on a light base and lighter on a dark one, at WCAG AA on the chip."""
    from entregent.contrast import mix, readable_tint
    from entregent.ui.theme import hex_of

    hue = QColor(colour)
    on = mix(hex_of(base), hex_of(hue), CHIP_FILL_ALPHA / 255)
    start = hue.darker(140) if base.lightness() >= 128 else hue.lighter(140)
    return QColor(readable_tint(hex_of(start), on))


@cache
def _style() -> SimpleNamespace:
    """QStyle's names, looked up when first needed: importing ``QStyle`` or its
    options makes PySide6 build some two dozen enum types (~9 ms), which the
    list's first paint (``paint_rows``) does without."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QStyleOptionViewItem

    flag = QStyle.StateFlag
    return SimpleNamespace(
        QStyleOptionFocusRect=QStyleOptionFocusRect,
        QStyleOptionViewItem=QStyleOptionViewItem,
        item=QStyle.ControlElement.CE_ItemViewItem,
        selected=flag.State_Selected,
        has_focus=flag.State_HasFocus,
        keyboard_focus=flag.State_HasFocus | flag.State_KeyboardFocusChange,
        focus_frame=QStyle.PrimitiveElement.PE_FrameFocusRect,
        # Plain ints: Python's enum operators cost more than the painting here.
        active_bit=flag.State_Active.value,
        focus_bit=flag.State_HasFocus.value,
        selected_bit=flag.State_Selected.value,
    )


class _PaintContext:
    """What the cells of one paint share, looked up once per paint rather than per
    cell: the font and its metrics, the text pens of the palette group."""

    __slots__ = (
        "font",
        "font_key",
        "metrics",
        "text_pen",
        "selected_pen",
        "selected_chip",
        "icon_size",
        "ratio",
        "base",
        "muted_pen",
    )

    def __init__(self, font: QFont, palette: QPalette, group, icon_size: int, ratio: float = 1.0):
        self.font = font
        self.font_key = font.key()
        self.metrics = QFontMetrics(font)
        self.text_pen = QPen(palette.color(group, QPalette.ColorRole.Text))
        on_selection = palette.color(group, QPalette.ColorRole.HighlightedText)
        self.selected_pen = QPen(on_selection)
        # On a selected row: the highlight a shade darker, so that its text reads
        # at least as well as on the highlight itself.
        fill = palette.color(group, QPalette.ColorRole.Highlight).darker(115)
        self.selected_chip = (QPen(on_selection, 1), fill, self.selected_pen)
        self.icon_size = icon_size
        self.ratio = ratio  # device pixels per pixel, for the kept chip pixmaps
        self.base = palette.color(group, QPalette.ColorRole.Base)
        self.muted_pen = QPen(palette.color(group, QPalette.ColorRole.PlaceholderText))


class ChipsDelegate(QStyledItemDelegate):
    """Paints a person's contexts as small coloured chips (text drawn as plain text)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # Painted for every visible row at each keystroke: the colours, laid-out
        # labels and chips are made once, not per paint.
        self._antialiasing = QPainter.RenderHint.Antialiasing
        self._plain = Qt.TextFormat.PlainText
        self._groups = (QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Active)
        self._pens: dict[tuple[str, int], tuple[QPen, QColor, QPen]] = {}
        self._statics: dict[tuple[str, str], tuple[QStaticText, float, float]] = {}
        self._chip_pixmaps: dict[tuple, tuple[QPixmap, int]] = {}
        self.chips_drawn = 0  # chip pixmaps drawn so far (for tests and benchmarks)

    def _colours(self, name: str, base: QColor) -> tuple[QPen, QColor, QPen]:
        """Border, fill and text of a chip in ``name`` on ``base``: the text is the
        hue darkened (light theme) or lightened (dark) until it reads at WCAG AA."""
        key = (name, base.rgb())
        found = self._pens.get(key)
        if found is None:
            colour = QColor(name)
            fill = QColor(colour)
            fill.setAlpha(CHIP_FILL_ALPHA)
            found = self._pens[key] = (QPen(colour, 1), fill, QPen(chip_text(name, base)))
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
            state = option.state.value
            device = painter.device()
            context = _PaintContext(
                option.font,
                option.palette,
                self._groups[bool(state & names.active_bit)],
                option.decorationSize.height(),
                device.devicePixelRatioF() if device is not None else 1.0,
            )
            self._draw_chips(painter, context, option.rect, chips, bool(state & names.selected_bit))

    def _static(self, text: str, context: _PaintContext) -> tuple[QStaticText, float, float]:
        """``text`` laid out once in the context's font (plain text: never markup)."""
        key = (text, context.font_key)
        found = self._statics.get(key)
        if found is None:
            if len(self._statics) > KEPT_TEXTS:
                self._statics.clear()
            static = QStaticText(text)
            static.setTextFormat(self._plain)
            static.prepare(QTransform(), context.font)
            size = static.size()
            found = self._statics[key] = (static, size.width(), size.height())
        return found

    def _draw_chips(
        self, painter, context: _PaintContext, rect: QRect, chips, selected: bool
    ) -> None:
        """The chips of one cell, each drawn once into a kept pixmap: an antialiased
        rounded box cost more than the rest of the row, and the same few chips
        come back on row after row."""
        x = rect.x() + 4
        height = min(rect.height() - 6, context.metrics.height() + 4)
        y = rect.y() + (rect.height() - height) // 2
        right = rect.right() - 2
        for chip in chips:
            pixmap, width = self._chip(chip, height, selected, context)
            if x + width > right:
                painter.setPen(context.muted_pen)
                more, _w, more_height = self._static("…", context)
                painter.drawStaticText(QPointF(x, y + (height - more_height) / 2), more)
                break
            painter.drawPixmap(x, y, pixmap)
            x += width + 4

    def _chip(
        self, chip, height: int, selected: bool, context: _PaintContext
    ) -> tuple[QPixmap, int]:
        key = (
            chip.label,
            chip.colour,
            height,
            selected and context.selected_pen.color().rgba(),
            context.font_key,
            context.ratio,
            context.base.rgb(),
        )
        found = self._chip_pixmaps.get(key)
        if found is None:
            if len(self._chip_pixmaps) > KEPT_CHIPS:
                self._chip_pixmaps.clear()
            static, text_width, text_height = self._static(chip.label, context)
            width = int(text_width) + 12
            pixmap = QPixmap(round(width * context.ratio), round(height * context.ratio))
            pixmap.setDevicePixelRatio(context.ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            border, fill, text_pen = (
                context.selected_chip if selected else self._colours(chip.colour, context.base)
            )
            painter = QPainter(pixmap)
            try:
                painter.setRenderHint(self._antialiasing)
                painter.setFont(context.font)
                painter.setPen(border)
                painter.setBrush(fill)
                painter.drawRoundedRect(
                    QRectF(0.5, 0.5, width - 1, height - 1), (height - 1) / 2, (height - 1) / 2
                )
                painter.setPen(text_pen)
                painter.drawStaticText(
                    QPointF((width - text_width) / 2, (height - text_height) / 2), static
                )
            finally:
                painter.end()
            found = self._chip_pixmaps[key] = (pixmap, width)
            self.chips_drawn += 1
        return found

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 120), hint.height())


class RowDelegate(ChipsDelegate):
    """Paints any cell of the people list from its row's prepared record.

    Texts are drawn as ``QStaticText`` laid out once and kept (by text and
    font): a name, a date or a chip's label comes back from one keystroke to
    the next, and laying it out again was most of the cost of drawing it. They
    are plain text, whatever they hold.
    """

    def __init__(self, model: PeopleModel, parent=None):
        super().__init__(parent)
        self._model = model
        self._elide = Qt.TextElideMode.ElideRight
        self._highlight = QPalette.ColorRole.Highlight
        # By font: (text, room) -> its elided, laid-out form (paint_rows).
        self._laid_out: dict[str, dict[tuple[str, int], tuple[QStaticText, float, float]]] = {}
        self._negative_pens: dict[str, QPen] = {}

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
        device = painter.device()
        context = _PaintContext(
            option.font,
            palette,
            group,
            option.decorationSize.height(),
            device.devicePixelRatioF() if device is not None else 1.0,
        )
        painter.save()
        painter.setRenderHint(self._antialiasing)
        self._paint_cell(painter, context, option.rect, cells, row, index.column(), selected)
        painter.restore()
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
        alternate = (
            palette.brush(group, QPalette.ColorRole.AlternateBase)
            if view.alternatingRowColors()
            else None
        )
        context = _PaintContext(
            view.font(),
            palette,
            group,
            view.iconSize().height(),
            view.viewport().devicePixelRatioF(),
        )
        width = view.viewport().width()
        columns = [
            (column, view.columnViewportPosition(column), view.columnWidth(column))
            for column in range(model.columnCount())
            if not view.isColumnHidden(column)
        ]
        selection = view.selectionModel()
        if selection is not None and not selection.hasSelection():
            selection = None  # (asking each row costs a dozen calls into the model)
        root = QModelIndex()
        current = view.currentIndex()
        focus_row = current.row() if current.isValid() and view.hasFocus() else -1
        # The text columns' room, and where each text goes, worked out once per paint.
        texts = [
            (column, x + PADDING, column_width - 2 * PADDING)
            for column, x, column_width in columns
            if column not in (COL_CONTEXTS, COL_PHOTO)
        ]
        others = [
            (column, x, column_width)
            for column, x, column_width in columns
            if column in (COL_CONTEXTS, COL_PHOTO)
        ]
        laid_out = self._laid_out.setdefault(context.font_key, {})
        if len(laid_out) > KEPT_TEXTS:
            laid_out.clear()
        badges = model.badges
        painter = QPainter(view.viewport())
        try:
            painter.setFont(context.font)
            painter.setRenderHint(self._antialiasing)  # the chips' rounded boxes
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
                for column, x, column_width in others:
                    self._paint_cell(
                        painter,
                        context,
                        QRect(x, y, column_width, height),
                        cells,
                        row,
                        column,
                        selected,
                    )
                display = cells.display
                for column, left, room in texts:
                    text = display[column]
                    if not text or room <= 1:
                        continue
                    if column == COL_NAME and cells.person.id in badges:  # with its icon
                        self._draw_text(
                            painter,
                            context,
                            QRect(left - PADDING, y, room + 2 * PADDING, height),
                            cells,
                            row,
                            column,
                            selected,
                        )
                        continue
                    found = laid_out.get((text, room))
                    if found is None:
                        found = laid_out[(text, room)] = self._lay_out(text, room, context)
                    static, text_width, text_height = found
                    painter.setPen(self._pen(context, cells, column, selected))
                    x = left + (room - text_width) / 2 if column == COL_BALANCE else left
                    painter.drawStaticText(QPointF(x, y + (height - text_height) / 2), static)
                if row == focus_row:
                    x = view.columnViewportPosition(current.column())
                    # The style draws the frame once the focus came by keyboard.
                    by_keys = view.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
                    self._draw_focus(
                        painter,
                        view,
                        QRect(x, y, view.columnWidth(current.column()), height),
                        _style().keyboard_focus if by_keys else _style().has_focus,
                        palette,
                    )
        finally:
            painter.end()

    def _lay_out(
        self, text: str, room: int, context: _PaintContext
    ) -> tuple[QStaticText, float, float]:
        """``text`` elided to ``room`` pixels and laid out (plain text)."""
        return self._static(context.metrics.elidedText(text, self._elide, room - 1), context)

    def _paint_cell(
        self,
        painter,
        context: _PaintContext,
        rect: QRect,
        cells,
        row: int,
        column: int,
        selected: bool,
    ) -> None:
        if column == COL_CONTEXTS:
            if cells.person.contexts:
                self._draw_chips(painter, context, rect, cells.person.contexts, selected)
        elif column == COL_PHOTO:
            pixmap = self._model.thumbnail(cells.person) or self._model.avatar(cells.person)
            if pixmap is not None:
                painter.drawPixmap(
                    rect.x() + (rect.width() - pixmap.width()) // 2,
                    rect.y() + (rect.height() - pixmap.height()) // 2,
                    pixmap,
                )
        else:
            self._draw_text(painter, context, rect, cells, row, column, selected)

    def _draw_text(
        self,
        painter,
        context: _PaintContext,
        rect: QRect,
        cells,
        row: int,
        column: int,
        selected: bool,
    ) -> None:
        left, right = rect.x() + PADDING, rect.right() - PADDING
        if column == COL_NAME and cells.person.id in self._model.badges:
            icon = self._model.data(
                self._model.index(row, COL_NAME), Qt.ItemDataRole.DecorationRole
            )
            if icon is not None:
                size = min(context.icon_size, rect.height() - 4)
                icon.paint(painter, QRect(left, rect.y() + (rect.height() - size) // 2, size, size))
                left += size + PADDING
        text = cells.display[column]
        room = right - left + 1
        if not text or room <= 1:
            return
        laid_out = self._laid_out.setdefault(context.font_key, {})
        found = laid_out.get((text, room))
        if found is None:
            found = laid_out[(text, room)] = self._lay_out(text, room, context)
        static, width, height = found
        painter.setPen(self._pen(context, cells, column, selected))
        x = left + (room - width) / 2 if column == COL_BALANCE else left
        painter.drawStaticText(QPointF(x, rect.y() + (rect.height() - height) / 2), static)

    def _pen(self, context: _PaintContext, cells, column: int, selected: bool) -> QPen:
        if selected:
            return context.selected_pen
        if column == COL_BALANCE and cells.balance_colour is not None:
            return self._negative_pen(cells.balance_colour)
        return context.text_pen

    def _negative_pen(self, colour: QColor) -> QPen:
        pen = self._negative_pens.get(colour.name())
        if pen is None:
            pen = self._negative_pens[colour.name()] = QPen(colour)
        return pen

    def _draw_focus(self, painter: QPainter, widget, rect: QRect, state, palette: QPalette) -> None:
        names = _style()
        frame = names.QStyleOptionFocusRect()
        frame.rect = rect
        frame.state = state
        frame.palette = palette
        frame.direction = widget.layoutDirection()
        frame.fontMetrics = widget.fontMetrics()
        widget.style().drawPrimitive(names.focus_frame, frame, painter, widget)


__all__ = ["ChipsDelegate", "RowDelegate"]
