"""The person fields a vCard carries, shared by the reader and the writer."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Method", "DatedEvent", "Position", "PersonFields"]


@dataclass(slots=True)
class Method:
    """One way to reach someone, as a card gives it."""

    kind: str  # tel, email, adr, url, impp
    value: str
    label: str = ""
    normalized: str = ""
    pref: int = 0
    # the TYPE parameter to write as it came in (``"work,voice"`` quoted), "" to
    # write the label's types the writer's way
    written_types: str = ""


@dataclass(slots=True)
class DatedEvent:
    """A date a card keeps beyond birthday and anniversary (Android's "other" or a
    label the user typed)."""

    date: str  # "YYYY-MM-DD" or "--MM-DD"
    label: str  # "other", or the user's own label as typed


@dataclass(slots=True)
class Position:
    """One job a card gives: an ORG with its units (department, team) as parts,
    and the TITLE and ROLE that go with it."""

    org: str
    units: list[str] = field(default_factory=list)
    title: str = ""
    role: str = ""


@dataclass(kw_only=True)
class PersonFields:
    display_name: str = ""
    given_name: str = ""
    family_name: str = ""
    additional_names: str = ""
    prefix: str = ""
    suffix: str = ""
    nickname: str = ""
    org: str = ""
    title: str = ""
    # How the names are read (Japanese yomigana, Chinese pinyin...): see vcard_phonetic.
    phonetic_given: str = ""
    phonetic_middle: str = ""
    phonetic_family: str = ""
    phonetic_org: str = ""
    birthday: str | None = None  # "YYYY-MM-DD" or "--MM-DD" when the year is unknown
    anniversary: str | None = None
    note: str = ""
    photo: bytes | None = None
    photo_url: str | None = None  # kept as written, never fetched
    methods: list[Method] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    events: list[DatedEvent] = field(default_factory=list)
    more_notes: list[str] = field(default_factory=list)  # the NOTE lines after the first
    # every ORG/TITLE/ROLE when a card has several or an ORG has units ([] otherwise:
    # org and title say it all)
    positions: list[Position] = field(default_factory=list)
