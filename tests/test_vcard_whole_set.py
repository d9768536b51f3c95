"""Issue 17: export then import of the whole data set is a no-op.

The demo network (its seed cards, calendars and journal, built as the app builds
it) plus every fixture of tests/data/vcard/ imported on top; everyone exported as
3.0 and as 4.0; each file imported back: no new person, nobody updated, every
person's fields, ways to reach them, contexts and relations as they were."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from entregent.errors import NothingImported
from entregent.i18n import set_language
from entregent.model.database import database
from entregent.services.demo.builder import build_demo_database
from entregent.services.exports.vcard_export import export_contacts
from entregent.services.imports.dispatch import import_file
from entregent.services.imports.vcard_snapshot import snapshot
from entregent.services.storage.session import close_session, open_session

FIXTURES = sorted((Path(__file__).parent / "data" / "vcard").glob("*.vcf"))


@pytest.fixture(scope="module")
def whole_set(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("whole") / "whole.sqlite3"
    build_demo_database(path, today=dt.date(2026, 6, 1))
    open_session(path, apply_language=False)
    try:
        for fixture in FIXTURES:
            try:
                import_file(fixture)
            except NothingImported:  # a file of broken cards only: nothing stored
                pass
    finally:
        close_session()
    return path


def _everyone() -> dict[str, dict]:
    people = {}
    for contact_id, uid in database.execute_sql("SELECT id, uid FROM contact WHERE archived = 0"):
        data = snapshot(contact_id)
        assert data is not None
        data.pop("activity")
        data["relations"] = [
            list(r)
            for r in database.execute_sql(
                "SELECT r.kind, r.label, r.other_text, o.uid FROM relation r "
                "LEFT JOIN contact o ON o.id = r.other_id WHERE r.contact_id = ? ORDER BY r.id",
                (contact_id,),
            )
        ]
        people[uid] = data
    return people


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_exporting_and_importing_everything_changes_nothing(whole_set, tmp_path, version):
    path = tmp_path / "book.sqlite3"
    path.write_bytes(whole_set.read_bytes())
    open_session(path, apply_language=False)
    set_language("en")
    try:
        before = _everyone()
        assert len(before) > 60  # the demo's people and the fixtures' (a check that it ran)
        assert FIXTURES and all(p.stat().st_size for p in FIXTURES)
        out = tmp_path / "everyone.vcf"
        assert export_contacts(out, vcard_version=version) == len(before)
        report = import_file(out)
        assert (report.new, report.updated, report.rejected) == (0, 0, [])
        assert report.unchanged == len(before)
        after = _everyone()
        assert after.keys() == before.keys()
        changed = {uid for uid in before if after[uid] != before[uid]}
        assert changed == set(), [
            (u, k, before[u][k], after[u][k])
            for u in sorted(changed)[:3]
            for k in before[u]
            if before[u][k] != after[u].get(k)
        ]
    finally:
        close_session()
