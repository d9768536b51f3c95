"""Issue 17: import warnings grouped in ``entregent import --json`` (the per-problem
lists stay as they were; ``grouped_problems`` is added beside them) and in the
import wizard. Fixture: tests/data/vcard/many-problems.vcf (make_fixtures.py)."""

from __future__ import annotations

import json
from pathlib import Path

from .test_cli import run_cli

FIXTURE = Path(__file__).parent / "data" / "vcard" / "many-problems.vcf"
STRAY = "this line is not a vCard property; it was skipped."
BIRTHDAY = "the birthday “not a date” is not a date; it was left out."
CUT = "this card never ends: the file stops before its END:VCARD."


def test_json_report_groups_problems_by_kind_and_keeps_every_line(tmp_path):
    result = run_cli("--db", tmp_path / "x.db", "import", FIXTURE, "--json")
    assert result.returncode == 3, result.stderr  # a card was rejected
    [report] = json.loads(result.stdout)["files"]
    assert report["grouped_problems"] == [
        {"what": "rejected", "reason": CUT, "count": 1, "lines": [21]},
        {"what": "skipped", "reason": STRAY, "count": 7, "lines": [4, 5, 10, 11, 12]},
        {"what": "skipped", "reason": BIRTHDAY, "count": 1, "lines": [19]},
    ]
    # the lists every script read before are unchanged: every problem
    assert report["rejected"] == [{"line": 21, "reason": CUT}]
    assert sorted((p["line"], p["reason"]) for p in report["skipped_lines"]) == [
        (4, STRAY),
        (5, STRAY),
        (10, STRAY),
        (11, STRAY),
        (12, STRAY),
        (17, STRAY),
        (18, STRAY),
        (19, BIRTHDAY),
    ]
    assert report["new"] == 3
    text = run_cli("--db", tmp_path / "y.db", "import", FIXTURE).stdout
    assert f"7 times, lines 4, 5, 10, 11, 12, …: skipped: {STRAY}" in text
