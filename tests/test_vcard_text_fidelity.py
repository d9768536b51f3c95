"""Issue 17, text and encodings: phone exports read exactly as the phone meant them.

Fixtures: tests/data/vcard/ (make_fixtures.py writes their bytes). Each test asserts
the exact stored values, then the exact values after export and a fresh import.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from entregent.io.text_decoding import decode_content_lines, decode_declared, guess_encoding
from entregent.model.database import database
from entregent.model.tables import Contact, ContactMethod, SourceCard
from entregent.services.exports.vcard_export import export_contacts
from entregent.services.imports.dispatch import import_file

DATA = Path(__file__).parent / "data" / "vcard"


def _people() -> dict[str, Contact]:
    return {c.display_name: c for c in Contact.select().order_by(Contact.id)}


def _names() -> list[tuple[str, str, str]]:
    return [
        (c.family_name, c.given_name, c.display_name) for c in Contact.select().order_by(Contact.id)
    ]


def _reimport(tmp_path, version="3.0"):
    """Export everyone, empty the address book, import the export; the report."""
    out = tmp_path / f"export-{version}.vcf"
    export_contacts(out, vcard_version=version)
    database.execute_sql("DELETE FROM source_card")
    database.execute_sql("DELETE FROM contact")
    report = import_file(out)
    assert not report.rejected and not report.skipped_lines, report.as_json()
    return report


CHARSET_NAMES = [
    ("山田", "太郎", "太郎 山田"),
    ("鈴木", "花子", "花子 鈴木"),
    ("佐藤", "健", "健 佐藤"),
    ("王", "小明", "小明 王"),
    ("李", "娜", "娜 李"),
    ("陳", "大文", "大文 陳"),
    ("김", "철수", "철수 김"),
    ("Kowalski", "Łukasz", "Łukasz Kowalski"),
    ("Dupont", "Zoé", "Zoé Dupont"),
    ("Иванов", "Пётр", "Пётр Иванов"),
    ("Dvořák", "Antonín", "Antonín Dvořák"),
    ("Müller", "Jürgen", "Jürgen Müller"),
]


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_each_property_is_decoded_with_its_declared_charset(db, tmp_path, version):
    report = import_file(DATA / "charsets-21.vcf")
    assert (report.new, report.rejected, report.skipped_lines) == (12, [], [])
    assert _names() == CHARSET_NAMES
    _reimport(tmp_path, version)
    assert sorted(_names()) == sorted(CHARSET_NAMES)


def test_utf8_and_shift_jis_in_one_file_both_come_out_right(db, tmp_path):
    report = import_file(DATA / "mixed-charsets.vcf")
    assert (report.new, report.rejected, report.skipped_lines) == (2, [], [])
    expected = [
        ("Lefèvre", "Hélène", "Hélène Lefèvre", "ﾃｽﾄ 表示", "ソニー"),
        ("高橋", "ｱｷﾗ", "ｱｷﾗ 高橋", "", ""),
    ]
    got = [
        (c.family_name, c.given_name, c.display_name, c.note, c.org)
        for c in Contact.select().order_by(Contact.id)
    ]
    assert got == expected
    # the stored card is text, read back with the same values
    assert "ﾃｽﾄ 表示" in SourceCard.select().order_by(SourceCard.id).first().text
    _reimport(tmp_path)
    got = [
        (c.family_name, c.given_name, c.display_name, c.note, c.org)
        for c in Contact.select().order_by(Contact.id)
    ]
    assert sorted(got) == sorted(expected)


def test_shift_jis_second_byte_0x5c_is_never_an_escape(db, tmp_path):
    report = import_file(DATA / "sjis-backslash.vcf")
    assert (report.new, report.rejected) == (2, [])
    first, second = Contact.select().order_by(Contact.id)
    assert (first.family_name, first.given_name, first.display_name) == ("表", "十能", "十能 表")
    assert first.org == "ソ, 能"
    assert (second.family_name, second.given_name) == ("表", "ソ")
    _reimport(tmp_path)
    second, first = Contact.select().order_by(Contact.display_name)
    assert (first.family_name, first.given_name, first.display_name) == ("表", "十能", "十能 表")
    assert (second.family_name, second.given_name) == ("表", "ソ")


def test_escapes_follow_the_version(db, tmp_path):
    report = import_file(DATA / "escapes.vcf")
    assert (report.new, report.rejected, report.skipped_lines) == (3, [], [])
    v21, v30, eol = Contact.select().order_by(Contact.id)
    # 2.1: structured values unescape; a single value keeps its backslashes; \n is text
    assert (v21.family_name, v21.given_name) == ("O;Brien", "Se\\an")
    assert v21.display_name == "C:\\Temp\\new Sean"
    assert v21.note == "first\\nsecond"
    assert v21.org == "Smith; Sons, Sales"
    # 3.0: escapes everywhere
    assert (v30.family_name, v30.given_name, v30.display_name) == (
        "Smith",
        "John, Jr",
        "John Smith, Jr",
    )
    assert v30.note == "one\ntwo\nthree; four\\five"
    # a 2.1 value ending in a backslash: the next property is a property of its own
    assert eol.note == "ends with a backslash\\"
    [adr] = ContactMethod.select().where(ContactMethod.contact == eol)
    assert adr.value == "1 rue Haute\n35000 Rennes\nFrance"
    _reimport(tmp_path)
    v21, v30, eol = (Contact.get(Contact.given_name == g) for g in ("Se\\an", "John, Jr", "Paul"))
    assert (v21.family_name, v21.given_name, v21.display_name, v21.note) == (
        "O;Brien",
        "Se\\an",
        "C:\\Temp\\new Sean",
        "first\\nsecond",
    )
    assert v30.note == "one\ntwo\nthree; four\\five"
    assert eol.note == "ends with a backslash\\"


def test_quoted_printable_soft_break_keeps_the_space_and_the_charset(db, tmp_path):
    import_file(DATA / "quoted-printable.vcf")
    contact = Contact.get()
    assert contact.note == "Please come to the party\non Saturday"
    assert contact.title == "営業部長"
    _reimport(tmp_path)
    contact = Contact.get()
    assert (contact.note, contact.title) == ("Please come to the party\non Saturday", "営業部長")


@pytest.mark.parametrize("ending", ["crlf", "lf", "cr", "crcrlf"])
def test_line_endings_unfold_alike_and_a_folded_photo_decodes_whole(db, ending):
    report = import_file(DATA / f"endings-{ending}.vcf")
    assert (report.new, report.rejected, report.skipped_lines) == (1, [], [])
    contact = Contact.get()
    assert contact.display_name == "Ending"
    assert bytes(contact.photo).startswith(b"\x89PNG") and bytes(contact.photo).endswith(
        b"IEND\xaeB`\x82"
    )
    [tel] = ContactMethod.select()
    assert (tel.value, tel.label) == ("+33 6 12 34 56 78", "cell")


def test_incomplete_photos_are_reported_with_their_line_and_not_stored(db):
    report = import_file(DATA / "broken-photos.vcf")
    assert report.new == 4 and not report.rejected
    people = _people()
    assert [people[n].photo for n in ("NoEoi", "NoIend", "Half")] == [None, None, None]
    assert bytes(people["Whole"].photo).startswith(b"\xff\xd8")
    text = (DATA / "broken-photos.vcf").read_text()
    photo_lines = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("PHOTO")]
    reasons = [(p.line, p.reason) for p in report.skipped_lines]
    assert [line for line, _r in reasons] == photo_lines[:3]
    assert all("incomplete" in r for _l, r in reasons)


def test_unknown_version_is_read_best_effort_and_said_once(db):
    report = import_file(DATA / "unknown-version.vcf")
    assert report.new == 1
    assert [(p.line, p.reason) for p in report.skipped_lines] == [
        (2, "VERSION:5.0 is not 2.1, 3.0 or 4.0; the card was read as best we could.")
    ]
    contact = Contact.get()
    assert (contact.display_name, contact.family_name) == ("Fay Future", "Future")


def test_decoder_module_for_other_readers():
    # declared charset is the truth; a failed declaration falls back to UTF-8
    assert decode_declared("表".encode("cp932"), "Shift_JIS") == "表"
    assert decode_declared(b"\xff\xfe", "UTF-8") == "ÿþ"  # not UTF-8: Windows-1252
    assert decode_declared(b"\xe9t\xe9", "ISO-8859-1") == "été"
    assert guess_encoding([b"plain", "été".encode()]) is None
    assert guess_encoding(["Hélène Lefèvre".encode("cp1252")]) == "cp1252"
    text, encoding = decode_content_lines(
        b"SUMMARY;CHARSET=SHIFT_JIS:" + "会議".encode("cp932") + b"\r\nDESCRIPTION:caf\xc3\xa9\r\n"
    )
    assert (text, encoding) == ("SUMMARY;CHARSET=SHIFT_JIS:会議\r\nDESCRIPTION:café\r\n", "utf-8")
    # an ISO-2022-JP value folded over two lines decodes as one piece
    raw = "佐藤健".encode("iso2022_jp")
    folded = b"FN;CHARSET=ISO-2022-JP:" + raw[:5] + b"\r\n " + raw[5:] + b"\r\n"
    text, _e = decode_content_lines(folded)
    assert text == "FN;CHARSET=ISO-2022-JP:佐藤健\r\n \r\n"
