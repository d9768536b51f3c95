"""Where the app's own files are: resources (translations, icons, desktop
metadata) and the demo seeds.

An installed app ships them as the packages ``entregent.resources`` and
``entregent.seeds``; a source checkout (editable install) has them at the top
of the repository; the PyInstaller bundle (packaging/) at
``<bundle>/entregent/resources`` and ``<bundle>/entregent/seeds``.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


def _package_dir(package: str, checkout_folder: str) -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle, *package.split("."))
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return _CHECKOUT_ROOT / checkout_folder


@cache
def resources_dir() -> Path:
    """The folder holding locale/, icons/ and the desktop metadata."""
    return _package_dir("entregent.resources", "resources")


@cache
def seeds_dir() -> Path:
    """The folder holding the demo network (vCards, calendars, journal)."""
    return _package_dir("entregent.seeds", "seeds")


def locale_dir() -> Path:
    return resources_dir() / "locale"
