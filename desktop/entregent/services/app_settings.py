"""The settings registry as the settings dialog reads and writes it."""

from __future__ import annotations

from typing import Any

from entregent.errors import UserError
from entregent.i18n import _
from entregent.model.settings import SETTINGS, SettingSpec, get_setting, set_setting

__all__ = ["setting_spec", "read_setting", "write_setting"]


def setting_spec(key: str) -> SettingSpec:
    return SETTINGS[key]


def read_setting(key: str) -> Any:
    return get_setting(key)


def write_setting(key: str, value: Any) -> None:
    """Store a setting, turning a wrong type or choice into a sentence for the user."""
    if key == "sort_by":  # every stored sort key follows (services.preferences)
        from entregent.services.preferences import set_sort_order

        set_sort_order(value)
        return
    try:
        set_setting(key, value)
    except (TypeError, ValueError) as exc:
        raise UserError(
            _("“{label}” cannot take this value.").format(label=_(SETTINGS[key].label))
        ) from exc
