"""The one settings registry: every key with its type, default and label.

Values live in the ``setting`` table as JSON. ``get_setting`` falls back to the
declared default; ``set_setting`` checks the type. Labels are marked for
translation with ``N_`` and translated where they are shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from entregent.i18n import N_


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
    from entregent.model.tables import Setting

    row = Setting.get_or_none(Setting.key == key)
    value = spec.default if row is None else json.loads(row.value)
    _cache[key] = value
    return value


def set_setting(key: str, value: Any) -> None:
    from entregent.model.tables import Setting

    spec = SETTINGS[key]
    if spec.type is float and isinstance(value, int):
        value = float(value)
    if not isinstance(value, spec.type):
        raise TypeError(f"setting {key} takes {spec.type.__name__}, not {type(value).__name__}")
    if spec.choices and value not in spec.choices:
        raise ValueError(f"setting {key} takes one of {', '.join(spec.choices)}")
    Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
    _cache[key] = value
