"""Opening checks a small database page by page, a large one by its schema and
small tables (model/database.py): either way a damaged file is refused unchanged."""

from __future__ import annotations

import hashlib

import pytest

from entregent.errors import DatabaseRefused
from entregent.model import database as database_module
from entregent.model.tables import Contact
from entregent.services.settings import set_setting
from entregent.services.storage.session import close_session, open_session


def _current(tmp_path):
    """A database at the current schema (no upgrade on opening), with a few rows."""
    path = tmp_path / "network.sqlite3"
    open_session(path, apply_language=False)
    set_setting("phone_region", "FR")
    for name in ("Hélène Dupont", "Marc Hébert"):
        Contact.create(display_name=name)
    close_session()
    return path


def _damaged_copy(tmp_path):
    path = _current(tmp_path)
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 97):  # every page but the header
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("limit", [database_module.FULL_CHECK_MAX_BYTES, 0])
def test_damaged_database_is_refused_whatever_its_size(tmp_path, monkeypatch, limit):
    monkeypatch.setattr(database_module, "FULL_CHECK_MAX_BYTES", limit)
    path = _damaged_copy(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        with pytest.raises(DatabaseRefused, match="damaged"):
            open_session(path, apply_language=False)
    finally:
        close_session()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_sound_large_database_opens_with_the_light_check(tmp_path, monkeypatch):
    monkeypatch.setattr(database_module, "FULL_CHECK_MAX_BYTES", 0)
    path = _current(tmp_path)
    try:
        open_session(path, apply_language=False)
        assert Contact.select().count() == 2
    finally:
        close_session()
