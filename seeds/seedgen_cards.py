"""Writing the demo people as vCards the way real phones export them.

- 2.1 as an old Android phone writes it: QUOTED-PRINTABLE with CHARSET for
  anything beyond ASCII (a few as ISO-8859-1, like older Nokias), national
  phone numbers, no UID, a base64 PHOTO ending with a blank line.
- 3.0 as an iPhone writes it: PRODID, ``type=`` parameters, itemN groups with
  X-ABLabel custom labels and X-ABADR, BDAY with X-APPLE-OMIT-YEAR when the
  year is unknown, folded lines.
- 4.0 as a CardDAV server (Nextcloud) writes it: UID urn:uuid, VALUE=uri tel:
  numbers, data: URI photos, REV.
"""

from __future__ import annotations

import base64
import random
import uuid

from seedgen_images import jpeg_avatar, png_avatar
from seedgen_people import Person

CRLF = "\r\n"
PALETTE = [(231, 76, 60), (46, 134, 193), (39, 174, 96), (243, 156, 18), (142, 68, 173),
           (22, 160, 133), (211, 84, 0), (127, 140, 141), (236, 240, 241), (52, 73, 94)]


def photo_bytes(person: Person, rng: random.Random) -> tuple[str, bytes]:
    if person.photo == "jpeg":
        return "JPEG", jpeg_avatar([rng.choice(PALETTE) for _ in range(4)])
    background, disc = rng.sample(PALETTE, 2)
    return "PNG", png_avatar(background, disc)


def fold(line: str, width: int = 75) -> str:
    """Fold a content line at ``width`` octets, never inside a UTF-8 sequence."""
    out, current, size = [], "", 0
    for char in line:
        n = len(char.encode("utf-8"))
        if size + n > width:
            out.append(current)
            current, size = " ", 1
        current += char
        size += n
    out.append(current)
    return CRLF.join(out)


def escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\n", "\\n"))


def national(phone: str) -> str:
    """+33639981007 -> 06 39 98 10 07 (what an old French phone stored)."""
    if phone.startswith("+33"):
        digits = "0" + phone[3:]
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    return phone


def spaced(phone: str) -> str:
    """+33639981007 -> +33 6 39 98 10 07; +447700900101 -> +44 7700 900101."""
    if phone.startswith("+33"):
        rest = phone[3:]
        return "+33 " + rest[0] + " " + " ".join(rest[i:i + 2] for i in range(1, 9, 2))
    if phone.startswith("+44"):
        return f"+44 {phone[3:7]} {phone[7:]}"
    return phone


# ---------------------------------------------------------------- vCard 2.1

def _qp_tokens(text: str, charset: str) -> list[str]:
    """One QP token per character (a character's bytes stay together)."""
    tokens = []
    for char in text:
        if " " <= char <= "~" and char != "=":
            tokens.append(char)
        else:
            tokens.append("".join(f"={byte:02X}" for byte in char.encode(charset)))
    return tokens


def _soft_wrap(head: str, tokens: list[str]) -> str:
    """QP soft line breaks ('=' at the end) keep lines within 76 characters; like
    phones do, a break never falls inside one character's bytes."""
    lines, current = [], head
    for token in tokens:
        if len(current) + len(token) > 75:
            lines.append(current + "=")
            current = ""
        current += token
    lines.append(current)
    return CRLF.join(lines)


def _prop21(name: str, values: list[str] | str, charset: str = "UTF-8") -> str:
    parts = [values] if isinstance(values, str) else values
    joined = ";".join(parts)
    if all(ord(c) < 127 for c in joined) and "\n" not in joined:
        return f"{name}:{joined}"
    tokens: list[str] = []
    for index, part in enumerate(parts):
        if index:
            tokens.append(";")
        tokens += _qp_tokens(part, charset)
    return _soft_wrap(f"{name};CHARSET={charset};ENCODING=QUOTED-PRINTABLE:", tokens)


def card21(person: Person, rng: random.Random) -> str:
    charset = "ISO-8859-1" if person.family in ("Lefèvre",) or rng.random() < 0.08 else "UTF-8"
    try:
        person.name.encode(charset)
    except UnicodeEncodeError:
        charset = "UTF-8"
    lines = ["BEGIN:VCARD", "VERSION:2.1",
             _prop21("N", [person.family, person.given, "", "", ""], charset),
             _prop21("FN", person.name, charset)]
    labels = {"cell": "CELL", "home": "HOME", "work": "WORK;VOICE"}
    for index, (label, phone) in enumerate(person.phones):
        pref = ";PREF" if index == 0 and len(person.phones) > 1 else ""
        lines.append(f"TEL;{labels.get(label, 'VOICE')}{pref}:{national(phone)}")
    for label, address in person.emails:
        lines.append(f"EMAIL;{'WORK' if label == 'work' else 'HOME'}:{address}")
    if person.address:
        street, city, postcode = person.address
        lines.append(_prop21("ADR;HOME", ["", "", street, city, "", postcode, "France"],
                             charset))
    if person.org:
        lines.append(_prop21("ORG", person.org, charset))
    if person.title:
        lines.append(_prop21("TITLE", person.title, charset))
    if person.birthday and not person.birthday.startswith("--"):
        lines.append(f"BDAY:{person.birthday}")
    if person.note:
        lines.append(_prop21("NOTE", person.note, charset))
    if person.categories:
        lines.append(_prop21("CATEGORIES", ",".join(person.categories), charset))
    if person.photo:
        kind, data = photo_bytes(person, rng)
        encoded = base64.b64encode(data).decode("ascii")
        lines.append(f"PHOTO;ENCODING=BASE64;{kind}:")
        lines += [" " + encoded[i:i + 72] for i in range(0, len(encoded), 72)]
        lines.append("")
    lines.append("END:VCARD")
    return CRLF.join(lines) + CRLF


# ---------------------------------------------------------------- vCard 3.0 (iPhone)

def card30(person: Person, rng: random.Random) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 18.1//EN",
             f"N:{escape(person.family)};{escape(person.given)};;;", f"FN:{escape(person.name)}"]
    item = 0
    if person.nickname:
        lines.append(f"NICKNAME:{escape(person.nickname)}")
    if person.org:
        lines.append(f"ORG:{escape(person.org)};")
    if person.title:
        lines.append(f"TITLE:{escape(person.title)}")
    for index, (label, address) in enumerate(person.emails):
        pref = ";type=pref" if index == 0 else ""
        lines.append(f"EMAIL;type=INTERNET;type={label.upper()}{pref}:{address}")
    for index, (label, phone) in enumerate(person.phones):
        pref = ";type=pref" if index == 0 else ""
        if label == "home" and rng.random() < 0.4:
            item += 1
            lines.append(f"item{item}.TEL:{spaced(phone)}")
            lines.append(f"item{item}.X-ABLabel:{rng.choice(['Maison', 'Fixe', 'landline'])}")
            continue
        kind = {"cell": "CELL;type=VOICE", "home": "HOME;type=VOICE", "work": "WORK;type=VOICE"}
        lines.append(f"TEL;type={kind.get(label, 'VOICE')}{pref}:{spaced(phone)}")
    if person.address:
        street, city, postcode = person.address
        item += 1
        lines.append(f"item{item}.ADR;type=HOME;type=pref:;;{escape(street)};{escape(city)};;"
                     f"{postcode};France")
        lines.append(f"item{item}.X-ABADR:fr")
    if person.groups and rng.random() < 0.15:
        item += 1
        lines.append(f"item{item}.URL;type=pref:https://www.linkedin.example/in/"
                     f"{person.given.lower()[:1]}{len(person.family)}{rng.randint(100, 999)}")
        lines.append(f"item{item}.X-ABLabel:_$!<HomePage>!$_")
    if person.note:
        lines.append(f"NOTE:{escape(person.note)}")
    if person.birthday:
        if person.birthday.startswith("--"):
            lines.append(f"BDAY;X-APPLE-OMIT-YEAR=1604;VALUE=date:1604-{person.birthday[2:]}")
        else:
            lines.append(f"BDAY;VALUE=date:{person.birthday}")
    if person.categories:
        lines.append("CATEGORIES:" + ",".join(escape(c) for c in person.categories))
    if person.photo:
        kind, data = photo_bytes(person, rng)
        lines.append(f"PHOTO;ENCODING=b;TYPE={kind}:" + base64.b64encode(data).decode("ascii"))
    lines.append("END:VCARD")
    return CRLF.join(fold(line) for line in lines) + CRLF


# ---------------------------------------------------------------- vCard 4.0 (CardDAV)

def card40(person: Person, rng: random.Random) -> str:
    uid = uuid.UUID(int=rng.getrandbits(128), version=4)
    lines = ["BEGIN:VCARD", "VERSION:4.0", "PRODID:-//Sabre//Sabre VObject 4.5.6//EN",
             f"UID:urn:uuid:{uid}", f"FN:{escape(person.name)}",
             f"N:{escape(person.family)};{escape(person.given)};;;", "KIND:individual"]
    if person.nickname:
        lines.append(f"NICKNAME:{escape(person.nickname)}")
    if person.org:
        lines.append(f"ORG:{escape(person.org)}")
    if person.title:
        lines.append(f"TITLE:{escape(person.title)}")
    for index, (label, address) in enumerate(person.emails):
        pref = ";PREF=1" if index == 0 and len(person.emails) > 1 else ""
        lines.append(f"EMAIL;TYPE={label}{pref}:{address}")
    for label, phone in person.phones:
        types = {"cell": '"cell,voice"', "home": "home", "work": '"work,voice"'}[label]
        lines.append(f"TEL;VALUE=uri;TYPE={types}:tel:{spaced(phone).replace(' ', '-')}")
    if person.address:
        street, city, postcode = person.address
        lines.append(f"ADR;TYPE=home:;;{escape(street)};{escape(city)};;{postcode};France")
    if person.note:
        lines.append(f"NOTE:{escape(person.note)}")
    if person.birthday:
        lines.append("BDAY:" + (person.birthday.replace("-", "") if person.birthday[0] != "-"
                                else "--" + person.birthday[2:].replace("-", "")))
    if person.categories:
        lines.append("CATEGORIES:" + ",".join(escape(c) for c in person.categories))
    if person.photo:
        kind, data = photo_bytes(person, rng)
        lines.append(f"PHOTO:data:image/{kind.lower()};base64,"
                     + base64.b64encode(data).decode("ascii"))
    lines.append(f"REV:2026{rng.randint(1, 10):02d}{rng.randint(1, 28):02d}T"
                 f"{rng.randint(7, 21):02d}{rng.randint(0, 59):02d}00Z")
    lines.append("END:VCARD")
    return CRLF.join(fold(line) for line in lines) + CRLF


WRITERS = {"2.1": card21, "3.0": card30, "4.0": card40}
