"""Exports escape everything: hostile names, notes, values and UIDs never break the
structure of the vCard or iCalendar file, nor write anywhere but the chosen file."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
import vobject

from entregent.model.tables import Contact, ContactContext, ContactMethod, Context, FollowUp
from entregent.services.exports.ics_export import export_followups
from entregent.services.exports.vcard_export import export_contacts
from entregent.services.relations.followups import create_followup
from entregent.services.storage.session import close_session, open_session

HOSTILE = [
    "Evil\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Injected",
    "Cal\nEND:VEVENT\nBEGIN:VEVENT\nUID:../../x\nSUMMARY:Injected\nEND:VCALENDAR",
    "Semi;colon, comma: colon \\ backslash \\n not a newline",
    "\"Quoted\" 'single' «guillemets» <img src=x> & &amp;",
    "Line one\rline two\nline three\r\n\r\nline five",
    "Émoji 🤝 naïve Ærøskøbing 東京",
    "BEGIN:VCARD",
    " leading space and trailing space ",
    "=41=42 quoted-printable lookalike=\r\n=",
]
UIDS = ["../../x", "../../../tmp/evil", "/etc/passwd", "a\r\nUID:b", "c;d,e:f"]


@pytest.fixture
def hostile_network(db):
    context = Context.create(name="Club; chess, go\nBEGIN:VCARD", kind="club")
    for n, text in enumerate(HOSTILE):
        person = Contact.create(
            uid=UIDS[n % len(UIDS)] + f"-{n}",
            display_name=text,
            given_name=text,
            family_name=f"{text} {n}",
            note=text,
            org=text,
            title=text,
            nickname=text,
        )
        ContactMethod.create(
            contact=person,
            kind="email",
            value=f"p{n}@example.org\r\nTEL:1",
            normalized=f"p{n}@example.org",
            label=text,
        )
        ContactMethod.create(
            contact=person,
            kind="tel",
            value=f"+33 6 12;34,{n}",
            normalized=f"+3361234{n:02d}",
            label="cell;\r\nX:1",
        )
        ContactContext.create(contact=person, context=context)
        follow_up = create_followup(person.id, dt.date(2030, 1, 1 + n), note=text)
        FollowUp.update(uid=UIDS[n % len(UIDS)] + f"-{n}").where(FollowUp.id == follow_up).execute()
    return db


def _files(folder) -> set:
    return {p for p in folder.rglob("*") if p.is_file() and "sqlite3" not in p.name}


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcard_export_keeps_its_structure_and_text(hostile_network, tmp_path, version):
    out_dir = tmp_path / "out" / "deeper"
    out_dir.mkdir(parents=True)
    target = out_dir / "contacts.vcf"
    before = _files(tmp_path)
    assert export_contacts(target, vcard_version=version) == len(HOSTILE)
    assert _files(tmp_path) - before == {target}  # and nothing anywhere else
    text = target.read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    assert sum(line == "BEGIN:VCARD" for line in lines) == len(HOSTILE)
    assert sum(line == "END:VCARD" for line in lines) == len(HOSTILE)
    assert "\r" not in text.replace("\r\n", "")  # no bare CR, no bare LF
    assert "\n" not in text.replace("\r\n", "")
    cards = list(vobject.readComponents(text))
    assert len(cards) == len(HOSTILE)
    names = sorted(card.fn.value for card in cards)
    assert names == sorted(
        t.replace("\r\n", "\n").replace("\r", "\n") for t in HOSTILE
    ) or names == sorted(HOSTILE)


def test_vcard_export_reads_back_the_same_people(hostile_network, tmp_path, template_db):
    target = tmp_path / "contacts.vcf"
    export_contacts(target)
    before = sorted((c.note, c.org) for c in Contact.select())
    close_session()
    fresh = tmp_path / "fresh.sqlite3"
    import shutil

    shutil.copyfile(template_db, fresh)
    open_session(fresh, apply_language=False)
    from entregent.services.imports.dispatch import import_file

    report = import_file(target)
    assert report.new == len(HOSTILE) and not report.rejected
    after = sorted((c.note, c.org) for c in Contact.select())

    def same(text):  # line breaks may come back as LF, blanks around a value trimmed
        return text.replace("\r\n", "\n").replace("\r", "\n").strip()

    assert [(same(a), same(b)) for a, b in after] == [(same(a), same(b)) for a, b in before]


@pytest.mark.parametrize("as_", ["event", "todo"])
def test_followup_export_keeps_its_structure_text_and_uids(hostile_network, tmp_path, as_):
    target = tmp_path / "out" / "followups.ics"
    target.parent.mkdir()
    before = _files(tmp_path)
    assert export_followups(target, as_=as_) == len(HOSTILE)
    assert _files(tmp_path) - before == {target}
    data = target.read_bytes()
    text = data.decode("utf-8")
    component = "VEVENT" if as_ == "event" else "VTODO"
    lines = text.split("\r\n")
    assert sum(line == f"BEGIN:{component}" for line in lines) == len(HOSTILE)
    assert sum(line == "END:VCALENDAR" for line in lines) == 1
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    calendar = icalendar.Calendar.from_ical(data)
    items = list(calendar.walk(component))
    assert len(items) == len(HOSTILE)
    uids = sorted(str(item["UID"]).replace("\r\n", "\n") for item in items)
    assert uids == sorted(
        f"{UIDS[n % len(UIDS)]}-{n}".replace("\r\n", "\n") for n in range(len(HOSTILE))
    )
    descriptions = " ".join(str(item.get("DESCRIPTION", "")) for item in items)
    for hostile in HOSTILE:
        first_line = hostile.splitlines()[0].strip()
        assert first_line in descriptions
    assert len(list(vobject.readComponents(text))) == 1  # one calendar, read by vobject too
