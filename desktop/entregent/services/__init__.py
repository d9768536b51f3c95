"""Use cases as functions: the one API that both the CLI and the GUI call.

Each submodule groups the use cases of one area (``search``, ``contexts``,
``imports`` …) and lists them in ``__all__``. They are also reachable here by
name (``services.search_contacts``), loaded on first use so that start-up only
pays for what it calls. Services own transactions and validation; they raise
``entregent.errors.UserError`` for what the user should read. No Qt here.
"""

from __future__ import annotations

import importlib
import pkgutil


def __getattr__(name: str):
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
