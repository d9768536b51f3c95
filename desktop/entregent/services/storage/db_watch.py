"""Noticing that another program changed the database (the command line, while
the app is open).

``data_version()`` is SQLite's ``PRAGMA data_version`` on this thread's
connection: it moves when ANOTHER connection has committed since this one last
looked, never for this connection's own writes. The app compares it when it
comes back to the foreground and re-reads what it shows if it moved.
"""

from __future__ import annotations

from entregent.model.database import database

__all__ = ["data_version"]


def data_version() -> int | None:
    """This thread's view of the database's change counter (None: no database open)."""
    if database.obj is None:
        return None
    row = database.execute_sql("PRAGMA data_version").fetchone()
    return int(row[0]) if row else None
