"""The people list as a Qt table model: windowed pages read from SQLite on demand.

The model knows how many rows the filter holds (one ``count``) and loads a page
of rows only when the view asks for a row in it, keeping the most recent pages
in memory. Opening 100,000 people costs one count and one or two pages;
sorting on any column re-reads in SQL. ``page_loads`` counts the page queries
(the tests and the benchmarks read it).
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPixmap

from entregent.i18n import N_, _
from entregent.services.people import PeopleFilter, PersonRow, count_people, list_people
from entregent.ui.locale_format import format_date

COL_PHOTO, COL_NAME, COL_CONTEXTS, COL_LAST, COL_BALANCE, COL_NEXT = range(6)
COLUMNS = (
    (COL_PHOTO, "photo", N_("Photo")),
    (COL_NAME, "name", N_("Name")),
    (COL_CONTEXTS, "contexts", N_("Contexts")),
    (COL_LAST, "last_contact", N_("Last contact")),
    (COL_BALANCE, "balance", N_("Balance")),
    (COL_NEXT, "next_followup", N_("Next follow-up")),
)
SORT_KEYS = {column: key for column, key, _label in COLUMNS}

IdRole = Qt.ItemDataRole.UserRole + 1  # the contact id (int)
RowRole = Qt.ItemDataRole.UserRole + 2  # the whole PersonRow
ContextsRole = Qt.ItemDataRole.UserRole + 3  # list of ContextChip
PhotoRole = Qt.ItemDataRole.UserRole + 4  # raw photo bytes or None

PAGE_SIZE = 100
KEPT_PAGES = 30
THUMBNAIL = 28

_AnyIndex = QModelIndex | QPersistentModelIndex


def balance_text(balance: int) -> str:
    return f"+{balance}" if balance > 0 else ("0" if balance == 0 else f"\u2212{-balance}")


def balance_tip(balance: int) -> str:
    if balance > 0:
        return _("You have given more than you received lately.")
    if balance < 0:
        return _("You have received or asked more than you gave lately.")
    return _("Give and take are in balance.")


class PeopleModel(QAbstractTableModel):
    def __init__(self, parent=None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.page_size = page_size
        self._filter = PeopleFilter()
        self._sort_column = COL_NAME
        self._descending = False
        self._count: int | None = None
        self._pages: OrderedDict[int, list[PersonRow]] = OrderedDict()
        self._thumbnails: dict[int, QPixmap] = {}
        self.page_loads = 0
        self.count_queries = 0

    # What is shown -----------------------------------------------------------------
    @property
    def people_filter(self) -> PeopleFilter:
        return self._filter

    def set_filter(self, people: PeopleFilter) -> None:
        if people == self._filter:
            return
        self.beginResetModel()
        self._filter = people
        self._forget()
        self.endResetModel()

    def set_search_text(self, text: str) -> None:
        self.set_filter(self._filter.with_text(text))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_KEYS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending):
            return
        self.beginResetModel()
        self._sort_column, self._descending = column, descending
        self._pages.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read after a change (a log, an edit); keeps the view where it is."""
        before = self._count
        self._pages.clear()
        self._thumbnails.clear()
        self._count = None
        if before is not None and self._counted() != before:
            self.beginResetModel()
            self.endResetModel()
            return
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1,
                                                              len(COLUMNS) - 1))

    def _forget(self) -> None:
        self._count = None
        self._pages.clear()
        self._thumbnails.clear()

    # Paging ------------------------------------------------------------------------
    def _counted(self) -> int:
        if self._count is None:
            self.count_queries += 1
            self._count = count_people(self._filter)
        return self._count

    def _page(self, number: int) -> list[PersonRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        self.page_loads += 1
        page = list_people(self._filter, SORT_KEYS[self._sort_column], self._descending,
                           number * self.page_size, self.page_size)
        self._pages[number] = page
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        return page

    def person(self, row: int) -> PersonRow | None:
        if row < 0 or row >= self._counted():
            return None
        page = self._page(row // self.page_size)
        offset = row % self.page_size
        return page[offset] if offset < len(page) else None

    def contact_id(self, row: int) -> int | None:
        person = self.person(row)
        return person.id if person else None

    def row_of(self, contact_id: int) -> int | None:
        """The row of a person among the pages already loaded, if any."""
        for number, page in self._pages.items():
            for offset, person in enumerate(page):
                if person.id == contact_id:
                    return number * self.page_size + offset
        return None

    # Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._counted()

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if section == COL_PHOTO else _(COLUMNS[section][2])
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(COLUMNS[section][2])
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        person = self.person(index.row())
        if person is None:
            return None
        column = index.column()
        if role == IdRole:
            return person.id
        if role == RowRole:
            return person
        if role == ContextsRole:
            return list(person.contexts)
        if role == PhotoRole:
            return person.photo
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(person, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_PHOTO:
            return self._thumbnail(person)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_BALANCE:
                return balance_tip(person.balance)
            if column == COL_NAME and person.org:
                return person.org
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_BALANCE and person.balance < 0:
            return QColor("#b03a2e")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_BALANCE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(person, column) or person.name
        return None

    def _display(self, person: PersonRow, column: int) -> str | None:
        if column == COL_NAME:
            return person.name or _("(no name)")
        if column == COL_CONTEXTS:
            return ", ".join(chip.label for chip in person.contexts)
        if column == COL_LAST:
            if person.last_interaction_at is None:
                return ""
            return format_date(person.last_interaction_at.date())
        if column == COL_BALANCE:
            return balance_text(person.balance)
        if column == COL_NEXT:
            day = person.next_followup_on
            return "" if day is None else format_date(day)
        return None

    def _thumbnail(self, person: PersonRow) -> QPixmap | None:
        if not person.photo:
            return None
        pixmap = self._thumbnails.get(person.id)
        if pixmap is None:
            pixmap = QPixmap()
            if not pixmap.loadFromData(person.photo):
                return None
            pixmap = pixmap.scaled(THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            self._thumbnails[person.id] = pixmap
        return pixmap


__all__ = ["PeopleModel", "COLUMNS", "COL_PHOTO", "COL_NAME", "COL_CONTEXTS", "COL_LAST",
           "COL_BALANCE", "COL_NEXT", "IdRole", "RowRole", "ContextsRole", "PhotoRole"]
