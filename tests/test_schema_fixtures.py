"""Every schema version so far has a fixture database, and each upgrades with its data."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest

from entregent.model.migrations import CURRENT_VERSION
from entregent.model.tables import (
    Ask,
    Contact,
    ContactMethod,
    FollowUp,
    ImportBatch,
    ImportChange,
    Interaction,
    Membership,
    Relation,
    SourceCard,
    TieDismissal,
)
from entregent.services.people.search import search_contacts
from entregent.services.settings import get_setting
from entregent.services.storage.backup import list_backups
from entregent.services.storage.session import close_session, open_session

from .conftest import FIXTURES

VERSIONS = list(range(1, CURRENT_VERSION + 1))


def test_every_schema_version_has_its_fixture():
    for version in VERSIONS:
        path = FIXTURES / f"schema_v{version}.sqlite3"
        assert path.exists(), (
            f"no fixture for schema {version}: add DATA[{version}] to "
            "tests/fixtures/make_schema_fixtures.py and run it"
        )
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        conn.close()


@pytest.mark.parametrize("version", VERSIONS)
def test_fixture_upgrades_with_its_data(version, tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / f"schema_v{version}.sqlite3", path)
    open_session(path, apply_language=False)
    try:
        helene = Contact.get(Contact.uid == "uid-helene")
        assert helene.display_name == "Hélène Dupont" and helene.birthday == "1980-04-12"
        assert helene.sort_key.startswith("dupont")
        assert helene.last_interaction_at == dt.datetime(2025, 5, 10, 12)
        marc = Contact.get(Contact.uid == "uid-marc")
        assert marc.birthday == "--06-01" and marc.next_followup_on == dt.date(2025, 7, 1)
        assert {m.normalized for m in ContactMethod.select()} >= {
            "helene@example.fr",
            "+33612345678",
            "+31201234567",
        }
        assert Ask.get().outcome == "helped"
        assert Membership.get().role == "captain"
        assert FollowUp.get(FollowUp.uid == "uid-fu-1").sequence == 1
        assert [h.name for h in search_contacts("helene")] == ["Hélène Dupont"]
        if version >= 2:
            zoe = Contact.get(Contact.uid == "uid-zoe")
            assert zoe.archived and zoe.note == "Line one\nline two; with, commas"
            assert zoe.last_interaction_at == dt.datetime(2025, 6, 5, 10)
            card = SourceCard.get(SourceCard.contact == zoe)
            assert card.text.endswith("X-CUSTOM:kept as is\nEND:VCARD")
            assert ImportBatch.get().kind == "vcard" and ImportChange.get().action == "created"
            lunch = Interaction.get(Interaction.source == "calendar")
            assert lunch.external_key == "ev-1@example.org|20250605T120000"
            done = FollowUp.get(FollowUp.uid == "uid-fu-2")
            assert done.done_at == dt.datetime(2025, 6, 21, 9) and done.exported_sequence == 2
            assert get_setting("phone_region") == "FR"
        if version >= 7:
            sister = Relation.get(Relation.kind == "sibling")
            assert (sister.contact.uid, sister.other.uid, sister.label) == (
                "uid-zoe",
                "uid-helene",
                "sister",
            )
            paul = Relation.get(Relation.kind == "knows")
            assert (paul.other, paul.other_text, paul.since) == (None, "Paul Roux", "2024-09-01")
            dismissed = TieDismissal.get()
            assert (dismissed.low.uid, dismissed.high.uid) == ("uid-helene", "uid-marc")
    finally:
        close_session()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    if version < CURRENT_VERSION:
        assert (tmp_path / f"old.sqlite3.bak-v{version}").exists()
        assert [b.reason for b in list_backups(path)] == ["migration"]
