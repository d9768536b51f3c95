"""The sidebar: Home, All people, To reach out, each context, each group, Archived.

Choosing an entry emits ``chosen(key)`` where ``key`` is a short string:
``home``, ``all``, ``due``, ``archived``, ``context:<id>``, ``organization:<id>``,
``import:<id>`` (what one import brought). Counts are filled in after the window is shown (in the
background), never at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem

from entregent.i18n import _
from entregent.ui import theme
from entregent.ui.icons import icon

KeyRole = Qt.ItemDataRole.UserRole + 1
RECENT_IMPORTS = 5
LabelRole = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class SidebarEntry:
    key: str
    label: str
    count: int | None = None
    colour: str | None = None


@dataclass
class SidebarContent:
    """What the sidebar lists beyond its fixed entries (read in the background)."""

    due: int | None
    contexts: list[SidebarEntry]
    groups: list[SidebarEntry]
    imports: list[SidebarEntry] = field(default_factory=list)


def read_sidebar_content() -> SidebarContent:
    """Read contexts, groups and the number due (run on a worker)."""
    from entregent.services.people.contexts import list_contexts
    from entregent.services.people.listing import list_group_summaries
    from entregent.ui.due_source import due_count

    contexts = [
        SidebarEntry(f"context:{c.id}", c.label, c.count, c.colour) for c in list_contexts()
    ]
    groups = [SidebarEntry(f"organization:{g.id}", g.name, g.count) for g in list_group_summaries()]
    from entregent.services.imports.history import list_imports

    imports = [
        SidebarEntry(f"import:{i.id}", Path(i.path).name, i.new + i.updated)
        for i in list_imports()
        if i.kind == "vcard" and not i.undone_at
    ][:RECENT_IMPORTS]
    return SidebarContent(due_count(), contexts, groups, imports)


def colour_icon(colour: str) -> QIcon:
    from entregent.ui.avatar import screen_ratio

    ratio = screen_ratio()  # a sharp dot at 200 %
    pixmap = QPixmap(QSize(round(12 * ratio), round(12 * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class Sidebar(QTreeWidget):
    chosen = Signal(str)
    colour_requested = Signal(int)  # the user asked to change this context's colour

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sidebarTree")
        self.setAccessibleName(_("Sections"))
        self.setAccessibleDescription(
            _("Home, everyone, who to reach out to, the network, contexts, groups and imports")
        )
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.setIndentation(10)
        self.setUniformRowHeights(True)
        self.setIconSize(QSize(18, 18))
        self._items: dict[str, QTreeWidgetItem] = {}
        self.filled = False  # the counts read in the background have been shown
        self._home = self._add(None, SidebarEntry("home", _("Home")), icon("home"))
        self._add(None, SidebarEntry("all", _("All people")), icon("people"))
        self._add(None, SidebarEntry("due", _("To reach out")), icon("reach-out"))
        self._add(None, SidebarEntry("network", _("Network")), icon("group"))
        self._contexts = self._section(_("Contexts"))
        self._groups = self._section(_("Groups"))
        self._imports = self._section(_("Recent imports"))
        self._add(None, SidebarEntry("archived", _("Archived")), icon("archive"))
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, self.header().ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, self.header().ResizeMode.ResizeToContents)
        self.currentItemChanged.connect(self._current_changed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def _menu(self, position) -> None:
        item = self.itemAt(position)
        key = item.data(0, KeyRole) if item is not None else None
        if not key or not key.startswith("context:"):
            return
        menu = QMenu(self)
        change = menu.addAction(_("Change colour…"))
        change.triggered.connect(lambda: self.colour_requested.emit(int(key.split(":")[1])))
        menu.exec(self.viewport().mapToGlobal(position))

    def _section(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = item.font(0)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.9)
        item.setFont(0, font)
        item.setForeground(0, theme.muted())
        self.addTopLevelItem(item)
        item.setExpanded(True)
        return item

    def _add(
        self, parent: QTreeWidgetItem | None, entry: SidebarEntry, item_icon: QIcon | None = None
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([entry.label, "" if entry.count is None else str(entry.count)])
        item.setData(0, KeyRole, entry.key)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, entry.label)
        item.setToolTip(0, entry.label)  # a long name is elided in the column
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setForeground(1, theme.muted())
        if item_icon is not None:
            item.setIcon(0, item_icon)
        elif entry.colour:
            item.setIcon(0, colour_icon(entry.colour))
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        self._items[entry.key] = item
        return item

    def fill(self, content: SidebarContent) -> None:
        """Show the contexts, groups and counts read by ``read_sidebar_content``."""
        current = self.current_key()
        self.blockSignals(True)
        try:
            for section in (self._contexts, self._groups, self._imports):
                for child in section.takeChildren():
                    self._items.pop(child.data(0, KeyRole), None)
            for entry in content.contexts:
                self._add(self._contexts, entry)
            for entry in content.groups:
                self._add(self._groups, entry)
            for entry in content.imports:
                self._add(self._imports, entry, icon("import"))
            self._imports.setHidden(not content.imports)
            if not content.groups:
                placeholder = QTreeWidgetItem([_("No group yet")])
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                self._groups.addChild(placeholder)
            if content.due is not None:
                self._items["due"].setText(1, str(content.due))
            if current in self._items:
                self.setCurrentItem(self._items[current])
        finally:
            self.blockSignals(False)
        self.filled = True
        self.retint()

    def retint(self) -> None:
        """Section titles and counts in the muted colour of the theme in use."""
        muted = theme.muted()
        for section in (self._contexts, self._groups, self._imports):
            section.setForeground(0, muted)
        for item in self._items.values():
            item.setForeground(1, muted)

    def keys(self) -> list[str]:
        return list(self._items)

    def item(self, key: str) -> QTreeWidgetItem | None:
        """The entry for ``key`` (``"due"``, ``"context:3"`` …): its text, count,
        dot and tooltip as shown; None if there is no such entry."""
        return self._items.get(key)

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(0, KeyRole) if item is not None else None

    def select(self, key: str) -> bool:
        """Make ``key`` current (emits ``chosen``); False if there is no such entry."""
        item = self._items.get(key)
        if item is None:
            return False
        if item is self.currentItem():
            self.chosen.emit(key)
        else:
            self.setCurrentItem(item)
        return True

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is None:
            return
        key = current.data(0, KeyRole)
        if key:
            self.chosen.emit(key)
