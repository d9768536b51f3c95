"""What Home shows while the network is empty: the first things to do, each
with its button (import contacts, import a calendar, try the demo)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout

from entregent.i18n import _
from entregent.ui.plain import plain_label


def demo_command() -> tuple[str, list[str]]:
    """The program and arguments that open the demo network in its own window."""
    return sys.executable, ["-m", "entregent", "--demo"]


class FirstSteps(QFrame):
    """The card of first things to do. ``import_requested`` asks the window for the
    import wizard; the demo opens in a separate app, the user's file untouched."""

    import_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("firstSteps")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#firstSteps { background: palette(base); border-radius: 8px; }")
        layout = QVBoxLayout(self)
        heading = plain_label(_("Your network is empty. Where to begin:"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        steps = (
            (
                "importContactsButton",
                _("Import contacts…"),
                _(
                    "From your phone (export its contacts as a .vcf file) or from another "
                    "address book."
                ),
                self.import_requested.emit,
            ),
            (
                "importCalendarButton",
                _("Import a calendar…"),
                _("An .ics file of your calendar: meetings become interactions with people."),
                self.import_requested.emit,
            ),
            (
                "tryDemoButton",
                _("Try the demo"),
                _("A made-up network to explore, in its own window; your file stays empty."),
                self.start_demo,
            ),
        )
        self.buttons: dict[str, QPushButton] = {}
        for name, text, explanation, slot in steps:
            row = QHBoxLayout()
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAccessibleDescription(explanation)
            button.clicked.connect(slot)
            row.addWidget(button)
            label = plain_label(explanation)
            label.setWordWrap(True)
            row.addWidget(label, 1)
            layout.addLayout(row)
            self.buttons[name] = button
        self.demo_started = False

    def start_demo(self) -> None:
        program, arguments = demo_command()
        self.demo_started = bool(QProcess.startDetached(program, arguments)[0])
