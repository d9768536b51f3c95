"""The demo network (seeds/): its files, and the demo database built from them with
the same import code users run.

The demo is built once for this module (a template in a temporary cache folder,
the same one the ``entregent --demo`` subprocesses below reuse) and copied.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from entregent.paths import seeds_dir
from entregent.services.demo.dates import shift_birthday, shift_moment

SEEDS = seeds_dir()
CLUB_UID = "club-evenings-2025@tc-croix-rousse.example"
PADEL_UID = "padel-course-spring@tc-croix-rousse.example"


def _journal() -> dict:
    return json.loads((SEEDS / "journal.json").read_text(encoding="utf-8"))


def _cards(name: str) -> list[str]:
    text = (SEEDS / name).read_bytes().decode("utf-8")  # CRLF kept
    return re.findall(r"BEGIN:VCARD\r\n.*?END:VCARD\r\n", text, flags=re.S)


def _all_cards() -> list[str]:
    return [card for path in sorted(SEEDS.glob("*.vcf")) for card in _cards(path.name)]


# ---------------------------------------------------------------- the seed files


def test_generator_writes_exactly_the_committed_seeds(tmp_path):
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
        "import make_seeds; make_seeds.main(Path(sys.argv[2]))"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(SEEDS), str(tmp_path)], check=True, capture_output=True
    )
    written = sorted(p.name for p in tmp_path.iterdir())
    # journal.fr.json: the texts in French, written by hand (not by the generator).
    assert written == sorted(
        p.name
        for p in SEEDS.iterdir()
        if p.suffix in (".vcf", ".ics", ".json") and p.name != "journal.fr.json"
    )
    for name in written:
        assert (tmp_path / name).read_bytes() == (SEEDS / name).read_bytes(), name


def test_cards_are_written_like_phones_export_them():
    versions = {}
    for path in SEEDS.glob("*.vcf"):
        for card in _cards(path.name):
            version = re.search(r"\r\nVERSION:(\S+)\r\n", card).group(1)
            versions[version] = versions.get(version, 0) + 1
    assert set(versions) == {"2.1", "3.0", "4.0"}
    assert sum(versions.values()) >= 300
    old = "".join(_cards("contacts-old-android.vcf"))
    assert "CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" in old
    assert "CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:" in old
    assert re.search(r"=\r\n", old), "a soft line break in a quoted-printable value"
    iphone = "".join(_cards("contacts-iphone.vcf"))
    assert re.search(r"\r\nitem\d+\.X-ABLabel:", iphone)
    assert "X-APPLE-OMIT-YEAR" in iphone
    nextcloud = "".join(_cards("contacts-nextcloud.vcf"))
    assert "UID:urn:uuid:" in nextcloud and "TEL;VALUE=uri" in nextcloud


def test_cards_hold_what_real_address_books_hold():
    cards = _all_cards()
    assert sum("EMAIL" not in card for card in cards) >= 30, "people without e-mail"
    accented = [card for card in cards if re.search(r"\r\nFN[^\r]*(?:[À-ÿ]|=C3=|=E8|=E9)", card)]
    assert len(accented) >= 50, "French names with accents, raw or quoted-printable"
    assert any(re.search(r"\r\nFN:(Sarah|Oliver|Priya) ", card) for card in cards)
    phones: dict[str, int] = {}
    for card in cards:
        for number in set(re.findall(r"\r\n(?:item\d+\.)?TEL[^:]*:(?:tel:)?([^\r]+)", card)):
            digits = re.sub(r"\D", "", number).lstrip("0").removeprefix("33")
            phones[digits] = phones.get(digits, 0) + 1
    assert sum(count >= 2 for count in phones.values()) >= 3, "shared landlines"
    categories = {
        c
        for card in cards
        for line in re.findall(r"CATEGORIES[^:]*:([^\r]+)", card)
        for c in line.split(",")
    }
    assert {"Family", "Friends", "Club", "Work", "Association", "Charity", "Sport"} <= categories


def test_photos_are_tiny_real_images():
    photos = []
    for card in _all_cards():
        unfolded = card.replace("\r\n ", "")
        for value in re.findall(
            r"PHOTO[^:]*:(?:data:image/\w+;base64,)?\r?\n?([A-Za-z0-9+/=]+)", unfolded
        ):
            photos.append(base64.b64decode(value))
    assert len(photos) >= 5
    kinds = {data[:4] for data in photos}
    assert b"\x89PNG" in kinds and b"\xff\xd8\xff\xe0" in kinds
    assert all(len(data) < 1000 for data in photos)


def test_calendar_has_the_recurring_club_evenings_with_exdate_and_a_moved_evening():
    calendar = icalendar.Calendar.from_ical((SEEDS / "calendar.ics").read_bytes())
    club = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == CLUB_UID]
    master = next(e for e in club if "RECURRENCE-ID" not in e)
    assert master["RRULE"]["FREQ"] == ["WEEKLY"]
    assert master.get("EXDATE")
    overrides = [e for e in club if "RECURRENCE-ID" in e]
    moved = [e for e in overrides if e.get("STATUS") != "CANCELLED"]
    cancelled = [e for e in overrides if e.get("STATUS") == "CANCELLED"]
    assert len(moved) == 1 and len(cancelled) == 1
    was, now = moved[0]["RECURRENCE-ID"].dt, moved[0]["DTSTART"].dt
    assert (now - was) == dt.timedelta(days=1) and was.weekday() == 1
    assert len(master["ATTENDEE"]) >= 5
    # The padel course: eight Saturdays, one skipped.
    padel = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == PADEL_UID]
    assert padel[0]["RRULE"]["COUNT"] == [8]
    sessions = [
        o
        for o in recurring_ical_events.of(calendar).between(
            dt.datetime(2020, 1, 1), dt.datetime(2030, 1, 1)
        )
        if str(o["UID"]) == PADEL_UID
    ]
    assert len(sessions) == 7


def test_calendar_organizer_is_the_user_and_attendees_are_people_in_the_cards():
    journal = _journal()
    mine = {e.lower() for e in journal["settings"]["my_emails"]}
    cards = "".join(_all_cards()).replace("\r\n ", "").lower()  # unfolded
    calendar = icalendar.Calendar.from_ical((SEEDS / "calendar.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= 150
    for event in events:
        assert str(event["ORGANIZER"]).lower().removeprefix("mailto:") in mine
        attendees = event.get("ATTENDEE", [])
        for attendee in attendees if isinstance(attendees, list) else [attendees]:
            address = str(attendee).lower().removeprefix("mailto:")
            assert address in mine or address in cards, address


def test_journal_names_only_people_in_the_cards_and_has_every_example():
    journal = _journal()
    names = set()
    for card in _all_cards():
        match = re.search(r"\r\nFN[;:]([^\r]*)", card)
        if match and "QUOTED-PRINTABLE" not in match.group(0):
            names.add(match.group(1).lstrip(":"))
    named = {p["name"] for p in journal["people"]}
    named |= {n for i in journal["interactions"] for n in i["with"]}
    named |= {f["who"] for f in journal["followups"]}
    plain = {n for n in named if all(ord(c) < 128 for c in n)}
    assert plain <= names  # QP-encoded names are checked once imported (below)
    kinds = {o["kind"] for o in journal["organizations"]}
    assert {"association", "club", "charity", "lunch_group", "sport", "employer"} <= kinds
    assert sum(o["kind"] == "association" for o in journal["organizations"]) == 2
    outcomes = [i["ask"]["outcome"] for i in journal["interactions"] if "ask" in i]
    assert outcomes.count("pending") == 1 and "declined" in outcomes and "helped" in outcomes
    stories = {p.get("story") for p in journal["people"]}
    assert {
        "close_tie",
        "owed",
        "gym_recent",
        "stale",
        "newcomer",
        "pending_ask",
        "faded",
        "no_rapport",
        "only_when_needed",
        "imbalance",
    } <= stories
    assert dt.date.fromisoformat(journal["anchor"])


def test_moments_keep_their_wall_clock_time_across_daylight_saving():
    from zoneinfo import ZoneInfo

    paris = ZoneInfo("Europe/Paris")
    winter_evening = dt.datetime(2026, 12, 1, 18, 0)  # 19:00 in Paris
    moved = shift_moment(winter_evening, 180, paris)
    assert moved == dt.datetime(2027, 5, 30, 17, 0)  # 19:00 in Paris, summer time
    assert shift_moment(moved, -180, paris) == winter_evening


def test_birthdays_move_with_the_demo():
    anchor = dt.date(2026, 11, 26)
    assert shift_birthday("1955-12-02", 100, anchor) == "1956-03-12"  # 6 days after too
    assert shift_birthday("1990-01-10", 30, anchor) == "1990-02-09"
    assert shift_birthday("--12-04", -4, anchor) == "--11-30"
    assert shift_birthday("2000-02-29", -1, anchor) == "2000-02-27"
    assert shift_birthday("2000-02-29", 0, anchor) == "2000-02-29"
    assert shift_birthday("1980-11-26", 35, anchor) == "1980-12-31"


# ---------------------------------------------------------------- the demo database


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory):
    """A cache folder of its own, shared with the ``entregent --demo`` subprocesses."""
    return tmp_path_factory.mktemp("demo-cache")


@pytest.fixture(scope="module")
def demo_build(demo_cache, tmp_path_factory):
    """(template, report, today's copy): the demo built once for this module."""
    from entregent.services.demo.builder import copy_demo, demo_template

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(demo_cache))
        template, report = demo_template()
    assert report is not None, "built now, in an empty cache"
    copy = copy_demo(template, tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    return template, report, copy


@pytest.fixture
def demo(demo_build):
    from entregent.i18n import set_language
    from entregent.services.storage.session import close_session, open_session

    open_session(demo_build[2], apply_language=False)
    set_language("en")
    yield demo_build[2]
    close_session()


def _run(demo_cache, *args) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        XDG_CACHE_HOME=str(demo_cache),
        LANGUAGE="en",
        LANG="C.UTF-8",
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("ENTREGENT_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "entregent", "--demo", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_seed_file_imports_without_a_rejection(demo_build):
    _template, report, _copy = demo_build
    paths = [Path(r.path).name for r in report.reports]
    assert paths == sorted(p.name for p in SEEDS.glob("*.vcf")) + ["calendar.ics"]
    for file_report in report.reports:
        assert file_report.rejected == [], (file_report.path, file_report.rejected[:3])
        if file_report.kind == "vcard":
            assert file_report.new == len(_cards(Path(file_report.path).name))
    calendar = report.reports[-1]
    assert calendar.new >= 300  # occurrences, after recurrence expansion
    assert calendar.skipped_components.get("VTODO") == 1


def test_demo_has_a_believable_network(demo):
    from entregent.model.tables import Ask, Contact, Interaction, Membership, utcnow
    from entregent.services.people.contexts import list_contexts
    from entregent.services.people.organizations import list_groups

    assert Contact.select().count() >= 300
    counts = {c.name: c.count for c in list_contexts()}
    assert counts["family"] >= 20 and counts["friends"] >= 25
    for context in ("club", "work", "association", "charity", "sport", "neighbourhood"):
        assert counts[context] >= 8, context
    groups = list_groups()
    assert len(groups) == 8 and all(g.members >= 10 for g in groups)
    assert Membership.select().count() >= 200
    assert Interaction.select().where(Interaction.source == "calendar").count() >= 300
    assert Interaction.select().where(Interaction.source == "manual").count() >= 300
    assert Interaction.select().where(Interaction.occurred_at > utcnow()).count() == 0
    assert Ask.select().where(Ask.outcome == "pending").count() == 1
    with_photo = Contact.select().where(Contact.photo.is_null(False)).count()
    assert with_photo >= 5


def test_demo_journal_names_resolve_to_imported_people(demo):
    from entregent.model.tables import Contact

    names = {c.display_name for c in Contact.select(Contact.display_name)}
    journal = _journal()
    assert {p["name"] for p in journal["people"]} <= names
    assert "Geneviève Lefèvre" in names  # an ISO-8859-1 quoted-printable card


def test_demo_calendar_moved_and_cancelled_club_evenings(demo):
    from zoneinfo import ZoneInfo

    from entregent.model.tables import Interaction

    club = list(Interaction.select().where(Interaction.summary.startswith("Soirée du club")))
    paris = ZoneInfo("Europe/Paris")
    days = [i.occurred_at.replace(tzinfo=dt.UTC).astimezone(paris) for i in club]
    assert len(club) >= 35
    moved = [d for i, d in zip(club, days, strict=True) if "mercredi" in i.summary]
    assert len(moved) == 1
    others = {d.weekday() for i, d in zip(club, days, strict=True) if "mercredi" not in i.summary}
    assert len(others) == 1 and moved[0].weekday() == (others.pop() + 1) % 7
    assert all(d.hour == 19 for d in days)


def test_demo_dates_follow_today(demo_build, tmp_path):
    from zoneinfo import ZoneInfo

    from entregent.model.tables import Contact, Interaction
    from entregent.services.demo.builder import copy_demo
    from entregent.services.storage.session import close_session, open_session

    template = demo_build[0]
    # 150 days on: from winter into summer time, and across a year's end for birthdays.
    later = dt.date.fromisoformat(_journal()["anchor"]) + dt.timedelta(days=150)
    copy_demo(template, tmp_path / "later.sqlite3", today=later)
    open_session(tmp_path / "later.sqlite3", apply_language=False)
    try:
        karim = Contact.get(Contact.display_name == "Karim Benali")
        assert karim.met_on == later - dt.timedelta(days=5)
        assert karim.last_interaction_at.date() in (
            later - dt.timedelta(days=5),
            later - dt.timedelta(days=6),
        )
        mum = Contact.get(Contact.display_name == "Françoise Durand")
        assert mum.birthday[5:] == f"{later + dt.timedelta(days=6):%m-%d}"
        latest = (
            Interaction.select(Interaction.occurred_at)
            .order_by(Interaction.occurred_at.desc())
            .first()
            .occurred_at
        )
        assert later - dt.timedelta(days=3) <= latest.date() <= later
        paris = ZoneInfo("Europe/Paris")
        evenings = [
            i.occurred_at.replace(tzinfo=dt.UTC).astimezone(paris)
            for i in Interaction.select().where(Interaction.summary.startswith("Soirée du club"))
        ]
        assert len(evenings) >= 35
        assert {(d.hour, d.minute) for d in evenings} == {(19, 0)}  # wall clock kept
    finally:
        close_session()


def test_demo_due_lists_people_for_real_reasons(demo_cache, demo_build):
    result = _run(demo_cache, "due", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    kinds = {item["kind"] for item in items}
    assert {"overdue", "follow_up", "informal", "owed_help", "birthday"} <= kinds
    assert all(item["reason"] for item in items)
    by_kind = {(item["kind"], item["name"]) for item in items}
    assert ("informal", "Karim Benali") in by_kind
    assert ("owed_help", "Stéphane Aubert") in by_kind
    assert ("birthday", "Françoise Durand") in by_kind
    assert len({item["contact_id"] for item in items}) < 80  # a list, not the address book


def test_demo_ask_a_family_member_shows_the_close_tie_warning(demo_cache, demo_build):
    result = _run(demo_cache, "ask", "Julien Durand", "--for", "advice")
    assert result.returncode == 4, result.stderr
    assert "Julien Durand" in result.stdout
    data = json.loads(_run(demo_cache, "ask", "Julien Durand", "--for", "advice", "--json").stdout)
    assert "close_tie" in {w["id"] for w in data["warnings"]}
    assert data["recorded"] is False


def test_demo_advisor_has_an_example_of_each_rule(demo):
    from entregent.services.people.resolve import resolve_person
    from entregent.services.relations.asks import prepare_ask

    examples = {
        "close_tie": ("Julien Durand", "advice"),
        "recent_ask": ("Olivier Mercier", "introduction"),
        "group_newcomer": ("Ingrid Vasseur", "job_lead"),
        "no_rapport": ("Bertrand Lacroix", "advice"),
        "only_when_needed": ("Jérôme Picard", "advice"),
        "imbalance": ("Amélie Girard", "job_lead"),
        "faded_encounter": ("Rémi Fontaine", "advice"),
        "stale_tie": ("Hélène Marchand", "advice"),
    }
    for rule, (name, what) in examples.items():
        warnings = {w.id for w in prepare_ask(resolve_person(name), what).warnings}
        assert rule in warnings, (name, warnings)


def test_demo_exports_followups_a_calendar_app_accepts(demo_cache, demo_build, tmp_path):
    import vobject

    out = tmp_path / "f.ics"
    result = _run(demo_cache, "export", "followups", str(out))
    assert result.returncode == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    open_followups = [f for f in _journal()["followups"] if not f.get("done")]
    assert len(events) == len(open_followups)
    assert all(str(e["SUMMARY"]) and e.get("UID") for e in events)
    assert vobject.readOne(out.read_text(encoding="utf-8")).name == "VCALENDAR"


def test_a_journal_naming_someone_unknown_stores_nothing(db):
    from entregent.errors import UserError
    from entregent.model.tables import Organization
    from entregent.services.demo.journal import load_journal

    journal = {
        "anchor": "2026-11-26",
        "organizations": [{"key": "club", "name": "A club", "kind": "club"}],
        "people": [{"name": "Nobody Known", "tie": "close"}],
    }
    with pytest.raises(UserError, match="Nobody Known"):
        load_journal(journal)
    assert Organization.select().count() == 0


def test_old_throw_away_demos_are_cleared_and_recent_ones_kept(
    tmp_path, monkeypatch, demo_cache, demo_build
):
    """Making a new throw-away demo clears those earlier runs left over two days ago."""
    import tempfile

    from entregent.services.demo.builder import fresh_demo_database

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(demo_cache))  # the template built once
    old, recent, other = (
        tmp_path / "entregent-demo-old",
        tmp_path / "entregent-demo-new",
        tmp_path / "someone-elses",
    )
    for folder in (old, recent, other):
        folder.mkdir()
        (folder / "demo.sqlite3").write_bytes(b"x")
    three_days_ago = (dt.datetime.now() - dt.timedelta(days=3)).timestamp()
    for folder in (old, other):
        os.utime(folder, (three_days_ago, three_days_ago))
    made = fresh_demo_database()
    assert not old.exists() and recent.exists() and other.exists()
    assert made.parent.parent == tmp_path and made.parent.name.startswith("entregent-demo-")


def test_demo_context_colours_are_pairwise_distinct(demo):
    """No two contexts of the demo network share a hue (CIEDE2000 over 15)."""
    from itertools import combinations

    from entregent.palette import delta_e
    from entregent.services.people.contexts import list_contexts

    contexts = list_contexts()
    assert len(contexts) >= 10
    close = [
        (a.name, a.colour, b.name, b.colour, round(delta_e(a.colour, b.colour), 1))
        for a, b in combinations(contexts, 2)
        if delta_e(a.colour, b.colour) <= 15
    ]
    assert close == []


def test_demo_network_has_relations_introductions_and_a_warm_path(demo):
    from entregent.model.tables import Contact, Relation
    from entregent.services.graph.paths import warm_paths
    from entregent.services.relations.declared import introductions_of

    def named(name: str) -> int:
        return Contact.get(Contact.display_name == name).id

    spouse = Relation.get(Relation.kind == "spouse", Relation.contact == named("Sophie Lambert"))
    assert (spouse.other.display_name, spouse.source) == ("Marc Lambert", "demo")
    assert Relation.select().where(Relation.source == "demo").count() == 14
    introduced = Relation.get(
        Relation.source == "introduction", Relation.contact == named("Priya Raman")
    )
    assert introduced.other.display_name == "Olivier Mercier"
    assert introduced.interaction.kind == "introduction"
    _made, received = introductions_of(named("Olivier Mercier"))
    assert ("Priya Raman", True) in [(r.other_name, r.by_user) for r in received]
    paths = warm_paths(named("Baptiste Héraud"), advise=False)
    assert paths and all(len(p.hops) <= 3 for p in paths)
