"""The Peewee models: one class per table.

The tables are created and upgraded by the numbered steps in ``model/steps``
(never by ``create_tables``): the models describe the current schema and a test
checks that they match what the steps build. Times are stored in UTC (naive
``datetime``); dates as ISO text. Enumerated values are plain text, listed in
the ``*_CHOICES`` tuples below.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, ClassVar

import peewee as pw

from entregent.model.database import database
from entregent.model.text_folding import sort_key

TIE_STRENGTHS = ("close", "regular", "acquaintance")
METHOD_KINDS = ("tel", "email", "adr", "url", "impp")
CONTEXT_KINDS = (
    "family",
    "friends",
    "club",
    "work",
    "association",
    "charity",
    "sport",
    "neighbourhood",
    "other",
)
ORGANIZATION_KINDS = ("association", "club", "lunch_group", "charity", "employer", "sport", "other")
REGISTERS = ("social", "professional", "group", "help_given", "help_received", "ask")
INTERACTION_SOURCES = ("manual", "calendar", "import", "demo")
ASK_WHATS = ("introduction", "job_lead", "advice", "favour", "recommendation", "other")
ASK_OUTCOMES = ("pending", "helped", "declined", "no_answer")
# Since schema 7: declared ties between two people (relation.kind).
RELATION_KINDS = (
    "knows",
    "colleague",
    "friend",
    "spouse",
    "partner",
    "child",
    "parent",
    "sibling",
    "relative",
    "introduced_by",
)
RELATION_SOURCES = ("manual", "vcard", "introduction", "demo")


def utcnow() -> dt.datetime:
    """Now, in UTC, naive, to the second: the form every stored time takes."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def new_uid() -> str:
    return str(uuid.uuid4())


class BaseModel(pw.Model):
    # Columns that triggers keep (schema 9): ``save()`` never writes them, so that a
    # row read earlier cannot put back a stale count; an insert leaves them to their
    # default and to the triggers.
    kept_by_triggers: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        database = database
        legacy_table_names = False

    def save(self, force_insert: bool = False, only: Any = None) -> int:
        if only is None and self.kept_by_triggers:
            only = [
                field
                for field in self._meta.sorted_fields
                if field.name not in self.kept_by_triggers
            ]
        return super().save(force_insert=force_insert, only=only)


class Context(BaseModel):
    name = pw.TextField(unique=True)
    kind = pw.TextField(default="other")
    colour = pw.TextField(default="#888888")
    cadence_days = pw.IntegerField(null=True)
    priority = pw.IntegerField(default=0)  # higher wins when a contact has several
    builtin = pw.BooleanField(default=False)
    created_at = pw.DateTimeField(default=utcnow)
    # Since schema 9, kept by triggers: the non-archived people carrying it.
    people_count = pw.IntegerField(default=0)
    kept_by_triggers = frozenset({"people_count"})


class Contact(BaseModel):
    # the primary key peewee gives a model without one (its stubs leave it out);
    # an annotation only, so the model's fields are what they were
    id: pw.AutoField[int]

    uid = pw.TextField(unique=True, default=new_uid)
    display_name = pw.TextField(default="")
    given_name = pw.TextField(default="")
    family_name = pw.TextField(default="")
    additional_names = pw.TextField(default="")
    prefix = pw.TextField(default="")
    suffix = pw.TextField(default="")
    nickname = pw.TextField(default="")
    org = pw.TextField(default="")
    title = pw.TextField(default="")
    # Since schema 10: how the names are read (yomigana, pinyin), see io/vcard_phonetic.
    phonetic_given = pw.TextField(default="")
    phonetic_middle = pw.TextField(default="")
    phonetic_family = pw.TextField(default="")
    phonetic_org = pw.TextField(default="")
    birthday = pw.TextField(null=True)  # "YYYY-MM-DD" or "--MM-DD" when the year is unknown
    anniversary = pw.TextField(null=True)
    note = pw.TextField(default="")
    photo = pw.BlobField(null=True)  # bounded thumbnail (JPEG/PNG bytes)
    photo_url = pw.TextField(null=True)  # kept as written, never fetched
    tie_strength = pw.TextField(null=True)  # one of TIE_STRENGTHS, or None: inferred
    cadence_days = pw.IntegerField(null=True)
    how_met = pw.TextField(default="")
    met_on = pw.DateField(null=True)
    met_place = pw.TextField(default="")
    met_context = pw.ForeignKeyField(Context, null=True, on_delete="SET NULL")
    introduced_by = pw.ForeignKeyField(
        "self", null=True, on_delete="SET NULL", backref="introduced"
    )
    archived = pw.BooleanField(default=False)
    rev = pw.TextField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    # Since schema 2: sort key (see text_folding.sort_key) and figures kept in
    # step by triggers so that lists page without aggregates.
    sort_key = pw.TextField(default="", index=True)
    last_interaction_at = pw.DateTimeField(null=True)
    next_followup_on = pw.DateField(null=True)
    # Since schema 9, kept by triggers: the last day this person is not yet overdue.
    overdue_after = pw.DateField(null=True)
    kept_by_triggers = frozenset({"overdue_after"})

    class Meta:
        # Since schema 3: the people list counts and pages on this index alone.
        indexes = ((("archived", "sort_key"), False),)

    def compute_sort_key(self, order: str = "family") -> str:
        return sort_key(
            self.given_name or "",
            self.family_name or "",
            self.display_name or "",
            order,
            self.phonetic_given or "",
            self.phonetic_family or "",
        )

    def save(self, *args: Any, **kwargs: Any) -> int:
        self.sort_key = self.compute_sort_key(_sort_order())
        if self.id is not None:
            self.updated_at = utcnow()
        return super().save(*args, **kwargs)


def _family_order() -> str:
    return "family"


_sort_order_source: Callable[[], str] = _family_order


def register_sort_order_source(source: Callable[[], str]) -> None:
    """Where ``Contact.save`` learns the sort order ("family" or "given"): the
    settings service registers itself, so that the model never imports it."""
    global _sort_order_source
    _sort_order_source = source


def _sort_order() -> str:
    return _sort_order_source()


class ContactMethod(BaseModel):
    contact = pw.ForeignKeyField(Contact, backref="methods", on_delete="CASCADE")
    kind = pw.TextField()  # one of METHOD_KINDS
    label = pw.TextField(default="")  # "cell", "work", Apple X-ABLabel …
    value = pw.TextField()  # as written
    normalized = pw.TextField(default="")  # E.164 phone, lower-case e-mail
    pref = pw.IntegerField(default=0)
    position = pw.IntegerField(default=0)

    class Meta:
        table_name = "contact_method"


class ContactContext(BaseModel):
    contact = pw.ForeignKeyField(Contact, backref="context_links", on_delete="CASCADE")
    context = pw.ForeignKeyField(Context, backref="contact_links", on_delete="CASCADE")
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        table_name = "contact_context"
        indexes = ((("contact", "context"), True),)


class Organization(BaseModel):
    name = pw.TextField()
    kind = pw.TextField(default="association")  # one of ORGANIZATION_KINDS
    joined_on = pw.DateField(null=True)
    left_on = pw.DateField(null=True)
    my_role = pw.TextField(default="")
    note = pw.TextField(default="")
    context = pw.ForeignKeyField(Context, null=True, on_delete="SET NULL")
    created_at = pw.DateTimeField(default=utcnow)
    # Since schema 9, kept by triggers: non-archived members and contributions.
    people_count = pw.IntegerField(default=0)
    contributions = pw.IntegerField(default=0)
    kept_by_triggers = frozenset({"people_count", "contributions"})


class Membership(BaseModel):
    contact = pw.ForeignKeyField(Contact, backref="memberships", on_delete="CASCADE")
    organization = pw.ForeignKeyField(Organization, backref="memberships", on_delete="CASCADE")
    role = pw.TextField(default="")
    since = pw.DateField(null=True)

    class Meta:
        indexes = ((("contact", "organization"), True),)


class Interaction(BaseModel):
    occurred_at = pw.DateTimeField(index=True)  # UTC
    tz = pw.TextField(default="")  # the zone it was written in ("" = local, "floating")
    all_day = pw.BooleanField(default=False)
    kind = pw.TextField()
    register = pw.TextField()  # one of REGISTERS
    channel = pw.TextField(default="")
    summary = pw.TextField(default="")
    location = pw.TextField(default="")
    note = pw.TextField(default="")
    source = pw.TextField(default="manual")  # one of INTERACTION_SOURCES
    external_key = pw.TextField(null=True, unique=True)  # e.g. calendar UID + occurrence
    origin = pw.TextField(default="")  # e.g. which calendar file it came from
    edited = pw.BooleanField(default=False)  # changed by hand: re-imports leave it alone
    organization = pw.ForeignKeyField(Organization, null=True, on_delete="SET NULL")
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("register", "occurred_at"), False),)  # since schema 4


class Participant(BaseModel):
    interaction = pw.ForeignKeyField(Interaction, backref="participants", on_delete="CASCADE")
    contact = pw.ForeignKeyField(
        Contact, backref="participations", on_delete="CASCADE", index=False
    )  # since schema 5: (contact, interaction) below

    class Meta:
        indexes = ((("interaction", "contact"), True), (("contact", "interaction"), False))


class Ask(BaseModel):
    interaction = pw.ForeignKeyField(Interaction, unique=True, backref="asks", on_delete="CASCADE")
    what = pw.TextField()  # one of ASK_WHATS
    detail = pw.TextField(default="")
    outcome = pw.TextField(default="pending")  # one of ASK_OUTCOMES
    outcome_at = pw.DateTimeField(null=True)
    warnings = pw.TextField(default="[]")  # JSON list of the warnings shown
    decision = pw.TextField(default="")  # what the user chose ("ask_anyway", "no_warnings" …)


class FollowUp(BaseModel):
    contact = pw.ForeignKeyField(Contact, backref="follow_ups", on_delete="CASCADE")
    due_on = pw.DateField()
    due_time = pw.TimeField(null=True)
    note = pw.TextField(default="")
    done_at = pw.DateTimeField(null=True)
    deleted_at = pw.DateTimeField(null=True)
    uid = pw.TextField(unique=True, default=new_uid)
    sequence = pw.IntegerField(default=0)
    exported_sequence = pw.IntegerField(null=True)  # None: never exported
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)

    class Meta:
        table_name = "follow_up"


class ImportBatch(BaseModel):
    path = pw.TextField()
    file_hash = pw.TextField()
    kind = pw.TextField()  # "vcard" or "ics"
    started_at = pw.DateTimeField(default=utcnow)
    finished_at = pw.DateTimeField(null=True)
    counts = pw.TextField(default="{}")  # JSON report
    undone_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "import_batch"


class SourceCard(BaseModel):
    contact = pw.ForeignKeyField(Contact, null=True, backref="source_cards", on_delete="CASCADE")
    batch = pw.ForeignKeyField(ImportBatch, null=True, backref="cards", on_delete="SET NULL")
    path = pw.TextField(default="")
    line = pw.IntegerField(null=True)
    text = pw.TextField()  # the card exactly as read
    hash = pw.TextField(index=True)
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        table_name = "source_card"


class ImportChange(BaseModel):
    """What one import did to one contact, so that it can be undone."""

    batch = pw.ForeignKeyField(ImportBatch, backref="changes", on_delete="CASCADE")
    contact = pw.ForeignKeyField(Contact, null=True, backref="import_changes", on_delete="CASCADE")
    action = pw.TextField()  # "created" or "updated"
    before = pw.TextField(null=True)  # JSON of the fields as they were
    after = pw.TextField(null=True)  # JSON of the fields as the import left them

    class Meta:
        table_name = "import_change"


class Relation(BaseModel):
    """A declared tie (since schema 7), read "``other`` is ``contact``'s ``kind``"
    (her spouse, his child, the one who introduced them); ``other_text`` instead of
    ``other``: a name or URI that matches no one in the book unambiguously."""

    contact = pw.ForeignKeyField(Contact, backref="relations", on_delete="CASCADE")
    other = pw.ForeignKeyField(Contact, null=True, backref="related_by", on_delete="CASCADE")
    other_text = pw.TextField(default="")
    kind = pw.TextField()  # one of RELATION_KINDS
    label = pw.TextField(default="")  # the card's own word, as read
    note = pw.TextField(default="")
    since = pw.TextField(null=True)  # ISO date
    source = pw.TextField(default="manual")  # one of RELATION_SOURCES
    interaction = pw.ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
    created_at = pw.DateTimeField(default=utcnow)


class ContactEvent(BaseModel):
    """A date beyond birthday and anniversary (since schema 13): "other" or the
    user's own label, "YYYY-MM-DD" or "--MM-DD"."""

    contact = pw.ForeignKeyField(Contact, backref="events", on_delete="CASCADE")
    label = pw.TextField(default="")
    date = pw.TextField()
    position = pw.IntegerField(default=0)

    class Meta:
        table_name = "contact_event"


class ContactNote(BaseModel):
    """A note after the card's first (since schema 14; the first is contact.note)."""

    contact = pw.ForeignKeyField(Contact, backref="more_notes", on_delete="CASCADE")
    text = pw.TextField()
    position = pw.IntegerField(default=0)

    class Meta:
        table_name = "contact_note"


class ContactPosition(BaseModel):
    """One job (since schema 14): an organisation, its units, title and role."""

    contact = pw.ForeignKeyField(Contact, backref="positions", on_delete="CASCADE")
    org = pw.TextField(default="")
    units = pw.TextField(default="[]")  # JSON list: department, team…
    title = pw.TextField(default="")
    role = pw.TextField(default="")
    position = pw.IntegerField(default=0)

    class Meta:
        table_name = "contact_position"


class TieDismissal(BaseModel):
    """An inferred tie the user dismissed (since schema 7): lowest id first."""

    low = pw.ForeignKeyField(Contact, on_delete="CASCADE", index=False)
    high = pw.ForeignKeyField(Contact, on_delete="CASCADE")
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        table_name = "tie_dismissal"
        indexes = ((("low", "high"), True),)


class Setting(BaseModel):
    key = pw.TextField(primary_key=True)
    value = pw.TextField()  # JSON


class SyncAccount(BaseModel):
    """A CardDAV/CalDAV account (since schema 8). The password is never here."""

    name = pw.TextField(unique=True)
    url = pw.TextField()
    user = pw.TextField()
    conflicts = pw.TextField(default="ask")  # ask, keep-local, keep-remote, merge
    last_sync_at = pw.DateTimeField(null=True)
    last_result = pw.TextField(default="{}")  # JSON report of the last run
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        table_name = "sync_account"


class SyncCollection(BaseModel):
    """One synced pair: the local book and one remote collection."""

    account = pw.ForeignKeyField(SyncAccount, backref="collections", on_delete="CASCADE")
    href = pw.TextField()
    kind = pw.TextField()  # "card" or "cal"
    name = pw.TextField(default="")
    ctag = pw.TextField(null=True)
    sync_token = pw.TextField(null=True)
    last_sync_at = pw.DateTimeField(null=True)

    class Meta:
        table_name = "sync_collection"
        indexes = ((("account", "href"), True),)


class SyncItem(BaseModel):
    """One item of a pair as both sides stood at the last sync."""

    collection = pw.ForeignKeyField(SyncCollection, backref="items", on_delete="CASCADE")
    uid = pw.TextField()
    contact = pw.ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    href = pw.TextField()
    etag = pw.TextField(default="")
    local_hash = pw.TextField(default="")
    remote_hash = pw.TextField(default="")
    conflict = pw.TextField(null=True)  # JSON: both versions, until resolved
    local_seen = pw.TextField(default="")  # since schema 11: fingerprint of the person's rows

    class Meta:
        table_name = "sync_item"
        indexes = ((("collection", "href"), True), (("collection", "uid"), False))


ALL_MODELS = (
    Context,
    Contact,
    ContactMethod,
    ContactContext,
    Organization,
    Membership,
    Interaction,
    Participant,
    Ask,
    FollowUp,
    ImportBatch,
    SourceCard,
    ImportChange,
    Relation,
    ContactEvent,
    ContactNote,
    ContactPosition,
    TieDismissal,
    Setting,
    SyncAccount,
    SyncCollection,
    SyncItem,
)
