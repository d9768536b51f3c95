"""Follow-ups: a note to get back to someone on a given day.

Each follow-up keeps the same ``uid`` for life and a ``sequence`` that grows on
every change, so that calendars which received it (see calendar export) update
the event instead of adding a new one. Deleting only marks it (``deleted_at``)
so that the export can cancel it. Every create and change goes through
``_changed``: the one place to hook what must follow a change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from entregent.errors import NotFound, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import Contact, FollowUp, utcnow

__all__ = [
    "FollowUpView",
    "create_followup",
    "reschedule_followup",
    "edit_followup_note",
    "complete_followup",
    "reopen_followup",
    "delete_followup",
    "list_followups",
]


@dataclass
class FollowUpView:
    id: int
    contact_id: int
    contact_name: str
    due_on: dt.date
    due_time: dt.time | None
    note: str
    done_at: dt.datetime | None
    uid: str
    sequence: int

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "contact_id": self.contact_id,
            "contact": self.contact_name,
            "due_on": self.due_on.isoformat(),
            "due_time": self.due_time.strftime("%H:%M") if self.due_time else None,
            "note": self.note,
            "done": self.done_at is not None,
            "uid": self.uid,
            "sequence": self.sequence,
        }


def _changed(follow_up: FollowUp, *, created: bool = False) -> None:
    """Save a follow-up after any change: the sequence grows (not on creation)."""
    if not created:
        follow_up.sequence = (follow_up.sequence or 0) + 1
    follow_up.updated_at = utcnow()
    follow_up.save()
    for listener in _change_listeners:
        listener()  # e.g. the follow-ups calendar file named in the settings is rewritten


_change_listeners: list[Callable[[], None]] = []


def on_followups_changed(listener: Callable[[], None]) -> None:
    """Call ``listener()`` after each change to a follow-up. The calendar export
    registers its rewrite of the subscribed file here (``services.exports``
    sits above ``relations`` and is never imported by it)."""
    if listener not in _change_listeners:
        _change_listeners.append(listener)


def _get(follow_up_id: int) -> FollowUp:
    follow_up = FollowUp.get_or_none((FollowUp.id == follow_up_id) & FollowUp.deleted_at.is_null())
    if follow_up is None:
        raise NotFound(_("No follow-up with id {id}.").format(id=follow_up_id))
    return follow_up


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise UserError(_("“{value}” is not a date (YYYY-MM-DD).").format(value=value)) from exc


def create_followup(
    contact_id: int, due_on, *, due_time: dt.time | None = None, note: str = ""
) -> int:
    """A new follow-up with ``contact_id`` on ``due_on``; returns its id."""
    if Contact.get_or_none(Contact.id == contact_id) is None:
        raise NotFound(_("No person with id {id}.").format(id=contact_id))
    with database.atomic():
        follow_up = FollowUp(
            contact=contact_id, due_on=_as_date(due_on), due_time=due_time, note=note
        )
        _changed(follow_up, created=True)
    return follow_up.id


def reschedule_followup(follow_up_id: int, due_on, *, due_time: dt.time | None = None) -> None:
    with database.atomic():
        follow_up = _get(follow_up_id)
        follow_up.due_on = _as_date(due_on)
        follow_up.due_time = due_time
        _changed(follow_up)


def edit_followup_note(follow_up_id: int, note: str) -> None:
    with database.atomic():
        follow_up = _get(follow_up_id)
        follow_up.note = note
        _changed(follow_up)


def complete_followup(follow_up_id: int, *, at: dt.datetime | None = None) -> None:
    with database.atomic():
        follow_up = _get(follow_up_id)
        if follow_up.done_at is None:
            follow_up.done_at = at or utcnow()
            _changed(follow_up)


def reopen_followup(follow_up_id: int) -> None:
    with database.atomic():
        follow_up = _get(follow_up_id)
        if follow_up.done_at is not None:
            follow_up.done_at = None
            _changed(follow_up)


def delete_followup(follow_up_id: int) -> None:
    """Mark a follow-up deleted (kept so that the calendar export can cancel it)."""
    with database.atomic():
        follow_up = _get(follow_up_id)
        follow_up.deleted_at = utcnow()
        _changed(follow_up)


def list_followups(
    contact_id: int | None = None, *, include_done: bool = False, until: dt.date | None = None
) -> list[FollowUpView]:
    """Open follow-ups (and done ones if asked), soonest first."""
    query = (
        FollowUp.select(FollowUp, Contact.id, Contact.display_name)
        .join(Contact)
        .where(FollowUp.deleted_at.is_null())
    )
    if contact_id is not None:
        query = query.where(FollowUp.contact == contact_id)
    if not include_done:
        query = query.where(FollowUp.done_at.is_null())
    if until is not None:
        query = query.where(FollowUp.due_on <= until)
    query = query.order_by(FollowUp.due_on, FollowUp.due_time, FollowUp.id)
    return [
        FollowUpView(
            f.id,
            f.contact.id,
            f.contact.display_name,
            f.due_on,
            f.due_time,
            f.note,
            f.done_at,
            f.uid,
            f.sequence,
        )
        for f in query
    ]
