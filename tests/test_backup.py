"""Backups: consistent copies, the daily one, before upgrades, the rotation, restore."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from entregent.cli import main
from entregent.errors import NotFound, UserError
from entregent.model.migrations import CURRENT_VERSION
from entregent.model.tables import Contact
from entregent.services.storage.backup import (
    backup_if_due,
    backups_folder,
    create_backup,
    list_backups,
    rotate_backups,
)
from entregent.services.storage.restore import check_backup_file, restore_database
from entregent.services.storage.session import close_session, open_session

from .conftest import FIXTURES
from .storage_faults import read_only_folder


def _names(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT display_name FROM contact"))
    finally:
        conn.close()


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add(path, *names) -> None:
    open_session(path, apply_language=False)
    try:
        for name in names:
            Contact.create(display_name=name, given_name=name)
    finally:
        close_session()


def test_backup_is_consistent_while_another_connection_writes(db_path):
    _add(db_path, "Alice")
    writer = sqlite3.connect(db_path)
    writer.execute(
        "INSERT INTO contact (uid, display_name, created_at, updated_at, sort_key) "
        "VALUES ('u-bob', 'Bob', '2025-01-01', '2025-01-01', 'bob')"
    )
    writer.commit()  # committed into the WAL, not yet checkpointed
    writer.execute("BEGIN")
    writer.execute(
        "INSERT INTO contact (uid, display_name, created_at, updated_at, sort_key) "
        "VALUES ('u-eve', 'Eve (not committed)', '2025-01-01', '2025-01-01', 'eve')"
    )
    copy = create_backup(db_path)
    writer.rollback()
    writer.close()
    assert copy.parent == db_path.parent / "backups"
    assert copy.name.startswith("entregent.sqlite3.") and copy.name.endswith(".manual.sqlite3")
    assert _names(copy) == ["Alice", "Bob"]
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    conn.close()
    assert not list(copy.parent.glob("*.partial"))


def test_first_start_of_the_day_makes_one_copy(db_path):
    folder = backups_folder(db_path)
    _add(db_path, "Alice")  # the network was empty when opened: nothing to copy yet
    assert not folder.exists()
    open_session(db_path, apply_language=False)
    close_session()
    daily = [b for b in list_backups(db_path) if b.reason == "daily"]
    assert len(daily) == 1 and daily[0].taken_at.date() == dt.date.today()
    mtime = folder.stat().st_mtime_ns
    open_session(db_path, apply_language=False)  # a second start: no new copy
    close_session()
    assert folder.stat().st_mtime_ns == mtime
    assert backup_if_due(db_path) is None
    assert len(list_backups(db_path)) == 1


def test_copy_made_yesterday_does_not_count_for_today(db_path):
    _add(db_path, "Alice")
    folder = backups_folder(db_path)
    folder.mkdir()
    yesterday = dt.datetime.now() - dt.timedelta(days=1)
    old = folder / f"entregent.sqlite3.{yesterday:%Y-%m-%dT%H%M%S}.daily.sqlite3"
    shutil.copyfile(db_path, old)
    stamp = yesterday.timestamp()
    os.utime(folder, (stamp, stamp))
    made = backup_if_due(db_path)
    assert made is not None and made.name.endswith(".daily.sqlite3")
    assert len(list_backups(db_path)) == 2


def test_another_database_in_the_same_folder_does_not_count(db_path):
    _add(db_path, "Alice")
    other = db_path.with_name("other.sqlite3")
    shutil.copyfile(db_path, other)
    assert backup_if_due(other) is not None
    assert backup_if_due(db_path) is not None  # the folder changed today, but not for it
    assert {b.path.name.split(".")[0] for b in list_backups(db_path)} == {"entregent"}


def test_a_new_database_is_not_backed_up(tmp_path):
    path = tmp_path / "new.sqlite3"
    open_session(path, apply_language=False)
    close_session()
    assert not backups_folder(path).exists()


def test_upgrade_copies_to_the_backups_folder_and_keeps_bak(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema_v1.sqlite3", path)
    open_session(path, apply_language=False)
    close_session()
    reasons = [b.reason for b in list_backups(path)]
    assert reasons == ["migration"]  # and no daily one: today's copy exists
    copy = list_backups(path)[0].path
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    assert _names(copy) == ["Hélène Dupont", "Marc van der Berg"]
    assert (tmp_path / "old.sqlite3.bak-v1").exists()


def test_backup_of_a_read_only_location_never_stops_the_start(db_path):
    open_session(db_path, apply_language=False, daily_backup=False)
    Contact.create(display_name="Anne Martin")  # something to copy
    close_session()
    folder = backups_folder(db_path)
    folder.mkdir()
    with read_only_folder(folder):
        open_session(db_path, apply_language=False)  # no exception
        assert Contact.select().count() == 1
        close_session()
        assert list(folder.iterdir()) == []
    open_session(db_path, apply_language=False)  # writable again: the day's copy is made
    close_session()
    assert [b.reason for b in list_backups(db_path)] == ["daily"]


def _fake(folder, when: dt.datetime, reason: str, db="entregent.sqlite3", n=None):
    suffix = f"-{n}" if n else ""
    path = folder / f"{db}.{when:%Y-%m-%dT%H%M%S}{suffix}.{reason}.sqlite3"
    path.write_bytes(b"")
    return path


def test_rotation_keeps_seven_days_four_weeks_and_the_newest(db_path):
    folder = backups_folder(db_path)
    folder.mkdir()
    start = dt.datetime(2026, 1, 1, 8, 0, 0)
    daily, merges = [], []
    for day in range(60):  # a daily copy each morning, a merge every third afternoon
        morning = start + dt.timedelta(days=day)
        daily.append(_fake(folder, morning, "daily"))
        if day % 3 == 0:
            merges.append(_fake(folder, morning + dt.timedelta(hours=5), "merge"))
    same_second = _fake(folder, start + dt.timedelta(days=59), "daily", n=2)  # newest of all
    manual = _fake(folder, start, "manual")
    stranger = _fake(folder, start, "daily", db="other.sqlite3")
    unrelated = folder / "notes.txt"
    unrelated.write_text("mine")
    removed = rotate_backups(db_path)
    kept = {b.path for b in list_backups(db_path)}
    first_of_week = {}
    for day in range(60):
        first_of_week.setdefault((start + dt.timedelta(days=day)).isocalendar()[:2], daily[day])
    expected = set(daily[53:60]) | {first_of_week[w] for w in sorted(first_of_week)[-4:]}
    expected |= {same_second, manual}
    assert kept == expected
    assert len(kept) <= 7 + 4 + 1 + 1
    assert stranger.exists() and unrelated.exists()
    assert removed and all(not p.exists() for p in removed)
    assert not any(m.exists() for m in merges)  # none was the first of a day


def test_rotation_runs_after_each_automatic_copy(db_path):
    folder = backups_folder(db_path)
    folder.mkdir()
    long_ago = dt.datetime.now() - dt.timedelta(days=400)
    old = [_fake(folder, long_ago + dt.timedelta(days=i), "daily") for i in range(20)]
    made = create_backup(db_path, reason="merge")
    assert made.exists()
    assert all(p.exists() for p in old[-6:])  # with today, the last seven days that have one
    assert 6 <= sum(p.exists() for p in old) <= 6 + 3  # and the first of three older weeks
    assert len(list_backups(db_path)) <= 7 + 4


def test_backup_to_a_file_refuses_to_overwrite(db_path, tmp_path):
    target = tmp_path / "copy.sqlite3"
    create_backup(db_path, target)
    assert _names(target) == []
    with pytest.raises(UserError, match="already exists"):
        create_backup(db_path, target)
    with pytest.raises(UserError, match="cannot replace the database"):
        create_backup(db_path, db_path)
    with pytest.raises(NotFound):
        create_backup(tmp_path / "missing.sqlite3")


def test_cli_backup_list_and_restore(db_path, tmp_path, capsys):
    _add(db_path, "Alice", "Bob")
    out = tmp_path / "saved.sqlite3"
    assert main(["--db", str(db_path), "backup", str(out)]) == 0
    assert "saved.sqlite3" in capsys.readouterr().out
    _add(db_path, "Carol (added after the backup)")
    assert main(["--db", str(db_path), "backup", "--list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [b["reason"] for b in listing["backups"]] == ["daily"]
    assert main(["--db", str(db_path), "restore", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    kept = Path(result["kept_as"])
    assert kept.parent == db_path.parent / "backups"
    assert kept.name.startswith("entregent.sqlite3.") and kept.name.endswith(
        ".before-restore.sqlite3"
    )
    assert _names(db_path) == ["Alice", "Bob"]
    assert _names(result["kept_as"]) == ["Alice", "Bob", "Carol (added after the backup)"]
    assert main(["--db", str(db_path), "backup"]) == 0
    assert ".manual.sqlite3" in capsys.readouterr().out


def test_restore_is_seen_by_a_connection_held_open(db_path, tmp_path):
    _add(db_path, "Alice")
    saved = create_backup(db_path, tmp_path / "saved.sqlite3")
    _add(db_path, "Bob")
    gui = sqlite3.connect(db_path)  # e.g. the desktop app, still open
    assert gui.execute("SELECT count(*) FROM contact").fetchone()[0] == 2
    restore_database(saved, db_path)
    assert gui.execute("SELECT count(*) FROM contact").fetchone()[0] == 1
    gui.close()


def test_restore_of_an_older_schema_is_upgraded(db_path):
    result = restore_database(FIXTURES / "schema_v1.sqlite3", db_path)
    assert result.schema_version == 1
    open_session(db_path, apply_language=False)
    try:
        assert Contact.get(Contact.uid == "uid-helene").sort_key.startswith("dupont")
    finally:
        close_session()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    conn.close()


def test_restore_over_a_damaged_database(db_path, tmp_path):
    _add(db_path, "Alice")
    saved = create_backup(db_path, tmp_path / "saved.sqlite3")
    data = bytearray(db_path.read_bytes())
    for offset in range(4096, len(data), 61):
        data[offset] ^= 0x5A
    db_path.write_bytes(bytes(data))
    damaged = _digest(db_path)
    assert main(["--db", str(db_path), "restore", str(saved)]) == 0
    assert _names(db_path) == ["Alice"]
    [kept] = [b.path for b in list_backups(db_path) if b.reason == "before-restore"]
    assert _digest(kept) == damaged


def test_restore_into_a_missing_database(tmp_path, db_path):
    _add(db_path, "Alice")
    target = tmp_path / "fresh" / "entregent.sqlite3"
    result = restore_database(db_path, target)
    assert result.kept_as is None
    assert _names(target) == ["Alice"]


def _write(path, setup):
    conn = sqlite3.connect(path)
    conn.executescript(setup)
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_text("BEGIN:VCARD\nFN:not a database\nEND:VCARD\n"), "not an SQLite"),
        (lambda p: p.write_bytes(b""), "not an SQLite"),
        (
            lambda p: _write(
                p,
                f"CREATE TABLE contact (x); CREATE TABLE interaction (x);"
                f"PRAGMA user_version = {CURRENT_VERSION + 1};",
            ),
            "newer Entregent",
        ),
        (
            lambda p: _write(p, "CREATE TABLE photos (x); PRAGMA user_version = 1;"),
            "not an Entregent one",
        ),
    ],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(db_path, tmp_path, make, message):
    _add(db_path, "Alice")
    bad = tmp_path / "bad.sqlite3"
    make(bad)
    before = _digest(db_path)
    with pytest.raises(UserError, match=message):
        restore_database(bad, db_path)
    assert _digest(db_path) == before
    assert [b for b in list_backups(db_path) if b.reason == "before-restore"] == []


def test_restore_refuses_a_damaged_backup(db_path, tmp_path):
    _add(db_path, "Alice", "Bob", "Carol")
    saved = create_backup(db_path, tmp_path / "saved.sqlite3")
    data = bytearray(saved.read_bytes())
    for offset in range(4096 + 100, len(data), 53):
        data[offset] ^= 0xFF
    saved.write_bytes(bytes(data))
    with pytest.raises(UserError, match="damaged"):
        check_backup_file(saved)
    before = _digest(db_path)
    assert main(["--db", str(db_path), "restore", str(saved)]) == 2
    assert _digest(db_path) == before


def test_restore_refuses_the_database_itself(db_path):
    with pytest.raises(UserError, match="database itself"):
        restore_database(db_path, db_path)


def test_merge_makes_a_copy_first(db):
    from entregent.services.people.merge import merge_contacts

    keep = Contact.create(display_name="Hélène Dupont")
    other = Contact.create(display_name="Helene Dupont", note="from the phone")
    merge_contacts(keep.id, other.id)
    copies = [b for b in list_backups(db) if b.reason == "merge"]
    assert len(copies) == 1
    assert _names(copies[0].path) == ["Helene Dupont", "Hélène Dupont"]  # as before the merge
    assert _names(db) == ["Hélène Dupont"]


def test_copies_made_within_one_second_list_in_the_order_they_were_made(db_path):
    """Copies by the user and one kept before a restore, made in a burst (mostly
    within one second): numbered across reasons, so that the list (and the backups
    dialog) gives them in the order they were made, whatever order the folder gives."""
    made = [
        create_backup(db_path, reason=reason).name
        for reason in ("manual", "before-restore", "manual", "before-restore")
    ]
    assert [b.path.name for b in list_backups(db_path)] == made
    assert len(set(made)) == 4
