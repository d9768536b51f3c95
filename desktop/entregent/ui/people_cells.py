"""What one row of the people list shows, as text: the columns, and each
person's texts prepared once for painting (``RowTexts``)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from entregent.i18n import N_, _
from entregent.i18n_dates import format_day, relative_day
from entregent.services.people.listing import PersonRow
from entregent.ui import theme

RELATIVE_DAYS = 30  # nearer than this, a date reads "3 days ago", "in 2 weeks"


def list_date(day, today=None) -> str:
    """A date as the list shows it: relative within a month, else the locale's
    medium format ("17 Nov 2026", "17 nov. 2026")."""
    import datetime as dt

    today = today or dt.date.today()
    if abs((today - day).days) <= RELATIVE_DAYS:
        return relative_day(day, today)
    return format_day(day)


COL_PHOTO, COL_NAME, COL_CONTEXTS, COL_LAST, COL_BALANCE, COL_NEXT = range(6)
COLUMNS = (
    (COL_PHOTO, "photo", N_("Photo")),
    (COL_NAME, "name", N_("Name")),
    (COL_CONTEXTS, "contexts", N_("Contexts")),
    (COL_LAST, "last_contact", N_("Last contact")),
    (COL_BALANCE, "balance", N_("Balance")),
    (COL_NEXT, "next_followup", N_("Next follow-up")),
)


def balance_text(balance: float | None) -> str:
    if balance is None:
        return ""  # still being read
    if abs(balance) < 0.05:
        return ""  # even: nothing to say
    text = f"{abs(balance):g}" if float(balance).is_integer() else f"{abs(balance):.1f}"
    return ("+" if balance > 0 else "\u2212") + text


def balance_tip(balance: float | None) -> str | None:
    """The plain-language label of network/reciprocity ("you have given more" …)."""
    if balance is None:
        return None
    from entregent.network.reciprocity import BALANCE_LABELS, balance_label

    text = _(BALANCE_LABELS[balance_label(balance)])
    return text[:1].upper() + text[1:]


class RowTexts:
    """One row's texts as the list shows them, prepared once (and kept while the
    person reads the same, ``shows``)."""

    __slots__ = ("person", "display", "negative")

    def __init__(self, person: PersonRow):
        self.person = person
        last = person.last_interaction_at
        follow = person.next_followup_on
        self.display = (
            None,
            person.name or _("(no name)"),
            ", ".join(chip.label for chip in person.contexts),
            list_date(last.date()) if last is not None else "",
            balance_text(person.balance),
            list_date(follow) if follow is not None else "",
        )
        balance = person.balance
        self.negative = balance is not None and balance < 0

    @property
    def balance_colour(self) -> QColor | None:
        """The warning red of the theme in use, for a balance below zero."""
        return theme.warning() if self.negative else None

    def shows(self, person: PersonRow) -> bool:
        """Whether these texts are still those of ``person`` (read anew)."""
        kept = self.person
        return (
            kept.name == person.name
            and kept.last_interaction_at == person.last_interaction_at
            and kept.next_followup_on == person.next_followup_on
            and kept.balance == person.balance
            and kept.contexts == person.contexts
            and kept.org == person.org
        )

    def tip(self, column: int) -> str | None:
        """The tooltip of one cell: made when asked (hovering), not for every paint."""
        if column == COL_NAME:
            return self.person.org or None
        if column == COL_CONTEXTS:
            return self.display[2] or None
        if column == COL_BALANCE:
            return balance_tip(self.person.balance)
        return None


__all__ = [
    "COLUMNS",
    "COL_PHOTO",
    "COL_NAME",
    "COL_CONTEXTS",
    "COL_LAST",
    "COL_BALANCE",
    "COL_NEXT",
    "RowTexts",
    "balance_text",
    "list_date",
    "balance_tip",
]
