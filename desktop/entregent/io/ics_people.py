"""Who an ATTENDEE or ORGANIZER is: a person, a room, a resource or a group.

Calendars list more than people: meeting rooms (``CUTYPE=ROOM``, Exchange
room mailboxes, Google's ``…@resource.calendar.google.com``), equipment
(``CUTYPE=RESOURCE``), mailing lists (``CUTYPE=GROUP``), other calendars
(Google's ``…@group.calendar.google.com``, holiday and import calendars), and
addresses that are no e-mail address at all (``mailto:invalid:nomail``, a
name with spaces, no ``@``). ``classify`` tells them apart (RFC 5545 §3.2.3,
RFC 6638); only people may become contacts or participants.

``clean_name`` tidies a CN before it is split: quotes removed, an e-mail
address used as a name dropped, Lotus Notes names (``CN=Jean Dupont/O=Acme``,
``Jean Dupont/Acme``) split into the name and the organisation, and
"Last, First" recognised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["PERSON", "ROOM", "RESOURCE", "GROUP", "CleanName", "classify", "clean_name", "email_of"]

PERSON, ROOM, RESOURCE, GROUP = "person", "room", "resource", "group"

# Calendars, not people: Google's secondary, shared, holiday and imported calendars.
_CALENDAR_DOMAINS = (
    "group.calendar.google.com",
    "group.v.calendar.google.com",
    "import.calendar.google.com",
)
_ROOM_DOMAINS = ("resource.calendar.google.com",)
# Local parts that name a room or a piece of equipment (used only when the
# client said CUTYPE=UNKNOWN, or marked the attendee as a non-participant).
_RESOURCE_WORDS = re.compile(
    r"(?:^|[._\-+])(?:room|rooms|conf|confroom|conference|salle|meetingroom|mtgroom|"
    r"resource|resources|ressource|projector|beamer|boardroom|equipment)(?:$|[._\-+\d])",
    re.IGNORECASE,
)
_ROOM_WORDS = re.compile(r"room|salle|conf|boardroom|atelier|meeting", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")
_LOTUS_PART = re.compile(r"^\s*(CN|OU|O|C)\s*=\s*(.*)$", re.IGNORECASE)


def email_of(value: str) -> str:
    """The lower-cased e-mail address of a CAL-ADDRESS value, or "" when it is
    none (``invalid:nomail``, spaces, no ``@``, another scheme)."""
    value = value.strip()
    at = value.lower().rfind("mailto:")
    if at >= 0:  # also where a broken line put parameters before the address
        value = value[at + 7 :].strip()
    elif ":" in value.split("@", 1)[0]:  # urn:uuid:…, invalid:…, http:…
        return ""
    if value.lower().startswith("invalid:"):
        return ""
    # A fold left in the address ("jo@ example.com"); a space elsewhere is no address.
    value = re.sub(r"\s*([@.])\s*", r"\1", value)
    return value.lower() if _EMAIL.match(value) else ""


def classify(email: str, params: Mapping[str, object]) -> str:
    """PERSON, ROOM, RESOURCE or GROUP for an address with its parameters."""
    cutype = str(params.get("CUTYPE", "")).strip().upper()
    domain = email.rpartition("@")[2]
    if any(domain == d or domain.endswith("." + d) for d in _ROOM_DOMAINS):
        return ROOM
    if any(domain == d or domain.endswith("." + d) for d in _CALENDAR_DOMAINS):
        return GROUP
    if cutype == "GROUP":
        return GROUP
    named = " ".join((email.partition("@")[0], str(params.get("CN", ""))))
    if cutype in ("ROOM", "RESOURCE"):
        # Exchange books a room mailbox as CUTYPE=RESOURCE: its name tells.
        return ROOM if cutype == "ROOM" or _ROOM_WORDS.search(named) else RESOURCE
    # CUTYPE=UNKNOWN is what some clients (GroupWise) write for everyone, and
    # Exchange lists room mailboxes as non-participants: the address decides.
    marked = cutype == "UNKNOWN" or str(params.get("ROLE", "")).strip().upper() == (
        "NON-PARTICIPANT"
    )
    if marked and _RESOURCE_WORDS.search(email.partition("@")[0]):
        return ROOM if _ROOM_WORDS.search(named) else RESOURCE
    return PERSON


@dataclass(frozen=True)
class CleanName:
    name: str  # the display name, "" when the CN was none
    given: str
    family: str
    org: str = ""


def clean_name(cn: str) -> CleanName:
    """The name a CN stands for, split into given and family names."""
    text = " ".join(str(cn or "").split())
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    text = text.strip("\"'").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if "@" in text and " " not in text:  # an address used as a name
        return CleanName("", "", "")
    text = re.sub(r"\s*<[^<>]*@[^<>]*>\s*$", "", text).strip()  # "Jean <jean@x>"
    org = ""
    if "/" in text:
        text, org = _lotus(text)
    if text.count(",") == 1:
        family, given = (part.strip() for part in text.split(","))
        if family and given and " " not in family.strip(". "):
            return CleanName(f"{given} {family}", given, family, org)
        text = text.replace(",", " ")
        text = " ".join(text.split())
    given, _space, family = text.rpartition(" ")
    return CleanName(text, given, family, org) if given else CleanName(text, "", "", org)


def _lotus(text: str) -> tuple[str, str]:
    """``CN=Jean Dupont/OU=Sales/O=Acme`` or ``Jean Dupont/Acme``: the name and
    the organisation (its top unit, the country left out)."""
    parts = [part.strip() for part in text.split("/") if part.strip()]
    if not parts:
        return "", ""
    labelled = [_LOTUS_PART.match(part) for part in parts]
    if any(labelled):
        name, orgs = "", []
        for match, part in zip(labelled, parts, strict=True):
            if match is None:
                orgs.append(part)
                continue
            key, value = match.group(1).upper(), match.group(2).strip()
            if key == "CN":
                name = value
            elif key == "O":
                orgs.insert(0, value)
        return name, orgs[0] if orgs else ""
    # Name/Unit/Org/Country: the name first, the organisation the last part
    # that is not a two-letter country code.
    rest = [part for part in parts[1:] if not (len(part) == 2 and part.isupper())]
    return parts[0], rest[-1] if rest else ""
