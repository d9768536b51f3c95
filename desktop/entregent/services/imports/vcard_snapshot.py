"""What a contact looks like to an import: its fields, ways to reach it, contexts.

An import records the snapshot it left (and, for an update, the one before) in
``import_change``; undoing it compares the contact's current snapshot with the
one it left, so that a contact changed since is left alone.
"""

from __future__ import annotations

import base64
import hashlib
import json

from entregent.model.card_fields import CARD_FIELDS
from entregent.model.database import database

__all__: list[str] = []  # helpers for the import services, no use case here

FIELDS = CARD_FIELDS  # the contact columns a card fills (model.card_fields)
_COMPARED = FIELDS + ("photo", "methods", "contexts", "events", "notes", "positions")
# what a snapshot from before schema 13/14 lacks: there was none
_EMPTY_BEFORE = ("events", "notes", "positions")


def photo_digest(data: bytes | None) -> str | None:
    return hashlib.sha1(data).hexdigest() if data else None


def snapshot(contact_id: int, *, with_photo: bool = False) -> dict | None:
    """The contact as stored now (None if it is gone)."""
    row = database.execute_sql(
        f"SELECT {', '.join(FIELDS)}, photo FROM contact WHERE id = ?", (contact_id,)
    ).fetchone()
    if row is None:
        return None
    data = dict(zip(FIELDS, row[:-1], strict=True))
    photo = bytes(row[-1]) if row[-1] is not None else None
    data["photo"] = photo_digest(photo)
    if with_photo:
        data["photo_data"] = base64.b64encode(photo).decode() if photo else None
    data["methods"] = [
        list(r)
        for r in database.execute_sql(
            "SELECT kind, label, value, normalized, pref, position FROM contact_method "
            "WHERE contact_id = ? ORDER BY position, id",
            (contact_id,),
        )
    ]
    data["events"] = [
        list(r)
        for r in database.execute_sql(
            "SELECT date, label FROM contact_event WHERE contact_id = ? ORDER BY position, id",
            (contact_id,),
        )
    ]
    data["notes"] = [
        r[0]
        for r in database.execute_sql(
            "SELECT text FROM contact_note WHERE contact_id = ? ORDER BY position, id",
            (contact_id,),
        )
    ]
    data["positions"] = [
        [org, json.loads(units), title, role]
        for org, units, title, role in database.execute_sql(
            "SELECT org, units, title, role FROM contact_position WHERE contact_id = ? "
            "ORDER BY position, id",
            (contact_id,),
        )
    ]
    data["contexts"] = sorted(
        r[0]
        for r in database.execute_sql(
            "SELECT context_id FROM contact_context WHERE contact_id = ?", (contact_id,)
        )
    )
    data["activity"] = database.execute_sql(
        "SELECT (SELECT count(*) FROM participant WHERE contact_id = ?) + "
        "(SELECT count(*) FROM follow_up WHERE contact_id = ?) + "
        "(SELECT count(*) FROM membership WHERE contact_id = ?)",
        (contact_id, contact_id, contact_id),
    ).fetchone()[0]
    return data


def snapshot_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def same_state(current: dict | None, recorded: dict, *, with_activity: bool) -> bool:
    if current is None:
        return False
    keys = _COMPARED + (("activity",) if with_activity else ())
    return all(current.get(k) == recorded.get(k, [] if k in _EMPTY_BEFORE else None) for k in keys)
