"""What a screen reader says about a control beyond its name: descriptions
(``QWidget.accessibleDescription``) for the standard dialog buttons and the tabs,
so that every control carries one (``tests/ui/test_accessible_descriptions.py``)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QTabWidget, QWidget

from entregent.i18n import N_, _

_B = QDialogButtonBox.StandardButton
_STANDARD = {
    _B.Ok: N_("Keep the changes and close"),
    _B.Save: N_("Save and close"),
    _B.Cancel: N_("Close without changing anything"),
    _B.Close: N_("Close this window"),
    _B.Apply: N_("Keep the changes"),
}


def describe(widget: QWidget, description: str) -> QWidget:
    """Set ``widget``'s accessible description; returns it (for chaining)."""
    widget.setAccessibleDescription(description)
    return widget


def describe_buttons(box: QDialogButtonBox) -> None:
    """Describe the standard buttons of ``box`` that have no description yet."""
    for button in box.buttons():
        text = _STANDARD.get(box.standardButton(button))
        if text and not button.accessibleDescription():
            button.setAccessibleDescription(_(text))


def describe_tabs(tabs: QTabWidget, descriptions: list[str]) -> None:
    """Each tab says what its page holds (its tooltip: what Qt's accessibility
    gives a screen reader as the tab's description)."""
    bar = tabs.tabBar()
    if not bar.accessibleName():
        bar.setAccessibleName(tabs.accessibleName())
    for index, description in enumerate(descriptions):
        bar.setTabToolTip(index, description)
