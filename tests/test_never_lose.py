"""Never lose a thing (issue 16): every restore keeps its own timestamped copy and
``backups`` lists them; a calendar import can be undone; a file of which nothing
could be stored leaves no history and exits 2; junk wrapped in BEGIN:VCALENDAR or
BEGIN:VCARD is refused; an unclosed component is named with its line. Each test
starts from an empty HOME and runs the real ``entregent`` command."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from tests.fresh_home import data_file, run


def _ok(home, *args, **kw):
    done = run(home, *args, **kw)
    assert done.returncode == 0, done.stderr
    return done


def _rows(home, sql, params=()):
    with sqlite3.connect(data_file(home)) as db:
        return db.execute(sql, params).fetchall()


def _names_in(path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [r[0] for r in db.execute("SELECT display_name FROM contact ORDER BY display_name")]


def _card(name: str, email: str) -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{email}\r\nEND:VCARD\r\n"


def _import_people(home: Path, *people: tuple[str, str], file="people.vcf"):
    path = home / file
    path.write_text("".join(_card(n, e) for n, e in people), encoding="utf-8")
    return _ok(home, "import", str(path))


# -- restore keeps every copy ---------------------------------------------------------------


def test_each_restore_keeps_its_own_copy_and_backups_lists_them(tmp_path):
    home = tmp_path
    _import_people(home, ("Léa Martin", "lea@example.org"))
    saved = home / "saved.sqlite3"
    _ok(home, "backup", str(saved))
    _import_people(home, ("Hugo Petit", "hugo@example.org"), file="hugo.vcf")
    first = json.loads(_ok(home, "restore", str(saved), "--json").stdout)
    _import_people(home, ("Zoé Roux", "zoe@example.org"), file="zoe.vcf")
    second = json.loads(_ok(home, "restore", str(saved), "--json").stdout)

    assert first["kept_as"] != second["kept_as"]
    backups_dir = data_file(home).parent / "backups"
    for kept in (first["kept_as"], second["kept_as"]):
        assert Path(kept).parent == backups_dir
        assert Path(kept).name.endswith(".before-restore.sqlite3")
    # Neither copy overwrote the other: each holds the network as it was then.
    assert _names_in(first["kept_as"]) == ["Hugo Petit", "Léa Martin"]
    assert _names_in(second["kept_as"]) == ["Léa Martin", "Zoé Roux"]
    assert _names_in(data_file(home)) == ["Léa Martin"]

    listing = json.loads(_ok(home, "backups", "--json").stdout)
    kept = [b for b in listing["backups"] if b["reason"] == "before-restore"]
    assert [b["path"] for b in kept] == [first["kept_as"], second["kept_as"]]
    table = _ok(home, "backups").stdout
    assert table.count("before a restore") == 2
    assert first["kept_as"] in table and second["kept_as"] in table
    # backup --list, the older spelling, lists the same copies.
    older = json.loads(_ok(home, "backup", "--list", "--json").stdout)
    assert older["backups"] == listing["backups"]


def test_backups_in_french_reads_dates_and_reasons_in_french(tmp_path):
    home = tmp_path
    _import_people(home, ("Léa Martin", "lea@example.org"))
    saved = home / "saved.sqlite3"
    _ok(home, "backup", str(saved))
    result = json.loads(_ok(home, "restore", str(saved), "--json").stdout)
    out = _ok(home, "backups", language="fr_FR.UTF-8").stdout
    assert "avant une restauration" in out
    taken = dt.datetime.strptime(Path(result["kept_as"]).name.split(".")[2], "%Y-%m-%dT%H%M%S")
    from babel.dates import format_date

    assert format_date(taken.date(), format="medium", locale="fr_FR") in out
    empty = tmp_path / "other"
    empty.mkdir()
    assert "Aucune copie" in _ok(empty, "backups", language="fr_FR.UTF-8").stdout


# -- undoing a calendar import ----------------------------------------------------------------


def _stamp(days_ago: int, hour: int) -> str:
    day = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=days_ago)
    return f"{day:%Y%m%d}T{hour:02d}0000Z"


def _event(uid: str, start: str, summary: str, *attendees: str) -> str:
    people = "".join(f"ATTENDEE;CN={name}:mailto:{email}\r\n" for name, email in attendees)
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{start}\r\n"
        f"SUMMARY:{summary}\r\n{people}END:VEVENT\r\n"
    )


def _calendar(path: Path, *events: str) -> Path:
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    return path


LEA = ("Léa Martin", "lea@example.org")
NOE = ("Noé Durand", "noe@example.org")


def _interactions(home):
    return _rows(
        home,
        "SELECT i.external_key, i.summary, i.occurred_at, group_concat(c.display_name) "
        "FROM interaction i LEFT JOIN participant p ON p.interaction_id = i.id "
        "LEFT JOIN contact c ON c.id = p.contact_id GROUP BY i.id ORDER BY i.external_key",
    )


def test_undo_import_of_a_calendar_removes_its_events_and_the_people_it_created(tmp_path):
    home = tmp_path
    _import_people(home, LEA)
    cal = _calendar(
        home / "agenda.ics",
        _event("coffee@x", _stamp(10, 9), "Coffee", LEA),
        _event("squash@x", _stamp(8, 18), "Squash", NOE),
    )
    report = json.loads(_ok(home, "import", "--create-contacts", str(cal), "--json").stdout)
    batch = report["files"][0]["batch_id"]
    assert [r[1] for r in _interactions(home)] == ["Coffee", "Squash"]
    assert _names_in(data_file(home)) == ["Léa Martin", "Noé Durand"]

    undone = json.loads(_ok(home, "undo-import", str(batch), "--json").stdout)
    assert undone["interactions_removed"] == 2
    assert undone["removed"] == 1  # Noé, created by the import
    assert undone["left_alone"] == [] and undone["interactions_left_alone"] == []
    assert _interactions(home) == []
    assert _names_in(data_file(home)) == ["Léa Martin"]
    assert _rows(home, "SELECT last_interaction_at FROM contact") == [(None,)]
    listed = json.loads(_ok(home, "imports", "--json").stdout)["imports"]
    assert listed[0]["id"] == batch and listed[0]["undone_at"]
    again = run(home, "undo-import", str(batch))
    assert again.returncode == 2 and "already undone" in again.stderr


def test_undo_import_of_a_calendar_restores_what_it_changed_and_removed(tmp_path):
    home = tmp_path
    _import_people(home, LEA, NOE)
    cal = home / "agenda.ics"
    _calendar(
        cal,
        _event("coffee@x", _stamp(10, 9), "Coffee", LEA),
        _event("lunch@x", _stamp(9, 12), "Lunch", LEA, NOE),
    )
    _ok(home, "import", str(cal))
    before = _interactions(home)
    # The calendar changes: the coffee moves and loses Léa for Noé, the lunch is cancelled.
    _calendar(cal, _event("coffee@x", _stamp(7, 15), "Coffee, moved", NOE))
    second = json.loads(_ok(home, "import", str(cal), "--json").stdout)["files"][0]
    assert (second["updated"], second["removed"]) == (1, 1)
    assert [r[1] for r in _interactions(home)] == ["Coffee, moved"]

    out = _ok(home, "undo-import", str(second["batch_id"])).stdout
    assert "1 interaction restored" not in out  # two came back: the moved one and the lunch
    assert "2 interactions restored" in out
    assert _interactions(home) == before
    # The recency the list shows follows: Léa's last contact is the lunch again.
    lunch_at = [r[2] for r in before if r[1] == "Lunch"][0]
    last = "SELECT last_interaction_at FROM contact WHERE display_name = ?"
    assert _rows(home, last, LEA[:1]) == [(lunch_at,)]


def test_undo_import_leaves_an_event_edited_by_hand_and_says_so(tmp_path):
    home = tmp_path
    _import_people(home, LEA)
    cal = _calendar(
        home / "agenda.ics",
        _event("coffee@x", _stamp(10, 9), "Coffee", LEA),
        _event("walk@x", _stamp(6, 9), "Walk", LEA),
    )
    batch = json.loads(_ok(home, "import", str(cal), "--json").stdout)["files"][0]["batch_id"]
    from entregent.services.relations.interactions import edit_interaction
    from entregent.services.storage.session import close_session, open_session

    walk = _rows(home, "SELECT id FROM interaction WHERE summary = 'Walk'")[0][0]
    open_session(data_file(home))
    try:
        edit_interaction(walk, note="We talked about her new job.")
    finally:
        close_session()
    done = _ok(home, "undo-import", str(batch))
    assert "1 interaction removed" in done.stdout
    walk_day = dt.datetime.strptime(_stamp(6, 9), "%Y%m%dT%H%M%SZ").date()
    from babel.dates import format_date

    shown = format_date(walk_day, format="medium", locale="en_GB")
    assert f"left alone: Walk ({shown}) (interaction {walk}): changed since the import" in (
        done.stdout
    )
    assert "changed since the import" in done.stdout
    assert _rows(home, "SELECT summary, note FROM interaction") == [
        ("Walk", "We talked about her new job.")
    ]


# -- nothing imported: no history, exit 2 -------------------------------------------------------


def test_a_file_whose_every_card_is_broken_leaves_no_history_and_exits_2(tmp_path):
    home = tmp_path
    broken = home / "broken.vcf"
    broken.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    done = run(home, "import", str(broken))
    assert done.returncode == 2
    assert f"{broken}: none of the 2 cards in this file could be read" in done.stderr
    assert "nothing was imported" in done.stderr
    assert "lines 1, 4: rejected: this card holds nothing" in done.stderr
    assert _rows(home, "SELECT count(*) FROM import_batch") == [(0,)]
    assert "Nothing imported yet." in _ok(home, "imports").stdout
    data = json.loads(run(home, "import", str(broken), "--json").stdout)
    assert data["files"] == []
    [error] = data["errors"]
    assert error["nothing_imported"] is True
    assert [p["line"] for p in error["rejected"]] == [1, 4]


def test_a_calendar_whose_every_event_is_broken_leaves_no_history_and_exits_2(tmp_path):
    home = tmp_path
    cal = _calendar(
        home / "broken.ics",
        "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:not-a-date\r\nSUMMARY:A\r\nEND:VEVENT\r\n",
    )
    done = run(home, "import", str(cal))
    assert done.returncode == 2
    assert "the only event in this file could not be read; nothing was imported." in done.stderr
    assert "line 4: rejected:" in done.stderr
    assert _rows(home, "SELECT count(*) FROM import_batch") == [(0,)]


def test_a_calendar_with_events_of_nobody_known_is_no_error(tmp_path):
    home = tmp_path
    cal = _calendar(home / "agenda.ics", _event("x@x", _stamp(3, 9), "Walk", NOE))
    done = _ok(home, "import", str(cal))
    assert "no known person at “Walk”" in done.stdout


# -- junk and unclosed components -------------------------------------------------------------


def test_junk_wrapped_in_begin_vcalendar_is_refused(tmp_path):
    home = tmp_path
    junk = home / "junk.ics"
    junk.write_text(
        "BEGIN:VCALENDAR\r\n%%% not a calendar %%%\r\nlorem ipsum\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    done = run(home, "import", str(junk))
    assert done.returncode == 2
    assert (
        f"{junk}: this file holds no event, only 2 lines that are not iCalendar "
        "(the first on line 2); nothing was imported." in done.stderr
    )
    assert "lines 2, 3: skipped: this line is not an iCalendar line" in done.stderr
    assert "imported: 0" not in done.stdout and done.stdout == ""
    assert _rows(home, "SELECT count(*) FROM import_batch") == [(0,)]


def test_junk_wrapped_in_begin_vcard_is_refused(tmp_path):
    home = tmp_path
    junk = home / "junk.vcf"
    junk.write_text("BEGIN:VCARD\r\n%%% junk %%%\r\nlorem ipsum\r\nEND:VCARD\r\n", "utf-8")
    done = run(home, "import", str(junk))
    assert done.returncode == 2
    assert f"{junk}: the only card in this file could not be read; nothing was imported." in (
        done.stderr
    )
    assert "line 1: rejected:" in done.stderr
    assert _rows(home, "SELECT count(*) FROM import_batch") == [(0,)]


def test_an_unclosed_event_is_reported_with_its_line_and_the_rest_imports(tmp_path):
    home = tmp_path
    _import_people(home, LEA)
    cal = home / "open.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        + _event("ok@x", _stamp(5, 9), "Coffee", LEA)
        + f"BEGIN:VEVENT\r\nUID:open@x\r\nDTSTART:{_stamp(4, 9)}\r\nSUMMARY:Open\r\n"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    done = run(home, "import", str(cal))
    assert done.returncode == 3, done.stderr  # partly done
    assert "line 10: rejected: this event never ends (END:VEVENT is missing)." in done.stdout
    assert _rows(home, "SELECT summary FROM interaction") == [("Coffee",)]


def test_an_unclosed_calendar_is_reported_with_its_line(tmp_path):
    home = tmp_path
    _import_people(home, LEA)
    cal = home / "open.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + _event("ok@x", _stamp(5, 9), "Coffee", LEA),
        encoding="utf-8",
    )
    done = _ok(home, "import", str(cal))
    assert (
        "line 1: skipped: the calendar that starts on this line never ends "
        "(END:VCALENDAR is missing)" in done.stdout
    )
    assert _rows(home, "SELECT summary FROM interaction") == [("Coffee",)]


def test_an_unclosed_card_is_reported_with_its_line(tmp_path):
    home = tmp_path
    cards = home / "open.vcf"
    cards.write_text(
        _card("Léa Martin", "lea@example.org") + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hugo\r\n",
        encoding="utf-8",
    )
    done = run(home, "import", str(cards))
    assert done.returncode == 3
    assert "line 6: rejected: this card never ends: the file stops before its END:VCARD." in (
        done.stdout
    )
    assert _names_in(data_file(home)) == ["Léa Martin"]
