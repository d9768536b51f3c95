"""The counts read in SQL (schema 9: kept by triggers) against their definitions
written out in Python over the raw rows, on random networks and random changes;
and the plans of those statements, which must not scan the interaction table."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entregent.model.database import database
from entregent.network import cadence
from entregent.network.kinds import INFORMAL_KINDS
from entregent.services.people import contexts, listing, organizations
from entregent.services.relations import due

TODAY = dt.date(2026, 3, 1)
KINDS = ["sport", "party", "coffee", "call", "volunteering", "meal"]
REGISTERS = ["social", "help_given", "help_received", "ask", "professional", "group"]
TABLES = (
    "ask participant interaction follow_up membership organization contact_context "
    "contact_method contact"
).split()


def _stamp(days_ago: int, hour: int = 12) -> str:
    return f"{(TODAY - dt.timedelta(days=days_ago)).isoformat()} {hour:02d}:00:00"


people = st.lists(
    st.tuples(
        st.one_of(st.none(), st.none(), st.integers(1, 60)),  # own cadence
        st.booleans(),  # archived
        st.integers(0, 120),  # created, days ago
        st.one_of(st.none(), st.sampled_from(["1980-03-05", "--03-10", "1990-02-29", "--07-01"])),
        st.sets(st.integers(0, 5), max_size=3),  # contexts (index among the first six)
        st.sets(st.integers(0, 2), max_size=2),  # groups
    ),
    min_size=1,
    max_size=12,
)
context_settings = st.lists(
    st.tuples(st.sampled_from([None, 10, 30, 60, 90]), st.integers(0, 3)),
    min_size=6,
    max_size=6,
)
interactions = st.lists(
    st.tuples(
        st.integers(0, 400),  # days ago
        st.sampled_from(KINDS),
        st.sampled_from(REGISTERS),
        st.sampled_from(["pending", "helped", "declined"]),
        st.sets(st.integers(0, 11), min_size=1, max_size=3),  # participants (index)
        st.one_of(st.none(), st.integers(0, 2)),  # group
    ),
    max_size=20,
)
follow_ups = st.lists(
    st.tuples(
        st.integers(0, 11), st.integers(-30, 30), st.booleans(), st.booleans()
    ),  # who, due in days, done, deleted
    max_size=6,
)
changes = st.lists(
    st.tuples(
        st.sampled_from(["archive", "unarchive", "delete", "untag", "cadence", "priority", "drop"]),
        st.integers(0, 11),
        st.one_of(st.none(), st.integers(1, 90)),
    ),
    max_size=5,
)


def _fill(people_, contexts_, interactions_, follow_ups_) -> tuple[list[int], list[int]]:
    for table in TABLES:
        database.execute_sql(f"DELETE FROM {table}")
    context_ids = [
        row[0] for row in database.execute_sql("SELECT id FROM context ORDER BY id LIMIT 6")
    ]
    for context_id, (days, priority) in zip(context_ids, contexts_, strict=True):
        database.execute_sql(
            "UPDATE context SET cadence_days = ?, priority = ? WHERE id = ?",
            (days, priority, context_id),
        )
    group_ids = []
    for number in range(3):
        database.execute_sql(
            "INSERT INTO organization (name, created_at) VALUES (?, ?)",
            (f"Group {number}", _stamp(900)),
        )
        group_ids.append(database.execute_sql("SELECT last_insert_rowid()").fetchone()[0])
    ids = []
    for number, (own, archived, created, birthday, tags, groups) in enumerate(people_):
        database.execute_sql(
            "INSERT INTO contact (uid, display_name, cadence_days, archived, birthday, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (f"u{number}", f"P{number}", own, int(archived), birthday, _stamp(created), _stamp(0)),
        )
        contact_id = database.execute_sql("SELECT last_insert_rowid()").fetchone()[0]
        ids.append(contact_id)
        for tag in tags:
            database.execute_sql(
                "INSERT INTO contact_context (contact_id, context_id, created_at) VALUES (?, ?, ?)",
                (contact_id, context_ids[tag], _stamp(0)),
            )
        for group in groups:
            database.execute_sql(
                "INSERT INTO membership (contact_id, organization_id) VALUES (?, ?)",
                (contact_id, group_ids[group]),
            )
    for days, kind, register, outcome, who, group in interactions_:
        database.execute_sql(
            "INSERT INTO interaction (occurred_at, kind, register, organization_id, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                _stamp(days, 9),
                kind,
                register,
                None if group is None else group_ids[group],
                _stamp(0),
                _stamp(0),
            ),
        )
        interaction_id = database.execute_sql("SELECT last_insert_rowid()").fetchone()[0]
        if register == "ask":
            database.execute_sql(
                "INSERT INTO ask (interaction_id, what, outcome) VALUES (?, 'a hand', ?)",
                (interaction_id, outcome),
            )
        for person in {w % len(ids) for w in who}:
            database.execute_sql(
                "INSERT INTO participant (interaction_id, contact_id) VALUES (?, ?)",
                (interaction_id, ids[person]),
            )
    for number, (who, due_in, done, deleted) in enumerate(follow_ups_):
        database.execute_sql(
            "INSERT INTO follow_up (contact_id, due_on, done_at, deleted_at, uid, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                ids[who % len(ids)],
                (TODAY + dt.timedelta(days=due_in)).isoformat(),
                _stamp(1) if done else None,
                _stamp(1) if deleted else None,
                f"f{number}",
                _stamp(5),
                _stamp(5),
            ),
        )
    return ids, context_ids


def _change(ids, context_ids, changes_) -> None:
    for what, who, value in changes_:
        person = ids[who % len(ids)]
        context_id = context_ids[who % len(context_ids)]
        if what in ("archive", "unarchive"):
            database.execute_sql(
                "UPDATE contact SET archived = ? WHERE id = ?", (int(what == "archive"), person)
            )
        elif what == "delete":
            database.execute_sql("DELETE FROM contact WHERE id = ?", (person,))
        elif what == "untag":
            database.execute_sql("DELETE FROM contact_context WHERE contact_id = ?", (person,))
        elif what == "cadence":
            database.execute_sql(
                "UPDATE context SET cadence_days = ? WHERE id = ?", (value, context_id)
            )
        elif what == "priority":
            database.execute_sql(
                "UPDATE context SET priority = ? WHERE id = ?", ((value or 0) % 4, context_id)
            )
        else:  # drop an interaction of this person (recency and contributions move)
            database.execute_sql(
                "DELETE FROM interaction WHERE id = (SELECT min(interaction_id) FROM participant "
                "WHERE contact_id = ?)",
                (person,),
            )


def _rows(sql: str) -> list[tuple]:
    return list(database.execute_sql(sql))


def _python_due(today: dt.date) -> dict[str, set[int]]:
    """The keep-in-touch reasons, as ``services.relations.due`` defines them, in Python."""
    contacts = {
        row[0]: row
        for row in _rows(
            "SELECT id, cadence_days, archived, created_at, last_interaction_at, birthday "
            "FROM contact"
        )
    }
    context = {row[0]: row for row in _rows("SELECT id, cadence_days, priority FROM context")}
    tags: dict[int, list[int]] = {}
    for contact_id, context_id in _rows("SELECT contact_id, context_id FROM contact_context"):
        tags.setdefault(contact_id, []).append(context_id)
    follow = _rows("SELECT contact_id, due_on, done_at, deleted_at FROM follow_up")
    open_follow = [f for f in follow if f[2] is None and f[3] is None]
    inter = {
        row[0]: row for row in _rows("SELECT id, occurred_at, kind, register FROM interaction")
    }
    outcome = dict(_rows("SELECT interaction_id, outcome FROM ask"))
    seen: dict[int, list[int]] = {}
    for interaction_id, contact_id in _rows("SELECT interaction_id, contact_id FROM participant"):
        seen.setdefault(contact_id, []).append(interaction_id)

    def day(text) -> dt.date:
        return dt.date.fromisoformat(str(text)[:10])

    result = {kind: set() for kind in due.due_counts(today)[1]}
    window = f"{today - dt.timedelta(days=365)} 00:00:00"
    since = f"{today - dt.timedelta(days=14)} 00:00:00"
    tomorrow = f"{today + dt.timedelta(days=1)} 00:00:00"
    keys = cadence.birthday_keys(today, 14)
    for contact_id, own, archived, created, last, birthday in contacts.values():
        if archived:
            continue
        pending = [day(f[1]) for f in open_follow if f[0] == contact_id]
        candidates = [context[c] for c in tags.get(contact_id, []) if context[c][1] is not None]
        best = min(candidates, key=lambda c: (-c[2], c[0]), default=None)
        days = own if own is not None else (best[1] if best else None)
        start = day(last or created)
        if (
            days is not None
            and (today - start).days > days
            and (not pending or min(pending) <= today)
        ):
            result[cadence.OVERDUE].add(contact_id)
        if any(d <= today for d in pending):
            result[cadence.FOLLOW_UP].add(contact_id)
        mine = seen.get(contact_id, [])
        if (
            last is not None
            and since <= str(last) < tomorrow
            and len(mine) == 1
            and inter[mine[0]][2] in INFORMAL_KINDS
            and not any(f[0] == contact_id and f[3] is None for f in follow)
        ):
            result[cadence.INFORMAL].add(contact_id)
        recent = [inter[i] for i in mine if str(inter[i][1]) >= window]
        got = [
            str(i[1])
            for i in recent
            if i[3] == "help_received" or (i[3] == "ask" and outcome.get(i[0]) == "helped")
        ]
        gave = [str(i[1]) for i in recent if i[3] == "help_given"]
        if got and (not gave or max(gave) < max(got)):
            result[cadence.OWED_HELP].add(contact_id)
        if birthday is not None and birthday[-5:] in keys:
            result[cadence.BIRTHDAY].add(contact_id)
    return result


@pytest.fixture(scope="module")
def counted_db(template_db, tmp_path_factory):
    import shutil

    from entregent.services.storage.session import close_session, open_session

    path = tmp_path_factory.mktemp("kept") / "kept.sqlite3"
    shutil.copyfile(template_db, path)
    open_session(path, apply_language=False)
    yield path
    close_session()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people, context_settings, interactions, follow_ups, changes)
def test_sql_counts_agree_with_their_python_definitions(
    counted_db, people_, contexts_, interactions_, follow_ups_, changes_
):
    with database.atomic() as transaction:
        ids, context_ids = _fill(people_, contexts_, interactions_, follow_ups_)
        _change(ids, context_ids, changes_)
        expected = _python_due(TODAY)
        total, by_kind = due.due_counts(TODAY)
        assert by_kind == {kind: len(found) for kind, found in expected.items()}
        assert total == len(set().union(*expected.values()))
        assert due.due_count(TODAY) == total
        assert {k: v for k, v in due.due_ids_by_kind(TODAY).items()} == expected

        per_context = dict(
            _rows(
                "SELECT x.id, count(c.id) FROM context x LEFT JOIN contact_context cc "
                "ON cc.context_id = x.id LEFT JOIN contact c ON c.id = cc.contact_id "
                "AND c.archived = 0 GROUP BY x.id"
            )
        )
        assert {c.id: c.count for c in contexts.list_contexts()} == per_context
        per_group = dict(
            _rows(
                "SELECT o.id, count(c.id) FROM organization o LEFT JOIN membership m "
                "ON m.organization_id = o.id LEFT JOIN contact c ON c.id = m.contact_id "
                "AND c.archived = 0 GROUP BY o.id"
            )
        )
        assert {g.id: g.count for g in listing.list_group_summaries()} == per_group
        contributions = dict(
            _rows(
                "SELECT o.id, count(i.id) FROM organization o LEFT JOIN interaction i "
                "ON i.organization_id = o.id AND (i.kind = 'volunteering' "
                "OR i.register = 'help_given') GROUP BY o.id"
            )
        )
        assert {g.id: (g.members, g.contributions) for g in organizations.list_groups()} == {
            i: (per_group[i], contributions[i]) for i in per_group
        }

        # The home cards' first page: each reason's first items of the whole list.
        whole = due.due_list(TODAY)
        firsts = due.due_firsts(3, TODAY)
        for kind in by_kind:
            assert [(d.contact_id, d.reason) for d in firsts if d.kind == kind] == [
                (d.contact_id, d.reason) for d in whole if d.kind == kind
            ][:3]
        transaction.rollback()


def test_count_statements_never_scan_the_interactions(db):
    plans = due.query_plans(TODAY)
    for name in ("count", "firsts"):
        plan = plans[name]
        assert any("interaction_register_occurred_at" in step for step in plan)
        scanned = {step.split()[1] for step in plan if step.startswith("SCAN ")}
        # Only the statement's own steps (subqueries, the json list, a constant row).
        assert not scanned & {"i", "interaction", "p", "participant", "c", "contact", "f"}, plan
    assert plans["overdue"] == [
        "SEARCH c USING COVERING INDEX contact_archived_overdue_after "
        "(archived=? AND overdue_after<?)"
    ]


def test_the_due_count_reads_people_from_indexes_never_from_their_rows(db):
    """A contact row holds its photo, and the columns after it lie in overflow pages:
    the count finds what it needs of each person in schema 12's covering indexes."""
    plan = due.query_plans(TODAY)["count"]
    people = [step for step in plan if step.startswith("SEARCH c ")]
    assert people and all("USING COVERING INDEX" in step for step in people), plan
    assert any("contact_due_by_id" in step for step in people)
    assert any("contact_recent_archived" in step for step in people)


def test_saving_a_row_read_earlier_keeps_the_counts_the_triggers_keep(db):
    """A context, a group and a person read before their counts changed, then saved
    (a rename): the triggers' figures stay, the stale ones in memory are not written."""
    from entregent.model.tables import Contact, ContactContext, Context, Membership, Organization

    club = Context.create(name="Rowing club", cadence_days=30)
    group = Organization.create(name="Rowing eights")
    assert (club.people_count, group.people_count) == (0, 0)
    ada = Contact.create(given_name="Ada", family_name="Lovelace")
    ContactContext.create(contact=ada, context=club)
    Membership.create(contact=ada, organization=group)
    club.name = "Rowing club (Thames)"
    club.save()
    group.note = "Saturday mornings"
    group.save()
    ada.nickname = "Countess"
    ada.save()
    assert Context.get_by_id(club.id).people_count == 1
    assert Organization.get_by_id(group.id).people_count == 1
    assert Context.get_by_id(club.id).name == "Rowing club (Thames)"
    stored = Contact.get_by_id(ada.id)
    # created today with the club's 30-day cadence: overdue after 30 days from now
    assert stored.overdue_after == stored.created_at.date() + dt.timedelta(days=30)
    assert stored.nickname == "Countess"
