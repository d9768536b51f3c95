"""Help ▸ Keyboard shortcuts: every action of the window that has a shortcut,
with the keys as this system writes them, plus the keys of the list and panes."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from entregent.i18n import _
from entregent.ui.accessible import describe_buttons


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(what, keys) for each of the window's actions that has keys, then the
    keys that belong to no menu entry."""
    rows = []
    for action in window.findChildren(QAction):
        keys = [
            s.toString(QKeySequence.SequenceFormat.NativeText)
            for s in action.shortcuts()
            if not s.isEmpty()
        ]
        text = action.text().replace("&", "").rstrip("…").strip()
        if keys and text and (text, ", ".join(keys)) not in rows:
            rows.append((text, ", ".join(keys)))
    rows += [
        (_("Move between the sidebar, the search, the list and the person"), _("Tab, Shift+Tab")),
        (_("Log an interaction with the person in the list"), _("Enter or a double click")),
        (_("Clear the search"), _("Esc")),
        (_("Switch between Timeline and Details"), _("Ctrl+Tab")),
    ]
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsTree")
        self.tree.setAccessibleName(_("Keyboard shortcuts"))
        self.tree.setAccessibleDescription(_("Each action and the keys that run it"))
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([_("Action"), _("Keys")])
        for what, keys in shortcut_rows(window):
            self.tree.addTopLevelItem(QTreeWidgetItem([what, keys]))
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        describe_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(620, 480)
