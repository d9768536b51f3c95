"""Sending follow-ups out to the user's calendar app.

``export_followups`` writes every open follow-up (and, with ``include_done``,
the completed ones) to an iCalendar file, as events with a reminder or as
to-dos. A follow-up keeps its UID from one export to the next and carries the
SEQUENCE that grows on each change (services/followups.py), so a calendar app
updates what it already has. A follow-up that was sent out before and has
since been completed or deleted (which bumped its SEQUENCE) is written once
more, as a cancelled event or a completed to-do, so that it leaves the user's
calendar too; from the export after that one on, it is left out (with
``include_done``, completed ones stay in every export).

``auto_export`` rewrites the file named in the settings (``auto_export_path``,
as ``auto_export_as``) for apps that subscribe to a local file; the follow-up
use cases call it after every change.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from entregent.error_words import os_reason
from entregent.errors import Cancelled, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import Contact, ContactMethod, FollowUp
from entregent.services.relations.followups import on_followups_changed
from entregent.services.settings import get_setting

__all__ = [
    "followup_items",
    "note_from_description",
    "export_followups",
    "auto_export",
    "request_auto_export",
    "defer_auto_export",
]

_log = logging.getLogger(__name__)
_CHUNK = 400


def export_followups(
    path: str | os.PathLike,
    *,
    as_: str = "event",
    include_done: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the follow-ups to ``path`` (replaced atomically); return how many.

    ``progress(step, 3)`` follows the reading, the building and the writing;
    ``cancelled()``, asked before the file is written, stops with
    ``entregent.errors.Cancelled`` (the file and the follow-ups untouched)."""

    def step(done: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(done, 3)

    if as_ not in ("event", "todo"):
        raise UserError(
            _("follow-ups are exported as “event” or “todo”, not “{as_}”.").format(as_=as_)
        )
    from entregent.io.ics_writer import calendar_bytes, write_atomically  # icalendar: on use

    target = Path(path).expanduser()
    if target.is_dir():
        raise UserError(
            _("this is a folder; give the name of the calendar file to write."), path=target
        )
    with database.atomic():
        entries, ids = _entries(as_, include_done)
        step(1)
        data = calendar_bytes(entries, as_=as_, name=_("Follow-ups (Entregent)"))
        step(2)
        try:
            write_atomically(target, data)
        except OSError as exc:
            raise UserError(
                _("cannot write this file ({reason}).").format(reason=os_reason(exc)),
                path=target,
            ) from exc
        # What was sent, so that later changes are sent again as cancellations.
        for start in range(0, len(ids), _CHUNK):
            (
                FollowUp.update(exported_sequence=FollowUp.sequence)
                .where(
                    FollowUp.id.in_(ids[start : start + _CHUNK])
                    & (
                        FollowUp.exported_sequence.is_null()
                        | (FollowUp.exported_sequence != FollowUp.sequence)
                    )
                )
                .execute()
            )
    if progress is not None:
        progress(3, 3)
    return len(entries)


def followup_items(as_: str = "event", *, uids: set[str] | None = None) -> dict[str, str]:
    """Each open follow-up (of ``uids``, when given) as a calendar of its own
    (its UID -> the text), as the export writes it: one item of a CalDAV
    calendar each."""
    from entregent.io.ics_writer import OPEN, calendar_bytes

    entries, _ids = _entries(as_, include_done=False, uids=uids)
    name = _("Follow-ups (Entregent)")
    return {
        entry.uid: calendar_bytes([entry], as_=as_, name=name).decode("utf-8")
        for entry in entries
        if entry.status == OPEN
    }


_scheduler: Callable[[], None] | None = None


def defer_auto_export(scheduler: Callable[[], None] | None) -> None:
    """Have each change ask ``scheduler()`` for the rewrite instead of making it at
    once (the desktop app: on a worker, once changes pause — rewriting 10,000
    follow-ups takes seconds); None: at once again (the command line)."""
    global _scheduler
    _scheduler = scheduler


def deferred_to() -> Callable[[], None] | None:
    """The scheduler set by ``defer_auto_export`` (None: rewrites at once)."""
    return _scheduler


def request_auto_export() -> None:
    """A follow-up changed: the subscribed file is rewritten, now or when the
    scheduler set by ``defer_auto_export`` runs ``auto_export``."""
    if _scheduler is not None:
        _scheduler()
    else:
        auto_export()


on_followups_changed(request_auto_export)


def auto_export() -> Path | None:
    """Rewrite the subscribed follow-ups file when the settings name one.

    Returns the file written, or None when there is none or it could not be
    written (logged: a calendar file must never stop the change that caused it).
    """
    target = (get_setting("auto_export_path") or "").strip()
    if not target:
        return None
    try:
        export_followups(target, as_=get_setting("auto_export_as") or "event")
    except UserError as exc:
        _log.warning("follow-ups calendar not rewritten: %s", exc)
        return None
    return Path(target).expanduser()


def _entries(as_: str, include_done: bool, uids: set[str] | None = None) -> tuple[list, list[int]]:
    from entregent.io.ics_writer import DELETED, DONE, OPEN, FollowUpEntry

    rows = (
        FollowUp.select(
            FollowUp.id,
            FollowUp.uid,
            FollowUp.sequence,
            FollowUp.due_on,
            FollowUp.due_time,
            FollowUp.note,
            FollowUp.done_at,
            FollowUp.deleted_at,
            FollowUp.exported_sequence,
            FollowUp.created_at,
            FollowUp.updated_at,
            FollowUp.contact,
            Contact.display_name,
        )
        .join(Contact)
        .order_by(FollowUp.due_on, FollowUp.due_time, FollowUp.id)
        .tuples()
    )
    if uids is not None:
        rows = rows.where(FollowUp.uid.in_(sorted(uids)))
    picked = []
    for row in rows:
        (_id, _uid, sequence, _due, _time, _note, done_at, deleted_at, exported, *_rest) = row
        # Sent before, and its last change (the completion, the deletion) not yet.
        unsent_end = exported is not None and exported != (sequence or 0)
        if deleted_at is not None:
            if unsent_end:
                picked.append((row, DELETED))
        elif done_at is not None:
            if include_done or unsent_end:
                picked.append((row, DONE))
        else:
            picked.append((row, OPEN))
    reach = _reach({row[11] for row, _status in picked})
    entries, ids = [], []
    for row, status in picked:
        (
            follow_up_id,
            uid,
            sequence,
            due_on,
            due_time,
            note,
            done_at,
            _deleted,
            _exported,
            created_at,
            updated_at,
            contact_id,
            name,
        ) = row
        # Events: a done follow-up stays visible only when asked for; else it is
        # cancelled. To-dos: done and deleted ones are completed.
        cancelled = status == DELETED or (status == DONE and not include_done)
        entries.append(
            FollowUpEntry(
                uid=uid,
                sequence=sequence or 0,
                due_on=due_on,
                due_time=due_time,
                summary=_("Follow up: {name}").format(name=name or _("someone")),
                description=_description(note, *reach.get(contact_id, ("", ""))),
                status=status,
                cancelled=cancelled and as_ == "event",
                created=created_at,
                modified=updated_at or created_at,
                done_at=done_at,
            )
        )
        ids.append(follow_up_id)
    return entries, ids


def _reach(contact_ids: set[int]) -> dict[int, tuple[str, str]]:
    """Each contact's preferred phone and e-mail."""
    found: dict[int, dict[str, str]] = {}
    ids = sorted(contact_ids)
    for start in range(0, len(ids), _CHUNK):
        rows = (
            ContactMethod.select(ContactMethod.contact, ContactMethod.kind, ContactMethod.value)
            .where(
                ContactMethod.contact.in_(ids[start : start + _CHUNK])
                & ContactMethod.kind.in_(("tel", "email"))
            )
            # PREF=1 is the most preferred, 0 says nothing; then as written.
            .order_by(
                ContactMethod.contact,
                ContactMethod.pref == 0,
                ContactMethod.pref,
                ContactMethod.position,
                ContactMethod.id,
            )
            .tuples()
        )
        for contact_id, kind, value in rows:
            found.setdefault(contact_id, {}).setdefault(kind, value)
    return {c: (kinds.get("tel", ""), kinds.get("email", "")) for c, kinds in found.items()}


def _description(note: str, phone: str, email: str) -> str:
    lines = [note.strip()] if note and note.strip() else []
    reach = []
    if phone:
        reach.append(_("Phone: {phone}").format(phone=phone))
    if email:
        reach.append(_("E-mail: {email}").format(email=email))
    if reach:
        if lines:
            lines.append("")
        lines += reach
    return "\n".join(lines)


def note_from_description(description: str) -> str:
    """The follow-up's note in a description another client may have edited:
    the lines saying how to reach the person, which the export adds at the
    end, are not part of it."""
    from entregent.io.ics_writer import clean_text

    prefixes = tuple(
        text.split("{", 1)[0]
        for text in (_("Phone: {phone}"), _("E-mail: {email}"))
        if text.split("{", 1)[0].strip()
    )
    lines = clean_text(description).split("\n")
    while lines and (not lines[-1].strip() or lines[-1].startswith(prefixes)):
        lines.pop()
    return "\n".join(lines).strip()
