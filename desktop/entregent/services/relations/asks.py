"""Asking someone for something: the advisor's preview, then the record.

``prepare_ask(contact_id, what)`` gathers what the log says about the person
in a handful of aggregate queries (it must stay fast on people with thousands
of interactions) and runs the advisor (network/advice.py) on it.
``record_ask`` stores the ask as an interaction with its details: what was
asked, the warnings shown, the user's decision; ``set_ask_outcome`` records
the answer later.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from entregent.errors import NotFound, UserError
from entregent.i18n import _
from entregent.model.database import database
from entregent.model.tables import ASK_OUTCOMES, ASK_WHATS, Ask, utcnow
from entregent.network import advice
from entregent.network.cadence import ContextCadence, effective_cadence
from entregent.network.kinds import INFORMAL_KINDS, RAPPORT_REGISTERS
from entregent.network.reciprocity import Ledger
from entregent.network.ties import infer_tie
from entregent.services.settings import get_setting

ASK_KINDS = ASK_WHATS  # what one may ask for, in the order the ask dialog offers them

__all__ = [
    "AskPreview",
    "prepare_ask",
    "warning_badges",
    "ASK_KINDS",
    "record_ask",
    "set_ask_outcome",
    "contact_facts",
    "advice_thresholds",
    "DECISIONS",
]

# What the user may decide when they go ahead with an ask.
DECISIONS = ("no_warnings", "ask_anyway")


def advice_thresholds() -> advice.Thresholds:
    return advice.Thresholds(
        balance_window_days=get_setting("balance_window_days"),
        recent_ask_days=get_setting("recent_ask_days"),
        newcomer_days=get_setting("newcomer_days"),
        informal_followup_days=get_setting("informal_followup_days"),
        stale_factor=get_setting("stale_factor"),
    )


def _stamp(day: dt.date) -> str:
    """The stored form of midnight UTC on ``day`` (times are kept as UTC text)."""
    return f"{day.isoformat()} 00:00:00"


def _day(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


# One pass over the person's interactions, grouped so that the database does the
# counting and Python only adds up a few dozen groups (far cheaper than a dozen
# conditional aggregates over thousands of rows).
_FACTS_SQL = """
SELECT i.register, i.kind, i.organization_id IS NULL, i.occurred_at >= :win,
       coalesce(a.outcome, 'pending'), count(*), max(i.occurred_at)
FROM participant p
JOIN interaction i ON i.id = p.interaction_id
LEFT JOIN ask a ON a.interaction_id = i.id
WHERE p.contact_id = :contact
GROUP BY 1, 2, 3, 4, 5
"""
_CONTEXTS_SQL = """
SELECT x.kind, x.cadence_days, x.priority FROM contact_context cc
JOIN context x ON x.id = cc.context_id WHERE cc.contact_id = ?
"""
_GROUPS_SQL = """
SELECT o.name, o.joined_on,
       EXISTS (SELECT 1 FROM interaction i WHERE i.organization_id = o.id
               AND (i.kind = 'volunteering' OR i.register = 'help_given'))
FROM membership m JOIN organization o ON o.id = m.organization_id
WHERE m.contact_id = ? ORDER BY o.joined_on DESC, o.name
"""


def contact_facts(
    contact_id: int, *, today: dt.date | None = None, window_days: int | None = None
) -> advice.ContactFacts:
    """What the log says about one person, for the advisor (four small queries)."""
    today = today or dt.date.today()
    window_days = window_days or get_setting("balance_window_days")
    name, explicit_tie, own_cadence = _person_row(contact_id)
    contexts = database.execute_sql(_CONTEXTS_SQL, (contact_id,)).fetchall()
    kinds = frozenset(kind for kind, _c, _p in contexts)
    tally = _tally_log(contact_id, _stamp(today - dt.timedelta(days=window_days)))
    return advice.ContactFacts(
        contact_id=contact_id,
        name=name or _("(no name)"),
        tie=infer_tie(explicit_tie, kinds, tally.n),
        context_kinds=kinds,
        cadence_days=effective_cadence(
            own_cadence, [ContextCadence(p, c) for _k, c, p in contexts]
        ),
        last_interaction=_day(tally.last),
        interactions=tally.n,
        informal_interactions=tally.informal,
        rapport_interactions=tally.rapport,
        personal_rapport_interactions=tally.personal,
        window_interactions=tally.window_n,
        window_asks=tally.window_asks,
        ledger=Ledger(
            help_given=tally.given,
            help_received=tally.received,
            asks_pending=tally.outcomes["pending"],
            asks_helped=tally.outcomes["helped"],
            asks_declined=tally.outcomes["declined"],
        ),
        last_ask_on=_day(tally.last_ask),
        pending_ask_on=_day(tally.pending_ask),
        groups=_group_facts(contact_id),
    )


def _person_row(contact_id: int) -> tuple[str, str | None, int | None]:
    row = database.execute_sql(
        "SELECT display_name, tie_strength, cadence_days FROM contact WHERE id = ?", (contact_id,)
    ).fetchone()
    if row is None:
        raise NotFound(_("No person with id {id}.").format(id=contact_id))
    return row


def _latest(a: str | None, b: str) -> str:
    return b if a is None else max(a, b)


@dataclass
class _LogTally:
    """The person's log summed up, from rows grouped by register, kind, outcome."""

    n: int = 0
    informal: int = 0
    rapport: int = 0
    personal: int = 0
    window_n: int = 0
    window_asks: int = 0
    given: int = 0
    received: int = 0
    outcomes: dict[str, int] = field(
        default_factory=lambda: {"pending": 0, "helped": 0, "declined": 0}
    )
    last: str | None = None
    last_ask: str | None = None
    pending_ask: str | None = None

    def add(self, register, kind, outside_groups, outcome, count, latest) -> None:
        """Any time: counts, rapport and the latest dates."""
        self.n += count
        self.last = _latest(self.last, latest)
        if kind in INFORMAL_KINDS:
            self.informal += count
        if register in RAPPORT_REGISTERS:
            self.rapport += count
            self.personal += count if outside_groups else 0
        if register == "ask":
            self.last_ask = _latest(self.last_ask, latest)
            if outcome == "pending":
                self.pending_ask = _latest(self.pending_ask, latest)

    def add_recent(self, register, outcome, count) -> None:
        """Within the reciprocity window: the ledger."""
        self.window_n += count
        if register == "ask":
            self.window_asks += count
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + count
        elif register == "help_given":
            self.given += count
        elif register == "help_received":
            self.received += count


def _tally_log(contact_id: int, window_start: str) -> _LogTally:
    tally = _LogTally()
    rows = database.execute_sql(_FACTS_SQL, {"win": window_start, "contact": contact_id})
    for register, kind, outside_groups, recent, outcome, count, latest in rows:
        tally.add(register, kind, outside_groups, outcome, count, latest)
        if recent:
            tally.add_recent(register, outcome, count)
    return tally


def _group_facts(contact_id: int) -> tuple[advice.GroupFacts, ...]:
    return tuple(
        advice.GroupFacts(g_name, _day(joined), bool(contributed))
        for g_name, joined, contributed in database.execute_sql(_GROUPS_SQL, (contact_id,))
    )


@dataclass
class AskPreview:
    contact_id: int
    name: str
    what: str
    detail: str
    warnings: list[advice.Warning] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)

    @property
    def clear(self) -> bool:
        """No warning: the ask can go straight through."""
        return not self.warnings

    def as_json(self) -> dict:
        return {
            "contact": {"id": self.contact_id, "name": self.name},
            "what": self.what,
            "detail": self.detail,
            "warnings": [w.as_json() for w in self.warnings],
            "alternatives": [
                {"id": a, "label": advice.alternative_label(a)} for a in self.alternatives
            ],
        }


def _check_what(what: str) -> str:
    if what not in ASK_WHATS:
        raise UserError(
            _("Unknown kind of ask “{what}”; use one of: {whats}.").format(
                what=what, whats=", ".join(ASK_WHATS)
            )
        )
    return what


def prepare_ask(
    contact_id: int, what: str, *, detail: str = "", today: dt.date | None = None
) -> AskPreview:
    """The advisor's warnings before asking ``contact_id`` for ``what`` (nothing stored)."""
    what = _check_what(what)
    today = today or dt.date.today()
    thresholds = advice_thresholds()
    facts = contact_facts(contact_id, today=today, window_days=thresholds.balance_window_days)
    warnings = advice.prepare_ask(facts, what, today=today, thresholds=thresholds)
    return AskPreview(
        contact_id, facts.name, what, detail, warnings, advice.alternatives_for(warnings)
    )


def _warning_json(warning) -> dict:
    if isinstance(warning, advice.Warning):
        return {
            "id": warning.id,
            "severity": warning.severity,
            "principle": warning.principle,
            "message": warning.message,
        }
    if isinstance(warning, str):
        return {"id": warning}
    return dict(warning)


def record_ask(
    contact_id: int,
    what: str,
    *,
    warnings=(),
    decision: str | None = None,
    detail: str = "",
    when: dt.datetime | dt.date | None = None,
    outcome: str = "pending",
    note: str = "",
    tz: str = "",
) -> int:
    """Store an ask made to ``contact_id``; returns the ask's id.

    ``warnings`` are the ones shown (Warning objects, their JSON, or ids);
    ``decision`` is ``"no_warnings"`` (the default when none were shown) or
    ``"ask_anyway"`` (the default otherwise). ``when`` and ``tz`` are read as by
    ``log_interaction`` (default: now).
    """
    from entregent.services.relations.interactions import log_interaction

    what = _check_what(what)
    shown = [_warning_json(w) for w in warnings]
    decision = decision or ("ask_anyway" if shown else "no_warnings")
    if decision not in DECISIONS:
        raise UserError(_("An ask is recorded only when you go ahead with it."))
    if outcome not in ASK_OUTCOMES:
        raise UserError(
            _("Unknown outcome “{outcome}”; use one of: {outcomes}.").format(
                outcome=outcome, outcomes=", ".join(ASK_OUTCOMES)
            )
        )
    with database.atomic():
        interaction_id = log_interaction([contact_id], "ask", when, note=note or detail, tz=tz)
        ask = Ask.get(Ask.interaction == interaction_id)
        ask.what, ask.detail, ask.decision = what, detail, decision
        ask.warnings = json.dumps(shown, ensure_ascii=False)
        ask.outcome = outcome
        ask.outcome_at = None if outcome == "pending" else utcnow()
        ask.save()
    return ask.id


def set_ask_outcome(ask_id: int, outcome: str) -> None:
    """Record how an ask turned out: pending, helped or declined."""
    if outcome not in ASK_OUTCOMES:
        raise UserError(
            _("Unknown outcome “{outcome}”; use one of: {outcomes}.").format(
                outcome=outcome, outcomes=", ".join(ASK_OUTCOMES)
            )
        )
    updated = (
        Ask.update(outcome=outcome, outcome_at=None if outcome == "pending" else utcnow())
        .where(Ask.id == ask_id)
        .execute()
    )
    if not updated:
        raise NotFound(_("No ask with id {id}.").format(id=ask_id))


def warning_badges(contact_ids, what: str = "favour") -> dict[int, str]:
    """For the people given: those an ask would now draw a strong warning for,
    with the advisor's message (the list shows them with a badge)."""
    badges: dict[int, str] = {}
    for contact_id in contact_ids:
        preview = prepare_ask(contact_id, what)
        strong = [w for w in preview.warnings if w.severity == "strong"]
        if strong:
            badges[contact_id] = strong[0].message
    return badges
