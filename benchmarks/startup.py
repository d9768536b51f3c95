"""Startup: process start to the main window shown with its first page of people
painted; and to the complete window (issue 19).

Both sides are whole processes started the same way, offscreen
(``startup_probe``): ``entregent --db BIG`` on the 100,000-person,
million-interaction database, and a bare PySide6 script that shows a
``QMainWindow`` with an empty ``QTableView``. They alternate, so that a busy
moment of the machine falls on both. Peak memory (RSS) is read by each child
when it has painted. With ``--clock cpu`` the figure is the CPU time of each
child's main thread from its start to the paint (background workers left out).

The complete window: ``entregent --db BIG --screenshot OUT --view people`` run to
its end against a bare PySide6 window that shows itself, grabs itself and exits
(``startup_probe complete`` / ``bare-complete``), alternated; from each, the
time to its first paint, to "settled" (every start-up count, badge and card
filled; the bare window: its first paint) and to the end of the process, each a
ratio to the bare window's, and the GUI thread's longest stall and p99 (a 5 ms
heartbeat timer, from the first paint to the end).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from benchmarks import measure
from benchmarks.measure import (
    RUNS,
    big_database,
    child_environment,
    row,
    working_copy,
)

ORDER = 10
TIMEOUT = 300
# More pairs than the other rows' five: a start is short and the bare script's
# time swings by a third from one launch to the next on a shared machine, so a
# median of five moved the ratio by ±0.3 between identical runs.
PAIRS = max(RUNS, 11)


def _probe(arguments: list[str], env: dict) -> subprocess.Popen:
    """``python -m benchmarks.startup_probe ARGUMENTS``, its output read as text."""
    return subprocess.Popen(
        [sys.executable, "-m", "benchmarks.startup_probe", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )


def _end(child: subprocess.Popen) -> None:
    """A probe that has not ended by itself is stopped."""
    if child.poll() is None:
        child.kill()
        child.wait()


def _launch(arguments: list[str], env: dict) -> tuple[float, float]:
    """Seconds until the child says it painted, and its peak RSS in MiB."""
    started = time.perf_counter()
    child = _probe(arguments, env)
    try:
        line = child.stdout.readline()
        elapsed = time.perf_counter() - started
        child.wait(timeout=TIMEOUT)
    finally:
        _end(child)
    if not line.startswith("painted"):
        raise RuntimeError(
            f"startup probe {arguments[0]} did not paint: {line.strip()} "
            f"{child.stderr.read()[-2000:]}"
        )
    words = line.split()
    if measure.clock_kind == "cpu":
        elapsed = float(words[2])  # the GUI thread's CPU time until the paint
    return elapsed, int(words[1]) / 1024


COMPLETE_PAIRS = 5


def _launch_complete(arguments: list[str], env: dict) -> dict:
    """Seconds from the start to the first paint, to "settled", to the process's
    end; the GUI thread's longest stall and p99 (ms)."""
    started = time.perf_counter()
    child = _probe(arguments, env)
    marks: dict = {}
    try:
        for line in child.stdout:
            now = time.perf_counter() - started
            if line.startswith("painted"):
                marks.setdefault("painted", now)
            elif line.startswith("entregent: settled"):
                marks["settled"] = now
            elif line.startswith("stalls"):
                _word, longest, p99, _beats = line.split()
                marks["stall"], marks["p99"] = float(longest), float(p99)
        child.wait(timeout=TIMEOUT)
        marks["exit"] = time.perf_counter() - started
    finally:
        _end(child)
    if child.returncode != 0 or not {"painted", "settled", "stall"} <= set(marks):
        raise RuntimeError(
            f"startup probe {arguments[0]} failed ({child.returncode}, {marks}): "
            f"{child.stderr.read()[-2000:]}"
        )
    return marks


def run_complete(quick: bool, database=None) -> list[dict]:
    """The complete window against the bare one (whole processes, alternated)."""
    database = database or working_copy(big_database(quick), "complete.sqlite3")
    env = child_environment()
    env["ENTREGENT_PROBE_TIMEOUT"] = str(TIMEOUT)
    out = database.with_name("complete.png")
    app_runs, bare_runs = [], []
    _launch_complete(["bare-complete", str(out)], env)  # warm-up
    _launch_complete(["complete", str(database), str(out)], env)
    for _run in range(COMPLETE_PAIRS if not quick else 2):
        bare_runs.append(_launch_complete(["bare-complete", str(out)], env))
        app_runs.append(_launch_complete(["complete", str(database), str(out)], env))

    def median(runs, key):
        return statistics.median(run[key] for run in runs)

    return [
        row("complete run: first paint", median(app_runs, "painted"), median(bare_runs, "painted")),
        row(
            "complete window (settled)",
            median(app_runs, "settled"),
            median(bare_runs, "settled"),
            "≤ 2.0×",
        ),
        row(
            "--screenshot run to exit",
            median(app_runs, "exit"),
            median(bare_runs, "exit"),
            "≤ 2.0×",
        ),
        row(
            "settled → process ended (grab, close, exit)",
            median([{"d": r["exit"] - r["settled"]} for r in app_runs], "d"),
            median([{"d": r["exit"] - r["settled"]} for r in bare_runs], "d"),
        ),
        row(
            "GUI-thread longest stall (first paint → exit)",
            max(r["stall"] for r in app_runs) / 1000,
            None,
            "≤ 50 ms",
        ),
        row("GUI-thread stall p99", median(app_runs, "p99") / 1000, None, "≤ 50 ms"),
    ]


def _launch_close(arguments: list[str], env: dict) -> float:
    """Seconds from the child's ``closing`` line to its process's end."""
    child = _probe(arguments, env)
    closing = None
    try:
        for line in child.stdout:
            if line.startswith("closing"):
                closing = time.perf_counter()
        child.wait(timeout=TIMEOUT)
        ended = time.perf_counter()
    finally:
        _end(child)
    if child.returncode != 0 or closing is None:
        raise RuntimeError(
            f"startup probe {arguments[0]} failed ({child.returncode}): "
            f"{child.stderr.read()[-2000:]}"
        )
    return ended - closing


def run_close(quick: bool, database=None) -> list[dict]:
    """The way out: the window closed by the user right after its first paint, the
    start-up reads and badges still running; to the process's end."""
    database = database or working_copy(big_database(quick), "close.sqlite3")
    env = child_environment()
    env["ENTREGENT_PROBE_TIMEOUT"] = str(TIMEOUT)
    env["QT_QPA_PLATFORM"] = "offscreen:"  # a person's session, not a CI smoke run
    app_runs, bare_runs = [], []
    for _run in range(COMPLETE_PAIRS if not quick else 2):
        bare_runs.append(_launch_close(["bare-close"], env))
        app_runs.append(_launch_close(["close", str(database)], env))
    return [
        row(
            "close → process ended (work in flight)",
            statistics.median(app_runs),
            statistics.median(bare_runs),
            "< 100 ms",
        ),
    ]


def run(quick: bool) -> list[dict]:
    database = working_copy(big_database(quick), "startup.sqlite3")
    env = child_environment()
    env["ENTREGENT_PROBE_TIMEOUT"] = str(TIMEOUT)
    # Offscreen, spelled so that run_app does not take it for a CI smoke run (which
    # closes the window at once): the window stays up as in a person's session.
    env["QT_QPA_PLATFORM"] = "offscreen:"
    app_times, bare_times, app_memory, bare_memory = [], [], [], []
    _launch(["bare"], env)  # warm-up: shared libraries and the file in the page cache
    _launch(["app", str(database)], env)
    for _run in range(PAIRS if not quick else RUNS):
        seconds, mib = _launch(["bare"], env)
        bare_times.append(seconds)
        bare_memory.append(mib)
        seconds, mib = _launch(["app", str(database)], env)
        app_times.append(seconds)
        app_memory.append(mib)
    return [
        row(
            "startup to first page painted",
            statistics.median(app_times),
            statistics.median(bare_times),
            "≤ 2.0×",
        ),
        row(
            "startup peak memory (RSS)",
            statistics.median(app_memory),
            statistics.median(bare_memory),
            "≤ +100 MiB",
            unit="MiB",
        ),
        *run_complete(quick, database),
        *run_close(quick, database),
    ]
