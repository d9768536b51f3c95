"""Killed half-way (SIGKILL), an import or a merge leaves all of its work or none of it.

Each scenario first runs the work to the end once in a process of its own to
learn how long it takes, then starts it again on a fresh copy of the database
and kills it at a random moment spread over that time, several times. After
each kill the database must open, pass ``PRAGMA integrity_check``, still hold
everything it held before, and hold the file's cards (events, merge) either all
or not at all.

Default: 5 kills of a 2,000-card import (and of a calendar import and a merge).
On demand: ``ENTREGENT_KILL_CARDS=10000 ENTREGENT_KILLS=20``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from entregent.model.database import database
from entregent.model.tables import Contact, ContactMethod, Interaction, Participant
from entregent.services.storage.session import close_session, open_session

from .storage_faults import contents_digest

RUNNER = Path(__file__).resolve().parent / "import_runner.py"
CARDS = int(os.environ.get("ENTREGENT_KILL_CARDS", "2000"))
KILLS = int(os.environ.get("ENTREGENT_KILLS", "5"))
SEED = int(os.environ.get("ENTREGENT_KILL_SEED", "8"))
PEOPLE = 60  # already in the database before the work starts

KILL_REPORT: list[dict] = []


def _env() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("ENTREGENT_DB", None)
    return env


def _command(db: Path, *args: str) -> list[str]:
    return [sys.executable, str(RUNNER), str(db), *args]


def _run_to_the_end(db: Path, *args: str) -> tuple[dict, float]:
    process = subprocess.Popen(_command(db, *args), stdout=subprocess.PIPE, text=True, env=_env())
    assert process.stdout.readline().strip() == "started"
    start = time.perf_counter()
    out = json.loads(process.stdout.readline())
    seconds = time.perf_counter() - start
    process.wait(timeout=600)
    process.stdout.close()
    return out, seconds


def _kill_at(db: Path, delay: float, *args: str) -> bool:
    """Start the work, SIGKILL it ``delay`` seconds in; True if it was still running."""
    process = subprocess.Popen(_command(db, *args), stdout=subprocess.PIPE, text=True, env=_env())
    assert process.stdout.readline().strip() == "started"
    time.sleep(delay)
    running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    process.stdout.close()
    return running


def _integrity(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def _opens(db: Path) -> None:
    open_session(db, apply_language=False)
    close_session()


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def _table_digest(db: Path, sql: str) -> str:
    conn = sqlite3.connect(db)
    try:
        return repr(conn.execute(sql).fetchall())
    finally:
        conn.close()


def _delays(seconds: float, rng: random.Random) -> list[float]:
    """Kill moments spread over the work: one in each slice, at random within it."""
    slices = [(i / KILLS, (i + 1) / KILLS) for i in range(KILLS)]
    return [seconds * rng.uniform(low, high) * 1.05 for low, high in slices]


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    target = os.environ.get("ENTREGENT_FUZZ_REPORT")
    if target and KILL_REPORT:
        with open(target, "a", encoding="utf-8") as handle:
            for line in KILL_REPORT:
                handle.write(json.dumps(line) + "\n")


@pytest.fixture
def base_db(db_path):
    """A network with people (with e-mails the calendar will name) already in it."""
    open_session(db_path, apply_language=False)
    with database.atomic():
        for n in range(PEOPLE):
            person = Contact.create(
                display_name=f"Known {n}",
                given_name="Known",
                family_name=str(n),
                note=f"met at the club, {n}",
            )
            ContactMethod.create(
                contact=person,
                kind="email",
                value=f"known{n}@example.org",
                normalized=f"known{n}@example.org",
            )
    close_session()
    return db_path


def _vcards(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        for n in range(count):
            handle.write(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:crash-{n}\r\nFN:Crash Test {n}\r\n"
                f"N:Test {n};Crash;;;\r\nTEL;TYPE=CELL:+33 6 12 {n // 100 % 100:02d} "
                f"{n % 100:02d} 00\r\nEMAIL:crash{n}@example.org\r\nORG:Club {n % 17}\r\n"
                f"NOTE:Card {n} of {count}\\, with accents éèà and a comma\r\n"
                f"CATEGORIES:Friends,Club {n % 5}\r\nEND:VCARD\r\n"
            )
    return path


def _calendar(path: Path, count: int) -> Path:
    now = dt.datetime.now(dt.UTC)
    step = dt.timedelta(days=700) / count  # all within the two years imported
    events = []
    for n in range(count):
        start = (now - dt.timedelta(hours=5) - step * n).strftime("%Y%m%dT%H%M%SZ")
        events.append(
            f"BEGIN:VEVENT\r\nUID:crash-ev-{n}@example.org\r\nDTSTAMP:20250101T000000Z\r\n"
            f"DTSTART:{start}\r\nDURATION:PT1H\r\nSUMMARY:Lunch {n}\r\n"
            f"ATTENDEE;CN=Known {n % PEOPLE}:mailto:known{n % PEOPLE}@example.org\r\n"
            f"ATTENDEE;CN=Stranger {n}:mailto:stranger{n}@example.org\r\nEND:VEVENT\r\n"
        )
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//crash//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    return path


def _scenario(name, base_db, tmp_path, args, measure_all, before_sql, expected_all):
    rng = random.Random(f"{SEED}-{name}")
    before = _table_digest(base_db, before_sql)
    trial = tmp_path / "trial.sqlite3"
    shutil.copyfile(base_db, trial)
    out, seconds = _run_to_the_end(trial, *args)
    assert out["outcome"] in ("imported", "merged"), out
    assert measure_all(trial) == expected_all
    outcomes = []
    for number, delay in enumerate(_delays(seconds, rng)):
        copy = tmp_path / f"kill{number}.sqlite3"
        shutil.copyfile(base_db, copy)
        running = _kill_at(copy, delay, *args)
        _integrity(copy)
        _opens(copy)
        _integrity(copy)
        found = measure_all(copy)
        assert found in (0, expected_all), (
            f"kill {number} at {delay:.2f} s: {found} of {expected_all}"
        )
        assert _table_digest(copy, before_sql) == before, "what was there before changed"
        outcomes.append(
            {
                "at": round(delay, 3),
                "killed_while_running": running,
                "kept": "all" if found else "none",
            }
        )
    KILL_REPORT.append(
        {"scenario": name, "work_seconds": round(seconds, 3), "size": CARDS, "kills": outcomes}
    )
    assert sum(o["killed_while_running"] for o in outcomes) >= max(1, KILLS - 2), outcomes


def test_killed_vcard_import_keeps_all_or_none(base_db, tmp_path):
    path = _vcards(tmp_path / "phone.vcf", CARDS)
    _scenario(
        "vcard import",
        base_db,
        tmp_path,
        [str(path)],
        lambda db: _count(
            db,
            "SELECT count(DISTINCT contact_id) FROM contact_method "
            "WHERE normalized LIKE 'crash%@example.org'",
        ),
        "SELECT id, display_name, note FROM contact WHERE display_name LIKE 'Known%' ORDER BY id",
        CARDS,
    )


def test_killed_calendar_import_keeps_all_or_none(base_db, tmp_path):
    path = _calendar(tmp_path / "calendar.ics", CARDS)
    _scenario(
        "calendar import",
        base_db,
        tmp_path,
        [str(path), "--create-contacts"],
        lambda db: _count(
            db, "SELECT count(*) FROM interaction WHERE external_key LIKE 'crash-ev-%'"
        ),
        "SELECT id, display_name, note FROM contact ORDER BY id",
        CARDS,
    )


def test_killed_merge_keeps_all_or_none(base_db, tmp_path):
    open_session(base_db, apply_language=False)
    keep = Contact.get(Contact.display_name == "Known 0")
    other = Contact.get(Contact.display_name == "Known 1")
    with database.atomic():  # a lot to move: interactions and ways to reach them
        rows = [
            {
                "occurred_at": dt.datetime(2024, 1, 1) + dt.timedelta(hours=n),
                "kind": "coffee",
                "register": "social",
                "note": f"coffee {n}",
            }
            for n in range(CARDS)
        ]
        Interaction.insert_many(rows).execute()
        ids = [
            i.id
            for i in Interaction.select(Interaction.id).where(
                Interaction.note.startswith("coffee ")
            )
        ]
        Participant.insert_many([{"interaction": i, "contact": other.id} for i in ids]).execute()
        ContactMethod.insert_many(
            [
                {
                    "contact": other.id,
                    "kind": "tel",
                    "value": f"+331{n:08d}",
                    "normalized": f"+331{n:08d}",
                }
                for n in range(200)
            ]
        ).execute()
    keep_id, other_id = keep.id, other.id
    close_session()
    digest = contents_digest(base_db)

    def merged(db: Path) -> int:
        moved = _count(db, f"SELECT count(*) FROM participant WHERE contact_id = {keep_id}")
        gone = _count(db, f"SELECT count(*) FROM contact WHERE id = {other_id}") == 0
        if not gone:
            assert moved == 0 and contents_digest(db) == digest, "a merge left half-done"
            return 0
        assert moved == CARDS, f"merged, but {moved} of {CARDS} interactions moved"
        return CARDS

    _scenario(
        "merge",
        base_db,
        tmp_path,
        ["--merge", str(keep_id), str(other_id)],
        merged,
        f"SELECT id, display_name FROM contact WHERE id NOT IN ({other_id}) ORDER BY id",
        CARDS,
    )
