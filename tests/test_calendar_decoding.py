"""A stray byte costs one character, reported with its line; never the whole file."""

from __future__ import annotations

import shutil
from pathlib import Path

from entregent.io.ics_text import decode_calendar_text
from entregent.model.tables import Contact, ContactMethod, Interaction
from entregent.services.imports.ics_import import import_calendar
from entregent.services.settings import set_setting

DATA = Path(__file__).resolve().parent / "data" / "ics"


def _import(db, tmp_path, name):
    set_setting("calendar_import_days", 36500)
    set_setting("my_emails", ["me@example.net"])
    alice = Contact.create(display_name="Alice Martin")
    ContactMethod.create(
        contact=alice, kind="email", value="alice@example.org", normalized="alice@example.org"
    )
    shutil.copyfile(DATA / name, tmp_path / name)
    return import_calendar(tmp_path / name, batch=None)


def test_one_invalid_byte_replaces_one_character(db, tmp_path):
    report = _import(db, tmp_path, "one_invalid_byte.ics")
    stored = {i.external_key: (i.summary, i.note) for i in Interaction.select()}
    assert stored == {
        "stray-byte@example.com": ("Déjeuner à la brasserie", "Menu du jour: caf\ufffd compris"),
        "clean@example.com": ("Soirée chez Zoë", ""),
    }
    assert [p.as_json() for p in report.replaced] == [
        {"line": 9, "reason": "the byte 0xE9 is not UTF-8; it was replaced by �."}
    ]
    assert report.as_json()["replaced"] == [p.as_json() for p in report.replaced]
    again = import_calendar(tmp_path / "one_invalid_byte.ics", batch=None)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)


def test_a_file_with_no_utf8_at_all_is_read_as_windows_1252(db, tmp_path):
    report = _import(db, tmp_path, "windows_1252_outlook.ics")
    assert [i.summary for i in Interaction.select()] == ["Café – réunion"]
    assert report.replaced == []


def test_decoding_rules():
    assert decode_calendar_text("é".encode("utf-8-sig")) == ("é", [])
    assert decode_calendar_text("BEGIN:X\r\nA:é".encode("utf-16")) == ("BEGIN:X\r\nA:é", [])
    text, problems = decode_calendar_text(b"A:\xc3\xa9\nB:\xff\xfe\n")
    assert text == "A:é\nB:\ufffd\ufffd\n"
    assert [line for line, _reason in problems] == [2, 2]
    # vCalendar 1.0: the charset declared applies.
    text, problems = decode_calendar_text(b"SUMMARY;CHARSET=ISO-8859-1:caf\xe9\n")
    assert (text, problems) == ("SUMMARY;CHARSET=ISO-8859-1:café\n", [])


def test_declared_charsets_use_the_shared_decoder():
    # vCalendar 1.0 (old Nokia/Palm exports): each property in its own CHARSET.
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\n"
        b"SUMMARY;CHARSET=ISO-8859-1:caf\xe9\r\nLOCATION;CHARSET=SHIFT_JIS:\x93\x8c\x8b\x9e\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    text, problems = decode_calendar_text(data)
    assert "SUMMARY;CHARSET=ISO-8859-1:café\r\n" in text
    assert "LOCATION;CHARSET=SHIFT_JIS:東京\r\n" in text
    assert problems == []
