"""How the figures a person waits for grow with the size of the book (issue 19).

For each size (10,000, 100,000 and 1,000,000 people, three interactions and a
tenth of a follow-up per person; ``--quick``: 500, 2,000 and 5,000), on a
database built by ``benchmarks.generate`` and cached like the others:

- start-up complete: ``entregent --db DB --screenshot OUT --view people`` as a
  whole process, from its start until it prints "settled" (every count, badge
  and card in) — the ``complete`` mode of ``startup_probe``;
- search keystroke p95: ``services.people.search.search_contacts`` for each
  prefix of a typed name (what ``entregent search`` runs);
- due count: ``services.relations.due.due_count``;
- import of 1,000 new cards: ``import_file`` of a 1,000-card phone export into
  a copy of the database.

Each row gives the figure at a size against the same figure at the smallest
size, measured in the same run: the ratio is the growth. The target is the
issue's: flat or logarithmic (at most 3× for a book 100 times larger) for
everything but the import, which may grow with the indexes it writes to.

    python -m benchmarks.scale [--quick]
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

if not __package__:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import measure  # noqa: E402
from benchmarks.measure import (  # noqa: E402
    cache_dir,
    child_environment,
    generated_database,
    keystrokes,
    percentile,
    row,
    times_of,
    working_copy,
)

ORDER = 90  # last: it builds the largest databases
FULL = (10_000, 100_000, 1_000_000)
QUICK = (500, 2_000, 5_000)
IMPORTED = 1_000
STARTS = 3
TIMEOUT = 900


def database_of(people: int) -> Path:
    """The generated database of ``people`` people (built once, then reused)."""
    return generated_database(people, people * 3, max(10, people // 10), prefix="scale")


def _complete_start(database: Path, env: dict) -> float:
    """Seconds from the process's start to "settled"."""
    from benchmarks.startup import _launch_complete

    out = database.with_suffix(".png")
    return _launch_complete(["complete", str(database), str(out)], env)["settled"]


def start_up(database: Path) -> float:
    env = child_environment()
    env["ENTREGENT_PROBE_TIMEOUT"] = str(TIMEOUT)
    _complete_start(database, env)  # warm-up: the file in the page cache
    return statistics.median(_complete_start(database, env) for _ in range(STARTS))


def search_p95_and_due(database: Path) -> tuple[float, float]:
    from entregent.services.people.search import search_contacts
    from entregent.services.relations.due import due_count
    from entregent.services.storage.session import close_session, open_session

    open_session(database, apply_language=False, daily_backup=False)
    try:
        typed: list[float] = []
        for prefix in keystrokes():
            search_contacts(prefix)  # warm-up
            typed += times_of(lambda p=prefix: search_contacts(p), 3)
        due_count()
        return percentile(typed, 0.95), statistics.median(times_of(due_count))
    finally:
        close_session()


def import_new_cards(database: Path, cards: Path) -> float:
    from entregent.services.imports.dispatch import import_file
    from entregent.services.storage.session import close_session, open_session

    copy = working_copy(database, "scale-import.sqlite3")
    open_session(copy, apply_language=False, daily_backup=False)
    try:
        started = measure.now()
        report = import_file(cards)
        seconds = measure.now() - started
        assert report.new == IMPORTED and not report.rejected, report.as_json()
        return seconds
    finally:
        close_session()
        copy.unlink(missing_ok=True)


def run(quick: bool) -> list[dict]:
    from benchmarks.import_vcards import build_cards

    sizes = QUICK if quick else FULL
    folder = cache_dir() / "scale-cards"
    folder.mkdir(parents=True, exist_ok=True)
    cards = folder / "new-phone.vcf"
    cards.write_bytes(build_cards(IMPORTED, seed=11).encode("utf-8"))
    figures: dict[int, dict[str, float]] = {}
    try:
        for people in sizes:
            database = working_copy(database_of(people), f"scale-{people}.sqlite3")
            searched, due = search_p95_and_due(database)
            figures[people] = {
                "start-up complete": start_up(database),
                "search keystroke p95": searched,
                "due count": due,
                f"import of {IMPORTED:,} new cards": import_new_cards(database, cards),
            }
            database.unlink(missing_ok=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    smallest = sizes[0]
    rows = []
    for name in figures[smallest]:
        for people in sizes[1:]:
            growth = "—" if name.startswith("import") else "≤ 3.0×"
            rows.append(
                row(
                    f"scale: {name} at {people:,} people (vs {smallest:,})",
                    figures[people][name],
                    figures[smallest][name],
                    growth,
                    note=None,
                )
            )
    rows[0]["note"] = (
        f"each figure against the same at {smallest:,} people, measured in the same run; "
        f"{measure.clock_kind} clock (the start-up always wall-clock, a whole process)"
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    return measure.standalone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
