"""File ▸ Back up now… and File ▸ Restore from a backup…: one small dialog
listing the copies of the network (date, why, size), with "Back up now",
"Save a copy as…" and "Restore…" (the chosen copy or any file).

The copying runs on the app's background workers; errors go to the errors
dialog. A restore is confirmed first (the current database is kept in the
backups folder under a new timestamped ``before-restore`` name), then the session
is re-opened and every view re-reads.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from entregent.i18n import _
from entregent.ui.accessible import describe_buttons
from entregent.ui.errors_dialog import show_error
from entregent.ui.plain import plain_label

__all__ = ["BackupDialog", "open_backups"]

PATH_ROLE = Qt.ItemDataRole.UserRole


def _when(taken) -> str:
    moment = QDateTime(
        QDate(taken.year, taken.month, taken.day), QTime(taken.hour, taken.minute, taken.second)
    )
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def _size(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class BackupDialog(QDialog):
    """The copies of the open database, and what can be done with them."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.context = window.context
        self.setObjectName("backupDialog")
        self.setWindowTitle(_("Backups"))
        self.resize(560, 380)
        self.confirm_box: QMessageBox | None = None  # the last restore confirmation (tests)
        self.last_result = None  # what the last job returned (tests read it)

        layout = QVBoxLayout(self)
        self.intro = plain_label(
            _(
                "Copies of your network, newest first. Entregent makes one "
                "each day you use it, and before upgrades and merges."
            )
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTreeWidget(self)
        self.table.setObjectName("backupList")
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([_("Taken"), _("Why"), _("Size")])
        self.table.setAccessibleName(_("Copies of your network"))
        self.table.setAccessibleDescription(
            _("When each copy was taken and why; choose one to save or restore it")
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item, _col: self.restore_selected())
        layout.addWidget(self.table, 1)
        self.empty = plain_label(_("No copy yet."))
        layout.addWidget(self.empty)
        self.status = plain_label("")
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        row = QHBoxLayout()
        self.backup_button = QPushButton(_("Back up now"))
        self.backup_button.setAccessibleDescription(_("Make a copy of your network now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.save_copy_button = QPushButton(_("Save a copy as…"))
        self.save_copy_button.setAccessibleDescription(
            _("Save the chosen copy to a file of your choice")
        )
        self.save_copy_button.clicked.connect(lambda: self.save_copy_as())
        self.restore_button = QPushButton(_("Restore this copy…"))
        self.restore_button.setAccessibleDescription(
            _("Go back to the chosen copy; the network as it is now is kept aside first")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(_("Restore from a file…"))
        self.restore_file_button.setAccessibleDescription(_("Go back to a copy saved elsewhere"))
        self.restore_file_button.clicked.connect(lambda: self.restore_file())
        for button in (
            self.backup_button,
            self.save_copy_button,
            self.restore_button,
            self.restore_file_button,
        ):
            button.setAutoDefault(False)
            row.addWidget(button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        describe_buttons(buttons)
        layout.addWidget(buttons)

        self._busy = False
        self.reload()

    # The list -----------------------------------------------------------------------
    def database(self) -> Path:
        from entregent.services.storage.session import current_database_path

        return current_database_path() or Path(self.window_.database_path)

    def reload(self) -> None:
        from entregent.services.storage.backup import REASON_LABELS, list_backups

        self.table.clear()
        for info in reversed(list_backups(self.database())):
            why = _(REASON_LABELS.get(info.reason, info.reason))
            item = QTreeWidgetItem([_when(info.taken_at), why, _size(info.size)])
            item.setData(0, PATH_ROLE, str(info.path))
            item.setToolTip(0, str(info.path))
            self.table.addTopLevelItem(item)
        for column in range(3):
            self.table.resizeColumnToContents(column)
        self.empty.setVisible(self.table.topLevelItemCount() == 0)
        self._update_buttons()

    def backup_paths(self) -> list[Path]:
        """The listed copies, as shown (newest first)."""
        return [
            Path(self.table.topLevelItem(i).data(0, PATH_ROLE))
            for i in range(self.table.topLevelItemCount())
        ]

    def _update_buttons(self) -> None:
        for button in (self.backup_button, self.save_copy_button, self.restore_file_button):
            button.setEnabled(not self._busy)
        self.restore_button.setEnabled(not self._busy and bool(self.table.selectedItems()))

    def busy(self) -> bool:
        return self._busy

    def _run(self, message: str, task, on_success) -> None:
        self._busy = True
        self._update_buttons()
        self.status.setText(message)

        def done(result) -> None:
            self._busy = False
            self.last_result = result
            self.status.setText("")
            self._update_buttons()
            on_success(result)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.status.setText("")
            self._update_buttons()
            self.context.last_error = show_error(self, exc)

        self.context.workers.run(lambda job: task(), done, failed)

    # Backing up ---------------------------------------------------------------------
    def back_up_now(self) -> None:
        from entregent.services.storage.backup import create_backup

        database = self.database()

        def made(path: Path) -> None:
            self.reload()
            self.status.setText(_("A copy was made: {file}").format(file=Path(path).name))

        self._run(_("Making a copy…"), lambda: create_backup(database, reason="manual"), made)

    def save_copy_as(self, target: str | Path | None = None) -> None:
        from entregent.services.storage.backup import create_backup

        if target is None:
            target, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save a copy of your network"),
                str(Path.home() / "entregent-copy.sqlite3"),
                _("Entregent databases (*.sqlite3)"),
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
            if not target:
                return
        database, target = self.database(), Path(target)

        def made(path: Path) -> None:
            self.status.setText(_("A copy was saved: {file}").format(file=str(path)))

        self._run(_("Making a copy…"), lambda: create_backup(database, target), made)

    # Restoring ----------------------------------------------------------------------
    def restore_selected(self) -> None:
        items = self.table.selectedItems()
        if items and not self._busy:
            self.restore_from(Path(items[0].data(0, PATH_ROLE)))

    def restore_file(self, source: str | Path | None = None) -> None:
        if source is None:
            source, _filter = QFileDialog.getOpenFileName(
                self,
                _("Restore from a backup"),
                str(self.database().parent),
                _("Entregent backups (*.sqlite3 *.db *.before-restore);;All files (*)"),
            )
            if not source:
                return
        self.restore_from(Path(source))

    def restore_from(self, source: Path, *, confirm: bool = True) -> None:
        """Check ``source``, ask (unless ``confirm`` is False), then put it in place."""
        from entregent.services.storage.restore import check_backup_file

        source = Path(source)
        self._run(
            _("Checking the copy…"),
            lambda: check_backup_file(source),
            lambda _version: self._confirm(source) if confirm else self._restore(source),
        )

    def _confirm(self, source: Path) -> None:
        from entregent.services.storage.backup import backups_folder

        database = self.database()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Restore a backup"),
            _("Put this copy in place of your network?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            _(
                "Copy: {source}\n\nYour network as it is now is first copied to {folder} "
                "(listed as before a restore), so nothing is lost."
            ).format(source=str(source), folder=str(backups_folder(database)))
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Restore"))
        box.accepted.connect(lambda: self._restore(source))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm_box = box
        box.open()

    def _restore(self, source: Path) -> None:
        from entregent.services.storage.restore import restore_database

        database = self.database()
        self._run(_("Restoring…"), lambda: restore_database(source, database), self._reopen)

    def _reopen(self, result) -> None:
        """The restored file becomes the open network; every view re-reads it."""
        from entregent.services.storage.session import close_session, open_session

        self.context.workers.pool.waitForDone()  # no read left on the old connection
        try:
            close_session()
            open_session(result.database, apply_language=False, daily_backup=False)
        except Exception as exc:
            self.context.last_error = show_error(self, exc)
            return
        self.context.undo_stack.clear()  # its steps were about the data as it was
        watch = getattr(self.window_, "data_watch", None)
        if watch is not None:
            watch.reset()
        self.context.data_changed.emit()
        self.reload()
        text = (
            _("Restored. Your network as it was is kept as {file}.").format(
                file=result.kept_as.name
            )
            if result.kept_as
            else _("Restored.")
        )
        self.status.setText(text)


def open_backups(window, *, back_up: bool = False) -> BackupDialog:
    """Open the backups dialog (and start a copy at once with ``back_up``)."""
    dialog = BackupDialog(window)
    window.dialogs.append(dialog)
    dialog.open()
    if back_up:
        dialog.back_up_now()
    else:
        dialog.table.setFocus()
    return dialog
