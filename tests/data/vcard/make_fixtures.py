"""Writes the vCard fixtures of this folder (run it to make them again).

Each file is written as bytes, with the charsets the phones use (Python's codecs),
from the vCard 2.1 (versit), RFC 2426 (3.0) and RFC 6350 (4.0) texts and from how
Android's and Apple's exporters write cards. Expected values live in the tests.
"""

from __future__ import annotations

import base64
import io
import quopri
from pathlib import Path

HERE = Path(__file__).parent


def qp(text: str, charset: str) -> str:
    return quopri.encodestring(text.encode(charset), quotetabs=True).decode("ascii")


def image(kind: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 60)).save(out, kind)
    return out.getvalue()


def charsets() -> bytes:
    """One 2.1 card per charset, each declared on its properties (feature phones)."""
    rows = [
        ("SHIFT_JIS", "山田", "太郎"),
        ("EUC-JP", "鈴木", "花子"),
        ("ISO-2022-JP", "佐藤", "健"),
        ("GBK", "王", "小明"),
        ("GB18030", "李", "娜"),
        ("BIG5", "陳", "大文"),
        ("EUC-KR", "김", "철수"),
        ("ISO-8859-2", "Kowalski", "Łukasz"),
        ("ISO-8859-15", "Dupont", "Zoé"),
        ("WINDOWS-1251", "Иванов", "Пётр"),
        ("WINDOWS-1250", "Dvořák", "Antonín"),
        ("UTF-8", "Müller", "Jürgen"),
    ]
    out = b""
    for charset, family, given in rows:
        codec = {"GBK": "gb18030", "BIG5": "big5", "ISO-2022-JP": "iso2022_jp"}.get(
            charset, charset
        )
        out += b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        out += f"N;CHARSET={charset}:".encode() + f"{family};{given};;;".encode(codec) + b"\r\n"
        out += f"FN;CHARSET={charset}:".encode() + f"{given} {family}".encode(codec) + b"\r\n"
        out += b"END:VCARD\r\n"
    return out


def mixed() -> bytes:
    """UTF-8 and Shift_JIS in one card and file; Shift_JIS bytes that look like UTF-8."""
    out = b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    out += b"N;CHARSET=UTF-8:" + "Lefèvre;Hélène;;;".encode() + b"\r\n"
    # half-width katakana: C3 BD C4 is a valid UTF-8 pair plus one byte
    out += b"NOTE;CHARSET=SHIFT_JIS:" + "ﾃｽﾄ 表示".encode("cp932") + b"\r\n"
    out += b"ORG;CHARSET=SHIFT_JIS:" + "ソニー".encode("cp932") + b"\r\n"
    out += b"END:VCARD\r\n"
    out += b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    out += b"N;CHARSET=SHIFT_JIS:" + "高橋;ｱｷﾗ;;;".encode("cp932") + b"\r\n"
    out += b"TEL;CELL:090-1234-5678\r\n"
    out += b"END:VCARD\r\n"
    return out


def backslash_bytes() -> bytes:
    """Shift_JIS characters whose second byte is 0x5C, before a separator."""
    out = b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    out += b"N;CHARSET=SHIFT_JIS:" + "表;十能;;;".encode("cp932") + b"\r\n"
    out += b"FN;CHARSET=SHIFT_JIS:" + "十能 表".encode("cp932") + b"\r\n"
    out += b"ORG;CHARSET=SHIFT_JIS:" + "ソ;能".encode("cp932") + b"\r\n"
    out += b"END:VCARD\r\n"
    out += b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    out += (
        b"N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:"
        + "表;ソ;;;".encode("cp932")
        .replace(b"\\", b"=5C")
        .replace(b"\x95", b"=95")
        .replace(b"\x83", b"=83")
        + b"\r\n"
    )
    out += b"END:VCARD\r\n"
    return out


def escapes() -> bytes:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N:O\\;Brien;Se\\\\an;;;\r\n"
        "FN:C:\\Temp\\new Sean\r\n"
        "NOTE:first\\nsecond\r\n"
        "ORG:Smith\\; Sons;Sales\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        "N:Smith;John\\, Jr;;;\r\n"
        "FN:John Smith\\, Jr\r\n"
        "NOTE:one\\ntwo\\Nthree\\; four\\\\five\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N:Martin;Paul;;;\r\n"
        "NOTE:ends with a backslash\\\r\n"
        "ADR;HOME:;;1 rue Haute;Rennes;;35000;France\r\n"
        "END:VCARD\r\n"
    )
    return text.encode("ascii")


def quoted_printable() -> bytes:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N:Durand;Anne;;;\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Please come=\r\n"
        " to the party=0D=0Aon Saturday\r\n"
        f"TITLE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{qp('営業部長', 'cp932')}\r\n"
        "END:VCARD\r\n"
    )
    return text.encode("ascii")


def _photo_card(ending: str, data: bytes, name: str) -> str:
    b64 = base64.b64encode(data).decode("ascii")
    chunks = [b64[i : i + 60] for i in range(0, len(b64), 60)]
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{name};;;;",
        f"FN:{name}",
        "PHOTO;ENCODING=b;TYPE=PNG:" + chunks[0],
        *[" " + c for c in chunks[1:]],
        "TEL;TYPE=CELL:+33 6 12 34 56 78",
        "END:VCARD",
    ]
    return ending.join(lines) + ending


def line_endings() -> dict[str, bytes]:
    png = image("PNG")
    return {
        f"endings-{label}.vcf": _photo_card(ending, png, "Ending").encode("ascii")
        for label, ending in (("crlf", "\r\n"), ("lf", "\n"), ("cr", "\r"), ("crcrlf", "\r\r\n"))
    }


def broken_photos() -> bytes:
    jpeg, png = image("JPEG"), image("PNG")
    out = ""
    out += _photo_card("\r\n", jpeg[:-2], "NoEoi")  # JPEG without its end marker
    out += _photo_card("\r\n", png[: png.rindex(b"IEND") - 4], "NoIend")  # PNG without IEND
    out += _photo_card("\r\n", png[: len(png) // 2], "Half")  # stops short
    out += _photo_card("\r\n", jpeg, "Whole")
    return out.encode("ascii")


def unknown_version() -> bytes:
    return (
        "BEGIN:VCARD\r\nVERSION:5.0\r\nN:Future;Fay;;;\r\nFN:Fay Future\r\n"
        "EMAIL:fay@example.org\r\nEND:VCARD\r\n"
    ).encode("ascii")


def kept_fields() -> bytes:
    """Android 2.1 and Apple 3.0 cards with fields we keep without editing them."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N:Tanaka;Yui;;;\r\n"
        "FN:Yui Tanaka\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Yuichan;1;;;;;;;;;;;;;\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2012-05-19;1;;;;;;;;;;;;;\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2019-09-01;0;Dojo;;;;;;;;;;;;\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Ken Tanaka;14;;;;;;;;;;;;;\r\n"
        "TEL;CELL:+81 90 1234 5678\r\n"
        "TEL:sip:yui@sip.example.jp\r\n"
        "X-SIP:yui.work@sip.example.jp\r\n"
        "GEO:35.6895;139.6917\r\n"
        "CLASS:PRIVATE\r\n"
        "ROLE:Team lead\r\n"
        "LABEL;HOME;ENCODING=QUOTED-PRINTABLE:1-1 Chiyoda=0D=0ATokyo\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        "N:Appleseed;Jane;;;\r\n"
        "FN:Jane Appleseed\r\n"
        "IMPP;X-SERVICE-TYPE=SIP:sip:jane@voip.example.com\r\n"
        "item1.X-ABRELATEDNAMES:John Appleseed\r\n"
        "item1.X-ABLabel:_$!<Spouse>!$_\r\n"
        "RELATED;TYPE=friend:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\r\n"
        "X-FUTURE-THING;X-P=1:kept as written\r\n"
        "SOURCE:https://example.com/jane.vcf\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Mika;1;;;;;;;;;;;;;\r\n"
        "END:VCARD\r\n"
    )
    return text.encode("ascii")


def tel_labels() -> bytes:
    """Every TEL type of 2.1 and 3.0, PREF, and labels the user typed (Apple items)."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Labels;Lea;;;\r\n"
        "TEL;CELL;PREF:+33 6 00 00 00 01\r\n"
        "TEL;HOME:+33 1 00 00 00 02\r\n"
        "TEL;WORK:+33 1 00 00 00 03\r\n"
        "TEL;FAX;HOME:+33 1 00 00 00 04\r\n"
        "TEL;FAX;WORK:+33 1 00 00 00 05\r\n"
        "TEL;PAGER:+33 6 00 00 00 06\r\n"
        "TEL;VIDEO:+33 6 00 00 00 07\r\n"
        "TEL;CAR:+33 6 00 00 00 08\r\n"
        "TEL;ISDN:+33 1 00 00 00 09\r\n"
        "TEL;MSG:+33 6 00 00 00 10\r\n"
        "TEL;BBS:+33 1 00 00 00 11\r\n"
        "TEL;MODEM:+33 1 00 00 00 12\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Labels;Leo;;;\r\nFN:Leo Labels\r\n"
        "TEL;TYPE=MAIN:+33 1 00 00 00 13\r\n"
        "TEL;TYPE=CALLBACK:+33 1 00 00 00 14\r\n"
        "TEL;TYPE=OTHER:+33 1 00 00 00 15\r\n"
        "item1.TEL:+33 1 00 00 00 16\r\n"
        "item1.X-ABLabel:Assistant\r\n"
        "item2.TEL:+33 2 00 00 00 17\r\n"
        "item2.X-ABLabel:Maison de Bretagne\r\n"
        "item3.TEL:+33 6 00 00 00 18\r\n"
        "item3.X-ABLabel:_$!<Mobile>!$_\r\n"
        "END:VCARD\r\n"
    )
    return text.encode("ascii")


def nested() -> bytes:
    """A card inside an unfinished card (no AGENT), then a 2.1 AGENT card that stays."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Outer;Olga;;;\r\nTEL;CELL:+33612345678\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Inner;Ivan;;;\r\nEMAIL:ivan@example.org\r\n"
        "END:VCARD\r\n"
        "EMAIL:olga@example.org\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Unended;Una;;;\r\nEMAIL:una@example.org\r\n"
        "AGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Assistant Agent\r\nEND:VCARD\r\n"
        "END:VCARD\r\n"
    )
    return text.encode("ascii")


def phonetic() -> bytes:
    """Readings in every dialect: Apple 3.0 X-PHONETIC-*, Android 2.1 (UTF-8
    quoted-printable X-PHONETIC-*, and the Japanese phones' SOUND;X-IRMC-N in
    Shift_JIS half-width katakana, whole in the first component as DoCoMo writes
    it, or one part per component), Android 3.0 SORT-STRING, 4.0 SORT-AS."""
    sjis = "SHIFT_JIS"
    out = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.1//EN\r\n"
        "N:山田;太郎;;;\r\nFN:山田 太郎\r\n"
        "X-PHONETIC-FIRST-NAME:たろう\r\nX-PHONETIC-LAST-NAME:やまだ\r\n"
        "ORG:東芝;\r\nX-PHONETIC-ORG:とうしば\r\n"
        "TEL;type=CELL;type=VOICE;type=pref:090-1111-2222\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kelly;Siobhan;;;\r\nFN:Siobhan Kelly\r\n"
        "X-PHONETIC-FIRST-NAME:Shivawn\r\nEND:VCARD\r\n"
    ).encode()
    utf8 = "CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE"
    out += (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"N;{utf8}:{qp('鈴木;一郎;;;', 'utf-8')}\r\n"
        f"FN;{utf8}:{qp('鈴木 一郎', 'utf-8')}\r\n"
        f"X-PHONETIC-FIRST-NAME;{utf8}:{qp('いちろう', 'utf-8')}\r\n"
        f"X-PHONETIC-MIDDLE-NAME;{utf8}:{qp('ジョン', 'utf-8')}\r\n"
        f"X-PHONETIC-LAST-NAME;{utf8}:{qp('すずき', 'utf-8')}\r\n"
        "TEL;CELL:090-5555-6666\r\nEND:VCARD\r\n"
    ).encode("ascii")
    out += b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    out += f"N;CHARSET={sjis}:".encode() + "佐藤;花子;;;".encode("cp932") + b"\r\n"
    out += f"FN;CHARSET={sjis}:".encode() + "佐藤 花子".encode("cp932") + b"\r\n"
    out += f"SOUND;X-IRMC-N;CHARSET={sjis}:".encode() + "ｻﾄｳ ﾊﾅｺ;;;;".encode("cp932") + b"\r\n"
    out += b"TEL;CELL:09033334444\r\nEND:VCARD\r\n"
    out += b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    out += f"N;CHARSET={sjis}:".encode() + "田中;健;;;".encode("cp932") + b"\r\n"
    out += f"SOUND;X-IRMC-N;CHARSET={sjis}:".encode() + "ﾀﾅｶ;ｹﾝ;;;".encode("cp932") + b"\r\n"
    out += b"TEL;HOME:0312345678\r\nEND:VCARD\r\n"
    out += (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:高橋;美紀;;;\r\nFN:高橋 美紀\r\n"
        "SORT-STRING:たかはし みき\r\nEMAIL;TYPE=INTERNET:miki@example.jp\r\nEND:VCARD\r\n"
        'BEGIN:VCARD\r\nVERSION:4.0\r\nN;SORT-AS="Wang,Xiaoming":王;小明;;;\r\n'
        'FN:王小明\r\nORG;SORT-AS="Beijing Daxue":北京大学\r\n'
        "EMAIL:xm@example.cn\r\nEND:VCARD\r\n"
    ).encode()
    return out


def quoted_types() -> bytes:
    """TYPE as one quoted list (RFC 6350 writes TYPE="voice,home"; some 3.0
    exporters do the same), beside the usual forms."""
    text = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Quinn Quote\r\nN:Quote;Quinn;;;\r\n"
        'TEL;VALUE=uri;PREF=1;TYPE="voice,home":tel:+1-555-555-5555\r\n'
        "TEL;VALUE=uri;TYPE=home:tel:+33-01-23-45-67\r\n"
        'EMAIL;TYPE="work,internet":quinn@example.com\r\n'
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wanda Work\r\nN:Work;Wanda;;;\r\n"
        'TEL;TYPE="work,voice":+33 1 23 45 67 89\r\n'
        "TEL;TYPE=WORK,VOICE:+33 1 98 76 54 32\r\n"
        "END:VCARD\r\n"
    )
    return text.encode("ascii")


def many_problems() -> bytes:
    """The same problem many times (stray lines a broken exporter left in three
    cards), one of another kind, and a card cut off before its END:VCARD."""
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:One\r\nstray one\r\nstray two\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Two\r\nstray three\r\nstray four\r\n"
        "stray five\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Three\r\nstray six\r\nstray seven\r\n"
        "BDAY:not a date\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\n"
    )
    return text.encode("ascii")


def android_events() -> bytes:
    """Android's event rows (ContactsContract Event: 0 custom with its label, 1
    anniversary, 2 other, 3 birthday) in 3.0, and in 2.1 quoted-printable UTF-8;
    a card with nothing but such rows."""
    row = "vnd.android.cursor.item/contact_event"
    tail = ";" * 12
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Nakamura;Aiko;;;\r\nFN:Aiko Nakamura\r\n"
        "TEL;TYPE=CELL:+81 90 2222 3333\r\n"
        f"X-ANDROID-CUSTOM:{row};2015-04-01;2;{tail}\r\n"
        f"X-ANDROID-CUSTOM:{row};2018-10-20;0;Dojo{tail}\r\n"
        f"X-ANDROID-CUSTOM:{row};--12-24;0;Name day{tail}\r\n"
        f"X-ANDROID-CUSTOM:{row};2010-06-12;1;{tail}\r\n"
        f"X-ANDROID-CUSTOM:{row};1990-03-03;3;{tail}\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lefebvre;Paul;;;\r\n"
        "X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        + qp(f"{row};2020-02-02;0;Équipe de nuit{tail}", "utf-8")
        + "\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nX-ANDROID-CUSTOM:{row};2021-07-14;2;{tail}\r\n"
        "END:VCARD\r\n"
    )
    return text.encode("ascii")


def notes_and_positions() -> bytes:
    """Several NOTE lines; several ORG/TITLE/ROLE (two jobs), paired by rank and,
    Apple's way, by item group; an ORG with its units; a 2.1 quoted-printable note."""
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Chidi;;;\r\nFN:Chidi Okafor\r\n"
        "ORG:Université de Lyon;Département de philosophie;Équipe éthique\r\n"
        "TITLE:Maître de conférences\r\nROLE:Chercheur\r\n"
        "ORG:Café des Arts\r\nTITLE:Bénévole\r\n"
        "NOTE:Met at the conference in 2019.\r\nNOTE:Allergic to peanuts.\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Grant;Ruth;;;\r\nFN:Ruth Grant\r\n"
        "item2.ORG:Foundry Labs;\r\nitem2.TITLE:Advisor\r\n"
        "item1.TITLE:Engineer\r\nitem1.ORG:Acme;R&D\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Sato;Ken;;;\r\nFN:Ken Sato\r\n"
        "ORG:Acme;Sales\r\nTITLE:Manager\r\nEND:VCARD\r\n"
    ).encode()
    text += (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Moreau;Anne;;;\r\n"
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        + qp("Première ligne", "utf-8")
        + "=0D=0A"  # a line break inside the note, as Android encodes it
        + qp("seconde ligne", "utf-8")
        + "\r\nNOTE:Second note\r\nEND:VCARD\r\n"
    ).encode("ascii")
    return text


def main() -> None:
    files = {
        "charsets-21.vcf": charsets(),
        "mixed-charsets.vcf": mixed(),
        "sjis-backslash.vcf": backslash_bytes(),
        "escapes.vcf": escapes(),
        "quoted-printable.vcf": quoted_printable(),
        "broken-photos.vcf": broken_photos(),
        "unknown-version.vcf": unknown_version(),
        "kept-fields.vcf": kept_fields(),
        "tel-labels.vcf": tel_labels(),
        "nested.vcf": nested(),
        "phonetic.vcf": phonetic(),
        "quoted-types.vcf": quoted_types(),
        "many-problems.vcf": many_problems(),
        "android-events.vcf": android_events(),
        "notes-positions.vcf": notes_and_positions(),
        **line_endings(),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
