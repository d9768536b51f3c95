"""Who knows whom on a real database: relations, introductions, inferred ties,
dismissals, warm paths, mutual connections, bridges, communities, export."""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx
import pytest

from entregent.model.tables import Contact, Interaction, Participant, Relation, TieDismissal
from entregent.services.graph.build import ME, build_graph
from entregent.services.graph.inferred import dismiss_tie, inferred_ties, undismiss_tie
from entregent.services.graph.paths import mutual_connections, warm_paths
from entregent.services.graph.structure import bridges, communities, lone_links
from entregent.services.people import contexts, organizations
from entregent.services.relations.declared import (
    add_relation,
    introduce,
    introductions_of,
    relations_of,
)
from entregent.services.relations.interactions import log_interaction
from entregent.services.relations.reciprocity import balance

from .test_cli import run_cli

TODAY = dt.date.today()


def _ago(days: int) -> dt.datetime:
    return dt.datetime.combine(TODAY - dt.timedelta(days=days), dt.time(12))


def _person(name: str, *tags: str) -> int:
    given, _sep, family = name.partition(" ")
    cid = Contact.create(display_name=name, given_name=given, family_name=family).id
    if tags:
        contexts.tag_contacts([cid], tags)
    return cid


@pytest.fixture
def book(db):
    """Marc, seen monthly at the club, is Zoé's colleague; Léa, not seen for over a
    year, was logged with Zoé three times; Paul is the only one at work."""
    people = {
        "marc": _person("Marc Dubois", "club"),
        "zoe": _person("Zoé Laurent"),
        "lea": _person("Léa Martin", "friends"),
        "paul": _person("Paul Roux", "work"),
    }
    for month in range(12):
        log_interaction([people["marc"]], "coffee", _ago(10 + 30 * month))
    for days in (400, 420, 440):
        log_interaction([people["lea"], people["zoe"]], "meal", _ago(days))
    log_interaction([people["zoe"]], "coffee", _ago(5))
    add_relation(people["zoe"], people["marc"], "colleague")
    return people


def test_declared_relation_seen_from_both_sides(book):
    [mine] = relations_of(book["zoe"])
    assert (mine.kind, mine.other_id, mine.other_name, mine.outgoing) == (
        "colleague",
        book["marc"],
        "Marc Dubois",
        True,
    )
    [theirs] = relations_of(book["marc"])
    assert (theirs.other_id, theirs.other_name, theirs.outgoing) == (
        book["zoe"],
        "Zoé Laurent",
        False,
    )


def test_inferred_ties_with_confidence_declared_wins_dismissal_stays(book):
    # Marc and Zoé logged together once: they are declared colleagues, so no inferred tie
    log_interaction([book["marc"], book["zoe"]], "coffee", _ago(3))
    [tie] = inferred_ties()
    assert (tie.low_id, tie.high_id, tie.together, tie.same_events, tie.groups) == (
        book["zoe"],
        book["lea"],
        3,
        0,
        [],
    )
    assert tie.confidence == 0.835  # 1 - exp(-1.2 * 3 / 2)
    graph = build_graph()
    assert graph.edges[book["marc"], book["zoe"]]["declared"] is True
    assert graph.edges[book["marc"], book["zoe"]]["kind"] == "colleague"
    edge = graph.edges[book["lea"], book["zoe"]]
    assert (edge["declared"], edge["kind"], edge["confidence"]) == (False, "inferred", 0.835)
    dismiss_tie(book["lea"], book["zoe"])
    dismiss_tie(book["zoe"], book["lea"])  # either way round: one row
    assert [(d.low_id, d.high_id) for d in TieDismissal.select()] == [(book["zoe"], book["lea"])]
    assert inferred_ties() == []
    assert not build_graph().has_edge(book["lea"], book["zoe"])
    undismiss_tie(book["lea"], book["zoe"])
    assert len(inferred_ties()) == 1


def test_same_group_and_same_calendar_event_are_inferred(book):
    group = organizations.create_group("Voile Club", "club", joined_on="2020-01-01")
    organizations.add_member(group, book["paul"])
    organizations.add_member(group, book["marc"])
    log_interaction([book["paul"], book["marc"]], "meeting", _ago(20), source="calendar")
    [paul_marc] = [t for t in inferred_ties(book["paul"])]
    assert (paul_marc.together, paul_marc.same_events, paul_marc.groups) == (0, 1, ["Voile Club"])
    assert paul_marc.confidence == 0.503


def test_warm_paths_rank_the_strong_chain_first_with_why_and_advice(book):
    paths = warm_paths(book["zoe"])
    assert [[n for _i, n in p.people] for p in paths] == [
        ["", "Marc Dubois", "Zoé Laurent"],
        ["", "Léa Martin", "Zoé Laurent"],
    ]
    best = paths[0]
    assert [h.why for h in best.hops] == [
        "you saw Marc Dubois 12 times in the past year, last 10 days ago (club)",
        "Zoé Laurent and Marc Dubois are colleagues",
    ]
    assert [h.declared for h in best.hops] == [True, True]
    assert best.strength == pytest.approx(best.hops[0].strength * 0.6)
    assert best.strength > paths[1].strength
    assert paths[1].hops[1].why == "Zoé Laurent and Léa Martin were logged together 3 times"
    # Léa has not been seen for over a year: the advisor says so before asking her
    assert "stale_tie" in {w.id for w in paths[1].warnings}
    assert len(best.hops) <= 3


def test_no_path_and_three_hops_at_most(book):
    far = [_person(f"Far {i}") for i in range(4)]
    add_relation(far[0], book["zoe"], "friend")
    for a, b in zip(far, far[1:], strict=False):
        add_relation(a, b, "friend")
    # far[3] is four people away from anyone the user has seen (the direct edges
    # remain: every person in the book is the user's, however weakly)
    assert all(len(p.hops) <= 3 for p in warm_paths(far[3]))
    assert warm_paths(999) == []


def test_mutual_connections_strongest_first(book):
    add_relation(book["lea"], book["marc"], "friend")
    rows = mutual_connections(book["marc"])
    assert [(n, round(s, 2), d) for _i, n, s, d in rows] == [
        ("Léa Martin", 0.8, True),
        ("Zoé Laurent", 0.6, True),
    ]


def test_introduce_counts_as_help_to_both_and_links_them(book):
    interaction_id = introduce(book["lea"], book["paul"], note="both sail", when=_ago(30))
    interaction = Interaction.get_by_id(interaction_id)
    assert (interaction.kind, interaction.register, interaction.note) == (
        "introduction",
        "help_given",
        "both sail",
    )
    assert sorted(
        p.contact_id for p in Participant.select().where(Participant.interaction == interaction_id)
    ) == sorted([book["lea"], book["paul"]])
    relation = Relation.get(Relation.source == "introduction")
    assert (relation.contact_id, relation.other_id, relation.kind, relation.since) == (
        book["lea"],
        book["paul"],
        "knows",
        (TODAY - dt.timedelta(days=30)).isoformat(),
    )
    assert relation.interaction_id == interaction_id
    assert balance(book["lea"]).ledger.help_given == 1
    assert balance(book["paul"]).ledger.help_given == 1
    made, received = introductions_of(book["paul"])
    assert made == []
    assert [(r.other_name, r.by_user, r.note) for r in received] == [
        ("Léa Martin", True, "both sail")
    ]
    # an introduction is not an inferred tie: it is declared
    assert all(book["paul"] not in (t.low_id, t.high_id) for t in inferred_ties())


def test_introduced_by_shows_as_made_by_the_introducer(book):
    from entregent.services.relations.ties import set_how_met

    set_how_met(book["paul"], introduced_by=book["marc"], met_on="2024-03-02")
    made, _received = introductions_of(book["marc"])
    assert [(m.other_id, m.other_name, m.on) for m in made] == [
        (book["paul"], "Paul Roux", "2024-03-02")
    ]
    _made, received = introductions_of(book["paul"])
    assert [(r.other_name, r.by_user) for r in received] == [("Marc Dubois", False)]


def test_bridges_lone_links_and_communities(book):
    # two triangles joined by Marc–Paul
    a = [_person(f"Rower {i}", "sport") for i in range(2)]
    add_relation(a[0], a[1], "friend")
    add_relation(a[0], book["paul"], "friend")
    add_relation(a[1], book["paul"], "friend")
    add_relation(book["lea"], book["marc"], "friend")
    add_relation(book["lea"], book["zoe"], "friend")
    add_relation(book["paul"], book["marc"], "knows")
    names = [name for _i, name, _c in bridges()]
    assert set(names[:2]) == {"Marc Dubois", "Paul Roux"}
    assert lone_links() == [
        ("club", book["marc"], "Marc Dubois"),
        ("friends", book["lea"], "Léa Martin"),
        ("work", book["paul"], "Paul Roux"),
    ]
    found = communities()
    assert sorted(sorted(c.members) for c in found) == sorted(
        [sorted([a[0], a[1], book["paul"]]), sorted([book["marc"], book["zoe"], book["lea"]])]
    )
    rowers = next(c for c in found if a[0] in c.members)
    assert (rowers.context, round(rowers.share, 2), rowers.unnamed) == ("sport", 0.67, False)
    office = next(c for c in found if book["zoe"] in c.members)
    assert office.unnamed  # club, friends, nothing: a group the user has not named
    assert build_graph().has_edge(ME, book["zoe"])  # the user reaches everyone


def test_cli_introduce_intro_path_and_graph_export(book, db, tmp_path):
    from entregent.services.storage.session import close_session

    close_session()
    made = run_cli(
        "--db",
        db,
        "introduce",
        "léa",
        "paul roux",
        "--note",
        "sailing",
        "--when",
        "2025-03-01",
        "--json",
    )
    assert made.returncode == 0, made.stderr
    data = json.loads(made.stdout)
    assert [p["name"] for p in data["people"]] == ["Léa Martin", "Paul Roux"]
    assert data["occurred_at"].startswith("2025-03-01") and data["note"] == "sailing"
    path = run_cli("--db", db, "intro-path", "zoé", "--json")
    assert path.returncode == 0, path.stderr
    found = json.loads(path.stdout)
    assert found["person"] == {"id": book["zoe"], "name": "Zoé Laurent"}
    first = found["paths"][0]
    assert [p["name"] for p in first["people"]] == ["", "Marc Dubois", "Zoé Laurent"]
    assert first["hops"] == 2 and first["steps"][1]["why"] == (
        "Zoé Laurent and Marc Dubois are colleagues"
    )
    assert set(first) == {"strength", "hops", "people", "steps", "warnings"}
    plain = run_cli("--db", db, "intro-path", "zoé")
    assert plain.returncode == 0 and "you → Marc Dubois → Zoé Laurent" in plain.stdout
    for suffix in (".graphml", ".gexf", ".dot"):
        out = tmp_path / f"net{suffix}"
        done = run_cli("--db", db, "graph", "export", out, "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == {"path": str(out), "nodes": 5, "edges": 7}
    graph = nx.read_graphml(tmp_path / "net.graphml")
    edge = graph.edges[str(book["marc"]), str(book["zoe"])]
    assert (edge["kind"], edge["declared"], edge["weight"]) == ("colleague", True, 0.6)
    assert graph.nodes[str(book["marc"])]["label"] == "Marc Dubois"
    dot = (tmp_path / "net.dot").read_text(encoding="utf-8")
    low, high = sorted([book["lea"], book["zoe"]])
    assert f"  {high} -- {low} [weight=0.3757, style=dashed" in dot or (
        f"  {low} -- {high} [weight=0.3757, style=dashed" in dot
    )
    club = tmp_path / "club.gexf"
    done = run_cli("--db", db, "graph", "export", club, "--context", "club", "--json")
    assert json.loads(done.stdout)["nodes"] == 2
    bad = run_cli("--db", db, "graph", "export", tmp_path / "net.png")
    assert bad.returncode != 0 and ".graphml" in bad.stderr


def test_a_persons_connections_agree_with_the_graph(book):
    from entregent.services.graph.person import connections_of, person_network

    group = organizations.create_group("Voile Club", "club", joined_on="2020-01-01")
    organizations.add_member(group, book["paul"])
    organizations.add_member(group, book["zoe"])
    found = connections_of(book["zoe"])
    assert [(c.name, c.declared, c.kind) for c in found] == [
        ("Marc Dubois", True, "colleague"),
        ("Léa Martin", False, "inferred"),
        ("Paul Roux", False, "inferred"),
    ]
    assert found[0].why == "Zoé Laurent and Marc Dubois are colleagues"
    assert found[1].why == "Zoé Laurent and Léa Martin were logged together 3 times"
    assert found[2].why == "Zoé Laurent and Paul Roux are both in Voile Club"
    # the same people and strengths as the whole graph gives
    assert [(c.id, c.name, c.strength, c.declared) for c in found] == mutual_connections(
        book["zoe"]
    )
    Contact.update(archived=True).where(Contact.id == book["paul"]).execute()
    assert [c.name for c in connections_of(book["zoe"])] == ["Marc Dubois", "Léa Martin"]
    introduce(book["zoe"], book["paul"], when=dt.date(2025, 3, 1))
    network = person_network(book["zoe"])
    assert [(i.other_name, i.by_user, i.on) for i in network.received] == [
        ("Paul Roux", True, "2025-03-01")
    ]


def test_cli_lists_guessed_ties_and_dismisses_one_for_good(book, db):
    from entregent.services.storage.session import close_session

    close_session()
    listed = run_cli("--db", db, "graph", "ties", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == {
        "ties": [
            {
                "people": [
                    {"id": book["zoe"], "name": "Zoé Laurent"},
                    {"id": book["lea"], "name": "Léa Martin"},
                ],
                "confidence": 0.835,
                "together": 3,
                "same_events": 0,
                "groups": [],
            }
        ]
    }
    plain = run_cli("--db", db, "graph", "ties", "léa")
    assert plain.stdout == "Zoé Laurent – Léa Martin (sure at 84%)\n"
    gone = run_cli("--db", db, "graph", "dismiss", "léa", "zoé", "--json")
    assert gone.returncode == 0, gone.stderr
    assert json.loads(gone.stdout) == {
        "people": [
            {"id": book["zoe"], "name": "Zoé Laurent"},
            {"id": book["lea"], "name": "Léa Martin"},
        ],
        "dismissed": True,
    }
    # new interactions together do not bring it back
    open_session_again(db)
    log_interaction([book["lea"], book["zoe"]], "meal", _ago(1))
    close_session()
    assert json.loads(run_cli("--db", db, "graph", "ties", "--json").stdout) == {"ties": []}
    assert "No guessed ties." in run_cli("--db", db, "graph", "ties").stdout
    out = run_cli("--db", db, "graph", "export", db.parent / "net.gexf", "--json")
    assert json.loads(out.stdout)["edges"] == 5  # four to you, Marc–Zoé; not Léa–Zoé
    back = run_cli("--db", db, "graph", "dismiss", "léa", "zoé", "--undo")
    assert back.returncode == 0 and "may know each other again" in back.stdout
    [tie] = json.loads(run_cli("--db", db, "graph", "ties", "--json").stdout)["ties"]
    assert tie["together"] == 4
    same = run_cli("--db", db, "graph", "dismiss", "léa", "léa")
    assert same.returncode != 0 and "two different people" in same.stderr
    nobody = run_cli("--db", db, "graph", "dismiss", "léa", "nobody-here")
    assert nobody.returncode != 0 and "nobody-here" in nobody.stderr


def open_session_again(path):
    from entregent.services.storage.session import open_session

    open_session(path, apply_language=False)


def test_cli_insights_says_the_shape_of_the_network(book, db):
    from entregent.services.storage.session import close_session

    a = [_person(f"Rower {i}", "sport") for i in range(2)]
    add_relation(a[0], a[1], "friend")
    add_relation(a[0], book["paul"], "friend")
    add_relation(a[1], book["paul"], "friend")
    add_relation(book["lea"], book["marc"], "friend")
    add_relation(book["lea"], book["zoe"], "friend")
    add_relation(book["paul"], book["marc"], "knows")
    close_session()
    done = run_cli("--db", db, "graph", "insights", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert {b["name"] for b in found["bridges"][:2]} == {"Marc Dubois", "Paul Roux"}
    assert found["lone_links"] == [
        {"context": "club", "id": book["marc"], "name": "Marc Dubois"},
        {"context": "friends", "id": book["lea"], "name": "Léa Martin"},
        {"context": "work", "id": book["paul"], "name": "Paul Roux"},
    ]
    unnamed = [c for c in found["communities"] if c["unnamed"]]
    assert [sorted(m["name"] for m in c["members"]) for c in unnamed] == [
        ["Léa Martin", "Marc Dubois", "Zoé Laurent"]
    ]
    plain = run_cli("--db", db, "graph", "insights").stdout.splitlines()
    assert "Your only link to club is Marc Dubois." in plain
    assert any(
        line.startswith("These 3 people look like a group you have not named: ") for line in plain
    )
    assert any(line.startswith("A group of 3, mostly sport: ") for line in plain)
