"""Settings: my e-mail addresses, default phone region, sorting, language,
cadences per context, the advisor's thresholds, the follow-ups calendar file,
the sync accounts (ui/sync_page.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from entregent.i18n import N_, _
from entregent.ui.accessible import describe_buttons, describe_tabs
from entregent.ui.plain import plain_label

THRESHOLDS = (
    "balance_window_days",
    "recent_ask_days",
    "newcomer_days",
    "informal_followup_days",
    "stale_factor",
    "birthday_days",
)
# What each setting changes, for screen readers (the accessible description).
DESCRIPTIONS = {
    "my_emails": N_("Your own addresses, separated by commas: calendar imports leave you out"),
    "phone_region": N_("Two letters: phone numbers without a country code are read as from there"),
    "sort_by": N_("The order of the people list; changing it re-sorts everyone"),
    "balance_window_days": N_("How far back the give and take of help is counted"),
    "recent_ask_days": N_("The advice warns before a second ask within these days"),
    "newcomer_days": N_("The advice says to contribute first in a group you joined this recently"),
    "informal_followup_days": N_("A chance encounter is worth a message within these days"),
    "stale_factor": N_("Someone is due once this many of their cadences have passed"),
    "birthday_days": N_("How far ahead Home shows birthdays"),
    "auto_export_path": N_("Rewritten each time a follow-up changes; leave empty for none"),
    "auto_export_as": N_("Events with a reminder, or to-dos"),
}
LANGUAGES = (("system", N_("As the computer")), ("en", "English"), ("fr", "Français"))
THEMES = (("system", N_("As the computer")), ("light", N_("Light")), ("dark", N_("Dark")))


class SettingsDialog(QDialog):
    def __init__(self, context, parent=None):
        from entregent.services.people.contexts import list_contexts
        from entregent.services.settings import read_setting, setting_spec

        super().__init__(parent)
        self.context = context
        self.setObjectName("settingsDialog")
        self.setWindowTitle(_("Settings"))
        tabs = QTabWidget(self)
        tabs.setAccessibleName(_("Settings"))

        general = QWidget()
        form = QFormLayout(general)
        self.emails_edit = QLineEdit(", ".join(read_setting("my_emails")))
        self.emails_edit.setAccessibleName(_(setting_spec("my_emails").label))
        self.emails_edit.setAccessibleDescription(_(DESCRIPTIONS["my_emails"]))
        self.emails_edit.setPlaceholderText("me@example.org, me@work.example")
        form.addRow(_(setting_spec("my_emails").label), self.emails_edit)
        self.region_edit = QLineEdit(read_setting("phone_region"))
        self.region_edit.setMaxLength(2)
        self.region_edit.setAccessibleName(_(setting_spec("phone_region").label))
        self.region_edit.setAccessibleDescription(_(DESCRIPTIONS["phone_region"]))
        form.addRow(_(setting_spec("phone_region").label), self.region_edit)
        self.language_combo = QComboBox()
        self.language_combo.setAccessibleName(_("Language"))
        self.language_combo.setAccessibleDescription(_("The app's language, from the next start"))
        for code, label in LANGUAGES:
            self.language_combo.addItem(_(label) if code == "system" else label, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(read_setting("language")))
        )
        form.addRow(_("Language (after a restart)"), self.language_combo)
        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("themeCombo")
        self.theme_combo.setAccessibleName(_(setting_spec("theme").label))
        self.theme_combo.setAccessibleDescription(
            _("Light or dark colours; “As the computer” follows the system's choice")
        )
        for code, label in THEMES:
            self.theme_combo.addItem(_(label), code)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(read_setting("theme"))))
        form.addRow(_(setting_spec("theme").label), self.theme_combo)
        self.sort_combo = QComboBox()
        self.sort_combo.setAccessibleName(_(setting_spec("sort_by").label))
        self.sort_combo.setAccessibleDescription(_(DESCRIPTIONS["sort_by"]))
        self.sort_combo.addItem(_("Family name"), "family")
        self.sort_combo.addItem(_("Given name"), "given")
        self._sort_before = read_setting("sort_by")
        self.resort = None  # the re-keying started on OK, if the order changed
        self.sort_combo.setCurrentIndex(max(0, self.sort_combo.findData(self._sort_before)))
        form.addRow(_(setting_spec("sort_by").label), self.sort_combo)
        tabs.addTab(general, _("General"))

        cadences = QWidget()
        cadence_form = QFormLayout(cadences)
        cadence_form.addRow(
            plain_label(_("Keep in touch, by default, every … days (0: no rhythm):"))
        )
        self.cadence_spins: dict[int, tuple[QSpinBox, int | None]] = {}
        for summary in list_contexts():
            spin = QSpinBox()
            spin.setRange(0, 3650)
            spin.setValue(summary.cadence_days or 0)
            spin.setAccessibleName(summary.label)
            spin.setAccessibleDescription(
                _("Days between two contacts with the people of “{context}”; 0: no rhythm").format(
                    context=summary.label
                )
            )
            self.cadence_spins[summary.id] = (spin, summary.cadence_days)
            cadence_form.addRow(plain_label(summary.label), spin)
        tabs.addTab(cadences, _("Keep in touch"))

        advisor = QWidget()
        advisor_form = QFormLayout(advisor)
        self.threshold_spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        for key in THRESHOLDS:
            spec = setting_spec(key)
            spin = QDoubleSpinBox() if spec.type is float else QSpinBox()
            spin.setRange(1, 3650)
            spin.setValue(read_setting(key))
            spin.setAccessibleName(_(spec.label))
            spin.setAccessibleDescription(_(DESCRIPTIONS[key]))
            self.threshold_spins[key] = spin
            advisor_form.addRow(_(spec.label), spin)
        tabs.addTab(advisor, _("Advice"))

        calendar = QWidget()
        calendar_form = QFormLayout(calendar)
        path_row = QHBoxLayout()
        self.export_path_edit = QLineEdit(read_setting("auto_export_path"))
        self.export_path_edit.setAccessibleName(_(setting_spec("auto_export_path").label))
        self.export_path_edit.setAccessibleDescription(_(DESCRIPTIONS["auto_export_path"]))
        browse = QPushButton(_("Choose…"))
        browse.setAccessibleDescription(_("Choose the file in a file dialog"))
        browse.clicked.connect(self._choose_export_path)
        path_row.addWidget(self.export_path_edit, 1)
        path_row.addWidget(browse)
        calendar_form.addRow(_(setting_spec("auto_export_path").label), path_row)
        self.export_as_combo = QComboBox()
        self.export_as_combo.setAccessibleName(_(setting_spec("auto_export_as").label))
        self.export_as_combo.setAccessibleDescription(_(DESCRIPTIONS["auto_export_as"]))
        self.export_as_combo.addItem(_("Events with a reminder"), "event")
        self.export_as_combo.addItem(_("To-dos"), "todo")
        self.export_as_combo.setCurrentIndex(
            max(0, self.export_as_combo.findData(read_setting("auto_export_as")))
        )
        calendar_form.addRow(_(setting_spec("auto_export_as").label), self.export_as_combo)
        tabs.addTab(calendar, _("Calendar"))

        from entregent.ui.sync_page import SyncPage

        self.sync_page = SyncPage(context, self)
        tabs.addTab(self.sync_page, _("Sync"))
        self.tabs = tabs

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        describe_buttons(buttons)
        describe_tabs(
            tabs,
            [
                _("Your addresses, phone region, language, appearance and sorting"),
                _("How often to keep in touch with each context"),
                _("When the advice before an ask speaks up"),
                _("The calendar file your follow-ups are written to"),
                _("Your CardDAV/CalDAV accounts, their last sync and conflicts to settle"),
            ],
        )
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def _choose_export_path(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Follow-ups calendar file"),
            self.export_path_edit.text() or "entregent-followups.ics",
            _("Calendar files (*.ics)"),
        )
        if path:
            self.export_path_edit.setText(path)

    def accept(self) -> None:
        if self.context.call(self, self.save) is not None:
            super().accept()
            order = self.sort_combo.currentData()
            if order != self._sort_before:
                self.resort = resort_in_background(self.context, self.parentWidget(), order)

    def save(self) -> bool:
        """Everything but the sort order, which re-keys every person: that is done
        on a worker once the dialog has closed (``resort_in_background``)."""
        from entregent.services.people.contexts import set_context_cadence
        from entregent.services.settings import (
            read_setting,
            set_language_preference,
            write_setting,
        )
        from entregent.ui.theme import apply_theme

        emails = [
            e.strip() for e in self.emails_edit.text().replace(";", ",").split(",") if e.strip()
        ]
        write_setting("my_emails", emails)
        write_setting("phone_region", self.region_edit.text().strip().upper())
        set_language_preference(self.language_combo.currentData())
        theme = self.theme_combo.currentData()
        if theme != read_setting("theme"):
            write_setting("theme", theme)
            apply_theme(QApplication.instance(), theme)  # at once, no restart
        for key, spin in self.threshold_spins.items():
            write_setting(key, spin.value())
        write_setting("auto_export_path", self.export_path_edit.text().strip())
        write_setting("auto_export_as", self.export_as_combo.currentData())
        for context_id, (spin, before) in self.cadence_spins.items():
            value = spin.value() or None
            if value != before:
                set_context_cadence(context_id, value)
        return True


def resort_in_background(context, parent, order: str):
    """Re-key every person for ``order`` on a worker, with progress and Cancel
    (which leaves the order as it was); the lists re-read once it is done.
    Returns the progress dialog (``ui.progress_task``)."""
    from entregent.services.settings import set_sort_order
    from entregent.ui.progress_task import run_with_progress

    return run_with_progress(
        context,
        parent,
        _("Sorting your network in the new order…"),
        lambda progress, cancelled: set_sort_order(order, progress=progress, cancelled=cancelled),
        lambda _count: context.data_changed.emit(),
        name="resortProgressDialog",
    )
