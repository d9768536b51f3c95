"""Past imports, and taking one back.

Every import is an ``import_batch`` with its counts; each person it created or
updated has an ``import_change`` holding the state the import left (and, for an
update, the state before). ``undo_import`` removes the people the batch created
and restores those it updated, but only where nothing has changed since: a
person edited, tagged, merged, or with interactions logged after the import is
left alone, and the result says who and why.

A calendar import is taken back by ``ics_undo.undo_calendar_import``: the
interactions it added go, those it changed or removed come back as they were,
and the people it created (``--create-contacts``) go if nothing else touched them.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from entregent.errors import Cancelled, NotFound, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import ImportBatch, utcnow
from entregent.model.text_folding import sort_key
from entregent.services.imports.vcard_snapshot import FIELDS, same_state, snapshot
from entregent.services.settings import get_setting

__all__ = ["ImportSummary", "UndoResult", "list_imports", "undo_import"]


@dataclass
class ImportSummary:
    id: int
    path: str
    kind: str
    started_at: str
    finished_at: str | None
    new: int
    updated: int
    unchanged: int
    rejected: int
    undone_at: str | None

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "kind": self.kind,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "undone_at": self.undone_at,
        }


@dataclass
class UndoResult:
    batch_id: int
    removed: int = 0  # people
    restored: int = 0  # people
    left_alone: list[tuple[int, str, str]] = field(default_factory=list)  # id, name, why
    kind: str = "vcard"
    interactions_removed: int = 0
    interactions_restored: int = 0
    # id, "summary (date)", why
    interactions_left_alone: list[tuple[int, str, str]] = field(default_factory=list)

    def as_json(self) -> dict:
        data = {
            "batch_id": self.batch_id,
            "removed": self.removed,
            "restored": self.restored,
            "left_alone": [{"id": i, "name": n, "reason": r} for i, n, r in self.left_alone],
        }
        if self.kind == "ics":
            data["interactions_removed"] = self.interactions_removed
            data["interactions_restored"] = self.interactions_restored
            data["interactions_left_alone"] = [
                {"id": i, "event": e, "reason": r} for i, e, r in self.interactions_left_alone
            ]
        return data


def _text(value) -> str | None:
    return None if value is None else str(value)


def list_imports() -> list[ImportSummary]:
    """Every import, newest first."""
    result = []
    for batch in ImportBatch.select().order_by(ImportBatch.id.desc()):
        try:
            counts = json.loads(batch.counts or "{}")
        except ValueError:
            counts = {}
        rejected = counts.get("rejected", [])
        result.append(
            ImportSummary(
                batch.id,
                batch.path,
                batch.kind,
                _text(batch.started_at),
                _text(batch.finished_at),
                int(counts.get("new", 0)),
                int(counts.get("updated", 0)),
                int(counts.get("unchanged", 0)),
                len(rejected) if isinstance(rejected, list) else int(rejected),
                _text(batch.undone_at),
            )
        )
    return result


def _name(contact_id: int) -> str:
    row = database.execute_sql(
        "SELECT display_name FROM contact WHERE id = ?", (contact_id,)
    ).fetchone()
    return row[0] if row else ""


def undo_import(
    batch_id: int,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> UndoResult:
    """Take back an import: see the module's text. One transaction.

    ``progress(done, total)`` follows the people taken back (seconds for 10,000);
    ``cancelled()`` stops with ``entregent.errors.Cancelled``, nothing changed."""
    batch = ImportBatch.get_or_none(ImportBatch.id == int(batch_id))
    if batch is None:
        raise NotFound(_("There is no import number {id}.").format(id=batch_id))
    if batch.undone_at is not None:
        raise UserError(_("Import {id} was already undone.").format(id=batch_id))
    result = UndoResult(batch.id, kind=batch.kind)
    if batch.kind == "ics":
        from entregent.services.imports.ics_undo import kept_no_record, undo_calendar_import

        if kept_no_record(batch.id, batch.counts):
            raise UserError(
                _(
                    "Import {id} was made by an older version of Entregent, which kept no "
                    "record of the events it brought; nothing was changed."
                ).format(id=batch_id)
            )

        with database.atomic():
            undo_calendar_import(result)
            batch.undone_at = utcnow()
            batch.save()
        return result
    with database.atomic():
        changes = database.execute_sql(
            "SELECT contact_id, action, before, after FROM import_change WHERE batch_id = ? "
            "ORDER BY id DESC",
            (batch.id,),
        ).fetchall()
        for done, (contact_id, action, before, after) in enumerate(changes):
            if done % 200 == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled()
                if progress is not None:
                    progress(done, len(changes))
            if contact_id is None:
                continue
            if action == "created":
                _undo_created(result, contact_id, after)
            elif action == "updated":
                _undo_updated(result, contact_id, before, after)
        _drop_contexts(batch)
        database.execute_sql(
            "DELETE FROM source_card WHERE batch_id = ? AND contact_id IS NULL", (batch.id,)
        )
        batch.undone_at = utcnow()
        batch.save()
    return result


def _undo_created(result: UndoResult, contact_id: int, after: str | None) -> None:
    current = snapshot(contact_id)
    if current is None:
        return
    if after is None:  # created by an importer that keeps no state: only if untouched
        result.left_alone.append(
            (contact_id, current["display_name"], _("no record of what the import wrote"))
        )
        return
    if not same_state(current, json.loads(after), with_activity=True):
        result.left_alone.append(
            (contact_id, current["display_name"], _("changed since the import"))
        )
        return
    database.execute_sql("DELETE FROM contact WHERE id = ?", (contact_id,))
    result.removed += 1


def _undo_updated(
    result: UndoResult, contact_id: int, before: str | None, after: str | None
) -> None:
    current = snapshot(contact_id)
    if current is None or before is None or after is None:
        return
    if not same_state(current, json.loads(after), with_activity=False):
        result.left_alone.append(
            (contact_id, current["display_name"], _("changed since the import"))
        )
        return
    state = json.loads(before)
    # a snapshot taken before schema 10 has no readings: they were empty
    values = {
        name: state.get(name, "" if name.startswith("phonetic_") else None) for name in FIELDS
    }
    photo = state.get("photo_data")
    values["photo"] = base64.b64decode(photo) if photo else None
    values["sort_key"] = sort_key(
        values["given_name"] or "",
        values["family_name"] or "",
        values["display_name"] or "",
        get_setting("sort_by"),
        values["phonetic_given"] or "",
        values["phonetic_family"] or "",
    )
    columns = ", ".join(f"{name} = ?" for name in values)
    database.execute_sql(
        f"UPDATE contact SET {columns} WHERE id = ?", (*values.values(), contact_id)
    )
    database.execute_sql("DELETE FROM contact_method WHERE contact_id = ?", (contact_id,))
    database.obj.connection().executemany(
        "INSERT INTO contact_method (contact_id, kind, label, value, normalized, pref, position)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(contact_id, *m) for m in state.get("methods", [])],
    )
    database.execute_sql("DELETE FROM contact_event WHERE contact_id = ?", (contact_id,))
    database.obj.connection().executemany(
        "INSERT INTO contact_event (contact_id, date, label, position) VALUES (?, ?, ?, ?)",
        [(contact_id, date, label, i) for i, (date, label) in enumerate(state.get("events", []))],
    )
    database.execute_sql("DELETE FROM contact_note WHERE contact_id = ?", (contact_id,))
    database.obj.connection().executemany(
        "INSERT INTO contact_note (contact_id, text, position) VALUES (?, ?, ?)",
        [(contact_id, text, i) for i, text in enumerate(state.get("notes", []), 1)],
    )
    database.execute_sql("DELETE FROM contact_position WHERE contact_id = ?", (contact_id,))
    database.obj.connection().executemany(
        "INSERT INTO contact_position (contact_id, org, units, title, role, position) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (contact_id, org, json.dumps(units, ensure_ascii=False), title, role, i)
            for i, (org, units, title, role) in enumerate(state.get("positions", []))
        ],
    )
    wanted = set(state.get("contexts", []))
    linked = database.execute_sql(
        "SELECT context_id FROM contact_context WHERE contact_id = ?", (contact_id,)
    ).fetchall()
    for (context_id,) in linked:
        if context_id not in wanted:
            database.execute_sql(
                "DELETE FROM contact_context WHERE contact_id = ? AND context_id = ?",
                (contact_id, context_id),
            )
    database.execute_sql(
        "DELETE FROM source_card WHERE contact_id = ? AND batch_id = ?",
        (contact_id, result.batch_id),
    )
    result.restored += 1


def _drop_contexts(batch: ImportBatch) -> None:
    """Contexts the import created and that nobody is in any more."""
    try:
        created = json.loads(batch.counts or "{}").get("created_contexts", [])
    except ValueError:
        created = []
    for context_id in created:
        database.execute_sql(
            "DELETE FROM context WHERE id = ? AND builtin = 0 AND NOT EXISTS "
            "(SELECT 1 FROM contact_context WHERE context_id = ?) AND NOT EXISTS "
            "(SELECT 1 FROM organization WHERE context_id = ?)",
            (context_id, context_id, context_id),
        )
