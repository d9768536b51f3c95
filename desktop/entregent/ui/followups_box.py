"""A person's open follow-ups in the detail pane: add, complete, reschedule."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _
from entregent.i18n_dates import format_day
from entregent.ui import theme
from entregent.ui.accessible import describe_buttons
from entregent.ui.plain import plain_label


class FollowUpDialog(QDialog):
    """Pick a day (and a note) for a follow-up."""

    def __init__(
        self,
        parent=None,
        *,
        day: dt.date | None = None,
        note: str = "",
        title: str = "",
        with_note: bool = True,
    ):
        super().__init__(parent)
        self.setWindowTitle(title or _("Follow up"))
        self.setObjectName("followUpDialog")
        day = day or dt.date.today() + dt.timedelta(days=7)
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day))
        self.date_edit.setObjectName("followUpDateEdit")
        self.date_edit.setAccessibleName(_("Due on"))
        self.date_edit.setAccessibleDescription(_("The day to follow up"))
        self.date_edit.setCalendarPopup(True)
        self.note_edit = QLineEdit(note)
        self.note_edit.setObjectName("followUpNoteEdit")
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.setAccessibleDescription(_("What to do then, in a few words"))
        self.note_edit.setPlaceholderText(_("What about? (optional)"))
        form = QFormLayout()
        form.addRow(_("Due on"), self.date_edit)
        if with_note:
            form.addRow(_("Note"), self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        describe_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def day(self) -> dt.date:
        return self.date_edit.date().toPython()

    def note(self) -> str:
        return self.note_edit.text().strip()


def add_followup(context, parent, contact_id: int, *, note: str = "", days: int = 7) -> QDialog:
    """Open the dialog for a new follow-up with ``contact_id`` (undoable once saved)."""
    dialog = FollowUpDialog(parent, note=note, day=dt.date.today() + dt.timedelta(days=days))

    def save() -> None:
        from entregent.services.relations.followups import create_followup, delete_followup

        day, text = dialog.day(), dialog.note()
        context.act(
            parent,
            _("Add a follow-up"),
            lambda: create_followup(contact_id, day, note=text),
            lambda follow_up_id: delete_followup(follow_up_id),
        )

    dialog.accepted.connect(save)
    dialog.open()
    return dialog


class FollowUpsBox(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.contact_id: int | None = None
        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(_("Add a follow-up…"))
        self.add_button.setObjectName("addFollowUpButton")
        self.add_button.setAccessibleDescription(_("Plan a reminder to get back to this person"))
        self.add_button.clicked.connect(self._add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rows)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.dialog: QDialog | None = None

    def show_person(self, detail) -> None:
        self.contact_id = detail.id
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget():
                item.widget().hide()  # gone now, not at the next loop turn
                item.widget().deleteLater()
        if not detail.follow_ups:
            self.rows.addWidget(plain_label(_("Nothing planned.")))
        today = dt.date.today()
        for follow_up in detail.follow_ups:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            when = plain_label(format_day(follow_up.due_on))
            if follow_up.due_on <= today:
                when.setStyleSheet(f"color: {theme.warning().name()}; font-weight: bold;")
            line.addWidget(when)
            note = plain_label(follow_up.note)
            note.setWordWrap(True)
            line.addWidget(note, 1)
            done = QToolButton()
            done.setText(_("Done"))
            done.setAccessibleName(_("Mark the follow-up done"))
            done.clicked.connect(lambda _c=False, i=follow_up.id: self._complete(i))
            later = QToolButton()
            later.setText(_("Reschedule…"))
            later.setAccessibleName(_("Reschedule the follow-up"))
            later.clicked.connect(lambda _c=False, f=follow_up: self._reschedule(f.id, f.due_on))
            line.addWidget(done)
            line.addWidget(later)
            self.rows.addWidget(row)

    def _add(self) -> None:
        if self.contact_id:
            self.dialog = add_followup(self.context, self, self.contact_id)

    def _complete(self, follow_up_id: int) -> None:
        from entregent.services.relations.followups import complete_followup, reopen_followup

        self.context.act(
            self,
            _("Complete a follow-up"),
            lambda: complete_followup(follow_up_id),
            lambda _r: reopen_followup(follow_up_id),
        )

    def _reschedule(self, follow_up_id: int, was: dt.date) -> None:
        from entregent.services.relations.followups import reschedule_followup

        dialog = FollowUpDialog(self, day=was, title=_("Reschedule"), with_note=False)
        self.dialog = dialog

        def save() -> None:
            day = dialog.day()
            self.context.act(
                self,
                _("Reschedule a follow-up"),
                lambda: reschedule_followup(follow_up_id, day),
                lambda _r: reschedule_followup(follow_up_id, was),
            )

        dialog.accepted.connect(save)
        dialog.open()
