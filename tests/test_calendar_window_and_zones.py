"""Unknown time zones placed by a stated rule; the import window shown, and widened."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from entregent.io import ics_tzid
from entregent.model.tables import Contact, ContactMethod, Interaction
from entregent.services.imports.ics_import import import_calendar
from entregent.services.imports.report import calendar_notes
from entregent.services.settings import set_setting
from entregent.services.storage.session import close_session, open_session

from .test_cli import run_cli

DATA = Path(__file__).resolve().parent / "data" / "ics"


def _alice() -> None:
    alice = Contact.create(display_name="Alice Martin")
    ContactMethod.create(
        contact=alice, kind="email", value="alice@example.org", normalized="alice@example.org"
    )


@pytest.fixture
def alice(db):
    set_setting("calendar_import_days", 36500)
    set_setting("my_emails", ["me@example.net"])
    _alice()


def copy(tmp_path: Path, name: str) -> Path:
    shutil.copyfile(DATA / name, tmp_path / name)
    return tmp_path / name


def rows() -> list[tuple]:
    return sorted(
        (i.external_key, i.occurred_at, i.tz, i.all_day)
        for i in Interaction.select().order_by(Interaction.occurred_at)
    )


def test_unknown_tzid_takes_the_file_zone_then_the_calendar_zone(alice, tmp_path):
    path = copy(tmp_path, "unknown_tzid.ics")
    report = import_calendar(path, batch=None)
    assert rows() == [
        ("empty-tzid@example.com", dt.datetime(2024, 6, 10, 13, 0), "America/New_York", False),
        ("file-zone@example.com", dt.datetime(2024, 6, 11, 4, 30), "", False),
        (
            "vendor-zone@example.com#20240612T220000Z",
            dt.datetime(2024, 6, 12, 22, 0),
            "America/New_York",
            False,
        ),
        (
            "vendor-zone@example.com#20240626T220000Z",
            dt.datetime(2024, 6, 26, 22, 0),
            "America/New_York",
            False,
        ),
    ]
    assert report.time_zones == {"calendar": 2, "file": 1}
    assert report.as_json()["time_zones"] == {"calendar": 2, "file": 1}
    notes = calendar_notes(report)
    assert "2 events had an unknown time zone; the calendar's own zone was used." in notes
    again = import_calendar(path, batch=None)
    assert (again.new, again.updated, again.removed, again.unchanged) == (0, 0, 0, 4)


def test_unknown_tzid_without_calendar_zone_is_the_users_zone(alice, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    ics_tzid.user_zone.cache_clear()
    try:
        report = import_calendar(copy(tmp_path, "unknown_tzid_no_calendar_zone.ics"), batch=None)
    finally:
        ics_tzid.user_zone.cache_clear()
    assert rows() == [
        ("groupwise-zone@example.com", dt.datetime(2024, 6, 12, 0, 0), "Asia/Tokyo", False)
    ]
    assert report.time_zones == {"user": 1}
    assert calendar_notes(report) == [
        "1 event had an unknown time zone; your zone (Asia/Tokyo) was used."
    ]


def test_older_events_are_counted_then_imported_on_request(alice, tmp_path):
    path = copy(tmp_path, "older_events.ics")
    report = import_calendar(path, batch=None, since=dt.date(2020, 1, 1))
    assert (report.new, report.older, report.since) == (3, 2, "2020-01-01")
    assert report.as_json()["older_left_out"] == 2
    assert calendar_notes(report) == [
        "2 events older than 1 Jan 2020 were left out — import them too?"
    ]
    assert [key for key, *_rest in rows()] == [
        "new-single@example.com",
        "straddling-series@example.com#20201225T100000Z",
        "straddling-series@example.com#20211225T100000Z",
    ]
    every = import_calendar(path, batch=None, all_dates=True)
    assert (every.new, every.unchanged, every.older, every.since) == (12, 3, 0, "")
    assert len(rows()) == 15
    first = {key: rest for key, *rest in rows()}["old-series@example.com#20150401T170000Z"]
    assert first == [dt.datetime(2015, 4, 1, 17, 0), "Europe/Paris", False]
    again = import_calendar(path, batch=None, all_dates=True)
    assert (again.new, again.updated, again.removed, again.unchanged) == (0, 0, 0, 15)
    # The narrower window again: the older ones are kept, not removed.
    narrow = import_calendar(path, batch=None, since=dt.date(2020, 1, 1))
    assert (narrow.new, narrow.removed, narrow.unchanged) == (0, 0, 3)
    assert len(rows()) == 15


def test_since_and_all_dates_on_the_command_line(db_path, tmp_path):
    open_session(db_path, apply_language=False)
    set_setting("my_emails", ["me@example.net"])
    set_setting("calendar_import_days", 30)
    _alice()
    close_session()
    path = copy(tmp_path, "older_events.ics")
    result = run_cli("--db", db_path, "import", path, "--since", "2020-01-01", "--json")
    assert result.returncode == 0, result.stderr
    [report] = json.loads(result.stdout)["files"]
    assert (report["new"], report["older_left_out"], report["since"]) == (3, 2, "2020-01-01")
    text = run_cli("--db", db_path, "import", path, "--since", "2020-01-01")
    assert "2 events older than 1 Jan 2020 were left out — import them too?" in text.stdout
    assert "--all-dates" in text.stdout
    every = run_cli("--db", db_path, "import", path, "--all-dates", "--json")
    [report] = json.loads(every.stdout)["files"]
    assert (report["new"], report["unchanged"], report["since"]) == (12, 3, None)
    bad = run_cli("--db", db_path, "import", path, "--since", "last week")
    assert bad.returncode == 2
    assert "last week is not a date (YYYY-MM-DD)" in bad.stderr
