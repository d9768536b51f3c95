"""Changing a context's colour from the sidebar (undoable), with the palette's hues
offered first in the colour dialog."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QWidget

from entregent.i18n import _
from entregent.palette import PALETTE


def choose_colour(parent: QWidget | None, current: str, title: str) -> str | None:
    """Ask for a colour, the palette's hues as the dialog's custom colours."""
    for index, colour in enumerate(PALETTE[: QColorDialog.customCount()]):
        QColorDialog.setCustomColor(index, QColor(colour))
    chosen = QColorDialog.getColor(QColor(current), parent, title)
    return chosen.name() if chosen.isValid() else None


def change_context_colour(window, context_id: int, chooser=choose_colour) -> bool:
    """Let the user pick a new colour for a context; True if it changed."""
    from entregent.services.people.contexts import context_label, find_context, recolour_context

    context = find_context(context_id)
    label = context_label(context.name, context.builtin)
    before = context.colour
    colour = chooser(window, before, _("Colour of “{name}”").format(name=label))
    if not colour or colour.lower() == before.lower():
        return False
    window.context.act(
        window,
        _("Change the colour of “{name}”").format(name=label),
        lambda: recolour_context(context_id, colour),
        lambda _result: recolour_context(context_id, before),
    )
    return True
