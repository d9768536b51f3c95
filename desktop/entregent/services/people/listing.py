"""The people list as the app shows it: filtered, sorted and paged in SQL.

``list_people`` returns one page of ``PersonRow`` (name, contexts, last contact,
balance, next follow-up) and ``count_people`` how many rows the filter holds;
neither ever loads the whole address book, so that 100,000 people open at
once. Sorting on every column happens in SQL, on the columns kept in step by
triggers (``contact.sort_key``, ``last_interaction_at``, ``next_followup_on``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from entregent.i18n import current_language
from entregent.model.database import database
from entregent.network.reciprocity import (
    WEIGHT_ASK,
    WEIGHT_HELP_GIVEN,
    WEIGHT_HELP_RECEIVED,
    Ledger,
)
from entregent.services.people.search import fts_query

__all__ = [
    "PeopleFilter",
    "ContextChip",
    "PersonRow",
    "SORT_COLUMNS",
    "count_people",
    "GroupSummary",
    "list_group_summaries",
    "names_of",
    "tagged_among",
    "people_rows",
    "page_balances",
    "list_people",
    "balance_window_start",
    "BALANCE_WEIGHTS",
    "ledgers",
]

SORT_COLUMNS = ("photo", "name", "contexts", "last_contact", "balance", "next_followup")
FILTER_KINDS = ("all", "archived", "context", "organization", "due", "import", "ids")

# How each register moves the balance of give-and-take with a person, from
# network/reciprocity.py (the one place the weights live): what you gave
# counts for you, what you received or asked counts against.
BALANCE_WEIGHTS = {
    "help_given": WEIGHT_HELP_GIVEN,
    "help_received": -WEIGHT_HELP_RECEIVED,
    "ask": -WEIGHT_ASK["pending"],
}


@dataclass(frozen=True)
class PeopleFilter:
    """Which people a list shows.

    ``kind`` is one of ``FILTER_KINDS``; ``id`` is the context, organization
    or import batch for those kinds; ``ids`` a fixed set (e.g. the people
    due); ``text`` narrows any of them by full-text search.
    """

    kind: str = "all"
    id: int | None = None
    text: str = ""
    ids: tuple[int, ...] = ()

    def with_text(self, text: str) -> PeopleFilter:
        return PeopleFilter(self.kind, self.id, text, self.ids)


@dataclass(frozen=True)
class ContextChip:
    id: int
    label: str
    colour: str


@dataclass
class PersonRow:
    id: int
    name: str
    org: str
    photo: bytes | None
    last_interaction_at: dt.datetime | None
    next_followup_on: dt.date | None
    archived: bool
    balance: float = 0.0  # the reciprocity score over the window (network/reciprocity)
    contexts: list[ContextChip] = field(default_factory=list)


def balance_window_start() -> str:
    from entregent.services.settings import get_setting

    days = int(get_setting("balance_window_days"))
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=days)
    return start.strftime("%Y-%m-%d %H:%M:%S")


_ASK_WEIGHT_SQL = (
    "CASE coalesce(a.outcome, 'pending') "
    + " ".join(f"WHEN '{outcome}' THEN {weight}" for outcome, weight in WEIGHT_ASK.items())
    + f" ELSE {WEIGHT_ASK['pending']} END"
)


def _balance_sql(contact: str) -> str:
    return (
        "(SELECT coalesce(sum(CASE i.register "
        f"WHEN 'help_given' THEN {WEIGHT_HELP_GIVEN} "
        f"WHEN 'help_received' THEN -{WEIGHT_HELP_RECEIVED} "
        f"WHEN 'ask' THEN -({_ASK_WEIGHT_SQL}) ELSE 0 END), 0) "
        "FROM participant p JOIN interaction i ON i.id = p.interaction_id "
        "LEFT JOIN ask a ON a.interaction_id = i.id "
        f"WHERE p.contact_id = {contact}.id AND i.occurred_at >= :window)"
    )


_TOP_CONTEXT = (
    "(SELECT x.name FROM contact_context cc JOIN context x ON x.id = cc.context_id "
    "WHERE cc.contact_id = c.id ORDER BY x.priority DESC, x.name LIMIT 1)"
)

_SORT_EXPRESSIONS = {
    "photo": "(c.photo IS NULL)",
    "name": None,
    "contexts": _TOP_CONTEXT,
    "last_contact": "c.last_interaction_at",
    "balance": _balance_sql("c"),
    "next_followup": "c.next_followup_on",
}


# A one-letter search ("m") matches most people: walking the list in name order
# and asking the full-text index about each person fills a page sooner (2 ms on
# 100,000 people) than gathering every match first (12 ms). From two letters on,
# matches thin out and gathering them first wins (benchmarks/search_typing.py).
_ONE_LETTER = re.compile(r'"\w"\*')


def _where(people: PeopleFilter, *, in_name_order: bool = False) -> tuple[str, dict]:
    """The WHERE clause (over ``contact c``) and its named parameters.

    ``in_name_order``: the query walks the people in name order (a page of the
    list sorted by name), which suits a one-letter search best.
    """
    clauses: list[str] = []
    params: dict = {}
    kind = people.kind
    if kind not in FILTER_KINDS:
        raise ValueError(f"unknown people filter {kind!r}")
    if kind == "archived":
        clauses.append("c.archived = 1")
    elif kind != "import":
        clauses.append("c.archived = 0")
    if kind == "context":
        clauses.append("c.id IN (SELECT contact_id FROM contact_context WHERE context_id = :id)")
        params["id"] = people.id
    elif kind == "organization":
        clauses.append("c.id IN (SELECT contact_id FROM membership WHERE organization_id = :id)")
        params["id"] = people.id
    elif kind == "import":
        clauses.append("c.id IN (SELECT contact_id FROM import_change WHERE batch_id = :id)")
        params["id"] = people.id
    elif kind in ("due", "ids"):
        clauses.append("c.id IN (SELECT value FROM json_each(:ids))")
        params["ids"] = json.dumps(list(people.ids))
    query = fts_query(people.text) if people.text else None
    if people.text and query is None:
        clauses.append("0")
    elif query and in_name_order and _ONE_LETTER.fullmatch(query):
        clauses.append(
            "EXISTS (SELECT 1 FROM contact_fts WHERE contact_fts MATCH :fts AND rowid = c.id)"
        )
        params["fts"] = query
    elif query:
        clauses.append("c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH :fts)")
        params["fts"] = query
    return (" AND ".join(clauses) or "1"), params


def count_people(people: PeopleFilter) -> int:
    """How many people the filter holds."""
    where, params = _where(people)
    return database.execute_sql(f"SELECT count(*) FROM contact c WHERE {where}", params).fetchone()[
        0
    ]


def list_people(
    people: PeopleFilter,
    sort_column: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
    *,
    with_balance: bool = True,
) -> list[PersonRow]:
    """One page of people, sorted in SQL on ``sort_column`` (one of ``SORT_COLUMNS``).

    ``with_balance=False`` leaves each row's ``balance`` at 0.0 and skips its
    query (the list reads it apart, see ``page_balances``).

    Empty values (never met, no follow-up) sort last whichever the direction;
    ties are broken by name so that pages never overlap.
    """
    if sort_column not in _SORT_EXPRESSIONS:
        raise ValueError(f"unknown sort column {sort_column!r}")
    where, params = _where(people, in_name_order=sort_column == "name")
    direction = "DESC" if descending else "ASC"
    expression = _SORT_EXPRESSIONS[sort_column]
    if expression is None:
        order = f"c.sort_key {direction}, c.id {direction}"
    else:
        order = f"({expression}) IS NULL, {expression} {direction}, c.sort_key, c.id"
    if sort_column == "balance":
        params["window"] = balance_window_start()
    params.update(limit=int(limit), offset=int(offset))
    # One statement: the page's ids from the indexes alone (the rows' photos and
    # notes would make a walk through the table slow), then those rows with their
    # contexts, in the same order (which ends on the person's id: no ties).
    rows = database.execute_sql(
        f"SELECT {_ROW_COLUMNS} FROM contact c WHERE c.id IN ("
        f"SELECT c.id FROM contact c WHERE {where} ORDER BY {order} "
        f"LIMIT :limit OFFSET :offset) ORDER BY {order}",
        params,
    )
    page = _person_rows(rows)
    _fill_balances(page, with_balance)
    return page


def page_balances(contact_ids: list[int]) -> dict[int, float]:
    """Each person's balance of help over the window (0.0 for those with none)."""
    scores = dict.fromkeys(contact_ids, 0.0)
    for contact_id, ledger in ledgers(list(contact_ids)).items():
        scores[contact_id] = ledger.score
    return scores


def people_rows(contact_ids: list[int], *, with_balance: bool = True) -> list[PersonRow]:
    """The list rows of these people, in the order given."""
    if not contact_ids:
        return []
    found = {
        person.id: person
        for person in _person_rows(
            database.execute_sql(
                f"SELECT {_ROW_COLUMNS} FROM contact c "
                "WHERE c.id IN (SELECT value FROM json_each(?))",
                (json.dumps(contact_ids),),
            )
        )
    }
    page = [found[i] for i in contact_ids if i in found]
    _fill_balances(page, with_balance)
    return page


# The columns of a list row, then the person's contexts as one JSON array of
# [id, name, builtin, colour, priority], read with the row.
_ROW_COLUMNS = (
    "c.id, c.display_name, c.given_name, c.family_name, c.org, c.photo, "
    "c.last_interaction_at, c.next_followup_on, c.archived, "
    "(SELECT json_group_array(json_array(x.id, x.name, x.builtin, x.colour, "
    "x.priority)) FROM contact_context cc JOIN context x ON x.id = cc.context_id "
    "WHERE cc.contact_id = c.id)"
)


def _person_rows(rows) -> list[PersonRow]:
    page = []
    for r in rows:
        person = PersonRow(
            id=r[0],
            name=_name(r[1], r[2], r[3]),
            org=r[4] or "",
            photo=r[5],
            last_interaction_at=_datetime(r[6]),
            next_followup_on=_date(r[7]),
            archived=bool(r[8]),
        )
        if r[9] and r[9] != "[]":
            person.contexts = list(_chips(r[9], current_language()))
        page.append(person)
    return page


@lru_cache(maxsize=4096)
def _chips(contexts_json: str, language: str) -> tuple[ContextChip, ...]:
    """A row's contexts as chips, highest priority first, then by name (as SQL
    compares them: by code point). The same few combinations come back on row
    after row: they are read once (per language, for the built-in names)."""
    from entregent.services.people.contexts import context_label

    return tuple(
        ContextChip(context_id, context_label(name, bool(builtin)), colour)
        for context_id, name, builtin, colour, _priority in sorted(
            json.loads(contexts_json), key=lambda c: (-c[4], c[1])
        )
    )


def _fill_balances(page: list[PersonRow], with_balance: bool = True) -> None:
    """Each row's balance of help (one query, whatever the page size)."""
    if not with_balance or not page:
        return
    by_id = {row.id: row for row in page}
    for contact_id, ledger in ledgers(list(by_id)).items():
        by_id[contact_id].balance = ledger.score


def ledgers(contact_ids: list[int]) -> dict[int, Ledger]:
    """Each person's give-and-take over the window (only those with some)."""
    found: dict[int, Ledger] = {}
    counts: dict[int, dict[str, int]] = {}
    for contact_id, register, outcome, n in database.execute_sql(
        "SELECT p.contact_id, i.register, coalesce(a.outcome, 'pending'), count(*) "
        "FROM json_each(?) j CROSS JOIN participant p ON p.contact_id = j.value "
        "CROSS JOIN interaction i ON i.id = p.interaction_id "
        "LEFT JOIN ask a ON a.interaction_id = i.id "
        "WHERE i.occurred_at >= ? AND i.register IN ('help_given', 'help_received', 'ask') "
        "GROUP BY 1, 2, 3",
        (json.dumps(contact_ids), balance_window_start()),
    ):
        key = register if register != "ask" else f"asks_{outcome}"
        counts.setdefault(contact_id, {})[key] = n
    for contact_id, c in counts.items():
        found[contact_id] = Ledger(
            help_given=c.get("help_given", 0),
            help_received=c.get("help_received", 0),
            asks_pending=c.get("asks_pending", 0),
            asks_helped=c.get("asks_helped", 0),
            asks_declined=c.get("asks_declined", 0),
        )
    return found


def display_name(display: str, given: str, family: str) -> str:
    return _name(display, given, family)


def _name(display: str, given: str, family: str) -> str:
    if display and display.strip():
        return display.strip()
    return " ".join(part for part in (given, family) if part).strip()


def _datetime(value) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    text = str(value)
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class GroupSummary:
    id: int
    name: str
    count: int


def list_group_summaries() -> list[GroupSummary]:
    """The user's groups (organizations not left) with how many people they know there
    (kept by the schema's triggers)."""
    return [
        GroupSummary(i, n, c)
        for i, n, c in database.execute_sql(
            "SELECT id, name, people_count FROM organization WHERE left_on IS NULL ORDER BY name"
        )
    ]


def names_of(contact_ids) -> dict[int, str]:
    """The names of a few people, by id (for timelines and pickers)."""
    ids = json.dumps(sorted({int(i) for i in contact_ids}))
    return {
        i: _name(d, g, f)
        for i, d, g, f in database.execute_sql(
            "SELECT id, display_name, given_name, family_name FROM contact "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
    }


def tagged_among(contact_ids, context_id: int) -> set[int]:
    """Which of these people already carry the context."""
    ids = json.dumps([int(i) for i in contact_ids])
    return {
        row[0]
        for row in database.execute_sql(
            "SELECT contact_id FROM contact_context WHERE context_id = ? "
            "AND contact_id IN (SELECT value FROM json_each(?))",
            (context_id, ids),
        )
    }
