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
