"""The ranked search (``services.people.search.search_contacts``, what
``entregent search`` runs): the order it gives, pinned on a real database whose
people tie on score and differ only by case and accents; and the ranking made
in SQL checked against the ranking it replaced (written out below in Python,
as it was) on random small databases."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entregent.model.database import database
from entregent.model.tables import Contact, ContactMethod
from entregent.services.people.search import _WEIGHTS, fts_query, search_contacts
from tests.fresh_home import run

# display name, given, family, organisation, note, e-mails, phones (value,
# normalized), archived. Ids are given in this order, from 1.
PEOPLE = [
    ("Hélène Dupont", "Hélène", "Dupont", "", "", ["helene@example.org"], [], False),  # 1
    ("Helene Dupont", "Helene", "Dupont", "", "", [], [], False),  # 2
    ("HÉLÈNE DUPONT", "HÉLÈNE", "DUPONT", "", "", [], [], False),  # 3
    ("Hélène Martin", "Hélène", "Martin", "Dupont & Fils", "", [], [], False),  # 4
    ("Paul Roux", "Paul", "Roux", "", "met Hélène Dupont at the dojo", [], [], False),  # 5
    ("Hélène Dupont", "Hélène", "Dupont", "", "", [], [], True),  # 6
    ("Marie-Hélène Petit", "Marie-Hélène", "Petit", "", "", [], [], False),  # 7
    ("Élodie Morel", "Élodie", "Morel", "", "", [], [], False),  # 8
    ("elodie Morel", "elodie", "Morel", "", "", [], [], False),  # 9
    ("ÉLODIE MOREL", "ÉLODIE", "MOREL", "", "", [], [], False),  # 10
    ("Elodie Morel", "Elodie", "Morel", "", "", [], [], False),  # 11
    ("élodie morel", "élodie", "morel", "", "", [], [], False),  # 12
    ("Jo Straße", "Jo", "Straße", "", "", [], [], False),  # 13
    ("Jo STRASSE", "Jo", "STRASSE", "", "", [], [], False),  # 14
    ("Jo Strasse", "Jo", "Strasse", "", "", [], [], False),  # 15
    (
        "Chloé Bernard",
        "Chloé",
        "Bernard",
        "",
        "",
        ["chloe.b@example.fr"],
        [("06 12 34 56 78", "+33612345678")],
        False,
    ),  # 16
    (
        "Chloe Bernard",
        "Chloe",
        "Bernard",
        "",
        "",
        [],
        [("+33 6 12 34 00 00", "+33612340000")],
        False,
    ),
    (
        "Ana Lima",
        "Ana",
        "Lima",
        "",
        "",
        ["ana@example.com", "ana.lima@work.example"],
        [("06.12.99.88.77", "+33612998877"), ("01 23 45 67 89", "+33123456789")],
        False,
    ),  # 18
    ("Zoé 0612", "Zoé", "", "", "", [], [], False),  # 19
    (
        "Marc Vidal",
        "Marc",
        "Vidal",
        "",
        "code 0612 at the gate",
        [],
        [("06-12-00-11-22", "+33612001122")],
        True,
    ),  # 20
]
# 21-30: the shortest names (the best scores for "kerbrat") are archived
KERBRAT = [
    ("Kerbrat", True),
    ("Yann Kerbrat", True),
    ("Anna Kerbrat", True),
    ("Loïc Kerbrat", True),
    ("Erwan Kerbrat", True),
    ("Gwen Kerbrat", True),
    ("Mael Kerbrat", True),
    ("Yann Le Kerbrat", False),
    ("Anne-Marie Le Kerbrat", False),
    ("Jean Pierre Marie Kerbrat", False),
]
# 31: scores as the Élodies do, sorts before them, and was added last


def _add(name, given, family, org="", note="", emails=(), phones=(), archived=False) -> int:
    contact = Contact.create(
        display_name=name,
        given_name=given,
        family_name=family,
        org=org,
        note=note,
        archived=archived,
    )
    methods = [("email", e, e.lower()) for e in emails] + [("tel", v, n) for v, n in phones]
    for position, (kind, value, normalized) in enumerate(methods):
        ContactMethod.create(
            contact=contact, kind=kind, value=value, normalized=normalized, position=position
        )
    return contact.id


@pytest.fixture
def people(db):
    ids = [_add(*person) for person in PEOPLE]
    for name, archived in KERBRAT:
        *given, family = name.split(" ")
        ids.append(_add(name, " ".join(given), family, archived=archived))
    ids.append(_add("ELODIE AUBERT", "ELODIE", "AUBERT"))
    assert ids == list(range(1, 32))
    return ids


def _found(text: str, **options) -> list[tuple[int, str]]:
    return [(hit.id, hit.name) for hit in search_contacts(text, **options)]


def test_equal_scores_sort_by_name_without_case_then_by_id_accents_after(people):
    # 2, 3 (and the archived 6) have the word in their names only; 4 and 7
    # score a little less (one more word in the name), then 1 (its e-mail makes
    # its document longer), then 5 (in the note, the lightest column)
    assert _found("helene") == [
        (2, "Helene Dupont"),
        (3, "HÉLÈNE DUPONT"),
        (4, "Hélène Martin"),
        (7, "Marie-Hélène Petit"),
        (1, "Hélène Dupont"),
        (5, "Paul Roux"),
    ]
    # six equal scores: "elodie …" before "élodie …" (é after every ASCII
    # letter), the same name in any case by id
    assert _found("ÉLODIE") == [
        (31, "ELODIE AUBERT"),
        (9, "elodie Morel"),
        (11, "Elodie Morel"),
        (8, "Élodie Morel"),
        (10, "ÉLODIE MOREL"),
        (12, "élodie morel"),
    ]
    # "Straße", "STRASSE" and "Strasse" are the same name once case-folded
    assert _found("jo") == [(13, "Jo Straße"), (14, "Jo STRASSE"), (15, "Jo Strasse")]
    assert _found("hélène dupont") == [
        (2, "Helene Dupont"),
        (3, "HÉLÈNE DUPONT"),
        (1, "Hélène Dupont"),
        (4, "Hélène Martin"),
        (5, "Paul Roux"),
    ]


def test_archived_people_only_when_asked(people):
    assert _found("HELENE", include_archived=True) == [
        (2, "Helene Dupont"),
        (3, "HÉLÈNE DUPONT"),
        (6, "Hélène Dupont"),
        (4, "Hélène Martin"),
        (7, "Marie-Hélène Petit"),
        (1, "Hélène Dupont"),
        (5, "Paul Roux"),
    ]
    assert _found("kerbrat") == [
        (28, "Yann Le Kerbrat"),
        (29, "Anne-Marie Le Kerbrat"),
        (30, "Jean Pierre Marie Kerbrat"),
    ]


def test_the_limit_cuts_the_ranked_list_and_four_times_it_bounds_the_matches_read(people):
    assert _found("helene", limit=3) == [
        (2, "Helene Dupont"),
        (3, "HÉLÈNE DUPONT"),
        (4, "Hélène Martin"),
    ]
    # The best limit × 4 full-text matches are read, equal scores by id, before
    # anything else: with a limit of 1, the four Élodies 8-11 (not 31, added
    # last, though it sorts first); with 2, eight of them.
    assert _found("elodie", limit=1) == [(9, "elodie Morel")]
    assert _found("elodie", limit=2) == [(31, "ELODIE AUBERT"), (9, "elodie Morel")]
    # The archived are left out of those (7 of the 8 best Kerbrats): one is left.
    assert _found("kerbrat", limit=2) == [(28, "Yann Le Kerbrat")]
    assert _found("kerbrat", limit=2, include_archived=True) == [
        (21, "Kerbrat"),
        (23, "Anna Kerbrat"),
    ]
    assert _found("elodie", limit=0) == []


def test_phone_digits_score_five_and_methods_come_in_their_order(people):
    hits = search_contacts("0612")
    assert [(h.id, h.name, h.emails, h.phones) for h in hits] == [
        (19, "Zoé 0612", [], []),
        (
            18,
            "Ana Lima",
            ["ana@example.com", "ana.lima@work.example"],
            ["06.12.99.88.77", "01 23 45 67 89"],
        ),
        (17, "Chloe Bernard", [], ["+33 6 12 34 00 00"]),
        (16, "Chloé Bernard", ["chloe.b@example.fr"], ["06 12 34 56 78"]),
    ]
    # the name's full-text score is above 5; the phones' is 5 exactly
    assert hits[0].score > 5.0
    assert [h.score for h in hits[1:]] == [5.0, 5.0, 5.0]
    assert _found("0612", include_archived=True)[-1] == (20, "Marc Vidal")
    assert _found("06 12") == [(18, "Ana Lima"), (17, "Chloe Bernard"), (16, "Chloé Bernard")]
    assert _found("chloe") == [(17, "Chloe Bernard"), (16, "Chloé Bernard")]
    assert _found("example") == [(1, "Hélène Dupont"), (18, "Ana Lima"), (16, "Chloé Bernard")]


def test_nothing_to_look_for_finds_nobody(people):
    assert search_contacts("") == []
    assert search_contacts(" -- ") == []
    assert search_contacts("zzz") == []


def test_the_command_prints_that_order(people, db, tmp_path):
    uid = {contact.id: contact.uid for contact in Contact.select(Contact.id, Contact.uid)}
    found = run(tmp_path, "--db", str(db), "search", "0612", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout) == {
        "query": "0612",
        "results": [
            {
                "id": 19,
                "uid": uid[19],
                "name": "Zoé 0612",
                "org": "",
                "emails": [],
                "phones": [],
                "score": 5.071,
            },
            {
                "id": 18,
                "uid": uid[18],
                "name": "Ana Lima",
                "org": "",
                "emails": ["ana@example.com", "ana.lima@work.example"],
                "phones": ["06.12.99.88.77", "01 23 45 67 89"],
                "score": 5.0,
            },
            {
                "id": 17,
                "uid": uid[17],
                "name": "Chloe Bernard",
                "org": "",
                "emails": [],
                "phones": ["+33 6 12 34 00 00"],
                "score": 5.0,
            },
            {
                "id": 16,
                "uid": uid[16],
                "name": "Chloé Bernard",
                "org": "",
                "emails": ["chloe.b@example.fr"],
                "phones": ["06 12 34 56 78"],
                "score": 5.0,
            },
        ],
    }
    table = run(tmp_path, "--db", str(db), "search", "helene", "--archived")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["Id", "Name", "Organisation", "E-mail", "Phone"]
    assert [line.split("  ")[0] for line in lines[2:]] == ["#2", "#3", "#6", "#4", "#7", "#1", "#5"]
    cells = [re.split(r"\s{2,}", line.strip()) for line in lines[2:]]
    assert cells[3] == ["#4", "Hélène Martin", "Dupont & Fils"]
    assert cells[5] == ["#1", "Hélène Dupont", "helene@example.org"]


# The ranking as it was made before it moved into SQL: the full-text window,
# the phone matches, then every candidate read and sorted in Python. Two orders
# it left to the query planner are written out: people of the same score and
# name come by id (the old read followed whatever index SQLite chose for
# "id IN (…) AND NOT archived"; here, in creation order too), and a person's
# e-mails and phones by position, then id (the old: by position).
def _python_ranking(text: str, limit: int, include_archived: bool) -> list[tuple]:
    scores: dict[int, float] = {}
    query = fts_query(text)
    if query:
        rows = database.execute_sql(
            f"SELECT rowid, bm25(contact_fts, {_WEIGHTS}) FROM contact_fts "
            "WHERE contact_fts MATCH ? ORDER BY 2 LIMIT ?",
            (query, limit * 4),
        ).fetchall()
        scores = {row[0]: -row[1] for row in rows}
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 4 and len(digits) >= len(text.replace(" ", "")) - 2:
        like = f"%{digits.lstrip('0')}%"
        for (contact_id,) in database.execute_sql(
            "SELECT DISTINCT contact_id FROM contact_method WHERE kind = 'tel' AND "
            "(normalized LIKE ? OR replace(replace(replace(value, ' ', ''), '.', ''), '-', '')"
            " LIKE ?) LIMIT ?",
            (like, f"%{digits}%", limit),
        ):
            scores[contact_id] = max(scores.get(contact_id, 0.0), 5.0)
    hits = {}
    for contact in Contact.select().where(Contact.id.in_(list(scores))).order_by(Contact.id):
        if include_archived or not contact.archived:
            hits[contact.id] = [contact.id, contact.uid, contact.display_name, contact.org, [], []]
    methods = ContactMethod.select().where(
        ContactMethod.contact.in_(list(hits)), ContactMethod.kind.in_(("email", "tel"))
    )
    for method in methods.order_by(ContactMethod.position, ContactMethod.id):
        hits[method.contact_id][4 if method.kind == "email" else 5].append(method.value)
    ordered = sorted(hits.values(), key=lambda h: (-scores[h[0]], h[2].casefold()))
    return [(*hit, scores[hit[0]]) for hit in ordered[:limit]]


WORDS = ["Anne", "anne", "Anné", "ANNE", "Zoé", "zoe", "Straße", "STRASSE", "Lou", "Loup", "Ana"]
name_words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)
random_people = st.lists(
    st.tuples(
        name_words,  # given names
        name_words,  # family names
        st.sampled_from(["", "Anne & Co", "Loup SA"]),  # organisation
        st.sampled_from(["", "knows Anne", "0612 door code", "zoé zoé zoé"]),  # note
        st.lists(st.sampled_from(["anne@x.org", "zoe@anne.fr", "lou@y.net"]), max_size=2),
        st.lists(st.sampled_from(["06 12 34", "+33 6 12 00", "07.06.12", "0612"]), max_size=2),
        st.booleans(),  # archived
    ),
    min_size=1,
    max_size=14,
)
queries = st.sampled_from(
    [
        "anne",
        "ANNÉ",
        "an",
        "a",
        "zoe",
        "lou",
        "strasse",
        "anne lou",
        "0612",
        "06 12",
        "0612 34",
        "x",
        "zz",
    ]
)


@pytest.fixture(scope="module")
def random_db(template_db, tmp_path_factory):
    import shutil

    from entregent.services.storage.session import close_session, open_session

    path = tmp_path_factory.mktemp("search") / "search.sqlite3"
    shutil.copyfile(template_db, path)
    open_session(path, apply_language=False)
    yield path
    close_session()


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(random_people, queries, st.integers(-2, 6), st.booleans())
def test_sql_ranking_gives_what_the_python_ranking_gave(
    random_db, people_, text, limit, include_archived
):
    with database.atomic() as transaction:
        for given_, family, org, note, emails, phones, archived in people_:
            _add(
                f"{' '.join(given_)} {' '.join(family)}",
                " ".join(given_),
                " ".join(family),
                org,
                note,
                emails,
                [(phone, "+33" + re.sub(r"\D", "", phone).lstrip("0")) for phone in phones],
                archived,
            )
        hits = search_contacts(text, limit=limit, include_archived=include_archived)
        assert [
            (h.id, h.uid, h.name, h.org, h.emails, h.phones, h.score) for h in hits
        ] == _python_ranking(text, limit, include_archived)
        transaction.rollback()
