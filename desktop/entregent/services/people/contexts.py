"""Contexts (family, friends, club …): listing, creating, renaming, recolouring and
deleting them (never the people in them), and tagging people with them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from entregent.errors import NotFound, UserError
from entregent.i18n import N_, _
from entregent.model.database import database
from entregent.model.tables import CONTEXT_KINDS, Contact, ContactContext, Context
from entregent.model.text_folding import fold
from entregent.palette import next_colour

__all__ = [
    "tag_by_names",
    "ContextSummary",
    "list_contexts",
    "context_label",
    "find_context",
    "create_context",
    "rename_context",
    "recolour_context",
    "free_colour",
    "set_context_cadence",
    "delete_context",
    "tag_contacts",
    "untag_contacts",
    "contexts_of",
]


@dataclass
class ContextSummary:
    id: int
    name: str
    label: str  # the name as shown (built-in names translated)
    kind: str
    colour: str
    cadence_days: int | None
    builtin: bool
    count: int

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "kind": self.kind,
            "colour": self.colour,
            "cadence_days": self.cadence_days,
            "builtin": self.builtin,
            "count": self.count,
        }


# The built-in contexts' names (model/steps/v001_initial.BUILTIN_CONTEXTS), marked
# here so that the catalogue holds them; they are stored in English.
BUILTIN_CONTEXT_NAMES = (
    N_("family"),
    N_("friends"),
    N_("club"),
    N_("work"),
    N_("association"),
    N_("charity"),
    N_("sport"),
    N_("neighbourhood"),
)


def context_label(name: str, builtin: bool) -> str:
    """A built-in context's name in the user's language; a user-made one as written."""
    return _(name) if builtin else name


def list_contexts() -> list[ContextSummary]:
    """Every context with the number of (non-archived) people in it (kept by the
    schema's triggers: no count over the people)."""
    rows = database.execute_sql(
        "SELECT id, name, kind, colour, cadence_days, builtin, people_count FROM context "
        "ORDER BY builtin DESC, priority DESC, name"
    )
    return [_summary(*row) for row in rows]


def _summary(
    context_id: int,
    name: str,
    kind: str,
    colour: str,
    cadence_days: int | None,
    builtin: bool,
    count: int,
) -> ContextSummary:
    """A context as the lists show it, its name translated when it is built in."""
    builtin = bool(builtin)
    label = context_label(name, builtin)
    return ContextSummary(context_id, name, label, kind, colour, cadence_days, builtin, count)


# --- Creating, changing and deleting contexts; tagging people -----------------------

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def find_context(text: str | int) -> Context:
    """A context by id, by name or by its label in the user's language (case and
    accents ignored)."""
    digits = str(text).strip().removeprefix("#")
    if isinstance(text, int) or digits.isdigit():
        found = Context.get_or_none(Context.id == int(digits))
        if found is not None:
            return found
    wanted = fold(str(text).strip())
    for context in Context.select():
        if wanted in (fold(context.name), fold(context_label(context.name, context.builtin))):
            return context
    raise NotFound(_("No context called “{name}”.").format(name=text))


def _check_name(name: str, *, ignore_id: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise UserError(_("A context needs a name."))
    for context in Context.select(Context.id, Context.name, Context.builtin):
        if context.id != ignore_id and fold(name) in (
            fold(context.name),
            fold(context_label(context.name, context.builtin)),
        ):
            raise UserError(_("There is already a context called “{name}”.").format(name=name))
    return name


def _check_colour(colour: str) -> str:
    if not _COLOUR.match(colour or ""):
        raise UserError(_("A colour is written #rrggbb, like #2980b9."))
    return colour.lower()


def _check_cadence(days: int | None) -> int | None:
    if days is not None and (not isinstance(days, int) or not 1 <= days <= 3650):
        raise UserError(_("Keep-in-touch is a number of days between 1 and 3650."))
    return days


def create_context(
    name: str,
    *,
    kind: str = "other",
    colour: str | None = None,
    cadence_days: int | None = None,
    priority: int = 0,
) -> int:
    """A new user-made context; returns its id. Without a colour it takes the next
    free hue of the palette."""
    if kind not in CONTEXT_KINDS:
        raise UserError(
            _("Unknown kind of context “{kind}”; use one of: {kinds}.").format(
                kind=kind, kinds=", ".join(CONTEXT_KINDS)
            )
        )
    with database.atomic():
        context = Context.create(
            name=_check_name(name),
            kind=kind,
            colour=_check_colour(colour) if colour else free_colour(),
            cadence_days=_check_cadence(cadence_days),
            priority=priority,
        )
    return context.id


def free_colour() -> str:
    """The palette's next hue that no context wears yet."""
    return next_colour(c for (c,) in database.execute_sql("SELECT colour FROM context"))


def rename_context(context_id: int, name: str) -> None:
    with database.atomic():
        context = find_context(context_id)
        context.name = _check_name(name, ignore_id=context.id)
        context.builtin = False  # now the user's own words: shown as written
        context.save()


def recolour_context(context_id: int, colour: str) -> None:
    Context.update(colour=_check_colour(colour)).where(
        Context.id == find_context(context_id).id
    ).execute()


def set_context_cadence(context_id: int, cadence_days: int | None) -> None:
    Context.update(cadence_days=_check_cadence(cadence_days)).where(
        Context.id == find_context(context_id).id
    ).execute()


def delete_context(context_id: int) -> int:
    """Delete a context; the people in it stay (only their tag goes). Returns how many
    people were tagged with it."""
    with database.atomic():
        context = find_context(context_id)
        tagged = ContactContext.delete().where(ContactContext.context == context.id).execute()
        context.delete_instance()
    return tagged


def tag_contacts(contact_ids, context_ids) -> int:
    """Tag every person with every context; returns how many new tags were made."""
    contact_ids = [int(c) for c in contact_ids]
    context_ids = [find_context(c).id for c in context_ids]
    with database.atomic():
        found = {c.id for c in Contact.select(Contact.id).where(Contact.id.in_(contact_ids))}
        missing = [c for c in contact_ids if c not in found]
        if missing:
            raise NotFound(_("No person with id {ids}.").format(ids=", ".join(map(str, missing))))
        before = ContactContext.select().where(ContactContext.contact.in_(contact_ids)).count()
        ContactContext.insert_many(
            [(p, x) for p in contact_ids for x in context_ids],
            fields=[ContactContext.contact, ContactContext.context],
        ).on_conflict_ignore().execute()
        after = ContactContext.select().where(ContactContext.contact.in_(contact_ids)).count()
    return after - before


def tag_by_names(contact_id: int, names: list[str], *, create: bool = False) -> None:
    """Tag one person with contexts given by name, in one transaction; a name that
    matches no context is created with ``create``, refused otherwise (nothing tagged)."""
    with database.atomic():
        ids = []
        for name in names:
            try:
                ids.append(find_context(name).id)
            except NotFound:
                if not create:
                    raise NotFound(
                        _("No context called “{name}”; add --create to make it.").format(name=name)
                    ) from None
                ids.append(create_context(name))
        tag_contacts([contact_id], ids)


def untag_contacts(contact_ids, context_ids) -> int:
    """Remove the contexts from the people; returns how many tags went."""
    context_ids = [find_context(c).id for c in context_ids]
    return (
        ContactContext.delete()
        .where(
            ContactContext.contact.in_([int(c) for c in contact_ids])
            & ContactContext.context.in_(context_ids)
        )
        .execute()
    )


def contexts_of(contact_id: int) -> list[ContextSummary]:
    """The contexts one person is tagged with, highest priority first (count is 0)."""
    rows = (
        Context.select(
            Context.id,
            Context.name,
            Context.kind,
            Context.colour,
            Context.cadence_days,
            Context.builtin,
        )
        .join(ContactContext)
        .where(ContactContext.contact == contact_id)
        .order_by(Context.priority.desc(), Context.name)
        .tuples()
    )
    return [_summary(*row, 0) for row in rows]
