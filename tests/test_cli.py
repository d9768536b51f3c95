"""The CLI as scripts see it: a real process, exit codes, JSON on stdout."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest


def run_cli(*args, env=None, input=None):
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    full_env.pop("ENTREGENT_DB", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "entregent", *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=120,
    )


def test_version_and_help():
    assert run_cli("--version").stdout.startswith("entregent ")
    result = run_cli("--help")
    assert result.returncode == 0
    assert "search" in result.stdout


def test_search_json_on_new_database(tmp_path):
    result = run_cli("--db", tmp_path / "x.db", "search", "marie", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"query": "marie", "results": []}


def test_search_finds_with_accents_folded(db_path):
    from entregent.model.tables import Contact
    from entregent.services.storage.session import close_session, open_session

    open_session(db_path, apply_language=False)
    Contact.create(
        display_name="Marie-Hélène Lefèvre",
        given_name="Marie-Hélène",
        family_name="Lefèvre",
        org="Mairie",
    )
    close_session()
    result = run_cli("--db", db_path, "search", "helene", "lefevre", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["results"]
    assert [h["name"] for h in hits] == ["Marie-Hélène Lefèvre"]
    assert hits[0]["org"] == "Mairie"
    plain = run_cli("search", "marie", env={"ENTREGENT_DB": str(db_path)})
    assert "Marie-Hélène Lefèvre" in plain.stdout


def test_not_a_database_exits_2_and_leaves_file(tmp_path):
    path = tmp_path / "notadb.txt"
    path.write_bytes(b"not a database at all\n")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run_cli("--db", path, "search", "x")
    assert result.returncode == 2
    assert "notadb.txt" in result.stderr and "not SQLite" in result.stderr
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_usage_error_exits_2(tmp_path):
    result = run_cli("--db", tmp_path / "x.db", "search")
    assert result.returncode == 2
    assert "usage" in result.stderr


def test_contexts_lists_builtins_with_counts(tmp_path):
    result = run_cli("--db", tmp_path / "x.db", "contexts", "--json")
    assert result.returncode == 0, result.stderr
    contexts = {c["name"]: c for c in json.loads(result.stdout)["contexts"]}
    assert contexts["family"]["count"] == 0
    assert contexts["sport"]["cadence_days"] > 0


@pytest.mark.parametrize("variable", ["--db", "ENTREGENT_DB"])
def test_database_location_can_be_overridden(tmp_path, variable):
    target = tmp_path / "sub" / "chosen.sqlite3"
    if variable == "--db":
        result = run_cli("--db", target, "contexts")
    else:
        result = run_cli("contexts", env={"ENTREGENT_DB": str(target)})
    assert result.returncode == 0, result.stderr
    assert target.exists()
