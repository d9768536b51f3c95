"""How close a tie is: close, regular or acquaintance.

The user may set it; when unset it is inferred from what we know:

1. family, or friends, as a shared context: close (P7: these are the ties to
   treat with the most delicacy);
2. exactly one encounter ever logged: acquaintance;
3. anyone else: regular.
"""

from __future__ import annotations

from collections.abc import Iterable

from entregent.i18n import N_

CLOSE, REGULAR, ACQUAINTANCE = "close", "regular", "acquaintance"
CLOSE_CONTEXT_KINDS = frozenset({"family", "friends"})

TIE_LABELS = {CLOSE: N_("close"), REGULAR: N_("regular"), ACQUAINTANCE: N_("acquaintance")}


def infer_tie(explicit: str | None, context_kinds: Iterable[str], interactions: int) -> str:
    """The tie strength in effect: the user's choice, else the inference above."""
    if explicit:
        return explicit
    kinds = set(context_kinds)
    if kinds & CLOSE_CONTEXT_KINDS:
        return CLOSE
    if interactions == 1:
        return ACQUAINTANCE
    return REGULAR
