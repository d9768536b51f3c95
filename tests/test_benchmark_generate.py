"""The benchmark generator builds what the app itself would have written.

It loads rows with the triggers and indexes set aside, then rebuilds what they
keep; these tests check the result against the app's own definitions, on a
small database (the benchmarks measure the big one).
"""

from __future__ import annotations

import sqlite3

import pytest

from benchmarks.generate import HEAVY_INTERACTIONS, HEAVY_UID, generate
from entregent.model.migrations import CURRENT_VERSION
from entregent.model.steps.v002_sort_and_recency import RECOMPUTE_LAST, RECOMPUTE_NEXT
from entregent.model.text_folding import sort_key


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "bench.sqlite3"
    made = generate(path, contacts=300, interactions=3000, followups=80, seed=3)
    conn = sqlite3.connect(path)
    yield made, conn
    conn.close()


def _schema(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    return set(
        conn.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE type IN ('index', 'trigger', 'table', 'view')"
        )
    )


def test_same_schema_as_a_database_the_app_builds(generated, template_db):
    _made, conn = generated
    fresh = sqlite3.connect(template_db)
    try:
        assert _schema(conn) == _schema(fresh)
    finally:
        fresh.close()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_counts_and_the_busy_person(generated):
    made, conn = generated
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == made.contacts == 300
    assert conn.execute("SELECT count(*) FROM interaction").fetchone()[0] == 3000
    assert conn.execute("SELECT count(*) FROM participant").fetchone()[0] == made.participants
    assert conn.execute("SELECT count(*) FROM follow_up").fetchone()[0] == 80
    heavy = conn.execute("SELECT id FROM contact WHERE uid = ?", (HEAVY_UID,)).fetchone()[0]
    assert heavy == made.heavy_id
    assert conn.execute(
        "SELECT count(*) FROM participant WHERE contact_id = ?", (heavy,)
    ).fetchone()[0] == min(HEAVY_INTERACTIONS, 3000)
    assert (
        conn.execute(
            "SELECT count(*) FROM contact_context cc JOIN context x ON x.id = cc.context_id "
            "WHERE cc.contact_id = ? AND x.name = 'family'",
            (heavy,),
        ).fetchone()[0]
        == 1
    )
    several = conn.execute(
        "SELECT count(*) FROM (SELECT interaction_id FROM participant "
        "GROUP BY interaction_id HAVING count(*) > 1)"
    ).fetchone()[0]
    assert several > 0
    asks = conn.execute(
        "SELECT count(*) FROM ask a JOIN interaction i "
        "ON i.id = a.interaction_id AND i.register = 'ask'"
    ).fetchone()[0]
    assert (
        asks
        == conn.execute("SELECT count(*) FROM interaction WHERE register = 'ask'").fetchone()[0]
        > 0
    )
    photos = conn.execute("SELECT count(*) FROM contact WHERE photo IS NOT NULL").fetchone()[0]
    assert 10 <= photos <= 60
    first, last = conn.execute(
        "SELECT min(occurred_at), max(occurred_at) FROM interaction"
    ).fetchone()
    assert int(last[:4]) - int(first[:4]) >= 4


def test_derived_columns_match_what_the_triggers_keep(generated):
    _made, conn = generated
    stored = conn.execute(
        "SELECT id, last_interaction_at, next_followup_on FROM contact"
    ).fetchall()
    conn.execute("BEGIN")
    try:
        conn.execute(RECOMPUTE_LAST)
        conn.execute(RECOMPUTE_NEXT)
        recomputed = conn.execute(
            "SELECT id, last_interaction_at, next_followup_on FROM contact"
        ).fetchall()
    finally:
        conn.execute("ROLLBACK")
    assert stored == recomputed
    assert sum(1 for _id, last, _next in stored if last) > 250


def test_sort_keys_and_search_index(generated):
    _made, conn = generated
    for given, family, display, key in conn.execute(
        "SELECT given_name, family_name, display_name, sort_key FROM contact"
    ):
        assert key == sort_key(given, family, display)
    indexed = dict(
        conn.execute(
            "SELECT rowid, name || '|' || org || '|' || emails || '|' || "
            "phones || '|' || notes FROM contact_fts"
        )
    )
    source = dict(
        conn.execute(
            "SELECT id, name || '|' || org || '|' || emails || '|' || "
            "phones || '|' || notes FROM contact_fts_source"
        )
    )
    assert indexed == source
    names = [row[0] for row in conn.execute("SELECT display_name FROM contact")]
    assert sum(not name.isascii() for name in names) > len(names) // 3
    hits = conn.execute(
        "SELECT count(*) FROM contact_fts WHERE contact_fts MATCH 'helene*'"
    ).fetchone()[0]
    assert hits >= 1  # the busy person, Hélène, found without her accents
