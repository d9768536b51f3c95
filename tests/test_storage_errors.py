"""A full disk, a read-only file, a busy database: a clear error, nothing changed, reading
still works — on every write path."""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3

import pytest

from entregent.errors import DatabaseBusy, DiskFull, ReadOnlyDatabase, StorageError, UserError
from entregent.model.database import database
from entregent.model.tables import Contact, Interaction
from entregent.services.settings import get_setting, set_setting
from entregent.services.storage.session import close_session, open_session

from .storage_faults import contents_digest, disk_full, read_only_file

BIG = "A long note about a long lunch. " * 1500  # ~48 KB: needs pages of its own
PEOPLE = 300


def _service(module: str, name: str):
    """The service function itself: a missing one fails the test, never skips it."""
    return getattr(importlib.import_module(f"entregent.services.{module}"), name)


def _people() -> list[int]:
    Contact.insert_many(
        [
            {
                "display_name": f"Person {n}",
                "given_name": "Person",
                "family_name": str(n),
                "note": f"note {n}",
                "sort_key": f"{n} person",
                "uid": f"uid-person-{n}",
            }
            for n in range(PEOPLE)
        ]
    ).execute()
    return [c.id for c in Contact.select(Contact.id).order_by(Contact.id)]


def _log(ids):
    _service("relations.interactions", "log_interaction")(
        ids[:50], "coffee", dt.date(2025, 3, 1), note=BIG
    )


def _tag(ids):
    from entregent.model.tables import Context

    context = Context.get(Context.name == "club")
    _service("people.contexts", "tag_contacts")(ids, [context.id])


def _follow_up(ids):
    _service("relations.followups", "create_followup")(ids[0], dt.date(2030, 1, 1), note=BIG)


def _settings(ids):
    set_setting("my_emails", [f"me{n}@example.org" for n in range(3000)])


def _edit_person(ids):
    _service("people.edits", "update_person")(ids[0], {"note": BIG})


def _ask(ids):
    _service("relations.asks", "record_ask")(ids[0], "advice", detail=BIG, decision="ask_anyway")


def _import(ids, tmp_path=None):
    import_file = _service("imports.dispatch", "import_file")
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported {n}\r\nN:{n};Imported;;;\r\n"
        f"EMAIL:imported{n}@example.org\r\nNOTE:{'x' * 200}\r\nEND:VCARD\r\n"
        for n in range(400)
    )
    path = folder / "phone.vcf"
    path.write_text(cards, encoding="utf-8")
    import_file(path)


def _calendar_import(ids):
    import_file = _service("imports.dispatch", "import_file")
    import tempfile
    from pathlib import Path

    emails = [f"person{n}@example.org" for n in range(60)]
    from entregent.model.tables import ContactMethod

    with database.atomic():
        for n, email in enumerate(emails):
            ContactMethod.create(contact=ids[n], kind="email", value=email, normalized=email)
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:ev-{n}@example.org\r\nDTSTAMP:20250101T000000Z\r\n"
        f"DTSTART:2025{1 + n % 12:02d}{1 + n % 28:02d}T120000Z\r\nDURATION:PT1H\r\n"
        f"SUMMARY:Lunch {n}\r\nDESCRIPTION:{'y' * 300}\r\n"
        f"ATTENDEE;CN=P:mailto:{emails[n % 60]}\r\nEND:VEVENT\r\n"
        for n in range(300)
    )
    folder = Path(tempfile.mkdtemp())
    path = folder / "calendar.ics"
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    import_file(path)


def _merge(ids):
    merge = _service("people.merge", "merge_contacts")
    with database.atomic():
        Contact.update(note=BIG).where(Contact.id.in_(ids[:2])).execute()
    merge(ids[0], ids[1])


WRITES = {
    "log": _log,
    "tag": _tag,
    "follow-up": _follow_up,
    "settings": _settings,
    "edit": _edit_person,
    "ask": _ask,
    "import": _import,
    "calendar import": _calendar_import,
    "merge": _merge,
}


def _reads_still_work(count: int) -> None:
    assert Contact.select().count() == count
    assert Interaction.select().count() >= 0
    from entregent.services.people.search import search_contacts

    assert search_contacts("Person 12")


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_full_disk_gives_a_clear_error_and_changes_nothing(db, write):
    ids = _people()
    database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = contents_digest(db)
    with disk_full(), pytest.raises(DiskFull) as caught:
        write(ids)
    assert "disk is full" in str(caught.value) and "nothing was changed" in str(caught.value)
    assert str(db) in str(caught.value)
    assert contents_digest(db) == before
    _reads_still_work(PEOPLE)
    write(ids)  # and once there is room again, the same work goes through
    assert contents_digest(db) != before


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_read_only_file_gives_a_clear_error_and_changes_nothing(db, write):
    ids = _people()
    close_session()
    before = contents_digest(db)
    with read_only_file(db):
        open_session(db, apply_language=False)  # opening to read works
        _reads_still_work(PEOPLE)
        with pytest.raises(ReadOnlyDatabase) as caught:
            write(ids)
        assert "read-only" in str(caught.value)
        _reads_still_work(PEOPLE)
        close_session()
        assert contents_digest(db) == before
    open_session(db, apply_language=False)


def test_a_swallowed_failure_cannot_commit_the_rest(db):
    """Code that catches the error per item and goes on must not store half of the work."""
    _people()
    before = contents_digest(db)
    with disk_full(headroom_pages=2), pytest.raises(DiskFull):
        with database.atomic():
            for n in range(50):
                try:
                    with database.atomic():  # a savepoint per item, as importers do
                        Contact.create(display_name=f"New {n}", note=BIG if n == 3 else "")
                except UserError:
                    continue
    assert contents_digest(db) == before
    assert Contact.select().where(Contact.display_name.startswith("New")).count() == 0


def test_failure_outside_a_transaction_leaves_the_connection_usable(db):
    with disk_full(), pytest.raises(DiskFull):
        Contact.create(display_name="Too big", note=BIG)
    Contact.create(display_name="Small")  # fits: the failure does not stick
    assert [c.display_name for c in Contact.select()] == ["Small"]


def test_settings_survive_a_full_disk(db):
    set_setting("phone_region", "FR")
    with disk_full(), pytest.raises(DiskFull):
        set_setting("my_emails", [f"me{n}@example.org" for n in range(3000)])
    assert get_setting("phone_region") == "FR"


def test_busy_database_gives_a_clear_error(db):
    other = sqlite3.connect(db, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    database.obj.execute_sql("PRAGMA busy_timeout = 100")
    try:
        with pytest.raises(DatabaseBusy, match="busy"):
            with database.atomic():
                Contact.create(display_name="Waiting")
    finally:
        other.rollback()
        other.close()
    assert Contact.select().count() == 0
    Contact.create(display_name="Now")
    assert Contact.select().count() == 1


def test_storage_errors_are_user_errors():
    for cls in (DiskFull, ReadOnlyDatabase, DatabaseBusy):
        assert issubclass(cls, StorageError) and issubclass(cls, UserError)


def test_cli_on_a_read_only_file_reads_and_refuses_writes_clearly(db):
    import os
    import subprocess
    import sys

    Contact.create(display_name="Hélène Dupont", given_name="Hélène", family_name="Dupont")
    close_session()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    env.pop("ENTREGENT_DB", None)

    def cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "entregent", "--db", str(db), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    before = contents_digest(db)
    with read_only_file(db):
        search = cli("search", "helene", "--json")
        assert search.returncode == 0 and "Hélène Dupont" in search.stdout, search.stderr
        log = cli("log", "Hélène", "--kind", "coffee")
        assert log.returncode == 2, log.stderr
        assert "read-only" in log.stderr and "nothing was changed" in log.stderr
        assert "Traceback" not in log.stderr
    assert contents_digest(db) == before
    open_session(db, apply_language=False)


def test_read_only_file_in_rollback_journal_mode_still_opens_to_read(db):
    """A copy from elsewhere (a read-only backup disk) may not be in WAL mode; it cannot be
    switched, and need not be: it is only read."""
    Contact.create(display_name="Hélène Dupont")
    close_session()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    with read_only_file(db):
        open_session(db, apply_language=False)
        _reads_still_work_on(1)
        with pytest.raises(ReadOnlyDatabase):
            Contact.create(display_name="Marc")
        close_session()
    open_session(db, apply_language=False)


def _reads_still_work_on(count: int) -> None:
    assert Contact.select().count() == count
    assert get_setting("sort_by") in ("family", "given")


def test_desktop_app_opens_a_read_only_database_to_read(db, tmp_path):
    import os
    import subprocess
    import sys

    Contact.create(display_name="Hélène Dupont", given_name="Hélène", family_name="Dupont")
    close_session()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    shot = tmp_path / "people.png"
    with read_only_file(db):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "entregent",
                "--db",
                str(db),
                "--screenshot",
                str(shot),
                "--view",
                "people",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.stat().st_size > 0
    open_session(db, apply_language=False)
