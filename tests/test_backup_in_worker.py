"""The day's backup made in steps that can be abandoned, and skipped when the
network has not changed since the last copy; long reads interrupted at exit."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import peewee

from entregent.model.database import connect, interrupt_thread
from entregent.model.storage_guard import forget_thread
from entregent.model.tables import Contact
from entregent.services.people.listing import names_of
from entregent.services.storage import backup
from tests.test_backup import _add


def _integrity(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_an_abandoned_daily_backup_leaves_nothing_half_written(db_path, tmp_path):
    _add(db_path, *(f"Person {n}" for n in range(300)))
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # the third look: the window is closing

    assert backup.backup_if_due(db_path, cancelled=cancelled) is None
    assert len(asked) == 3
    folder = backup.backups_folder(db_path)
    assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] == []
    assert _integrity(db_path) == "ok"
    # Resumed at the next start: the copy is made and complete.
    made = backup.backup_if_due(db_path, cancelled=lambda: False)
    assert made is not None and made.parent == folder
    assert _integrity(made) == "ok"
    conn = sqlite3.connect(made)
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 300
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_the_daily_backup_is_skipped_while_nothing_changed(db_path, monkeypatch):
    _add(db_path, "Alice", "Bob")
    first = backup.backup_if_due(db_path)
    assert first is not None
    tomorrow = backup.clock() + dt.timedelta(days=1)
    monkeypatch.setattr(backup, "clock", lambda: tomorrow)
    assert backup.backup_if_due(db_path) is None  # the network untouched since
    _add(db_path, "Carol")
    again = backup.backup_if_due(db_path)
    assert again is not None and again != first
    conn = sqlite3.connect(again)
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 3
    conn.close()


def test_a_long_read_on_another_thread_is_interrupted(db):
    Contact.create(display_name="Alice", given_name="Alice")
    started, outcome = threading.Event(), {}

    def long_read() -> None:
        own = connect(db)  # the app's kind of connection, opened on this thread
        try:
            started.set()
            own.execute_sql(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                "SELECT count(*) FROM n"
            ).fetchone()
        except Exception as exc:  # noqa: BLE001 - what the worker saw
            outcome["error"] = exc
        finally:
            own.close()

    worker = threading.Thread(target=long_read)
    worker.start()
    started.wait()
    while worker.is_alive() and not interrupt_thread(worker.ident):
        worker.join(0.01)  # its connection may not be open yet
    worker.join()
    forget_thread(worker.ident)
    assert isinstance(outcome.get("error"), peewee.OperationalError)
    assert str(outcome["error"]) == "interrupted"
    assert names_of([1]) == {1: "Alice"}  # this thread's connection untouched
    assert _integrity(db) == "ok"
