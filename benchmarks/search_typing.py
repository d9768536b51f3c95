"""Search as you type in the main window, vs the same full-text query run bare.

A five-letter name is typed one key at a time into the main window's search
field, on the 100,000-person database. Per keystroke: from the key press
until the people list has been reset and has painted its new first page
(pending events processed, a paint forced if none came). The baseline for
each keystroke is the page query the app ran for it (recorded from its
connection: the full-text match, the order and the first page's rows with
their contexts, one statement), re-run as is with ``sqlite3`` on the same file
right after the keystroke (once untimed, then timed warm), so that a busy
moment of the machine weighs on both: the bare cost of the search itself.
Targets: median ≤ 3× the bare query, p95 under one frame.
"""

from __future__ import annotations

import sqlite3
import statistics

from benchmarks.measure import keystrokes, percentile, read_database, row, times_of

ORDER = 30
TYPINGS = 10


def type_key(widget, character: str) -> None:
    """A key press and release carrying ``character``, as a keyboard (or input method) sends."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    key = Qt.Key(ord(character.upper())) if character.isascii() else Qt.Key.Key_unknown
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, character)
        )


def _page_query(statements: list[str]) -> str | None:
    for statement in statements:
        if (
            "contact_fts MATCH" in statement
            and " LIMIT " in statement
            and not statement.lstrip().startswith("--")
        ):
            return statement
    return None


def run(quick: bool) -> list[dict]:
    from benchmarks.gui_session import SqlTrace, main_window, settle, timed

    path = read_database(quick)
    measured: list[float] = []
    baseline: list[float] = []
    bare = sqlite3.connect(path)
    try:
        with main_window(path) as window:
            field, model = window.search_edit, window.people_model
            for typing in range(TYPINGS + 1):  # the first one warms up and is not counted
                field.clear()
                settle(window, window.painter)
                for prefix in keystrokes():
                    loads = model.page_loads
                    with SqlTrace() as trace:
                        seconds = timed(
                            lambda p=prefix: (
                                type_key(field, p[-1]),
                                settle(window, window.painter),
                            )
                        )
                    if field.text() != prefix:
                        raise RuntimeError(f"typed {prefix!r} but the field shows {field.text()!r}")
                    if model.rowCount() and model.page_loads == loads:
                        raise RuntimeError(f"the list did not read a new first page for {prefix!r}")
                    query = _page_query(trace.statements)
                    if query is None:
                        raise RuntimeError(f"no full-text page query was seen for {prefix!r}")
                    # The bare query at once, keystroke by keystroke, so that a busy
                    # moment of the machine falls on both sides alike; run once before
                    # it is timed, so that it is timed warm (caches filled), as in a
                    # loop of it alone: the smallest fair baseline.
                    bare.execute(query).fetchall()
                    bare_seconds = times_of(lambda q=query: bare.execute(q).fetchall(), 1)[0]
                    if typing:
                        measured.append(seconds)
                        baseline.append(bare_seconds)
    finally:
        bare.close()
    note = (
        f"typing “{keystrokes()[-1]}” {TYPINGS} times, {len(measured)} keystrokes; "
        "baseline: the app's own page query for each keystroke, run bare with sqlite3"
    )
    return [
        row(
            "search as you type, per keystroke, median",
            statistics.median(measured),
            statistics.median(baseline),
            "≤ 3×",
            note=note,
        ),
        row(
            "search as you type, per keystroke, p95",
            percentile(measured, 0.95),
            percentile(baseline, 0.95),
            "< 16 ms",
        ),
    ]
