"""The Sync page (a tab of Settings, and File → Sync…): accounts, their
collections and last sync, a sync run on a worker with progress and Cancel,
and the conflicts to settle, shown field by field.

Everything the server or the user wrote is shown as plain text. Passwords
come from the system keyring or a prompt (never stored elsewhere)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _, ngettext
from entregent.ui.accessible import describe, describe_buttons
from entregent.ui.plain import plain_label

__all__ = ["SyncPage", "SyncDialog", "AddAccountDialog", "ConflictDialog"]


def _ask_password(parent, url: str, user: str):
    def ask() -> str | None:
        text, ok = QInputDialog.getText(
            parent,
            _("Sync"),
            _("Password for {user} at {url}:").format(user=user, url=url),
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    return ask


def _summary(result: dict) -> str:
    if not result:
        return _("not synced yet")
    if result.get("mass_delete"):
        return _("stopped: it would have deleted too much (nothing changed)")
    here, there = result["here"], result["there"]
    text = _(
        "here {a} new, {b} updated, {c} deleted; there {d} new, {e} updated, {f} deleted"
    ).format(
        a=here["new"],
        b=here["updated"],
        c=here["deleted"],
        d=there["new"],
        e=there["updated"],
        f=there["deleted"],
    )
    if result.get("conflicts"):
        count = len(result["conflicts"])
        text += " " + ngettext(
            "— {n} conflict to settle", "— {n} conflicts to settle", count
        ).format(n=count)
    if result.get("errors"):
        count = len(result["errors"])
        text += " " + ngettext("— {n} item not synced", "— {n} items not synced", count).format(
            n=count
        )
    return text


class SyncPage(QWidget):
    """The accounts and what to do with them."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("syncPage")
        self.progress = None  # the progress dialog of a run in flight
        self.last_report = None
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("Accounts on a CardDAV/CalDAV server:")))
        self.accounts = QListWidget()
        self.accounts.setObjectName("syncAccounts")
        self.accounts.setAccessibleName(_("Sync accounts"))
        describe(self.accounts, _("Choose an account to see its collections and last sync"))
        self.accounts.currentRowChanged.connect(self._show_current)
        layout.addWidget(self.accounts)
        self.details = plain_label()
        self.details.setObjectName("syncDetails")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("&Add account…"))
        self.remove_button = QPushButton(_("&Remove"))
        self.sync_button = QPushButton(_("&Sync now"))
        self.conflicts_button = QPushButton(_("Settle &conflicts…"))
        for button in (
            self.add_button,
            self.remove_button,
            self.sync_button,
            self.conflicts_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        describe(self.add_button, _("Set up a new account on a CardDAV/CalDAV server"))
        describe(self.remove_button, _("Forget this account; nothing is deleted on either side"))
        describe(self.sync_button, _("Sync this account now, both ways"))
        describe(self.conflicts_button, _("See both versions of each conflict and choose one"))
        self.add_button.clicked.connect(self.add_account)
        self.remove_button.clicked.connect(self.remove_account)
        self.sync_button.clicked.connect(self.sync_now)
        self.conflicts_button.clicked.connect(self.settle_conflicts)
        self.refresh()

    # The list -----------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        from entregent.services.sync.accounts import list_accounts

        current = select or self.current_name()
        self.infos = {info.name: info for info in list_accounts()}
        self.accounts.clear()
        for info in self.infos.values():
            item = QListWidgetItem(f"{info.name} — {info.user} @ {info.url}")
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            self.accounts.addItem(item)
            if info.name == current:
                self.accounts.setCurrentItem(item)
        if self.accounts.currentRow() < 0 and self.accounts.count():
            self.accounts.setCurrentRow(0)
        self._show_current()

    def current_name(self) -> str | None:
        item = self.accounts.currentItem() if hasattr(self, "infos") else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _show_current(self, *_args) -> None:
        from entregent.services.sync.conflicts import list_conflicts

        name = self.current_name()
        info = self.infos.get(name) if name else None
        for button in (self.remove_button, self.sync_button):
            button.setEnabled(info is not None)
        if info is None:
            self.details.setText(_("No account yet: add one to sync with your server."))
            self.conflicts_button.setEnabled(False)
            return
        collections = ", ".join(f"{c['name']} ({c['href']})" for c in info.collections)
        last = info.last_sync_at or _("never")
        self.details.setText(
            _("Collections: {collections}\nLast sync: {last}\nResult: {result}").format(
                collections=collections, last=last, result=_summary(info.last_result)
            )
        )
        self.conflicts_button.setEnabled(bool(list_conflicts(info.name)))

    # Actions ------------------------------------------------------------------
    def add_account(self) -> None:
        dialog = AddAccountDialog(self.context, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(select=dialog.added)

    def remove_account(self) -> None:
        from entregent.services.sync.accounts import remove_account

        name = self.current_name()
        if name:
            remove_account(name)
            self.refresh()

    def sync_now(self) -> None:
        from entregent.errors import UserError
        from entregent.services.sync.credentials import password_for
        from entregent.services.sync.engine import sync_account
        from entregent.ui.errors_dialog import show_error
        from entregent.ui.progress_task import run_with_progress

        name = self.current_name()
        if not name or self.progress is not None:
            return
        info = self.infos[name]
        try:
            password = password_for(
                info.url, info.user, ask=_ask_password(self, info.url, info.user)
            )
        except UserError as exc:
            show_error(self, exc)
            return

        def task(progress, cancelled):
            return sync_account(
                name,
                password,
                progress=lambda _text: progress(0, 0),
                cancelled=cancelled,
            )

        self.sync_button.setEnabled(False)
        self.progress = run_with_progress(
            self.context,
            self,
            _("Syncing {name}…").format(name=name),
            task,
            self._synced,
            name="syncProgress",
        )
        self.progress.job.done.connect(self._run_ended)

    def _synced(self, report) -> None:
        self.last_report = report
        self.refresh(select=report.account)
        self.context.data_changed.emit()  # the lists show what came in

    def _run_ended(self) -> None:
        self.progress = None
        self.sync_button.setEnabled(self.current_name() is not None)

    def settle_conflicts(self) -> None:
        name = self.current_name()
        if not name:
            return
        dialog = ConflictDialog(name, self)
        dialog.exec()
        if dialog.decided:
            self.sync_now()


class SyncDialog(QDialog):
    """File → Sync…: the Sync page on its own."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.setObjectName("syncDialog")
        self.setWindowTitle(_("Sync"))
        layout = QVBoxLayout(self)
        self.page = SyncPage(context, self)
        layout.addWidget(self.page)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        describe_buttons(close)
        layout.addWidget(close)
        self.resize(640, 360)


class AddAccountDialog(QDialog):
    """Name, server, user and password; the server's collections to choose from."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.added: str | None = None
        self.found: list = []
        self.setObjectName("addSyncAccount")
        self.setWindowTitle(_("Add a sync account"))
        form = QFormLayout(self)
        self.name_edit = QLineEdit(_("home"))
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://dav.example.org/")
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        for edit, name, description in (
            (
                self.name_edit,
                _("Name"),
                _("A short name for this account, used by the command line"),
            ),
            (self.url_edit, _("Server address"), _("The address of your CardDAV/CalDAV server")),
            (self.user_edit, _("User name"), _("Your user name on the server")),
            (
                self.password_edit,
                _("Password (or app password)"),
                _("Kept in the system keyring, never in Entregent's files"),
            ),
        ):
            edit.setAccessibleName(name)
            describe(edit, description)
        form.addRow(_("Name"), self.name_edit)
        form.addRow(_("Server address"), self.url_edit)
        form.addRow(_("User name"), self.user_edit)
        form.addRow(_("Password (or app password)"), self.password_edit)
        self.find_button = QPushButton(_("&Find collections"))
        describe(self.find_button, _("Ask the server which address books and calendars you have"))
        self.find_button.clicked.connect(self.find)
        form.addRow(self.find_button)
        self.collections = QListWidget()
        self.collections.setObjectName("syncCollections")
        self.collections.setAccessibleName(_("Collections to sync"))
        describe(self.collections, _("Tick the address books and calendars to sync"))
        form.addRow(_("Collections"), self.collections)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        describe_buttons(self.buttons)
        form.addRow(self.buttons)
        self.job = None

    def _fields(self) -> tuple[str, str, str, str]:
        return (
            self.name_edit.text().strip(),
            self.url_edit.text().strip(),
            self.user_edit.text().strip(),
            self.password_edit.text(),
        )

    def find(self) -> None:
        from entregent.services.sync.accounts import find_collections
        from entregent.ui.errors_dialog import show_error

        _name, url, user, password = self._fields()
        self.find_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.find_button.setEnabled(True)
            self.context.last_error = show_error(self, exc)

        self.job = self.context.workers.run(
            lambda job: find_collections(url, user, password), self._found, failed
        )

    def _found(self, found) -> None:
        self.find_button.setEnabled(True)
        self.found = found
        self.collections.clear()
        books = [c for c in found if c.kind == "card"]
        calendars = [c for c in found if c.kind == "cal"]
        for collection in found:
            kind = _("address book") if collection.kind == "card" else _("calendar")
            item = QListWidgetItem(f"{collection.name} ({kind}, {collection.href})")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            first = collection in (books[:1] + calendars[:1])
            item.setCheckState(Qt.CheckState.Checked if first else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, collection.href)
            self.collections.addItem(item)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(books))

    def chosen(self) -> list[str]:
        return [
            self.collections.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.collections.count())
            if self.collections.item(i).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        from entregent.errors import UserError
        from entregent.services.sync.accounts import add_account
        from entregent.services.sync.credentials import remember_password
        from entregent.ui.errors_dialog import show_error

        name, url, user, password = self._fields()
        try:
            info = add_account(name, url, user, password, self.chosen())
        except UserError as exc:
            self.context.last_error = show_error(self, exc)
            return
        remember_password(url, user, password)
        self.added = info.name
        super().accept()


class ConflictDialog(QDialog):
    """Each conflict with both versions field by field; keep ours or theirs."""

    def __init__(self, account: str, parent=None):
        from entregent.services.sync.conflicts import list_conflicts

        super().__init__(parent)
        self.account = account
        self.decided = 0
        self.setObjectName("conflictDialog")
        self.setWindowTitle(_("Conflicts to settle"))
        layout = QVBoxLayout(self)
        self.people = QListWidget()
        self.people.setObjectName("conflictPeople")
        self.people.setAccessibleName(_("Conflicts"))
        describe(self.people, _("The people changed on both sides"))
        layout.addWidget(self.people)
        layout.addWidget(
            plain_label(
                _(
                    "Fields in bold were changed on both sides; the others on one side only. "
                    "The next sync carries out your choice."
                )
            )
        )
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("conflictFields")
        self.table.setHorizontalHeaderLabels([_("Field"), _("Here"), _("On the server")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(_("Both versions, field by field"))
        describe(self.table, _("Each field that differs: here and on the server"))
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.keep_mine = QPushButton(_("Keep &mine"))
        self.keep_theirs = QPushButton(_("Keep the &server's"))
        describe(self.keep_mine, _("Send this person's card as it is here"))
        describe(self.keep_theirs, _("Take the server's card for this person"))
        row.addWidget(self.keep_mine)
        row.addWidget(self.keep_theirs)
        row.addStretch(1)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        describe_buttons(close)
        layout.addWidget(close)
        self.keep_mine.clicked.connect(lambda: self._decide("local"))
        self.keep_theirs.clicked.connect(lambda: self._decide("remote"))
        self.people.currentRowChanged.connect(self._show)
        self.conflicts = list_conflicts(account)
        for conflict in self.conflicts:
            self.people.addItem(QListWidgetItem(conflict.name))
        if self.conflicts:
            self.people.setCurrentRow(0)
        self.resize(720, 420)

    def _show(self, index: int) -> None:
        self.table.setRowCount(0)
        if not 0 <= index < len(self.conflicts):
            return
        for number, field in enumerate(self.conflicts[index].fields):
            self.table.insertRow(number)
            for column, text in enumerate((field.name, field.here, field.there)):
                item = QTableWidgetItem(text)  # items are plain text
                if field.both_changed:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(number, column, item)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

    def _decide(self, decision: str) -> None:
        from entregent.services.sync.conflicts import decide_conflict

        index = self.people.currentRow()
        if not 0 <= index < len(self.conflicts):
            return
        decide_conflict(self.account, self.conflicts[index].href, decision)
        self.decided += 1
        done = _("(kept: mine)") if decision == "local" else _("(kept: the server's)")
        self.people.item(index).setText(f"{self.conflicts[index].name} {done}")
        if index + 1 < len(self.conflicts):
            self.people.setCurrentRow(index + 1)
