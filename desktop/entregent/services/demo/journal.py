"""Loading the demo journal (seeds/journal.json) through the networking services.

The journal holds what vCards and calendars cannot carry: the user's groups and
memberships, tie strengths and cadences, how people met, logged interactions
(help given and received, asks with their outcomes, introductions) and
follow-ups. People are named by their display name, as their card writes it.
Dates are as of the journal's ``anchor``; ``demo_dates.shift_dates`` moves them
to today afterwards.

Its shape (all keys but ``anchor`` optional)::

    {"anchor": "YYYY-MM-DD", "settings": {key: value},
     "organizations": [{"key", "name", "kind", "joined_on", "left_on", "my_role",
                        "context"}],
     "people": [{"name", "contexts": [...], "tie", "cadence_days", "how_met", "met_on",
                 "met_place", "met_context", "introduced_by",
                 "memberships": [{"organization": key, "role", "since"}]}],
     "interactions": [{"when": "YYYY-MM-DDTHH:MM", "kind", "register", "with": [names],
                       "note", "channel", "organization": key,
                       "ask": {"what", "outcome", "outcome_on", "decision",
                               "warnings": [ids]}}],
     "followups": [{"who", "due", "time": "HH:MM", "note", "done": "YYYY-MM-DD"}],
     "relations": [{"a", "b", "kind", "note"}]}

A relation reads "``b`` is ``a``'s ``kind``"; an introduction between two
people also records that they now know each other.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from entregent.error_words import reason_for
from entregent.errors import UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import Ask, Contact
from entregent.model.text_folding import fold
from entregent.services.settings import set_setting

__all__ = ["JournalCounts", "read_journal", "apply_journal_settings", "load_journal"]

# The zone the demo user lives in: the journal's wall-clock times are read in it.
DEMO_ZONE = "Europe/Paris"


@dataclass
class JournalCounts:
    groups: int = 0
    memberships: int = 0
    interactions: int = 0
    asks: int = 0
    followups: int = 0
    relations: int = 0


def read_journal(folder: Path) -> dict:
    path = folder / "journal.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(
            _("the demo journal cannot be read ({error}).").format(error=reason_for(exc)), path=path
        ) from exc


def apply_journal_settings(journal: dict) -> None:
    for key, value in (journal.get("settings") or {}).items():
        set_setting(key, value)


class _People:
    """Display name (folded) -> contact id, as the importers stored them."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        for contact_id, name in Contact.select(Contact.id, Contact.display_name).tuples():
            self.ids.setdefault(fold(name), contact_id)

    def __call__(self, name: str) -> int:
        try:
            return self.ids[fold(name)]
        except KeyError:
            raise UserError(
                _("the demo journal names “{name}”, who is in no seed card.").format(name=name)
            ) from None


def _wall_time(text: str) -> dt.datetime:
    """A journal time (wall clock in the demo zone) as an aware datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(DEMO_ZONE))


def _utc_noon(day: str) -> dt.datetime:
    value = dt.date.fromisoformat(day)
    return dt.datetime(value.year, value.month, value.day, 12, 0)


def load_journal(journal: dict) -> JournalCounts:
    """Store everything the journal holds, in one transaction."""
    counts = JournalCounts()
    people = _People()
    with database.atomic():
        groups = _load_groups(journal, counts)
        _load_people(journal, people, groups, counts)
        _load_interactions(journal, people, groups, counts)
        _load_followups(journal, people, counts)
        _load_relations(journal, people, counts)
    return counts


def _load_relations(journal: dict, people: _People, counts: JournalCounts) -> None:
    from entregent.services.relations.declared import add_relation

    for entry in journal.get("relations", ()):
        add_relation(
            people(entry["a"]),
            people(entry["b"]),
            entry["kind"],
            note=entry.get("note", ""),
            source="demo",
        )
        counts.relations += 1


def _load_groups(journal: dict, counts: JournalCounts) -> dict[str, int]:
    from entregent.services.people.contexts import find_context
    from entregent.services.people.organizations import create_group

    groups = {}
    for entry in journal.get("organizations", ()):
        context = entry.get("context")
        groups[entry["key"]] = create_group(
            entry["name"],
            entry.get("kind", "association"),
            joined_on=entry.get("joined_on"),
            left_on=entry.get("left_on"),
            my_role=entry.get("my_role", ""),
            context_id=find_context(context).id if context else None,
        )
        counts.groups += 1
    return groups


def _load_people(
    journal: dict, people: _People, groups: dict[str, int], counts: JournalCounts
) -> None:
    from entregent.services.people.contexts import find_context, tag_contacts
    from entregent.services.people.edits import update_person
    from entregent.services.people.organizations import add_member
    from entregent.services.relations.ties import set_how_met

    by_context: dict[str, list[int]] = {}
    for entry in journal.get("people", ()):
        contact_id = people(entry["name"])
        for context in entry.get("contexts", ()):
            by_context.setdefault(context, []).append(contact_id)
        tie = {}
        if entry.get("tie"):
            tie["tie_strength"] = entry["tie"]
        if entry.get("cadence_days"):
            tie["cadence_days"] = int(entry["cadence_days"])
        if tie:
            update_person(contact_id, tie)  # both in one save
        met = {}
        if entry.get("how_met"):
            met["text"] = entry["how_met"]
        if entry.get("met_on"):
            met["met_on"] = dt.date.fromisoformat(entry["met_on"])
        if entry.get("met_place"):
            met["place"] = entry["met_place"]
        if entry.get("met_context"):
            met["context_id"] = find_context(entry["met_context"]).id
        if entry.get("introduced_by"):
            met["introduced_by"] = people(entry["introduced_by"])
        if met:
            set_how_met(contact_id, **met)
        for membership in entry.get("memberships", ()):
            add_member(
                groups[membership["organization"]],
                contact_id,
                role=membership.get("role", ""),
                since=membership.get("since"),
            )
            counts.memberships += 1
    for context, ids in by_context.items():
        tag_contacts(ids, [context])


def _load_interactions(
    journal: dict, people: _People, groups: dict[str, int], counts: JournalCounts
) -> None:
    from entregent.services.relations.asks import record_ask
    from entregent.services.relations.interactions import log_interaction

    for entry in journal.get("interactions", ()):
        ids = [people(name) for name in entry["with"]]
        when = _wall_time(entry["when"])
        ask = entry.get("ask")
        if ask:
            ask_id = record_ask(
                ids[0],
                ask["what"],
                warnings=ask.get("warnings", ()),
                decision=ask.get("decision"),
                detail=entry.get("note", ""),
                when=when,
                outcome=ask.get("outcome", "pending"),
            )
            if ask.get("outcome_on"):
                Ask.update(outcome_at=_utc_noon(ask["outcome_on"])).where(
                    Ask.id == ask_id
                ).execute()
            counts.asks += 1
        else:
            group = entry.get("organization")
            interaction_id = log_interaction(
                ids,
                entry["kind"],
                when,
                entry.get("register"),
                channel=entry.get("channel", ""),
                note=entry.get("note", ""),
                tz=DEMO_ZONE,
                organization_id=groups[group] if group else None,
            )
            if entry["kind"] == "introduction" and len(ids) == 2:
                _introduced(ids, when, entry.get("note", ""), interaction_id, counts)
        counts.interactions += 1


def _introduced(ids, when, note: str, interaction_id: int, counts: JournalCounts) -> None:
    from entregent.services.relations.declared import add_relation

    add_relation(
        ids[0],
        ids[1],
        "knows",
        note=note,
        since=when.date(),
        source="introduction",
        interaction_id=interaction_id,
    )
    counts.relations += 1


def _load_followups(journal: dict, people: _People, counts: JournalCounts) -> None:
    from entregent.services.relations.followups import complete_followup, create_followup

    for entry in journal.get("followups", ()):
        due_time = dt.time.fromisoformat(entry["time"]) if entry.get("time") else None
        follow_up_id = create_followup(
            people(entry["who"]), entry["due"], due_time=due_time, note=entry.get("note", "")
        )
        if entry.get("done"):
            complete_followup(follow_up_id, at=_utc_noon(entry["done"]))
        counts.followups += 1
