"""The main window: it assembles the views and wires them; it implements no feature.

Left the sidebar, in the middle Home or the people list, on the right the
person's details. Menus and shortcuts call the dialogs in their own modules.
``search_edit``, ``people_model``, ``people_view``, ``detail_pane`` and
``sidebar`` are public for tests and benchmarks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _
from entregent.services.people.listing import PeopleFilter
from entregent.ui import person_actions, theme
from entregent.ui.app_context import AppContext
from entregent.ui.context_colour import change_context_colour
from entregent.ui.data_watch import DataWatch
from entregent.ui.icons import app_icon
from entregent.ui.people_view import PeopleView
from entregent.ui.plain import plain_label
from entregent.ui.sidebar import Sidebar, read_sidebar_content

MINIMUM_SIZE = (1100, 680)  # below this the three panes would overlap or cut texts

IMPORTABLE = (".vcf", ".vcard", ".ics", ".ical", ".ifb", ".icalendar")


class MainWindow(QMainWindow):
    # Every start-up count, badge and Home card filled (see ``is_settled``).
    settled = Signal()
    # The first paint, once, before the steps left until it (``after_first_paint``).
    painted = Signal()

    def __init__(
        self,
        database_path: Path | None = None,
        *,
        demo: bool = False,
        restore_state: bool = True,
        daily_backup: bool = False,
    ):
        super().__init__()
        self.database_path = database_path
        self.remembers = restore_state  # False: screenshots and tests leave QSettings alone
        self.context = AppContext(self)
        self.setObjectName("mainWindow")
        title = _("Entregent")
        if demo:
            title += " — " + _("demo network")
        self.setWindowTitle(title)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.dialogs: list = []  # dialogs opened non-modally, newest last (tests read it)

        self.sidebar = Sidebar(self)
        self.people_view = PeopleView(parent=self)
        self.people_model = self.people_view.model
        self.people_model.workers = self.context.workers
        self.search_edit = self.people_view.search_edit
        # The detail pane (and its modules) is built once the list has painted
        # its first page; until then an empty widget holds its place.
        self._detail_pane = None
        self._detail_slot = QWidget(self)
        self._home_view = None
        self.network_view = None  # the Network section, built on first use

        self.import_bar = QWidget(self)
        bar = QHBoxLayout(self.import_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        self.import_label = plain_label("")
        self.undo_import_button = QPushButton(_("Undo this import"))
        self.undo_import_button.setObjectName("undoImportButton")
        self.undo_import_button.setAccessibleDescription(
            _("Take back everything this import brought or changed")
        )
        self.undo_import_button.clicked.connect(self._undo_import)
        bar.addWidget(self.import_label, 1)
        bar.addWidget(self.undo_import_button)
        self.import_bar.hide()
        people_area = QWidget(self)
        area = QVBoxLayout(people_area)
        area.setContentsMargins(0, 0, 0, 0)
        area.setSpacing(0)
        area.addWidget(self.import_bar)
        area.addWidget(self.people_view)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(QWidget(self))  # Home, built on first use
        self.stack.addWidget(people_area)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self._detail_slot)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([210, 640, 380])
        self.setCentralWidget(self.splitter)
        self.setTabOrder(self.sidebar, self.search_edit)
        self.setTabOrder(self.search_edit, self.people_view.table)

        self.actions = person_actions.build_actions(self)
        self._build_menus()
        self.statusBar()

        self.sidebar.chosen.connect(self.show_section)
        self.sidebar.colour_requested.connect(lambda cid: change_context_colour(self, cid))
        self.people_view.log_requested.connect(self.open_log)
        self.people_view.current_person_changed.connect(self._show_detail)
        self.context.data_changed.connect(self.refresh)
        self.data_watch = DataWatch(self)  # shows what the command line changed
        self.context.person_requested.connect(self.show_person)
        self.context.log_requested.connect(self.open_log)
        self.context.ask_requested.connect(self.open_ask)
        self.context.answer_requested.connect(self.open_answer)
        theme.watch().changed.connect(self._theme_changed)
        self.setMinimumSize(*MINIMUM_SIZE)
        if restore_state:
            self._restore()
        else:
            self.resize(1280, 800)
        start = QSettings().value("window/sidebar", "all") if restore_state else "all"
        if not self.sidebar.select(str(start)):
            self.sidebar.select("all")
        # After the first paint: the detail pane, the follow-ups file, the day's copy.
        self.auto_export = None  # the follow-ups file rewritten on a worker (after the paint)
        # Each in its own turn of the event loop, so that none holds the GUI thread
        # long: the detail pane's modules and widgets, then the person it shows.
        self._after_paint: list = [
            lambda: self.detail_pane,
            lambda: self._show_detail(self.people_view.current_id() or 0),
            self._defer_auto_export,
        ]
        if daily_backup and database_path is not None:
            # The day's copy, on a worker, once the window is complete: copying the
            # whole file beside the start-up reads slowed them (at a million
            # interactions the due count took seconds instead of a tenth of one).
            self.settled.connect(lambda: self._daily_backup(Path(database_path)))
        # The sidebar's counts are one SQL statement each (the sqlite3 module lets go
        # of the interpreter while they run): read while the window is being built
        # and painted, so that they are in when it first shows.
        self.refresh_sidebar()
        self._after_paint_running = False
        self._watch_settled()
        # The list's first paint; or the window's, when it opens on Home.
        _AfterFirstPaint(self.people_view.table.viewport(), self._first_painted)
        _AfterFirstPaint(self, lambda: self.stack.currentIndex() != 1 and self._first_painted())

    def is_settled(self) -> bool:
        """The window is complete: painted, the sidebar's counts in, Home's cards
        filled when Home shows, the list's badges read, no read still running
        (the day's backup, a background task, does not count)."""
        if self._after_paint is not None or not self.sidebar.filled:
            return False
        if self.stack.currentIndex() == 0 and self._home_view is not None:
            if not self._home_view.loaded:
                return False
        return not self.people_model.badges_pending() and not self.context.workers.busy(
            foreground=True
        )

    def _watch_settled(self) -> None:
        """Emit ``settled`` once, when ``is_settled`` first holds (looked at as the
        event loop turns, never by sleeping)."""
        timer = QTimer(self)
        timer.setInterval(5)

        def look() -> None:
            if self.is_settled():
                timer.stop()
                timer.deleteLater()
                self.settled.emit()

        timer.timeout.connect(look)
        timer.start()

    def after_first_paint(self, then) -> None:
        """Call ``then`` once the window has painted (at once if it has)."""
        if self._after_paint is None:
            then()
        else:
            self._after_paint.append(then)

    def _first_painted(self) -> None:
        if self._after_paint is None or self._after_paint_running:
            return
        self._after_paint_running = True
        self.painted.emit()
        self._run_after_paint()

    def _run_after_paint(self) -> None:
        """The next of the after-paint steps; the others in later turns of the loop
        (``after_first_paint`` calls at once only when every step has run)."""
        waiting = self._after_paint
        if waiting is None:
            return
        if waiting:
            waiting.pop(0)()
        if waiting:
            QTimer.singleShot(0, self._run_after_paint)
        else:
            self._after_paint = None

    def _daily_backup(self, path: Path) -> None:
        """The day's copy of the network (if none yet), in the background."""
        from entregent.services.storage.backup import backup_if_due

        self.context.workers.run(
            lambda job: backup_if_due(path, cancelled=job.cancelled),
            None,
            lambda exc: None,
            abandon=True,  # given up when the window closes; made at the next start
            background=True,  # the window is complete without it
        )

    def _defer_auto_export(self) -> None:
        from entregent.ui.auto_export import AutoExport

        if self.auto_export is None:
            self.auto_export = AutoExport(self.context.workers, self)

    # The detail pane, built after the first paint ------------------------------------
    @property
    def detail_pane(self):
        if self._detail_pane is None:
            from entregent.ui.detail_pane import DetailPane

            pane = DetailPane(self.context, self)
            slot = self._detail_slot
            pane.setVisible(not slot.isHidden())
            self.splitter.replaceWidget(self.splitter.indexOf(slot), pane)
            slot.deleteLater()
            self._detail_pane = self._detail_slot = pane
            self.setTabOrder(self.people_view.table, pane)
        return self._detail_pane

    def _show_detail(self, contact_id: int) -> None:
        """Show a person in the detail pane; with nobody chosen, the list's first
        (the pane is never a blank third of the window while the list has people)."""
        if not contact_id and self.stack.currentIndex() == 1 and self.people_model.rowCount():
            contact_id = self.people_model.contact_id(0) or 0
        self.detail_pane.show_person(contact_id)

    # Menus -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.actions
        file_menu = self.menuBar().addMenu(_("&File"))
        for name in (
            "import",
            "export_contacts",
            "export_followups",
            None,
            "backup",
            "restore",
            None,
            "sync",
            "settings",
            None,
            "quit",
        ):
            file_menu.addSeparator() if name is None else file_menu.addAction(a[name])
        edit = self.menuBar().addMenu(_("&Edit"))
        edit.addAction(a["undo"])
        edit.addAction(a["redo"])
        edit.addSeparator()
        edit.addAction(a["find"])
        person = self.menuBar().addMenu(_("&People"))
        for name in (
            "log",
            "ask",
            "followup",
            None,
            "tag",
            "untag",
            None,
            "archive",
            "unarchive",
            "delete",
            None,
            "export_selection",
            None,
            "duplicates",
        ):
            if name is None:
                person.addSeparator()
            elif isinstance(a[name], QAction):
                person.addAction(a[name])
            else:
                person.addMenu(a[name])
        help_menu = self.menuBar().addMenu(_("&Help"))
        shortcuts = help_menu.addAction(_("&Keyboard shortcuts…"))
        shortcuts.setShortcuts([QKeySequence("F1"), QKeySequence("Ctrl+?")])
        shortcuts.triggered.connect(self.open_shortcuts)
        self.people_view.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for name in ("log", "ask", "followup", "archive", "delete", "export_selection"):
            self.people_view.table.addAction(a[name])

    # Sections ----------------------------------------------------------------------
    @property
    def home_view(self):
        if self._home_view is None:
            from entregent.ui.home_view import HomeView

            self._home_view = HomeView(self.context, self)
            self._home_view.see_all_requested.connect(self.show_due)
            self._home_view.group_rows.group_requested.connect(
                lambda group: self.sidebar.select(f"organization:{group}")
            )
            self._home_view.settings_requested.connect(self.actions["settings"].trigger)
            old = self.stack.widget(0)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(0, self._home_view)
        return self._home_view

    def _show_network(self) -> None:
        """The map of who knows whom, built on first use, laid out on a worker."""
        if self.network_view is None:
            from entregent.ui.network_view import NetworkView

            self.network_view = NetworkView(self.context, self)
            self.stack.addWidget(self.network_view)
        self.network_view.reload()
        self.stack.setCurrentWidget(self.network_view)
        self._detail_slot.hide()

    def show_section(self, key: str) -> None:
        if self.remembers:
            QSettings().setValue("window/sidebar", key)
        self.import_bar.hide()
        if key == "network":
            self._show_network()
            return
        if key == "home":
            self.home_view.reload()
            self.stack.setCurrentIndex(0)
            self._detail_slot.hide()  # Home uses the whole width
            return
        self.stack.setCurrentIndex(1)
        self._detail_slot.show()
        kind, _sep, ident = key.partition(":")
        label = self.sidebar.currentItem().text(0) if self.sidebar.currentItem() else ""
        if kind == "import":
            self.show_import(int(ident), label, from_sidebar=True)
            return
        if kind == "due":
            from entregent.ui.due_source import due_contact_ids

            people = PeopleFilter("due", ids=tuple(due_contact_ids()))
        elif ident:
            people = PeopleFilter(kind, int(ident))
        else:
            people = PeopleFilter(kind)
        self.people_view.set_title(label)
        self.people_model.set_filter(people.with_text(self.search_edit.text()))
        self.people_view.update_empty()

    def show_import(self, batch_id: int, label: str = "", *, from_sidebar: bool = False) -> None:
        """List the people one import brought, with "Undo this import"."""
        if not from_sidebar:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentItem(None)
            self.sidebar.blockSignals(False)
        self.stack.setCurrentIndex(1)
        self._detail_slot.show()
        self.people_view.set_title(label or _("From an import"))
        self.import_label.setText(_("The people this import brought or changed."))
        self.import_bar.setProperty("batch_id", batch_id)
        self.import_bar.show()
        self.search_edit.clear()
        self.people_model.set_filter(PeopleFilter("import", batch_id))

    def show_due(self, kinds: tuple[str, ...], title: str) -> None:
        """A Home card's whole list: the people due for ``kinds``, under the card's
        title (read on a worker: the whole due list may be long)."""
        from entregent.ui.due_source import due_contact_ids

        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentItem(None)
        self.sidebar.blockSignals(False)
        self.import_bar.hide()
        self.stack.setCurrentIndex(1)
        self._detail_slot.show()
        self.people_view.set_title(title)
        self.search_edit.clear()

        def show(ids: list[int]) -> None:
            self.people_model.set_filter(PeopleFilter("due", ids=tuple(ids)))
            self.people_view.update_empty()

        self.context.workers.run(lambda job: due_contact_ids(kinds), show)

    def _undo_import(self) -> None:
        person_actions.undo_import(self, self.import_bar.property("batch_id"))

    def show_person(self, contact_id: int) -> None:
        """Show one person (in the list when loaded there, always in the detail pane)."""
        if self.stack.currentIndex() != 1:
            self.sidebar.select("all")
        self.detail_pane.show()
        if not self.people_view.select_person(contact_id):
            self.people_view.table.clearSelection()
            self.detail_pane.show_person(contact_id)

    # Refreshing --------------------------------------------------------------------
    def refresh(self) -> None:
        self.people_model.refresh()
        if self._detail_pane is not None:
            self._detail_pane.reload()
        if self._home_view is not None and self.stack.currentIndex() == 0:
            self._home_view.reload()
        self.refresh_sidebar()

    def _theme_changed(self, _scheme: str) -> None:
        """Light or dark changed: what paints its own colours draws again."""
        self.sidebar.retint()
        self.refresh()
        if self.network_view is not None and self.stack.currentWidget() is self.network_view:
            self.network_view.reload()

    def refresh_sidebar(self) -> None:
        self.context.workers.run(
            lambda job: read_sidebar_content(), self.sidebar.fill, lambda exc: None, abandon=True
        )

    # Dialogs -----------------------------------------------------------------------
    def _keep(self, dialog):
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        return dialog

    def current_ids(self) -> list[int]:
        ids = self.people_view.selected_ids() if self.stack.currentIndex() == 1 else []
        if not ids and self._detail_pane is not None and self._detail_pane.contact_id:
            ids = [self._detail_pane.contact_id]
        return ids

    def open_shortcuts(self):
        from entregent.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        self._keep(dialog)
        dialog.show()
        return dialog

    def open_log(self, contact_id: int | None = None):
        from entregent.ui.log_dialog import LogDialog

        ids = [contact_id] if contact_id else self.current_ids()
        if not ids:
            return None
        dialog = self._keep(LogDialog(self.context, ids, self))
        dialog.open()
        return dialog

    def open_ask(self, contact_id: int | None = None):
        from entregent.ui.ask_dialog import AskDialog

        ids = [contact_id] if contact_id else self.current_ids()
        if not ids:
            return None
        dialog = self._keep(AskDialog(self.context, ids[0], self))
        dialog.open()
        return dialog

    def open_answer(self, contact_id: int):
        """How did an ask to this person turn out? (their open asks, newest first)"""
        from entregent.ui.answer_ask_dialog import AnswerAskDialog

        dialog = self._keep(AnswerAskDialog(self.context, contact_id, self))
        dialog.open()
        return dialog

    def open_import(self, paths: list[str] | None = None):
        from entregent.ui.import_wizard import ImportWizard

        wizard = self._keep(ImportWizard(self.context, [str(p) for p in paths or []], self))
        wizard.show_import_requested.connect(self.show_import)
        wizard.duplicates_requested.connect(self.open_duplicates)
        wizard.open()
        return wizard

    def open_duplicates(self, pairs=None):
        from entregent.ui.duplicates_dialog import DuplicatesDialog

        dialog = self._keep(DuplicatesDialog(self.context, self, pairs=pairs))
        dialog.open()
        return dialog

    # Drag and drop -----------------------------------------------------------------
    @staticmethod
    def _importable(event) -> list[str]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [
            u.toLocalFile()
            for u in urls
            if u.isLocalFile() and u.toLocalFile().lower().endswith(IMPORTABLE)
        ]

    def dragEnterEvent(self, event) -> None:
        if self._importable(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = self._importable(event)
        if paths:
            event.acceptProposedAction()
            self.open_import(paths)

    # State -------------------------------------------------------------------------
    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        for key, target in (
            ("window/splitter", self.splitter),
            ("window/columns", self.people_view.table.horizontalHeader()),
        ):
            state = settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                target.restoreState(state)

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/columns", self.people_view.table.horizontalHeader().saveState())

    def closeEvent(self, event) -> None:
        if self._after_paint:
            self._after_paint.clear()  # the steps not yet run have nobody to show to
        if self.remembers:
            self.save_state()
        self.people_model.stop_background()
        self.context.workers.abandon()  # reads and the day's backup: given up at once
        if self.auto_export is not None:
            self.auto_export.flush()
        self.context.workers.join()
        super().closeEvent(event)


__all__ = ["MainWindow"]


class _AfterFirstPaint(QObject):
    """Calls ``then`` once ``widget`` has painted for the first time (next turn of
    the event loop, so that the paint reaches the screen first)."""

    def __init__(self, widget: QWidget, then):
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._then is not None:
            watched.removeEventFilter(self)
            then, self._then = self._then, None
            QTimer.singleShot(0, then)
        return False
