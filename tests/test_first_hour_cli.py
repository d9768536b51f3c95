"""The command line in the first hour (issue 16): show, ids, names without
case or accents, export --force, French kinds, follow-up times, asks and
their answers. Each test starts from an empty HOME and runs ``entregent``."""

from __future__ import annotations

import json
import sqlite3

from tests.fresh_home import data_file, run

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa Martin\r\nN:Martin;Léa;;;\r\n"
    "EMAIL:lea@example.org\r\nBDAY:1990-04-02\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hugo Petit\r\nN:Petit;Hugo;;;\r\nEND:VCARD\r\n"
)


def _home_with_people(tmp_path):
    (tmp_path / "people.vcf").write_text(CARDS, encoding="utf-8")
    done = run(tmp_path, "import", str(tmp_path / "people.vcf"))
    assert done.returncode == 0, done.stderr
    return tmp_path


def _rows(tmp_path, sql, params=()):
    with sqlite3.connect(data_file(tmp_path)) as db:
        return db.execute(sql, params).fetchall()


def _ok(home, *args, **kw):
    done = run(home, *args, **kw)
    assert done.returncode == 0, done.stderr
    return done


def test_search_prints_ids_usable_by_show(tmp_path):
    home = _home_with_people(tmp_path)
    out = _ok(home, "search", "lea").stdout
    lea_id = _rows(home, "SELECT id FROM contact WHERE display_name = 'Léa Martin'")[0][0]
    assert f"#{lea_id}  Léa Martin" in out
    shown = _ok(home, "show", f"#{lea_id}").stdout
    assert shown.splitlines()[0] == f"Léa Martin #{lea_id}"
    assert "lea@example.org" in shown
    assert "Last contact: never" in shown
    data = json.loads(_ok(home, "show", "Léa", "--json").stdout)
    assert (data["id"], data["name"], data["birthday"]) == (lea_id, "Léa Martin", "1990-04-02")
    assert [m["value"] for m in data["methods"]] == ["lea@example.org"]
    assert data["open_asks"] == [] and data["recent_interactions"] == []


def test_show_unknown_person_exit_2(tmp_path):
    done = run(_home_with_people(tmp_path), "show", "Nobody-here")
    assert done.returncode == 2
    assert "Nobody matches “Nobody-here”." in done.stderr


def test_groups_and_contexts_match_without_case_or_accents(tmp_path):
    home = _home_with_people(tmp_path)
    from entregent.services.people.organizations import create_group
    from entregent.services.storage.session import close_session, open_session

    open_session(data_file(home))
    try:
        group_id = create_group("École du quartier")
    finally:
        close_session()
    assert f"#{group_id}" in _ok(home, "groups").stdout
    for spelling in ("ecole du quartier", "ÉCOLE DU QUARTIER", f"#{group_id}"):
        _ok(home, "log", "Léa", "--kind", "group_event", "--group", spelling)
    assert (
        _rows(home, "SELECT count(*) FROM interaction WHERE organization_id = ?", (group_id,))[0][0]
        == 3
    )
    contexts = _ok(home, "contexts").stdout
    friends = _rows(home, "SELECT id FROM context WHERE name = 'friends'")[0][0]
    assert f"#{friends}" in contexts


def test_export_refuses_to_overwrite_without_force(tmp_path):
    home = _home_with_people(tmp_path)
    target = home / "out.vcf"
    target.write_text("keep me", encoding="utf-8")
    done = run(home, "export", "contacts", "out.vcf")
    assert done.returncode == 2
    assert f"{target} already exists; nothing was written. Add --force" in done.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    done = _ok(home, "export", "contacts", "out.vcf", "--force")
    assert done.stdout.strip() == f"Exported 2 contacts to {target}."
    assert "FN:Léa Martin" in target.read_text(encoding="utf-8")


def test_import_history_keeps_absolute_paths(tmp_path):
    home = _home_with_people(tmp_path)  # imported as an absolute path already
    (home / "sub").mkdir()
    (home / "sub" / "more.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoé Roux\r\nEND:VCARD\r\n", encoding="utf-8"
    )
    _ok(home, "import", "sub/more.vcf")
    paths = [p for (p,) in _rows(home, "SELECT path FROM import_batch ORDER BY id")]
    assert paths == [str(home / "people.vcf"), str(home / "sub" / "more.vcf")]


def test_log_accepts_french_kinds_and_lists_them_in_french(tmp_path):
    home = _home_with_people(tmp_path)
    for kind in ("café", "Repas", "appel", "coffee"):
        _ok(home, "log", "Léa", "--kind", kind, language="fr_FR.UTF-8")
    kinds = [k for (k,) in _rows(home, "SELECT kind FROM interaction ORDER BY id")]
    assert kinds == ["coffee", "meal", "call", "coffee"]
    done = run(home, "log", "Léa", "--kind", "zzz", language="fr_FR.UTF-8")
    assert done.returncode == 2
    assert "choisissez parmi : café, repas, sport" in done.stderr
    helped = run(home, "log", "--help", language="fr_FR.UTF-8").stdout
    assert "café, repas" in " ".join(helped.split())


def test_log_refuses_the_future_and_warns_before_birth(tmp_path):
    home = _home_with_people(tmp_path)
    done = run(home, "log", "Léa", "--kind", "coffee", "--when", "2999-01-01")
    assert done.returncode == 2
    assert "is in the future" in done.stderr
    done = _ok(home, "log", "Léa", "--kind", "coffee", "--when", "1980-05-01")
    assert "1 May 1980 is before Léa Martin was born (1990)." in done.stderr
    assert _rows(home, "SELECT count(*) FROM interaction")[0][0] == 1


def test_followup_due_with_a_time_keeps_it_and_absurd_days_are_refused(tmp_path):
    home = _home_with_people(tmp_path)
    done = _ok(home, "followup", "Léa", "--due", "2026-12-10 18:30", "--json")
    data = json.loads(done.stdout)
    assert _rows(home, "SELECT due_on, due_time FROM follow_up") == [("2026-12-10", "18:30:00")]
    assert data["due_on"] == "2026-12-10"
    for absurd in ("2090-01-01", "1999-01-01"):
        done = run(home, "followup", "Léa", "--due", absurd)
        assert done.returncode == 2, absurd
        assert "Nothing was stored." in done.stderr
    assert _rows(home, "SELECT count(*) FROM follow_up")[0][0] == 1


def test_ask_words_are_stored_and_shown_and_answered(tmp_path):
    home = _home_with_people(tmp_path)
    done = _ok(home, "ask", "Léa", "--for", "advice on my thesis", "--yes")
    ask_id = _rows(home, "SELECT id FROM ask")[0][0]
    assert f"Recorded your ask #{ask_id} to Léa Martin for “advice on my thesis”." in done.stdout
    assert _rows(home, "SELECT what, detail, outcome FROM ask") == [
        ("other", "advice on my thesis", "pending")
    ]
    listed = _ok(home, "asks", "--open").stdout
    assert "“advice on my thesis”" in listed and "waiting for an answer" in listed
    data = json.loads(_ok(home, "asks", "Léa", "--json").stdout)
    assert [(a["id"], a["detail"], a["open"]) for a in data["asks"]] == [
        (ask_id, "advice on my thesis", True)
    ]
    # Unanswered: not help received, shown apart, no weight on the balance.
    balance = _ok(home, "balance", "Léa").stdout
    assert "help received: 0" in balance
    assert "1 ask waiting for an answer" in balance
    assert "balance: balanced" in balance
    assert "1 ask waiting for an answer:" in _ok(home, "show", "Léa").stdout
    answered = _ok(home, "answer", str(ask_id), "helped", "--note", "great talk").stdout
    assert "Counted as help received from Léa Martin." in answered
    assert "Say thank you? entregent followup" in answered
    assert _rows(home, "SELECT outcome FROM ask") == [("helped",)]
    assert _rows(home, "SELECT note FROM interaction") == [("advice on my thesis\ngreat talk",)]
    balance = _ok(home, "balance", "Léa").stdout
    assert "help received: 1" in balance and "waiting for an answer" not in balance
    assert json.loads(_ok(home, "asks", "--open", "--json").stdout) == {"asks": []}
    done = json.loads(_ok(home, "answer", str(ask_id), "no-answer", "--json").stdout)
    assert (done["ask"]["outcome"], done["proposed_followup"]) == ("no_answer", None)
    bad = run(home, "answer", str(ask_id), "maybe")
    assert bad.returncode == 2 and "helped, declined, no-answer" in bad.stderr
    missing = run(home, "answer", "999", "helped")
    assert missing.returncode == 2 and "No ask with id 999." in missing.stderr
