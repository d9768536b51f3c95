"""File ▸ Back up now… / Restore from a backup…, and the window showing what the
command line changed while it was open."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from entregent.model.tables import Contact
from entregent.services.people.edits import delete_people
from entregent.services.storage.backup import list_backups
from entregent.ui.backup_actions import BackupDialog
from entregent.ui.people_model import COL_NAME

from .conftest import add_person, row_of


def _dialog(window, action: str) -> BackupDialog:
    window.actions[action].trigger()
    dialog = window.dialogs[-1]
    assert isinstance(dialog, BackupDialog)
    return dialog


def _names(window) -> set[str]:
    model = window.people_model
    return {model.index(row, COL_NAME).data() for row in range(model.rowCount())}


def test_back_up_now_makes_a_copy_in_the_backups_folder(make_window, qtbot, db):
    add_person("Anne", "Martin")
    window = make_window()
    assert window.actions["backup"] in window.menuBar().actions()[0].menu().actions()
    dialog = _dialog(window, "backup")  # the menu entry starts a copy at once
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.last_result is not None)
    made = dialog.last_result
    assert made.parent == db.parent / "backups" and made.is_file()
    assert made.name.endswith(".manual.sqlite3")
    assert made in dialog.backup_paths()
    assert "A copy was made" in dialog.status.text()
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText


def test_save_a_copy_as_refuses_an_existing_file(make_window, qtbot, tmp_path):
    add_person("Anne", "Martin")
    window = make_window()
    dialog = _dialog(window, "restore")
    target = tmp_path / "copy.sqlite3"
    dialog.save_copy_as(target)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert target.is_file() and dialog.last_result == target
    dialog.save_copy_as(target)  # a second time: the file exists now
    qtbot.waitUntil(lambda: not dialog.busy())
    box = window.context.last_error
    assert box is not None and "already exists" in box.text()
    box.close()


def test_restoring_brings_back_a_person_deleted_after_the_backup(make_window, qtbot, db):
    anne = add_person("Anne", "Martin")
    add_person("Bruno", "Petit")
    window = make_window()
    dialog = _dialog(window, "backup")
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.last_result is not None)
    copy = dialog.last_result

    window.people_view.select_row(row_of(window, anne))
    window.context.act(window, "delete", lambda: delete_people([anne]), lambda _d: None)
    assert "Anne Martin" not in _names(window)
    assert window.context.undo_stack.count() == 1

    dialog.table.setCurrentItem(dialog.table.topLevelItem(dialog.backup_paths().index(copy)))
    dialog.restore_selected()
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    assert str(db.parent / "backups") in dialog.confirm_box.informativeText()
    dialog.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: "Anne Martin" in _names(window))
    qtbot.waitUntil(lambda: not dialog.busy())
    assert Contact.get(Contact.id == anne).display_name == "Anne Martin"
    [kept] = [b.path for b in list_backups(db) if b.reason == "before-restore"]
    assert kept.is_file()
    assert kept.name in dialog.status.text()
    reasons = [
        dialog.table.topLevelItem(i).text(1) for i in range(dialog.table.topLevelItemCount())
    ]
    assert "before a restore" in reasons
    assert window.context.undo_stack.count() == 0  # its steps were about the old data


def test_restoring_a_file_that_is_not_a_database_says_so_and_changes_nothing(
    make_window, qtbot, db, tmp_path
):
    add_person("Anne", "Martin")
    window = make_window()
    dialog = _dialog(window, "restore")
    before = db.read_bytes()
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("BEGIN:VCARD\nFN:not a database\nEND:VCARD\n", encoding="utf-8")
    dialog.restore_file(junk)
    qtbot.waitUntil(lambda: window.context.last_error is not None)
    box = window.context.last_error
    assert "not an Entregent backup" in box.text() and str(junk) in box.text()
    assert box.icon() == QMessageBox.Icon.Warning
    assert dialog.confirm_box is None  # never asked: nothing to restore
    assert (
        not (db.parent / "backups").exists()
        or [b for b in list_backups(db) if b.reason == "before-restore"] == []
    )
    assert db.read_bytes() == before
    assert "Anne Martin" in _names(window)
    box.close()


def test_a_change_made_by_the_command_line_shows_when_the_app_is_active_again(
    make_window, qtbot, db, tmp_path
):
    add_person("Anne", "Martin")
    window = make_window()
    assert _names(window) == {"Anne Martin"}
    assert window.data_watch.check() is False  # nothing changed: no refresh
    card = tmp_path / "new.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Chloé Durand\r\nN:Durand;Chloé;;;\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "entregent", "--db", str(db), "import", str(card)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Chloé Durand" not in _names(window)  # not yet: the app was not asked
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    qtbot.waitUntil(lambda: "Chloé Durand" in _names(window))
    assert window.data_watch.check() is False  # seen once, not again

    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:David Roux\r\nN:Roux;David;;;\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "entregent", "--db", str(db), "import", str(card)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "David Roux" not in _names(window)
    QCoreApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))  # window activated
    qtbot.waitUntil(lambda: "David Roux" in _names(window))
