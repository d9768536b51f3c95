"""Two records of one person: listing possible duplicates, merging, and undoing a merge.

``merge_contacts(keep, other)`` moves everything of ``other`` to ``keep`` in one
transaction (ways to reach them, contexts, group memberships, interactions,
follow-ups, source cards, people they introduced), fills the fields ``keep``
lacks from ``other``, then removes ``other``. It returns a ``MergeRecord`` that
``unmerge`` uses to put ``other`` back exactly as it was (same id, same uid).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from entregent.errors import NotFound, UserError
from entregent.i18n import _
from entregent.model.card_fields import PERSON_FIELDS
from entregent.model.database import database
from entregent.model.tables import utcnow
from entregent.model.text_folding import sort_key
from entregent.services.settings import get_setting

__all__ = ["MergeRecord", "DuplicatePair", "merge_contacts", "unmerge", "duplicate_pairs"]

# Fields of the kept contact filled from the other one when empty.
_FILLED = (
    *PERSON_FIELDS,
    "photo",
    "photo_url",
    "tie_strength",
    "cadence_days",
    "how_met",
    "met_on",
    "met_place",
    "met_context_id",
    "introduced_by_id",
)
# Tables whose rows move wholesale; and those with a unique (contact, x) pair, where a
# row the kept contact already has is dropped (and put back by unmerge).
_MOVED = ("follow_up", "source_card", "contact_event", "contact_note", "contact_position")
_PAIRED = {
    "contact_context": "context_id",
    "membership": "organization_id",
    "participant": "interaction_id",
}
_RECOMPUTE_LAST = (
    "UPDATE contact SET last_interaction_at = (SELECT max(i.occurred_at) FROM interaction i "
    "JOIN participant p ON p.interaction_id = i.id WHERE p.contact_id = contact.id) "
    "WHERE id IN (?, ?)"
)


@dataclass
class MergeRecord:
    """Everything ``unmerge`` needs to give the merged person back."""

    keep_id: int
    other_id: int
    keep_name: str
    other_name: str
    other_row: dict  # every column of the removed contact (photo as base64)
    keep_before: dict  # the kept contact's fields that the merge filled, as they were
    moved: dict[str, list[int]] = field(default_factory=dict)  # table → row ids moved
    dropped: dict[str, list[dict]] = field(default_factory=dict)  # table → rows removed
    introduced: list[int] = field(default_factory=list)  # people introduced by "other"
    undone: bool = False

    def as_json(self) -> dict:
        return {
            "keep_id": self.keep_id,
            "other_id": self.other_id,
            "keep_name": self.keep_name,
            "other_name": self.other_name,
            "moved": {k: len(v) for k, v in self.moved.items()},
        }


@dataclass
class DuplicatePair:
    first_id: int
    first_name: str
    second_id: int
    second_name: str
    shared: list[str]

    def as_json(self) -> dict:
        return {
            "first_id": self.first_id,
            "first_name": self.first_name,
            "second_id": self.second_id,
            "second_name": self.second_name,
            "shared": self.shared,
        }


def _row(table: str, where: str, params: tuple) -> list[dict]:
    cursor = database.execute_sql(f"SELECT * FROM {table} WHERE {where}", params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _encode(row: dict) -> dict:
    return {
        k: (
            {"b64": base64.b64encode(bytes(v)).decode()} if isinstance(v, bytes | memoryview) else v
        )
        for k, v in row.items()
    }


def _decode(row: dict) -> dict:
    return {k: (base64.b64decode(v["b64"]) if isinstance(v, dict) else v) for k, v in row.items()}


def _insert(table: str, row: dict) -> None:
    columns = list(row)
    database.execute_sql(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        tuple(row[c] for c in columns),
    )


def _contact(contact_id: int) -> dict:
    rows = _row("contact", "id = ?", (contact_id,))
    if not rows:
        raise NotFound(_("There is nobody with id {id}.").format(id=contact_id))
    return rows[0]


def _resort(contact_id: int) -> None:
    given, family, display, phonetic_given, phonetic_family = database.execute_sql(
        "SELECT given_name, family_name, display_name, phonetic_given, phonetic_family "
        "FROM contact WHERE id = ?",
        (contact_id,),
    ).fetchone()
    key = sort_key(given, family, display, get_setting("sort_by"), phonetic_given, phonetic_family)
    database.execute_sql(
        "UPDATE contact SET sort_key = ?, updated_at = ? WHERE id = ?",
        (key, str(utcnow()), contact_id),
    )


def merge_contacts(keep_id: int, other_id: int) -> MergeRecord:
    """Merge ``other_id`` into ``keep_id`` (one transaction); undo with ``unmerge``."""
    keep_id, other_id = int(keep_id), int(other_id)
    if keep_id == other_id:
        raise UserError(_("A person cannot be merged with themselves."))
    from entregent.services.storage.backup import backup_before_merge

    backup_before_merge()  # a copy in the backups folder first (rotated)
    with database.atomic():
        keep, other = _contact(keep_id), _contact(other_id)
        record = MergeRecord(
            keep_id, other_id, keep["display_name"], other["display_name"], _encode(other), {}
        )
        filled = {}
        for name in _FILLED:
            if keep[name] in (None, "") and other[name] not in (None, ""):
                if name == "introduced_by_id" and other[name] == keep_id:
                    continue
                filled[name] = other[name]
        if not keep["display_name"] and other["display_name"]:
            filled["display_name"] = other["display_name"]
        if filled:
            record.keep_before = _encode({name: keep[name] for name in filled})
            columns = ", ".join(f"{name} = ?" for name in filled)
            database.execute_sql(
                f"UPDATE contact SET {columns} WHERE id = ?", (*filled.values(), keep_id)
            )
        _move_methods(record)
        for table, column in _PAIRED.items():
            mine = {
                r[0]
                for r in database.execute_sql(
                    f"SELECT {column} FROM {table} WHERE contact_id = ?", (keep_id,)
                )
            }
            for row in _row(table, "contact_id = ?", (other_id,)):
                if row[column] in mine:
                    record.dropped.setdefault(table, []).append(_encode(row))
                    database.execute_sql(f"DELETE FROM {table} WHERE id = ?", (row["id"],))
                else:
                    record.moved.setdefault(table, []).append(row["id"])
                    database.execute_sql(
                        f"UPDATE {table} SET contact_id = ? WHERE id = ?", (keep_id, row["id"])
                    )
        for table in _MOVED:
            ids = [
                r[0]
                for r in database.execute_sql(
                    f"SELECT id FROM {table} WHERE contact_id = ?", (other_id,)
                )
            ]
            record.moved[table] = ids
            database.execute_sql(
                f"UPDATE {table} SET contact_id = ? WHERE contact_id = ?", (keep_id, other_id)
            )
        record.dropped["import_change"] = [
            _encode(r) for r in _row("import_change", "contact_id = ?", (other_id,))
        ]
        record.introduced = [
            r[0]
            for r in database.execute_sql(
                "SELECT id FROM contact WHERE introduced_by_id = ? AND id != ?", (other_id, keep_id)
            )
        ]
        database.execute_sql(
            "UPDATE contact SET introduced_by_id = ? WHERE introduced_by_id = ? AND id != ?",
            (keep_id, other_id, keep_id),
        )
        database.execute_sql("DELETE FROM contact WHERE id = ?", (other_id,))
        _resort(keep_id)
        database.execute_sql(_RECOMPUTE_LAST, (keep_id, other_id))
    return record


def _move_methods(record: MergeRecord) -> None:
    keep_id, other_id = record.keep_id, record.other_id
    known = {
        (kind, normalized or value.strip().lower())
        for kind, value, normalized in database.execute_sql(
            "SELECT kind, value, normalized FROM contact_method WHERE contact_id = ?", (keep_id,)
        )
    }
    position = database.execute_sql(
        "SELECT coalesce(max(position), -1) + 1 FROM contact_method WHERE contact_id = ?",
        (keep_id,),
    ).fetchone()[0]
    for row in _row("contact_method", "contact_id = ? ORDER BY position, id", (other_id,)):
        key = (row["kind"], row["normalized"] or row["value"].strip().lower())
        if key in known:
            record.dropped.setdefault("contact_method", []).append(_encode(row))
            database.execute_sql("DELETE FROM contact_method WHERE id = ?", (row["id"],))
            continue
        known.add(key)
        record.moved.setdefault("contact_method", []).append(
            {"id": row["id"], "position": row["position"]}
        )
        database.execute_sql(
            "UPDATE contact_method SET contact_id = ?, position = ? WHERE id = ?",
            (keep_id, position, row["id"]),
        )
        position += 1


def unmerge(record: MergeRecord) -> None:
    """Give back the person ``merge_contacts`` merged, exactly as they were."""
    if record.undone:
        return
    with database.atomic():
        if (
            database.execute_sql("SELECT 1 FROM contact WHERE id = ?", (record.keep_id,)).fetchone()
            is None
        ):
            raise UserError(
                _("{name} is gone; the merge cannot be undone.").format(name=record.keep_name)
            )
        if (
            database.execute_sql(
                "SELECT 1 FROM contact WHERE id = ?", (record.other_id,)
            ).fetchone()
            is not None
        ):
            raise UserError(_("{name} is already back.").format(name=record.other_name))
        _insert("contact", _decode(record.other_row))
        other, keep = record.other_id, record.keep_id
        for entry in record.moved.get("contact_method", []):
            database.execute_sql(
                "UPDATE contact_method SET contact_id = ?, position = ? "
                "WHERE id = ? AND contact_id = ?",
                (other, entry["position"], entry["id"], keep),
            )
        for table in (*_PAIRED, *_MOVED):
            ids = record.moved.get(table, [])
            for start in range(0, len(ids), 400):
                chunk = ids[start : start + 400]
                database.execute_sql(
                    f"UPDATE {table} SET contact_id = ? WHERE contact_id = ? AND id IN "
                    f"({', '.join('?' * len(chunk))})",
                    (other, keep, *chunk),
                )
        for table, rows in record.dropped.items():
            for row in rows:
                _insert(table, _decode(row))
        if record.keep_before:
            before = _decode(record.keep_before)
            columns = ", ".join(f"{name} = ?" for name in before)
            database.execute_sql(
                f"UPDATE contact SET {columns} WHERE id = ?", (*before.values(), keep)
            )
        for contact_id in record.introduced:
            database.execute_sql(
                "UPDATE contact SET introduced_by_id = ? WHERE id = ? AND introduced_by_id = ?",
                (other, contact_id, keep),
            )
        _resort(keep)
        database.execute_sql(_RECOMPUTE_LAST, (keep, other))
        database.execute_sql(
            "UPDATE contact SET next_followup_on = (SELECT min(f.due_on) FROM follow_up f "
            "WHERE f.contact_id = contact.id AND f.done_at IS NULL AND f.deleted_at IS NULL) "
            "WHERE id IN (?, ?)",
            (keep, other),
        )
    record.undone = True


def duplicate_pairs(limit: int = 500) -> list[DuplicatePair]:
    """Pairs of (non-archived) people sharing a normalized phone or e-mail, oldest first."""
    rows = database.execute_sql(
        "SELECT a.contact_id, b.contact_id, a.normalized FROM contact_method a "
        "JOIN contact_method b ON b.kind = a.kind AND b.normalized = a.normalized "
        "AND b.contact_id > a.contact_id "
        "JOIN contact ca ON ca.id = a.contact_id AND ca.archived = 0 "
        "JOIN contact cb ON cb.id = b.contact_id AND cb.archived = 0 "
        "WHERE a.kind IN ('tel', 'email') AND a.normalized != '' "
        "ORDER BY a.contact_id, b.contact_id"
    ).fetchall()
    pairs: dict[tuple[int, int], list[str]] = {}
    for first, second, shared in rows:
        values = pairs.setdefault((first, second), [])
        if shared not in values:
            values.append(shared)
        if len(pairs) > limit:
            break
    ids = {i for pair in pairs for i in pair}
    names = {}
    for start in range(0, len(ids), 400):
        chunk = list(ids)[start : start + 400]
        names.update(
            database.execute_sql(
                f"SELECT id, display_name FROM contact WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
        )
    return [
        DuplicatePair(a, names.get(a, ""), b, names.get(b, ""), shared)
        for (a, b), shared in list(pairs.items())[:limit]
    ]
