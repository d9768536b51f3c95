"""Exporting people as a vCard file (all, one context's, or chosen ones).

Contexts become CATEGORIES; the unknown ``X-`` properties of each person's
latest imported card come back unchanged. The file is written atomically (a
temporary file beside it, then renamed): a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from entregent.error_words import os_reason
from entregent.errors import Cancelled, NotFound, UserError
from entregent.i18n import _
from entregent.io.vcard_lines import CardLines, card_lines
from entregent.io.vcard_person import DatedEvent, Position
from entregent.io.vcard_phonetic import is_phonetic_prop
from entregent.io.vcard_reader import MAPPED_X, is_dated_event_row
from entregent.io.vcard_relations import is_relation_prop, related_lines
from entregent.io.vcard_writer import ExportCard, ExportMethod, card_text
from entregent.model.card_fields import CARD_FIELDS
from entregent.model.database import database
from entregent.model.text_folding import fold
from entregent.services.people.contexts import context_label

__all__ = ["export_contacts", "contacts_as_vcards"]

_FIELDS = (*CARD_FIELDS, "photo")
_MAPPED = {"TEL", "EMAIL", "ADR", "URL", "IMPP"}


def _context_id(name: str) -> int:
    wanted = fold(name.strip())
    for context_id, context_name, builtin in database.execute_sql(
        "SELECT id, name, builtin FROM context"
    ):
        if wanted in (fold(context_name), fold(context_label(context_name, bool(builtin)))):
            return context_id
    raise NotFound(_("There is no context named “{name}”.").format(name=name))


# Properties the export writes from the stored fields; every other property of the
# card a person was imported from (GEO, LABEL, ROLE, CLASS, relations, Android rows,
# properties we do not know) comes back as read.
_WRITTEN = frozenset(
    {
        "VERSION",
        "PRODID",
        "UID",
        "FN",
        "N",
        "NICKNAME",
        "ORG",
        "TITLE",
        "BDAY",
        "ANNIVERSARY",
        "NOTE",
        "TEL",
        "EMAIL",
        "ADR",
        "URL",
        "IMPP",
        "CATEGORIES",
        "PHOTO",
        "REV",
        "KIND",
        "MEMBER",
        "AGENT",
        "PROFILE",  # PROFILE:VCARD (RFC 2426) is structure, and vobject refuses it twice
    }
)


def _written_types(lines: CardLines) -> dict[tuple[str, str], tuple[str, str]]:
    """(kind, value) → (label, TYPE as written) for the card's properties whose TYPE
    was one quoted list: written back the way it came in while its label is unchanged."""
    found = {}
    for prop in lines.props:
        kind = _KINDS.get(prop.name)
        quoted = prop.quoted_types()
        if kind and quoted:
            label = ",".join(t for t in prop.types() if t != "pref")
            value = prop.text().strip()
            found[(kind, value.removeprefix("tel:") if kind == "tel" else value)] = (label, quoted)
    return found


_KINDS = {"TEL": "tel", "EMAIL": "email", "URL": "url"}


def _load_positions(cards: dict[int, ExportCard], chunk: list[int]) -> None:
    """Each card's jobs, kept only while the first is still the person's org and
    title (an organisation or title edited in the app is written as it is now)."""
    marks = ", ".join("?" * len(chunk))
    found: dict[int, list[Position]] = {}
    for contact_id, org, units, title, role in database.execute_sql(
        "SELECT contact_id, org, units, title, role FROM contact_position "
        f"WHERE contact_id IN ({marks}) ORDER BY contact_id, position, id",
        chunk,
    ):
        found.setdefault(contact_id, []).append(Position(org, json.loads(units), title, role))
    for contact_id, jobs in found.items():
        card = cards[contact_id]
        first = ", ".join(p.strip() for p in (jobs[0].org, *jobs[0].units) if p.strip())
        titles = [j.title for j in jobs if j.title] + [j.role for j in jobs if j.role]
        if first == card.org and (titles[0] if titles else "") == card.title:
            card.positions = jobs


def _extra_lines(lines: CardLines, written: frozenset[str] = frozenset()) -> list[str]:
    """The card's properties that we do not write from fields, as read (unfolded)."""
    used_groups = {
        p.group.upper()
        for p in lines.props
        if p.group and (p.name in _MAPPED or is_relation_prop(p))
    }
    return [
        p.text_line()
        for p in lines.props
        if p.name not in _WRITTEN
        and p.name not in written
        and not is_relation_prop(p)
        and not is_phonetic_prop(p)
        and not is_dated_event_row(p)
        and (p.name not in MAPPED_X or (p.name == "X-ABLABEL" and p.group))
        and not (p.group and p.group.upper() in used_groups)
    ]


def _relation_lines(chunk: list[int], version: str) -> dict[int, list[str]]:
    """Each person's declared relations as vCard lines: a 4.0 card links to someone
    in the book by ``urn:uuid:``, a 3.0 card names them (Apple's form)."""
    marks = ", ".join("?" * len(chunk))
    found: dict[int, list[tuple[str, str, str]]] = {}
    for contact_id, kind, label, text, uid, name in database.execute_sql(
        "SELECT r.contact_id, r.kind, r.label, r.other_text, o.uid, o.display_name "
        "FROM relation r LEFT JOIN contact o ON o.id = r.other_id "
        f"WHERE r.contact_id IN ({marks}) ORDER BY r.contact_id, r.id",
        chunk,
    ):
        if uid is None:
            value = text
        else:
            uri = uid if uid.startswith("urn:") else f"urn:uuid:{uid}"
            value = uri if version == "4.0" else name
        if value:
            found.setdefault(contact_id, []).append((kind, label, value))
    return {cid: related_lines(items, version) for cid, items in found.items()}


def contacts_as_vcards(ids: list[int], version: str = "3.0") -> list[str]:
    """The vCard text of each contact in ``ids`` (in that order)."""
    return [text for texts in _vcard_chunks(ids, version) for text in texts]


def _vcard_chunks(ids: list[int], version: str) -> Iterator[list[str]]:
    """The vCard texts of ``ids``, a few hundred at a time (in that order)."""
    for start in range(0, len(ids), 400):
        chunk = ids[start : start + 400]
        cards: dict[int, ExportCard] = {}
        marks = ", ".join("?" * len(chunk))
        for row in database.execute_sql(
            f"SELECT id, {', '.join(_FIELDS)} FROM contact WHERE id IN ({marks})", chunk
        ):
            values = dict(zip(_FIELDS, row[1:], strict=True))
            values["photo"] = bytes(values["photo"]) if values["photo"] else None
            cards[row[0]] = ExportCard(
                **{
                    k: (
                        v
                        if v is not None
                        or k in ("birthday", "anniversary", "photo", "photo_url", "rev")
                        else ""
                    )
                    for k, v in values.items()
                }
            )
        for contact_id, kind, value, label, normalized, pref in database.execute_sql(
            "SELECT contact_id, kind, value, label, normalized, pref FROM contact_method "
            f"WHERE contact_id IN ({marks}) ORDER BY contact_id, position, id",
            chunk,
        ):
            cards[contact_id].methods.append(ExportMethod(kind, value, label, normalized, pref))
        for contact_id, name, builtin in database.execute_sql(
            "SELECT cc.contact_id, c.name, c.builtin FROM contact_context cc JOIN context c "
            f"ON c.id = cc.context_id WHERE cc.contact_id IN ({marks}) "
            "ORDER BY c.builtin DESC, c.name",
            chunk,
        ):
            cards[contact_id].categories.append(context_label(name, bool(builtin)))
        for contact_id, date, label in database.execute_sql(
            "SELECT contact_id, date, label FROM contact_event "
            f"WHERE contact_id IN ({marks}) ORDER BY contact_id, position, id",
            chunk,
        ):
            cards[contact_id].events.append(DatedEvent(date, label))
        for contact_id, text in database.execute_sql(
            f"SELECT contact_id, text FROM contact_note WHERE contact_id IN ({marks}) "
            "ORDER BY contact_id, position, id",
            chunk,
        ):
            cards[contact_id].more_notes.append(text)
        _load_positions(cards, chunk)
        for contact_id, text in database.execute_sql(
            "SELECT s.contact_id, s.text FROM source_card s WHERE s.id IN (SELECT max(id) "
            f"FROM source_card WHERE contact_id IN ({marks}) GROUP BY contact_id)",
            chunk,
        ):
            lines = card_lines(text, 1)
            # the ROLE lines are written with their jobs when the card has several
            roles = frozenset({"ROLE"}) if cards[contact_id].positions else frozenset()
            cards[contact_id].extra_lines = _extra_lines(lines, roles)
            written = _written_types(lines)
            for method in cards[contact_id].methods:
                label, quoted = written.get((method.kind, method.value), ("", ""))
                if quoted and label == method.label:
                    method.written_types = quoted
        for contact_id, lines in _relation_lines(chunk, version).items():
            cards[contact_id].extra_lines[:0] = lines
        yield [card_text(cards[i], version) for i in chunk if i in cards]


def export_contacts(
    path: str | os.PathLike,
    *,
    vcard_version: str = "3.0",
    context: str | None = None,
    contact_ids: list[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the people (all non-archived, one context's, or ``contact_ids``) to ``path``.

    Returns how many were written. The cards are written as they are made, a few
    hundred at a time (100,000 people make a file of hundreds of MB):
    ``progress(done, total)`` follows, ``cancelled()`` stops with
    ``entregent.errors.Cancelled``, the file at ``path`` untouched."""
    if vcard_version not in ("3.0", "4.0"):
        raise UserError(
            _("vCard version {version} cannot be written; use 3.0 or 4.0.").format(
                version=vcard_version
            )
        )
    if contact_ids is not None:
        ids = [int(i) for i in contact_ids]
    elif context:
        context_id = _context_id(context)
        ids = [
            r[0]
            for r in database.execute_sql(
                "SELECT c.id FROM contact c JOIN contact_context cc ON cc.contact_id = c.id "
                "WHERE cc.context_id = ? AND c.archived = 0 ORDER BY c.sort_key, c.id",
                (context_id,),
            )
        ]
    else:
        ids = [
            r[0]
            for r in database.execute_sql(
                "SELECT id FROM contact WHERE archived = 0 ORDER BY sort_key, id"
            )
        ]
    target = Path(path).expanduser()
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=".entregent-",
            suffix=".vcf.part",
            dir=target.parent if str(target.parent) else ".",
        )
    except OSError as exc:
        raise UserError(
            _("cannot write there ({error}).").format(error=os_reason(exc)), path=target
        ) from exc
    try:
        written = 0
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            for texts in _vcard_chunks(ids, vcard_version):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                out.writelines(texts)
                written += len(texts)
                if progress is not None:
                    progress(written, len(ids))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(
            _("cannot write the file ({error}).").format(error=os_reason(exc)), path=target
        ) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written
