"""What real phone exports get wrong, each repaired: encodings, 2.1 quirks, wrappers."""

from __future__ import annotations

import base64

import pytest

from entregent.errors import UserError
from entregent.io.vcard_split import decode_bytes, split_cards
from entregent.model.tables import Contact, ContactContext, ContactMethod, Context, ImportBatch
from entregent.services.imports.dispatch import import_file
from entregent.services.settings import set_setting

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lefèvre;Hélène;;;\r\nFN:Hélène Lefèvre\r\n"
    "TEL;TYPE=CELL:06 12 34 56 78\r\nEND:VCARD\r\n"
)
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8 + b"\xff\xd9"


def _write(tmp_path, data: bytes, name="cards.vcf"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]
)
def test_file_encodings(db, tmp_path, encoding):
    path = _write(tmp_path, CARD.encode(encoding))
    report = import_file(path)
    assert report.new == 1 and not report.rejected and not report.skipped_lines
    contact = Contact.get()
    assert contact.display_name == "Hélène Lefèvre"
    assert contact.family_name == "Lefèvre"


def test_decode_bytes_never_loses_a_byte():
    data = bytes(range(256))
    text, encoding = decode_bytes(data)
    assert text.encode(encoding) == data


def test_lf_and_crlf_give_the_same_person(db, tmp_path):
    set_setting("phone_region", "FR")
    import_file(_write(tmp_path, CARD.replace("\r\n", "\n").encode(), "lf.vcf"))
    report = import_file(_write(tmp_path, CARD.encode(), "crlf.vcf"))
    assert report.new == 1  # another text: a new card, listed as a possible duplicate
    assert [d.shared for d in report.duplicate_candidates] == ["+33612345678"]


def test_quoted_printable_with_latin1_and_shift_jis_charsets(db, tmp_path):
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen;;;\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Caf=E9 cr=E8me, =\r\n"
        "deux lignes=0D=0Aapr=E8s\r\n"
        "TEL;CELL;PREF:+49 170 1234567\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "FN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8ER=93c=91=BE=98Y\r\n"
        "END:VCARD\r\n"
    )
    report = import_file(_write(tmp_path, text.encode("ascii")))
    assert report.new == 2 and not report.rejected
    jurgen = Contact.get(Contact.family_name == "Müller")
    assert jurgen.given_name == "Jürgen"
    assert jurgen.display_name == "Jürgen Müller"
    assert jurgen.note == "Café crème, deux lignes\naprès"
    tel = ContactMethod.get(ContactMethod.contact == jurgen)
    assert (tel.label, tel.pref, tel.normalized) == ("cell", 1, "+491701234567")
    assert Contact.get(Contact.id != jurgen.id).display_name == "山田太郎"


def test_charset_in_a_latin1_file(db, tmp_path):
    text = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:Zoë Noël\r\nEND:VCARD\r\n"
    import_file(_write(tmp_path, text.encode("latin-1")))
    assert Contact.get().display_name == "Zoë Noël"


def test_unindented_base64_photo_without_blank_line(db, tmp_path):
    data = base64.b64encode(JPEG).decode()
    chunks = [data[i : i + 76] for i in range(0, len(data), 76)]
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Photo Person\r\n"
        f"PHOTO;ENCODING=BASE64;TYPE=JPEG:{chunks[0]}\r\n"
        + "".join(c + "\r\n" for c in chunks[1:])
        + "TEL;HOME:01 23 45 67 89\r\nEND:VCARD\r\n"
    )
    report = import_file(_write(tmp_path, text.encode()))
    assert report.new == 1 and not report.skipped_lines
    contact = Contact.get()
    assert bytes(contact.photo) == JPEG
    assert [m.value for m in ContactMethod.select()] == ["01 23 45 67 89"]


def test_photo_over_the_limit_is_left_out_and_said(db, tmp_path):
    set_setting("max_photo_mb", 1)
    big = base64.b64encode(b"\xff\xd8\xff" + b"\x00" * (1024 * 1024 + 10)).decode()
    text = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nPHOTO;ENCODING=b:{big}\r\nEND:VCARD\r\n"
    report = import_file(_write(tmp_path, text.encode()))
    assert report.new == 1
    assert Contact.get().photo is None
    assert [p.line for p in report.skipped_lines] == [4]
    assert "1 MB" in report.skipped_lines[0].reason


def test_stray_lines_agent_and_addressbook_wrapper(db, tmp_path):
    text = (
        "BEGIN:VADDRESSBOOK\r\n"
        "# exported by some tool\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\n"
        "AGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Assistant\r\nTEL:123456789\r\n"
        "END:VCARD\r\n"
        "this line is garbage\r\n"
        "EMAIL;INTERNET:boss@example.org\r\n"
        "END:VCARD\r\n"
        "more garbage\r\n"
        "END:VADDRESSBOOK\r\n"
    )
    report = import_file(_write(tmp_path, text.encode()))
    assert report.new == 1
    assert Contact.get().display_name == "Boss"
    assert [m.value for m in ContactMethod.select()] == ["boss@example.org"]
    assert sorted(p.line for p in report.skipped_lines) == [2, 12, 15]


def test_missing_end_before_next_card(db, tmp_path):
    # issue 17: a card inside an unfinished one is a card of its own; the outer is kept
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nBEGIN:VCARD\nVERSION:3.0\nFN:Fine\nEND:VCARD\n"
    report = import_file(_write(tmp_path, text.encode()))
    assert report.new == 2 and report.rejected == []
    assert [p.line for p in report.skipped_lines] == [4]
    assert sorted(c.display_name for c in Contact.select()) == ["Broken", "Fine"]


def test_lower_case_grouped_properties(db, corpus):
    import_file(corpus / "vcard" / "vobject" / "vcard_with_groups.ics")
    contact = Contact.get()
    assert contact.display_name == "Meister Berger"
    assert contact.birthday == "1963-09-21"
    assert [m.normalized for m in ContactMethod.select().where(ContactMethod.kind == "tel")] == [
        "+493581123456"
    ]


def test_a_card_with_too_many_properties_is_rejected_alone(db, tmp_path):
    set_setting("max_properties_per_card", 50)
    many = "".join(f"EMAIL:p{n}@example.org\r\n" for n in range(60))
    text = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many\r\n{many}END:VCARD\r\n" + CARD
    report = import_file(_write(tmp_path, text.encode()))
    assert report.new == 1 and [p.line for p in report.rejected] == [1]
    assert "50" in report.rejected[0].reason


def test_apple_group_card_becomes_a_context(db, tmp_path):
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nUID:ana-1\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nUID:bob-2\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Book club\r\nN:Book club;;;;\r\n"
        "X-ADDRESSBOOKSERVER-KIND:group\r\n"
        "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:ana-1\r\n"
        "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:bob-2\r\nEND:VCARD\r\n"
    )
    report = import_file(_write(tmp_path, text.encode()))
    assert report.new == 2  # the group is not a person
    club = Context.get(Context.name == "Book club")
    assert sorted(link.contact.display_name for link in club.contact_links) == ["Ana", "Bob"]


def test_categories_map_to_builtin_contexts_in_english_and_french(db, tmp_path):
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tante Ursule\r\n"
        "CATEGORIES:Famille,Amis,Collègues,Chorale\r\nEND:VCARD\r\n"
    )
    import_file(_write(tmp_path, text.encode()))
    names = sorted(link.context.name for link in ContactContext.select())
    assert names == ["Chorale", "family", "friends", "work"]


def test_apple_omit_year_and_placeholder_years(db, tmp_path):
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-03-02\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:B\r\nBDAY:1900-12-25\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:C\r\nBDAY:--0704\r\nEND:VCARD\r\n"
    )
    import_file(_write(tmp_path, text.encode()))
    assert {c.display_name: c.birthday for c in Contact.select()} == {
        "A": "--03-02",
        "B": "--12-25",
        "C": "--07-04",
    }


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(256)) * 64,
        b"just some text\nno cards\n",
    ],
)
def test_not_a_vcard_is_refused_and_nothing_stored(db, tmp_path, content):
    with pytest.raises(UserError) as caught:
        import_file(_write(tmp_path, content, "thing.vcf"))
    assert "thing.vcf" in str(caught.value)
    assert ImportBatch.select().count() == 0 and Contact.select().count() == 0


def test_split_reports_lines():
    result = split_cards("junk\nBEGIN:VCARD\nFN:a\nEND:VCARD\n\nBEGIN:VCARD\nFN:b\n")
    assert [c.line for c in result.cards] == [2]
    assert [line for line, _reason in result.skipped] == [1]
    assert [line for line, _reason in result.rejected] == [6]


def test_mixed_encodings_and_binary_garbage_between_cards(db, tmp_path):
    data = (
        CARD.encode("utf-8")
        + "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Françoise Noël\r\nEND:VCARD\r\n".encode("cp1252")
        + bytes(range(256)) * 4
        + b"\r\n"
        + CARD.replace("Hélène", "Inès").encode("utf-8")
    )
    report = import_file(_write(tmp_path, data))
    assert report.new == 3 and not report.rejected
    assert sorted(c.display_name for c in Contact.select()) == [
        "Françoise Noël",
        "Hélène Lefèvre",
        "Inès Lefèvre",
    ]
    assert report.skipped_lines  # the garbage is said, with its line


def test_an_empty_card_is_rejected_with_its_line(db, tmp_path):
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n" + CARD
    report = import_file(_write(tmp_path, text.encode()))
    assert report.new == 1 and [p.line for p in report.rejected] == [1]
