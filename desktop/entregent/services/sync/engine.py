"""One sync run of one account: read both sides, decide per item, apply.

Per item, from the state kept at the last sync (``sync_item``):
new here → PUT (If-None-Match: *); new there → import; changed on one side →
copied over; changed on both → a conflict (resolved by the policy, or listed
and kept for later under "ask"); deleted on one side and unchanged on the other
→ deleted (here: archived, never erased); deleted on one side and changed on
the other → the edit wins. Reading comes first (CTag, then sync-collection or
a listing, then multiget of what changed only); the local changes are one
transaction and one import batch in the history. A run that would delete more
than ``MASS_DELETE_SHARE`` of a collection (or meets a collection that answers
empty) changes nothing unless ``allow_mass_delete``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from entregent.errors import Cancelled
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import SyncCollection, SyncItem, utcnow
from entregent.services.sync import calendar, local
from entregent.services.sync.accounts import CONFLICT_POLICIES, get_account
from entregent.services.sync.conflicts import decided_policy
from entregent.services.sync.field_merge import merge_fields
from entregent.services.sync.report import SyncReport
from entregent.sync.discovery import collection_state
from entregent.sync.errors import PreconditionFailed, SyncError
from entregent.sync.hashing import item_hash
from entregent.sync.webdav import DavClient

__all__ = ["sync_account", "MASS_DELETE_SHARE", "MASS_DELETE_MIN"]

MASS_DELETE_SHARE = 0.5
MASS_DELETE_MIN = 5
_VCARD = "text/vcard; charset=utf-8"


@dataclass
class _Plan:
    collection: SyncCollection
    state_ctag: str | None = None
    state_token: str | None = None
    rows: dict[str, SyncItem] = field(default_factory=dict)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # href -> (etag, text)
    etags: dict[str, str] = field(default_factory=dict)  # href -> etag, changed only
    removed: set[str] = field(default_factory=set)
    empty_answer: bool = False
    skipped: bool = False
    imports: list[tuple[str, str, str, SyncItem | None, bool]] = field(default_factory=list)
    puts: list[tuple[int, SyncItem | None]] = field(default_factory=list)
    delete_here: list[SyncItem] = field(default_factory=list)
    delete_there: list[SyncItem] = field(default_factory=list)
    forget: list[SyncItem] = field(default_factory=list)
    conflicts: list[tuple[SyncItem, str, str]] = field(default_factory=list)
    retrack: list[tuple[SyncItem, str]] = field(default_factory=list)  # same content
    skip_uids: set[str] = field(default_factory=set)


def _read_remote(client: DavClient, plan: _Plan, report: SyncReport) -> None:
    collection = plan.collection
    state = collection_state(client, collection.href)
    plan.state_ctag = state.ctag if state else None
    plan.state_token = state.sync_token if state else None
    known = bool(plan.rows) or collection.sync_token or collection.ctag
    if known and collection.ctag and plan.state_ctag == collection.ctag:
        plan.skipped = True
        report.skipped_unchanged.append(collection.href)
        return
    changed = None
    if state is not None and state.supports_sync and collection.sync_token:
        changed = _changes_since_token(client, plan)
    if changed is None:
        changed = _listing(client, plan)
    plan.etags = {h: e for h, e in changed.items() if h not in plan.rows or plan.rows[h].etag != e}
    fetched = client.multiget(collection.href, "card", sorted(plan.etags))
    plan.texts = {h: (item.etag or plan.etags[h], item.data or "") for h, item in fetched.items()}


def _changes_since_token(client: DavClient, plan: _Plan) -> dict[str, str] | None:
    """What changed since the last sync token (href -> ETag), the removed hrefs
    put in the plan; None when the server no longer accepts the token."""
    collection = plan.collection
    try:
        changes = client.sync_collection(collection.href, collection.sync_token)
    except SyncError as exc:
        if exc.status not in (400, 403, 409, 412):
            raise
        return None
    plan.removed = set(changes.removed) & set(plan.rows)
    plan.state_token = changes.token or plan.state_token
    return changes.changed


def _listing(client: DavClient, plan: _Plan) -> dict[str, str]:
    """Every item of the collection (href -> ETag); what is tracked and no
    longer listed is removed."""
    listing = client.list_items(plan.collection.href)
    plan.removed = {h for h in plan.rows if h not in listing}
    plan.empty_answer = bool(plan.rows) and not listing
    return listing


def _decide(plan: _Plan, book: local.LocalBook, report: SyncReport, policy: str) -> None:
    remote_uid = _skip_duplicate_uids(plan, report)
    for href, row in plan.rows.items():
        if row.uid not in plan.skip_uids:
            _decide_tracked(plan, book, href, row)
    tracked = {row.uid for row in plan.rows.values()}
    for href, (etag, text) in plan.texts.items():
        if href in plan.rows or remote_uid[href] in plan.skip_uids:
            continue
        plan.imports.append((href, etag, text, None, False))
        tracked.add(remote_uid[href])
    for cid, (uid, archived, _name) in book.people.items():
        if archived or uid in tracked or uid in plan.skip_uids:
            continue
        plan.puts.append((cid, None))
    if policy not in CONFLICT_POLICIES:
        raise ValueError(policy)


def _skip_duplicate_uids(plan: _Plan, report: SyncReport) -> dict[str, str]:
    """The UID of each card read (its href when it has none). A UID held by
    more than one href of the collection is reported and left out of the run."""
    uids: dict[str, list[str]] = {}
    for href, row in plan.rows.items():
        if href not in plan.removed and href not in plan.texts:
            uids.setdefault(row.uid, []).append(href)
    remote_uid: dict[str, str] = {}
    for href, (_etag, text) in plan.texts.items():
        uid = local.card_uid(text) or href
        remote_uid[href] = uid
        uids.setdefault(uid, []).append(href)
    for uid, hrefs in uids.items():
        if len(hrefs) > 1:
            plan.skip_uids.add(uid)
            report.duplicate_uids.append({"uid": uid, "hrefs": sorted(hrefs)})
    return remote_uid


def _decide_tracked(plan: _Plan, book: local.LocalBook, href: str, row: SyncItem) -> None:
    """What to do with an item synced before, from whether each side changed it."""
    alive = row.contact_id is not None and row.contact_id in book.people
    local_changed = (
        alive
        and not book.unchanged(row.contact_id, row.local_seen)
        and book.hash(row.contact_id) != row.local_hash
    )
    remote_changed = href in plan.texts and item_hash(plan.texts[href][1]) != row.remote_hash
    if href in plan.removed:
        if not alive:
            plan.forget.append(row)
        elif local_changed:
            plan.puts.append((row.contact_id, row))  # the edit wins: put it back
        else:
            plan.delete_here.append(row)
    elif not alive:
        if remote_changed:
            plan.imports.append((href, *plan.texts[href], row, True))  # edit wins
        else:
            plan.delete_there.append(row)
    elif local_changed and remote_changed:
        text = plan.texts[href][1]
        if item_hash(text) == book.hash(row.contact_id):
            plan.retrack.append((row, plan.texts[href][0]))
        else:
            plan.conflicts.append((row, book.text(row.contact_id), text))
    elif local_changed:
        plan.puts.append((row.contact_id, row))
    elif remote_changed:
        plan.imports.append((href, *plan.texts[href], row, False))
    elif href in plan.texts:
        plan.retrack.append((row, plan.texts[href][0]))  # new ETag, same content


def _guard(plans: list[_Plan], allow: bool) -> dict | None:
    for plan in plans:
        deletions = len(plan.delete_here) + len(plan.delete_there)
        share = deletions / len(plan.rows) if plan.rows else 0
        if plan.empty_answer or (deletions >= MASS_DELETE_MIN and share > MASS_DELETE_SHARE):
            if allow:
                continue
            return {
                "collection": plan.collection.href,
                "would_delete": deletions,
                "of": len(plan.rows),
                "empty_answer": plan.empty_answer,
            }
    return None


class _Apply:
    def __init__(self, client, account, report, book, policy, batch):
        self.client, self.account, self.report = client, account, report
        self.book, self.policy, self.batch = book, policy, batch

    def name(self, cid: int | None) -> str:
        return self.book.people.get(cid, ("", False, ""))[2] if cid else ""

    def error(self, exc: SyncError, uid: str, cid: int | None = None) -> None:
        self.report.errors.append(
            {"uid": uid, "name": self.name(cid), "href": exc.url, "error": str(exc)}
        )

    def imports(self, plan: _Plan) -> None:
        if not plan.imports:
            return
        texts = []
        for href, _etag, text, _row, _revive in plan.imports:
            uid = local.card_uid(text)
            texts.append(text if uid else local.with_uid(text, _uid_from(href)))
        local.import_cards(texts, self.batch, self.account.name)
        self.book.refresh()
        by_uid = self.book.by_uid()
        for (href, etag, _text, row, revive), text in zip(plan.imports, texts, strict=True):
            uid = local.card_uid(text)
            cid = by_uid.get(uid)
            if cid is None:
                continue  # rejected by the reader: listed in the import report
            if row is not None and not revive:
                local.follow_remote(cid, text)
                self.report.here.updated += 1
            elif row is not None:
                database.execute_sql("UPDATE contact SET archived = 0 WHERE id = ?", (cid,))
                self.report.here.new += 1
            else:
                self.report.here.new += 1
            if row is None:
                row = SyncItem(collection=plan.collection, href=href)
            row.uid, row.contact_id, row.etag = uid, cid, etag
            row.remote_hash = item_hash(text)
            row.conflict = None
            plan.rows[href] = row
        self.book.forget_cache()
        for href, _etag, _text, _row, _revive in plan.imports:
            row = plan.rows[href]
            if row.contact_id is None:
                continue
            mine = self.book.hash(row.contact_id)
            if mine != row.remote_hash:  # here holds more (contexts, ways to reach)
                plan.puts.append((row.contact_id, row))
            else:
                row.local_hash = mine
            local.save_item(row)

    def put(self, plan: _Plan, cid: int, row: SyncItem | None, *, counted: bool = True) -> None:
        text = self.book.text(cid)
        uid = local.card_uid(text) or self.book.people[cid][0]
        href = row.href if row is not None else plan.collection.href + _file_name(uid)
        etag = row.etag if row is not None and row.href not in plan.removed else None
        try:
            try:
                new_etag = self.client.put(href, text, _VCARD, etag=etag)
            except PreconditionFailed:
                current = self.client.get(href)
                if (
                    row is not None
                    and item_hash(current.data) != row.remote_hash
                    and self.policy != "keep-local"
                ):
                    self.conflict(plan, row, text, current.data, current.etag)
                    return
                new_etag = self.client.put(href, text, _VCARD, etag=current.etag)
        except SyncError as exc:
            self.error(exc, uid, cid)
            return
        new = row is None or row.href in plan.removed
        if row is None:
            row = SyncItem(collection=plan.collection, href=href, uid=uid)
        row.contact_id, row.etag = cid, new_etag
        row.local_hash = row.remote_hash = item_hash(text)
        row.conflict = None
        local.save_item(row)
        local.store_sent(cid, text, self.batch, self.account.name)
        if counted:
            if new:
                self.report.there.new += 1
            else:
                self.report.there.updated += 1

    def conflict(self, plan: _Plan, row: SyncItem, mine: str, theirs: str, etag: str) -> None:
        entry = {"uid": row.uid, "name": self.name(row.contact_id), "href": row.href}
        base = self.book.base(row.contact_id) if row.contact_id else None
        merged = merge_fields(base, mine, theirs) if base else None
        policy = decided_policy(row) or self.policy
        if policy == "keep-local":
            row.etag = etag
            self.put(plan, row.contact_id, row, counted=False)
            self.report.resolved.append({**entry, "kept": "local"})
            self.report.there.updated += 1
        elif policy == "keep-remote":
            plan.imports = [(row.href, etag, theirs, row, False)]
            self.imports(plan)
            self.report.resolved.append({**entry, "kept": "remote"})
        elif policy == "merge" and merged is not None and merged.text is not None:
            self.merge(plan, row, merged, theirs, etag)
            self.report.resolved.append(
                {**entry, "kept": "merged", "ours": merged.from_ours, "theirs": merged.from_theirs}
            )
        else:
            fields = merged.conflicting if merged is not None else []
            row.conflict = json.dumps(
                {"local": mine, "remote": theirs, "base": base, "etag": etag, "fields": fields}
            )
            row.save()
            self.report.conflicts.append({**entry, "fields": fields})

    def merge(self, plan: _Plan, row: SyncItem, merged, theirs: str, etag: str) -> None:
        """Both sides' changes in one card: brought in here, then sent over theirs."""
        plan.imports = [(row.href, etag, merged.text, row, False)]
        self.imports(plan)
        row.remote_hash = item_hash(theirs)  # the server still holds theirs
        row.etag = etag
        if any(r is row for _c, r in plan.puts):
            return  # the import found more here: sent with the other puts
        if merged.from_ours:
            self.put(plan, row.contact_id, row, counted=True)
        else:  # theirs plus nothing of ours: the server already holds it
            row.remote_hash = row.local_hash = item_hash(merged.text)
            row.save()

    def delete_there(self, plan: _Plan, row: SyncItem) -> None:
        try:
            try:
                self.client.delete(row.href, etag=row.etag)
            except PreconditionFailed:
                current = self.client.get(row.href)
                if item_hash(current.data) != row.remote_hash:  # changed there: edit wins
                    plan.imports = [(row.href, current.etag, current.data, row, True)]
                    self.imports(plan)
                    return
                self.client.delete(row.href, etag=current.etag)
        except SyncError as exc:
            self.error(exc, row.uid)
            return
        row.delete_instance()
        self.report.there.deleted += 1


def _uid_from(href: str) -> str:
    name = href.rstrip("/").rsplit("/", 1)[-1]
    return name[:-4] if name.lower().endswith(".vcf") else name


def _file_name(uid: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in uid)[:120] or "card"
    return quote(safe) + ".vcf"


def sync_account(
    name: str,
    password: str,
    *,
    dry_run: bool = False,
    conflicts: str | None = None,
    allow_mass_delete: bool = False,
    progress: Callable[[str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    transport=None,
) -> SyncReport:
    """Sync the account ``name``; see the module's text. Network errors that stop
    the run (unreachable, 401, timeout …) raise ``SyncError`` with nothing changed
    here; errors on one item are listed in the report and retried next time."""
    account = get_account(name)
    policy = conflicts or account.conflicts
    report = SyncReport(account=name, dry_run=dry_run)

    def step(text: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(text)

    client = DavClient(account.url, account.user, password, account=name, transport=transport)
    try:
        book = local.LocalBook()
        plans = _plan_cards(client, account, book, report, policy, step)
        calendars = _read_calendars(client, account, step)
        report.mass_delete = _guard(plans, allow_mass_delete)
        if report.mass_delete is not None or dry_run:
            _count_planned(plans, report)
            for calendar_plan in calendars:
                calendar.count_planned(calendar_plan, report)
            return report
        with database.atomic():
            batch = local.start_batch(name)
            job = _Apply(client, account, report, book, policy, batch)
            for plan in plans:
                _apply_cards(job, plan, book, step)
            _apply_calendars(client, calendars, report, name, batch, step, policy)
            local.remember_seen([plan.collection.id for plan in plans], book)
            _record_run(client, account, report, batch)
    finally:
        report.requests, report.bodies = client.requests, client.bodies
        client.close()
    return report


def _plan_cards(client: DavClient, account, book, report: SyncReport, policy: str, step):
    """Each address book's plan: what the server holds, and what to do per item."""
    plans = []
    for collection in account.collections.where(SyncCollection.kind == "card"):
        step(_("Reading {name}…").format(name=collection.name or collection.href))
        plan = _Plan(collection)
        plan.rows = {r.href: r for r in collection.items}
        _read_remote(client, plan, report)
        if not plan.skipped:
            _decide(plan, book, report, policy)
        else:
            _decide_local_only(plan, book, policy, report)
        plans.append(plan)
    return plans


def _apply_cards(job: _Apply, plan: _Plan, book, step) -> None:
    """One address book's plan carried out, here and there."""
    client, report = job.client, job.report
    step(_("Writing {name}…").format(name=plan.collection.name or plan.collection.href))
    writes_before = client.writes
    job.imports(plan)
    for row in plan.delete_here:
        local.archive(row.contact_id)
        row.delete_instance()
        report.here.deleted += 1
    for row in plan.forget:
        row.delete_instance()
    for row, etag in plan.retrack:
        row.etag = etag
        row.local_hash = row.remote_hash = book.hash(row.contact_id)
        row.save()
    for row, mine, theirs in plan.conflicts:
        job.conflict(plan, row, mine, theirs, plan.texts[row.href][0])
    for index, (cid, row) in enumerate(list(plan.puts)):
        if index % 50 == 0:
            step(_("Sending {n} of {total}…").format(n=index, total=len(plan.puts)))
        job.put(plan, cid, row)
    for row in plan.delete_there:
        job.delete_there(plan, row)
    collection = plan.collection
    wrote = client.writes != writes_before
    # After our own writes the pre-write CTag and token could come back
    # for another state (an emptied collection has the CTag it had when
    # new): the next run lists the ETags once instead.
    collection.ctag = None if wrote else plan.state_ctag
    collection.sync_token = None if wrote else plan.state_token
    collection.last_sync_at = utcnow()
    collection.save()


def _record_run(client: DavClient, account, report: SyncReport, batch) -> None:
    """The run's history row and the account's last result."""
    report.batch_id = batch.id
    batch.counts = json.dumps(
        {"sync": True, "here": report.here.as_json(), "there": report.there.as_json()}
    )
    batch.finished_at = utcnow()
    batch.save()
    report.requests, report.bodies = client.requests, client.bodies
    account.last_sync_at = utcnow()
    account.last_result = json.dumps(report.as_json(), ensure_ascii=False)
    account.save()


def _read_calendars(client: DavClient, account, step) -> list[calendar.CalendarPlan]:
    plans = []
    for collection in account.collections.where(SyncCollection.kind == "cal"):
        step(_("Reading {name}…").format(name=collection.name or collection.href))
        plans.append(calendar.read_calendar_side(client, collection))
    return plans


def _apply_calendars(client: DavClient, plans, report, name: str, batch, step, policy) -> None:
    for plan in plans:
        step(_("Writing {name}…").format(name=plan.collection.name or plan.collection.href))
        writes_before = client.writes
        calendar.apply_calendar_side(client, plan, report, name, batch, policy)
        collection = plan.collection
        collection.ctag = None if client.writes != writes_before else plan.ctag
        collection.last_sync_at = utcnow()
        collection.save()


def _decide_local_only(plan: _Plan, book: local.LocalBook, policy: str, report) -> None:
    """The server's collection is unchanged (same CTag): only local changes count."""
    _decide(plan, book, report, policy)


def _count_planned(plans: list[_Plan], report: SyncReport) -> None:
    for plan in plans:
        report.here.new += sum(1 for i in plan.imports if i[3] is None or i[4])
        report.here.updated += sum(1 for i in plan.imports if i[3] is not None and not i[4])
        report.here.deleted += len(plan.delete_here)
        report.there.new += sum(1 for _c, row in plan.puts if row is None)
        report.there.updated += sum(1 for _c, row in plan.puts if row is not None)
        report.there.deleted += len(plan.delete_there)
        report.conflicts.extend(
            {"uid": row.uid, "name": book_name(row), "href": row.href}
            for row, _m, _t in plan.conflicts
        )


def book_name(row: SyncItem) -> str:
    return row.contact.display_name if row.contact_id and row.contact else ""
