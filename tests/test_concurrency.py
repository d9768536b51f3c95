"""The command line writes while another process (the desktop app) holds the database open."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from entregent.model.tables import Contact
from entregent.services.storage.session import close_session, open_session

# A second process holding the database open the way the desktop app does: one
# connection, opened at start, kept; it answers one command per line on stdin.
HOLDER = textwrap.dedent("""
    import sys, time
    from entregent.model.database import database
    from entregent.model.tables import Interaction
    from entregent.services.storage.session import open_session
    open_session(sys.argv[1], apply_language=False)
    db = database.obj
    print("ready", Interaction.select().count(), flush=True)
    for line in sys.stdin:
        word, *rest = line.split()
        if word == "count":
            print(Interaction.select().count(), flush=True)
        elif word == "read":  # a long read, e.g. a list being filled
            db.execute_sql("BEGIN")
            print(Interaction.select().count(), flush=True)
        elif word == "lock":  # a write in progress, e.g. an import
            db.execute_sql("BEGIN IMMEDIATE")
            print("locked", flush=True)
        elif word == "end":
            db.execute_sql("COMMIT")
            print("ended", flush=True)
        elif word == "hold":  # a short write: the lock is released after a while
            db.execute_sql("BEGIN IMMEDIATE")
            print("holding", flush=True)
            time.sleep(float(rest[0]))
            db.execute_sql("COMMIT")
        elif word == "quit":
            break
""")


def _env() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    env.pop("ENTREGENT_DB", None)
    return env


@pytest.fixture
def network(db_path):
    open_session(db_path, apply_language=False)
    Contact.create(display_name="Hélène Dupont", given_name="Hélène", family_name="Dupont")
    close_session()
    return db_path


@pytest.fixture
def holder(network):
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(network)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )

    def ask(command: str) -> str:
        process.stdin.write(command + "\n")
        process.stdin.flush()
        return process.stdout.readline().strip()

    assert process.stdout.readline().split() == ["ready", "0"]
    yield ask
    try:
        process.stdin.write("quit\n")
        process.stdin.close()
    except BrokenPipeError:
        pass
    process.wait(timeout=30)
    process.stdout.close()


def _log(path, note="coffee at the club"):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "entregent",
            "--db",
            str(path),
            "log",
            "Hélène",
            "--kind",
            "coffee",
            "--note",
            note,
        ],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )


def test_cli_writes_while_the_app_holds_the_database_open(network, holder):
    result = _log(network)
    assert result.returncode == 0, result.stderr
    assert holder("count") == "1"  # the app sees it on its next read


def test_cli_writes_during_a_long_read_which_sees_it_afterwards(network, holder):
    assert holder("read") == "0"
    result = _log(network)
    assert result.returncode == 0, result.stderr
    assert holder("count") == "0"  # same read transaction: a stable picture
    assert holder("end") == "ended"
    assert holder("count") == "1"


def test_cli_waits_for_a_short_write_to_finish(network, holder):
    assert holder("hold 1.0") == "holding"
    result = _log(network)
    assert result.returncode == 0, result.stderr
    assert holder("count") == "1"


def test_cli_says_clearly_when_the_database_stays_busy(network, holder):
    assert holder("lock") == "locked"
    result = _log(network)
    assert result.returncode == 2
    assert "busy" in result.stderr and "nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert holder("end") == "ended"
    assert holder("count") == "0"
    assert _log(network).returncode == 0
    assert holder("count") == "1"


LOCK_HOLDER = textwrap.dedent("""
    import sys
    from entregent.ui.instance_lock import acquire_lock
    lock = acquire_lock(sys.argv[1])
    print("locked", flush=True)
    sys.stdin.readline()
    lock.unlock()
""")


def test_a_second_app_on_the_same_database_is_refused_but_the_cli_writes(network, tmp_path):
    first = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(network)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert first.stdout.readline().strip() == "locked"
        second = subprocess.run(
            [
                sys.executable,
                "-m",
                "entregent",
                "--db",
                str(network),
                "--screenshot",
                str(tmp_path / "second.png"),
            ],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=300,
        )
        assert second.returncode == 2
        assert "already open" in second.stderr and "Traceback" not in second.stderr
        assert not (tmp_path / "second.png").exists()
        logged = _log(network)  # the command line still writes while the app is open
        assert logged.returncode == 0, logged.stderr
    finally:
        first.stdin.write("\n")
        first.stdin.close()
        first.wait(timeout=60)
        first.stdout.close()
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "entregent",
            "--db",
            str(network),
            "--screenshot",
            str(tmp_path / "again.png"),
        ],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
