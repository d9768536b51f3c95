"""Opening databases: upgrades with a backup, refusals that leave the file alone."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3

import pytest

from entregent.errors import DatabaseRefused
from entregent.model.migrations import CURRENT_VERSION
from entregent.model.tables import Ask, Contact, ContactMethod, FollowUp, Membership
from entregent.services.people.search import search_contacts
from entregent.services.storage.session import close_session, open_session

from .conftest import FIXTURES


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def session_closer():
    yield
    close_session()


def test_version_1_database_upgrades_with_data_intact(tmp_path, session_closer):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema_v1.sqlite3", path)
    open_session(path, apply_language=False)
    helene = Contact.get(Contact.uid == "uid-helene")
    assert helene.display_name == "Hélène Dupont"
    assert helene.sort_key.startswith("dupont\x02helene")  # see text_folding.sort_key
    assert helene.last_interaction_at == dt.datetime(2025, 5, 10, 12)
    marc = Contact.get(Contact.uid == "uid-marc")
    assert marc.sort_key.startswith("berg\x02marc\x02van der")
    assert marc.next_followup_on == dt.date(2025, 7, 1)
    assert {m.normalized for m in ContactMethod.select()} == {
        "helene@example.fr",
        "+33612345678",
        "+31201234567",
    }
    assert Ask.get().outcome == "helped"
    assert Membership.get().role == "captain"
    assert FollowUp.get().uid == "uid-fu-1"
    assert [h.name for h in search_contacts("helene")] == ["Hélène Dupont"]
    close_session()
    backup = tmp_path / "old.sqlite3.bak-v1"
    assert backup.exists()
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 2
    conn.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    conn.close()


def test_newer_schema_is_refused_and_left_unchanged(tmp_path, session_closer):
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE something (x)")
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 5}")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseRefused, match="newer Entregent"):
        open_session(path)
    assert _digest(path) == before


def test_file_that_is_not_sqlite_is_refused_unchanged(tmp_path, session_closer):
    path = tmp_path / "notes.txt"
    path.write_text("my shopping list\n")
    with pytest.raises(DatabaseRefused, match="not SQLite"):
        open_session(path)
    assert path.read_text() == "my shopping list\n"


def test_corrupt_database_is_refused_unchanged(tmp_path, session_closer):
    path = tmp_path / "broken.sqlite3"
    shutil.copyfile(FIXTURES / "schema_v1.sqlite3", path)
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 97):  # damage every page but the header
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(DatabaseRefused, match="damaged"):
        open_session(path)
    assert _digest(path) == before


def test_missing_folder_is_created(tmp_path, session_closer):
    path = tmp_path / "deep" / "er" / "entregent.sqlite3"
    open_session(path, apply_language=False)
    assert path.exists()


def test_the_steps_are_counted_without_importing_them_and_loaded_in_order():
    """An up-to-date database (every start but the first after an update) needs
    no step module: they are imported only to create or upgrade a database."""
    import subprocess
    import sys

    from entregent.model.migrations import CURRENT_VERSION, STEP_NAMES, steps

    probe = (
        "import sys, entregent.model.migrations as m; "
        "print(m.CURRENT_VERSION, any('.model.steps.v' in k for k in sys.modules), "
        "'playhouse.migrate' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [str(CURRENT_VERSION), "False", "False"]
    modules = steps()
    assert [m.VERSION for m in modules] == list(range(1, CURRENT_VERSION + 1))
    assert [m.__name__.rsplit(".", 1)[1] for m in modules] == STEP_NAMES
