"""The asks the user made, listed with their ids, and their answers recorded
(``entregent asks`` / ``entregent answer``).

An ask that has not been answered is not help received: it stays open
("pending") until the user says how it turned out — ``helped``, ``declined``
or ``no_answer``. Answering ``helped`` proposes a thank-you follow-up; ``answer_and_thank``
records the answer and plans that follow-up in one go (the person's page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from entregent.errors import NotFound, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import Ask

__all__ = [
    "AskRow",
    "list_asks",
    "answer_ask",
    "answer_and_thank",
    "ANSWERS",
    "thank_you_proposal",
]

# What the user types -> the stored outcome.
ANSWERS = {"helped": "helped", "declined": "declined", "no-answer": "no_answer"}


@dataclass(frozen=True)
class AskRow:
    id: int
    contact_id: int
    name: str
    asked_at: dt.datetime
    what: str
    detail: str
    outcome: str
    outcome_at: dt.datetime | None
    note: str

    @property
    def open(self) -> bool:
        return self.outcome == "pending"

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "contact": {"id": self.contact_id, "name": self.name},
            "asked_at": self.asked_at.isoformat() + "Z",
            "what": self.what,
            "detail": self.detail,
            "outcome": self.outcome,
            "open": self.open,
            "outcome_at": None if self.outcome_at is None else self.outcome_at.isoformat() + "Z",
            "note": self.note,
        }


def _stamp(value) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def list_asks(contact_id: int | None = None, *, open_only: bool = False) -> list[AskRow]:
    """The asks (newest first), for one person or everyone; ``open_only``: unanswered."""
    where, params = [], []
    if contact_id is not None:
        where.append("p.contact_id = ?")
        params.append(contact_id)
    if open_only:
        where.append("a.outcome = 'pending'")
    sql = (
        "SELECT a.id, p.contact_id, c.display_name, i.occurred_at, a.what, a.detail, "
        "a.outcome, a.outcome_at, i.note FROM ask a JOIN interaction i ON i.id = a.interaction_id "
        "JOIN participant p ON p.interaction_id = i.id JOIN contact c ON c.id = p.contact_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY i.occurred_at DESC, a.id DESC"
    )
    return [
        AskRow(r[0], r[1], r[2], _stamp(r[3]), r[4], r[5] or "", r[6], _stamp(r[7]), r[8] or "")
        for r in database.execute_sql(sql, params)
    ]


def get_ask(ask_id: int) -> AskRow:
    for row in list_asks():
        if row.id == ask_id:
            return row
    raise NotFound(_("No ask with id {id}.").format(id=ask_id))


def answer_ask(ask_id: int, answer: str, *, note: str = "") -> AskRow:
    """Record how ask ``ask_id`` turned out; ``answer`` is helped, declined or no-answer.

    The answer's note is added to the ask's interaction note. Returns the ask as
    it now is."""
    from entregent.services.relations.asks import set_ask_outcome

    outcome = ANSWERS.get(answer.strip().casefold().replace("_", "-"))
    if outcome is None:
        raise UserError(
            _("Unknown answer “{answer}”; use one of: {answers}.").format(
                answer=answer, answers=", ".join(ANSWERS)
            )
        )
    ask = Ask.get_or_none(Ask.id == ask_id)
    if ask is None:
        raise NotFound(_("No ask with id {id}.").format(id=ask_id))
    with database.atomic():
        set_ask_outcome(ask_id, outcome)
        if note.strip():
            interaction = ask.interaction
            interaction.note = "\n".join(t for t in (interaction.note, note.strip()) if t)
            interaction.save()
    return get_ask(ask_id)


def thank_you_proposal(row: AskRow, *, today: dt.date | None = None) -> dict:
    """The follow-up proposed after help received: say thank you within two days."""
    today = today or dt.date.today()
    return {
        "contact_id": row.contact_id,
        "due_on": (today + dt.timedelta(days=2)).isoformat(),
        "note": _("Thank {name} for their help").format(name=row.name),
    }


def answer_and_thank(
    ask_id: int,
    answer: str,
    *,
    note: str = "",
    thank_you: bool = False,
    today: dt.date | None = None,
) -> tuple[AskRow, int | None]:
    """Record how ask ``ask_id`` turned out (``answer_ask``) and, when it was
    "helped" and ``thank_you`` is asked for, plan the proposed thank-you follow-up.
    One transaction; returns the ask as it now is and the follow-up's id (or None).
    The person's page in the GUI answers asks through this."""
    from entregent.services.relations.followups import create_followup

    with database.atomic():
        row = answer_ask(ask_id, answer, note=note)
        follow_up_id = None
        if thank_you and row.outcome == "helped":
            proposal = thank_you_proposal(row, today=today)
            follow_up_id = create_followup(
                row.contact_id, dt.date.fromisoformat(proposal["due_on"]), note=proposal["note"]
            )
    return row, follow_up_id
