"""The calendar side of a sync with a real Radicale: follow-ups go out with
their own UIDs, a follow-up finished on the phone is done here, the phone's
events come in as interactions and leave with them."""

from __future__ import annotations

import datetime as dt

from entregent.model.tables import FollowUp, Interaction, Participant
from entregent.services.relations.followups import create_followup, delete_followup

from .helpers import card, connect, import_cards, person, run

QUIET = {
    "followups_sent": 0,
    "followups_updated": 0,
    "followups_removed_there": 0,
    "followups_done_here": 0,
    "followups_changed_here": 0,
    "interactions_new": 0,
    "interactions_updated": 0,
    "events_removed": 0,
}


def _event(uid: str, when: dt.datetime, summary: str, attendee: str) -> str:
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    end = (when + dt.timedelta(hours=1)).strftime("%Y%m%dT%H%M%SZ")
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:{stamp}\r\nDTSTART:{stamp}\r\nDTEND:{end}\r\n"
        f"SUMMARY:{summary}\r\nORGANIZER:mailto:me@example.org\r\n"
        f"ATTENDEE;CN=Ann Archer:mailto:{attendee}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _calendar(http, dav_user) -> dict[str, str]:
    import re

    listing = http.request("PROPFIND", dav_user.calendar, headers={"Depth": "1"})
    hrefs = [h for h in re.findall(r"<href>([^<]+\.ics)</href>", listing.text)]
    return {h: http.get(h).text for h in hrefs}


def test_follow_ups_out_events_in_both_finishing_on_either_side(db, dav_user, tmp_path):
    import_cards(tmp_path, card("ann", "Ann Archer", "EMAIL:ann@example.org"))
    ann = person("ann")
    due = dt.date.today() + dt.timedelta(days=3)
    first = create_followup(ann.id, due, note="send the photos")
    second = create_followup(ann.id, due + dt.timedelta(days=1), note="ask about the club")
    uids = [FollowUp.get_by_id(first).uid, FollowUp.get_by_id(second).uid]
    connect(dav_user)
    report = run(dav_user)
    assert report.calendar == {**QUIET, "followups_sent": 2}
    http = dav_user.phone()
    items = _calendar(http, dav_user)
    assert sorted(items) == sorted(f"{dav_user.calendar}{uid}.ics" for uid in uids)
    sent = items[f"{dav_user.calendar}{uids[0]}.ics"]
    assert f"UID:{uids[0]}" in sent and "SUMMARY:Follow up: Ann Archer" in sent
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in sent

    yesterday = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=1)
    event = _event("lunch-1", yesterday, "Lunch with Ann", "ann@example.org")
    assert http.put(f"{dav_user.calendar}lunch-1.ics", content=event.encode()).status_code == 201
    href = f"{dav_user.calendar}{uids[0]}.ics"
    finished = http.get(href).text.replace("STATUS:CONFIRMED", "STATUS:CANCELLED")
    assert http.put(href, content=finished.encode()).status_code == 204
    delete_followup(second)  # here: it leaves the server's calendar
    report = run(dav_user)
    assert report.calendar == {
        **QUIET,
        "followups_done_here": 1,
        "followups_removed_there": 2,
        "interactions_new": 1,
    }
    assert FollowUp.get_by_id(first).done_at is not None
    lunch = Interaction.get(Interaction.summary == "Lunch with Ann")
    assert [p.contact_id for p in Participant.select().where(Participant.interaction == lunch)] == [
        ann.id
    ]
    assert sorted(_calendar(http, dav_user)) == [f"{dav_user.calendar}lunch-1.ics"]

    assert run(dav_user).calendar == QUIET
    assert http.delete(f"{dav_user.calendar}lunch-1.ics").status_code in (200, 204)
    gone = run(dav_user)
    assert gone.calendar == {**QUIET, "events_removed": 1}
    assert Interaction.select().where(Interaction.summary == "Lunch with Ann").count() == 0


def test_a_changed_follow_up_is_sent_again_over_the_same_item(db, dav_user, tmp_path):
    from entregent.services.relations.followups import edit_followup_note

    import_cards(tmp_path, card("bob", "Bob Baker"))
    follow_up = create_followup(person("bob").id, dt.date.today() + dt.timedelta(days=2))
    connect(dav_user)
    run(dav_user)
    edit_followup_note(follow_up, "bring the book back")
    report = run(dav_user)
    assert report.calendar == {**QUIET, "followups_updated": 1}
    uid = FollowUp.get_by_id(follow_up).uid
    text = dav_user.phone().get(f"{dav_user.calendar}{uid}.ics").text
    assert "bring the book back" in text
