"""Importing the cards of one vCard file into the database (inside the caller's
transaction): new people, updates by UID, unchanged cards, possible duplicates.

- A card whose text (hash) is already stored is unchanged: it is not parsed again.
- A card whose UID is known updates that person: the card's non-empty fields win;
  contexts, interactions and follow-ups added in the app stay.
- Any other card is a new person; one sharing a normalized phone or e-mail with
  someone already known is listed as a possible duplicate, never merged silently.
- Apple group cards and vCard 4 ``KIND:group`` become contexts holding their members.

New people are written in bulk (one statement per table and chunk) so that ten
thousand cards import in seconds. Every change is recorded (``import_change``)
for ``undo_import``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from entregent.errors import Cancelled
from entregent.i18n import _
from entregent.io.vcard_normalize import default_region
from entregent.io.vcard_reader import CardData, CardRejected, read_card
from entregent.io.vcard_split import split_cards
from entregent.model.database import database
from entregent.model.tables import ImportBatch, new_uid, utcnow
from entregent.model.text_folding import fold, sort_key
from entregent.services.imports.report import (
    CancelCheck,
    DuplicateCandidate,
    FileReport,
    Problem,
    ProgressCallback,
)
from entregent.services.imports.vcard_relations import store_card_relations
from entregent.services.imports.vcard_snapshot import (
    FIELDS,
    photo_digest,
    same_state,
    snapshot,
    snapshot_json,
)
from entregent.services.people.contexts import free_colour
from entregent.services.settings import get_setting

__all__ = ["import_vcard_text", "context_for_category"]

_CHUNK = 400
_PROGRESS_EVERY = 250
# Category names (folded) that mean a built-in context, in English and French.
_BUILTIN_CATEGORIES = {
    "family": "family",
    "famille": "family",
    "parents": "family",
    "friends": "friends",
    "friend": "friends",
    "amis": "friends",
    "ami": "friends",
    "copains": "friends",
    "work": "work",
    "travail": "work",
    "coworkers": "work",
    "co-workers": "work",
    "colleagues": "work",
    "collegues": "work",
    "collegue": "work",
    "business": "work",
    "boulot": "work",
    "bureau": "work",
    "club": "club",
    "clubs": "club",
    "association": "association",
    "associations": "association",
    "asso": "association",
    "charity": "charity",
    "caritatif": "charity",
    "benevolat": "charity",
    "volunteering": "charity",
    "sport": "sport",
    "sports": "sport",
    "gym": "sport",
    "neighbours": "neighbourhood",
    "neighbors": "neighbourhood",
    "voisins": "neighbourhood",
    "neighbourhood": "neighbourhood",
    "quartier": "neighbourhood",
}
# Labels phones put on everyone: they say nothing about the person.
_SYSTEM_CATEGORIES = {
    "my contacts",
    "starred in android",
    "starred",
    "favorites",
    "favourites",
    "card",
    "contacts",
}
_CONTACT_COLUMNS = ("id", "sort_key", "photo", "archived", "created_at", "updated_at") + FIELDS


def context_for_category(category: str) -> str | None:
    """The built-in context a category name means, or None."""
    return _BUILTIN_CATEGORIES.get(fold(category).strip())


def _chunks(items: list, size: int = _CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _Pending:
    contacts: list[tuple] = field(default_factory=list)
    methods: list[tuple] = field(default_factory=list)
    links: list[tuple] = field(default_factory=list)
    sources: list[tuple] = field(default_factory=list)
    changes: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    notes: list[tuple] = field(default_factory=list)
    positions: list[tuple] = field(default_factory=list)


class _Contexts:
    """Category names → context ids, creating user contexts as needed."""

    def __init__(self, created: list[int]):
        self.by_name = {
            fold(name): cid for cid, name in database.execute_sql("SELECT id, name FROM context")
        }
        self.created = created

    def ids_for(self, categories: list[str]) -> list[int]:
        ids: list[int] = []
        for category in categories:
            name = category.strip()
            if not name or fold(name) in _SYSTEM_CATEGORIES:
                continue
            key = fold(context_for_category(name) or name)
            if key not in self.by_name:
                cursor = database.execute_sql(
                    "INSERT INTO context (name, kind, colour, priority, builtin, created_at) "
                    "VALUES (?, 'other', ?, 0, 0, ?)",
                    (name, free_colour(), str(utcnow())),
                )
                self.by_name[key] = cursor.lastrowid
                self.created.append(cursor.lastrowid)
            if self.by_name[key] not in ids:
                ids.append(self.by_name[key])
        return ids


class _VCardImport:
    def __init__(
        self,
        path: str,
        encoding: str,
        batch: ImportBatch | None,
        report: FileReport,
        progress: ProgressCallback | None,
        should_cancel: CancelCheck | None,
    ):
        self.path = path
        self.encoding = encoding
        self.batch_id = batch.id if batch is not None else None
        self.report = report
        self.progress = progress
        self.should_cancel = should_cancel
        self.region = default_region(get_setting("phone_region"))
        self.max_photo = int(get_setting("max_photo_mb")) * 1024 * 1024
        self.max_properties = int(get_setting("max_properties_per_card"))
        self.order = get_setting("sort_by")
        self.now = str(utcnow())
        self.created_contexts: list[int] = []
        self.contexts = _Contexts(self.created_contexts)
        self.pending = _Pending()
        self.uids: dict[str, int] = {}
        self.owners: dict[tuple[str, str], tuple[int, str]] = {}

    # -- steps --------------------------------------------------------------------------
    def run(self, text: str) -> None:
        """Parse, match, write, report: the file's cards into the open transaction."""
        split = split_cards(text, max_card_chars=int(get_setting("max_card_kb")) * 1024)
        self.report.skipped_lines.extend(Problem(line, why) for line, why in split.skipped)
        self.report.rejected.extend(Problem(line, why) for line, why in split.rejected)
        total = len(split.cards)
        cards = self._parse(split.cards, total)
        people = [c for c in cards if c.kind != "group"]
        self._match(people)
        self._write(people, total)
        for card in cards:
            if card.kind == "group":
                self._group(card)
        self._tick(total, total)

    def _parse(self, raws: list, total: int) -> list[CardData]:
        """The cards not already stored as they are, read; a card that cannot be
        read is rejected with its line, the others go on."""
        known = self._known_hashes([c.hash for c in raws])
        seen: set[str] = set()
        cards: list[CardData] = []
        for index, raw in enumerate(raws):
            if index % _PROGRESS_EVERY == 0:
                self._tick(index, total)
            if raw.hash in known or raw.hash in seen:
                self.report.unchanged += 1
                continue
            seen.add(raw.hash)
            try:
                card = read_card(
                    raw,
                    encoding=self.encoding,
                    region=self.region,
                    max_photo_bytes=self.max_photo,
                    max_properties=self.max_properties,
                )
            except CardRejected as exc:
                self.report.rejected.append(Problem(exc.line, exc.reason))
                continue
            self.report.skipped_lines.extend(Problem(line, why) for line, why in card.problems)
            cards.append(card)
        return cards

    def _match(self, people: list[CardData]) -> None:
        """Who is known already: by UID, and by phone or e-mail (possible duplicates)."""
        self._load_uids([c.uid for c in people if c.uid])
        self._load_owners(people)

    def _write(self, people: list[CardData], total: int) -> None:
        """New people in batches with ids handed out here; known ones updated."""
        next_id = database.execute_sql("SELECT coalesce(max(id), 0) FROM contact").fetchone()[0]
        next_id += 1
        related: list[tuple[int, list]] = []  # (contact id, the card's relations)
        for index, card in enumerate(people):
            if index % _PROGRESS_EVERY == 0:
                self._tick(None, total)
            known_id = self.uids.get(card.uid) if card.uid else None
            if known_id is not None:
                self._flush()
                self._update(known_id, card)
            else:
                self._create(next_id, card)
                next_id += 1
            if card.related or known_id is not None:
                related.append((known_id or next_id - 1, card.related))
        self._flush()
        store_card_relations(related, self.now)

    def _tick(self, done: int | None, total: int) -> None:
        if self.should_cancel is not None and self.should_cancel():
            raise Cancelled()
        if self.progress is not None and done is not None:
            self.progress(done, total)

    def _known_hashes(self, hashes: list[str]) -> set[str]:
        known: set[str] = set()
        unique = list(dict.fromkeys(hashes))
        for chunk in _chunks(unique):
            marks = ",".join("?" * len(chunk))
            known.update(
                r[0]
                for r in database.execute_sql(
                    f"SELECT DISTINCT hash FROM source_card WHERE hash IN ({marks})", chunk
                )
            )
        return known

    def _load_uids(self, uids: list[str]) -> None:
        unique = list(dict.fromkeys(uids))
        for chunk in _chunks(unique):
            marks = ",".join("?" * len(chunk))
            for cid, uid in database.execute_sql(
                f"SELECT id, uid FROM contact WHERE uid IN ({marks})", chunk
            ):
                self.uids[uid] = cid

    def _load_owners(self, people: list[CardData]) -> None:
        keys = list(
            {
                (m.kind, m.normalized)
                for c in people
                for m in c.methods
                if m.kind in ("tel", "email") and m.normalized
            }
        )
        for chunk in _chunks(keys, _CHUNK // 2):
            where = " OR ".join("(m.kind = ? AND m.normalized = ?)" for _k in chunk)
            params = [v for key in chunk for v in key]
            for kind, norm, cid, name in database.execute_sql(
                "SELECT m.kind, m.normalized, c.id, c.display_name FROM contact_method m "
                f"JOIN contact c ON c.id = m.contact_id WHERE {where}",
                params,
            ):
                self.owners.setdefault((kind, norm), (cid, name))

    # -- one person ---------------------------------------------------------------------
    def _method_rows(self, cid: int, card: CardData) -> list[tuple]:
        return [
            (cid, m.kind, m.label, m.value, m.normalized, m.pref, position)
            for position, m in enumerate(card.methods)
        ]

    def _event_rows(self, cid: int, card: CardData) -> list[tuple]:
        return [(cid, e.label, e.date, position) for position, e in enumerate(card.events)]

    def _note_rows(self, cid: int, card: CardData) -> list[tuple]:
        return [(cid, text, position) for position, text in enumerate(card.more_notes, 1)]

    def _position_rows(self, cid: int, card: CardData) -> list[tuple]:
        return [
            (cid, p.org, json.dumps(p.units, ensure_ascii=False), p.title, p.role, position)
            for position, p in enumerate(card.positions)
        ]

    def _state(self, uid: str, card: CardData, context_ids: list[int]) -> dict:
        data = {name: getattr(card, name) for name in FIELDS if name != "uid"}
        data["uid"] = uid
        data["photo"] = photo_digest(card.photo)
        data["methods"] = [
            [m.kind, m.label, m.value, m.normalized, m.pref, position]
            for position, m in enumerate(card.methods)
        ]
        data["contexts"] = sorted(context_ids)
        data["events"] = [[e.date, e.label] for e in card.events]
        data["notes"] = list(card.more_notes)
        data["positions"] = [[p.org, list(p.units), p.title, p.role] for p in card.positions]
        data["activity"] = 0
        return data

    def _create(self, cid: int, card: CardData) -> None:
        uid = card.uid or new_uid()
        if card.uid:
            self.uids[card.uid] = cid
        context_ids = self.contexts.ids_for(card.categories)
        key = sort_key(
            card.given_name,
            card.family_name,
            card.display_name,
            self.order,
            card.phonetic_given,
            card.phonetic_family,
        )
        values = {name: getattr(card, name) for name in FIELDS if name != "uid"}
        values["uid"] = uid
        self.pending.contacts.append(
            (cid, key, card.photo, 0, self.now, self.now) + tuple(values[f] for f in FIELDS)
        )
        self.pending.methods.extend(self._method_rows(cid, card))
        self.pending.events.extend(self._event_rows(cid, card))
        self.pending.notes.extend(self._note_rows(cid, card))
        self.pending.positions.extend(self._position_rows(cid, card))
        self.pending.links.extend((cid, ctx, self.now) for ctx in context_ids)
        self.pending.sources.append(
            (cid, self.batch_id, self.path, card.line, card.text, card.hash, self.now)
        )
        if self.batch_id is not None:
            self.pending.changes.append(
                (
                    self.batch_id,
                    cid,
                    "created",
                    None,
                    snapshot_json(self._state(uid, card, context_ids)),
                )
            )
        self.report.new += 1
        self._check_duplicate(cid, card)

    def _check_duplicate(self, cid: int, card: CardData) -> None:
        listed = False
        for method in card.methods:
            if method.kind not in ("tel", "email") or not method.normalized:
                continue
            key = (method.kind, method.normalized)
            owner = self.owners.get(key)
            if owner is None:
                self.owners[key] = (cid, card.display_name)
            elif owner[0] != cid and not listed:
                self.report.duplicate_candidates.append(
                    DuplicateCandidate(
                        cid, card.display_name, owner[0], owner[1], method.normalized
                    )
                )
                listed = True

    def _update(self, cid: int, card: CardData) -> None:
        before = snapshot(cid, with_photo=True)
        assignments: dict[str, object] = {}
        for name in FIELDS:
            if name == "uid":
                continue
            value = getattr(card, name)
            if value not in (None, ""):
                assignments[name] = value
        if card.photo is not None:
            assignments["photo"] = card.photo
        if assignments:
            current = database.execute_sql(
                "SELECT given_name, family_name, display_name, phonetic_given, phonetic_family "
                "FROM contact WHERE id = ?",
                (cid,),
            ).fetchone()
            names = [
                assignments.get(column, current[i])
                for i, column in enumerate(
                    (
                        "given_name",
                        "family_name",
                        "display_name",
                        "phonetic_given",
                        "phonetic_family",
                    )
                )
            ]
            assignments["sort_key"] = sort_key(
                str(names[0]),
                str(names[1]),
                str(names[2]),
                self.order,
                str(names[3]),
                str(names[4]),
            )
            assignments["updated_at"] = self.now
            columns = ", ".join(f"{name} = ?" for name in assignments)
            database.execute_sql(
                f"UPDATE contact SET {columns} WHERE id = ?", (*assignments.values(), cid)
            )
        if card.methods:
            database.execute_sql("DELETE FROM contact_method WHERE contact_id = ?", (cid,))
            self._insert_methods(self._method_rows(cid, card))
        if card.events:
            database.execute_sql("DELETE FROM contact_event WHERE contact_id = ?", (cid,))
            self._insert_events(self._event_rows(cid, card))
        if card.note:  # the card's notes replace the ones before (as its fields do)
            database.execute_sql("DELETE FROM contact_note WHERE contact_id = ?", (cid,))
            self._insert_notes(self._note_rows(cid, card))
        if card.org or card.title:
            database.execute_sql("DELETE FROM contact_position WHERE contact_id = ?", (cid,))
            self._insert_positions(self._position_rows(cid, card))
        for ctx in self.contexts.ids_for(card.categories):
            database.execute_sql(
                "INSERT OR IGNORE INTO contact_context (contact_id, context_id, created_at) "
                "VALUES (?, ?, ?)",
                (cid, ctx, self.now),
            )
        self._insert_sources(
            [(cid, self.batch_id, self.path, card.line, card.text, card.hash, self.now)]
        )
        after = snapshot(cid)
        if (
            before is not None
            and after is not None
            and same_state(after, before, with_activity=False)
        ):
            self.report.unchanged += 1
            return
        self.report.updated += 1
        if self.batch_id is not None:
            database.execute_sql(
                "INSERT INTO import_change (batch_id, contact_id, action, before, after) "
                "VALUES (?, ?, 'updated', ?, ?)",
                (self.batch_id, cid, snapshot_json(before or {}), snapshot_json(after or {})),
            )

    def _group(self, card: CardData) -> None:
        """A group card: a context holding its members (they stay people)."""
        name = card.display_name.strip() or _("Group")
        [context_id] = self.contexts.ids_for([name]) or [None]
        self._insert_sources(
            [(None, self.batch_id, self.path, card.line, card.text, card.hash, self.now)]
        )
        if context_id is None:
            return
        for member in card.members:
            if member.lower().startswith("mailto:"):
                row = database.execute_sql(
                    "SELECT contact_id FROM contact_method WHERE kind = 'email' AND "
                    "normalized = ? LIMIT 1",
                    (member[7:].strip().lower(),),
                ).fetchone()
            else:
                row = database.execute_sql(
                    "SELECT id FROM contact WHERE uid IN (?, ?) LIMIT 1",
                    (member, "urn:uuid:" + member),
                ).fetchone()
            if row is not None:
                database.execute_sql(
                    "INSERT OR IGNORE INTO contact_context (contact_id, context_id, created_at) "
                    "VALUES (?, ?, ?)",
                    (row[0], context_id, self.now),
                )

    # -- writing ------------------------------------------------------------------------
    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            database.obj.connection().executemany(sql, rows)

    def _insert_methods(self, rows: list[tuple]) -> None:
        self._executemany(
            "INSERT INTO contact_method (contact_id, kind, label, value, normalized, pref, "
            "position) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _insert_events(self, rows: list[tuple]) -> None:
        self._executemany(
            "INSERT INTO contact_event (contact_id, label, date, position) VALUES (?, ?, ?, ?)",
            rows,
        )

    def _insert_notes(self, rows: list[tuple]) -> None:
        self._executemany(
            "INSERT INTO contact_note (contact_id, text, position) VALUES (?, ?, ?)", rows
        )

    def _insert_positions(self, rows: list[tuple]) -> None:
        self._executemany(
            "INSERT INTO contact_position (contact_id, org, units, title, role, position) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _insert_sources(self, rows: list[tuple]) -> None:
        self._executemany(
            "INSERT INTO source_card (contact_id, batch_id, path, line, text, hash, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _flush(self) -> None:
        pending = self.pending
        if not pending.contacts:
            return
        # Ways to reach first, then the people: the search index is then built once per
        # person (by the contact insert trigger) instead of once per phone and e-mail.
        database.execute_sql("PRAGMA defer_foreign_keys = ON")
        self._insert_methods(pending.methods)
        marks = ", ".join("?" * len(_CONTACT_COLUMNS))
        self._executemany(
            f"INSERT INTO contact ({', '.join(_CONTACT_COLUMNS)}) VALUES ({marks})",
            pending.contacts,
        )
        self._executemany(
            "INSERT OR IGNORE INTO contact_context (contact_id, context_id, "
            "created_at) VALUES (?, ?, ?)",
            pending.links,
        )
        self._insert_sources(pending.sources)
        self._insert_events(pending.events)
        self._insert_notes(pending.notes)
        self._insert_positions(pending.positions)
        self._executemany(
            "INSERT INTO import_change (batch_id, contact_id, action, before, "
            "after) VALUES (?, ?, ?, ?, ?)",
            pending.changes,
        )
        self.pending = _Pending()


def import_vcard_text(
    text: str,
    *,
    path: str,
    encoding: str,
    batch: ImportBatch | None,
    report: FileReport,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
) -> list[int]:
    """Import the cards in ``text`` (the caller holds the transaction).

    Returns the ids of the contexts it created (for undo)."""
    job = _VCardImport(path, encoding, batch, report, progress, should_cancel)
    job.run(text)
    return job.created_contexts


def batch_extras(created_contexts: list[int]) -> str:
    return json.dumps({"created_contexts": created_contexts})
