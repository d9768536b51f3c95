"""Writing people as vCard 3.0 or 4.0 text, with their contexts as CATEGORIES.

Values are escaped and lines folded at 75 octets (never inside a UTF-8
sequence). The unknown ``X-`` properties of the card a person was imported
from are given back as they were read (``extra_lines``: unfolded content lines
from ``vcard_lines``), so nothing another app put there is lost.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field

from entregent.io.vcard_person import DatedEvent, Method, PersonFields, Position
from entregent.io.vcard_phonetic import name_sort_as, phonetic_lines
from entregent.io.vcard_photo import image_type

__all__ = ["ExportMethod", "ExportCard", "card_text", "fold_line"]


ExportMethod = Method  # the name the export service knows it by


@dataclass(kw_only=True)
class ExportCard(PersonFields):
    uid: str
    rev: str | None = None
    extra_lines: list[str] = field(default_factory=list)


_STANDARD_TYPES = {
    "tel": {
        "cell",
        "home",
        "work",
        "fax",
        "pager",
        "voice",
        "text",
        "video",
        "textphone",
        "main",
        "iphone",
        "other",
        "car",
        "isdn",
        "msg",
        "bbs",
        "modem",
        "callback",
        "pcs",
    },
    "email": {"home", "work", "internet", "other"},
    "adr": {"home", "work", "postal", "parcel", "dom", "intl", "other"},
    "url": {"home", "work"},
    "impp": {"home", "work", "personal", "business", "mobile"},
}
_PROPERTY = {"tel": "TEL", "email": "EMAIL", "adr": "ADR", "url": "URL", "impp": "IMPP"}


def escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str) -> str:
    """One content line folded at 75 octets, CRLF-terminated."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"


def _param_value(text: str) -> str:
    cleaned = text.replace('"', "'").replace("\r", " ").replace("\n", " ")
    if any(c in cleaned for c in ",;:"):
        return f'"{cleaned}"'
    return cleaned


def _date(value: str, version: str) -> tuple[str, str]:
    """(parameters, value) of a date; a date without a year as each version can say it."""
    if value.startswith("--"):
        month_day = value[2:].replace("-", "")
        if version == "4.0":
            return "", f"--{month_day}"
        return ";X-APPLE-OMIT-YEAR=1604", f"1604-{month_day[:2]}-{month_day[2:]}"
    return ("", value.replace("-", "")) if version == "4.0" else ("", value)


def _method_lines(method: ExportMethod, group: str, version: str) -> list[str]:
    name = _PROPERTY.get(method.kind)
    if name is None:
        return []
    labels = [t.strip() for t in method.label.split(",") if t.strip()]
    types = [t for t in labels if t.lower() in _STANDARD_TYPES.get(method.kind, set())]
    custom = [t for t in labels if t.lower() not in _STANDARD_TYPES.get(method.kind, set())]
    params = ""
    if method.kind == "impp" and custom:
        params += f";X-SERVICE-TYPE={_param_value(custom[0])}"
        custom = []
    if method.written_types:
        params += f";TYPE={method.written_types}"
    elif types:
        params += ";TYPE=" + ",".join(
            _param_value(t.lower() if version == "4.0" else t.upper()) for t in types
        )
    if method.pref and "pref" not in method.written_types.lower():
        params += ";PREF=1" if version == "4.0" else ";TYPE=pref"
    if method.kind == "adr":
        value = _adr_value(method)
    else:
        value = (
            escape(method.value)
            if method.kind not in ("url", "impp")
            else method.value.replace("\\", "\\\\").replace("\n", "\\n")
        )
    if custom:
        return [f"{group}.{name}{params}:{value}", f"{group}.X-ABLabel:{escape(custom[0])}"]
    return [f"{name}{params}:{value}"]


def _adr_value(method: ExportMethod) -> str:
    try:
        parts = json.loads(method.normalized)
        if isinstance(parts, list) and len(parts) == 7:
            return ";".join(escape(str(p)) for p in parts)
    except ValueError:
        pass
    return ";;" + escape(method.value) + ";;;;"


_ANDROID_EVENT = "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event"


def _event_line(event: DatedEvent) -> str:
    """A dated event as Android writes it (type 2 "other", else 0 with its label),
    which Android reads back in both versions."""
    kind, label = ("2", "") if event.label == "other" else ("0", escape(event.label))
    return f"{_ANDROID_EVENT};{event.date};{kind};{label}" + ";" * 12


def _position_lines(positions: list[Position], org_params: str) -> list[str]:
    """ORG (its units as components), TITLE and ROLE per job, in the card's order."""
    lines = []
    for index, job in enumerate(positions):
        if job.org or job.units:
            parts = ";".join(escape(p) for p in (job.org, *job.units))
            lines.append(f"ORG{org_params if index == 0 else ''}:{parts}")
        if job.title:
            lines.append(f"TITLE:{escape(job.title)}")
        if job.role:
            lines.append(f"ROLE:{escape(job.role)}")
    return lines


def _formatted_name(card: ExportCard) -> str:
    """FN is required: the display name, else one made from the names, org or e-mail."""
    if card.display_name.strip():
        return card.display_name
    name = " ".join(
        p
        for p in (
            card.prefix,
            card.given_name,
            card.additional_names,
            card.family_name,
            card.suffix,
        )
        if p.strip()
    )
    if name:
        return name
    if card.org.strip():
        return card.org
    return next((m.value for m in card.methods if m.kind in ("email", "tel")), "")


def card_text(card: ExportCard, version: str = "3.0") -> str:
    """The card as vCard ``version`` text (CRLF line endings, folded)."""
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if version == "3.0":
        lines.append("PRODID:-//Entregent//Entregent//EN")
    lines.append(f"UID:{escape(card.uid)}")
    lines.extend(_name_lines(card, version))
    lines.extend(_work_lines(card, version))
    lines.extend(_date_lines(card, version))
    if card.note:
        lines.append(f"NOTE:{escape(card.note)}")
    lines.extend(f"NOTE:{escape(note)}" for note in card.more_notes)
    lines.extend(_event_line(event) for event in card.events)
    for index, method in enumerate(card.methods, 1):
        lines.extend(_method_lines(method, f"entregent{index}", version))
    if card.categories:
        lines.append("CATEGORIES:" + ",".join(escape(c) for c in card.categories))
    lines.extend(_photo_lines(card, version))
    if card.rev:
        lines.append(f"REV:{card.rev}")
    lines.extend(card.extra_lines)
    lines.append("END:VCARD")
    return "".join(fold_line(line) for line in lines)


def _name_lines(card: ExportCard, version: str) -> list[str]:
    """FN, N (with its 4.0 SORT-AS reading) and NICKNAME."""
    sort_as = name_sort_as(card) if version == "4.0" else ""
    parts = (card.family_name, card.given_name, card.additional_names, card.prefix, card.suffix)
    params = f";SORT-AS={_param_value(sort_as)}" if sort_as else ""
    lines = [f"FN:{escape(_formatted_name(card))}", f"N{params}:" + ";".join(map(escape, parts))]
    if card.nickname:
        lines.append(f"NICKNAME:{escape(card.nickname)}")
    return lines


def _work_lines(card: ExportCard, version: str) -> list[str]:
    """ORG and TITLE (every job when several are kept) and the phonetic names."""
    org_sort = card.phonetic_org if version == "4.0" else ""
    org_params = f";SORT-AS={_param_value(org_sort)}" if org_sort else ""
    lines = []
    if card.positions:
        lines.extend(_position_lines(card.positions, org_params))
    elif card.org:
        lines.append(f"ORG{org_params}:{escape(card.org)}")
    lines.extend(phonetic_lines(card, version, escape))
    if card.title and not card.positions:
        lines.append(f"TITLE:{escape(card.title)}")
    return lines


def _date_lines(card: ExportCard, version: str) -> list[str]:
    lines = []
    if card.birthday:
        params, value = _date(card.birthday, version)
        lines.append(f"BDAY{params}:{value}")
    if card.anniversary:
        params, value = _date(card.anniversary, version)
        name = "ANNIVERSARY" if version == "4.0" else "X-ANNIVERSARY"
        lines.append(f"{name}{params}:{value}")
    return lines


def _photo_lines(card: ExportCard, version: str) -> list[str]:
    if card.photo:
        kind = image_type(card.photo) or "jpeg"
        data = base64.b64encode(card.photo).decode("ascii")
        if version == "4.0":
            return [f"PHOTO:data:image/{kind};base64,{data}"]
        return [f"PHOTO;ENCODING=b;TYPE={kind.upper()}:{data}"]
    if card.photo_url:
        if version == "3.0":
            return [f"PHOTO;VALUE=uri:{card.photo_url}"]
        return [f"PHOTO:{card.photo_url}"]
    return []
