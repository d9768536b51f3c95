"""The calendar side of a sync: follow-ups out, the phone's events in.

Each open follow-up is one item of the calendar collection, an event (or a
to-do, for a calendar that holds only to-dos) with the follow-up's own UID,
the same as the .ics export gives it, sent again when it changes. A
follow-up done or deleted here leaves the server's calendar. A follow-up's
to-do completed on the phone (or its event cancelled, or deleted there) is
done here. A follow-up moved or rewritten on the phone comes back here
(``followup_edits``: field by field against what both sides last held).

Every other item of the calendar is the user's own: its events come in as
interactions through the calendar import (each item its own origin, so an
item changed there changes its interactions and an item deleted there takes
them away; what the user edited here stays, as for a calendar file).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from entregent.model.tables import FollowUp, SyncCollection, SyncItem
from entregent.services.exports.ics_export import followup_items
from entregent.services.imports.ics_import import import_calendar_text
from entregent.services.relations.followups import complete_followup
from entregent.services.sync import followup_edits, local
from entregent.services.sync.followup_edits import Edit
from entregent.services.sync.report import SyncReport
from entregent.sync.discovery import collection_state
from entregent.sync.errors import PreconditionFailed, SyncError
from entregent.sync.hashing import item_hash
from entregent.sync.webdav import DavClient

__all__ = ["CalendarPlan", "read_calendar_side", "apply_calendar_side", "count_planned"]

_ICS = "text/calendar; charset=utf-8"
_EMPTY = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Entregent//sync//EN\r\nEND:VCALENDAR\r\n"


@dataclass
class CalendarPlan:
    collection: SyncCollection
    as_: str = "event"
    ctag: str | None = None
    rows: dict[str, SyncItem] = field(default_factory=dict)  # href -> item
    ours: dict[str, str] = field(default_factory=dict)  # follow-up uid -> its text
    send: list[tuple[str, str, SyncItem | None]] = field(default_factory=list)  # uid, text
    remove_there: list[SyncItem] = field(default_factory=list)
    done_here: list[tuple[SyncItem, str | None]] = field(default_factory=list)  # row, new etag
    events_in: list[tuple[str, str, str, SyncItem | None]] = field(default_factory=list)
    events_gone: list[SyncItem] = field(default_factory=list)
    retrack: list[tuple[SyncItem, str]] = field(default_factory=list)
    edited_there: list[Edit] = field(default_factory=list)  # follow-ups changed on the phone
    fields: dict[str, followup_edits.Fields] = field(default_factory=dict)  # open, by uid


def _uid_of(text: str) -> str:
    for line in text.replace("\r\n ", "").splitlines():
        if line.upper().startswith("UID:") or line.upper().startswith("UID;"):
            return line.split(":", 1)[1].strip()
    return ""


def _finished_there(text: str) -> bool:
    """The phone completed the to-do, or cancelled the event."""
    upper = text.upper()
    return "STATUS:COMPLETED" in upper or "STATUS:CANCELLED" in upper


def read_calendar_side(client: DavClient, collection: SyncCollection) -> CalendarPlan:
    state = collection_state(client, collection.href)
    components = state.components if state is not None else ()
    plan = CalendarPlan(collection, as_="todo" if components == ("VTODO",) else "event")
    plan.ctag = state.ctag if state is not None else None
    plan.rows = {row.href: row for row in collection.items}
    plan.ours = followup_items(plan.as_)
    plan.fields = followup_edits.open_fields()
    by_uid = {row.uid: row for row in plan.rows.values()}
    followups = {uid for (uid,) in FollowUp.select(FollowUp.uid).tuples()}
    unchanged_there = collection.ctag is not None and plan.ctag == collection.ctag
    if not unchanged_there:
        _read_changes(client, plan, followups)
    handled = {id(r) for r, _e in plan.done_here} | {id(e.row) for e in plan.edited_there}
    for uid, text in plan.ours.items():
        row = by_uid.get(uid)
        if row is None or item_hash(text) != row.local_hash:
            if id(row) not in handled:
                plan.send.append((uid, text, row))
    finished = {r.uid for r, _e in plan.done_here}
    for row in plan.rows.values():
        if row.uid in followups and row.uid not in plan.ours and row.uid not in finished:
            plan.remove_there.append(row)  # done or deleted here
    return plan


def _read_changes(client: DavClient, plan: CalendarPlan, followups: set[str]) -> None:
    listing = client.list_items(plan.collection.href)
    for href, row in plan.rows.items():
        if href in listing:
            continue
        if row.uid in plan.ours:
            plan.done_here.append((row, None))  # deleted on the phone: done here
        elif row.uid not in followups:
            plan.events_gone.append(row)
    changed = [h for h, e in listing.items() if h not in plan.rows or plan.rows[h].etag != e]
    for href, item in client.multiget(plan.collection.href, "cal", sorted(changed)).items():
        text, row = item.data or "", plan.rows.get(href)
        uid = _uid_of(text)
        if uid in plan.ours:
            if row is not None and _finished_there(text):
                plan.done_here.append((row, item.etag))
            elif row is not None and item_hash(text) != row.remote_hash:
                plan.edited_there.append(Edit(row, item.etag or listing[href], text))
            elif row is not None:
                plan.retrack.append((row, item.etag))  # ours is sent again if it changed
        elif uid not in followups:
            plan.events_in.append((href, item.etag or listing[href], text, row))


def apply_calendar_side(
    client: DavClient,
    plan: CalendarPlan,
    report: SyncReport,
    account: str,
    batch,
    policy: str = "ask",
) -> None:
    collection = plan.collection
    for row, etag in plan.retrack:
        row.etag = etag
        local.save_item(row)
    for edit in plan.edited_there:
        _phone_edit(client, plan, edit, report, policy)
    for row, _etag in plan.done_here:
        follow_up = FollowUp.get_or_none(FollowUp.uid == row.uid)
        if follow_up is not None and follow_up.done_at is None and follow_up.deleted_at is None:
            complete_followup(follow_up.id)
            report.calendar["followups_done_here"] += 1
        _remove(client, row, report, account)
    for uid, text, row in plan.send:
        _send(client, collection, uid, text, row, report, plan.fields)
    for row in plan.remove_there:
        _remove(client, row, report, account)
    for href, etag, text, row in plan.events_in:
        _event_in(href, etag, text, row, collection, report, account, batch)
    for row in plan.events_gone:
        import_calendar_text(_EMPTY, origin=_origin(account, row.href), batch=batch)
        row.delete_instance()
        report.calendar["events_removed"] += 1


def _phone_edit(client, plan: CalendarPlan, edit: Edit, report: SyncReport, policy: str) -> None:
    """A follow-up the phone changed: its changes here, then both sides agree."""
    row, uid = edit.row, edit.row.uid
    taken = followup_edits.take_phone_edit(edit, plan.as_, policy)
    if taken is None:  # nothing readable there: ours goes over it
        row.etag = edit.etag
        _send(client, plan.collection, uid, plan.ours[uid], row, report)
        return
    fields, ours = taken
    if edit.merged != plan.fields.get(uid):
        report.calendar["followups_changed_here"] += 1
    if edit.clashed:
        report.resolved.append(
            {
                "uid": uid,
                "name": followup_edits.person_name(uid),
                "href": row.href,
                "kept": edit.kept,
                "fields": edit.clashed,
            }
        )
    if followup_edits.same_as_theirs(edit):
        row.etag = edit.etag
        row.remote_hash = item_hash(edit.text)
        row.local_hash = item_hash(ours)
        local.save_item(row)
        followup_edits.remember_fields(row, fields)
    else:
        row.etag = edit.etag
        plan.fields[uid] = fields
        _send(client, plan.collection, uid, ours, row, report, plan.fields)


def _origin(account: str, href: str) -> str:
    return f"sync:{account}:{href}"


def _send(
    client, collection, uid: str, text: str, row: SyncItem | None, report, fields=None
) -> None:
    href = row.href if row is not None else collection.href + _file_name(uid)
    try:
        try:
            etag = client.put(href, text, _ICS, etag=row.etag if row is not None else None)
        except PreconditionFailed:  # changed there meanwhile: ours is the follow-up
            etag = client.put(href, text, _ICS, etag=client.get(href).etag)
    except SyncError as exc:
        report.errors.append({"uid": uid, "name": "", "href": exc.url, "error": str(exc)})
        return
    if row is None:
        row = SyncItem(collection=collection, href=href, uid=uid)
        report.calendar["followups_sent"] += 1
    else:
        report.calendar["followups_updated"] += 1
    row.etag = etag
    row.local_hash = row.remote_hash = item_hash(text)
    local.save_item(row)
    if fields is not None and uid in fields:
        followup_edits.remember_fields(row, fields[uid])


def _remove(client, row: SyncItem, report, account: str) -> None:
    try:
        client.delete(row.href, etag=None)
    except SyncError as exc:
        if exc.status not in (404, 410):
            report.errors.append({"uid": row.uid, "name": "", "href": exc.url, "error": str(exc)})
            return
    row.delete_instance()
    report.calendar["followups_removed_there"] += 1


def _event_in(href, etag, text, row, collection, report, account: str, batch) -> None:
    found = import_calendar_text(text, origin=_origin(account, href), batch=batch)
    report.calendar["interactions_new"] += found.new
    report.calendar["interactions_updated"] += found.updated
    if row is None:
        row = SyncItem(collection=collection, href=href, uid=_uid_of(text) or href)
    row.etag = etag or ""
    row.remote_hash = item_hash(text)
    local.save_item(row)


def _file_name(uid: str) -> str:
    from urllib.parse import quote

    safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in uid)[:120] or "item"
    return quote(safe) + ".ics"


def count_planned(plan: CalendarPlan, report: SyncReport) -> None:
    """A dry run's calendar counts: what the run would do."""
    counts = report.calendar
    counts["followups_sent"] += sum(1 for _u, _t, row in plan.send if row is None)
    counts["followups_updated"] += sum(1 for _u, _t, row in plan.send if row is not None)
    counts["followups_removed_there"] += len(plan.remove_there) + len(plan.done_here)
    counts["followups_done_here"] += len(plan.done_here)
    counts["followups_changed_here"] += len(plan.edited_there)
    counts["interactions_new"] += len(plan.events_in)
    counts["events_removed"] += len(plan.events_gone)
