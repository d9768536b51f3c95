"""The people list: a search field (search as you type) above a lazy table.

Ctrl+F focuses the search (the main window's Find action calls
``focus_search``), Esc clears it. Double-click or Enter on a person asks to log
an interaction with them (``log_requested``). Several people can be selected
for tagging, archiving, deleting or exporting (``selected_ids``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _
from entregent.ui.people_model import (
    COL_BALANCE,
    COL_CONTEXTS,
    COL_LAST,
    COL_NAME,
    COL_NEXT,
    COL_PHOTO,
    ContextsRole,
    PeopleModel,
)


class ChipsDelegate(QStyledItemDelegate):
    """Paints a person's contexts as small coloured chips (text drawn as plain text)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # Painted for every visible row at each keystroke: the enums, colours
        # and text widths are looked up once, not per chip.
        self._item = QStyle.ControlElement.CE_ItemViewItem
        self._selected = QStyle.StateFlag.State_Selected
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
        if style is not None:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawControl(self._item, opt, painter, option.widget)
        if not chips:
            return
        painter.save()
        painter.setRenderHint(self._antialiasing)
        metrics = QFontMetrics(option.font)
        font_key = option.font.key()
        rect = option.rect
        x = rect.x() + 4
        height = min(rect.height() - 6, metrics.height() + 4)
        y = rect.y() + (rect.height() - height) // 2
        right = rect.right() - 2
        selected = bool(option.state & self._selected)
        if selected:
            on_selection = option.palette.highlightedText().color()
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


class PeopleTable(QTableView):
    """The table; Enter on a row asks for the log dialog, like a double-click."""

    enter_pressed = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enter_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class PeopleView(QWidget):
    log_requested = Signal(int)  # contact id
    current_person_changed = Signal(int)  # contact id, or 0 when none

    def __init__(self, model: PeopleModel | None = None, parent=None):
        super().__init__(parent)
        self.model = model or PeopleModel(self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchLineEdit")
        self.search_edit.setPlaceholderText(_("Search people (Ctrl+F)"))
        self.search_edit.setAccessibleName(_("Search people"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.search_edit.textChanged.connect(self.model.set_search_text)

        self.title_label = QLabel(self)
        self.title_label.setObjectName("listTitleLabel")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)

        self.table = PeopleTable(self)
        self.table.setObjectName("peopleTableView")
        self.table.setAccessibleName(_("People"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setIconSize(QSize(28, 28))
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_PHOTO, 40), (COL_CONTEXTS, 190), (COL_LAST, 110),
                              (COL_BALANCE, 80), (COL_NEXT, 120)):
            header.resizeSection(column, width)
        self._chips = ChipsDelegate(self.table)
        self.table.setItemDelegateForColumn(COL_CONTEXTS, self._chips)
        self.table.doubleClicked.connect(self._activated)
        self.table.enter_pressed.connect(lambda: self._activated(self.table.currentIndex()))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._after_reset)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyListLabel")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.setTabOrder(self.search_edit, self.table)

    # Search ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.search_edit and event.type() == QEvent.Type.KeyPress):
            if event.matches(QKeySequence.StandardKey.Cancel) and self.search_edit.text():
                self.search_edit.clear()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.model.rowCount():
                    self.table.setFocus()
                    if not self.table.currentIndex().isValid():
                        self.select_row(0)
                    return True
        return super().eventFilter(watched, event)

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)

    # Selection ---------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.contact_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.model.contact_id(row) for row in rows]
        if not ids and self.current_id() is not None:
            ids = [self.current_id()]
        return [i for i in ids if i is not None]

    def select_row(self, row: int) -> None:
        index = self.model.index(row, COL_NAME)
        if not index.isValid():
            return
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def select_person(self, contact_id: int) -> bool:
        row = self.model.row_of(contact_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            contact_id = self.model.contact_id(index.row())
            if contact_id is not None:
                self.log_requested.emit(contact_id)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        contact_id = self.model.contact_id(current.row()) if current.isValid() else None
        self.current_person_changed.emit(contact_id or 0)

    def _after_reset(self) -> None:
        self.update_empty()
        self.current_person_changed.emit(0)

    def update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        if empty:
            self.empty_label.setText(
                _("Nobody matches this search.") if self.model.people_filter.text
                else _("Nobody here yet."))


__all__ = ["PeopleView", "ChipsDelegate", "COL_LAST", "COL_BALANCE"]
