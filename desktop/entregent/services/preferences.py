"""Preferences whose change reaches beyond the setting itself.

``set_sort_order`` rewrites every stored sort key (lists order and page in SQL
by ``contact.sort_key``); ``set_language_preference`` stores the language that
the next start applies (``services.session.open_session``).
"""

from __future__ import annotations

from collections.abc import Callable

from entregent.errors import Cancelled, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.settings import SETTINGS, clear_cache, get_setting, set_setting
from entregent.model.text_folding import sort_key

__all__ = ["set_sort_order", "sort_order", "set_language_preference", "language_preference"]


def sort_order() -> str:
    """ "family" or "given": how people are sorted."""
    return get_setting("sort_by")


RESORT_BATCH = 2000


def set_sort_order(
    order: str,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Sort people by family ("family") or given ("given") name from now on.

    Every contact's key is recomputed in the same transaction as the setting,
    so a list never mixes the two orders. Returns the number of people re-keyed.
    That takes seconds on 100,000 people: ``progress(done, total)`` is called
    after each batch, and ``cancelled()`` (when it says so) stops the work with
    ``entregent.errors.Cancelled``, nothing changed.
    """
    if order not in SETTINGS["sort_by"].choices:
        raise UserError(
            _("People sort by family or given name, not “{order}”.").format(order=order)
        )
    connection = database.connection()
    connection.create_function("entregent_sort_key", 4, sort_key, deterministic=True)
    try:
        with database.atomic():
            total, last_id = database.execute_sql(
                "SELECT count(*), coalesce(max(id), 0) FROM contact"
            ).fetchone()
            done = 0
            for start in range(0, last_id, RESORT_BATCH):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                done += database.execute_sql(
                    "UPDATE contact SET sort_key = "
                    "entregent_sort_key(given_name, family_name, display_name, ?) "
                    "WHERE id > ? AND id <= ?",
                    (order, start, start + RESORT_BATCH),
                ).rowcount
                if progress is not None:
                    progress(done, total)
            set_setting("sort_by", order)
    except BaseException:
        clear_cache()  # the setting as stored (the transaction was rolled back)
        raise
    return done


def language_preference() -> str:
    """ "system", "en" or "fr": the language the app starts in."""
    return get_setting("language")


def set_language_preference(language: str) -> None:
    """Store the language for the next start ("system" follows the computer's)."""
    if language not in SETTINGS["language"].choices:
        raise UserError(
            _("The language is system, en or fr, not “{language}”.").format(language=language)
        )
    set_setting("language", language)
