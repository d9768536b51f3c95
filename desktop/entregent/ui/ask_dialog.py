"""Asking someone for help, with the tact of a good friend (P7, P1, P5, P8).

First: what for? Then the advisor (``services.asks.prepare_ask``) speaks. With
no warning the ask is recorded at once. With warnings, each is listed with its
severity icon and a short message, its "why" (principle and explanation)
folded away, and the alternatives as buttons: offer help first, plan time
together, schedule a follow-up, ask anyway (recorded with that decision), or
not now.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _
from entregent.ui.accessible import describe_buttons
from entregent.ui.icons import icon
from entregent.ui.plain import plain_label


class WarningCard(QFrame):
    """One warning: icon, message, and a "why" that unfolds."""

    def __init__(self, warning, parent=None):
        super().__init__(parent)
        self.warning = warning
        self.setObjectName(f"warning_{warning.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        badge = QLabel()
        badge.setPixmap(icon(warning.severity).pixmap(QSize(24, 24)))
        badge.setAccessibleName(
            {
                "strong": _("Strong warning"),
                "caution": _("Caution"),
                "info": _("For your information"),
            }.get(warning.severity, "")
        )
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message_label = plain_label(warning.message)
        self.message_label.setWordWrap(True)
        font = self.message_label.font()
        font.setBold(warning.severity == "strong")
        self.message_label.setFont(font)
        self.why_button = QToolButton()
        self.why_button.setText(_("Why?"))
        self.why_button.setCheckable(True)
        self.why_button.setAccessibleName(_("Why this advice"))
        self.why_button.setAccessibleDescription(_("Show or hide the reason behind this advice"))
        self.why_label = plain_label(f"{warning.principle} — {warning.explanation}")
        self.why_label.setObjectName("whyLabel")
        self.why_label.setWordWrap(True)
        self.why_label.setStyleSheet("color: palette(placeholder-text);")
        self.why_label.hide()
        self.why_button.toggled.connect(self.why_label.setVisible)
        text = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.message_label, 1)
        top.addWidget(self.why_button, 0, Qt.AlignmentFlag.AlignTop)
        text.addLayout(top)
        text.addWidget(self.why_label)
        layout = QHBoxLayout(self)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)


class AskDialog(QDialog):
    def __init__(self, context, contact_id: int, parent=None):
        from entregent.network.advice import what_label
        from entregent.services.people.listing import names_of
        from entregent.services.relations.asks import ASK_KINDS

        super().__init__(parent)
        self.context = context
        self.contact_id = contact_id
        self.preview = None
        self.chosen: str | None = None  # the alternative taken, once taken
        self.ask_id: int | None = None
        self.followup_dialog = None
        self.name = names_of([contact_id]).get(contact_id, "")
        self.setObjectName("askDialog")
        self.setWindowTitle(_("Ask {name} for help").format(name=self.name))
        self.setMinimumWidth(480)
        self.pages = QStackedWidget(self)

        # Page 1: what for?
        first = QWidget()
        self.what_combo = QComboBox()
        self.what_combo.setObjectName("whatComboBox")
        self.what_combo.setAccessibleName(_("What for"))
        self.what_combo.setAccessibleDescription(_("The kind of help you mean to ask for"))
        for what in ASK_KINDS:
            self.what_combo.addItem(what_label(what), what)
        self.detail_edit = QLineEdit()
        self.detail_edit.setObjectName("askDetailEdit")
        self.detail_edit.setAccessibleName(_("Details"))
        self.detail_edit.setAccessibleDescription(_("A few words on what exactly you would ask"))
        self.detail_edit.setPlaceholderText(_("In a few words (optional)"))
        form = QFormLayout(first)
        intro = plain_label(_("What would you like to ask {name}?").format(name=self.name))
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow(_("What for"), self.what_combo)
        form.addRow(_("Details"), self.detail_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.continue_button = buttons.addButton(
            _("Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setAccessibleDescription(
            _("See the advice before you ask, then decide")
        )
        describe_buttons(buttons)
        self.continue_button.setDefault(True)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.pages.addWidget(first)

        # Page 2: the advisor's words and the alternatives.
        second = QWidget()
        self.warnings_box = QVBoxLayout(second)
        self.pages.addWidget(second)
        self.alternative_buttons: dict[str, QPushButton] = {}

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def what(self) -> str:
        return self.what_combo.currentData()

    def check(self) -> None:
        """Ask the advisor; record straight away when it has nothing to say."""
        from entregent.services.relations.asks import prepare_ask

        try:
            self.preview = prepare_ask(
                self.contact_id, self.what(), detail=self.detail_edit.text().strip()
            )
        except Exception as exc:
            from entregent.ui.errors_dialog import show_error

            self.context.last_error = show_error(self, exc)
            return
        if self.preview.clear:
            self._record("no_warnings")
            return
        self._show_warnings()

    def _show_warnings(self) -> None:
        from entregent.network.advice import alternative_label

        intro = plain_label(_("Before you ask {name}, a word:").format(name=self.name))
        intro.setWordWrap(True)
        self.warnings_box.addWidget(intro)
        self.cards = [WarningCard(w, self) for w in self.preview.warnings]
        for card in self.cards:
            self.warnings_box.addWidget(card)
        row = QHBoxLayout()
        row.addStretch(1)
        for alternative in self.preview.alternatives:
            button = QPushButton(alternative_label(alternative))
            button.setObjectName(f"{alternative}Button")
            button.setAccessibleDescription(alternative_label(alternative))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, a=alternative: self.take(a))
            self.alternative_buttons[alternative] = button
            row.addWidget(button)
        self.warnings_box.addLayout(row)
        if "cancel" in self.alternative_buttons:
            self.alternative_buttons["cancel"].setDefault(True)
        self.pages.setCurrentIndex(1)
        self.adjustSize()

    def take(self, alternative: str) -> None:
        """Do what the chosen alternative says."""
        self.chosen = alternative
        if alternative == "ask_anyway":
            self._record("ask_anyway")
            return
        if alternative == "cancel":
            self.reject()
            return
        if alternative == "offer_help":
            from entregent.ui.log_dialog import LogDialog

            dialog = LogDialog(
                self.context, [self.contact_id], self.parentWidget(), kind="help_given"
            )
            self.followup_dialog = dialog
            dialog.open()
        else:
            from entregent.ui.followups_box import add_followup

            note = (
                _("Catch up with {name}, just for the pleasure of it").format(name=self.name)
                if alternative == "social_meeting"
                else ""
            )
            self.followup_dialog = add_followup(
                self.context, self.parentWidget(), self.contact_id, note=note
            )
        self.accept()

    def _record(self, decision: str) -> None:
        from entregent.services.relations.asks import record_ask

        preview = self.preview
        self.ask_id = self.context.call(
            self,
            record_ask,
            self.contact_id,
            preview.what,
            warnings=preview.warnings,
            decision=decision,
            detail=preview.detail,
        )
        if self.ask_id is not None:
            self.accept()
