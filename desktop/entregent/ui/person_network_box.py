"""The network on a person's page: who in the book knows them (strongest
first, each with why; an inferred tie can be dismissed, undoably) and the
introductions they made and received, every name a link to that person.

Read on a worker (``services.graph.person.person_network``): the page never
waits for it. Names and notes are shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _
from entregent.ui.detail_widgets import section_title
from entregent.ui.plain import plain_label

SHOWN = 12  # connections listed; the rest are counted


def _link(name: str, contact_id: int | None) -> QPushButton:
    button = QPushButton(name)  # a button's text is never markup
    button.setFlat(True)
    button.setStyleSheet("text-align: left; color: palette(link); padding: 0 2px;")
    button.setAccessibleDescription(_("Open the page of {name}").format(name=name))
    button.setProperty("contact_id", contact_id)
    button.setEnabled(contact_id is not None)
    return button


def _dated(text: str, on: str | None, note: str) -> str:
    return " · ".join(p for p in (text, on or "", note) if p)


class PersonNetworkBox(QWidget):
    loaded = Signal()  # the person's network is shown (tests wait for it)

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("personNetworkBox")
        self.contact_id: int | None = None
        self.network = None  # the PersonNetwork shown
        self._asked = 0  # the last request: older answers are dropped
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(section_title(_("People they know")))
        self.status = plain_label("")
        self.status.setObjectName("connectionsStatus")
        self.status.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.status)
        self.connections = QVBoxLayout()
        self.connections.setSpacing(0)
        layout.addLayout(self.connections)
        layout.addWidget(section_title(_("Introductions")))
        self.introductions = QVBoxLayout()
        self.introductions.setSpacing(0)
        layout.addLayout(self.introductions)
        self.links: list[QPushButton] = []  # every name shown, in order (tests)
        self.dismiss_buttons: dict[int, QToolButton] = {}  # by the other person's id

    # Loading ------------------------------------------------------------------------
    def show_person(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.network = None  # until the answer comes
        self._asked += 1
        asked = self._asked
        if not contact_id:
            self._clear()
            return
        self.status.setText(_("Looking at who knows whom…"))

        def task(job):
            from entregent.services.graph.person import person_network

            return person_network(contact_id)

        self.context.workers.run(
            task, lambda found: self._show(asked, found), lambda exc: self._failed(asked, exc)
        )

    def _failed(self, asked: int, exc: BaseException) -> None:
        if asked == self._asked:
            self._clear()
            self.status.setText(_("Who knows whom could not be read: {error}").format(error=exc))

    def _clear(self) -> None:
        for layout in (self.connections, self.introductions):
            while layout.count():
                item = layout.takeAt(0)
                if item.widget():
                    item.widget().hide()
                    item.widget().deleteLater()
        self.links = []
        self.dismiss_buttons = {}
        self.network = None

    def _row(self, layout: QVBoxLayout, name: str, contact_id: int | None, text: str) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        link = _link(name, contact_id)
        link.clicked.connect(lambda: self._open(contact_id))
        self.links.append(link)
        line.addWidget(link)
        detail = plain_label(text)
        detail.setStyleSheet("color: palette(placeholder-text);")
        detail.setWordWrap(True)
        line.addWidget(detail, 1)
        layout.addWidget(row)
        return row

    def _show(self, asked: int, found) -> None:
        if asked != self._asked:
            return
        self._clear()
        self.network = found
        for connection in found.connections[:SHOWN]:
            row = self._row(self.connections, connection.name, connection.id, connection.why)
            if not connection.declared:
                self._add_dismiss(row, connection)
        more = len(found.connections) - SHOWN
        if not found.connections:
            self.status.setText(_("No one in the book is known to know them."))
        elif more > 0:
            self.status.setText(
                _("{n} people; the strongest first.").format(n=len(found.connections))
            )
        else:
            self.status.setText("")
        for intro in found.made:
            self._row(
                self.introductions,
                intro.other_name,
                intro.other_id,
                _dated(_("met through them"), intro.on, intro.note),
            )
        for intro in found.received:
            text = _("you introduced them") if intro.by_user else _("introduced them")
            self._row(
                self.introductions,
                intro.other_name,
                intro.other_id,
                _dated(text, intro.on, intro.note),
            )
        if not (found.made or found.received):
            self.introductions.addWidget(plain_label(_("None recorded.")))
        self.loaded.emit()

    def _add_dismiss(self, row: QWidget, connection) -> None:
        button = QToolButton(row)
        button.setObjectName("dismissTieButton")
        button.setText(_("Not linked"))
        button.setToolTip(_("They do not know each other: forget this guessed tie"))
        button.setAccessibleDescription(_("They do not know each other: forget this guessed tie"))
        button.setAccessibleName(
            _("Forget the guessed tie with {name}").format(name=connection.name)
        )
        button.clicked.connect(lambda: self.dismiss(connection.id))
        row.layout().addWidget(button)
        self.dismiss_buttons[connection.id] = button

    # Acting -------------------------------------------------------------------------
    def _open(self, contact_id: int | None) -> None:
        if contact_id:
            self.context.person_requested.emit(contact_id)

    def dismiss(self, other_id: int) -> None:
        """The user says the person and ``other_id`` do not know each other."""
        from entregent.services.graph.inferred import dismiss_tie, undismiss_tie

        me = self.contact_id
        if not me:
            return
        self.context.act(
            self,
            _("Forget a guessed tie"),
            lambda: dismiss_tie(me, other_id),
            lambda _result: undismiss_tie(me, other_id),
        )
        self.show_person(me)

    def texts(self) -> list[str]:
        """What the box says, row by row (the name, then the detail): for tests."""
        found = []
        for layout in (self.connections, self.introductions):
            for index in range(layout.count()):
                widget = layout.itemAt(index).widget()
                if isinstance(widget, QLabel):
                    found.append(widget.text())
                elif widget is not None:
                    parts = [
                        w.text()
                        for w in widget.findChildren(QWidget)
                        if isinstance(w, (QPushButton, QToolButton, QLabel))
                    ]
                    found.append(" — ".join(parts))
        return found
