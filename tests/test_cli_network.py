"""The networking commands as scripts see them: real processes, exit codes, JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from .test_cli import run_cli


@pytest.fixture
def network_db(db_path):
    """A few people: family, a gym encounter, two Pauls, a group."""
    from entregent.model.tables import Contact
    from entregent.services.people import contexts, organizations
    from entregent.services.relations.interactions import log_interaction
    from entregent.services.storage.session import close_session, open_session

    open_session(db_path, apply_language=False)
    try:

        def person(name, *tags):
            given, _sep, family = name.partition(" ")
            contact_id = Contact.create(display_name=name, given_name=given, family_name=family).id
            if tags:
                contexts.tag_contacts([contact_id], tags)
            return contact_id

        mum = person("Jeanne Rivière", "family")
        log_interaction([mum], "family_visit", dt.date.today() - dt.timedelta(days=3))
        lucie = person("Lucie Moreau", "sport")
        log_interaction([lucie], "gym", dt.date.today() - dt.timedelta(days=2))
        person("Paul Girard")
        person("Paul Lemoine")
        organizations.create_group("Rotary", "association", joined_on="2020-01-01")
    finally:
        close_session()
    return db_path


def test_ask_a_close_tie_warns_and_exits_4_until_confirmed(network_db):
    result = run_cli("--db", network_db, "ask", "jeanne", "--for", "advice")
    assert result.returncode == 4, result.stderr
    assert "close to you" in result.stdout
    assert "--yes" in result.stderr
    data = json.loads(
        run_cli("--db", network_db, "ask", "Jeanne Rivière", "--for", "advice", "--json").stdout
    )
    assert data["recorded"] is False and data["ask_id"] is None
    assert [w["id"] for w in data["warnings"]] == ["close_tie"]
    assert set(data["warnings"][0]) == {
        "id",
        "severity",
        "principle",
        "message",
        "explanation",
        "alternatives",
    }
    assert [a["id"] for a in data["alternatives"]][-2:] == ["ask_anyway", "cancel"]
    assert data["contact"]["name"] == "Jeanne Rivière" and data["what"] == "advice"
    confirmed = run_cli("--db", network_db, "ask", "jeanne", "--for", "advice", "--yes", "--json")
    assert confirmed.returncode == 0, confirmed.stderr
    data = json.loads(confirmed.stdout)
    assert data["recorded"] is True and data["decision"] == "ask_anyway"
    assert isinstance(data["ask_id"], int)
    # Not a terminal: no prompt, nothing recorded, exit 4.
    again = run_cli("--db", network_db, "ask", "jeanne", "--for", "favour", input="y\n")
    assert again.returncode == 4
    assert "not answered" in again.stdout  # the pending ask makes it stronger
    balance = json.loads(run_cli("--db", network_db, "balance", "jeanne", "--json").stdout)
    assert balance["asks"] == {"pending": 1, "helped": 0, "declined": 0}
    assert balance["contact"]["name"] == "Jeanne Rivière"


def test_ask_without_warnings_goes_straight_through(network_db):
    result = run_cli("--db", network_db, "ask", "lucie", "--for", "a ride to the match")
    assert result.returncode == 0, result.stderr
    assert "Recorded" in result.stdout


def test_ambiguous_and_unknown_names_exit_2(network_db):
    result = run_cli("--db", network_db, "log", "paul", "--kind", "coffee")
    assert result.returncode == 2
    assert "Paul Girard" in result.stderr and "Paul Lemoine" in result.stderr
    assert run_cli("--db", network_db, "ask", "nobody", "--for", "advice").returncode == 2
    assert run_cli("--db", network_db, "log", "lucie", "--kind", "telepathy").returncode == 2
    assert run_cli("--db", network_db, "tag", "lucie", "nowhere").returncode == 2


def test_log_tag_followup_and_due(network_db):
    logged = run_cli(
        "--db",
        network_db,
        "log",
        "paul girard",
        "--kind",
        "coffee",
        "--when",
        "yesterday",
        "--note",
        "Talked about Lyon",
        "--with",
        "lemoine",
        "--json",
    )
    assert logged.returncode == 0, logged.stderr
    data = json.loads(logged.stdout)
    assert data["kind"] == "coffee" and data["register"] == "social"
    assert [c["name"] for c in data["contacts"]] == ["Paul Girard", "Paul Lemoine"]
    tagged = run_cli("--db", network_db, "tag", "paul girard", "friends", "Choir", "--create")
    assert tagged.returncode == 0, tagged.stderr
    assert "Choir" in tagged.stdout and "friends" in tagged.stdout
    untagged = run_cli("--db", network_db, "untag", "paul girard", "Choir")
    assert untagged.returncode == 0 and "Choir" not in untagged.stdout
    due_before = json.loads(run_cli("--db", network_db, "due", "--json").stdout)
    assert set(due_before) == {"today", "items"}
    assert [(i["name"], i["kind"]) for i in due_before["items"]] == [("Lucie Moreau", "informal")]
    followup = run_cli(
        "--db",
        network_db,
        "followup",
        "lucie",
        "--due",
        dt.date.today().isoformat(),
        "--note",
        "Squash?",
        "--json",
    )
    assert followup.returncode == 0, followup.stderr
    made = json.loads(followup.stdout)
    assert made["sequence"] == 0 and made["uid"] and made["note"] == "Squash?"
    due_after = json.loads(run_cli("--db", network_db, "due", "--json").stdout)
    assert [(i["name"], i["kind"]) for i in due_after["items"]] == [("Lucie Moreau", "follow_up")]
    plain = run_cli("--db", network_db, "due")
    assert plain.returncode == 0 and "Squash?" in plain.stdout


def test_balance_and_groups_json(network_db):
    overall = json.loads(run_cli("--db", network_db, "balance", "--json").stdout)
    assert overall["contact"] is None and overall["label"] == "balanced"
    assert set(overall) >= {
        "since",
        "window_days",
        "help_given",
        "help_received",
        "asks",
        "score",
        "label",
        "label_text",
        "people",
    }
    groups = run_cli("--db", network_db, "groups", "--json")
    assert groups.returncode == 0, groups.stderr
    data = json.loads(groups.stdout)
    assert data["active"] == 1 and data["nudge"] is True
    assert data["groups"][0]["name"] == "Rotary"
    plain = run_cli("--db", network_db, "groups")
    assert "Rotary" in plain.stdout and "Two or three" in plain.stdout


def test_commands_speak_french(network_db):
    result = run_cli(
        "--db",
        network_db,
        "ask",
        "jeanne",
        "--for",
        "advice",
        env={"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr"},
    )
    assert result.returncode == 4
    assert "vous est proche" in result.stdout


def _run_on_a_terminal(args, answer: str) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as stdin/stdout and type ``answer``."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    env.pop("ENTREGENT_DB", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "entregent", *map(str, args)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    output = b""
    answered = False
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        if not answered and b"[y/N]" in output:
            os.write(master, answer.encode() + b"\n")
            answered = True
    os.close(master)
    return process.wait(timeout=60), output.decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
def test_ask_on_a_terminal_asks_for_a_yes(network_db):
    code, output = _run_on_a_terminal(["--db", network_db, "ask", "jeanne", "--for", "advice"], "n")
    assert code == 4 and "Ask anyway?" in output
    code, output = _run_on_a_terminal(["--db", network_db, "ask", "jeanne", "--for", "advice"], "y")
    assert code == 0 and "Recorded" in output
