"""Issue 17: a Japanese contact's reading finds them in the People list as it is
typed (kana or romaji), sorts them there, and is shown on their page."""

from __future__ import annotations

from pathlib import Path

from entregent.model.tables import Contact
from entregent.services.imports.dispatch import import_file
from entregent.ui.people_model import COL_NAME

FIXTURE = Path(__file__).parents[1] / "data" / "vcard" / "phonetic.vcf"


def _names(model) -> list[str]:
    return [model.data(model.index(row, COL_NAME)) for row in range(model.rowCount())]


def test_people_list_sorts_and_finds_by_reading_and_the_page_shows_it(make_window, qtbot):
    import_file(FIXTURE)
    window = make_window()
    assert _names(window.people_model) == [
        "Siobhan Kelly",
        "王小明",
        "佐藤 花子",
        "鈴木 一郎",
        "高橋 美紀",
        "健 田中",
        "山田 太郎",
    ]
    qtbot.keyClicks(window.search_edit, "yamada")  # typed key by key
    qtbot.waitUntil(lambda: _names(window.people_model) == ["山田 太郎"])
    for typed in ("はなこ", "ｻﾄｳ"):  # what an input method commits at once
        window.search_edit.setText(typed)
        qtbot.waitUntil(lambda: _names(window.people_model) == ["佐藤 花子"])
    window.search_edit.setText("ヤマダ")
    qtbot.waitUntil(lambda: _names(window.people_model) == ["山田 太郎"])
    yamada = Contact.get(Contact.family_name == "山田").id
    window.show_person(yamada)
    pane = window.detail_pane
    qtbot.waitUntil(lambda: pane.contact_id == yamada)
    assert pane.reading_label.text() == "やまだ たろう"
    assert pane.reading_label.isVisible()
    assert pane.edits["phonetic_family"].text() == "やまだ"
    assert pane.edits["phonetic_org"].text() == "とうしば"
    kelly = Contact.get(Contact.family_name == "Kelly").id
    window.show_person(kelly)
    qtbot.waitUntil(lambda: pane.contact_id == kelly)
    assert pane.reading_label.text() == "Shivawn"
    dupont = Contact.create(given_name="Anne", family_name="Dupont", display_name="Anne Dupont")
    window.show_person(dupont.id)
    qtbot.waitUntil(lambda: pane.contact_id == dupont.id)
    assert not pane.reading_label.isVisible()
