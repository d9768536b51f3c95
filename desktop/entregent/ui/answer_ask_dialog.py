"""Answering an ask from the person's page: how did it turn out?

The person's open asks in a list (newest first), the answer (helped, declined,
no answer), a note, and — for "helped" — a thank-you follow-up to plan, checked
by default. One service call records it all (``answer_and_thank``); the views
re-read afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from entregent.i18n import N_, _
from entregent.ui.app_context import AppContext
from entregent.ui.locale_format import format_date
from entregent.ui.plain import plain_label

__all__ = ["AnswerAskDialog"]

ANSWER_CHOICES = (
    ("helped", N_("They helped")),
    ("declined", N_("They declined")),
    ("no-answer", N_("No answer")),
)


class AnswerAskDialog(QDialog):
    def __init__(self, context: AppContext, contact_id: int, parent=None):
        super().__init__(parent)
        from entregent.services.relations.ask_list import list_asks

        self.context = context
        self.contact_id = contact_id
        self.asks = list_asks(contact_id, open_only=True)
        self.result_row = None  # the ask as answered (tests read it)
        self.follow_up_id: int | None = None
        name = self.asks[0].name if self.asks else ""
        self.setWindowTitle(_("Answer an ask"))
        self.setObjectName("answerAskDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("How did your ask to {name} turn out?").format(name=name)))
        form = QFormLayout()
        self.ask_combo = QComboBox(self)
        self.ask_combo.setAccessibleName(_("Which ask"))
        for row in self.asks:
            what = row.detail or row.what
            self.ask_combo.addItem(
                _("{what}, asked {date}").format(what=what, date=format_date(row.asked_at.date())),
                row.id,
            )
        form.addRow(_("Ask:"), self.ask_combo)
        layout.addLayout(form)

        self.answer_group = QButtonGroup(self)
        self.answer_buttons: dict[str, QRadioButton] = {}
        for key, text in ANSWER_CHOICES:
            button = QRadioButton(_(text), self)
            button.setObjectName(f"answer-{key}")
            self.answer_group.addButton(button)
            self.answer_buttons[key] = button
            layout.addWidget(button)
        self.answer_buttons["helped"].setChecked(True)

        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(_("A note (optional)"))
        self.note_edit.setAccessibleName(_("Note"))
        layout.addWidget(self.note_edit)

        self.thank_box = QCheckBox(_("Plan a thank-you follow-up in two days"), self)
        self.thank_box.setObjectName("thankYouBox")
        self.thank_box.setChecked(True)
        layout.addWidget(self.thank_box)
        self.answer_group.buttonToggled.connect(self._answer_changed)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Record the answer"))
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.asks))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def answer(self) -> str:
        return next(key for key, button in self.answer_buttons.items() if button.isChecked())

    def _answer_changed(self, *_args) -> None:
        helped = self.answer() == "helped"
        self.thank_box.setEnabled(helped)
        self.thank_box.setVisible(helped)

    def record(self) -> None:
        """Record the answer (and the thank-you) through the service; close on success."""
        from entregent.services.relations.ask_list import answer_and_thank

        ask_id = self.ask_combo.currentData()
        if ask_id is None:
            return
        thank = self.answer() == "helped" and self.thank_box.isChecked()
        done = self.context.call(
            self,
            answer_and_thank,
            int(ask_id),
            self.answer(),
            note=self.note_edit.text(),
            thank_you=thank,
        )
        if done is None:
            return  # the error was shown; the dialog stays open
        self.result_row, self.follow_up_id = done
        self.accept()
