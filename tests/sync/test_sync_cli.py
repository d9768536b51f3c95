"""``entregent sync …``: the real command, from an empty HOME, against the real
Radicale of the fixture; the password from a file, the environment or a keyring,
never the command line nor the database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

from tests.fresh_home import ENTREGENT, data_file, fresh_env

from .helpers import Phone, card

BACKEND = Path(__file__).parent / "keyring_backend"
ZERO = {"new": 0, "updated": 0, "deleted": 0}
NEVER = {"last_sync_at": None}


def entregent(home: Path, *args: str, password: str | None = None, keyring: str = "fail"):
    env = fresh_env(home)
    if password is not None:
        env["ENTREGENT_SYNC_PASSWORD"] = password
    if keyring == "file":
        env["PYTHON_KEYRING_BACKEND"] = "file_keyring.FileKeyring"
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(BACKEND), env.get("PYTHONPATH")) if p)
    else:
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return subprocess.run(
        [ENTREGENT, *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def _json(result):
    assert result.stderr == "", result.stderr
    return json.loads(result.stdout)


def _files_holding(home: Path, secret: str) -> list[str]:
    return sorted(
        str(p.relative_to(home))
        for p in home.rglob("*")
        if p.is_file() and secret.encode() in p.read_bytes()
    )


def test_add_list_sync_and_remove_with_a_password_file(dav_user, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "pw").write_text(dav_user.password + "\nignored second line\n", encoding="utf-8")
    (home / "people.vcf").write_text(
        card("ann", "Ann Archer", "TEL:+33 6 12 34 56 78") + card("bob", "Bob Baker"),
        encoding="utf-8",
        newline="",
    )
    assert entregent(home, "import", "people.vcf").returncode == 0
    phone = Phone(dav_user)
    phone.put("carol.vcf", card("carol", "Carol Cole"))

    added = entregent(
        home, "sync", "add", "home", dav_user.url, "--user", dav_user.name,
        "--password-file", "pw", "--json",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert _json(added) == {
        "name": "home",
        "url": dav_user.url,
        "user": dav_user.name,
        "conflicts": "ask",
        "collections": [
            {"href": dav_user.book, "kind": "addressbook", "name": "Contacts", **NEVER},
            {"href": dav_user.calendar, "kind": "calendar", "name": "Calendar", **NEVER},
        ],
        "last_sync_at": None,
        "last_result": {},
        "password_in_keyring": False,
    }

    dry = entregent(home, "sync", "home", "--dry-run", "--json", "--password-file", "pw")
    assert dry.returncode == 0, dry.stderr
    planned = _json(dry)
    assert (planned["dry_run"], planned["here"], planned["there"]) == (
        True,
        {"new": 1, "updated": 0, "deleted": 0},
        {"new": 2, "updated": 0, "deleted": 0},
    )
    assert sorted(phone.hrefs()) == [dav_user.book + "carol.vcf"]  # nothing sent

    done = entregent(home, "sync", "home", "--json", "--password-file", "pw")
    assert done.returncode == 0, done.stderr
    report = _json(done)
    assert (report["here"], report["there"], report["conflicts"], report["errors"]) == (
        {"new": 1, "updated": 0, "deleted": 0},
        {"new": 2, "updated": 0, "deleted": 0},
        [],
        [],
    )
    assert sorted(phone.hrefs()) == [
        dav_user.book + "ann.vcf",
        dav_user.book + "bob.vcf",
        dav_user.book + "carol.vcf",
    ]
    with sqlite3.connect(data_file(home)) as db:
        assert db.execute("SELECT display_name FROM contact WHERE uid = 'carol'").fetchall() == [
            ("Carol Cole",)
        ]

    plain = entregent(home, "sync", "--password-file", "pw")  # no NAME: every account
    assert (plain.returncode, plain.stdout) == (
        0,
        "home: here 0 new, 0 updated, 0 deleted; there 0 new, 0 updated, 0 deleted.\n",
    )
    listed = _json(entregent(home, "sync", "list", "--json"))
    assert [a["name"] for a in listed] == ["home"] and listed[0]["last_sync_at"]
    assert listed[0]["last_result"]["here"] == ZERO
    assert _files_holding(home, dav_user.password) == ["pw"]  # not in the database

    removed = entregent(home, "sync", "remove", "home")
    assert removed.returncode == 0
    assert "nothing was deleted" in removed.stdout
    assert _json(entregent(home, "sync", "list", "--json")) == []
    assert len(phone.hrefs()) == 3
    assert data_file(home).exists()


def test_environment_password_goes_to_the_keyring_and_remove_forgets_it(dav_user, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    added = entregent(
        home, "sync", "add", "phone", dav_user.url, "--user", dav_user.name,
        "--collection", "Contacts", "--json", password=dav_user.password, keyring="file",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    info = _json(added)
    assert info["password_in_keyring"] is True
    assert [c["href"] for c in info["collections"]] == [dav_user.book]
    keyring = json.loads((home / "keyring.json").read_text())
    assert keyring == {f"entregent-sync/{dav_user.name}@{dav_user.url}": dav_user.password}
    Phone(dav_user).put("dan.vcf", card("dan", "Dan Dale"))
    synced = entregent(home, "sync", "phone", "--json", keyring="file")  # no password given
    assert synced.returncode == 0, synced.stderr
    assert _json(synced)["here"] == {"new": 1, "updated": 0, "deleted": 0}
    assert _files_holding(home, dav_user.password) == ["keyring.json"]
    assert entregent(home, "sync", "remove", "phone", keyring="file").returncode == 0
    assert json.loads((home / "keyring.json").read_text()) == {}
    without = entregent(home, "sync", "add", "again", dav_user.url, "--user", dav_user.name)
    assert without.returncode == 2
    assert "ENTREGENT_SYNC_PASSWORD" in without.stderr and "--password-file" in without.stderr


def test_conflicts_exit_3_and_the_guard_exits_4(dav_user, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "people.vcf").write_text(
        "".join(card(f"p{n}", f"Person{n} Test", "NOTE:old") for n in range(6)),
        encoding="utf-8",
        newline="",
    )
    pw = dav_user.password
    assert entregent(home, "import", "people.vcf").returncode == 0
    add = ("sync", "add", "home", dav_user.url, "--user", dav_user.name, "--collection", "Contacts")
    assert entregent(home, *add, password=pw).returncode == 0
    assert entregent(home, "sync", "home", password=pw).returncode == 0
    phone = Phone(dav_user)
    text, etag = phone.get(dav_user.book + "p0.vcf")
    phone.put("p0.vcf", text.replace("NOTE:old", "NOTE:theirs"), etag)
    with sqlite3.connect(data_file(home)) as edit:  # an edit here, as the app makes it
        edit.execute("UPDATE contact SET note = 'ours' WHERE uid = 'p0'")
    asked = entregent(home, "sync", "home", "--json", password=pw)
    assert asked.returncode == 3
    report = _json(asked)
    assert [(c["uid"], c["name"]) for c in report["conflicts"]] == [("p0", "Person0 Test")]
    assert "NOTE:theirs" in phone.get(dav_user.book + "p0.vcf")[0]
    kept = entregent(home, "sync", "home", "--conflicts", "keep-remote", password=pw)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "conflict settled for Person0 Test (p0): the server's kept" in kept.stdout
    with sqlite3.connect(data_file(home)) as db:
        assert db.execute("SELECT note FROM contact WHERE uid = 'p0'").fetchall() == [("theirs",)]

    for href in phone.hrefs():
        phone.delete(href)
    stopped = entregent(home, "sync", "home", password=pw)
    assert stopped.returncode == 4
    assert "stopped, nothing changed" in stopped.stdout and "--allow-mass-delete" in stopped.stdout
    gone_on = entregent(home, "sync", "home", "--allow-mass-delete", "--json", password=pw)
    assert gone_on.returncode == 0
    assert _json(gone_on)["here"] == {"new": 0, "updated": 0, "deleted": 6}


def test_a_wrong_password_stores_no_account(dav_user, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    wrong = entregent(
        home, "sync", "add", "home", dav_user.url, "--user", dav_user.name, password="nope"
    )
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("entregent: home: the server refused the user name or password")
    assert _json(entregent(home, "sync", "list", "--json")) == []


def test_unknown_account_and_bad_usage(tmp_path, monkeypatch, capsys):
    from entregent.cli import main
    from tests.fresh_home import set_fresh_home

    set_fresh_home(monkeypatch, tmp_path)
    monkeypatch.setenv("ENTREGENT_SYNC_PASSWORD", "x")
    url = "http://127.0.0.1:9/"
    cases = [
        (["sync", "work"], "There is no sync account named “work”."),
        (["sync", "add", "home", url, "--password", "s"], "never given on the command line"),
        (["sync", "add", "home", url, "--password-f", "pw"], "unrecognized arguments"),
        (["sync", "add", "home", url], "sync add needs --user USER"),
        (["sync", "list", "--dry-run"], "--dry-run does not apply here"),
        (["sync", "remove"], "usage: entregent sync remove NAME"),
        (["sync", "a", "b"], "usage: entregent sync [NAME]"),
        (["sync", "--conflicts", "mine"], "invalid choice: 'mine'"),
    ]
    for argv, message in cases:
        try:
            code = main(argv)
        except SystemExit as exit:  # argparse's own refusals
            code = exit.code
        assert code == 2, argv
        assert message in capsys.readouterr().err, argv


def test_several_collections_need_a_choice_off_a_terminal(dav_user, tmp_path):
    from entregent.sync.webdav import DavClient

    with DavClient(dav_user.url, dav_user.name, dav_user.password) as client:
        client.make_collection(f"/{dav_user.name}/work/", "card", "Work")
    home = tmp_path / "home"
    home.mkdir()
    add = ("sync", "add", "home", dav_user.url, "--user", dav_user.name)
    refused = entregent(home, *add, password=dav_user.password)
    assert refused.returncode == 2
    assert "choose with --collection" in refused.stderr and "Work (/" in refused.stderr
    chosen = entregent(
        home, *add, "--collection", "Work", "--collection", dav_user.calendar, "--json",
        password=dav_user.password,
    )  # fmt: skip
    assert chosen.returncode == 0, chosen.stderr
    assert [c["href"] for c in _json(chosen)["collections"]] == [
        f"/{dav_user.name}/work/",
        dav_user.calendar,
    ]
