"""The detail pane: one person, every field editable in place.

Photo and name on top; ways to reach them (click to open mailto:/tel:, a
button to copy); contexts as removable chips with an add button; tie
strength, keep-in-touch cadence and when next due; groups; how you met
(introduced by: a link to that person); who they know and the introductions
they made and received (``PersonNetworkBox``); the give-and-take; follow-ups; and
the timeline, newest first, paged. All user text is shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import _
from entregent.services.people.detail import PersonDetail, person_detail
from entregent.ui import theme
from entregent.ui.accessible import describe_tabs
from entregent.ui.app_context import AppContext
from entregent.ui.avatar import fitted
from entregent.ui.detail_widgets import InPlaceLineEdit, MethodsBox, section_title
from entregent.ui.followups_box import FollowUpsBox
from entregent.ui.icons import icon
from entregent.ui.locale_format import format_date
from entregent.ui.person_network_box import PersonNetworkBox
from entregent.ui.plain import plain_label
from entregent.ui.timeline_view import TimelineView

TIE_CHOICES = (
    (None, "—"),
    ("close", "close"),
    ("regular", "regular"),
    ("acquaintance", "acquaintance"),
)
PHOTO_SIZE = 72


class DetailPane(QScrollArea):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("detailPane")
        self.setAccessibleName(_("Person details"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take the focus, not the frame
        self.setAccessibleDescription(
            _("How to reach the person, give and take, follow-ups, timeline and details")
        )
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contact_id: int | None = None
        self.detail: PersonDetail | None = None

        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 12)

        self.empty_label = plain_label(_("Choose someone in the list to see them here."))
        self.empty_label.setObjectName("detailEmptyLabel")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)

        self.content = QWidget(body)
        layout.addWidget(self.content)
        layout.addStretch(1)
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)

        # Header: photo, name, org.
        header = QHBoxLayout()
        self.photo_label = QLabel()
        self.photo_label.setObjectName("photoLabel")
        self.photo_label.setFixedSize(PHOTO_SIZE, PHOTO_SIZE)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setAccessibleName(_("Photo"))
        header.addWidget(self.photo_label)
        names = QVBoxLayout()
        self.name_label = plain_label("")
        self.name_label.setObjectName("nameLabel")
        self.name_label.setWordWrap(True)
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle_label = plain_label("")
        self.subtitle_label.setObjectName("subtitleLabel")
        self.subtitle_label.setStyleSheet("color: palette(placeholder-text);")
        self.subtitle_label.setWordWrap(True)
        # How the name is read (yomigana, pinyin), when the card gave it.
        self.reading_label = plain_label("")
        self.reading_label.setObjectName("readingLabel")
        self.reading_label.setStyleSheet("color: #55606e;")
        self.reading_label.setAccessibleName(_("Reading"))
        self.reading_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        names.addWidget(self.name_label)
        names.addWidget(self.reading_label)
        names.addWidget(self.subtitle_label)
        buttons = QHBoxLayout()
        self.log_button = QPushButton(icon("log"), _("Log…"))
        self.log_button.setObjectName("logButton")
        self.log_button.setToolTip(_("Log an interaction (Ctrl+L)"))
        self.log_button.clicked.connect(lambda: self._emit(self.context.log_requested))
        self.ask_button = QPushButton(icon("ask"), _("Ask for help…"))
        self.ask_button.setObjectName("askButton")
        self.ask_button.setToolTip(_("Ask for help (Ctrl+Shift+A)"))
        self.ask_button.clicked.connect(lambda: self._emit(self.context.ask_requested))
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.ask_button)
        buttons.addStretch(1)
        names.addLayout(buttons)
        header.addLayout(names, 1)
        content.addLayout(header)

        # Contexts as chips.
        self.chips_row = QHBoxLayout()
        self.chips_row.setSpacing(4)
        content.addLayout(self.chips_row)

        # Ways to reach them.
        content.addWidget(section_title(_("Reach them")))
        self.methods_box = MethodsBox(self)
        self.methods_box.add_requested.connect(self._add_method)
        self.methods_box.remove_requested.connect(self._remove_method)
        content.addWidget(self.methods_box)

        content.addWidget(section_title(_("Give and take (last 12 months)")))
        self.balance_label = plain_label("")
        self.balance_label.setObjectName("balanceLabel")
        self.balance_label.setWordWrap(True)
        content.addWidget(self.balance_label)
        self.answer_button = QPushButton(_("Answer an ask…"))
        self.answer_button.setObjectName("answerAskButton")
        self.answer_button.setToolTip(_("Say how an ask waiting for an answer turned out"))
        self.answer_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.answer_button.clicked.connect(lambda: self._emit(self.context.answer_requested))
        self.answer_button.hide()
        content.addWidget(self.answer_button)

        content.addWidget(section_title(_("Follow-ups")))
        self.followups = FollowUpsBox(context, self)
        content.addWidget(self.followups)

        # The timeline and the details side by side as tabs: both one click (or
        # Ctrl+Tab) away, neither below the fold.
        self.tabs = QTabWidget(self.content)
        self.tabs.setObjectName("personTabs")
        self.tabs.setAccessibleName(_("Timeline and details"))
        self.timeline = TimelineView(context, self)
        self.tabs.addTab(self.timeline, _("Timeline"))
        details_page = QWidget()
        details = QVBoxLayout(details_page)
        details.setContentsMargins(6, 6, 6, 6)
        self.tabs.addTab(details_page, _("Details"))
        describe_tabs(
            self.tabs,
            [
                _("What happened with this person, by month"),
                _("Names, tie, rhythm, how you met and your note"),
            ],
        )
        content.addWidget(self.tabs)
        # Fields, editable in place.
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edits: dict[str, InPlaceLineEdit] = {}
        for field, label in (
            ("display_name", _("Name")),
            ("given_name", _("Given name")),
            ("family_name", _("Family name")),
            ("phonetic_given", _("Given name reading")),
            ("phonetic_family", _("Family name reading")),
            ("nickname", _("Nickname")),
            ("org", _("Organisation")),
            ("phonetic_org", _("Organisation reading")),
            ("title", _("Title")),
        ):
            edit = InPlaceLineEdit(field, self._save_field, accessible=label)
            self.edits[field] = edit
            form.addRow(label, edit)
        self.tie_combo = QComboBox()
        self.tie_combo.setObjectName("tieComboBox")
        self.tie_combo.setAccessibleName(_("Tie strength"))
        self.tie_combo.setAccessibleDescription(
            _("How close you are: close, regular or acquaintance")
        )
        for value, label in TIE_CHOICES:
            self.tie_combo.addItem(_(label) if value else label, value)
        self.tie_combo.activated.connect(self._tie_chosen)
        form.addRow(_("Tie"), self.tie_combo)
        cadence_row = QHBoxLayout()
        self.cadence_spin = QSpinBox()
        self.cadence_spin.setObjectName("cadenceSpinBox")
        self.cadence_spin.setAccessibleName(_("Keep in touch every (days)"))
        self.cadence_spin.setAccessibleDescription(
            _("Days between two contacts before the person is due; 0 uses the context's rhythm")
        )
        self.cadence_spin.setRange(0, 3650)
        self.cadence_spin.setSpecialValueText(_("from contexts"))
        self.cadence_spin.setSuffix(_(" days"))
        self.cadence_spin.editingFinished.connect(self._cadence_changed)
        self.due_label = plain_label("")
        self.due_label.setObjectName("keepInTouchLabel")
        self.due_label.setWordWrap(True)
        cadence_row.addWidget(self.cadence_spin)
        cadence_row.addWidget(self.due_label, 1)
        form.addRow(_("Keep in touch"), cadence_row)
        details.addLayout(form)

        # How we met, groups, balance.
        details.addWidget(section_title(_("How you met")))
        met = QFormLayout()
        self.how_met_edit = InPlaceLineEdit(
            "how_met", self._save_field, accessible=_("How you met")
        )
        self.met_place_edit = InPlaceLineEdit("met_place", self._save_field, accessible=_("Where"))
        self.met_on_edit = QDateEdit()
        self.met_on_edit.setObjectName("metOnDateEdit")
        self.met_on_edit.setAccessibleName(_("When you met"))
        self.met_on_edit.setAccessibleDescription(_("The day you first met"))
        self.met_on_edit.setCalendarPopup(True)
        self.met_on_edit.setDisplayFormat("yyyy-MM-dd")
        self.met_on_edit.setSpecialValueText(_("unknown"))
        self.met_on_edit.setMinimumDate(QDate(1900, 1, 1))
        self.met_on_edit.editingFinished.connect(self._met_on_changed)
        self.introduced_button = QPushButton()
        self.introduced_button.setObjectName("introducedByButton")
        self.introduced_button.setFlat(True)
        self.introduced_button.setAccessibleName(_("Introduced by"))
        self.introduced_button.setAccessibleDescription(
            _("Open the page of the person who introduced you")
        )
        self.introduced_button.setStyleSheet("text-align: left; color: palette(link);")
        self.introduced_button.clicked.connect(self._open_introducer)
        met.addRow(_("Story"), self.how_met_edit)
        met.addRow(_("Where"), self.met_place_edit)
        met.addRow(_("When"), self.met_on_edit)
        met.addRow(_("Introduced by"), self.introduced_button)
        details.addLayout(met)
        self.network_box = PersonNetworkBox(context, details_page)
        details.addWidget(self.network_box)

        details.addWidget(section_title(_("Groups")))
        self.groups_label = plain_label("")
        self.groups_label.setObjectName("groupsLabel")
        self.groups_label.setWordWrap(True)
        details.addWidget(self.groups_label)

        details.addWidget(section_title(_("Positions")))
        self.positions_label = plain_label("")
        self.positions_label.setObjectName("positionsLabel")
        self.positions_label.setWordWrap(True)
        details.addWidget(self.positions_label)

        details.addWidget(section_title(_("Other dates")))
        self.events_label = plain_label("")
        self.events_label.setObjectName("eventsLabel")
        self.events_label.setWordWrap(True)
        details.addWidget(self.events_label)

        details.addWidget(section_title(_("Note")))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.setAccessibleDescription(
            _("Your own note about the person, saved as you leave it")
        )
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(90)
        self.note_edit.installEventFilter(self)
        details.addWidget(self.note_edit)
        # the card's further notes, each apart, as they came
        self.more_notes_label = plain_label("")
        self.more_notes_label.setObjectName("moreNotesLabel")
        self.more_notes_label.setWordWrap(True)
        details.addWidget(self.more_notes_label)
        details.addStretch(1)
        self.content.hide()
        order = [
            self.log_button,
            self.ask_button,
            self.followups.add_button,
            self.timeline.tree,
            self.timeline.more_button,
            *self.edits.values(),
            self.tie_combo,
            self.cadence_spin,
            self.how_met_edit,
            self.met_place_edit,
            self.met_on_edit,
            self.introduced_button,
            self.note_edit,
        ]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)

    # Showing -----------------------------------------------------------------------
    def show_person(self, contact_id: int | None) -> None:
        self.contact_id = contact_id or None
        if not self.contact_id:
            self.detail = None
            self.content.hide()
            self.empty_label.show()
            self.network_box.show_person(None)
            return
        try:
            detail = person_detail(self.contact_id)
        except Exception:  # deleted meanwhile (undo, merge): show nothing
            self.show_person(None)
            return
        self.detail = detail
        self.empty_label.hide()
        self.content.show()
        self._fill(detail)
        self.followups.show_person(detail)
        self.timeline.show_person(detail.id)
        self.network_box.show_person(detail.id)

    def reload(self) -> None:
        self.show_person(self.contact_id)

    def _fill(self, d: PersonDetail) -> None:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap()
        if d.photo and pixmap.loadFromData(d.photo):
            pixmap = fitted(pixmap, PHOTO_SIZE, ratio)
        else:
            pixmap = icon("person").pixmap(QSize(PHOTO_SIZE, PHOTO_SIZE), ratio)
        self.photo_label.setPixmap(pixmap)
        self.name_label.setText(d.name or _("(no name)"))
        self.reading_label.setText(d.reading)
        self.reading_label.setVisible(bool(d.reading))
        self.subtitle_label.setText(" · ".join(p for p in (d.title, d.org) if p))
        for field, edit in self.edits.items():
            edit.show_value(getattr(d, field) or "")
        self.tie_combo.setCurrentIndex(max(0, self.tie_combo.findData(d.tie_strength)))
        self.cadence_spin.setValue(d.cadence_days or 0)
        due = d.keep_in_touch_due
        if d.effective_cadence_days:
            text = _("every {n} days").format(n=d.effective_cadence_days)
            if due is not None:
                text += " · " + _("next: {date}").format(date=format_date(due))
        else:
            text = _("no rhythm set")
        self.due_label.setText(text)
        self._fill_chips(d)
        self.methods_box.fill(d.methods)
        self.how_met_edit.show_value(d.how_met)
        self.met_place_edit.show_value(d.met_place)
        self.met_on_edit.setDate(
            QDate(d.met_on.year, d.met_on.month, d.met_on.day)
            if d.met_on
            else self.met_on_edit.minimumDate()
        )
        if d.introduced_by:
            self.introduced_button.setText(d.introduced_by[1])
            self.introduced_button.setEnabled(True)
        else:
            self.introduced_button.setText("—")
            self.introduced_button.setEnabled(False)
        self.groups_label.setText(
            ", ".join(f"{g.name} ({g.role})" if g.role else g.name for g in d.groups) or "—"
        )
        self.positions_label.setText(
            "\n".join(
                " · ".join(p for p in (" / ".join(u for u in parts if u), title, role) if p)
                for parts, title, role in d.positions
            )
            or "—"
        )
        self.more_notes_label.setText("\n\n".join(d.more_notes))
        self.more_notes_label.setVisible(bool(d.more_notes))
        self.events_label.setText(
            "\n".join(
                f"{_('other') if label == 'other' else label}: {date}" for date, label in d.events
            )
            or "—"
        )
        r = d.reciprocity
        self.balance_label.setText(
            _(
                "Help given: {given} · help received: {received} · asks: {asks} ({pending} waiting)"
            ).format(
                given=r.help_given,
                received=r.help_received + r.asks_helped,  # an ask that was answered
                asks=r.asks,
                pending=r.asks_pending,
            )
            + "\n"
            + r.label_text.capitalize()
            + "."
        )
        self.answer_button.setVisible(r.asks_pending > 0)
        self.note_edit.setPlainText(d.note)

    def _fill_chips(self, d: PersonDetail) -> None:
        while self.chips_row.count():
            item = self.chips_row.takeAt(0)
            if item.widget():
                item.widget().hide()  # gone now, not at the next loop turn
                item.widget().deleteLater()
        for chip in d.contexts:
            button = QToolButton()
            button.setText(f"{chip.label}  ×")
            button.setToolTip(_("Remove “{context}”").format(context=chip.label))
            button.setAccessibleName(_("Remove context {context}").format(context=chip.label))
            text = theme.tint(chip.colour, self.palette().color(QPalette.ColorRole.Window))
            button.setStyleSheet(
                f"QToolButton {{ border: 1px solid {chip.colour}; border-radius: 9px;"
                f" padding: 1px 8px; color: {text.name()}; }}"
            )
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(min(button.sizeHint().width(), 60))
            button.clicked.connect(lambda _c=False, cid=chip.id: self._untag(cid))
            self.chips_row.addWidget(button)
        add = QToolButton()
        add.setObjectName("addContextButton")
        add.setText(_("+ context"))
        add.setAccessibleName(_("Add a context"))
        add.setAccessibleDescription(_("Tag the person with a context: family, work, a club…"))
        add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(add)
        menu.aboutToShow.connect(lambda m=menu: self._fill_context_menu(m))
        add.setMenu(menu)
        self.chips_row.addWidget(add)
        self.chips_row.addStretch(1)

    def _fill_context_menu(self, menu: QMenu) -> None:
        from entregent.services.people.contexts import list_contexts

        menu.clear()
        have = {c.id for c in self.detail.contexts} if self.detail else set()
        for summary in list_contexts():
            if summary.id not in have:
                action = menu.addAction(summary.label)
                action.triggered.connect(lambda _c=False, cid=summary.id: self._tag(cid))

    # Editing -----------------------------------------------------------------------
    def _emit(self, signal) -> None:
        if self.contact_id:
            signal.emit(self.contact_id)

    def _save_field(self, field: str, value) -> None:
        self.save_fields({field: value})

    def save_fields(self, changes: dict) -> None:
        from entregent.services.people.edits import update_person

        contact_id = self.contact_id
        if contact_id is None:
            return
        self.context.act(
            self,
            _("Edit {name}").format(name=self.detail.name if self.detail else ""),
            lambda: update_person(contact_id, changes),
            lambda before: update_person(contact_id, before),
        )

    def _tie_chosen(self, index: int) -> None:
        value = self.tie_combo.itemData(index)
        if self.detail and value != self.detail.tie_strength:
            self.save_fields({"tie_strength": value})

    def _cadence_changed(self) -> None:
        value = self.cadence_spin.value() or None
        if self.detail and value != self.detail.cadence_days:
            self.save_fields({"cadence_days": value})

    def _met_on_changed(self) -> None:
        date = self.met_on_edit.date()
        value = None if date == self.met_on_edit.minimumDate() else date.toPython()
        if self.detail and value != self.detail.met_on:
            self.save_fields({"met_on": value})

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is getattr(self, "note_edit", None)
            and self.detail
            and event.type() == event.Type.FocusOut
        ):
            text = self.note_edit.toPlainText()
            if text != self.detail.note:
                self.save_fields({"note": text})
        return super().eventFilter(watched, event)

    def _tag(self, context_id: int) -> None:
        from entregent.services.people.contexts import tag_contacts, untag_contacts

        ids = [self.contact_id]
        self.context.act(
            self,
            _("Add a context"),
            lambda: tag_contacts(ids, [context_id]),
            lambda _n: untag_contacts(ids, [context_id]),
        )

    def _untag(self, context_id: int) -> None:
        from entregent.services.people.contexts import tag_contacts, untag_contacts

        ids = [self.contact_id]
        self.context.act(
            self,
            _("Remove a context"),
            lambda: untag_contacts(ids, [context_id]),
            lambda _n: tag_contacts(ids, [context_id]),
        )

    def _add_method(self, kind: str, value: str) -> None:
        from entregent.services.people.edits import add_method, remove_method

        contact_id = self.contact_id
        self.context.act(
            self,
            _("Add {value}").format(value=value),
            lambda: add_method(contact_id, kind, value),
            remove_method,
        )

    def _remove_method(self, method_id: int) -> None:
        from entregent.services.people.edits import remove_method, restore_method

        self.context.act(
            self, _("Remove a contact detail"), lambda: remove_method(method_id), restore_method
        )

    def _open_introducer(self) -> None:
        if self.detail and self.detail.introduced_by:
            self.context.person_requested.emit(self.detail.introduced_by[0])
