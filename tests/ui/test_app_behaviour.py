"""What everyone expects of the app: undo, one instance per database, kind errors,
screenshots, dropping files, remembered state."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QPushButton

from entregent.errors import DatabaseRefused, UserError
from entregent.model.tables import Contact, ContactContext, ContactMethod
from entregent.services.people.contexts import find_context, tag_contacts
from entregent.ui import person_actions
from entregent.ui.errors_dialog import error_box
from entregent.ui.instance_lock import acquire_lock

from .conftest import add_person, row_of


def test_delete_archive_and_tag_are_undoable(make_window, qtbot):
    anne = add_person("Anne", "Martin", email="anne@example.org")
    bruno = add_person("Bruno", "Petit")
    tag_contacts([anne], [find_context("work").id])
    window = make_window()
    stack = window.context.undo_stack

    window.people_view.select_row(row_of(window, anne))
    person_actions.delete(window, confirm=False)
    assert Contact.get_or_none(Contact.id == anne) is None
    assert window.people_model.rowCount() == 1
    stack.undo()
    assert Contact.get(Contact.id == anne).display_name == "Anne Martin"
    assert ContactMethod.get(ContactMethod.contact == anne).value == "anne@example.org"
    assert ContactContext.select().where(ContactContext.contact == anne).count() == 1
    assert window.people_model.rowCount() == 2

    window.people_view.select_row(row_of(window, bruno))
    person_actions.archive(window, True)
    assert Contact.get(Contact.id == bruno).archived
    stack.undo()
    assert not Contact.get(Contact.id == bruno).archived

    window.people_view.select_row(row_of(window, bruno))
    family = find_context("family").id
    person_actions.set_tag(window, family, True)
    assert (
        ContactContext.select()
        .where(ContactContext.contact == bruno, ContactContext.context == family)
        .count()
        == 1
    )
    stack.undo()
    assert ContactContext.select().where(ContactContext.contact == bruno).count() == 0
    stack.redo()
    assert ContactContext.select().where(ContactContext.contact == bruno).count() == 1


def test_editing_a_field_in_place_is_undoable(make_window, qtbot):
    anne = add_person("Anne", "Martin")
    window = make_window()
    window.people_view.select_row(row_of(window, anne))
    edit = window.detail_pane.edits["org"]
    edit.setFocus()
    qtbot.keyClicks(edit, "Les Amis du Jardin")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert Contact.get(Contact.id == anne).org == "Les Amis du Jardin"
    window.context.undo_stack.undo()
    assert Contact.get(Contact.id == anne).org == ""
    assert window.detail_pane.edits["org"].text() == ""


def test_a_second_instance_on_the_same_database_is_refused(db_path, tmp_path):
    first = acquire_lock(db_path)
    try:
        try:
            acquire_lock(db_path)
        except DatabaseRefused as exc:
            assert "already open" in str(exc)
        else:
            raise AssertionError("the second lock should be refused")
        other = acquire_lock(tmp_path / "other.sqlite3")  # another database is fine
        other.unlock()
    finally:
        first.unlock()
    acquire_lock(db_path).unlock()  # free again once the first has gone


def test_errors_are_a_sentence_or_a_copyable_report_never_a_traceback(qtbot):
    box = error_box(None, UserError("the file is not a vCard.", path="/tmp/x.vcf", line=3))
    qtbot.addWidget(box)
    assert box.text() == "/tmp/x.vcf, line 3: the file is not a vCard."
    assert box.icon() == QMessageBox.Icon.Warning
    try:
        {}["missing"]
    except KeyError as exc:
        bug = error_box(None, exc)
    qtbot.addWidget(bug)
    assert "Something went wrong" in bug.text()
    assert "Traceback" not in bug.text() + bug.informativeText()
    assert "KeyError" in bug.detailedText()  # the report, folded away, to copy
    copy = next(b for b in bug.buttons() if b.text() == "Copy report")
    copy.click()
    from PySide6.QtGui import QGuiApplication

    assert "KeyError" in QGuiApplication.clipboard().text()


def test_screenshot_renders_each_view_to_a_png(db_path, tmp_path, qapp):
    from PySide6.QtGui import QImage

    from entregent.services.storage.session import close_session, open_session
    from entregent.ui.app import run_app

    open_session(db_path, apply_language=False)
    add_person("Anne", "Martin")
    close_session()
    for view in ("home", "people", "person"):
        out = tmp_path / f"{view}.png"
        assert run_app(db_path=db_path, files=[], screenshot=str(out), view=view, demo=False) == 0
        image = QImage(str(out))
        assert image.width() >= 1000 and image.height() >= 600


def test_dropping_a_vcard_opens_the_import_wizard(make_window, tmp_path, qtbot):
    from entregent.ui.import_wizard import ImportWizard

    card = tmp_path / "friends.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne\r\nEND:VCARD\r\n")
    window = make_window()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(card)), QUrl.fromLocalFile(str(tmp_path / "x.txt"))])
    event = QDropEvent(
        QPointF(QPoint(50, 50)),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    wizard = window.dialogs[-1]
    assert isinstance(wizard, ImportWizard)
    assert wizard.paths() == [str(card)]


def test_window_state_and_sidebar_choice_are_remembered(db, qtbot):
    from entregent.ui.main_window import MainWindow

    first = MainWindow(db)
    qtbot.addWidget(first)
    first.sidebar.select("archived")
    first.splitter.setSizes([150, 700, 300])
    first.close()
    first.context.workers.join()
    second = MainWindow(db)
    qtbot.addWidget(second)
    assert second.sidebar.current_key() == "archived"
    second.close()
    second.context.workers.join()


def test_settings_dialog_saves_through_the_registry(make_window, qtbot):
    from entregent.services.people.contexts import list_contexts
    from entregent.services.settings import get_setting
    from entregent.ui.settings_dialog import SettingsDialog

    window = make_window()
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.emails_edit.setText("me@example.org; Me@Work.example")
    dialog.region_edit.setText("fr")
    dialog.threshold_spins["recent_ask_days"].setValue(60)
    family = next(c for c in list_contexts() if c.name == "family")
    dialog.cadence_spins[family.id][0].setValue(21)
    dialog.export_as_combo.setCurrentIndex(dialog.export_as_combo.findData("todo"))
    dialog.accept()
    assert get_setting("my_emails") == ["me@example.org", "Me@Work.example"]
    assert get_setting("phone_region") == "FR"
    assert get_setting("recent_ask_days") == 60
    assert get_setting("auto_export_as") == "todo"
    assert next(c for c in list_contexts() if c.name == "family").cadence_days == 21


def test_shortcuts_open_the_log_and_ask_dialogs(make_window, qtbot):
    from entregent.ui.ask_dialog import AskDialog
    from entregent.ui.log_dialog import LogDialog

    anne = add_person("Anne", "Martin")
    window = make_window()
    window.people_view.select_row(row_of(window, anne))
    window.people_view.table.setFocus()
    qtbot.keyClick(window.people_view.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.dialogs[-1], LogDialog)
    window.dialogs[-1].reject()
    qtbot.keyClick(
        window.people_view.table,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert isinstance(window.dialogs[-1], AskDialog)
    assert window.dialogs[-1].contact_id == anne
    window.dialogs[-1].reject()


def test_export_follow_ups_writes_a_calendar(make_window, qtbot, tmp_path):
    import datetime as dt

    from entregent.services.relations.followups import create_followup
    from entregent.ui.export_followups_dialog import ExportFollowUpsDialog

    anne = add_person("Anne", "Martin")
    create_followup(anne, dt.date.today() + dt.timedelta(days=3), note="Send the photos")
    window = make_window()
    dialog = ExportFollowUpsDialog(window.context, window)
    qtbot.addWidget(dialog)
    out = tmp_path / "followups.ics"
    dialog.path_edit.setText(str(out))
    dialog.as_combo.setCurrentIndex(dialog.as_combo.findData("todo"))
    dialog.show()
    dialog.accept()  # written on a worker: the dialog stays until it is done
    assert dialog.progress.objectName() == "exportFollowUpsProgressDialog"
    window.context.workers.join(cancel=False)
    text = out.read_text(encoding="utf-8")
    assert "BEGIN:VTODO" in text and "Anne Martin" in text
    assert not dialog.isVisible() and "1 follow-up exported." in window.statusBar().currentMessage()


def test_phones_and_emails_are_added_and_removed_in_place_with_undo(make_window, qtbot):
    anne = add_person("Anne", "Martin")
    window = make_window()
    window.people_view.select_row(row_of(window, anne))
    box = window.detail_pane.methods_box
    box.kind_combo.setCurrentIndex(box.kind_combo.findData("email"))
    qtbot.keyClicks(box.value_edit, "Anne@Example.org")
    qtbot.keyClick(box.value_edit, Qt.Key.Key_Return)
    method = ContactMethod.get(ContactMethod.contact == anne)
    assert (method.kind, method.value, method.normalized) == (
        "email",
        "Anne@Example.org",
        "anne@example.org",
    )
    assert window.people_model.rowCount() == 1
    from entregent.services.people.search import search_contacts

    assert [h.id for h in search_contacts("anne@example")] == [anne]
    box = window.detail_pane.methods_box  # rebuilt after the change
    box.remove_requested.emit(method.id)
    assert ContactMethod.select().where(ContactMethod.contact == anne).count() == 0
    window.context.undo_stack.undo()
    assert ContactMethod.get(ContactMethod.contact == anne).value == "Anne@Example.org"


def test_a_new_sort_order_is_applied_on_a_worker_and_can_be_cancelled(make_window, qtbot):
    """Re-keying every person takes seconds on 100,000: it runs on a worker with a
    progress dialog; Cancel leaves the order as it was."""
    import threading

    from entregent.services.settings import get_setting
    from entregent.ui.people_model import COL_NAME
    from entregent.ui.settings_dialog import SettingsDialog

    add_person("Zoé", "Abel")
    add_person("Adèle", "Zimmer")
    window = make_window()

    def names() -> list[str]:
        model = window.people_model
        return [model.data(model.index(row, COL_NAME)) for row in range(model.rowCount())]

    assert names() == ["Zoé Abel", "Adèle Zimmer"]  # by family name
    # Cancelled: both worker threads are busy, so the re-keying waits in the queue
    # and sees the Cancel before its first batch.
    release = threading.Event()
    for _busy in range(window.context.workers.pool.maxThreadCount()):
        window.context.workers.run(lambda job: release.wait(10))
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.sort_combo.setCurrentIndex(dialog.sort_combo.findData("given"))
    dialog.accept()
    progress = dialog.resort
    assert progress is not None and progress.objectName() == "resortProgressDialog"
    progress.findChild(QPushButton).click()  # its Cancel button
    release.set()
    window.context.workers.join(cancel=False)
    assert get_setting("sort_by") == "family" and names() == ["Zoé Abel", "Adèle Zimmer"]
    assert window.context.last_error is None  # a cancel is not an error
    # Done: the lists re-read in the new order.
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.sort_combo.setCurrentIndex(dialog.sort_combo.findData("given"))
    dialog.accept()
    window.context.workers.join(cancel=False)
    assert get_setting("sort_by") == "given"
    qtbot.waitUntil(lambda: names() == ["Adèle Zimmer", "Zoé Abel"])
    assert not dialog.resort.isVisible()


def test_exporting_contacts_runs_on_a_worker_and_a_cancel_writes_nothing(
    make_window, qtbot, tmp_path
):
    import threading

    import vobject

    from entregent.ui import person_actions

    for index in range(3):
        add_person(f"Person{index}", "Export", email=f"p{index}@example.org")
    window = make_window()
    target = tmp_path / "all.vcf"
    target.write_text("kept\n", encoding="utf-8")
    release = threading.Event()  # the workers busy: the export waits and sees the Cancel
    for _busy in range(window.context.workers.pool.maxThreadCount()):
        window.context.workers.run(lambda job: release.wait(10))
    progress = person_actions.export_contacts(window, None, str(target))
    assert progress.objectName() == "exportProgressDialog"
    progress.findChild(QPushButton).click()
    release.set()
    window.context.workers.join(cancel=False)
    assert target.read_text(encoding="utf-8") == "kept\n"  # untouched
    assert window.context.last_error is None
    assert not list(tmp_path.glob(".entregent-*"))  # no half-written file left behind
    person_actions.export_contacts(window, None, str(target))
    window.context.workers.join(cancel=False)
    cards = list(vobject.readComponents(target.read_text(encoding="utf-8")))
    assert sorted(card.fn.value for card in cards) == [f"Person{i} Export" for i in range(3)]
    assert "3 people written to all.vcf" in window.statusBar().currentMessage()


def test_the_subscribed_follow_ups_file_is_rewritten_on_a_worker_once_changes_pause(
    make_window, qtbot, tmp_path
):
    """Rewriting the file named in the settings takes seconds on 10,000 follow-ups:
    the window defers it to a worker, once changes pause, and makes a pending one
    when it closes."""
    import datetime as dt

    from icalendar import Calendar

    from entregent.services.exports import ics_export as calendar_export
    from entregent.services.relations.followups import create_followup, reschedule_followup
    from entregent.services.settings import set_setting

    anne = add_person("Anne", "Martin")
    out = tmp_path / "subscribed.ics"
    set_setting("auto_export_path", str(out))
    window = make_window()
    qtbot.waitUntil(lambda: window.auto_export is not None)
    assert calendar_export.deferred_to() is not None
    follow_up = create_followup(anne, dt.date(2030, 5, 4))
    reschedule_followup(follow_up, dt.date(2030, 5, 8))
    assert not out.exists() and window.auto_export.pending()  # not inside the change
    qtbot.waitUntil(lambda: window.auto_export.rewrites == 1)
    window.context.workers.join(cancel=False)
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [e["DTSTART"].dt for e in events] == [dt.date(2030, 5, 8)]  # two changes, one write
    reschedule_followup(follow_up, dt.date(2030, 6, 1))
    window.close()  # a pending rewrite is made before the window goes
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [e["DTSTART"].dt for e in events] == [dt.date(2030, 6, 1)]
    assert calendar_export.deferred_to() is None  # the command line writes at once again
