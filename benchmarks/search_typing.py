"""Search as you type in the main window, vs the same full-text query run bare.

A five-letter name is typed one key at a time into the main window's search
field, on the 100,000-person database. Per keystroke: from the key press
until the people list has been reset and has painted its new first page
(pending events processed, a paint forced if none came). The baseline for
each keystroke is the page query the app ran for it (recorded from its
connection), re-run as is with ``sqlite3`` on the same file: the bare cost of
the search itself. Targets: median ≤ 3× the bare query, p95 under one frame.
"""

from __future__ import annotations

import sqlite3
import statistics

from benchmarks.measure import RUNS, keystrokes, percentile, read_database, row, times_of

ORDER = 30
TYPINGS = 10


def type_key(widget, character: str) -> None:
    """A key press and release carrying ``character``, as a keyboard (or input method) sends."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    key = Qt.Key(ord(character.upper())) if character.isascii() else Qt.Key.Key_unknown
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                 character))


def _page_query(statements: list[str]) -> str | None:
    for statement in statements:
        if "contact_fts MATCH" in statement and " LIMIT " in statement \
                and not statement.lstrip().startswith("--"):
            return statement
    return None


def run(quick: bool) -> list[dict]:
    from benchmarks.gui_session import SqlTrace, main_window, settle, timed

    path = read_database(quick)
    measured: list[float] = []
    queries: dict[str, str] = {}
    with main_window(path) as window:
        field, model = window.search_edit, window.people_model
        for typing in range(TYPINGS + 1):  # the first one warms up and is not counted
            field.clear()
            settle(window, window.painter)
            for prefix in keystrokes():
                loads = model.page_loads
                with SqlTrace() as trace:
                    seconds = timed(lambda p=prefix: (type_key(field, p[-1]),
                                                      settle(window, window.painter)))
                if field.text() != prefix:
                    raise RuntimeError(f"typed {prefix!r} but the field shows {field.text()!r}")
                if model.rowCount() and model.page_loads == loads:
                    raise RuntimeError(f"the list did not read a new first page for {prefix!r}")
                if typing:
                    measured.append(seconds)
                query = _page_query(trace.statements)
                if query:
                    queries[prefix] = query
    bare = sqlite3.connect(path)
    baseline: list[float] = []
    try:
        for prefix in keystrokes():
            if prefix in queries:
                bare.execute(queries[prefix]).fetchall()
                samples = times_of(lambda q=queries[prefix]: bare.execute(q).fetchall(), RUNS)
                baseline += samples  # as many per keystroke as each other: same weights
    finally:
        bare.close()
    if not baseline:
        raise RuntimeError("no full-text page query was seen while typing")
    note = (f"typing “{keystrokes()[-1]}” {TYPINGS} times, {len(measured)} keystrokes; "
            "baseline: the app's own page query for each keystroke, run bare with sqlite3")
    return [
        row("search as you type, per keystroke, median", statistics.median(measured),
            statistics.median(baseline), "≤ 3×", note=note),
        row("search as you type, per keystroke, p95", percentile(measured, 0.95),
            percentile(baseline, 0.95), "< 16 ms"),
    ]
