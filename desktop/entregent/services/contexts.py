"""Contexts (family, friends, club …): listing them with their counts."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from entregent.i18n import N_, _
from entregent.model.tables import Contact, ContactContext, Context

__all__ = ["ContextSummary", "list_contexts", "context_label"]


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
        return {"id": self.id, "name": self.name, "label": self.label, "kind": self.kind,
                "colour": self.colour, "cadence_days": self.cadence_days,
                "builtin": self.builtin, "count": self.count}


# The built-in contexts' names (model/steps/v001_initial.BUILTIN_CONTEXTS), marked
# here so that the catalogue holds them; they are stored in English.
BUILTIN_CONTEXT_NAMES = (N_("family"), N_("friends"), N_("club"), N_("work"),
                         N_("association"), N_("charity"), N_("sport"), N_("neighbourhood"))


def context_label(name: str, builtin: bool) -> str:
    """A built-in context's name in the user's language; a user-made one as written."""
    return _(name) if builtin else name


def list_contexts() -> list[ContextSummary]:
    """Every context with the number of (non-archived) people in it."""
    count = pw.fn.COUNT(Contact.id)
    rows = (Context.select(Context, count.alias("n"))
            .join(ContactContext, pw.JOIN.LEFT_OUTER)
            .join(Contact, pw.JOIN.LEFT_OUTER,
                  on=((ContactContext.contact == Contact.id) & (Contact.archived == False)))  # noqa: E712
            .group_by(Context.id)
            .order_by(Context.builtin.desc(), Context.priority.desc(), Context.name))
    return [ContextSummary(c.id, c.name, context_label(c.name, c.builtin), c.kind, c.colour,
                           c.cadence_days, c.builtin, c.n) for c in rows]
