"""The folder the database lives in: created on the first start (parents too),
and checked to be writable before anything tries to lock or open the file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from entregent.error_words import os_reason
from entregent.errors import DatabaseRefused
from entregent.i18n import _

__all__ = ["ensure_data_folder"]


def ensure_data_folder(database: str | os.PathLike) -> Path:
    """Create the folder of ``database`` if missing and check that it can be written.

    Raises ``DatabaseRefused`` (exit 2) naming the folder when it cannot be
    created or written. Returns the database path, user home expanded."""
    path = Path(database).expanduser()
    if path.is_dir():
        raise DatabaseRefused(_("this is a folder, not a database file."), path=path)
    folder = path.parent.absolute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseRefused(
            _(
                "cannot create the folder {folder} ({reason}). Create it yourself, or choose "
                "another place with --db PATH."
            ).format(folder=folder, reason=os_reason(exc)),
            path=path,
        ) from exc
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".entregent-probe-"):
            pass
    except OSError as exc:
        raise DatabaseRefused(
            _(
                "the folder {folder} cannot be written ({reason}). Give yourself the right to "
                "write there, or choose another place with --db PATH."
            ).format(folder=folder, reason=os_reason(exc)),
            path=path,
        ) from exc
    return path
