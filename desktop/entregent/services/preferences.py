"""Preferences whose change reaches beyond the setting itself.

``set_sort_order`` rewrites every stored sort key (lists order and page in SQL
by ``contact.sort_key``); ``set_language_preference`` stores the language that
the next start applies (``services.session.open_session``).
"""

from __future__ import annotations

from entregent.errors import UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.settings import SETTINGS, get_setting, set_setting
from entregent.model.text_folding import sort_key

__all__ = ["set_sort_order", "sort_order", "set_language_preference", "language_preference"]


def sort_order() -> str:
    """"family" or "given": how people are sorted."""
    return get_setting("sort_by")


def set_sort_order(order: str) -> int:
    """Sort people by family ("family") or given ("given") name from now on.

    Every contact's key is recomputed in the same transaction as the setting,
    so a list never mixes the two orders. Returns the number of people re-keyed.
    """
    if order not in SETTINGS["sort_by"].choices:
        raise UserError(_("People sort by family or given name, not “{order}”.")
                        .format(order=order))
    connection = database.connection()
    connection.create_function("entregent_sort_key", 4, sort_key, deterministic=True)
    with database.atomic():
        set_setting("sort_by", order)
        cursor = database.execute_sql(
            "UPDATE contact SET sort_key = "
            "entregent_sort_key(given_name, family_name, display_name, ?)", (order,))
    return cursor.rowcount


def language_preference() -> str:
    """"system", "en" or "fr": the language the app starts in."""
    return get_setting("language")


def set_language_preference(language: str) -> None:
    """Store the language for the next start ("system" follows the computer's)."""
    if language not in SETTINGS["language"].choices:
        raise UserError(_("The language is system, en or fr, not “{language}”.")
                        .format(language=language))
    set_setting("language", language)
