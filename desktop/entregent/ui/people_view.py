"""The people list: a search field (search as you type) above a lazy table.

Ctrl+F focuses the search (the main window's Find action calls
``focus_search``), Esc clears it. Double-click or Enter on a person asks to log
an interaction with them (``log_requested``). Several people can be selected
for tagging, archiving, deleting or exporting (``selected_ids``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _
from entregent.ui.people_delegate import ChipsDelegate, RowDelegate
from entregent.ui.people_model import (
    COL_BALANCE,
    COL_CONTEXTS,
    COL_LAST,
    COL_NAME,
    COL_NEXT,
    COL_PHOTO,
    PeopleModel,
)


class PeopleTable(QTableView):
    """The table; Enter on a row asks for the log dialog, like a double-click.

    Its rows are painted by its ``RowDelegate`` in one call per paint
    (``RowDelegate.paint_rows``) rather than by Qt's loop calling the delegate
    for each cell.
    """

    enter_pressed = Signal()

    def paintEvent(self, event) -> None:  # noqa: N802
        delegate = self.itemDelegate()
        if isinstance(delegate, RowDelegate):
            delegate.paint_rows(self, event.rect())
        else:
            super().paintEvent(event)

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
        self.search_edit.setAccessibleDescription(
            _("Names, organisations, e-mails, phones and notes; the list narrows as you type")
        )
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
        self.table.setAccessibleDescription(
            _("Double-click or Enter logs an interaction; the details show on the right")
        )
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
        for column, width in self._column_widths().items():
            header.resizeSection(column, width)
        # One delegate paints every cell from the row's prepared record (no
        # dozen data() calls per cell at each keystroke): people_delegate.py.
        self._rows_delegate = RowDelegate(self.model, self.table)
        self.table.setItemDelegate(self._rows_delegate)
        self.table.doubleClicked.connect(self._activated)
        self.table.enter_pressed.connect(lambda: self._activated(self.table.currentIndex()))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.modelReset.connect(self._after_reset)
        self.model.rows_replaced.connect(self._after_replace)

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

    def _column_widths(self) -> dict[int, int]:
        """Widths that fit each header (with its sort arrow) and the longest usual
        content, in the language shown."""
        import datetime as dt

        from entregent.ui.people_cells import list_date

        header = self.table.horizontalHeader()
        head = header.fontMetrics()
        body = self.table.fontMetrics()
        today = dt.date.today()
        dates = [
            list_date(day, today)
            for day in (
                today - dt.timedelta(days=25),
                today + dt.timedelta(days=25),
                dt.date(today.year, 9, 28),
                dt.date(today.year, 12, 28),
            )
        ]
        date_width = max(body.horizontalAdvance(text) for text in dates) + 20

        def fit(column: int, least: int) -> int:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            return max(least, head.horizontalAdvance(title) + 36)

        return {
            COL_PHOTO: 40,
            COL_CONTEXTS: fit(COL_CONTEXTS, 190),
            COL_LAST: fit(COL_LAST, date_width),
            COL_BALANCE: fit(COL_BALANCE, 60),
            COL_NEXT: fit(COL_NEXT, date_width),
        }

    # Search ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
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
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
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

    def _after_replace(self) -> None:
        """Other people in the same rows: forget the selection, as a reset would."""
        selection = self.table.selectionModel()
        if selection.hasSelection() or selection.currentIndex().isValid():
            selection.reset()
        if self.table.verticalScrollBar().value():
            self.table.scrollToTop()
        self._after_reset()

    def _after_reset(self) -> None:
        self.update_empty()
        self.current_person_changed.emit(0)

    def update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        if empty:
            self.empty_label.setText(
                _("Nobody matches this search.")
                if self.model.people_filter.text
                else _("Nobody here yet.")
            )


__all__ = ["PeopleView", "ChipsDelegate", "COL_LAST", "COL_BALANCE"]
