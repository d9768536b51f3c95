"""`entregent import X.ics` and `entregent export followups` as scripts see them."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import icalendar
import vobject

from entregent.model.tables import Contact, ContactMethod, FollowUp
from entregent.services.settings import set_setting
from entregent.services.storage.session import close_session, open_session

from .test_cli import run_cli

DATA = Path(__file__).resolve().parent / "data" / "ics"


def _prepare(db_path: Path) -> None:
    open_session(db_path, apply_language=False)
    set_setting("calendar_import_days", 36500)
    set_setting("my_emails", ["me@example.net"])
    alice = Contact.create(display_name="Alice Martin")
    ContactMethod.create(
        contact=alice, kind="email", value="alice@example.org", normalized="alice@example.org"
    )
    FollowUp.create(contact=alice, due_on=dt.date(2030, 3, 1), note="Thank her; the book, too")
    close_session()


def test_import_calendar_and_export_followups_from_the_command_line(db_path, tmp_path):
    _prepare(db_path)
    calendar = tmp_path / "club.ics"
    shutil.copyfile(DATA / "weekly_club.ics", calendar)
    result = run_cli("--db", db_path, "import", calendar, "--json")
    assert result.returncode == 0, result.stderr
    [report] = json.loads(result.stdout)["files"]
    assert (report["kind"], report["new"], report["removed"]) == ("ics", 7, 0)
    assert report["skipped_components"] == {"VTODO": 1}
    assert [u["summary"] for u in report["unmatched"]] == ["Lunch with Chloé", "Dentist"]
    again = json.loads(run_cli("--db", db_path, "import", calendar, "--json").stdout)
    assert (again["files"][0]["new"], again["files"][0]["unchanged"]) == (0, 7)

    broken = run_cli("--db", db_path, "import", DATA / "malformed_event.ics", "--json")
    assert broken.returncode == 3  # some of the file was rejected
    rejected = json.loads(broken.stdout)["files"][0]["rejected"]
    assert [r["line"] for r in rejected] == [10, 26]

    out = tmp_path / "followups.ics"
    result = run_cli("--db", db_path, "export", "followups", out, "--as", "todo")
    assert result.returncode == 0, result.stderr
    [todo] = icalendar.Calendar.from_ical(out.read_bytes()).walk("VTODO")
    assert str(todo["SUMMARY"]) == "Follow up: Alice Martin"
    assert vobject.readOne(out.read_text(encoding="utf-8")).validate(raiseException=True)
