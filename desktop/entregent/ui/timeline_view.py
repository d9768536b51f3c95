"""A person's timeline in the detail pane: newest first, a page at a time,
grouped by month.

Each row shows when, what (kind, register and an ask's outcome in the UI
language), the note wrapped in full, and with whom; the context menu edits or
deletes an interaction (deleting is undoable: undo logs it again).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale, QRect, QSize, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import N_, _

PAGE = 50
EntryRole = Qt.ItemDataRole.UserRole + 1


OUTCOME_LABELS = {"pending": N_("waiting"), "helped": N_("they helped"), "declined": N_("declined")}


def kind_label(kind: str) -> str:
    from entregent.network.kinds import KIND_LABELS

    return _(KIND_LABELS.get(kind, kind))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def what_text(entry) -> str:
    """ "Meal · social", "Ask: advice · they helped", in the UI language."""
    from entregent.network.kinds import REGISTER_LABELS

    what = _capital(kind_label(entry.kind))
    if entry.ask_what:
        from entregent.network.advice import what_label

        what = _("{kind}: {what}").format(kind=what, what=what_label(entry.ask_what))
        if entry.ask_outcome:
            what += f" · {_(OUTCOME_LABELS.get(entry.ask_outcome, entry.ask_outcome))}"
    elif entry.register and entry.register != entry.kind and entry.register in REGISTER_LABELS:
        what += f" · {_(REGISTER_LABELS[entry.register])}"
    return what


def _local(moment: dt.datetime) -> QDateTime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
        QTimeZone.utc(),
    ).toLocalTime()


def month_title(moment: QDateTime) -> str:
    locale = QLocale()
    name = locale.standaloneMonthName(moment.date().month(), QLocale.FormatType.LongFormat)
    return _capital(f"{name} {moment.date().year()}")


def when_text(moment: QDateTime) -> str:
    """ "Fri 18, 09:00": the day within its month and the time, as the locale writes them."""
    locale = QLocale()
    day = locale.dayName(moment.date().dayOfWeek(), QLocale.FormatType.ShortFormat)
    time = locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    return f"{_capital(day)} {moment.date().day()}, {time}"


class _WrapDelegate(QStyledItemDelegate):
    """Row heights that hold each cell's text wrapped at its column's width."""

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        width = max(40, self.tree.columnWidth(index.column()) - 10)
        text = str(index.data() or "")
        rect = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 10**6), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(hint.width(), max(hint.height(), rect.height() + 6))


class TimelineView(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.contact_id: int | None = None
        self.limit = PAGE
        self.entries: list = []
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("timelineTree")
        self.tree.setAccessibleName(_("Timeline"))
        self.tree.setAccessibleDescription(
            _("What happened with this person, newest first, by month")
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(6)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHeaderLabels([_("When"), _("What")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemDoubleClicked.connect(
            lambda item, _col: item.data(0, EntryRole) is not None and self._edit(item)
        )
        self.tree.setMinimumHeight(220)
        self.tree.setColumnWidth(0, 110)
        self.tree.setItemDelegate(_WrapDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_a: self.tree.doItemsLayout())
        self.tree.header().setStretchLastSection(True)
        self.more_button = QPushButton(_("Show older"))
        self.more_button.setAccessibleDescription(_("Show the next page of older entries"))
        self.more_button.setObjectName("olderButton")
        self.more_button.clicked.connect(self.show_more)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.more_button)

    def show_person(self, contact_id: int, *, keep_limit: bool = False) -> None:
        if contact_id != self.contact_id or not keep_limit:
            self.limit = PAGE
        self.contact_id = contact_id
        self._load()

    def entry_items(self) -> list[QTreeWidgetItem]:
        """The interactions' rows, newest first (the month headings left out)."""
        return [
            month.child(row)
            for index in range(self.tree.topLevelItemCount())
            for month in [self.tree.topLevelItem(index)]
            for row in range(month.childCount())
        ]

    def show_more(self) -> None:
        self.limit += PAGE * 4
        self._load()

    def _load(self) -> None:
        from entregent.services.people.listing import names_of
        from entregent.services.relations.interactions import timeline

        # One row more than shown says whether there are older ones.
        entries = timeline(self.contact_id, limit=self.limit + 1)
        more = len(entries) > self.limit
        self.entries = entries[: self.limit]
        names = names_of({i for e in self.entries for i in e.others})
        self.tree.clear()
        months: dict[str, QTreeWidgetItem] = {}
        for entry in self.entries:
            lines = [what_text(entry)]
            if entry.note or entry.summary:
                lines.append(entry.note or entry.summary)
            if entry.others:
                lines.append(
                    _("with {names}").format(
                        names=", ".join(names.get(i, "?") for i in entry.others)
                    )
                )
            local = _local(entry.occurred_at)
            title = month_title(local)
            month = months.get(title)
            if month is None:
                month = months[title] = QTreeWidgetItem([title, ""])
                month.setFlags(Qt.ItemFlag.ItemIsEnabled)
                month.setFirstColumnSpanned(True)
                font = month.font(0)
                font.setBold(True)
                month.setFont(0, font)
                self.tree.addTopLevelItem(month)
                month.setFirstColumnSpanned(True)
            item = QTreeWidgetItem([when_text(local), "\n".join(lines)])
            item.setData(0, EntryRole, entry)
            item.setToolTip(1, "\n".join(lines))
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            month.addChild(item)
        self.tree.expandAll()
        self.more_button.setVisible(more)

    def _menu(self, point) -> None:
        item = self.tree.itemAt(point)
        if item is None or item.data(0, EntryRole) is None:
            return
        menu = QMenu(self)
        menu.addAction(_("Edit…"), lambda: self._edit(item))
        menu.addAction(_("Delete"), lambda: self._delete(item))
        menu.popup(self.tree.viewport().mapToGlobal(point))

    def _edit(self, item: QTreeWidgetItem) -> None:
        from entregent.ui.log_dialog import LogDialog

        entry = item.data(0, EntryRole)
        dialog = LogDialog(self.context, [self.contact_id, *entry.others], parent=self, entry=entry)
        dialog.open()

    def _delete(self, item: QTreeWidgetItem) -> None:
        from entregent.services.relations.interactions import delete_interaction, log_interaction

        entry = item.data(0, EntryRole)
        people = [self.contact_id, *entry.others]
        current = [entry.id]  # the id changes when an undo logs it again

        def do() -> None:
            delete_interaction(current[0])

        def relog(_result) -> None:
            when = entry.occurred_at.replace(tzinfo=dt.UTC)
            current[0] = log_interaction(
                people,
                entry.kind,
                when,
                entry.register,
                entry.channel,
                entry.note,
                summary=entry.summary,
            )

        self.context.act(self, _("Delete an interaction"), do, relog)
