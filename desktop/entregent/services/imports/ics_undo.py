"""What a calendar import did to the interactions, kept so that it can be undone.

A calendar import (``services.imports.ics_import``) records, in ``import_change``
(with no contact; the interaction's id is in the JSON):

- ``event-created``: an interaction it added, as it left it (row and people);
- ``event-updated``: one it changed, as it was before and as it left it;
- ``event-removed``: one it took away (gone from the calendar), whole;
- ``event-adopted``: one it took over from another calendar file, with the old origin;

and, for a person it created with ``--create-contacts``, a ``created`` change
whose snapshot is taken when the import ends.

``undo_calendar_import`` takes those back in one go: the interactions it added
go, those it changed get their old values and people back, those it removed come
back; then the people it created go, if nothing but that import ever touched
them. An interaction edited by hand since (or changed by a later import) and a
person changed since are left alone and listed with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Protocol

from entregent.i18n import _
from entregent.model.database import database
from entregent.services.imports.vcard_snapshot import same_state, snapshot, snapshot_json

__all__: list[str] = []  # helpers for the import services, no use case here

# What an undo compares and writes back: every column an import sets.
COMPARED = ("occurred_at", "tz", "all_day", "kind", "register", "summary", "location", "note")
_CHUNK = 400


class UndoReport(Protocol):
    batch_id: int
    removed: int
    interactions_removed: int
    interactions_restored: int
    left_alone: list[tuple[int, str, str]]
    interactions_left_alone: list[tuple[int, str, str]]


def _columns() -> list[str]:
    return [row[1] for row in database.execute_sql("PRAGMA table_info(interaction)")]


def _rows(ids: list[int]) -> dict[int, dict]:
    """The interactions ``ids`` as stored (every column, values as SQLite holds them),
    each with the sorted ids of its people under ``"people"``."""
    columns = _columns()
    found: dict[int, dict] = {}
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(part))
        for row in database.execute_sql(
            f"SELECT {', '.join(columns)} FROM interaction WHERE id IN ({marks})", part
        ):
            data = dict(zip(columns, row, strict=True))
            data["people"] = []
            found[data["id"]] = data
        for interaction_id, contact_id in database.execute_sql(
            f"SELECT interaction_id, contact_id FROM participant WHERE interaction_id IN ({marks})"
            " ORDER BY contact_id",
            part,
        ):
            found[interaction_id]["people"].append(contact_id)
    return found


def rows_before(ids: Iterable[int]) -> dict[int, dict]:
    """The interactions as they are now: call before changing or removing them."""
    return _rows(sorted(set(ids)))


def record(batch_id: int | None, action: str, before: dict[int, dict], after_ids=()) -> None:
    """One ``import_change`` per interaction: ``before`` as read by ``rows_before``,
    and the state the import left for ``after_ids`` (read now)."""
    if batch_id is None:
        return
    after = _rows(sorted(set(after_ids))) if after_ids else {}
    keys = sorted(set(before) | set(after))
    database.cursor().executemany(
        "INSERT INTO import_change (batch_id, contact_id, action, before, after) "
        "VALUES (?, NULL, ?, ?, ?)",
        [
            (
                batch_id,
                action,
                _dumps(before.get(key)),
                _dumps(after.get(key)),
            )
            for key in keys
        ],
    )


def record_adopted(batch_id: int | None, ids: list[int]) -> None:
    """Before ``ids`` are taken over from another calendar file: their origins."""
    if batch_id is None or not ids:
        return
    record(batch_id, "event-adopted", rows_before(ids))


def finish_created_people(batch_id: int | None) -> None:
    """The snapshot of each person the import created, as the import leaves them."""
    if batch_id is None:
        return
    changes = database.execute_sql(
        "SELECT id, contact_id FROM import_change WHERE batch_id = ? AND action = 'created' "
        "AND after IS NULL",
        (batch_id,),
    ).fetchall()
    for change_id, contact_id in changes:
        state = snapshot(contact_id)
        if state is not None:
            database.execute_sql(
                "UPDATE import_change SET after = ? WHERE id = ?",
                (snapshot_json(state), change_id),
            )


def kept_no_record(batch_id: int, counts: str | None) -> bool:
    """Whether a calendar import changed interactions but recorded none of it (made
    before imports kept what they did): it cannot be taken back."""
    try:
        data = json.loads(counts or "{}")
    except ValueError:
        data = {}
    changed = sum(int(data.get(k, 0) or 0) for k in ("new", "updated", "removed"))
    recorded = database.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM import_change WHERE batch_id = ?)", (batch_id,)
    ).fetchone()[0]
    return bool(changed) and not recorded


def _dumps(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _same(current: dict | None, recorded: dict | None) -> bool:
    if current is None or recorded is None:
        return False
    return all(current.get(k) == recorded.get(k) for k in (*COMPARED, "people", "edited"))


def _label(state: dict) -> str:
    """ "Walk (20 Nov 2026)": the event as the reader knows it."""
    from entregent.i18n_dates import format_day

    summary = state.get("summary") or _("(no title)")
    try:
        day = dt.date.fromisoformat(str(state.get("occurred_at", ""))[:10])
    except ValueError:
        return summary
    return f"{summary} ({format_day(day)})"


def undo_calendar_import(result: UndoReport) -> None:
    """Take back what calendar import ``result.batch_id`` did (see the module's text).
    Runs inside the caller's transaction."""
    changes = database.execute_sql(
        "SELECT action, contact_id, before, after FROM import_change WHERE batch_id = ? "
        "ORDER BY id DESC",
        (result.batch_id,),
    ).fetchall()
    events = [(a, _loads(b), _loads(c)) for a, _c, b, c in changes if a.startswith("event-")]
    ids = [state["id"] for _a, before, after in events for state in (before, after) if state]
    current = _rows(sorted(set(ids)))
    for action, before, after in events:
        if action == "event-created" and after is not None:
            _undo_created(result, current.get(after["id"]), after)
        elif action == "event-updated" and before is not None:
            _undo_updated(result, current.get(before["id"]), before, after)
        elif action == "event-removed" and before is not None:
            _undo_removed(result, before)
        elif action == "event-adopted" and before is not None:
            database.execute_sql(
                "UPDATE interaction SET origin = ? WHERE id = ?", (before["origin"], before["id"])
            )
    for action, contact_id, _before, after in changes:
        if action == "created" and contact_id is not None:
            _undo_created_person(result, contact_id, _loads(after))


def _loads(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)


def _undo_created(result: UndoReport, current: dict | None, after: dict) -> None:
    if current is None:
        return  # deleted since: nothing to take back
    if not _same(current, after):
        result.interactions_left_alone.append(
            (after["id"], _label(current), _("changed since the import"))
        )
        return
    _delete(after["id"])
    result.interactions_removed += 1


def _delete(interaction_id: int) -> None:
    # Participants first, so that the recency triggers see them go.
    database.execute_sql("DELETE FROM participant WHERE interaction_id = ?", (interaction_id,))
    database.execute_sql("DELETE FROM interaction WHERE id = ?", (interaction_id,))


def _undo_updated(
    result: UndoReport, current: dict | None, before: dict, after: dict | None
) -> None:
    if current is None:
        return
    if not _same(current, after):
        result.interactions_left_alone.append(
            (before["id"], _label(current), _("changed since the import"))
        )
        return
    columns = (*COMPARED, "origin", "updated_at")
    database.execute_sql(
        f"UPDATE interaction SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
        (*(before[c] for c in columns), before["id"]),
    )
    _set_people(before["id"], current["people"], before["people"])
    result.interactions_restored += 1


def _set_people(interaction_id: int, now: list[int], wanted: list[int]) -> None:
    for contact_id in set(now) - set(wanted):
        database.execute_sql(
            "DELETE FROM participant WHERE interaction_id = ? AND contact_id = ?",
            (interaction_id, contact_id),
        )
    for contact_id in sorted(set(wanted) - set(now)):
        database.execute_sql(
            "INSERT INTO participant (interaction_id, contact_id) SELECT ?, id FROM contact "
            "WHERE id = ?",
            (interaction_id, contact_id),
        )


def _undo_removed(result: UndoReport, before: dict) -> None:
    key = before.get("external_key")
    taken = database.execute_sql(
        "SELECT id FROM interaction WHERE id = ? OR (external_key IS NOT NULL AND "
        "external_key = ?)",
        (before["id"], key),
    ).fetchone()
    if taken is not None:  # brought back by a later import, or its number reused
        result.interactions_left_alone.append(
            (before["id"], _label(before), _("the calendar brought it back since"))
        )
        return
    columns = [c for c in _columns() if c in before]
    database.execute_sql(
        f"INSERT INTO interaction ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [before[c] for c in columns],
    )
    _set_people(before["id"], [], before["people"])
    result.interactions_restored += 1


def _undo_created_person(result: UndoReport, contact_id: int, after: dict | None) -> None:
    current = snapshot(contact_id)
    if current is None:
        return
    if after is None or not same_state(current, after, with_activity=False):
        result.left_alone.append(
            (contact_id, current["display_name"], _("changed since the import"))
        )
        return
    if current["activity"]:
        result.left_alone.append(
            (
                contact_id,
                current["display_name"],
                _("has interactions or follow-ups the import did not bring"),
            )
        )
        return
    database.execute_sql("DELETE FROM contact WHERE id = ?", (contact_id,))
    result.removed += 1
