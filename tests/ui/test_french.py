"""Switched to French, the main window, the log dialog and the advisor's warnings
speak French, Qt's own buttons included, and no English text of ours is left."""

from __future__ import annotations

from functools import cache

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QTreeWidget,
    QWidget,
)

from entregent import i18n
from entregent.services.people.contexts import find_context, tag_contacts
from entregent.ui.translations import install_qt_translations

from ..conftest import REPO
from .conftest import add_person


@pytest.fixture
def french(db, qapp):
    """French for our texts and Qt's, after ``db`` has set English."""
    i18n.set_language("fr")
    install_qt_translations(qapp, "fr")
    yield
    i18n.set_language("en")
    install_qt_translations(qapp, "en")


@cache
def _english_with_french_translation() -> frozenset[str]:
    """Our English msgids whose French differs (a leftover of them is a bug)."""
    path = REPO / "resources" / "locale" / "fr" / "LC_MESSAGES" / "entregent.po"
    with path.open("rb") as po:
        catalogue = read_po(po)
    english = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and strings[0] and strings[0] != ids[0]:
            english.update(i for i in ids if "{" not in i)
    return frozenset(english)


def _texts(widget: QWidget) -> list[str]:
    """Every text a user can read in ``widget`` and its children."""
    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel):
            texts.append(child.text())
        elif isinstance(child, QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QTreeWidget):
            header = child.headerItem()
            texts += [header.text(i) for i in range(header.columnCount())]
            texts += _item_texts(child)
        elif isinstance(child, QTableView | QTreeView) and child.model() is not None:
            header = child.horizontalHeader() if isinstance(child, QTableView) else child.header()
            texts += [
                child.model().headerData(i, Qt.Orientation.Horizontal)
                for i in range(header.count())
            ]
        elif isinstance(child, QMenu):
            texts += [child.title()] + [a.text() for a in child.actions()]
        texts += [a.text() for a in QWidget.actions(child)]
        texts.append(child.toolTip())
    return [t for t in texts if isinstance(t, str) and t]


def _item_texts(tree: QTreeWidget) -> list[str]:
    texts, pending = [], [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while pending:
        item = pending.pop()
        texts += [item.text(c) for c in range(tree.columnCount())]
        texts += [item.toolTip(c) for c in range(tree.columnCount())]
        pending += [item.child(i) for i in range(item.childCount())]
    return texts


def _english_left(widget: QWidget) -> list[str]:
    english = _english_with_french_translation()
    return sorted({t for t in _texts(widget) if t in english})


def _menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_main_window_in_french(french, make_window, qtbot):
    from entregent.model.tables import ContactMethod

    zoe = add_person("Zoé", "Zola")
    ContactMethod.create(
        contact=zoe, kind="tel", label="cell", value="06 12 34 56 78", normalized="+33612345678"
    )
    window = make_window()
    assert "&Fichier" in _menu_titles(window)
    # the contexts come from a worker
    qtbot.waitUntil(lambda: any(k.startswith("context:") for k in window.sidebar.keys()))
    texts = _item_texts(window.sidebar)
    assert {"Accueil", "Tout le monde", "famille", "amis", "voisinage"} <= set(texts)
    assert "family" not in texts
    assert _english_left(window) == []
    for key in window.sidebar.keys():  # every section, one after the other
        assert window.sidebar.select(key)
        window.context.workers.join()
        QApplication.processEvents()
        assert _english_left(window) == [], key
    window.show_person(zoe)
    qtbot.waitUntil(lambda: "portable" in _texts(window.detail_pane))  # "cell" on the card
    assert _english_left(window) == []


def test_log_dialog_in_french(french, make_window):
    anne = add_person("Anne", "Martin")
    window = make_window()
    dialog = window.open_log(anne)
    assert dialog.windowTitle() == "Noter un échange"
    kinds = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert "café" in kinds and "coffee" not in kinds
    buttons = [b.text().replace("&", "") for b in dialog.findChildren(QAbstractButton)]
    assert "Annuler" in buttons and "Enregistrer" in buttons  # Qt's own, from qtbase_fr
    assert _english_left(dialog) == []
    dialog.reject()


def test_the_advisor_warns_in_french(french, make_window, qtbot):
    claire = add_person("Claire", "Durand")
    tag_contacts([claire], [find_context("family").id])
    window = make_window()
    dialog = window.open_ask(claire)
    assert dialog.windowTitle() == "Demander de l’aide à Claire Durand"
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    card = next(c for c in dialog.cards if c.warning.id == "close_tie")
    assert card.message_label.text() == "Claire Durand vous est proche : demandez avec égards."
    assert card.why_button.text() == "Pourquoi ?"
    assert dialog.alternative_buttons["ask_anyway"].text().replace("&", "") == "Demander quand même"
    assert _english_left(dialog) == []
    dialog.reject()


def test_people_list_dates_in_french(french, make_window, qtbot):
    import datetime as dt

    from entregent.model.tables import Contact
    from entregent.ui.people_model import COL_LAST

    from .conftest import row_of

    anne = add_person("Anne", "Martin")
    Contact.update(last_interaction_at=dt.datetime(2024, 5, 31, 12)).where(
        Contact.id == anne
    ).execute()
    window = make_window()
    window.sidebar.select("all")
    qtbot.waitUntil(lambda: window.people_model.rowCount() == 1)
    index = window.people_model.index(row_of(window, anne), COL_LAST)
    assert window.people_model.data(index) == "31 mai 2024"  # the medium form, never ambiguous


def test_import_duplicates_and_settings_dialogs_in_french(french, make_window):
    from entregent.ui.settings_dialog import SettingsDialog

    window = make_window()
    wizard = window.open_import([])
    assert wizard.windowTitle() and _english_left(wizard) == []
    wizard.reject()
    duplicates = window.open_duplicates()
    assert _english_left(duplicates) == []
    duplicates.reject()
    settings = SettingsDialog(window.context, window)
    texts = _texts(settings)
    assert "Langue (après redémarrage)" in texts and "Nom de famille" in texts
    assert _english_left(settings) == []
    settings.reject()
