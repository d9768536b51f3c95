"""A person's timeline in the detail pane: newest first, a page at a time.

Each row shows when, what and with whom; the context menu edits or deletes
an interaction (deleting is undoable: undo logs it again).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _
from entregent.ui.locale_format import format_datetime

PAGE = 50
EntryRole = Qt.ItemDataRole.UserRole + 1


def kind_label(kind: str) -> str:
    from entregent.network.kinds import KIND_LABELS

    return _(KIND_LABELS.get(kind, kind))


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
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHeaderLabels([_("When"), _("What")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._edit(item))
        self.tree.setMinimumHeight(220)
        self.tree.setColumnWidth(0, 120)
        self.more_button = QPushButton(_("Show older"))
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
        items = []
        for entry in self.entries:
            what = kind_label(entry.kind)
            if entry.ask_what:
                from entregent.network.advice import what_label

                what += f" ({what_label(entry.ask_what)}, {_(entry.ask_outcome or '')})"
            lines = [what]
            if entry.note or entry.summary:
                lines.append(entry.note or entry.summary)
            if entry.others:
                lines.append(
                    _("with {names}").format(
                        names=", ".join(names.get(i, "?") for i in entry.others)
                    )
                )
            when = format_datetime(entry.occurred_at)
            item = QTreeWidgetItem([when, "\n".join(lines)])
            item.setData(0, EntryRole, entry)
            item.setToolTip(1, "\n".join(lines))
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.more_button.setVisible(more)

    def _menu(self, point) -> None:
        item = self.tree.itemAt(point)
        if item is None:
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
