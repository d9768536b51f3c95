"""The import wizard (preview, import in the background, cancel, report) and
merging duplicates with undo."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from entregent.model.tables import Contact, ContactMethod, ImportBatch, SourceCard
from entregent.services.imports import dispatch
from entregent.ui.duplicates_dialog import DuplicatesDialog
from entregent.ui.import_wizard import ImportWizard

from .conftest import add_person


def _counts() -> tuple[int, ...]:
    return (
        Contact.select().count(),
        ContactMethod.select().count(),
        ImportBatch.select().count(),
        SourceCard.select().count(),
    )


def _cards(path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        for i in range(count):
            out.write(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i:05d} Exemple\r\n"
                f"N:Exemple;Person {i:05d};;;\r\nEMAIL:p{i}@example.org\r\n"
                f"TEL;TYPE=CELL:+33 6 12 {i // 100:02d} {i % 100:02d} 00\r\n"
                "END:VCARD\r\n"
            )


def test_import_wizard_previews_then_imports_a_corpus_file_with_progress(
    make_window, qtbot, corpus
):
    path = corpus / "vcard" / "ezvcard" / "John_Doe_ANDROID.vcf"
    window = make_window()
    wizard = window.open_import([str(path)])
    assert isinstance(wizard, ImportWizard)
    before = _counts()
    qtbot.mouseClick(wizard.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.import_button.isEnabled(), timeout=20_000)
    preview = wizard.preview_reports[0]
    assert preview.dry_run and preview.new > 0
    assert _counts() == before  # the preview wrote nothing
    assert wizard.preview_tree.topLevelItem(0).text(1) == str(preview.new)

    values = []
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    wizard.job.progressed.connect(lambda done, total: values.append((done, total)))
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    assert wizard.outcome == "done"
    assert wizard.progress_bar.value() == wizard.progress_bar.maximum()
    assert values and values[-1][0] == values[-1][1]  # progress reached the end
    report = wizard.reports[0]
    assert report.new == preview.new
    assert Contact.select().count() == before[0] + report.new
    assert window.people_model.rowCount() == before[0] + report.new


def test_cancel_mid_import_leaves_the_database_unchanged(make_window, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "many.vcf"
    _cards(path, 600)
    add_person("Already", "Here", email="already@example.org")
    real = dispatch.import_file
    paused, clicked = threading.Event(), threading.Event()

    def import_file_pausing(*args, progress=None, **kwargs):
        def report(done, total):
            if progress is not None:
                progress(done, total)
            if 0 < done < total and not paused.is_set():  # mid-way: wait for the click
                paused.set()
                clicked.wait(20)

        return real(*args, progress=report, **kwargs)

    monkeypatch.setattr(
        dispatch, "import_file", import_file_pausing
    )  # the service the wizard calls
    window = make_window()
    before = _counts()
    wizard = window.open_import([str(path)])
    wizard.start_import()
    qtbot.waitUntil(paused.is_set, timeout=30_000)
    qtbot.waitUntil(lambda: wizard.progress_bar.value() > 0)
    qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
    clicked.set()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    assert wizard.outcome == "cancelled"
    assert "exactly as they were" in wizard.report_label.text()
    assert _counts() == before
    assert window.people_model.rowCount() == 1


def test_rejected_cards_are_listed_with_their_line(make_window, qtbot, tmp_path):
    path = tmp_path / "mixed.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good Middle\r\nthis is not a property\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good Two\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    window = make_window()
    wizard = window.open_import([str(path)])
    wizard.start_import()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    report = wizard.reports[0]
    problems = [*report.rejected, *report.skipped_lines]
    assert [p.line for p in problems] == [8]  # the line that is not a property
    assert wizard.rejected_tree.topLevelItemCount() == 1
    item = wizard.rejected_tree.topLevelItem(0)
    assert (item.text(0), item.text(1)) == ("mixed.vcf", "8")
    assert item.text(2) == problems[0].reason
    assert wizard.rejected_tree.isVisibleTo(wizard)
    assert Contact.select().where(Contact.display_name.startswith("Good")).count() == 3


def test_merging_duplicates_is_undoable(make_window, qtbot):
    first = add_person("Anne", "Martin", email="anne@example.org")
    second = add_person("Anne", "Martin", email="Anne@Example.org")
    window = make_window()
    dialog = DuplicatesDialog(window.context, window)
    window.dialogs.append(dialog)
    dialog.open()
    assert dialog.searching and not dialog.merge_button.isEnabled()  # read on a worker
    qtbot.waitUntil(lambda: not dialog.searching)
    assert dialog.current() is not None
    assert set(dialog.current()) == {first, second}
    kept, merged = dialog.current()
    assert "Anne Martin" in dialog.left.text() and "Anne Martin" in dialog.right.text()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert Contact.get_or_none(Contact.id == merged) is None
    assert window.people_model.rowCount() == 1
    window.context.undo_stack.undo()
    assert Contact.get(Contact.id == merged).display_name == "Anne Martin"
    assert ContactMethod.select().where(ContactMethod.contact == merged).count() == 1
    assert window.people_model.rowCount() == 2
    window.context.undo_stack.redo()
    assert Contact.get_or_none(Contact.id == merged) is None


def test_show_what_an_import_brought_and_undo_it(make_window, qtbot, tmp_path):
    add_person("Already", "Here")
    path = tmp_path / "three.vcf"
    _cards(path, 3)
    window = make_window()
    wizard = window.open_import([str(path)])
    wizard.start_import()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    assert wizard.show_button.isVisibleTo(wizard)
    qtbot.mouseClick(wizard.show_button, Qt.MouseButton.LeftButton)
    assert window.import_bar.isVisible()
    names = [window.people_model.person(r).name for r in range(window.people_model.rowCount())]
    assert sorted(names) == [f"Person {i:05d} Exemple" for i in range(3)]
    qtbot.waitUntil(lambda: any(k.startswith("import:") for k in window.sidebar.keys()))
    qtbot.mouseClick(window.undo_import_button, Qt.MouseButton.LeftButton)
    window.context.workers.join(cancel=False)  # taken back on a worker
    assert Contact.select().count() == 1
    assert window.people_model.rowCount() == 1
    assert not window.import_bar.isVisible()


def test_the_wizard_lists_one_row_per_kind_of_problem(make_window, qtbot):
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "data" / "vcard" / "many-problems.vcf"
    window = make_window()
    wizard = window.open_import([str(fixture)])
    wizard.start_import()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30_000)
    tree = wizard.rejected_tree
    rows = [
        tuple(tree.topLevelItem(i).text(c) for c in range(4))
        for i in range(tree.topLevelItemCount())
    ]
    report = wizard.reports[0]
    reasons = {p.line: p.reason for p in report.skipped_lines}
    stray, birthday = reasons[4], reasons[19]
    assert rows == [
        ("many-problems.vcf", "4, 5, 10, 11, 12, …", stray, "7"),
        ("many-problems.vcf", "19", birthday, "1"),
        ("many-problems.vcf", "21", report.rejected[0].reason, "1"),
    ]
    assert len(report.skipped_lines) == 8  # the report itself keeps every line
