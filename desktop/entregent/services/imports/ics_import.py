"""Importing a calendar: its events become interactions with the people who were there.

``import_calendar`` reads an iCalendar file (``io.ics_reader``), expands the
repetitions from ``calendar_import_days`` ago up to now, and keeps one
interaction per occurrence that had at least one known person, keyed by
``external_key`` (the UID, plus the original start for the occurrences of a
series) with ``origin`` naming the calendar file. Importing the same file
again, or a newer copy of it, changes only what changed:

- an occurrence seen before and still the same is left as it is (unchanged);
- one that moved or changed is updated, unless the user edited it by hand;
- one that disappeared from the calendar (cancelled, EXDATE'd, deleted) while
  it falls within the imported period is removed — again unless edited by hand;
- an occurrence already brought by another calendar file (the same calendar
  downloaded again under another name) is taken over by this one, as above;
  cancellations are only seen within one file's own occurrences.

Only people are participants: rooms, resources, groups and calendars
(``io.ics_people``) never are; a room booked stands as the location when the
event has none, resources are listed in the note. People are matched by the
e-mail of an ATTENDEE or the ORGANIZER; by the exact display name only when
that contact has no e-mail address at all. A contact of the same name whose
e-mails differ is a *possible match* in the report, never linked. The user's
own addresses (setting ``my_emails``) are not participants. Events with
nobody known are reported as unmatched, or, with ``create_contacts``, their
attendees become contacts (named from the address as a last resort, and the
contact's note says so).

``services.imports.import_file`` calls this inside its transaction for
``.ics`` files; on its own it runs in a transaction of its own (a savepoint
when one is open). A dry run does all the work and rolls it back.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from entregent.error_words import os_reason
from entregent.errors import UserError
from entregent.i18n import _
from entregent.io.ics_kinds import guess_kind
from entregent.io.ics_reader import CalendarPerson, EventOccurrence, read_calendar
from entregent.io.ics_text import NotICalendar, decode_calendar_text
from entregent.io.ics_tzid import user_zone
from entregent.model.database import database
from entregent.model.tables import (
    ImportBatch,
    Interaction,
    Participant,
    utcnow,
)
from entregent.network.kinds import REGISTER_OF_KIND
from entregent.services.imports import ics_undo
from entregent.services.imports.ics_owner import guess_owner
from entregent.services.imports.ics_people_match import CalendarPeople
from entregent.services.imports.report import (
    CancelCheck,
    FileReport,
    PossibleMatch,
    Problem,
    ProgressCallback,
    UnmatchedEvent,
)
from entregent.services.settings import get_setting

__all__ = ["import_calendar", "calendar_origin"]

SOURCE = "calendar"
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
EVERY_DATE = dt.datetime(1900, 1, 1)  # the start of the window for "all dates"
_CHUNK = 400  # rows per SQL statement (SQLite's variable limit is far above)


class _DryRun(Exception):
    """Raised inside the transaction of a dry run to roll it back."""


def calendar_origin(path: str | os.PathLike) -> str:
    """The identity of a calendar file: its resolved path."""
    return str(Path(path).expanduser().resolve())


def import_calendar(
    path: str | os.PathLike,
    *,
    batch: ImportBatch | None,
    create_contacts: bool = False,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    since: dt.date | None = None,
    all_dates: bool = False,
) -> FileReport:
    """Import the events of the iCalendar file at ``path`` as interactions.

    Events from ``since`` (a date; by default ``calendar_import_days`` ago)
    up to now, or of every date with ``all_dates``; the report counts the
    older events left out.

    Raises ``UserError`` (naming the file) when it cannot be read or is not a
    calendar; nothing is stored then. ``entregent.errors.Cancelled`` when
    ``should_cancel`` said so; everything is rolled back then.
    """
    text, replaced = _read_text(Path(path))
    return import_calendar_text(
        text,
        origin=calendar_origin(path),
        label=str(path),
        replaced=replaced,
        batch=batch,
        create_contacts=create_contacts,
        dry_run=dry_run,
        progress=progress,
        should_cancel=should_cancel,
        since=since,
        all_dates=all_dates,
    )


def import_calendar_text(
    text: str,
    *,
    origin: str,
    batch: ImportBatch | None,
    label: str | None = None,
    replaced: list[tuple[int | None, str]] | None = None,
    create_contacts: bool = False,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    since: dt.date | None = None,
    all_dates: bool = False,
) -> FileReport:
    """The events of an iCalendar text as interactions, kept under ``origin``
    (a file's path, or a synced calendar item): importing the same origin
    again changes only what changed, and takes away what it no longer holds."""
    path = label or origin
    replaced = replaced or []
    now = utcnow()
    if all_dates:
        start = EVERY_DATE
    elif since is not None:
        start = dt.datetime(since.year, since.month, since.day)
    else:
        start = now - dt.timedelta(days=int(get_setting("calendar_import_days")))
    since = start
    try:
        contents = read_calendar(
            text,
            since=since,
            until=now,
            progress=progress,
            should_cancel=should_cancel,
            max_lines=int(get_setting("max_properties_per_card")),
            max_chars=int(get_setting("max_card_kb")) * 1024,
        )
    except NotICalendar as exc:
        raise UserError(str(exc), path=path) from exc
    report = FileReport(
        path=str(path),
        kind="ics",
        dry_run=dry_run,
        batch_id=batch.id if batch is not None else None,
    )
    report.rejected = [Problem(p.line, p.reason) for p in contents.rejected]
    report.replaced = [Problem(line, reason) for line, reason in replaced]
    report.skipped_lines = [Problem(p.line, p.reason) for p in contents.skipped_lines]
    report.skipped_components = {
        name: count for name, count in sorted(contents.skipped_components.items())
    }
    report.owner = guess_owner(contents.occurrences, contents.properties)
    report.time_zones = dict(sorted(contents.zone_rules.items()))
    report.user_zone = user_zone()
    report.since = "" if all_dates else since.date().isoformat()
    report.older = contents.older
    sync = _Sync(report, origin, since, now, batch, create_contacts)
    try:
        with database.atomic():
            sync.run(contents.occurrences)
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    return report


def _read_text(path: Path) -> tuple[str, list[tuple[int | None, str]]]:
    limit = int(get_setting("max_file_mb")) * 1024 * 1024
    try:
        size = path.stat().st_size
        if size > limit:
            raise UserError(
                _(
                    "this file is larger than {mb} MB, the limit set in the "
                    "settings; nothing was imported."
                ).format(mb=get_setting("max_file_mb")),
                path=path,
            )
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise UserError(_("this is a folder, not a calendar file."), path=path) from exc
    except OSError as exc:
        raise UserError(
            _("cannot read this file ({reason}).").format(reason=os_reason(exc)), path=path
        ) from exc
    if b"\x00" in data[:4096] and not data.startswith(_WIDE_BOMS):  # UTF-16/32 hold NULs
        raise UserError(
            _("this is not an iCalendar file (it holds binary data); nothing was imported."),
            path=path,
        )
    return decode_calendar_text(data)


@dataclass
class _Stored:
    id: int
    occurred_at: dt.datetime
    values: tuple
    edited: bool
    source: str = SOURCE


_FIELDS = ("occurred_at", "tz", "all_day", "summary", "location", "note", "kind", "register")


class _Sync:
    def __init__(
        self,
        report: FileReport,
        origin: str,
        since: dt.datetime,
        until: dt.datetime,
        batch: ImportBatch | None,
        create_contacts: bool,
    ):
        self.report = report
        self.origin = origin
        self.since = since
        self.until = until
        self.batch = batch
        self.create_contacts = create_contacts
        self._unmatched_by_uid: dict[str, tuple[dt.datetime, UnmatchedEvent]] = {}
        self._possible: dict[tuple[str, int], PossibleMatch] = {}

    def run(self, occurrences: list[EventOccurrence]) -> None:
        people = CalendarPeople()
        if self.report.owner is not None:  # guessed: not a participant either
            people.mine.add(self.report.owner.email)
        self._participants: dict[int, set[int]] = {}
        stored = self._load([(Interaction.origin == self.origin) & (Interaction.source == SOURCE)])
        adopted, elsewhere = self._known_elsewhere(
            [o.key for o in occurrences if o.key not in stored]
        )
        inserts: list[tuple[dict, list[int]]] = []
        seen: set[str] = set()
        for occurrence in occurrences:
            seen.add(occurrence.key)
            if occurrence.key in elsewhere:
                self.report.unchanged += 1  # not from a calendar: left alone
                continue
            old = stored.get(occurrence.key) or adopted.get(occurrence.key)
            contact_ids = self._people_of(occurrence, people, known=old is not None)
            if contact_ids is None:
                continue
            self._keep(occurrence, old, contact_ids, inserts)
        self._insert(inserts)
        self.report.new += len(inserts)
        self._remove(stored, seen)
        self._adopt([a.id for a in adopted.values() if not a.edited])
        self._finish_report()

    def _people_of(
        self, occurrence: EventOccurrence, people: CalendarPeople, *, known: bool
    ) -> list[int] | None:
        """The contacts who were at this occurrence (created when allowed), or
        None when nobody is known and it is not stored yet: it is reported
        as unmatched then."""
        others = people.others(occurrence.people)
        contact_ids, possible = people.match(others)
        self._propose(occurrence, possible, people)
        if contact_ids or known:
            return contact_ids
        proposed = {person.email for person, _id in possible}
        creatable = [p for p in others if p.email not in proposed]
        if self.create_contacts and creatable:
            return [people.create(p, self.batch) for p in creatable]
        self._unmatched(occurrence, others)
        return None

    def _keep(
        self,
        occurrence: EventOccurrence,
        old: _Stored | None,
        contact_ids: list[int],
        inserts: list[tuple[dict, list[int]]],
    ) -> None:
        """A new occurrence goes to ``inserts``; a stored one is updated when it
        changed and nobody edited it by hand."""
        values = _values(occurrence)
        if old is None:
            row = dict(zip(_FIELDS, values, strict=True)) | {"external_key": occurrence.key}
            inserts.append((row, contact_ids))
        elif old.edited:
            self.report.unchanged += 1
        elif old.values == values and (not contact_ids or self._same_people(old.id, contact_ids)):
            self.report.unchanged += 1
        else:
            self._update(old.id, values, contact_ids)
            self.report.updated += 1

    def _finish_report(self) -> None:
        ics_undo.finish_created_people(self._batch_id)
        self.report.unmatched = [
            event
            for _start, event in sorted(self._unmatched_by_uid.values(), key=lambda pair: pair[0])
        ]
        self.report.possible_matches = list(self._possible.values())

    def _propose(self, occurrence, possible, people: CalendarPeople) -> None:
        for person, contact_id in possible:
            known = self._possible.get((person.email, contact_id))
            if known is None:
                self._possible[(person.email, contact_id)] = PossibleMatch(
                    name=person.name,
                    email=person.email,
                    contact_id=contact_id,
                    contact_name=people.names.get(contact_id, ""),
                    contact_emails=sorted(people.emails_of.get(contact_id, ())),
                    summary=occurrence.summary,
                )
            else:
                known.occurrences += 1

    def _unmatched(self, occurrence: EventOccurrence, others: list[CalendarPerson]) -> None:
        """One line per event: a weekly series with nobody known is listed once,
        with its first date and how many times it happened."""
        attendees = [p.email or p.name for p in others]
        known = self._unmatched_by_uid.get(occurrence.uid)
        if known is None:
            self._unmatched_by_uid[occurrence.uid] = (
                occurrence.start,
                UnmatchedEvent(
                    summary=occurrence.summary, date=_when(occurrence), attendees=attendees
                ),
            )
            return
        start, event = known
        event.occurrences += 1
        event.attendees += [a for a in attendees if a not in event.attendees]
        if occurrence.start < start:
            event.summary, event.date = occurrence.summary, _when(occurrence)
            self._unmatched_by_uid[occurrence.uid] = (occurrence.start, event)

    def _load(self, conditions: list) -> dict[str, _Stored]:
        """The calendar interactions matching ``conditions`` (OR-ed), by key,
        with their participants."""
        stored: dict[str, _Stored] = {}
        for condition in conditions:
            rows = (
                Interaction.select(
                    Interaction.id,
                    Interaction.external_key,
                    Interaction.edited,
                    Interaction.source,
                    *[getattr(Interaction, f) for f in _FIELDS],
                )
                .where(condition & Interaction.external_key.is_null(False))
                .tuples()
            )
            for interaction_id, key, edited, source, *values in rows:
                stored[key] = _Stored(
                    interaction_id, values[0], tuple(values), bool(edited), source
                )
        ids = [s.id for s in stored.values()]
        for start in range(0, len(ids), _CHUNK):
            for interaction_id, contact_id in (
                Participant.select(Participant.interaction, Participant.contact)
                .where(Participant.interaction.in_(ids[start : start + _CHUNK]))
                .tuples()
            ):
                self._participants.setdefault(interaction_id, set()).add(contact_id)
        return stored

    def _known_elsewhere(self, keys: list[str]) -> tuple[dict[str, _Stored], set[str]]:
        """Occurrences already stored under another origin. Those from a calendar
        (the same calendar downloaded again under another name, or one shared by
        two calendars) are taken over by this one; others are left alone."""
        found = self._load(
            [
                Interaction.external_key.in_(keys[start : start + _CHUNK])
                for start in range(0, len(keys), _CHUNK)
            ]
        )
        adopted = {key: s for key, s in found.items() if s.source == SOURCE}
        return adopted, {key for key, s in found.items() if s.source != SOURCE}

    @property
    def _batch_id(self) -> int | None:
        return self.batch.id if self.batch is not None else None

    def _adopt(self, ids: list[int]) -> None:
        ics_undo.record_adopted(self._batch_id, ids)
        for start in range(0, len(ids), _CHUNK):
            Interaction.update(origin=self.origin).where(
                Interaction.id.in_(ids[start : start + _CHUNK])
            ).execute()

    def _same_people(self, interaction_id: int, contact_ids: list[int]) -> bool:
        return self._participants.get(interaction_id, set()) == set(contact_ids)

    def _update(self, interaction_id: int, values: tuple, contact_ids: list[int]) -> None:
        before = ics_undo.rows_before([interaction_id]) if self.batch is not None else {}
        self._change(interaction_id, values, contact_ids)
        ics_undo.record(self._batch_id, "event-updated", before, [interaction_id])

    def _change(self, interaction_id: int, values: tuple, contact_ids: list[int]) -> None:
        changes = dict(zip(_FIELDS, values, strict=True))
        changes["updated_at"] = utcnow()
        Interaction.update(changes).where(Interaction.id == interaction_id).execute()
        if not contact_ids:
            return  # nobody known any more: keep the people it had
        before = self._participants.get(interaction_id, set())
        gone = before - set(contact_ids)
        if gone:
            Participant.delete().where(
                (Participant.interaction == interaction_id) & Participant.contact.in_(sorted(gone))
            ).execute()
        new = [c for c in contact_ids if c not in before]
        if new:
            Participant.insert_many(
                [(interaction_id, c) for c in new],
                fields=[Participant.interaction, Participant.contact],
            ).execute()

    def _insert(self, inserts: list[tuple[dict, list[int]]]) -> None:
        # Plain executemany: building thousands of rows through the ORM costs
        # more than storing them. Times as peewee writes them ("YYYY-MM-DD HH:MM:SS").
        now = utcnow().isoformat(" ")
        rows = [
            (
                row["occurred_at"].isoformat(" "),
                row["tz"],
                int(row["all_day"]),
                row["kind"],
                row["register"],
                row["summary"],
                row["location"],
                row["note"],
                SOURCE,
                row["external_key"],
                self.origin,
                now,
                now,
            )
            for row, _ids in inserts
        ]
        database.cursor().executemany(
            "INSERT INTO interaction (occurred_at, tz, all_day, kind, register, summary, "
            "location, note, source, external_key, origin, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        ids: dict[str, int] = {}
        keys = [row["external_key"] for row, _ids in inserts]
        for start in range(0, len(keys), _CHUNK):
            part = keys[start : start + _CHUNK]
            ids.update(
                database.execute_sql(
                    "SELECT external_key, id FROM interaction WHERE external_key IN ("
                    + ", ".join("?" * len(part))
                    + ")",
                    part,
                ).fetchall()
            )
        links = [
            (ids[row["external_key"]], contact_id)
            for row, contact_ids in inserts
            for contact_id in contact_ids
        ]
        database.cursor().executemany(
            "INSERT INTO participant (interaction_id, contact_id) VALUES (?, ?)", links
        )
        ics_undo.record(self._batch_id, "event-created", {}, list(ids.values()))

    def _remove(self, stored: dict[str, _Stored], seen: set[str]) -> None:
        gone = [
            s.id
            for key, s in stored.items()
            if key not in seen and not s.edited and self.since <= s.occurred_at <= self.until
        ]
        if self.batch is not None and gone:
            ics_undo.record(self.batch.id, "event-removed", ics_undo.rows_before(gone))
        for start in range(0, len(gone), _CHUNK):
            ids = gone[start : start + _CHUNK]
            # Participants first, so that the recency triggers see them go.
            Participant.delete().where(Participant.interaction.in_(ids)).execute()
            Interaction.delete().where(Interaction.id.in_(ids)).execute()
        self.report.removed += len(gone)


def _values(occurrence: EventOccurrence) -> tuple:
    kind = guess_kind(occurrence.summary, occurrence.location)
    note = occurrence.description
    if occurrence.resources:
        listed = _("Resources: {names}").format(names=", ".join(occurrence.resources))
        note = f"{note}\n\n{listed}" if note else listed
    return (
        occurrence.start,
        occurrence.tz,
        occurrence.all_day,
        occurrence.summary,
        occurrence.location,
        note,
        kind,
        REGISTER_OF_KIND.get(kind, "social"),
    )


def _when(occurrence: EventOccurrence) -> str:
    if occurrence.all_day:
        return occurrence.start.date().isoformat()
    return occurrence.start.isoformat(timespec="minutes") + "Z"
