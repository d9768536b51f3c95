"""Every setting in one place: the registry, reading and writing, and the
preferences whose change reaches beyond the setting itself.

The registry declares each key with its type, default and label (labels marked
for translation with ``N_``). Values live in the ``setting`` table as JSON;
``get_setting`` falls back to the declared default and ``set_setting`` checks
the type. ``write_setting`` is what the settings dialog calls: a wrong value
becomes a sentence for the user. ``set_sort_order`` rewrites every stored sort
key (lists order and page in SQL by ``contact.sort_key``);
``set_language_preference`` stores the language the next start applies.

Imports: ``model`` and ``i18n`` only. The ORM's ``Contact.save`` learns the
sort order from here (``register_sort_order_source``), so the model never
imports this module.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from entregent.errors import Cancelled, UserError
from entregent.i18n import N_, _
from entregent.model import tables
from entregent.model.database import database
from entregent.model.tables import Setting
from entregent.model.text_folding import sort_key

__all__ = [
    "SETTINGS",
    "SettingSpec",
    "get_setting",
    "set_setting",
    "clear_cache",
    "setting_spec",
    "read_setting",
    "write_setting",
    "set_sort_order",
    "sort_order",
    "set_language_preference",
    "language_preference",
]


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: type
    default: Any
    label: str
    choices: tuple = ()


_SPECS = (
    # People and language
    SettingSpec("language", str, "system", N_("Language"), ("system", "en", "fr")),
    SettingSpec("sort_by", str, "family", N_("Sort people by"), ("family", "given")),
    SettingSpec("phone_region", str, "", N_("Default phone region (e.g. FR, GB, US)")),
    SettingSpec("my_emails", list, [], N_("My e-mail addresses")),
    # Light or dark: "system" follows the computer's colour scheme.
    SettingSpec("theme", str, "system", N_("Appearance"), ("system", "light", "dark")),
    # Addresses the user said were not theirs when a calendar import asked.
    SettingSpec("not_my_emails", list, [], N_("Addresses that are not mine")),
    # Delicacy advisor thresholds (DESIGN.md)
    SettingSpec("balance_window_days", int, 365, N_("Reciprocity window (days)")),
    SettingSpec("recent_ask_days", int, 90, N_("An ask is recent for (days)")),
    SettingSpec("newcomer_days", int, 90, N_("A group is new for (days)")),
    SettingSpec(
        "informal_followup_days", int, 14, N_("Follow up an informal encounter within (days)")
    ),
    SettingSpec("stale_factor", float, 2.0, N_("A tie is stale after this many cadences")),
    SettingSpec("birthday_days", int, 14, N_("Show birthdays this many days ahead")),
    # Calendar
    SettingSpec(
        "calendar_import_days", int, 730, N_("Import calendar events from this many days ago")
    ),
    SettingSpec("auto_export_path", str, "", N_("Follow-ups calendar file, rewritten on change")),
    SettingSpec("auto_export_as", str, "event", N_("Export follow-ups as"), ("event", "todo")),
    # Limits on imported files
    SettingSpec("max_file_mb", int, 200, N_("Largest file to import (MB)")),
    SettingSpec("max_card_kb", int, 20480, N_("Largest single card (KB)")),
    SettingSpec("max_photo_mb", int, 10, N_("Largest photo in a card (MB)")),
    SettingSpec("max_properties_per_card", int, 5000, N_("Most properties in one card")),
)

SETTINGS: dict[str, SettingSpec] = {spec.key: spec for spec in _SPECS}

_cache: dict[str, Any] = {}


def clear_cache() -> None:
    _cache.clear()


def get_setting(key: str) -> Any:
    spec = SETTINGS[key]
    if key in _cache:
        return _cache[key]
    row = Setting.get_or_none(Setting.key == key)
    value = spec.default if row is None else json.loads(row.value)
    _cache[key] = value
    return value


def set_setting(key: str, value: Any) -> None:
    spec = SETTINGS[key]
    if spec.type is float and isinstance(value, int):
        value = float(value)
    if not isinstance(value, spec.type):
        raise TypeError(f"setting {key} takes {spec.type.__name__}, not {type(value).__name__}")
    if spec.choices and value not in spec.choices:
        raise ValueError(f"setting {key} takes one of {', '.join(spec.choices)}")
    Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
    _cache[key] = value


def setting_spec(key: str) -> SettingSpec:
    return SETTINGS[key]


def read_setting(key: str) -> Any:
    return get_setting(key)


def write_setting(key: str, value: Any) -> None:
    """Store a setting, turning a wrong type or choice into a sentence for the user."""
    if key == "sort_by":  # every stored sort key follows
        set_sort_order(value)
        return
    try:
        set_setting(key, value)
    except (TypeError, ValueError) as exc:
        raise UserError(
            _("“{label}” cannot take this value.").format(label=_(SETTINGS[key].label))
        ) from exc


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
    connection.create_function("entregent_sort_key", 6, sort_key, deterministic=True)
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
                    "entregent_sort_key(given_name, family_name, display_name, ?, "
                    "phonetic_given, phonetic_family) "
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


def _stored_sort_order() -> str:
    try:
        return get_setting("sort_by")
    except Exception:  # no database open yet, or one without the setting table
        return "family"


tables.register_sort_order_source(_stored_sort_order)
