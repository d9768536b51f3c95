"""The delicacy advisor: a word of advice before asking someone for something.

Pure functions over plain data. ``prepare_ask(facts, what, today=…,
thresholds=…)`` reads what we know about the person (``ContactFacts``, built
by services/asks.py from the database) and returns the warnings that apply,
most serious first. No warning means the ask can go straight through.

The rules (DESIGN.md, "The delicacy advisor"), each with its principle:

========================  =====  ===========================================  ========
id                        P      fires when                                   severity
========================  =====  ===========================================  ========
close_tie                 P7     family/friends context, or the tie is close  caution
imbalance                 P1     over the window, taken outweighs given        caution
                                 (reciprocity.py: the ledger's label)
recent_ask                P1/P7  asked them within ``recent_ask_days``;       caution;
                                 one of those asks still pending              strong
only_when_needed          P7     every interaction in the window was an ask   strong
no_rapport                P5     never a social or group interaction (not     caution
                                 for close ties, where rapport is a given)
group_newcomer            P8     known only through groups, each one joined   caution
                                 under ``newcomer_days`` ago or with no
                                 contribution logged
faded_encounter           P6     met once, informally (sport, gym, party),    caution
                                 more than ``informal_followup_days`` ago,
                                 and nothing since
stale_tie                 P3/P9  nothing for more than ``stale_factor`` times  info
                                 their cadence
========================  =====  ===========================================  ========

Texts are English msgids translated at call time through ``entregent.i18n``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from entregent.i18n import N_, _, ngettext
from entregent.i18n_dates import format_day
from entregent.network import cadence
from entregent.network.kinds import ASK_WHAT_LABELS
from entregent.network.reciprocity import RECEIVED_MORE, Ledger
from entregent.network.ties import CLOSE, CLOSE_CONTEXT_KINDS

INFO, CAUTION, STRONG = "info", "caution", "strong"
SEVERITY_ORDER = {STRONG: 0, CAUTION: 1, INFO: 2}

SEVERITY_LABELS = {
    INFO: N_("for your information"),
    CAUTION: N_("take care"),
    STRONG: N_("think twice"),
}

OFFER_HELP, SOCIAL_MEETING, FOLLOW_UP, ASK_ANYWAY, CANCEL = (
    "offer_help",
    "social_meeting",
    "follow_up",
    "ask_anyway",
    "cancel",
)
ALTERNATIVE_LABELS = {
    OFFER_HELP: N_("Offer your help first"),
    SOCIAL_MEETING: N_("Plan time together, just to catch up"),
    FOLLOW_UP: N_("Schedule a follow-up"),
    ASK_ANYWAY: N_("Ask anyway"),
    CANCEL: N_("Not now"),
}

# Contexts through which people are met in groups (P8).
GROUP_CONTEXT_KINDS = frozenset({"club", "association", "charity", "sport"})


@dataclass(frozen=True)
class Thresholds:
    balance_window_days: int = 365
    recent_ask_days: int = 90
    newcomer_days: int = 90
    informal_followup_days: int = 14
    stale_factor: float = 2.0


@dataclass(frozen=True)
class GroupFacts:
    """One of the user's groups through which they know the person."""

    name: str
    joined_on: dt.date | None
    contributed: bool  # the user logged volunteering or help given within this group


@dataclass(frozen=True)
class ContactFacts:
    """What the advisor needs to know about one person (all counts from the log)."""

    name: str
    tie: str  # in effect: set by the user or inferred (network.ties)
    context_kinds: frozenset[str] = frozenset()
    cadence_days: int | None = None
    last_interaction: dt.date | None = None
    interactions: int = 0  # ever, asks included
    informal_interactions: int = 0  # ever: sport, gym, party
    rapport_interactions: int = 0  # ever: social or group register
    personal_rapport_interactions: int = 0  # rapport outside any of the user's groups
    window_interactions: int = 0  # within balance_window_days
    window_asks: int = 0
    ledger: Ledger = field(default_factory=Ledger)  # within balance_window_days
    last_ask_on: dt.date | None = None
    pending_ask_on: dt.date | None = None  # the latest ask still waiting for an answer
    groups: tuple[GroupFacts, ...] = ()
    contact_id: int | None = None


@dataclass(frozen=True)
class Warning:
    id: str
    severity: str
    principle: str
    message: str
    explanation: str
    alternatives: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity,
            "principle": self.principle,
            "message": self.message,
            "explanation": self.explanation,
            "alternatives": list(self.alternatives),
        }


def alternative_label(alternative: str) -> str:
    return _(ALTERNATIVE_LABELS[alternative])


def alternatives_for(warnings: list[Warning]) -> list[str]:
    """What the user can do instead, in the order the warnings suggest, then ask/cancel."""
    ordered: list[str] = []
    for warning in warnings:
        for alternative in warning.alternatives:
            if alternative not in ordered:
                ordered.append(alternative)
    return ordered + [ASK_ANYWAY, CANCEL] if warnings else []


def what_label(what: str) -> str:
    return _(ASK_WHAT_LABELS.get(what, ASK_WHAT_LABELS["other"]))


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def _close_tie(f: ContactFacts, what: str, today: dt.date, t: Thresholds) -> Warning | None:
    if f.tie != CLOSE and not (f.context_kinds & CLOSE_CONTEXT_KINDS):
        return None
    return Warning(
        "close_tie",
        CAUTION,
        "P7",
        _("{name} is close to you: ask with care.").format(name=f.name),
        _(
            "Family and close friends know what you are worth and often want to help, which "
            "is why asking them for {what} needs a light touch: nobody likes to feel used. "
            "Make sure {name} also hears from you for their own sake, and ask in a way that "
            "leaves them free to say no."
        ).format(name=f.name, what=what_label(what)),
        (SOCIAL_MEETING, OFFER_HELP),
    )


def _imbalance(f: ContactFacts, what: str, today: dt.date, t: Thresholds) -> Warning | None:
    if f.ledger.label != RECEIVED_MORE:
        return None
    return Warning(
        "imbalance",
        CAUTION,
        "P1",
        _("Lately {name} has done more for you than you for them.").format(name=f.name),
        _(
            "Over the last {period}: {given:g} good turns from you, {taken:g} from their side "
            "(help and asks). Help that flows both ways keeps a relationship easy; is there "
            "something you could do for {name} first?"
        ).format(
            period=_days(t.balance_window_days),
            given=f.ledger.given,
            taken=f.ledger.taken,
            name=f.name,
        ),
        (OFFER_HELP,),
    )


def _recent_ask(f: ContactFacts, what: str, today: dt.date, t: Thresholds) -> Warning | None:
    limit = today - dt.timedelta(days=t.recent_ask_days)
    if f.pending_ask_on is not None and f.pending_ask_on >= limit:
        return Warning(
            "recent_ask",
            STRONG,
            "P1/P7",
            _("{name} has not answered your last ask yet.").format(name=f.name),
            _(
                "You asked on {date} and it is still open. A second request before the first "
                "is settled can feel like pressure: give {name} time, and mark the first ask "
                "as answered once you hear back."
            ).format(date=format_day(f.pending_ask_on), name=f.name),
            (FOLLOW_UP,),
        )
    if f.last_ask_on is None or f.last_ask_on < limit:
        return None
    ago = (today - f.last_ask_on).days
    return Warning(
        "recent_ask",
        CAUTION,
        "P1/P7",
        _("You already asked {name} for something {ago} ago.").format(name=f.name, ago=_days(ago)),
        _(
            "Asking again so soon can make {name} feel that you call when you need something. "
            "If it can wait, let some time and a friendly exchange come first."
        ).format(name=f.name),
        (FOLLOW_UP,),
    )


def _only_when_needed(f: ContactFacts, what: str, today: dt.date, t: Thresholds) -> Warning | None:
    if f.window_asks == 0 or f.window_asks < f.window_interactions:
        return None
    return Warning(
        "only_when_needed",
        STRONG,
        "P7",
        _("Lately you have been in touch with {name} only to ask.").format(name=f.name),
        _(
            "Everything logged with {name} over the last {period} was an ask. Before asking "
            "again, get in touch for nothing in particular: news, a coffee, a thank-you."
        ).format(name=f.name, period=_days(t.balance_window_days)),
        (SOCIAL_MEETING, OFFER_HELP),
    )


def _no_rapport(f: ContactFacts, what: str, today: dt.date, t: Thresholds) -> Warning | None:
    if f.rapport_interactions > 0 or f.tie == CLOSE or f.context_kinds & CLOSE_CONTEXT_KINDS:
        return None
    return Warning(
        "no_rapport",
        CAUTION,
        "P5",
        _("You have not yet spent relaxed time with {name}.").format(name=f.name),
        _(
            "People help those they know and like. A coffee, a meal or a shared activity "
            "usually comes before a request; without it, an ask can feel like a transaction."
        ).format(name=f.name),
        (SOCIAL_MEETING,),
    )


def _group_newcomer(f: ContactFacts, what: str, today: dt.date, t: Thresholds) -> Warning | None:
    if not f.groups or f.personal_rapport_interactions > 0:
        return None
    if f.context_kinds - GROUP_CONTEXT_KINDS:
        return None  # known through more than groups
    limit = today - dt.timedelta(days=t.newcomer_days)
    recent = [g for g in f.groups if g.joined_on is not None and g.joined_on > limit]
    idle = [g for g in f.groups if not g.contributed]
    if any(g not in recent and g not in idle for g in f.groups):
        return None  # at least one group is settled and has seen the user's work
    if recent:
        message = _("You know {name} through {group}, which you joined only recently.").format(
            name=f.name, group=recent[0].name
        )
    else:
        message = _("You know {name} through {group}, where you have not lent a hand yet.").format(
            name=f.name, group=idle[0].name
        )
    return Warning(
        "group_newcomer",
        CAUTION,
        "P8",
        message,
        _(
            "In a group, people notice who pitches in. Give a hand with the group's work "
            "first; the contacts come naturally once you are one of those who make it run."
        ),
        (OFFER_HELP,),
    )


def _faded_encounter(f: ContactFacts, what: str, today: dt.date, t: Thresholds) -> Warning | None:
    if f.interactions != 1 or f.informal_interactions != 1 or f.last_interaction is None:
        return None
    ago = (today - f.last_interaction).days
    if ago <= t.informal_followup_days:
        return None
    return Warning(
        "faded_encounter",
        CAUTION,
        "P6",
        _("You met {name} once, informally, {ago} ago, and not since.").format(
            name=f.name, ago=_days(ago)
        ),
        _(
            "A chat at the gym or a party fades quickly unless it is followed up. A short "
            "message to pick up the conversation would make your request less out of the "
            "blue."
        ),
        (FOLLOW_UP, SOCIAL_MEETING),
    )


def _stale_tie(f: ContactFacts, what: str, today: dt.date, t: Thresholds) -> Warning | None:
    if not cadence.is_stale(f.last_interaction, f.cadence_days, today, t.stale_factor):
        return None
    assert f.last_interaction is not None and f.cadence_days
    return Warning(
        "stale_tie",
        INFO,
        "P3/P9",
        _("You have not been in touch with {name} for {ago}.").format(
            name=f.name, ago=_days((today - f.last_interaction).days)
        ),
        _(
            "That is more than {factor:g} times the rhythm you keep with them (every {cadence}). "
            "Reconnect first: ask how they are, share some news, and come to your request "
            "later."
        ).format(factor=t.stale_factor, cadence=_days(f.cadence_days)),
        (FOLLOW_UP, SOCIAL_MEETING),
    )


RULES = (
    _close_tie,
    _imbalance,
    _recent_ask,
    _only_when_needed,
    _no_rapport,
    _group_newcomer,
    _faded_encounter,
    _stale_tie,
)
RULE_IDS = (
    "close_tie",
    "imbalance",
    "recent_ask",
    "only_when_needed",
    "no_rapport",
    "group_newcomer",
    "faded_encounter",
    "stale_tie",
)


def prepare_ask(
    facts: ContactFacts, what: str, *, today: dt.date, thresholds: Thresholds | None = None
) -> list[Warning]:
    """The warnings that apply before asking this person for ``what``, most serious first."""
    thresholds = thresholds or Thresholds()
    found = [w for rule in RULES if (w := rule(facts, what, today, thresholds)) is not None]
    return sorted(found, key=lambda w: SEVERITY_ORDER[w.severity])
