"""Closing the window while a backup or a long read runs on a worker: the work is
abandoned (the read interrupted), the workers end, the database stays whole."""

from __future__ import annotations

import sqlite3
import threading

import peewee
import pytest

from entregent.model.database import database
from entregent.model.tables import Contact
from entregent.services.storage import backup


def _integrity(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("what", ["backup", "long read"])
def test_closing_the_window_with_work_in_flight_leaves_a_valid_database(make_window, db, what):
    for n in range(50):
        Contact.create(display_name=f"Person {n}", given_name=f"Person {n}")
    window = make_window()
    running, seen = threading.Event(), []

    def task(job):
        running.set()
        if what == "backup":
            return backup.backup_if_due(
                db, cancelled=lambda: job.cancelled() or not running.wait(0) or False
            )
        return database.execute_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        ).fetchone()

    window.context.workers.run(task, seen.append, seen.append, abandon=True, background=True)
    running.wait(10)
    window.close()
    assert not window.context.workers.busy()
    assert _integrity(db) == "ok"
    folder = backup.backups_folder(db)
    leftovers = [p.name for p in folder.glob("*.partial")] if folder.exists() else []
    assert leftovers == []
    if what == "long read":
        assert isinstance(seen[0], peewee.OperationalError) and str(seen[0]) == "interrupted"
