"""Ranked search through the service layer, prefix by prefix, vs its bare FTS query.

``services.search.search_contacts`` for each prefix of a typed name (what the
CLI and any view without its own query call), against the same full-text
query run directly with ``sqlite3`` on the same file.
"""

from __future__ import annotations

import sqlite3
import statistics

from benchmarks.measure import RUNS, keystrokes, percentile, read_database, row, times_of

ORDER = 20


def run(quick: bool) -> list[dict]:
    from entregent.services.people import search
    from entregent.services.storage.session import close_session, open_session

    path = read_database(quick)
    open_session(path, apply_language=False)
    bare = sqlite3.connect(path)
    measured: list[float] = []
    baseline: list[float] = []
    try:
        sql = (
            f"SELECT rowid, bm25(contact_fts, {search._WEIGHTS}) FROM contact_fts "
            "WHERE contact_fts MATCH ? ORDER BY 2 LIMIT ?"
        )
        for prefix in keystrokes():
            query = search.fts_query(prefix)
            search.search_contacts(prefix)  # warm-up
            bare.execute(sql, (query, 200)).fetchall()
            measured += times_of(lambda p=prefix: search.search_contacts(p), RUNS)
            baseline += times_of(lambda q=query: bare.execute(sql, (q, 200)).fetchall(), RUNS)
    finally:
        bare.close()
        close_session()
    return [
        row(
            "search (service, ranked), per keystroke, median",
            statistics.median(measured),
            statistics.median(baseline),
            target="≤ 3×",
            note="services.search.search_contacts, what `entregent search` runs: one "
            "statement ranks the best limit × 4 full-text matches (bm25, then name, then "
            "id) and reads the page's names, e-mails and phones; baseline: its full-text "
            "query alone",
        ),
        row(
            "search (service, ranked), per keystroke, p95",
            percentile(measured, 0.95),
            percentile(baseline, 0.95),
            target="≤ 3×",
        ),
    ]
