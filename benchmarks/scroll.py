"""Scrolling: from the top of the 100,000-person list to the bottom and back.

Each round starts from a freshly read list (``PeopleModel.refresh``); a jump
ends when the view has painted the rows it lands on. The model's page reads
are counted and timed (``PeopleModel.page_loads``, and the time spent in its
page reads); the baseline is the same page queries run bare with ``sqlite3``.
"""

from __future__ import annotations

import sqlite3
import statistics

from benchmarks.measure import RUNS, now, read_database, row, times_of

ORDER = 40


def run(quick: bool) -> list[dict]:
    from benchmarks.gui_session import SqlTrace, main_window, settle, timed

    path = read_database(quick)
    rounds: list[float] = []
    fetches: list[int] = []
    slowest: list[float] = []
    with main_window(path) as window:
        model, table = window.people_model, window.people_view.table
        original_page = model._page
        page_times: list[float] = []

        def timed_page(number):
            started = now()
            try:
                return original_page(number)
            finally:
                page_times.append(now() - started)

        model._page = timed_page
        try:
            for attempt in range(RUNS + 1):
                model.refresh()
                table.scrollToTop()
                settle(window, window.painter)
                page_times.clear()
                loads = model.page_loads
                with SqlTrace() as trace:
                    seconds = timed(
                        lambda: (
                            table.scrollToBottom(),
                            settle(window, window.painter),
                            table.scrollToTop(),
                            settle(window, window.painter),
                        )
                    )
                last = model.rowCount() - 1
                if model.person(last) is None:
                    raise RuntimeError("the last row could not be read")
                if attempt:
                    rounds.append(seconds)
                    fetches.append(model.page_loads - loads)
                    slowest.append(max(page_times, default=0.0))
        finally:
            model._page = original_page
        statements = [
            s
            for s in trace.statements
            if not s.lstrip().startswith("--") and s.lstrip().upper().startswith("SELECT")
        ]
        rows = model.rowCount()
    bare = sqlite3.connect(path)
    try:
        baseline = statistics.median(
            times_of(lambda: [bare.execute(s).fetchall() for s in statements], RUNS)
        )
    finally:
        bare.close()
    return [
        row(
            "scroll top → bottom → top",
            statistics.median(rounds),
            baseline,
            "< 100 ms",
            note=f"{rows:,} rows; {statistics.median(fetches):.0f} page reads a round trip, "
            f"{len(statements)} queries; baseline: those queries bare with sqlite3; "
            "target ours (the issue sets none)",
        ),
        row(
            "scroll: slowest page read",
            statistics.median(slowest),
            None,
            "< 16 ms",
            note="one frame; the read includes the page's contexts and balances",
        ),
    ]
