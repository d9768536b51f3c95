"""What an interaction can be: its kinds, the register each one falls in, and
the kinds that count as informal encounters.

The register says what an interaction means for the relationship:

- ``social``: time spent together for its own sake (coffee, a meal, sport, a
  party, a visit, a call or message between friends);
- ``professional``: a meeting about work;
- ``group``: something done in a group the user belongs to (an event,
  volunteering);
- ``help_given`` / ``help_received``: a good turn, either way (an introduction
  made between two people is help given to both);
- ``ask``: the user asked this person for something (see ``Ask``).

Social and group interactions build rapport (P5, P9).
"""

from __future__ import annotations

from entregent.i18n import N_, _

# kind -> the register it falls in unless told otherwise
REGISTER_OF_KIND: dict[str, str] = {
    "coffee": "social",
    "meal": "social",
    "sport": "social",
    "gym": "social",
    "party": "social",
    "family_visit": "social",
    "call": "social",
    "message": "social",
    "meeting": "professional",
    "group_event": "group",
    "volunteering": "group",
    "introduction": "help_given",
    "help_given": "help_given",
    "help_received": "help_received",
    "ask": "ask",
    "other": "social",
}
KINDS: tuple[str, ...] = tuple(REGISTER_OF_KIND)

# Encounters that fade unless followed up (P6).
INFORMAL_KINDS: frozenset[str] = frozenset({"sport", "gym", "party"})
# Registers that build rapport (P5, P9).
RAPPORT_REGISTERS: frozenset[str] = frozenset({"social", "group"})

KIND_LABELS: dict[str, str] = {
    "coffee": N_("coffee"),
    "meal": N_("meal"),
    "sport": N_("sport"),
    "gym": N_("gym"),
    "party": N_("party"),
    "family_visit": N_("family visit"),
    "call": N_("call"),
    "message": N_("message"),
    "meeting": N_("meeting"),
    "group_event": N_("group event"),
    "volunteering": N_("volunteering"),
    "introduction": N_("introduction made"),
    "help_given": N_("help given"),
    "help_received": N_("help received"),
    "ask": N_("ask"),
    "other": N_("other"),
}

REGISTER_LABELS: dict[str, str] = {
    "social": N_("social"),
    "professional": N_("professional"),
    "group": N_("group"),
    "help_given": N_("help given"),
    "help_received": N_("help received"),
    "ask": N_("ask"),
}

ASK_WHAT_LABELS: dict[str, str] = {
    "introduction": N_("an introduction"),
    "job_lead": N_("a job lead"),
    "advice": N_("advice"),
    "favour": N_("a favour"),
    "recommendation": N_("a recommendation"),
    "other": N_("something else"),
}

# What people type for an ask, folded to the stored value.
_WHAT_SYNONYMS = {
    "intro": "introduction",
    "introduction": "introduction",
    "introductions": "introduction",
    "job": "job_lead",
    "job_lead": "job_lead",
    "job-lead": "job_lead",
    "job lead": "job_lead",
    "lead": "job_lead",
    "advice": "advice",
    "advise": "advice",
    "conseil": "advice",
    "favour": "favour",
    "favor": "favour",
    "service": "favour",
    "recommendation": "recommendation",
    "reference": "recommendation",
    "recommandation": "recommendation",
    "other": "other",
}


def normalize_kind(text: str) -> str | None:
    """A kind as typed ("Family visit", "group-event") to its stored name, or None."""
    key = "_".join(text.strip().casefold().replace("-", " ").split())
    aliases = {
        "introduction_made": "introduction",
        "visit": "family_visit",
        "lunch": "meal",
        "dinner": "meal",
        "event": "group_event",
        "email": "message",
        "phone": "call",
    }
    key = aliases.get(key, key)
    if key in REGISTER_OF_KIND:
        return key
    # The kinds by their names, in English and in the user's language, with or
    # without case and accents ("café", "Repas", "appel", "visite familiale").
    return _key_by_label(text, KIND_LABELS)


def _key_by_label(text: str, labels: dict[str, str]) -> str | None:
    """The key whose label, in English or in the user's language, is the text
    without case or accents, or None."""
    wanted = _folded_kind(text)
    for key, label in labels.items():
        if wanted in (_folded_kind(label), _folded_kind(_(label))):
            return key
    return None


def normalize_register(text: str) -> str | None:
    """A register as typed, by its key ("help_given") or its name in English or in
    the user's language ("help given", "aide apportée"), to its key, or None."""
    key = "_".join(text.strip().casefold().replace("-", " ").split())
    if key in REGISTER_LABELS:
        return key
    return _key_by_label(text, REGISTER_LABELS)


def register_names() -> list[str]:
    """The registers as the user reads them (their language), in the stored order."""
    return [_(REGISTER_LABELS[register]) for register in REGISTER_LABELS]


def kind_names() -> list[str]:
    """The kinds as the user reads them (their language), in the stored order."""
    return [_(KIND_LABELS[kind]) for kind in KINDS]


def _folded_kind(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.strip().casefold().replace("-", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def normalize_what(text: str) -> tuple[str, str]:
    """What an ask is for, as typed, to ``(what, detail)``.

    A known word gives its stored value and no detail; anything else is
    ``("other", text)`` so that nothing the user wrote is lost.
    """
    key = " ".join(text.strip().casefold().replace("_", " ").split())
    what = _WHAT_SYNONYMS.get(key) or _WHAT_SYNONYMS.get(key.replace(" ", "_"))
    if what:
        return what, ""
    return "other", text.strip()


GROUP_KIND_LABELS: dict[str, str] = {
    "association": N_("association"),
    "club": N_("club"),
    "lunch_group": N_("lunch group"),
    "charity": N_("charity"),
    "employer": N_("employer"),
    "sport": N_("sport"),
    "other": N_("other"),
}
