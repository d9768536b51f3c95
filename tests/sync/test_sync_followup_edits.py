"""Follow-ups edited on the phone (a second client, plain httpx, on the same
Radicale): a moved day or time and a rewritten note come back into the
follow-up here, field by field against what both sides last held; a
follow-up deleted there is done here."""

from __future__ import annotations

import datetime as dt
import re

from entregent.model.tables import FollowUp, SyncItem
from entregent.services.relations.followups import create_followup, edit_followup_note
from entregent.services.sync.accounts import add_account

from .helpers import ACCOUNT, card, connect, import_cards, person, run
from .test_sync_calendar import QUIET

TODOS = (
    '<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" '
    'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:resourcetype><d:collection/>'
    "<c:calendar/></d:resourcetype><d:displayname>Tasks</d:displayname>"
    "<c:supported-calendar-component-set><c:comp name='VTODO'/>"
    "</c:supported-calendar-component-set></d:prop></d:set></d:mkcol>"
)


def _edited(text: str, **lines: str) -> str:
    """The phone's edit: each named property's line replaced (unfolded first)."""
    text = text.replace("\r\n ", "")
    for name, line in lines.items():
        name = name.replace("_", "-")
        text, count = re.subn(rf"(?m)^{name}[;:][^\r\n]*", line.replace("\\", "\\\\"), text)
        assert count >= 1, name
    return text


def _phone_put(http, href: str, text: str, etag: str) -> str:
    response = http.put(
        href,
        content=text.encode(),
        headers={"If-Match": etag, "Content-Type": "text/calendar; charset=utf-8"},
    )
    assert response.status_code == 204, response.text
    return response.headers["etag"]


def _item(http, href: str) -> tuple[str, str]:
    response = http.get(href)
    assert response.status_code == 200, href
    return response.text, response.headers["etag"]


def _stored(follow_up_id: int) -> tuple:
    f = FollowUp.get_by_id(follow_up_id)
    return f.due_on, f.due_time, f.note, f.done_at is None, f.deleted_at is None


def test_a_day_and_note_changed_on_the_phone_come_back_here(db, dav_user, tmp_path):
    import_cards(tmp_path, card("ann", "Ann Archer", "EMAIL:ann@example.org"))
    due = dt.date.today() + dt.timedelta(days=3)
    follow_up = create_followup(person("ann").id, due, note="send the photos")
    connect(dav_user)
    assert run(dav_user).calendar == {**QUIET, "followups_sent": 1}
    uid = FollowUp.get_by_id(follow_up).uid
    href = f"{dav_user.calendar}{uid}.ics"
    http = dav_user.phone()
    text, etag = _item(http, href)
    assert "DESCRIPTION:send the photos\\n\\nE-mail: ann@example.org" in text.replace("\r\n ", "")
    moved = due + dt.timedelta(days=5)
    phone_text = _edited(
        text,
        DTSTART=f"DTSTART;VALUE=DATE:{moved:%Y%m%d}",
        DTEND=f"DTEND;VALUE=DATE:{moved + dt.timedelta(days=1):%Y%m%d}",
        DESCRIPTION="DESCRIPTION:send the photos and the map\\n\\nE-mail: ann@example.org",
    )
    phone_etag = _phone_put(http, href, phone_text, etag)

    report = run(dav_user)
    assert report.calendar == {**QUIET, "followups_changed_here": 1}
    assert report.resolved == []
    assert _stored(follow_up) == (moved, None, "send the photos and the map", True, True)
    # The phone's copy already says it all: it stays as the phone wrote it.
    assert _item(http, href) == (phone_text.replace("\r\n", "\n").replace("\n", "\r\n"), phone_etag)
    assert run(dav_user).calendar == QUIET
    assert _stored(follow_up) == (moved, None, "send the photos and the map", True, True)


def test_a_to_do_moved_there_and_its_note_edited_here_keep_both(db, dav_user, tmp_path):
    http = dav_user.phone()
    todos = f"/{dav_user.name}/tasks/"
    assert http.request("MKCOL", todos, content=TODOS.encode()).status_code == 201
    import_cards(tmp_path, card("bob", "Bob Baker"))
    due = dt.date.today() + dt.timedelta(days=2)
    follow_up = create_followup(person("bob").id, due, due_time=dt.time(10, 0), note="lunch?")
    add_account(ACCOUNT, dav_user.url, dav_user.name, dav_user.password, [dav_user.book, todos])
    assert run(dav_user).calendar == {**QUIET, "followups_sent": 1}
    uid = FollowUp.get_by_id(follow_up).uid
    href = f"{todos}{uid}.ics"
    text, etag = _item(http, href)
    assert "BEGIN:VTODO" in text and f"DUE:{due:%Y%m%d}T100000Z" in text

    edit_followup_note(follow_up, "lunch on Friday")  # here: the note
    later = due + dt.timedelta(days=1)
    phone_text = _edited(  # there: the day and time
        text, DUE=f"DUE:{later:%Y%m%d}T153000Z", DTSTART=f"DTSTART:{later:%Y%m%d}T153000Z"
    )
    _phone_put(http, href, phone_text, etag)

    report = run(dav_user)
    assert report.calendar == {**QUIET, "followups_changed_here": 1, "followups_updated": 1}
    assert report.resolved == []
    assert _stored(follow_up) == (later, dt.time(15, 30), "lunch on Friday", True, True)
    merged, _etag = _item(http, href)  # ours, over the phone's: both changes
    merged = merged.replace("\r\n ", "")
    assert f"DUE:{later:%Y%m%d}T153000Z" in merged and "DESCRIPTION:lunch on Friday" in merged
    assert run(dav_user).calendar == QUIET


def test_the_same_note_changed_on_both_sides_follows_the_policy(db, dav_user, tmp_path):
    import_cards(tmp_path, card("cyd", "Cyd Carter"))
    due = dt.date.today() + dt.timedelta(days=4)
    first = create_followup(person("cyd").id, due, note="call")
    connect(dav_user)
    run(dav_user)
    uid = FollowUp.get_by_id(first).uid
    href = f"{dav_user.calendar}{uid}.ics"
    http = dav_user.phone()

    text, etag = _item(http, href)
    edit_followup_note(first, "call about the club")
    etag = _phone_put(http, href, _edited(text, DESCRIPTION="DESCRIPTION:call her back"), etag)
    report = run(dav_user, conflicts="keep-local")
    assert report.calendar == {**QUIET, "followups_updated": 1}
    entry = {"uid": uid, "name": "Cyd Carter", "href": href, "fields": ["note"]}
    assert report.resolved == [{**entry, "kept": "local"}]
    assert _stored(first) == (due, None, "call about the club", True, True)
    assert "DESCRIPTION:call about the club" in _item(http, href)[0]

    text, etag = _item(http, href)
    edit_followup_note(first, "call on Monday")
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).strftime("%Y%m%dT%H%M%SZ")
    phone_text = _edited(
        text,
        DESCRIPTION="DESCRIPTION:call after the match",
        LAST_MODIFIED=f"LAST-MODIFIED:{future}",
    )
    _phone_put(http, href, phone_text, etag)
    report = run(dav_user)  # "ask": the later edit, the phone's
    assert report.calendar == {**QUIET, "followups_changed_here": 1}
    assert report.resolved == [{**entry, "kept": "remote"}]
    assert _stored(first) == (due, None, "call after the match", True, True)
    assert run(dav_user).calendar == QUIET


def test_a_follow_up_deleted_on_the_phone_is_done_here(db, dav_user, tmp_path):
    import_cards(tmp_path, card("dee", "Dee Dixon"))
    due = dt.date.today() + dt.timedelta(days=1)
    follow_up = create_followup(person("dee").id, due, note="thank her")
    connect(dav_user)
    run(dav_user)
    uid = FollowUp.get_by_id(follow_up).uid
    http = dav_user.phone()
    assert http.delete(f"{dav_user.calendar}{uid}.ics").status_code in (200, 204)
    report = run(dav_user)
    assert report.calendar == {**QUIET, "followups_done_here": 1, "followups_removed_there": 1}
    assert _stored(follow_up)[:4] == (due, None, "thank her", False)
    assert SyncItem.select().where(SyncItem.uid == uid).count() == 0
    assert run(dav_user).calendar == QUIET
