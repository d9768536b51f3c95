"""The import wizard: files, a preview computed without writing, the import in
the background with progress and Cancel (which leaves the database as it
was), then the report with the rejected items and their lines.

Every import goes through ``services.imports.import_file``; the window stays
responsive (the work runs on ``Workers``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from entregent.errors import Cancelled
from entregent.i18n import _
from entregent.ui.plain import plain_label

FILES, PREVIEW, RUNNING, REPORT = range(4)
FILE_FILTER = "*.vcf *.vcard *.ics *.ical *.icalendar"


def _import_file():
    from entregent.services.imports.dispatch import import_file

    return import_file


def preview_files(paths: list[str], create_contacts: bool, job, all_dates: bool = False) -> list:
    """Dry runs of every file (on a worker): nothing is written."""
    import_file = _import_file()
    reports = []
    for index, path in enumerate(paths):
        job.report(index, len(paths))
        reports.append(
            import_file(path, create_contacts=create_contacts, dry_run=True, all_dates=all_dates)
        )
    return reports


def import_files(paths: list[str], create_contacts: bool, job, all_dates: bool = False) -> list:
    """The real imports (on a worker), with progress over all files and cancel."""
    import_file = _import_file()
    reports = []
    for index, path in enumerate(paths):

        def progress(done: int, total: int, index=index) -> None:
            scale = 1000
            fraction = (done / total) if total else 1.0
            job.report(int((index + fraction) * scale), len(paths) * scale)

        reports.append(
            import_file(
                path,
                create_contacts=create_contacts,
                progress=progress,
                should_cancel=job.cancelled,
                all_dates=all_dates,
            )
        )
    job.report(len(paths), len(paths))
    return reports


class ImportWizard(QDialog):
    show_import_requested = Signal(int, str)  # batch id, label
    duplicates_requested = Signal(object)  # list of DuplicateCandidate

    def __init__(self, context, paths: list[str], parent=None):
        super().__init__(parent)
        self.context = context
        self.job = None
        self.reports: list = []
        self.preview_reports: list = []
        self.outcome: str | None = None  # "done", "cancelled", "failed"
        self.setObjectName("importWizard")
        self.setWindowTitle(_("Import"))
        self.setMinimumSize(560, 380)
        self.pages = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        # Files
        files = QWidget()
        files_layout = QVBoxLayout(files)
        files_layout.addWidget(
            plain_label(_("Contacts (vCard) and calendars (iCalendar) to import:"))
        )
        self.files_list = QListWidget()
        self.files_list.setObjectName("importFilesList")
        self.files_list.setAccessibleName(_("Files to import"))
        self.files_list.setAccessibleDescription(
            _("The vCard and iCalendar files this import reads")
        )
        files_layout.addWidget(self.files_list)
        self.create_check = QCheckBox(
            _("Add the people met in calendar events who are not in your contacts yet")
        )
        self.create_check.setObjectName("createContactsCheckBox")
        self.create_check.setAccessibleDescription(
            _("Without it, events only link to people already in your contacts")
        )
        files_layout.addWidget(self.create_check)
        row = QHBoxLayout()
        add = QPushButton(_("Add files…"))
        add.setAccessibleDescription(_("Choose more files to import"))
        add.clicked.connect(self._choose_files)
        self.preview_button = QPushButton(_("Preview"))
        self.preview_button.setObjectName("previewButton")
        self.preview_button.setAccessibleDescription(
            _("Read the files and show what would change, changing nothing yet")
        )
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        close = QPushButton(_("Cancel"))
        close.setAccessibleDescription(_("Close without importing"))
        close.clicked.connect(self.reject)
        row.addWidget(add)
        row.addStretch(1)
        row.addWidget(close)
        row.addWidget(self.preview_button)
        files_layout.addLayout(row)
        self.pages.addWidget(files)

        # Preview
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        self.preview_label = plain_label(_("Reading the files — nothing is changed yet…"))
        self.preview_label.setWordWrap(True)
        self.preview_tree = self._counts_tree()
        preview_layout.addWidget(self.preview_label)
        preview_layout.addWidget(self.preview_tree)
        self.preview_notes = plain_label("")
        self.preview_notes.setObjectName("previewCalendarNotes")
        self.preview_notes.setWordWrap(True)
        preview_layout.addWidget(self.preview_notes)
        self.all_dates = False  # the user asked for the older events too
        self.older_button = QPushButton(_("Import the older events too"))
        self.older_button.setObjectName("importOlderButton")
        self.older_button.setAccessibleDescription(
            _("Also import the events before the usual window")
        )
        self.older_button.clicked.connect(self._include_older)
        self.older_button.hide()
        preview_layout.addWidget(self.older_button)
        # "Is this you?": asked once for the guessed owner of a calendar.
        self.owner_row = QWidget()
        owner_layout = QHBoxLayout(self.owner_row)
        owner_layout.setContentsMargins(0, 0, 0, 0)
        self.owner_label = plain_label("")
        self.owner_label.setObjectName("ownerQuestion")
        self.owner_label.setWordWrap(True)
        self.owner_yes = QPushButton(_("Yes, that is me"))
        self.owner_yes.setObjectName("ownerYesButton")
        self.owner_yes.setAccessibleDescription(
            _("This calendar is yours: you are not added as a participant")
        )
        self.owner_yes.clicked.connect(lambda: self._answer_owner(True))
        self.owner_no = QPushButton(_("No"))
        self.owner_no.setObjectName("ownerNoButton")
        self.owner_no.setAccessibleDescription(_("This address is someone else's"))
        self.owner_no.clicked.connect(lambda: self._answer_owner(False))
        owner_layout.addWidget(self.owner_label, 1)
        owner_layout.addWidget(self.owner_yes)
        owner_layout.addWidget(self.owner_no)
        self.owner_row.hide()
        self.owner_email = ""
        preview_layout.addWidget(self.owner_row)
        row = QHBoxLayout()
        back = QPushButton(_("Back"))
        back.setAccessibleDescription(_("Go back to the list of files"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(FILES))
        self.import_button = QPushButton(_("Import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setAccessibleDescription(_("Import what the preview shows (undoable)"))
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.import_button)
        preview_layout.addLayout(row)
        self.pages.addWidget(preview)

        # Running
        running = QWidget()
        running_layout = QVBoxLayout(running)
        self.running_label = plain_label(_("Importing… You can keep working meanwhile."))
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("importProgressBar")
        self.progress_bar.setAccessibleName(_("Import progress"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("cancelImportButton")
        self.cancel_button.setAccessibleDescription(_("Stop the import; nothing of it is kept"))
        self.cancel_button.clicked.connect(self.cancel_import)
        running_layout.addStretch(1)
        running_layout.addWidget(self.running_label)
        running_layout.addWidget(self.progress_bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        running_layout.addLayout(row)
        running_layout.addStretch(1)
        self.pages.addWidget(running)

        # Report
        report = QWidget()
        report_layout = QVBoxLayout(report)
        self.report_label = plain_label("")
        self.report_label.setObjectName("reportLabel")
        self.report_label.setWordWrap(True)
        self.report_tree = self._counts_tree()
        self.rejected_tree = QTreeWidget()
        self.rejected_tree.setObjectName("rejectedTree")
        self.rejected_tree.setAccessibleName(_("Rejected items"))
        self.rejected_tree.setAccessibleDescription(
            _("What could not be read, with its file and line")
        )
        self.rejected_tree.setRootIsDecorated(False)
        self.rejected_tree.setHeaderLabels([_("File"), _("Line"), _("What was wrong"), _("Times")])
        report_layout.addWidget(self.report_label)
        report_layout.addWidget(self.report_tree)
        self.report_notes = plain_label("")
        self.report_notes.setObjectName("reportCalendarNotes")
        self.report_notes.setWordWrap(True)
        report_layout.addWidget(self.report_notes)
        report_layout.addWidget(self.rejected_tree)
        row = QHBoxLayout()
        self.duplicates_button = QPushButton(_("Review possible duplicates…"))
        self.duplicates_button.setObjectName("reviewDuplicatesButton")
        self.duplicates_button.setAccessibleDescription(
            _("Compare the people who may be the same person")
        )
        self.duplicates_button.clicked.connect(self._review_duplicates)
        self.show_button = QPushButton(_("Show who was imported"))
        self.show_button.setObjectName("showImportedButton")
        self.show_button.setAccessibleDescription(
            _("List the people this import brought or changed")
        )
        self.show_button.clicked.connect(self._show_imported)
        done = QPushButton(_("Close"))
        done.setAccessibleDescription(_("Close this window"))
        done.setDefault(True)
        done.clicked.connect(self.accept)
        row.addWidget(self.duplicates_button)
        row.addWidget(self.show_button)
        row.addStretch(1)
        row.addWidget(done)
        report_layout.addLayout(row)
        self.pages.addWidget(report)

        for path in paths:
            self.add_file(path)

    def _counts_tree(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setRootIsDecorated(False)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        tree.setHeaderLabels(
            [
                _("File"),
                _("New"),
                _("Updated"),
                _("Unchanged"),
                _("Possible duplicates"),
                _("Rejected"),
            ]
        )
        tree.setColumnWidth(0, 200)
        return tree

    # Files -------------------------------------------------------------------------
    def add_file(self, path: str) -> None:
        self.files_list.addItem(str(path))
        self.preview_button.setEnabled(True)

    def paths(self) -> list[str]:
        return [self.files_list.item(i).text() for i in range(self.files_list.count())]

    def _choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Import"),
            str(Path.home()),
            _("Contacts and calendars ({patterns})").format(patterns=FILE_FILTER),
        )
        for path in paths:
            self.add_file(path)

    # Preview -----------------------------------------------------------------------
    def preview(self) -> None:
        paths = self.paths()
        if not paths:
            return
        self.pages.setCurrentIndex(PREVIEW)
        self.import_button.setEnabled(False)
        self.preview_tree.clear()
        create = self.create_check.isChecked()
        every = self.all_dates
        self.job = self.context.workers.run(
            lambda job: preview_files(paths, create, job, every), self._previewed, self._failed
        )

    def _previewed(self, reports: list) -> None:
        self.job = None
        self.preview_reports = reports
        self._fill_counts(self.preview_tree, reports)
        self._fill_notes(self.preview_notes, reports)
        self._ask_owner(reports)
        self.older_button.setVisible(any(getattr(r, "older", 0) for r in reports))
        self.preview_label.setText(
            _("This is what the import would do. Nothing has been changed yet.")
        )
        self.import_button.setEnabled(True)
        self.import_button.setFocus()

    # Import ------------------------------------------------------------------------
    def start_import(self) -> None:
        paths = self.paths()
        create = self.create_check.isChecked()
        self.pages.setCurrentIndex(RUNNING)
        self.progress_bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        every = self.all_dates
        self.job = self.context.workers.run(
            lambda job: import_files(paths, create, job, every), self._imported, self._failed
        )
        self.job.progressed.connect(self._progressed)

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))

    def cancel_import(self) -> None:
        if self.job is not None:
            self.cancel_button.setEnabled(False)
            self.running_label.setText(_("Stopping and putting everything back as it was…"))
            self.job.cancel()

    def _imported(self, reports: list) -> None:
        self.job = None
        self.outcome = "done"
        self.reports = reports
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        self._fill_counts(self.report_tree, reports)
        self._fill_notes(self.report_notes, reports)
        rejected = sum(len(r.rejected) for r in reports)
        self.report_label.setText(
            _("Done. Nothing was lost: the cards as read are kept with each person.")
            + (
                "\n" + _("Some items could not be read; they are listed below with their line.")
                if rejected
                else ""
            )
        )
        from entregent.services.imports.report import group_problems

        self.rejected_tree.clear()
        for report in reports:
            # one row per kind of problem: its first lines and how many times
            problems = [*report.rejected, *report.skipped_lines, *report.replaced]
            for group in group_problems(problems):
                item = QTreeWidgetItem(
                    [Path(report.path).name, group.lines_text(), group.reason, str(group.count)]
                )
                item.setToolTip(2, group.reason)
                self.rejected_tree.addTopLevelItem(item)
        self.rejected_tree.setVisible(self.rejected_tree.topLevelItemCount() > 0)
        self.duplicates_button.setVisible(any(r.duplicate_candidates for r in reports))
        self.show_button.setVisible(any(r.batch_id for r in reports if r.kind == "vcard"))
        self.pages.setCurrentIndex(REPORT)
        self.context.data_changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        if isinstance(exc, Cancelled):
            self.outcome = "cancelled"
            self.report_label.setText(
                _("Import cancelled. Your contacts are exactly as they were before.")
            )
            self.report_tree.clear()
            self.rejected_tree.hide()
            self.duplicates_button.hide()
            self.show_button.hide()
            self.pages.setCurrentIndex(REPORT)
            return
        from entregent.ui.errors_dialog import show_error

        self.outcome = "failed"
        self.context.last_error = show_error(self, exc)
        self.pages.setCurrentIndex(FILES)

    def _fill_counts(self, tree: QTreeWidget, reports: list) -> None:
        tree.clear()
        for report in reports:
            item = QTreeWidgetItem(
                [
                    Path(report.path).name,
                    str(report.new),
                    str(report.updated),
                    str(report.unchanged),
                    str(report.duplicates),
                    str(len(report.rejected)),
                ]
            )
            item.setToolTip(0, report.path)
            for column in range(1, 6):
                item.setTextAlignment(
                    column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            tree.addTopLevelItem(item)

    def _include_older(self) -> None:
        self.all_dates = True
        self.preview()

    def _ask_owner(self, reports: list) -> None:
        owner = next((r.owner for r in reports if getattr(r, "owner", None)), None)
        self.owner_row.setVisible(owner is not None)
        if owner is None:
            return
        self.owner_email = owner.email
        who = f"{owner.name} <{owner.email}>" if owner.name else owner.email
        self.owner_label.setText(
            _("Is this you? {who} seems to be the owner of this calendar.").format(who=who)
        )
        self.owner_yes.setEnabled(True)
        self.owner_no.setEnabled(True)

    def _answer_owner(self, mine: bool) -> None:
        from entregent.services.imports.ics_owner import remember_owner_answer

        remember_owner_answer(self.owner_email, mine)
        self.owner_yes.setEnabled(False)
        self.owner_no.setEnabled(False)
        text = (
            _("Noted: {email} is yours; it will never be a participant.")
            if mine
            else _("Noted: {email} is not yours; they will be a participant like anyone.")
        )
        self.owner_label.setText(text.format(email=self.owner_email))

    def _fill_notes(self, label, reports: list) -> None:
        from entregent.services.imports.report import calendar_notes

        lines = [
            f"{Path(r.path).name}: {note}"
            for r in reports
            if r.kind == "ics"
            for note in calendar_notes(r)
        ]
        label.setText("\n".join(lines))
        label.setVisible(bool(lines))

    def _review_duplicates(self) -> None:
        pairs = [d for r in self.reports for d in r.duplicate_candidates]
        self.duplicates_requested.emit(pairs)

    def _show_imported(self) -> None:
        for report in self.reports:
            if report.batch_id and report.kind == "vcard":
                self.show_import_requested.emit(report.batch_id, Path(report.path).name)
                self.accept()
                return

    def reject(self) -> None:
        if self.job is not None:
            self.cancel_import()
            return  # closes when the worker has rolled back
        super().reject()

    def closeEvent(self, event) -> None:
        if self.job is not None:
            self.cancel_import()
            event.ignore()
            return
        super().closeEvent(event)
