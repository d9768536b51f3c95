"""The window's actions (menus, shortcuts, the list's context menu) and what
they do to the selected people: tag, untag, archive, delete, export — every
change through the services and the undo stack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu

from entregent.i18n import _, ngettext
from entregent.ui.icons import icon


def _action(
    window, text: str, slot, shortcut=None, icon_name: str | None = None, name: str = ""
) -> QAction:
    action = QAction(icon(icon_name) if icon_name else QIcon(), text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if name:
        action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(window) -> dict:
    stack = window.context.undo_stack
    undo = stack.createUndoAction(window, _("&Undo"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = stack.createRedoAction(window, _("&Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
    window.addAction(undo)
    window.addAction(redo)
    a = {
        "undo": undo,
        "redo": redo,
        "find": _action(
            window,
            _("&Find people"),
            window.people_view.focus_search,
            QKeySequence.StandardKey.Find,
            name="findAction",
        ),
        "import": _action(
            window,
            _("&Import contacts or calendar…"),
            lambda: window.open_import([]),
            "Ctrl+I",
            "import",
        ),
        "export_contacts": _action(
            window, _("&Export contacts…"), lambda: export_contacts(window, None), None, "export"
        ),
        "export_followups": _action(
            window,
            _("Export &follow-ups to calendar…"),
            lambda: export_followups(window),
            None,
            "followup",
        ),
        "settings": _action(
            window,
            _("&Settings…"),
            lambda: open_settings(window),
            QKeySequence.StandardKey.Preferences,
            "settings",
        ),
        "sync": _action(window, _("S&ync…"), lambda: open_sync(window), None, name="syncAction"),
        "quit": _action(window, _("&Quit"), window.close, QKeySequence.StandardKey.Quit),
        "log": _action(
            window, _("&Log interaction…"), window.open_log, "Ctrl+L", "log", name="logAction"
        ),
        "ask": _action(
            window, _("&Ask for help…"), window.open_ask, "Ctrl+Shift+A", "ask", name="askAction"
        ),
        "followup": _action(
            window, _("Add a &follow-up…"), lambda: add_followup(window), "Ctrl+Shift+F", "followup"
        ),
        "archive": _action(window, _("Ar&chive"), lambda: archive(window, True), None, "archive"),
        "unarchive": _action(
            window, _("Bring &back from the archive"), lambda: archive(window, False)
        ),
        "delete": _action(
            window, _("&Delete…"), lambda: delete(window), QKeySequence.StandardKey.Delete
        ),
        "export_selection": _action(
            window,
            _("Export the &selection…"),
            lambda: export_contacts(window, window.current_ids()),
        ),
        "duplicates": _action(
            window,
            _("Review possible &duplicates…"),
            lambda: window.open_duplicates(),
            None,
            "duplicates",
        ),
        "backup": _action(
            window, _("&Back up now…"), lambda: open_backups(window, True), name="backupAction"
        ),
        "restore": _action(
            window,
            _("&Restore from a backup…"),
            lambda: open_backups(window, False),
            name="restoreAction",
        ),
    }
    a["delete"].setShortcutContext(a["delete"].shortcutContext().WidgetWithChildrenShortcut)
    window.people_view.table.addAction(a["delete"])
    a["tag"] = _context_menu(window, _("&Tag with"), tag=True)
    a["untag"] = _context_menu(window, _("&Untag"), tag=False)
    return a


def _context_menu(window, title: str, *, tag: bool) -> QMenu:
    menu = QMenu(title, window)
    menu.setIcon(icon("context"))

    def fill() -> None:
        from entregent.services.people.contexts import list_contexts

        menu.clear()
        for summary in list_contexts():
            action = menu.addAction(summary.label)
            action.triggered.connect(lambda _c=False, cid=summary.id: set_tag(window, cid, tag))

    menu.aboutToShow.connect(fill)
    return menu


def set_tag(window, context_id: int, tag: bool) -> None:
    from entregent.services.people.contexts import tag_contacts, untag_contacts

    ids = window.current_ids()
    if not ids:
        return
    text = (
        ngettext("Tag {n} person", "Tag {n} people", len(ids))
        if tag
        else ngettext("Untag {n} person", "Untag {n} people", len(ids))
    ).format(n=len(ids))
    if tag:
        window.context.act(
            window,
            text,
            lambda: _tag_new(ids, context_id),
            lambda added: untag_contacts(added, [context_id]),
        )
    else:
        window.context.act(
            window,
            text,
            lambda: _untag_had(ids, context_id),
            lambda removed: tag_contacts(removed, [context_id]),
        )


def _tag_new(ids: list[int], context_id: int) -> list[int]:
    """Tag and return who was not tagged before (so that undo leaves the others)."""
    from entregent.services.people.contexts import tag_contacts

    tagged = _tagged(ids, context_id)
    tag_contacts(ids, [context_id])
    return [i for i in ids if i not in tagged]


def _untag_had(ids: list[int], context_id: int) -> list[int]:
    from entregent.services.people.contexts import untag_contacts

    tagged = _tagged(ids, context_id)
    untag_contacts(ids, [context_id])
    return [i for i in ids if i in tagged]


def _tagged(ids: list[int], context_id: int) -> set[int]:
    from entregent.services.people.listing import tagged_among

    return tagged_among(ids, context_id)


def archive(window, archived: bool) -> None:
    from entregent.services.people.edits import set_archived

    ids = window.current_ids()
    if not ids:
        return
    text = (
        ngettext("Archive {n} person", "Archive {n} people", len(ids))
        if archived
        else ngettext("Bring back {n} person", "Bring back {n} people", len(ids))
    ).format(n=len(ids))
    window.context.act(
        window,
        text,
        lambda: set_archived(ids, archived),
        lambda changed: set_archived(changed, not archived),
    )


def delete(window, *, confirm: bool = True) -> None:
    from PySide6.QtWidgets import QMessageBox

    from entregent.services.people.edits import delete_people, restore_people

    ids = window.current_ids()
    if not ids:
        return
    text = ngettext("Delete {n} person", "Delete {n} people", len(ids)).format(n=len(ids))

    def go() -> None:
        window.context.act(window, text, lambda: delete_people(ids), restore_people)

    if not confirm:
        go()
        return
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Delete"),
        ngettext(
            "Delete this person and what you logged with them only? You can undo it with Ctrl+Z.",
            "Delete these {n} people? You can undo it with Ctrl+Z.",
            len(ids),
        ).format(n=len(ids)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        window,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.accepted.connect(go)
    window.dialogs.append(box)
    box.open()


def add_followup(window) -> None:
    from entregent.ui.followups_box import add_followup as open_dialog

    ids = window.current_ids()
    if ids:
        window.dialogs.append(open_dialog(window.context, window, ids[0]))


def undo_import(window, batch_id: int | None):
    """Take back what one import did (on a worker behind a progress dialog, which
    is returned: seconds for 10,000 people); say what was left alone and why."""
    from entregent.services.imports.history import undo_import as undo
    from entregent.ui.progress_task import run_with_progress

    if batch_id is None:
        return None

    def undone(result) -> None:
        from PySide6.QtWidgets import QMessageBox

        window.context.data_changed.emit()
        text = (
            ngettext(
                "{n} person this import added was removed.",
                "{n} people this import added were removed.",
                result.removed,
            ).format(n=result.removed)
            + " "
            + ngettext(
                "{n} person it changed is back as before.",
                "{n} people it changed are back as before.",
                result.restored,
            ).format(n=result.restored)
        )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Import undone"),
            text,
            QMessageBox.StandardButton.Ok,
            window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        if result.left_alone:
            box.setInformativeText(
                _("Left as they are, because you changed them since:")
                + "\n"
                + "\n".join(f"{name} — {why}" for _id, name, why in result.left_alone[:20])
            )
        window.dialogs.append(box)
        box.open()
        window.sidebar.select("all")

    return run_with_progress(
        window.context,
        window,
        _("Taking the import back…"),
        lambda progress, cancelled: undo(batch_id, progress=progress, cancelled=cancelled),
        undone,
        name="undoImportProgressDialog",
    )


def export_contacts(window, ids: list[int] | None, path: str | None = None):
    """Write these people (everyone when none) to a vCard file chosen by the person
    (or ``path``), on a worker behind a progress dialog, which is returned."""
    if path is None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            window, _("Export contacts"), "contacts.vcf", _("vCard files (*.vcf)")
        )
    if not path:
        return None
    from entregent.services.exports.vcard_export import export_contacts as export
    from entregent.ui.progress_task import run_with_progress

    def written(count: int) -> None:
        window.statusBar().showMessage(
            ngettext("{n} person written to {file}", "{n} people written to {file}", count).format(
                n=count, file=Path(path).name
            ),
            8000,
        )

    return run_with_progress(
        window.context,
        window,
        _("Writing the contacts…"),
        lambda progress, cancelled: export(
            path, contact_ids=ids or None, progress=progress, cancelled=cancelled
        ),
        written,
        name="exportProgressDialog",
    )


def export_followups(window) -> None:
    from entregent.ui.export_followups_dialog import ExportFollowUpsDialog

    dialog = ExportFollowUpsDialog(window.context, window)
    window.dialogs.append(dialog)
    dialog.open()


def open_backups(window, back_up: bool) -> None:
    from entregent.ui.backup_actions import open_backups as open_dialog

    open_dialog(window, back_up=back_up)


def open_sync(window) -> None:
    from entregent.ui.sync_page import SyncDialog

    dialog = SyncDialog(window.context, window)
    window.dialogs.append(dialog)
    dialog.open()


def open_settings(window) -> None:
    from entregent.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window)
    window.dialogs.append(dialog)
    dialog.open()
