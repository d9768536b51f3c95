"""Inputs that once broke an importer (tests/fuzz/), replayed under the fuzzing rules.

Each file is named after what it broke. A new one goes in tests/fuzz/vcard or
tests/fuzz/ics with the fix that makes it pass.
"""

from __future__ import annotations

import pytest

from .fuzz_harness import FUZZ_DIR, check_import

CASES = sorted(p for p in FUZZ_DIR.glob("*/*") if p.suffix in (".vcf", ".ics"))


def test_there_are_regression_inputs():
    assert {p.parent.name for p in CASES} >= {"ics"}


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
@pytest.mark.parametrize("create_contacts", [False, True], ids=["plain", "create-contacts"])
def test_replayed_input_follows_the_rules(db, path, create_contacts):
    kind = "vcard" if path.suffix == ".vcf" else "ics"
    check_import(path, kind, create_contacts=create_contacts)


def test_a_bare_event_file_is_read_as_a_calendar(db, tmp_path):
    """Half the calendar corpus is bare components; fuzzing them only hit the door."""
    from entregent.services.imports.dispatch import import_file

    path = tmp_path / "single-event.ics"
    path.write_text(
        "BEGIN:VEVENT\r\nUID:bare@example.org\r\nDTSTAMP:20250101T000000Z\r\n"
        "DTSTART:20250101T120000Z\r\nSUMMARY:Lunch\r\n"
        "ATTENDEE;CN=Ann:mailto:ann@example.org\r\nEND:VEVENT\r\n",
        encoding="utf-8",
    )
    report = import_file(path, create_contacts=True)
    assert report.kind == "ics" and not report.rejected
