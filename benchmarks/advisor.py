"""The advisor: ``services.asks.prepare_ask`` on a person with 2,000 interactions.

Under 10 ms, for the ask dialog to feel immediate. The baseline is the
aggregate query that gathers the person's facts, run bare with ``sqlite3``.
"""

from __future__ import annotations

import sqlite3

from benchmarks.generate import HEAVY_UID
from benchmarks.measure import RUNS, median_of, read_database, row

ORDER = 60


def run(quick: bool) -> list[dict]:
    from entregent.services.relations import asks
    from entregent.services.storage.session import close_session, open_session

    path = read_database(quick)
    bare = sqlite3.connect(path)
    try:
        contact_id = bare.execute("SELECT id FROM contact WHERE uid = ?", (HEAVY_UID,)).fetchone()[
            0
        ]
        count = bare.execute(
            "SELECT count(*) FROM participant WHERE contact_id = ?", (contact_id,)
        ).fetchone()[0]
        window = "2000-01-01 00:00:00"
        baseline = median_of(
            lambda: bare.execute(
                asks._FACTS_SQL, {"win": window, "contact": contact_id}
            ).fetchall(),
            RUNS * 4,
        )
    finally:
        bare.close()
    open_session(path, apply_language=False)
    try:
        measured = median_of(lambda: asks.prepare_ask(contact_id, "advice"), RUNS * 4)
    finally:
        close_session()
    return [
        row(
            "advisor: prepare_ask",
            measured,
            baseline,
            "< 10 ms",
            note=f"a person with {count:,} interactions; baseline: the facts query "
            "alone, bare sqlite3",
        )
    ]
