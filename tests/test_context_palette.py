"""The context palette: distinct hues, handed out so that none repeats too soon."""

from __future__ import annotations

import shutil
import sqlite3
from itertools import combinations

from entregent.model.tables import Context
from entregent.palette import (
    BUILTIN_COLOURS,
    PALETTE,
    delta_e,
    delta_e_lab,
    next_colour,
)
from entregent.services.people.contexts import create_context, recolour_context
from entregent.services.storage.session import close_session, open_session

from .conftest import FIXTURES


def test_ciede2000_matches_published_pairs():
    # Pairs 1, 17 and 19 of Sharma, Wu and Dalal's CIEDE2000 test data.
    assert round(delta_e_lab((50, 2.6772, -79.7751), (50, 0, -82.7485)), 4) == 2.0425
    assert round(delta_e_lab((50, 2.5, 0), (73, 25, -18)), 4) == 27.1492
    assert round(delta_e_lab((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387)), 4) == (
        1.2644
    )
    assert delta_e("#0072b2", "#0072b2") == 0


def test_palette_has_twelve_or_more_hues_far_apart():
    assert len(PALETTE) >= 12 and len(set(PALETTE)) == len(PALETTE)
    assert min(delta_e(a, b) for a, b in combinations(PALETTE, 2)) > 16


def test_next_colour_takes_a_free_hue_then_the_least_used():
    vermilion, orange, bluish_green = "#d55e00", "#e69f00", "#009e73"
    assert next_colour([]) == vermilion
    assert next_colour([vermilion, bluish_green]) == orange
    # Near a used hue counts as used.
    assert next_colour(["#d65f01"]) == orange
    assert next_colour(list(PALETTE)) == vermilion
    assert next_colour(list(PALETTE) + [vermilion]) == orange


def test_new_contexts_never_share_a_hue_until_the_palette_is_used_up(db):
    ids = [create_context(f"group {n}") for n in range(len(PALETTE) - len(BUILTIN_COLOURS))]
    colours = [c.colour for c in Context.select().order_by(Context.id)]
    assert len(colours) == len(PALETTE)
    assert sorted(colours) == sorted(PALETTE)
    # The user's own choice is kept as written (lower case).
    recolour_context(ids[0], "#ABCDEF")
    assert Context.get_by_id(ids[0]).colour == "#abcdef"
    assert create_context("chosen", colour="#123456") and (
        Context.get(Context.name == "chosen").colour == "#123456"
    )


def test_schema_6_recolours_what_the_app_had_given_and_keeps_the_users_choice(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema_v5.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.executescript(
        "UPDATE context SET colour = '#ff00ff' WHERE name = 'work';"
        "INSERT INTO context (name, kind, colour, priority, builtin, created_at) VALUES"
        " ('Vernier', 'other', '#888888', 0, 0, '2025-01-01'),"
        " ('Déjeuners', 'other', '#888888', 0, 0, '2025-01-02'),"
        " ('Mine', 'other', '#00ff00', 0, 0, '2025-01-03');"
    )
    conn.commit()
    conn.close()
    open_session(path, apply_language=False)
    try:
        got = {c.name: c.colour for c in Context.select()}
    finally:
        close_session()
    assert got["family"] == BUILTIN_COLOURS["family"] == "#d55e00"
    assert got["neighbourhood"] == BUILTIN_COLOURS["neighbourhood"] == "#8c564b"
    assert got["work"] == "#ff00ff" and got["Mine"] == "#00ff00"
    # The two greys: the first free hues after the built-ins' (work's blue is free
    # now that work is magenta-ish, so the first grey takes it).
    assert got["Vernier"] == "#0072b2"
    assert got["Déjeuners"] == "#56b4e9"  # sky blue, the first hue no built-in has
    assert len(set(got.values())) == len(got)
