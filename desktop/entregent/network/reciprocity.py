"""The give-and-take of help (P1), weighed in one place.

A ledger counts, over a window (``balance_window_days``, a year by default),
what went each way between the user and one person (or everyone). The
weighting rules are here and nowhere else:

- help given (a good turn, an introduction made):         given += 1
- help received:                                          taken += 1
- an ask they answered with help (outcome ``helped``):    taken += 1
- an ask still waiting for an answer (``pending``), or
  one that never got any (``no_answer``):                 taken += 0
  (an unanswered ask is not help received; open asks are shown apart and
  weigh on the advice for the next ask, not on the balance)
- an ask they declined:                                   taken += 0.5
  (it cost them the awkwardness of saying no)

``score = given - taken``. The label reads the score with a margin of one
good turn, so that a single pending coffee-sized favour does not tip it:
``score >= 1`` you have given more, ``score <= -1`` you have received more,
otherwise balanced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from entregent.i18n import N_, _

WEIGHT_HELP_GIVEN = 1.0
WEIGHT_HELP_RECEIVED = 1.0
WEIGHT_ASK = {"helped": 1.0, "pending": 0.0, "declined": 0.5, "no_answer": 0.0}
BALANCE_MARGIN = 1.0

GIVEN_MORE, BALANCED, RECEIVED_MORE = "given_more", "balanced", "received_more"
BALANCE_LABELS = {
    GIVEN_MORE: N_("you have given more"),
    BALANCED: N_("balanced"),
    RECEIVED_MORE: N_("you have received more"),
}


@dataclass(frozen=True)
class Ledger:
    help_given: int = 0
    help_received: int = 0
    asks_pending: int = 0
    asks_helped: int = 0
    asks_declined: int = 0

    @property
    def asks(self) -> int:
        return self.asks_pending + self.asks_helped + self.asks_declined

    @property
    def given(self) -> float:
        return self.help_given * WEIGHT_HELP_GIVEN

    @property
    def taken(self) -> float:
        return (
            self.help_received * WEIGHT_HELP_RECEIVED
            + self.asks_pending * WEIGHT_ASK["pending"]
            + self.asks_helped * WEIGHT_ASK["helped"]
            + self.asks_declined * WEIGHT_ASK["declined"]
        )

    @property
    def score(self) -> float:
        return self.given - self.taken

    @property
    def label(self) -> str:
        return balance_label(self.score)

    @property
    def label_text(self) -> str:
        return _(BALANCE_LABELS[self.label])

    def __add__(self, other: Ledger) -> Ledger:
        return Ledger(
            self.help_given + other.help_given,
            self.help_received + other.help_received,
            self.asks_pending + other.asks_pending,
            self.asks_helped + other.asks_helped,
            self.asks_declined + other.asks_declined,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "help_given": self.help_given,
            "help_received": self.help_received,
            "asks": {
                "pending": self.asks_pending,
                "helped": self.asks_helped,
                "declined": self.asks_declined,
            },
            "given": self.given,
            "taken": self.taken,
            "score": self.score,
            "label": self.label,
            "label_text": self.label_text,
        }


def balance_label(score: float) -> str:
    if score >= BALANCE_MARGIN:
        return GIVEN_MORE
    if score <= -BALANCE_MARGIN:
        return RECEIVED_MORE
    return BALANCED
