"""The "Log interaction" dialog: one double-click and Enter (P4).

When defaults to now, the kind to the last kind used; this person is already a
participant and more can be added; Enter saves, Esc cancels. Saving is
undoable. Given an existing timeline entry, the dialog edits it instead.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QSettings, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from entregent.i18n import _
from entregent.ui.accessible import describe_buttons
from entregent.ui.plain import plain_label

LAST_KIND_KEY = "log/last_kind"
DEFAULT_KIND = "coffee"
IdRole = Qt.ItemDataRole.UserRole + 1


def last_kind() -> str:
    from entregent.network.kinds import KINDS

    value = QSettings().value(LAST_KIND_KEY, DEFAULT_KIND)
    return value if value in KINDS else DEFAULT_KIND


class LogDialog(QDialog):
    def __init__(
        self,
        context,
        contact_ids: list[int],
        parent=None,
        *,
        entry=None,
        kind: str | None = None,
        note: str = "",
    ):
        from entregent.network.kinds import KIND_LABELS, KINDS
        from entregent.services.people.listing import names_of

        super().__init__(parent)
        self.context = context
        self.entry = entry
        self._initial_people = list(dict.fromkeys(contact_ids))
        self.saved_id: int | None = None
        self.setObjectName("logDialog")
        self.setWindowTitle(_("Edit interaction") if entry else _("Log interaction"))

        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setObjectName("whenDateTimeEdit")
        self.when_edit.setAccessibleName(_("When"))
        self.when_edit.setAccessibleDescription(_("The day and time it happened"))
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        if entry is not None:
            utc = QDateTime(entry.occurred_at.date(), entry.occurred_at.time(), Qt.TimeSpec.UTC)
            self.when_edit.setDateTime(utc.toLocalTime())
        else:
            self.when_edit.setDateTime(QDateTime.currentDateTime())

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindComboBox")
        self.kind_combo.setAccessibleName(_("Kind"))
        self.kind_combo.setAccessibleDescription(_("Coffee, meal, call, help given or received…"))
        for value in KINDS:
            if value == "ask" and (entry is None or entry.kind != "ask"):
                continue  # asks go through "Ask for help…", where the advisor speaks
            self.kind_combo.addItem(_(KIND_LABELS[value]), value)
        wanted = entry.kind if entry is not None else (kind or last_kind())
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(wanted)))

        self.people_list = QListWidget(self)
        self.people_list.setObjectName("participantsList")
        self.people_list.setAccessibleName(_("Who was there"))
        self.people_list.setAccessibleDescription(_("The people this interaction is logged for"))
        self.people_list.setMaximumHeight(90)
        names = names_of(contact_ids)
        for contact_id in dict.fromkeys(contact_ids):
            self._add_person(contact_id, names.get(contact_id, "?"))
        self.add_edit = QLineEdit(self)
        self.add_edit.setObjectName("addParticipantEdit")
        self.add_edit.setAccessibleName(_("Add someone"))
        self.add_edit.setAccessibleDescription(_("Type a name and choose the person to add"))
        self.add_edit.setPlaceholderText(_("Add someone who was there…"))
        self._matches: dict[str, int] = {}
        self._completion = QStringListModel(self)
        completer = QCompleter(self._completion, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._completed)
        self.add_edit.setCompleter(completer)
        self.add_edit.textEdited.connect(self._suggest)

        self.note_edit = QLineEdit(note or (entry.note if entry else ""), self)
        self.note_edit.setObjectName("noteLineEdit")
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.setAccessibleDescription(_("What was said or done, in a few words"))
        self.note_edit.setPlaceholderText(_("What did you talk about? (optional)"))

        form = QFormLayout()
        form.addRow(_("When"), self.when_edit)
        form.addRow(_("Kind"), self.kind_combo)
        people = QVBoxLayout()
        people.addWidget(self.people_list)
        people.addWidget(self.add_edit)
        form.addRow(_("With"), people)
        form.addRow(_("Note"), self.note_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        describe_buttons(self.buttons)
        hint = plain_label(_("Enter saves, Esc cancels."))
        hint.setStyleSheet("color: palette(placeholder-text);")
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(bottom)
        self.setTabOrder(self.when_edit, self.kind_combo)
        self.setTabOrder(self.kind_combo, self.people_list)
        self.setTabOrder(self.people_list, self.add_edit)
        self.setTabOrder(self.add_edit, self.note_edit)
        self.note_edit.setFocus()

    # Participants ------------------------------------------------------------------
    def _add_person(self, contact_id: int, name: str) -> None:
        for row in range(self.people_list.count()):
            if self.people_list.item(row).data(IdRole) == contact_id:
                return
        item = QListWidgetItem(name or _("(no name)"))
        item.setData(IdRole, contact_id)
        self.people_list.addItem(item)

    def contact_ids(self) -> list[int]:
        return [self.people_list.item(row).data(IdRole) for row in range(self.people_list.count())]

    def _suggest(self, text: str) -> None:
        from entregent.services.people.search import search_contacts

        hits = search_contacts(text, limit=10) if len(text.strip()) >= 2 else []
        self._matches = {}
        for hit in hits:
            label = f"{hit.name} ({hit.org})" if hit.org else hit.name
            self._matches.setdefault(label, hit.id)
        self._completion.setStringList(list(self._matches))

    def _completed(self, label: str) -> None:
        contact_id = self._matches.get(label)
        if contact_id is not None:
            self._add_person(contact_id, label)
        self.add_edit.clear()

    def keyPressEvent(self, event) -> None:
        if (
            event.key() == Qt.Key.Key_Delete
            and self.people_list.hasFocus()
            and self.people_list.count() > 1
        ):
            self.people_list.takeItem(self.people_list.currentRow())
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.add_edit.hasFocus()
            and self.add_edit.text().strip()
        ):
            labels = list(self._matches)
            if labels:
                self._completed(labels[0])
            return
        super().keyPressEvent(event)

    # Saving ------------------------------------------------------------------------
    def when(self) -> dt.datetime:
        """The moment chosen, as an aware datetime (local zone)."""
        return self.when_edit.dateTime().toPython().astimezone()

    def kind(self) -> str:
        return self.kind_combo.currentData()

    def accept(self) -> None:
        if self._save():
            super().accept()

    def _save(self) -> bool:
        from entregent.services.relations.interactions import (
            delete_interaction,
            edit_interaction,
            log_interaction,
        )

        ids, kind, when, note = self.contact_ids(), self.kind(), self.when(), self.note_edit.text()
        entry = self.entry
        if entry is None:
            result = self.context.act(
                self,
                _("Log {kind}").format(kind=self.kind_combo.currentText()),
                lambda: log_interaction(ids, kind, when, note=note),
                lambda interaction_id: delete_interaction(interaction_id),
            )
            if result is None:
                return False
            self.saved_id = result
            QSettings().setValue(LAST_KIND_KEY, kind)
            return True
        before_ids = self._initial_people
        before_when = entry.occurred_at.replace(tzinfo=dt.UTC)

        def do() -> None:
            edit_interaction(entry.id, when=when, contact_ids=ids, kind=kind, note=note)

        def undo(_result) -> None:
            edit_interaction(
                entry.id,
                when=before_when,
                contact_ids=before_ids,
                kind=entry.kind,
                register=entry.register,
                note=entry.note,
            )

        self.context.act(self, _("Edit interaction"), do, undo)
        self.saved_id = entry.id
        return True
