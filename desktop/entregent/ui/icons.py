"""The app's SVG icons (resources/icons/), sharp at any DPI."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from entregent.paths import resources_dir


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon if it is missing)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


@cache
def app_icon() -> QIcon:
    """The application's own icon (the one the desktop entry names)."""
    from entregent import APP_ID

    hicolor = resources_dir() / "icons" / "hicolor"
    result = QIcon()
    for path in sorted(hicolor.glob(f"*/apps/{APP_ID}.*")):
        result.addFile(str(path))
    return result
