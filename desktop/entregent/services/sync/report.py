"""What a sync did (or would do), for the CLI's --json and the GUI."""

from __future__ import annotations

from dataclasses import dataclass, field

CALENDAR_COUNTS = (
    "followups_sent",  # new on the server's calendar
    "followups_updated",
    "followups_removed_there",  # done or deleted here, or finished on the phone
    "followups_done_here",  # completed (or deleted) on the phone
    "followups_changed_here",  # moved or rewritten on the phone
    "interactions_new",  # from the phone's events
    "interactions_updated",
    "events_removed",  # events deleted on the phone: their interactions go
)


@dataclass
class Side:
    new: int = 0
    updated: int = 0
    deleted: int = 0

    def as_json(self) -> dict:
        return {"new": self.new, "updated": self.updated, "deleted": self.deleted}


@dataclass
class SyncReport:
    account: str
    dry_run: bool = False
    here: Side = field(default_factory=Side)  # changes made to the local book
    there: Side = field(default_factory=Side)  # changes made on the server
    conflicts: list[dict] = field(default_factory=list)  # unresolved: listed, never dropped
    resolved: list[dict] = field(default_factory=list)
    duplicate_uids: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    skipped_unchanged: list[str] = field(default_factory=list)  # collections (CTag/token)
    mass_delete: dict | None = None  # the guard stopped the run
    calendar: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CALENDAR_COUNTS, 0))
    requests: int = 0
    bodies: int = 0  # item texts received
    batch_id: int | None = None

    def as_json(self) -> dict:
        return {
            "account": self.account,
            "dry_run": self.dry_run,
            "here": self.here.as_json(),
            "there": self.there.as_json(),
            "conflicts": self.conflicts,
            "resolved": self.resolved,
            "duplicate_uids": self.duplicate_uids,
            "errors": self.errors,
            "skipped_unchanged": self.skipped_unchanged,
            "mass_delete": self.mass_delete,
            "calendar": dict(self.calendar),
            "requests": self.requests,
            "bodies": self.bodies,
            "batch_id": self.batch_id,
        }
