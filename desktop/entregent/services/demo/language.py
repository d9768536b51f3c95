"""The demo network in the UI's language.

The seeds are written in English; ``seeds/journal.<language>.json`` gives each
English text of the journal (notes, follow-ups, how people met, roles) and of
the cards' notes in that language. ``put_in_language`` replaces them in a demo
copy, so the demo reads in the language of the UI; the cached template stays
English and serves every language. A text with no translation stays as it is.
"""

from __future__ import annotations

import json
from pathlib import Path

from entregent.model.database import database

__all__ = ["put_in_language"]

# The columns that hold the demo's own texts.
_COLUMNS = (
    ("interaction", "note"),
    ("follow_up", "note"),
    ("contact", "note"),
    ("contact", "how_met"),
    ("contact", "met_place"),
    ("organization", "my_role"),
    ("membership", "role"),
    ("relation", "note"),
)


def put_in_language(language: str, folder: Path) -> int:
    """Replace the demo's English texts by those of ``folder/journal.<language>.json``
    (nothing for English or a language without that file); how many were replaced."""
    path = Path(folder) / f"journal.{language}.json"
    if language == "en" or not path.is_file():
        return 0
    texts: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["texts"]
    changed = 0
    with database.atomic():
        for table, column in _COLUMNS:
            rows = database.execute_sql(
                f"SELECT id, {column} FROM {table} WHERE {column} != ''"
            ).fetchall()
            updates = [(texts[text], row_id) for row_id, text in rows if text in texts]
            database.cursor().executemany(f"UPDATE {table} SET {column} = ? WHERE id = ?", updates)
            changed += len(updates)
    return changed
