"""A follow-up edited on the phone: its new day, time and note come back here.

Each follow-up item keeps, in its ``sync_item.local_seen``, the fields both
sides agreed on at the last sync (the day and time it is due, the note). When
the server's copy changed, its fields are compared with that base field by
field: a field changed only on the phone comes here, a field changed only here
stays ours, and a field changed on both sides to different values is settled
by the account's policy (keep-local: ours; keep-remote: the phone's; ask and
merge: the later edit), listed in the report's ``resolved``. When the result
is the phone's copy, only the sync state moves; otherwise our item, written
afresh, goes over the phone's (If-Match its ETag).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from entregent.io.ics_followup_item import read_followup_item
from entregent.io.ics_writer import clean_text
from entregent.model.database import database
from entregent.model.tables import Contact, FollowUp, SyncItem
from entregent.services.exports.ics_export import followup_items, note_from_description
from entregent.services.relations.followups import edit_followup_note, reschedule_followup
from entregent.sync.hashing import item_hash

__all__ = [
    "Edit",
    "Fields",
    "open_fields",
    "person_name",
    "remember_fields",
    "same_as_theirs",
    "take_phone_edit",
]


@dataclass(frozen=True)
class Fields:
    """What of a follow-up the phone can change: when it is due, and its note."""

    due_on: dt.date
    due_time: dt.time | None
    note: str

    @property
    def when(self) -> tuple[dt.date, dt.time | None]:
        return self.due_on, self.due_time

    def as_text(self) -> str:
        time = self.due_time.strftime("%H:%M:%S") if self.due_time else None
        return json.dumps({"due_on": self.due_on.isoformat(), "due_time": time, "note": self.note})

    @classmethod
    def from_text(cls, text: str) -> Fields | None:
        try:
            values = json.loads(text)
            time = values["due_time"]
            return cls(
                dt.date.fromisoformat(values["due_on"]),
                dt.time.fromisoformat(time) if time else None,
                values["note"],
            )
        except (ValueError, KeyError, TypeError):
            return None  # state written before this base was kept


def _of(follow_up: FollowUp) -> Fields:
    time = follow_up.due_time.replace(microsecond=0) if follow_up.due_time else None
    return Fields(follow_up.due_on, time, clean_text(follow_up.note))


def open_fields() -> dict[str, Fields]:
    """Each open follow-up's fields by UID (one query)."""
    query = FollowUp.select().where(FollowUp.done_at.is_null() & FollowUp.deleted_at.is_null())
    return {follow_up.uid: _of(follow_up) for follow_up in query}


def person_name(uid: str) -> str:
    """The name of the person the follow-up ``uid`` is with."""
    row = (
        Contact.select(Contact.display_name)
        .join(FollowUp)
        .where(FollowUp.uid == uid)
        .tuples()
        .first()
    )
    return row[0] if row else ""


def remember_fields(row: SyncItem, fields: Fields) -> None:
    """The fields both sides hold now: the base of the next comparison."""
    row.local_seen = fields.as_text()
    database.execute_sql(
        "UPDATE sync_item SET local_seen = ? WHERE id = ?", (row.local_seen, row.id)
    )


@dataclass
class Edit:
    """One follow-up item the phone changed, and what comes of it."""

    row: SyncItem
    etag: str
    text: str
    merged: Fields | None = None
    clashed: list[str] | None = None  # fields changed on both sides
    kept: str = ""  # "local" or "remote", for a clash


def _settle(here, theirs, base, clash_winner: str):
    """One field: (its value after the sync, whether both sides changed it)."""
    if here == theirs:
        return here, False
    if base is not None and theirs == base:
        return here, False
    if base is not None and here == base:
        return theirs, False
    return (here if clash_winner == "local" else theirs), True


def _clash_winner(policy: str, follow_up: FollowUp, modified: dt.datetime | None) -> str:
    if policy in ("keep-local", "keep-remote"):
        return policy.removeprefix("keep-")
    if modified is not None and follow_up.updated_at is not None:
        return "local" if follow_up.updated_at > modified else "remote"
    return "remote"


def _merge(
    edit: Edit, follow_up: FollowUp, theirs: Fields, modified, policy: str, as_: str
) -> None:
    here = _of(follow_up)
    base = Fields.from_text(edit.row.local_seen)
    if base is None and item_hash(_ours(follow_up.uid, as_)) == edit.row.local_hash:
        base = here  # unchanged here since it was sent: every difference is the phone's
    edit.kept = _clash_winner(policy, follow_up, modified)
    when, when_clash = _settle(here.when, theirs.when, base.when if base else None, edit.kept)
    note, note_clash = _settle(here.note, theirs.note, base.note if base else None, edit.kept)
    edit.merged = Fields(when[0], when[1], note)
    edit.clashed = [name for name, hit in (("due", when_clash), ("note", note_clash)) if hit]


def _ours(uid: str, as_: str) -> str:
    return followup_items(as_, uids={uid}).get(uid, "")


def take_phone_edit(edit: Edit, as_: str, policy: str) -> tuple[Fields, str] | None:
    """Bring the phone's changes of one follow-up here. Returns the fields now
    held here and our item written afresh, or None when the phone's text holds
    no readable follow-up (ours is then sent over it as it is)."""
    follow_up = FollowUp.get_or_none(FollowUp.uid == edit.row.uid)
    item = read_followup_item(edit.text, edit.row.uid)
    if follow_up is None or item is None:
        return None
    theirs = Fields(item.due_on, item.due_time, note_from_description(item.description))
    here = _of(follow_up)
    _merge(edit, follow_up, theirs, item.modified, policy, as_)
    merged = edit.merged
    assert merged is not None
    if merged.when != here.when:
        reschedule_followup(follow_up.id, merged.due_on, due_time=merged.due_time)
    if merged.note != here.note:
        edit_followup_note(follow_up.id, merged.note)
    return merged, _ours(edit.row.uid, as_)


def same_as_theirs(edit: Edit) -> bool:
    """The phone's copy already holds every field as it is now here."""
    item = read_followup_item(edit.text, edit.row.uid)
    if item is None or edit.merged is None:
        return False
    theirs = Fields(item.due_on, item.due_time, note_from_description(item.description))
    return theirs == edit.merged
