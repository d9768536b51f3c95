"""Whose calendar this is: the owner is no participant in their own events.

Until the user has said which addresses are theirs (setting ``my_emails``),
the import guesses the owner of a calendar file, in this order:

1. the calendar says so: an ``X-OWNER`` property, or an ``X-WR-CALNAME``
   that is an e-mail address (Google names a person's main calendar so);
2. the one address on every event (of at least three events);
3. the ``ORGANIZER`` of most events (more than half, of at least three).

An address the user said was not theirs (setting ``not_my_emails``) is never
guessed. The guess is left out of the participants and reported
(``FileReport.owner``); the import wizard asks once "Is this you?" and
``remember_owner_answer`` keeps the answer in the settings.
"""

from __future__ import annotations

from collections import Counter

from entregent.io.ics_occurrences import EventOccurrence
from entregent.io.ics_people import email_of
from entregent.services.imports.report import OwnerGuess
from entregent.services.settings import get_setting, set_setting

__all__ = ["guess_owner", "remember_owner_answer"]

PROPERTY, EVERY_EVENT, ORGANIZER = "calendar property", "on every event", "organizer"


def guess_owner(
    occurrences: list[EventOccurrence], properties: dict[str, str]
) -> OwnerGuess | None:
    """The owner of the calendar, when the user has not said who they are."""
    if get_setting("my_emails"):
        return None
    refused = {str(e).strip().lower() for e in get_setting("not_my_emails") or ()}
    events: dict[str, EventOccurrence] = {}
    for occurrence in occurrences:  # one per event: a weekly series counts once
        events.setdefault(occurrence.uid, occurrence)
    names: dict[str, str] = {}
    on: Counter[str] = Counter()
    organized: Counter[str] = Counter()
    for event in events.values():
        for person in event.people:
            on[person.email] += 1
            if person.name:
                names.setdefault(person.email, person.name)
            if person.organizer:
                organized[person.email] += 1
    total = len(events)

    def guess(email: str, reason: str, count: int) -> OwnerGuess | None:
        if not email or email in refused:
            return None
        return OwnerGuess(email, names.get(email, ""), reason, count, total)

    for name in ("X-OWNER", "X-WR-CALNAME"):
        email = email_of(properties.get(name, ""))
        if (found := guess(email, PROPERTY, on.get(email, 0))) is not None:
            return found
    if total >= 3:
        everywhere = [e for e, count in on.most_common() if count == total and e not in refused]
        if len(everywhere) == 1:
            return guess(everywhere[0], EVERY_EVENT, total)
    if total >= 3:
        for email, count in organized.most_common():
            if email in refused:
                continue
            if count * 2 > total:
                return guess(email, ORGANIZER, count)
            break
    return None


def remember_owner_answer(email: str, mine: bool) -> None:
    """The user's answer to "Is this you?": the address joins ``my_emails``
    or ``not_my_emails``."""
    email = email.strip().lower()
    key = "my_emails" if mine else "not_my_emails"
    known = list(get_setting(key) or [])
    if email and email not in {str(e).strip().lower() for e in known}:
        set_setting(key, [*known, email])
