"""The limits in the settings (file, card, photo, properties): each one, when exceeded,
gives a clear message with the file and line, and the rest of the file still imports."""

from __future__ import annotations

import base64
import datetime as dt
import os

import pytest

from entregent.errors import UserError
from entregent.model.tables import Contact, Interaction
from entregent.services.imports.dispatch import import_file
from entregent.services.settings import set_setting

from .storage_faults import contents_digest

GOOD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hélène Dupont\r\nEMAIL:helene@example.fr\r\nEND:VCARD\r\n"


def _card(name: str, body: str) -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n{body}END:VCARD\r\n"


def _calendar(*events: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    )


def _event(uid: str, body: str = "") -> str:
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).strftime("%Y%m%dT%H%M%SZ")
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:{start}\r\n"
        f"SUMMARY:Lunch\r\nATTENDEE;CN=Hélène:mailto:helene@example.fr\r\n{body}"
        "END:VEVENT\r\n"
    )


@pytest.mark.parametrize(
    "suffix, text",
    [
        (".vcf", GOOD * 20000),
        (".ics", _calendar(*(_event(f"e{n}") for n in range(9000)))),
    ],
)
def test_file_over_the_size_limit_is_refused_whole(db, tmp_path, suffix, text):
    set_setting("max_file_mb", 1)
    path = tmp_path / f"big{suffix}"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024
    before = contents_digest(db)
    with pytest.raises(UserError) as caught:
        import_file(path)
    assert "1 MB" in str(caught.value) and str(path) in str(caught.value)
    assert contents_digest(db) == before


def _rejections(report) -> dict[int, str]:
    return {p.line: p.reason for p in report.rejected}


def test_card_over_the_size_limit_is_rejected_with_its_line(db, tmp_path):
    set_setting("max_card_kb", 8)
    path = tmp_path / "cards.vcf"
    path.write_text(
        GOOD
        + _card("Long Note", "NOTE:" + "word " * 4000 + "\r\n")
        + GOOD.replace("Hélène Dupont", "Marc Berg").replace("helene", "marc"),
        encoding="utf-8",
    )
    report = import_file(path)
    assert list(_rejections(report)) == [6]
    assert "8 KB" in report.rejected[0].reason
    assert sorted(c.display_name for c in Contact.select()) == ["Hélène Dupont", "Marc Berg"]


def test_photo_over_the_limit_is_refused_with_its_line(db, tmp_path):
    set_setting("max_photo_mb", 1)
    photo = base64.b64encode(os.urandom(1_300_000)).decode()
    path = tmp_path / "photo.vcf"
    path.write_text(
        _card("Big Photo", f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\n") + GOOD, encoding="utf-8"
    )
    report = import_file(path)
    problems = report.rejected + report.skipped_lines
    assert [p.line for p in problems] == [4]
    assert "1 MB" in problems[0].reason
    names = sorted(c.display_name for c in Contact.select())
    assert "Hélène Dupont" in names
    if "Big Photo" in names:  # kept without its photo
        assert Contact.get(Contact.display_name == "Big Photo").photo is None


def test_card_with_too_many_properties_is_rejected_with_its_line(db, tmp_path):
    set_setting("max_properties_per_card", 50)
    emails = "".join(f"EMAIL:p{n}@example.org\r\n" for n in range(60))
    path = tmp_path / "many.vcf"
    path.write_text(GOOD + _card("Many", emails), encoding="utf-8")
    report = import_file(path)
    assert list(_rejections(report)) == [6]
    assert "50" in report.rejected[0].reason
    assert [c.display_name for c in Contact.select()] == ["Hélène Dupont"]


@pytest.mark.parametrize(
    "setting, value, body, words",
    [
        (
            "max_properties_per_card",
            50,
            "".join(f"ATTENDEE:mailto:p{n}@example.org\r\n" for n in range(60)),
            ["50 lines"],
        ),
        ("max_card_kb", 8, "DESCRIPTION:" + "word " * 4000 + "\r\n", ["8 KB"]),
    ],
)
def test_event_over_a_limit_is_rejected_with_its_line(db, tmp_path, setting, value, body, words):
    Contact.create(display_name="Hélène Dupont")
    from entregent.model.tables import ContactMethod

    ContactMethod.create(
        contact=Contact.get(),
        kind="email",
        value="helene@example.fr",
        normalized="helene@example.fr",
    )
    set_setting(setting, value)
    path = tmp_path / "calendar.ics"
    path.write_text(_calendar(_event("fine"), _event("too-large", body)), encoding="utf-8")
    report = import_file(path)
    assert len(report.rejected) == 1
    assert report.rejected[0].line == 11  # its BEGIN:VEVENT
    assert all(word in report.rejected[0].reason for word in words)
    assert Interaction.select().count() == 1
