"""The people list as a Qt table model: windowed pages read from SQLite on demand.

The model knows how many rows the filter holds (one ``count``) and loads a page
of rows only when the view asks for a row in it, keeping the most recent pages
in memory. Opening 100,000 people costs one count and one or two pages;
sorting on any column re-reads in SQL. ``page_loads`` counts the page queries
(the tests and the benchmarks read it).
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPixmap

from entregent.i18n import _
from entregent.services.people.listing import PeopleFilter, PersonRow, count_people, list_people
from entregent.ui.people_cells import (  # noqa: F401  (balance_text: part of this module's API)
    COL_BALANCE,
    COL_CONTEXTS,
    COL_LAST,
    COL_NAME,
    COL_NEXT,
    COL_PHOTO,
    COLUMNS,
    RowTexts,
    balance_text,
)

SORT_KEYS = {column: key for column, key, _label in COLUMNS}

IdRole = Qt.ItemDataRole.UserRole + 1  # the contact id (int)
RowRole = Qt.ItemDataRole.UserRole + 2  # the whole PersonRow
ContextsRole = Qt.ItemDataRole.UserRole + 3  # list of ContextChip
PhotoRole = Qt.ItemDataRole.UserRole + 4  # raw photo bytes or None

PAGE_SIZE = 50
KEPT_PAGES = 30
KEPT_THUMBNAILS = 2000
KEPT_BALANCES = 20000
THUMBNAIL = 28
BADGE_DELAY_MS = 400

_AnyIndex = QModelIndex | QPersistentModelIndex


class PeopleModel(QAbstractTableModel):
    rows_replaced = Signal()  # the rows were replaced in place (a new search text)

    def __init__(self, parent=None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.page_size = page_size
        self._filter = PeopleFilter()
        self._sort_column = COL_NAME
        self._descending = False
        self._count: int | None = None
        self._more = False
        self._resetting = False  # no fetchMore while rows are being announced
        self._pages: OrderedDict[int, list[PersonRow]] = OrderedDict()
        self._thumbnails: dict[int, QPixmap] = {}
        self._avatars: dict[tuple[str, str], QPixmap] = {}
        # Balances of help by contact id: read apart from the page, kept across
        # keystrokes and sorts (refresh() drops them: an interaction changes them).
        self._balances: dict[int, float] = {}
        self._rows: dict[int, RowTexts] = {}
        # The prepared texts of people seen lately, by person: the same people come
        # back from one keystroke to the next, their dates need not be formatted
        # again (used only while the person's row reads the same, see RowTexts.shows).
        self._kept_cells: dict[int, RowTexts] = {}
        self.page_loads = 0
        self.count_queries = 0
        self.workers = None  # set by the view: badges are read in the background
        self.badges: dict[int, str] = {}  # contact id -> a strong warning's message
        self._badge_ids: list[int] = []
        self._badge_timer: QTimer | None = None

    # What is shown -----------------------------------------------------------------
    @property
    def people_filter(self) -> PeopleFilter:
        return self._filter

    def set_filter(self, people: PeopleFilter) -> None:
        if people == self._filter:
            return
        if (
            people.text
            and self._count is not None
            and people == self._filter.with_text(people.text)
        ):
            self._replace_rows(people)
            return
        self._resetting = True
        self.beginResetModel()
        self._filter = people
        self._forget()
        self.endResetModel()
        self._resetting = False

    def _replace_rows(self, people: PeopleFilter) -> None:
        """A new search text over the same list: the rows are replaced in place
        (the tail removed or added, the rest changed) instead of a model reset,
        which made the view drop and rebuild everything at each keystroke. The
        view learns of it through ``rows_replaced``."""
        before = self._count or 0
        self._filter = people
        self._forget()
        after = self._counted()  # reads the new first page
        self._resetting = True
        try:
            if after < before:
                self._count = before
                self.beginRemoveRows(QModelIndex(), after, before - 1)
                self._count = after
                self.endRemoveRows()
            elif after > before:
                self._count = before
                self.beginInsertRows(QModelIndex(), before, after - 1)
                self._count = after
                self.endInsertRows()
            if min(before, after):
                self.dataChanged.emit(
                    self.index(0, 0), self.index(min(before, after) - 1, len(COLUMNS) - 1)
                )
        finally:
            self._resetting = False
        self.rows_replaced.emit()

    def set_search_text(self, text: str) -> None:
        self.set_filter(self._filter.with_text(text))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_KEYS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending):
            return
        self._resetting = True
        self.beginResetModel()
        self._sort_column, self._descending = column, descending
        self._pages.clear()
        self._rows.clear()
        self.endResetModel()
        self._resetting = False

    def refresh(self) -> None:
        """Re-read after a change (a log, an edit); keeps the view where it is."""
        before = self._count
        self._pages.clear()
        self._rows.clear()
        self._thumbnails.clear()
        self._balances.clear()
        self._kept_cells.clear()
        self._count = None
        if before is not None and self._counted() != before:
            self._resetting = True
            self.beginResetModel()
            self.endResetModel()
            self._resetting = False
            return
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1)
            )

    def _forget(self) -> None:
        self._count = None
        self._pages.clear()
        self._rows.clear()
        # Thumbnails outlive a new filter or sort (the same faces come back from
        # one keystroke to the next: decoding them again cost a fifth of a
        # keystroke, benchmarks/search_typing.py); refresh() drops them, as a
        # photo may have changed. Bounded: 28-pixel pixmaps, a few KB each.
        if len(self._thumbnails) > KEPT_THUMBNAILS:
            self._thumbnails.clear()
        if len(self._balances) > KEPT_BALANCES:
            self._balances.clear()

    # Paging ------------------------------------------------------------------------
    def _counted(self) -> int:
        if self._count is None:
            if self._filter.text:
                # A search grows page by page (canFetchMore/fetchMore): no count
                # of every match, so that each keystroke reads one page only.
                first = self._page(0)
                self._count = len(first)
                self._more = len(first) == self.page_size
            else:
                self.count_queries += 1
                self._count = count_people(self._filter)
                self._more = False
        return self._count

    def canFetchMore(self, parent: _AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid() and self._count is not None and self._more and not self._resetting
        )

    def fetchMore(self, parent: _AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = self._page(self._count // self.page_size)
        more = len(page) == self.page_size
        if page:
            self._resetting = True  # views and testers may ask again while inserting
            try:
                self.beginInsertRows(QModelIndex(), self._count, self._count + len(page) - 1)
                self._count += len(page)
                self.endInsertRows()
            finally:
                self._resetting = False
        self._more = more

    def _page(self, number: int) -> list[PersonRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        self.page_loads += 1
        page = list_people(
            self._filter,
            SORT_KEYS[self._sort_column],
            self._descending,
            number * self.page_size,
            self.page_size,
            with_balance=False,
        )
        self._pages[number] = page
        self._read_balances(page)
        self._read_badges(page)
        while len(self._pages) > KEPT_PAGES:
            evicted, _rows = self._pages.popitem(last=False)
            for row in range(evicted * self.page_size, (evicted + 1) * self.page_size):
                self._rows.pop(row, None)
        return page

    def _read_balances(self, page: list[PersonRow]) -> None:
        """Each row's balance of help: those read before come from memory (the
        same people come back from one keystroke to the next), the others in one
        query for the page. Summing interactions in a worker instead was
        measured slower per keystroke (the GIL, and a second paint)."""
        from entregent.services.people.listing import page_balances

        missing = []
        for person in page:
            balance = self._balances.get(person.id)
            if balance is None:
                missing.append(person.id)
            else:
                person.balance = balance
        if not missing:
            return
        balances = page_balances(missing)
        self._balances.update(balances)
        for person in page:
            if person.id in balances:
                person.balance = balances[person.id]

    def _read_badges(self, page: list[PersonRow]) -> None:
        """Ask the advisor who on this page would draw a strong warning: in the
        background, once typing and scrolling pause (never in a keystroke's way)."""
        if self.workers is None or not page:
            return
        self._badge_ids.extend(person.id for person in page)
        if self._badge_timer is None:
            self._badge_timer = QTimer(self)
            self._badge_timer.setSingleShot(True)
            self._badge_timer.timeout.connect(self._start_badges)
            self._badge_timer.start(0)  # the first page's, at once: the window is opening
            return
        self._badge_timer.start(BADGE_DELAY_MS)

    def badges_pending(self) -> bool:
        """Badges asked for and not yet read."""
        return self._badge_timer is not None and self._badge_timer.isActive()

    def stop_background(self) -> None:
        """No more badge reads (the window is closing)."""
        self.workers = None
        if self._badge_timer is not None:
            self._badge_timer.stop()
        self._badge_ids.clear()

    def _start_badges(self) -> None:
        ids = list(dict.fromkeys(self._badge_ids))
        self._badge_ids.clear()
        if not ids or self.workers is None:
            return

        def show(badges: dict[int, str]) -> None:
            for contact_id in ids:
                self.badges.pop(contact_id, None)
            self.badges.update(badges)
            wanted = set(ids)
            for row, cells in list(self._rows.items()):
                if cells.person.id in wanted:
                    index = self.index(row, COL_NAME)
                    self.dataChanged.emit(index, index)

        def read(job) -> dict[int, str]:
            # Imported on the worker: the advisor's modules are not the GUI thread's to load.
            from entregent.services.relations.asks import warning_badges

            return warning_badges(ids)

        self.workers.run(read, show, lambda exc: None, abandon=True)

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

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if section == COL_PHOTO else _(COLUMNS[section][2])
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(COLUMNS[section][2])
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Called hundreds of times per paint: one dict lookup for the row, roles
        # compared as plain ints, texts prepared once per page. Roles the list
        # never answers (font, background, check state…, asked for every cell
        # by the delegate) leave at once.
        if role not in _ANSWERED:
            return None
        cells = self._rows.get(index.row())
        if cells is None:
            if not index.isValid():
                return None
            cells = self.cells(index.row())
            if cells is None:
                return None
        column = index.column()
        if role == _DISPLAY:
            return cells.display[column]
        if role == _DECORATION:
            if column == COL_PHOTO:
                return self.thumbnail(cells.person)
            if column == COL_NAME and cells.person.id in self.badges:
                return _strong_icon()
            return None
        if role == _ID:
            return cells.person.id
        if role == _CONTEXTS:
            return cells.person.contexts
        if role == _TOOLTIP:
            if column == COL_NAME and cells.person.id in self.badges:
                return _("Asking now would call for care: {why}").format(
                    why=self.badges[cells.person.id]
                )
            return cells.tip(column)
        if role == _FOREGROUND:
            return cells.balance_colour if column == COL_BALANCE else None
        if role == _ALIGNMENT:
            return _CENTRE if column == COL_BALANCE else None
        if role == _ROW:
            return cells.person
        if role == _PHOTO:
            return cells.person.photo
        if role == _ACCESSIBLE:
            return cells.display[column] or cells.person.name
        return None

    def cells(self, row: int) -> RowTexts | None:
        """One row's prepared texts (the row delegate paints from them directly)."""
        cells = self._rows.get(row)
        if cells is None:
            person = self.person(row)
            if person is None:
                return None
            cells = self._kept_cells.get(person.id)
            if cells is None or not cells.shows(person):
                if len(self._kept_cells) > KEPT_THUMBNAILS:
                    self._kept_cells.clear()
                cells = self._kept_cells[person.id] = RowTexts(person)
            cells.person = person
            self._rows[row] = cells
        return cells

    def avatar(self, person: PersonRow) -> QPixmap:
        """The initials avatar for a person without a photo, in their first
        context's colour (kept per initials and colour: a few dozen pixmaps)."""
        from entregent.services.people.avatars import NO_CONTEXT_COLOUR, initials
        from entregent.ui.avatar import avatar_pixmap

        colour = person.contexts[0].colour if person.contexts else NO_CONTEXT_COLOUR
        key = (initials(person.name or ""), colour)
        pixmap = self._avatars.get(key)
        if pixmap is None:
            if len(self._avatars) > 2000:
                self._avatars.clear()
            pixmap = self._avatars[key] = avatar_pixmap(person.name or "", colour, THUMBNAIL - 2)
        return pixmap

    def thumbnail(self, person: PersonRow) -> QPixmap | None:
        if not person.photo:
            return None
        pixmap = self._thumbnails.get(person.id)
        if pixmap is None:
            pixmap = QPixmap()
            if not pixmap.loadFromData(person.photo):
                return None
            from entregent.ui.avatar import fitted

            pixmap = fitted(pixmap, THUMBNAIL)  # at the screen's ratio: sharp at 200 %
            self._thumbnails[person.id] = pixmap
        return pixmap


_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole.value
_ID, _ROW, _CONTEXTS, _PHOTO = (int(IdRole), int(RowRole), int(ContextsRole), int(PhotoRole))
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_CENTRE = int(Qt.AlignmentFlag.AlignCenter.value)
_ANSWERED = frozenset(
    (
        _DISPLAY,
        _DECORATION,
        _TOOLTIP,
        _FOREGROUND,
        _ALIGNMENT,
        _ACCESSIBLE,
        _ID,
        _ROW,
        _CONTEXTS,
        _PHOTO,
    )
)


def _strong_icon():
    from entregent.ui.icons import icon

    return icon("strong")


__all__ = [
    "PeopleModel",
    "COLUMNS",
    "COL_PHOTO",
    "COL_NAME",
    "COL_CONTEXTS",
    "COL_LAST",
    "COL_BALANCE",
    "COL_NEXT",
    "IdRole",
    "RowRole",
    "ContextsRole",
    "PhotoRole",
]
