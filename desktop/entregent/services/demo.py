"""The demo network: a throw-away database built from ``seeds/`` with the same
import code users run."""

from __future__ import annotations

import tempfile
from pathlib import Path

from entregent.paths import seeds_dir

__all__ = ["fresh_demo_database", "build_demo_database"]


def build_demo_database(path: Path) -> Path:
    """Build the demo network into ``path`` (a new file) and return it."""
    from entregent.services.session import close_session, open_session

    open_session(path, apply_language=False)
    try:
        _load_seeds(seeds_dir())
    finally:
        close_session()
    return path


def _load_seeds(folder: Path) -> None:
    """Load every seed file through the importers that exist (grows with them)."""


def fresh_demo_database() -> Path:
    """A new demo database in a temporary folder (removed by the OS, never the user's)."""
    folder = Path(tempfile.mkdtemp(prefix="entregent-demo-"))
    return build_demo_database(folder / "demo.sqlite3")
