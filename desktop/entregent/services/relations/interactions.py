"""Logging what happened with people: log, edit, delete, and a person's timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import peewee as pw

from entregent.errors import NotFound, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import (
    REGISTERS,
    Ask,
    Contact,
    Interaction,
    Organization,
    Participant,
    utcnow,
)
from entregent.network.kinds import KINDS, REGISTER_OF_KIND, kind_names, normalize_kind

__all__ = [
    "get_interaction",
    "log_interaction",
    "edit_interaction",
    "delete_interaction",
    "timeline",
    "TimelineEntry",
    "to_utc",
    "parse_when",
]


def _zone(tz: str) -> dt.tzinfo | None:
    if not tz or tz == "floating":  # "floating": a calendar's local wall-clock time
        return None
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserError(_("Unknown time zone “{tz}”.").format(tz=tz)) from exc


def to_utc(when: dt.datetime | dt.date | str | None, tz: str = "") -> tuple[dt.datetime, bool]:
    """``(UTC naive datetime, all_day)`` for a moment given by the user.

    None is now; text is read by ``parse_when``. A date is a whole day (kept
    at noon, so that every zone reads the same day). A naive datetime is wall
    time in ``tz`` (or the machine's zone when ``tz`` is empty); an aware one
    is converted.
    """
    if when is None:
        return utcnow(), False
    if isinstance(when, str):
        when = parse_when(when)
    all_day = not isinstance(when, dt.datetime)
    if all_day:
        return dt.datetime(when.year, when.month, when.day, 12, 0), True
    if when.tzinfo is None:
        zone = _zone(tz)
        when = when.replace(tzinfo=zone) if zone else when.astimezone()
    return when.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0), False


def parse_when(text: str, *, today: dt.date | None = None) -> dt.date | dt.datetime:
    """A date or time as typed: ``2025-03-01``, ``2025-03-01 18:30``, ``today``,
    ``yesterday`` (English or French)."""
    today = today or dt.date.today()
    word = text.strip().casefold()
    if word in ("today", "aujourd'hui", "aujourd’hui"):
        return today
    if word in ("yesterday", "hier"):
        return today - dt.timedelta(days=1)
    if word in ("tomorrow", "demain"):
        return today + dt.timedelta(days=1)
    try:
        if len(word) <= 10:
            return dt.date.fromisoformat(word)
        return dt.datetime.fromisoformat(word.replace(" ", "T", 1))
    except ValueError as exc:
        raise UserError(
            _("“{text}” is not a date; write it like 2025-03-01 or 2025-03-01 18:30.").format(
                text=text
            )
        ) from exc


def _check_kind(kind: str) -> str:
    normal = normalize_kind(kind) if kind not in KINDS else kind
    if normal is None:
        raise UserError(
            _("Unknown kind “{kind}”; use one of: {kinds}.").format(
                kind=kind, kinds=", ".join(kind_names())
            )
        )
    return normal


def _check_register(register: str) -> str:
    from entregent.network.kinds import normalize_register, register_names

    key = normalize_register(register)
    if key is None or key not in REGISTERS:
        raise UserError(
            _("Unknown register “{register}”; use one of: {registers}.").format(
                register=register, registers=", ".join(register_names())
            )
        )
    return key


def _check_contacts(contact_ids) -> list[int]:
    ids = list(dict.fromkeys(int(c) for c in contact_ids))
    if not ids:
        raise UserError(_("An interaction needs at least one person."))
    found = {c.id for c in Contact.select(Contact.id).where(Contact.id.in_(ids))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(_("No person with id {ids}.").format(ids=", ".join(map(str, missing))))
    return ids


def log_interaction(
    contact_ids,
    kind: str,
    when: dt.datetime | dt.date | None = None,
    register: str | None = None,
    channel: str = "",
    note: str = "",
    tz: str = "",
    *,
    summary: str = "",
    location: str = "",
    organization_id: int | None = None,
    source: str = "manual",
    external_key: str | None = None,
) -> int:
    """Store one interaction with one or more people; returns its id.

    ``register`` follows from ``kind`` unless given (see network.kinds).
    ``organization_id`` links it to one of the user's groups (what makes it
    count as taking part in that group's work, for volunteering or help given).
    """
    kind = _check_kind(kind)
    register = _check_register(register or REGISTER_OF_KIND[kind])
    occurred_at, all_day = to_utc(when, tz)
    if (
        organization_id is not None
        and Organization.get_or_none(Organization.id == organization_id) is None
    ):
        raise NotFound(_("No group with id {id}.").format(id=organization_id))
    with database.atomic():
        ids = _check_contacts(contact_ids)
        interaction = Interaction.create(
            occurred_at=occurred_at,
            tz=tz,
            all_day=all_day,
            kind=kind,
            register=register,
            channel=channel,
            summary=summary,
            location=location,
            note=note,
            source=source,
            external_key=external_key,
            organization=organization_id,
        )
        Participant.insert_many(
            [(interaction.id, c) for c in ids],
            fields=[Participant.interaction, Participant.contact],
        ).execute()
        if register == "ask":
            # Every ask has its details row; record_ask fills it in, a plain log
            # leaves "other", pending.
            Ask.create(interaction=interaction.id, what="other", decision="logged")
    return interaction.id


_EDITABLE = {"kind", "register", "channel", "note", "summary", "location", "organization_id"}


def edit_interaction(
    interaction_id: int,
    *,
    when: dt.datetime | dt.date | None = None,
    tz: str | None = None,
    contact_ids=None,
    **changes,
) -> None:
    """Change an interaction; it is then marked ``edited`` (re-imports leave it alone)."""
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"cannot edit {', '.join(sorted(unknown))}")
    interaction = Interaction.get_or_none(Interaction.id == interaction_id)
    if interaction is None:
        raise NotFound(_("No interaction with id {id}.").format(id=interaction_id))
    with database.atomic():
        if "kind" in changes:
            interaction.kind = _check_kind(changes.pop("kind"))
            if "register" not in changes:
                interaction.register = REGISTER_OF_KIND[interaction.kind]
        if "register" in changes:
            interaction.register = _check_register(changes.pop("register"))
        if "organization_id" in changes:
            interaction.organization = changes.pop("organization_id")
        for name, value in changes.items():
            setattr(interaction, name, value)
        if tz is not None:
            interaction.tz = tz
        if when is not None:
            interaction.occurred_at, interaction.all_day = to_utc(when, interaction.tz)
        interaction.edited = True
        interaction.updated_at = utcnow()
        interaction.save()
        if interaction.register == "ask":
            Ask.insert(
                interaction=interaction_id, what="other", decision="logged"
            ).on_conflict_ignore().execute()
        else:  # no longer an ask: its details go
            Ask.delete().where(Ask.interaction == interaction_id).execute()
        if contact_ids is not None:
            ids = _check_contacts(contact_ids)
            Participant.delete().where(
                (Participant.interaction == interaction_id) & Participant.contact.not_in(ids)
            ).execute()
            Participant.insert_many(
                [(interaction_id, c) for c in ids],
                fields=[Participant.interaction, Participant.contact],
            ).on_conflict_ignore().execute()


def get_interaction(interaction_id: int) -> Interaction:
    """One interaction as stored (kind, register, occurred_at, all_day …), by the id
    ``log_interaction`` returned."""
    return Interaction.get_by_id(interaction_id)


def delete_interaction(interaction_id: int) -> None:
    """Remove an interaction (and the ask it records, if any)."""
    with database.atomic():
        # Participants first, one by one through the trigger that recomputes recency.
        Participant.delete().where(Participant.interaction == interaction_id).execute()
        deleted = Interaction.delete().where(Interaction.id == interaction_id).execute()
    if not deleted:
        raise NotFound(_("No interaction with id {id}.").format(id=interaction_id))


@dataclass
class TimelineEntry:
    id: int
    occurred_at: dt.datetime  # UTC
    all_day: bool
    kind: str
    register: str
    channel: str
    note: str
    summary: str
    source: str
    edited: bool
    others: list[int] = field(default_factory=list)  # the other people who were there
    ask_id: int | None = None
    ask_what: str | None = None
    ask_outcome: str | None = None

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "occurred_at": self.occurred_at.isoformat() + "Z",
            "all_day": self.all_day,
            "kind": self.kind,
            "register": self.register,
            "channel": self.channel,
            "note": self.note,
            "summary": self.summary,
            "source": self.source,
            "edited": self.edited,
            "others": self.others,
            "ask": None
            if self.ask_id is None
            else {"id": self.ask_id, "what": self.ask_what, "outcome": self.ask_outcome},
        }


def timeline(contact_id: int, *, limit: int | None = None) -> list[TimelineEntry]:
    """A person's interactions, newest first."""
    rows = (
        Interaction.select(Interaction, Ask.id.alias("ask_id"), Ask.what, Ask.outcome)
        .join(Participant, on=(Participant.interaction == Interaction.id))
        .switch(Interaction)
        .join(Ask, pw.JOIN.LEFT_OUTER, on=(Ask.interaction == Interaction.id))
        .where(Participant.contact == contact_id)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .objects()
    )
    if limit is not None:
        rows = rows.limit(limit)
    entries = [
        TimelineEntry(
            r.id,
            r.occurred_at,
            r.all_day,
            r.kind,
            r.register,
            r.channel,
            r.note,
            r.summary,
            r.source,
            r.edited,
            [],
            r.ask_id,
            r.what,
            r.outcome,
        )
        for r in rows
    ]
    by_id = {e.id: e for e in entries}
    if by_id:
        for p in Participant.select(Participant.interaction, Participant.contact).where(
            Participant.interaction.in_(list(by_id)), Participant.contact != contact_id
        ):
            by_id[p.interaction_id].others.append(p.contact_id)
    return entries
