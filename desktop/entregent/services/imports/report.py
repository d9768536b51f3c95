"""What an import tells the user: the report shared by vCard and calendar imports.

``import_file`` (services/imports.py) returns one ``FileReport`` per file. Its
``as_json`` shape is a public interface (``entregent import --json``):

    {"path", "kind": "vcard"|"ics", "new", "updated", "unchanged", "removed",
     "duplicates", "rejected": [{"line", "reason"}], "skipped_lines": [{"line", "reason"}],
     ... extensions}

Counts are of contacts for vCards and of interactions (occurrences) for
calendars. Fields are only ever added, never renamed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from entregent.i18n import _, ngettext
from entregent.i18n_dates import format_stored_day

__all__ = [
    "Problem",
    "ProblemGroup",
    "group_problems",
    "DuplicateCandidate",
    "UnmatchedEvent",
    "PossibleMatch",
    "OwnerGuess",
    "FileReport",
    "calendar_notes",
    "ProgressCallback",
    "CancelCheck",
]

# progress(done, total): called now and then during long work, from the worker's thread.
ProgressCallback = Callable[[int, int], None]
# should_cancel(): polled during long work; True stops it and rolls everything back
# (the import then raises entregent.errors.Cancelled).
CancelCheck = Callable[[], bool]


@dataclass
class Problem:
    line: int | None
    reason: str

    def as_json(self) -> dict:
        return {"line": self.line, "reason": self.reason}


@dataclass
class DuplicateCandidate:
    """A newly imported contact that shares a phone or e-mail with an existing one."""

    contact_id: int
    name: str
    existing_id: int
    existing_name: str
    shared: str  # the normalized phone or e-mail they share

    def as_json(self) -> dict:
        return {
            "contact_id": self.contact_id,
            "name": self.name,
            "existing_id": self.existing_id,
            "existing_name": self.existing_name,
            "shared": self.shared,
        }


@dataclass
class UnmatchedEvent:
    summary: str
    date: str  # ISO date or date-time of the occurrence (the first one, for a series)
    attendees: list[str] = field(default_factory=list)
    occurrences: int = 1  # how many occurrences of this event had nobody known

    def as_json(self) -> dict:
        return {
            "summary": self.summary,
            "date": self.date,
            "attendees": self.attendees,
            "occurrences": self.occurrences,
        }


@dataclass
class PossibleMatch:
    """An attendee named like a contact whose known e-mails are not theirs:
    proposed to the user, never linked by the import."""

    name: str
    email: str
    contact_id: int
    contact_name: str
    contact_emails: list[str]
    summary: str  # the first event they were seen at
    occurrences: int = 1

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "email": self.email,
            "contact_id": self.contact_id,
            "contact_name": self.contact_name,
            "contact_emails": list(self.contact_emails),
            "summary": self.summary,
            "occurrences": self.occurrences,
        }


@dataclass
class OwnerGuess:
    """Whose calendar the file seems to be (``services.imports.ics_owner``)."""

    email: str
    name: str
    reason: str  # "calendar property", "on every event", "organizer"
    events: int  # how many events the address is on (or organized)
    of: int  # how many events the file has

    def as_json(self) -> dict:
        return {
            "email": self.email,
            "name": self.name,
            "reason": self.reason,
            "events": self.events,
            "of": self.of,
        }


@dataclass
class ProblemGroup:
    """Problems of one kind (one reason): how many, and the first few lines."""

    reason: str
    count: int
    lines: list[int]  # the first few, in file order

    def as_json(self, what: str) -> dict:
        return {"what": what, "reason": self.reason, "count": self.count, "lines": self.lines}

    def lines_text(self) -> str:
        shown = ", ".join(str(line) for line in self.lines)
        return shown + (", …" if self.count > len(self.lines) else "")


def group_problems(problems: list[Problem], first: int = 5) -> list[ProblemGroup]:
    """One entry per kind of problem, in the order each kind first appears."""
    groups: dict[str, ProblemGroup] = {}
    for problem in sorted(problems, key=lambda p: (p.line is None, p.line or 0)):
        group = groups.get(problem.reason)
        if group is None:
            group = groups[problem.reason] = ProblemGroup(problem.reason, 0, [])
        group.count += 1
        if problem.line is not None and len(group.lines) < first:
            group.lines.append(problem.line)
    return list(groups.values())


@dataclass
class FileReport:
    path: str
    kind: str  # "vcard" or "ics"
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    rejected: list[Problem] = field(default_factory=list)
    skipped_lines: list[Problem] = field(default_factory=list)
    duplicate_candidates: list[DuplicateCandidate] = field(default_factory=list)
    unmatched: list[UnmatchedEvent] = field(default_factory=list)
    skipped_components: dict[str, int] = field(default_factory=dict)
    possible_matches: list[PossibleMatch] = field(default_factory=list)
    owner: OwnerGuess | None = None
    # events whose TZID named no known zone, by the rule that placed them:
    # "file" (its VTIMEZONE), "calendar" (X-WR-TIMEZONE), "user" (the user's zone)
    time_zones: dict[str, int] = field(default_factory=dict)
    user_zone: str = ""
    since: str = ""  # the first day imported (ISO date), "" for every date
    older: int = 0  # events left out for being older than ``since``
    # characters that could not be decoded, each replaced by U+FFFD, with its line
    replaced: list[Problem] = field(default_factory=list)
    batch_id: int | None = None
    dry_run: bool = False

    @property
    def duplicates(self) -> int:
        return len(self.duplicate_candidates)

    def as_json(self) -> dict:
        data = {
            "path": self.path,
            "kind": self.kind,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "rejected": [p.as_json() for p in self.rejected],
            "skipped_lines": [p.as_json() for p in self.skipped_lines],
            "duplicate_candidates": [d.as_json() for d in self.duplicate_candidates],
            "batch_id": self.batch_id,
            # the same problems, one entry per kind with its count and first lines
            "grouped_problems": [
                group.as_json(what)
                for what, problems in (
                    ("rejected", self.rejected),
                    ("skipped", self.skipped_lines),
                )
                for group in group_problems(problems)
            ],
        }
        if self.kind == "ics":
            data["removed"] = self.removed
            data["unmatched"] = [u.as_json() for u in self.unmatched]
            data["skipped_components"] = dict(self.skipped_components)
            data["possible_matches"] = [m.as_json() for m in self.possible_matches]
            data["owner"] = self.owner.as_json() if self.owner is not None else None
            data["time_zones"] = dict(self.time_zones)
            data["since"] = self.since or None
            data["older_left_out"] = self.older
            data["replaced"] = [p.as_json() for p in self.replaced]
        if self.dry_run:
            data["dry_run"] = True
        return data


def calendar_notes(report: FileReport) -> list[str]:
    """What the user should know about a calendar import beyond its counts,
    one sentence each (the CLI prints them, the import wizard shows them)."""
    notes: list[str] = []
    if report.owner is not None:
        owner = report.owner
        who = f"{owner.name} <{owner.email}>" if owner.name else owner.email
        notes.append(
            _(
                "This seems to be the calendar of {who}; they were not made a participant "
                "in their own events."
            ).format(who=who)
        )
    zones = report.time_zones
    if zones.get("file"):
        notes.append(
            ngettext(
                "{n} event names its time zone as only this file defines it; that definition "
                "was used.",
                "{n} events name their time zone as only this file defines it; that definition "
                "was used.",
                zones["file"],
            ).format(n=zones["file"])
        )
    if zones.get("calendar"):
        notes.append(
            ngettext(
                "{n} event had an unknown time zone; the calendar's own zone was used.",
                "{n} events had an unknown time zone; the calendar's own zone was used.",
                zones["calendar"],
            ).format(n=zones["calendar"])
        )
    if zones.get("user"):
        notes.append(
            ngettext(
                "{n} event had an unknown time zone; your zone ({zone}) was used.",
                "{n} events had an unknown time zone; your zone ({zone}) was used.",
                zones["user"],
            ).format(n=zones["user"], zone=report.user_zone)
        )
    if report.older:
        notes.append(
            ngettext(
                "{n} event older than {since} was left out — import it too?",
                "{n} events older than {since} were left out — import them too?",
                report.older,
            ).format(n=report.older, since=format_stored_day(report.since))
        )
    for match in report.possible_matches:
        notes.append(
            _(
                "{name} <{email}> (at “{summary}”) may be {contact}, known as {known}: "
                "not linked, the e-mail addresses differ."
            ).format(
                name=match.name,
                email=match.email,
                summary=match.summary,
                contact=match.contact_name,
                known=", ".join(match.contact_emails),
            )
        )
    return notes
