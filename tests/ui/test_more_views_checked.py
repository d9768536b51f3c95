"""The checks of ``test_layout_checks`` and ``test_accessible_descriptions`` on
the views and dialogs they did not reach: the Network view (at the minimum size
and at 1920×1080), the import wizard, the duplicates review, the backups and
the follow-ups export dialogs, in English and in French: no text cut without
its tooltip, no overlapping siblings, a name and a description on every control."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from .test_accessible_descriptions import (
    _unnamed,
    language,  # noqa: F401 (EN and FR)
)
from .test_layout_checks import SIZES, _cut_texts, _network, _overlaps


@pytest.mark.parametrize("size", list(SIZES))
def test_the_network_view_cuts_no_text_and_overlaps_nothing(size, language, make_window, qtbot):  # noqa: F811
    _network()
    window = make_window()
    window.resize(*SIZES[size])
    window.sidebar.select("network")
    qtbot.waitUntil(lambda: window.network_view is not None and bool(window.network_view.nodes))
    QApplication.processEvents()
    assert _cut_texts(window) == []
    assert _overlaps(window) == []


def _more_dialogs(window) -> dict:
    from entregent.ui import person_actions

    made = {"import": window.open_import([]), "duplicates": window.open_duplicates()}
    person_actions.open_backups(window, back_up=False)
    made["backups"] = window.dialogs[-1]
    person_actions.export_followups(window)
    made["export follow-ups"] = window.dialogs[-1]
    return made


def test_the_other_dialogs_are_checked_too(language, make_window, qtbot):  # noqa: F811
    _network()
    window = make_window()
    problems = {}
    for name, dialog in _more_dialogs(window).items():
        qtbot.waitExposed(dialog)
        for size in (dialog.minimumSizeHint(), dialog.size()):
            dialog.resize(size.expandedTo(dialog.minimumSize()))
            QApplication.processEvents()
            found = _cut_texts(dialog) + _overlaps(dialog) + _unnamed(dialog)[0]
            if found:
                problems[(name, size.width())] = found
        dialog.close()
    assert problems == {}
