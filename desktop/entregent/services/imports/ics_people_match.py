"""Who the people of a calendar are among the contacts, and new contacts for the others.

``CalendarPeople`` loads every e-mail and display name once per import:
``match`` links by e-mail, and by exact name only a contact with no e-mail at
all; a contact of the same name whose known e-mails differ comes back as a
possible match, never linked. ``create`` makes a contact from a cleaned name
(``io.ics_people.clean_name``), naming them from the address's local part only
as a last resort, which the contact's note then says.
"""

from __future__ import annotations

import re

from entregent.i18n import _
from entregent.io.ics_occurrences import CalendarPerson
from entregent.model.tables import Contact, ContactMethod, ImportBatch, ImportChange
from entregent.model.text_folding import fold
from entregent.services.settings import get_setting

__all__ = ["CalendarPeople"]


class CalendarPeople:
    """Who is who: contacts by e-mail and by exact display name."""

    def __init__(self) -> None:
        self.mine = {str(e).strip().lower() for e in get_setting("my_emails") or ()}
        self.by_email: dict[str, int] = {}
        self.emails_of: dict[int, set[str]] = {}
        rows = (
            ContactMethod.select(
                ContactMethod.normalized, ContactMethod.value, ContactMethod.contact
            )
            .where(ContactMethod.kind == "email")
            .order_by(ContactMethod.contact, ContactMethod.id)
            .tuples()
        )
        for normalized, value, contact_id in rows:
            email = (normalized or value or "").strip().lower()
            if email:
                self.by_email.setdefault(email, contact_id)
                self.emails_of.setdefault(contact_id, set()).add(email)
        names: dict[str, set[int]] = {}
        self.names: dict[int, str] = {}
        for contact_id, name in Contact.select(Contact.id, Contact.display_name).tuples():
            key = _name_key(name)
            if key:
                names.setdefault(key, set()).add(contact_id)
                self.names[contact_id] = name
        # A name shared by two people matches neither: never guess.
        self.by_name = {key: next(iter(ids)) for key, ids in names.items() if len(ids) == 1}

    def others(self, people: tuple[CalendarPerson, ...]) -> list[CalendarPerson]:
        return [p for p in people if not (p.email and p.email in self.mine)]

    def match(
        self, people: list[CalendarPerson]
    ) -> tuple[list[int], list[tuple[CalendarPerson, int]]]:
        """The contacts these people are, and the possible matches: a contact
        of the same name whose known e-mails are not this person's."""
        ids: list[int] = []
        possible: list[tuple[CalendarPerson, int]] = []
        for person in people:
            contact_id = self.by_email.get(person.email) if person.email else None
            if contact_id is None and person.name:
                named = self.by_name.get(_name_key(person.name))
                if named is not None and self.emails_of.get(named):
                    possible.append((person, named))  # another address: not linked
                else:
                    contact_id = named
            if contact_id is not None and contact_id not in ids:
                ids.append(contact_id)
        return ids, possible

    def create(self, person: CalendarPerson, batch: ImportBatch | None) -> int:
        name, given, family = person.name, person.given, person.family
        note = ""
        if not name:  # the last resort: the address's local part
            local = person.email.partition("@")[0]
            parts = [p for p in re.split(r"[._\-+]+", local) if p and not p.isdigit()]
            name = " ".join(p.capitalize() for p in parts) or person.email
            given = family = ""
            if len(parts) > 1:
                given, family = parts[0].capitalize(), " ".join(parts[1:]).title()
            note = _("Name guessed from the e-mail address {email}.").format(email=person.email)
        contact = Contact.create(
            display_name=name,
            given_name=given,
            family_name=family,
            org=person.org,
            note=note,
            how_met=_("met at a calendar event"),
        )
        if person.email:
            ContactMethod.create(
                contact=contact, kind="email", value=person.email, normalized=person.email, label=""
            )
            self.by_email[person.email] = contact.id
        self.by_name.setdefault(_name_key(name), contact.id)
        if batch is not None:
            ImportChange.create(batch=batch, contact=contact, action="created")
        return contact.id


def _name_key(name: str) -> str:
    return " ".join(fold(name or "").split())
