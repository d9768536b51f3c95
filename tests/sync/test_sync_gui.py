"""The Sync page and the conflict dialog, the real widgets against the real
Radicale: adding an account, a run on a worker (and a cancelled one), a
wrong password shown in a dialog, a conflict settled from the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .helpers import Phone, card, import_cards, person


def _open_page(window, qtbot):
    window.actions["sync"].trigger()
    dialog = next(d for d in window.dialogs if d.objectName() == "syncDialog")
    qtbot.waitExposed(dialog)
    return dialog.page


def _add(page, qtbot, dav_user, password: str) -> None:
    from entregent.ui.sync_page import AddAccountDialog

    dialog = AddAccountDialog(page.context, page)
    dialog.url_edit.setText(dav_user.url)
    dialog.user_edit.setText(dav_user.name)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.collections.count() == 2, timeout=10_000)
    assert [dialog.collections.item(i).text() for i in range(2)] == [
        f"Contacts (address book, {dav_user.book})",
        f"Calendar (calendar, {dav_user.calendar})",
    ]
    dialog.collections.item(1).setCheckState(Qt.CheckState.Unchecked)  # the book only
    dialog.accept()
    assert dialog.added == "home"
    page.refresh(select="home")


def _run(page, qtbot) -> None:
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.progress is not None and not page.sync_button.isEnabled()
    qtbot.waitUntil(lambda: page.progress is None, timeout=20_000)


def test_add_an_account_sync_and_settle_a_conflict(
    make_window, qtbot, db, dav_user, tmp_path, monkeypatch
):
    import_cards(tmp_path, card("ann", "Ann Archer", "NOTE:first"))
    Phone(dav_user).put("bob.vcf", card("bob", "Bob Baker"))
    monkeypatch.setenv("ENTREGENT_SYNC_PASSWORD", dav_user.password)
    window = make_window()
    page = _open_page(window, qtbot)
    assert page.details.text() == "No account yet: add one to sync with your server."
    _add(page, qtbot, dav_user, dav_user.password)
    assert page.accounts.item(0).text() == f"home — {dav_user.name} @ {dav_user.url}"
    assert f"Contacts ({dav_user.book})" in page.details.text()
    assert "Last sync: never" in page.details.text()

    _run(page, qtbot)
    assert window.context.last_error is None
    assert page.last_report.here.new == 1 and page.last_report.there.new == 1
    assert "here 1 new, 0 updated, 0 deleted; there 1 new, 0 updated, 0 deleted" in (
        page.details.text()
    )
    assert person("bob").display_name == "Bob Baker"

    phone = Phone(dav_user)
    text, etag = phone.get(dav_user.book + "ann.vcf")
    phone.put("ann.vcf", text.replace("NOTE:first", "NOTE:from the phone"), etag)
    ann = person("ann")
    ann.note = "from the laptop"
    ann.save()
    _run(page, qtbot)
    assert [c["uid"] for c in page.last_report.conflicts] == ["ann"]
    assert page.conflicts_button.isEnabled()
    assert "— 1 conflict to settle" in page.details.text()

    from entregent.ui.sync_page import ConflictDialog

    dialog = ConflictDialog("home", page)
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }
    assert rows == {"NOTE": ("from the laptop", "from the phone")}
    assert table.item(0, 1).font().bold()  # changed on both sides
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    assert dialog.people.item(0).text() == "Ann Archer (kept: the server's)"
    dialog.close()
    _run(page, qtbot)
    assert page.last_report.conflicts == []
    assert [r["kept"] for r in page.last_report.resolved] == ["remote"]
    assert person("ann").note == "from the phone"
    assert not page.conflicts_button.isEnabled()


def test_a_cancelled_run_changes_nothing_and_a_wrong_password_is_a_dialog(
    make_window,  # noqa: F811 - the fixture imported above
    qtbot,
    db,
    dav_user,
    tmp_path,
    monkeypatch,
):
    from entregent.model.tables import SyncItem
    from entregent.services.sync.accounts import add_account

    import_cards(tmp_path, card("ann", "Ann Archer"))
    add_account("home", dav_user.url, dav_user.name, dav_user.password, ["Contacts"])
    monkeypatch.setenv("ENTREGENT_SYNC_PASSWORD", dav_user.password)
    window = make_window()
    page = _open_page(window, qtbot)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    page.progress.canceled.emit()  # Cancel pressed at once: the run stops at its first step
    qtbot.waitUntil(lambda: page.progress is None, timeout=20_000)
    assert window.context.last_error is None  # a cancel is not an error
    assert page.last_report is None and SyncItem.select().count() == 0
    assert Phone(dav_user).hrefs() == {}
    assert page.sync_button.isEnabled()

    monkeypatch.setenv("ENTREGENT_SYNC_PASSWORD", "wrong")
    _run(page, qtbot)
    box = window.context.last_error
    assert box is not None and "refused the user name or password" in box.text()
    assert "home" in box.text()
    box.close()
