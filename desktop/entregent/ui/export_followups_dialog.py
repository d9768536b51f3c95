"""File ▸ Export follow-ups to calendar…: events with a reminder, or to-dos."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from entregent.i18n import _, ngettext
from entregent.ui.accessible import describe_buttons


class ExportFollowUpsDialog(QDialog):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("exportFollowUpsDialog")
        self.setWindowTitle(_("Export follow-ups to calendar"))
        self.path_edit = QLineEdit("entregent-followups.ics")
        self.path_edit.setAccessibleName(_("Calendar file"))
        self.path_edit.setAccessibleDescription(_("The .ics file your calendar app will read"))
        browse = QPushButton(_("Choose…"))
        browse.setAccessibleDescription(_("Choose the file in a file dialog"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.as_combo = QComboBox()
        self.as_combo.setAccessibleName(_("Export as"))
        self.as_combo.setAccessibleDescription(_("Events with a reminder, or to-dos"))
        self.as_combo.addItem(_("Events with a reminder"), "event")
        self.as_combo.addItem(_("To-dos"), "todo")
        form = QFormLayout()
        form.addRow(_("File"), row)
        form.addRow(_("Export as"), self.as_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        describe_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _choose(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path_edit.text(), _("Calendar files (*.ics)")
        )
        if path:
            self.path_edit.setText(path)

    def accept(self) -> None:
        """Write the calendar on a worker (seconds for 10,000 follow-ups), behind a
        progress dialog; this dialog closes once the file is written."""
        from entregent.services.exports.ics_export import export_followups
        from entregent.ui.progress_task import run_with_progress

        path, as_ = self.path_edit.text().strip(), self.as_combo.currentData()
        parent = self.parentWidget()

        def written(count: int) -> None:
            self.context.data_changed.emit()
            if parent is not None and hasattr(parent, "statusBar"):
                parent.statusBar().showMessage(
                    ngettext("{n} follow-up exported.", "{n} follow-ups exported.", count).format(
                        n=count
                    ),
                    5000,
                )
            QDialog.accept(self)

        self.progress = run_with_progress(
            self.context,
            self,
            _("Writing the follow-ups calendar…"),
            lambda progress, cancelled: export_followups(
                path, as_=as_, progress=progress, cancelled=cancelled
            ),
            written,
            name="exportFollowUpsProgressDialog",
        )
