"""The delicacy advisor's rules, one by one: what makes each fire and what keeps
it quiet, in English and in French (pure functions over plain facts)."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.i18n import set_language
from entregent.i18n_dates import format_day
from entregent.network import advice
from entregent.network.advice import ContactFacts, GroupFacts, Thresholds, prepare_ask
from entregent.network.reciprocity import Ledger

TODAY = dt.date(2026, 6, 15)
DAY = dt.timedelta(days=1)


@pytest.fixture(params=["en", "fr"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def friendly(**changes) -> ContactFacts:
    """A regular tie with a healthy history: no rule fires."""
    facts = dict(
        name="Claire Petit",
        tie="regular",
        context_kinds=frozenset({"work"}),
        cadence_days=60,
        last_interaction=TODAY - 10 * DAY,
        interactions=12,
        informal_interactions=0,
        rapport_interactions=6,
        personal_rapport_interactions=6,
        window_interactions=8,
        window_asks=1,
        ledger=Ledger(help_given=3, help_received=1, asks_helped=1),
        last_ask_on=TODAY - 200 * DAY,
    )
    facts.update(changes)
    return ContactFacts(**facts)


def ids(facts, **kwargs):
    return [w.id for w in prepare_ask(facts, "advice", today=TODAY, **kwargs)]


def only(facts, rule, **kwargs) -> advice.Warning:
    warnings = [w for w in prepare_ask(facts, "advice", today=TODAY, **kwargs) if w.id == rule]
    assert len(warnings) == 1, ids(facts)
    return warnings[0]


# Words that show the text really is in the language asked for.
ENGLISH = {
    "close_tie": "close to you",
    "imbalance": "more for you",
    "recent_ask": "ask",
    "only_when_needed": "only to ask",
    "no_rapport": "relaxed time",
    "group_newcomer": "through",
    "faded_encounter": "once",
    "stale_tie": "in touch",
}
FRENCH = {
    "close_tie": "vous est proche",
    "imbalance": "pour vous",
    "recent_ask": "demand",
    "only_when_needed": "que pour demander",
    "no_rapport": "moment",
    "group_newcomer": "par",
    "faded_encounter": "une fois",
    "stale_tie": "contact",
}


def check_text(warning, language):
    words = ENGLISH if language == "en" else FRENCH
    assert words[warning.id] in warning.message, warning.message
    assert (
        "Claire Petit" in warning.message
        or warning.id == "group_newcomer"
        or "Claire Petit" in warning.explanation
    )
    assert len(warning.explanation) > len(warning.message)
    if language == "fr":
        assert "{" not in warning.message + warning.explanation
        assert " the " not in warning.explanation


def test_a_healthy_regular_tie_raises_nothing(language):
    assert ids(friendly()) == []
    assert advice.alternatives_for([]) == []


# --- close tie (P7) ---------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"tie": "close"},
        {"context_kinds": frozenset({"family"})},
        {"context_kinds": frozenset({"friends", "sport"})},
    ],
)
def test_close_tie_fires(language, changes):
    warning = only(friendly(**changes), "close_tie")
    assert (warning.severity, warning.principle) == ("caution", "P7")
    assert warning.alternatives == ("social_meeting", "offer_help")
    check_text(warning, language)


@pytest.mark.parametrize(
    "changes", [{"tie": "acquaintance"}, {"context_kinds": frozenset({"club", "work"})}]
)
def test_close_tie_quiet(language, changes):
    assert "close_tie" not in ids(friendly(**changes))


# --- imbalance (P1) ---------------------------------------------------------------


def test_imbalance_fires_when_taken_outweighs_given(language):
    facts = friendly(ledger=Ledger(help_given=1, help_received=2, asks_declined=1))
    warning = only(facts, "imbalance")
    assert (warning.severity, warning.principle) == ("caution", "P1")
    assert "offer_help" in warning.alternatives
    check_text(warning, language)
    assert "1" in warning.explanation and "2.5" in warning.explanation.replace(",", ".")


@pytest.mark.parametrize(
    "ledger",
    [
        Ledger(),
        Ledger(help_given=2, help_received=2),
        Ledger(help_given=1, asks_declined=1),
        Ledger(help_given=0, asks_declined=1),
    ],
)
def test_imbalance_quiet_when_roughly_even(language, ledger):
    assert "imbalance" not in ids(friendly(ledger=ledger))


# --- recent ask (P1/P7) -----------------------------------------------------------


def test_recent_ask_fires_within_the_window(language):
    warning = only(friendly(last_ask_on=TODAY - 30 * DAY), "recent_ask")
    assert warning.severity == "caution"
    assert "30" in warning.message
    assert warning.alternatives == ("follow_up",)
    check_text(warning, language)


def test_recent_ask_is_strong_while_one_is_pending(language):
    facts = friendly(last_ask_on=TODAY - 5 * DAY, pending_ask_on=TODAY - 5 * DAY)
    warning = only(facts, "recent_ask")
    assert warning.severity == "strong"
    assert format_day(TODAY - 5 * DAY) in warning.explanation
    check_text(warning, language)
    assert prepare_ask(facts, "advice", today=TODAY)[0].id == "recent_ask"  # strong first


def test_recent_ask_quiet_after_the_window_and_for_old_pending_asks(language):
    assert "recent_ask" not in ids(friendly(last_ask_on=TODAY - 91 * DAY))
    assert "recent_ask" not in ids(
        friendly(last_ask_on=TODAY - 400 * DAY, pending_ask_on=TODAY - 400 * DAY)
    )
    assert "recent_ask" not in ids(friendly(last_ask_on=None))
    shorter = Thresholds(recent_ask_days=20)
    assert "recent_ask" not in ids(friendly(last_ask_on=TODAY - 30 * DAY), thresholds=shorter)


# --- only when needed (P7) --------------------------------------------------------


def test_only_when_needed_fires_when_every_recent_contact_was_an_ask(language):
    warning = only(friendly(window_interactions=3, window_asks=3), "only_when_needed")
    assert (warning.severity, warning.principle) == ("strong", "P7")
    check_text(warning, language)


@pytest.mark.parametrize(("n", "asks"), [(3, 2), (0, 0), (4, 0)])
def test_only_when_needed_quiet(language, n, asks):
    assert "only_when_needed" not in ids(friendly(window_interactions=n, window_asks=asks))


# --- no rapport (P5) --------------------------------------------------------------


def test_no_rapport_fires_with_only_formal_meetings(language):
    facts = friendly(rapport_interactions=0, personal_rapport_interactions=0)
    warning = only(facts, "no_rapport")
    assert (warning.severity, warning.principle) == ("caution", "P5")
    assert warning.alternatives == ("social_meeting",)
    check_text(warning, language)


def test_no_rapport_quiet_with_one_coffee_or_for_close_ties(language):
    assert "no_rapport" not in ids(friendly(rapport_interactions=1))
    assert "no_rapport" not in ids(friendly(rapport_interactions=0, tie="close"))
    assert "no_rapport" not in ids(
        friendly(rapport_interactions=0, context_kinds=frozenset({"family"}))
    )


# --- group newcomer (P8) ----------------------------------------------------------


def in_group(**group) -> ContactFacts:
    values = dict(name="Rotary Sceaux", joined_on=TODAY - 400 * DAY, contributed=True)
    values.update(group)
    return friendly(
        context_kinds=frozenset({"association"}),
        personal_rapport_interactions=0,
        groups=(GroupFacts(**values),),
    )


def test_group_newcomer_fires_for_a_group_joined_recently(language):
    warning = only(in_group(joined_on=TODAY - 20 * DAY), "group_newcomer")
    assert (warning.severity, warning.principle) == ("caution", "P8")
    assert "Rotary Sceaux" in warning.message and "Claire Petit" in warning.message
    assert warning.alternatives == ("offer_help",)
    check_text(warning, language)


def test_group_newcomer_fires_where_the_user_has_not_contributed(language):
    warning = only(in_group(contributed=False), "group_newcomer")
    assert "Rotary Sceaux" in warning.message
    check_text(warning, language)


def test_group_newcomer_quiet(language):
    assert "group_newcomer" not in ids(in_group())  # settled, and contributed
    assert "group_newcomer" not in ids(friendly())  # no group at all
    # Known beyond the group: from work, or seen outside of it.
    recent = in_group(joined_on=TODAY - 20 * DAY)
    assert "group_newcomer" not in ids(
        ContactFacts(**{**recent.__dict__, "context_kinds": frozenset({"association", "work"})})
    )
    assert "group_newcomer" not in ids(
        ContactFacts(**{**recent.__dict__, "personal_rapport_interactions": 2})
    )
    # One settled group where the user helps is enough.
    both = ContactFacts(
        **{
            **recent.__dict__,
            "groups": recent.groups + (GroupFacts("Restos du Cœur", TODAY - 800 * DAY, True),),
        }
    )
    assert "group_newcomer" not in ids(both)
    longer = Thresholds(newcomer_days=10)
    assert "group_newcomer" not in ids(recent, thresholds=longer)


# --- faded informal encounter (P6) ------------------------------------------------


def met_once(days_ago: int, informal: bool = True) -> ContactFacts:
    return friendly(
        tie="acquaintance",
        context_kinds=frozenset({"sport"}),
        cadence_days=None,
        interactions=1,
        informal_interactions=int(informal),
        rapport_interactions=1,
        personal_rapport_interactions=1,
        window_interactions=1,
        window_asks=0,
        ledger=Ledger(),
        last_ask_on=None,
        last_interaction=TODAY - days_ago * DAY,
    )


def test_faded_encounter_fires_after_the_follow_up_window(language):
    warning = only(met_once(40), "faded_encounter")
    assert (warning.severity, warning.principle) == ("caution", "P6")
    assert "40" in warning.message
    assert warning.alternatives[0] == "follow_up"
    check_text(warning, language)


def test_faded_encounter_quiet(language):
    assert "faded_encounter" not in ids(met_once(5))  # still fresh
    assert "faded_encounter" not in ids(met_once(40, informal=False))  # a formal meeting
    assert "faded_encounter" not in ids(friendly(informal_interactions=3))  # seen often
    assert "faded_encounter" not in ids(
        met_once(40), thresholds=Thresholds(informal_followup_days=60)
    )


# --- stale tie (P3/P9) ------------------------------------------------------------


def test_stale_tie_fires_after_twice_the_cadence(language):
    warning = only(friendly(cadence_days=30, last_interaction=TODAY - 61 * DAY), "stale_tie")
    assert (warning.severity, warning.principle) == ("info", "P3/P9")
    assert "61" in warning.message and "30" in warning.explanation
    check_text(warning, language)


def test_stale_tie_quiet(language):
    assert "stale_tie" not in ids(friendly(cadence_days=30, last_interaction=TODAY - 60 * DAY))
    assert "stale_tie" not in ids(friendly(cadence_days=None, last_interaction=TODAY - 900 * DAY))
    assert "stale_tie" not in ids(friendly(last_interaction=None))
    assert "stale_tie" not in ids(
        friendly(cadence_days=30, last_interaction=TODAY - 61 * DAY),
        thresholds=Thresholds(stale_factor=3),
    )


# --- together ---------------------------------------------------------------------


def test_warnings_come_most_serious_first_with_alternatives(language):
    facts = friendly(
        tie="close",
        window_interactions=2,
        window_asks=2,
        last_ask_on=TODAY - 3 * DAY,
        cadence_days=10,
        last_interaction=TODAY - 40 * DAY,
    )
    warnings = prepare_ask(facts, "favour", today=TODAY)
    severities = [w.severity for w in warnings]
    assert severities == sorted(severities, key=advice.SEVERITY_ORDER.get)
    assert {"close_tie", "only_when_needed", "recent_ask", "stale_tie"} <= {w.id for w in warnings}
    alternatives = advice.alternatives_for(warnings)
    assert alternatives[-2:] == ["ask_anyway", "cancel"]
    assert len(alternatives) == len(set(alternatives))
    labels = [advice.alternative_label(a) for a in alternatives]
    assert all(labels) and ("Ask anyway" in labels) == (language == "en")
    assert ("Demander quand même" in labels) == (language == "fr")
    assert set(warnings[0].as_json()) == {
        "id",
        "severity",
        "principle",
        "message",
        "explanation",
        "alternatives",
    }


def test_every_rule_has_fired_somewhere_in_this_file():
    assert set(advice.RULE_IDS) == set(ENGLISH) == set(FRENCH)
