"""Ways to make a database refuse writes, for the robustness tests: a full disk
(``PRAGMA max_page_count`` on the app's connection) and a read-only file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from entregent.model.database import database


def contents_digest(path: Path) -> str:
    """A digest of every row of every table (not of the bytes: WAL moves those)."""
    conn = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE '%fts%' ORDER BY name"
            )
        ]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


@contextlib.contextmanager
def disk_full(headroom_pages: int = 0):
    """The open database may not grow past its current size (plus ``headroom_pages``)."""
    db = database.obj
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages + headroom_pages}")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA max_page_count = 4294967294")


def _writable(path: Path) -> bool:
    try:
        with path.open("r+b"):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def read_only_file(path: Path):
    """``path`` made read-only: by its mode, or for root (who ignores modes) immutable."""
    with _read_only(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH, _writable):
        yield path


def _can_create_in(folder: Path) -> bool:
    probe = folder / ".write-probe"
    try:
        probe.touch()
    except OSError:
        return False
    probe.unlink()
    return True


@contextlib.contextmanager
def read_only_folder(folder: Path):
    """Nothing can be created in ``folder``: by its mode, or for root immutable."""
    mode = stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP
    with _read_only(folder, mode, _can_create_in):
        yield folder


@contextlib.contextmanager
def _read_only(path: Path, mode: int, writable):
    """``path`` given ``mode``; where ``writable(path)`` still holds (root), made
    immutable with chattr; the test is skipped where neither works."""
    before = path.stat().st_mode
    path.chmod(mode)
    immutable = False
    try:
        if writable(path):
            result = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
            immutable = result.returncode == 0
            if not immutable or writable(path):
                pytest.skip(f"cannot make {path.name} read-only here (root without chattr)")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        os.chmod(path, before)
