"""An empty HOME, the way a new user starts: a temporary folder as HOME and
as every XDG folder, and the real ``entregent`` command run in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ENTREGENT = shutil.which("entregent", path=str(Path(sys.executable).parent)) or "entregent"


def fresh_env(home: Path, *, language: str = "C.UTF-8") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ENTREGENT_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        QT_QPA_PLATFORM="offscreen",
        LANG=language,
        LC_ALL=language,
        LANGUAGE="",
    )
    return env


def set_fresh_home(monkeypatch, home: Path) -> None:
    """The same empty HOME for code run inside the test process."""
    for key in list(os.environ):
        if key.startswith(("XDG_", "ENTREGENT_")):
            monkeypatch.delenv(key)
    for key, value in fresh_env(home).items():
        if key in ("HOME",) or key.startswith("XDG_"):
            monkeypatch.setenv(key, value)


def run(home: Path, *args: str, language: str = "C.UTF-8", stdin: str | None = None, timeout=120):
    """Run ``entregent ARGS`` in the empty ``home``; the finished process."""
    return subprocess.run(
        [ENTREGENT, *args],
        env=fresh_env(home, language=language),
        cwd=home,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=timeout,
    )


def data_file(home: Path) -> Path:
    return home / ".local" / "share" / "entregent" / "entregent.sqlite3"
