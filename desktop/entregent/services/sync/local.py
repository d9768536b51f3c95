"""The local side of a sync: which people take part, the card each would send,
and bringing the server's cards in (as one import batch, so a sync shows in the
history and is undone like an import)."""

from __future__ import annotations

import hashlib

from entregent.io.vcard_lines import card_lines
from entregent.io.vcard_reader import CardRejected, read_card
from entregent.io.vcard_split import card_hash, split_cards
from entregent.model.card_fields import CARD_FIELDS
from entregent.model.database import database
from entregent.model.tables import ImportBatch, SyncItem, utcnow
from entregent.services.exports.vcard_export import contacts_as_vcards
from entregent.services.imports.report import FileReport
from entregent.services.imports.vcard_import import import_vcard_text
from entregent.services.sync.cards import merged_card
from entregent.sync.hashing import item_hash


def card_version(text: str | None) -> str:
    """The version our card is written in for a stored card: its own, or 3.0."""
    if text and "VERSION:4.0" in text[:200].upper():
        return "4.0"
    return "3.0"


def card_uid(text: str) -> str:
    for prop in card_lines(text, 1).props:
        if prop.name == "UID":
            return prop.value.strip()
    return ""


def with_uid(text: str, uid: str) -> str:
    """A card without UID gets one (after VERSION) so that it can be found again."""
    marker = text.upper().find("VERSION:")
    end = text.find("\n", marker) if marker != -1 else text.find("\n")
    return text[: end + 1] + f"UID:{uid}\r\n" + text[end + 1 :]


class LocalBook:
    """The people and their cards, read once per run."""

    def __init__(self):
        self.people: dict[int, tuple[str, bool, str]] = {
            cid: (uid, bool(archived), name)
            for cid, uid, archived, name in database.execute_sql(
                "SELECT id, uid, archived, display_name FROM contact"
            )
        }
        self._bases: dict[int, str] | None = None
        self._contexts: dict[int, list[str]] | None = None
        self._ours: dict[int, str] = {}
        self._hashes: dict[int, str] = {}
        self._seen: dict[int, str] | None = None

    def unchanged(self, cid: int, seen: str) -> bool:
        """The person's rows are as they were when their card last matched."""
        if self._seen is None:
            self._seen = fingerprints()
        return bool(seen) and self._seen.get(cid) == seen

    def refresh(self) -> None:
        self.__init__()

    def by_uid(self) -> dict[str, int]:
        return {uid: cid for cid, (uid, _a, _n) in self.people.items()}

    def _load(self) -> None:
        self._bases = {
            cid: text
            for cid, text in database.execute_sql(
                "SELECT contact_id, text FROM source_card WHERE id IN (SELECT max(id) FROM "
                "source_card WHERE contact_id IS NOT NULL GROUP BY contact_id)"
            )
        }
        self._contexts = {}
        for cid, name in database.execute_sql(
            "SELECT cc.contact_id, c.name FROM contact_context cc JOIN context c "
            "ON c.id = cc.context_id"
        ):
            self._contexts.setdefault(cid, []).append(name)

    def _prefetch(self, wanted: int) -> None:
        """Our own card of every person at once (the writer's queries per few
        hundred people, not per person), in the version of each stored card."""
        assert self._bases is not None
        by_version: dict[str, list[int]] = {}
        for cid in self.people:
            by_version.setdefault(card_version(self._bases.get(cid)), []).append(cid)
        if wanted not in self.people:
            by_version.setdefault(card_version(self._bases.get(wanted)), []).append(wanted)
        for version, cids in by_version.items():
            self._ours.update(zip(cids, contacts_as_vcards(cids, version), strict=True))

    def text(self, cid: int) -> str:
        if self._bases is None or self._contexts is None:
            self._load()
        assert self._bases is not None and self._contexts is not None
        if cid not in self._ours:
            self._prefetch(cid)
        return merged_card(
            cid, self._bases.get(cid), self._contexts.get(cid, []), ours=self._ours.get(cid)
        )

    def base(self, cid: int) -> str | None:
        """The person's stored card: what both sides agreed on at the last sync."""
        if self._bases is None:
            self._load()
        assert self._bases is not None
        return self._bases.get(cid)

    def hash(self, cid: int) -> str:
        if cid not in self._hashes:
            self._hashes[cid] = item_hash(self.text(cid))
        return self._hashes[cid]

    def forget_cache(self) -> None:
        self._bases = None
        self._contexts = None
        self._ours = {}
        self._hashes = {}


def fingerprints() -> dict[int, str]:
    """Each person's fingerprint: a hash of every row their card is written from
    (contact columns, ways to reach them, contexts, relations, the latest
    stored card), read with one statement per table for the whole book."""
    parts: dict[int, list] = {}
    columns = ", ".join((*CARD_FIELDS, "photo"))
    for row in database.execute_sql(f"SELECT id, {columns} FROM contact"):
        parts[row[0]] = [
            hashlib.blake2b(bytes(v)).hexdigest() if isinstance(v, bytes | memoryview) else v
            for v in row[1:]
        ]
    queries = (
        "SELECT contact_id, kind, value, label, normalized, pref, position FROM contact_method "
        "ORDER BY contact_id, position, id",
        "SELECT cc.contact_id, c.name, c.builtin FROM contact_context cc JOIN context c "
        "ON c.id = cc.context_id ORDER BY cc.contact_id, c.name",
        "SELECT r.contact_id, r.kind, r.label, r.other_text, o.uid, o.display_name FROM relation r "
        "LEFT JOIN contact o ON o.id = r.other_id ORDER BY r.contact_id, r.id",
        "SELECT contact_id, hash FROM source_card WHERE id IN (SELECT max(id) FROM source_card "
        "WHERE contact_id IS NOT NULL GROUP BY contact_id)",
    )
    for number, query in enumerate(queries):
        for row in database.execute_sql(query):
            if row[0] in parts:
                parts[row[0]].append((number, *row[1:]))
    return {
        cid: hashlib.blake2b(repr(values).encode("utf-8"), digest_size=16).hexdigest()
        for cid, values in parts.items()
    }


def remember_seen(collection_ids: list[int], book: LocalBook) -> None:
    """After a run, inside its transaction: each person whose card (written
    afresh) matches the sync state gets the fingerprint of their rows now, so
    that the next run can trust them unchanged while it stays the same."""
    if not collection_ids:
        return
    marks = ", ".join("?" * len(collection_ids))
    rows = database.execute_sql(
        f"SELECT id, contact_id, local_hash, local_seen FROM sync_item WHERE collection_id IN "
        f"({marks}) AND contact_id IS NOT NULL AND conflict IS NULL",
        collection_ids,
    ).fetchall()
    now = fingerprints()
    candidates = [(i, cid, h) for i, cid, h, seen in rows if cid in now and seen != now[cid]]
    if not candidates:
        return
    book.refresh()  # cards written afresh, in the same transaction as the fingerprints
    for item_id, cid, local_hash in candidates:
        if book.hash(cid) == local_hash:
            database.execute_sql(
                "UPDATE sync_item SET local_seen = ? WHERE id = ?", (now[cid], item_id)
            )


def save_item(row: SyncItem) -> None:
    """Write one item's sync state (plain SQL: a sync writes thousands of them)."""
    values = (
        row.uid,
        row.contact_id,
        row.href,
        row.etag,
        row.local_hash,
        row.remote_hash,
        row.conflict,
    )
    if row.id is None:
        cursor = database.execute_sql(
            "INSERT INTO sync_item (collection_id, uid, contact_id, href, etag, local_hash, "
            "remote_hash, conflict) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (row.collection_id, *values),
        )
        row.id = cursor.lastrowid
    else:
        database.execute_sql(
            "UPDATE sync_item SET uid = ?, contact_id = ?, href = ?, etag = ?, local_hash = ?, "
            "remote_hash = ?, conflict = ? WHERE id = ?",
            (*values, row.id),
        )


def start_batch(account: str) -> ImportBatch:
    return ImportBatch.create(path=f"sync:{account}", file_hash="", kind="vcard")


def import_cards(texts: list[str], batch: ImportBatch, account: str) -> FileReport:
    report = FileReport(path=f"sync:{account}", kind="vcard")
    if texts:
        import_vcard_text(
            "".join(t if t.endswith("\n") else t + "\r\n" for t in texts),
            path=f"sync:{account}",
            encoding="utf-8",
            batch=batch,
            report=report,
        )
    return report


_CLEARABLE = ("nickname", "org", "title", "birthday", "anniversary", "note", "photo_url")


def follow_remote(cid: int, text: str) -> None:
    """After importing the server's newer card over an unchanged local person, what
    the card no longer has goes here too (the import itself only adds): emptied
    fields, removed phones and e-mails, removed categories."""
    try:
        [raw] = split_cards(text).cards
        card = read_card(raw)
    except (CardRejected, ValueError):
        return
    for name in _CLEARABLE:
        if getattr(card, name) in (None, ""):
            value = None if name in ("birthday", "anniversary", "photo_url") else ""
            database.execute_sql(f"UPDATE contact SET {name} = ? WHERE id = ?", (value, cid))
    if card.photo is None and card.photo_url is None:
        database.execute_sql("UPDATE contact SET photo = NULL WHERE id = ?", (cid,))
    if not card.methods:
        database.execute_sql("DELETE FROM contact_method WHERE contact_id = ?", (cid,))
    from entregent.services.sync.cards import category_keys

    keys = category_keys(card.categories)
    from entregent.model.text_folding import fold

    for link_id, name in database.execute_sql(
        "SELECT cc.id, c.name FROM contact_context cc JOIN context c ON c.id = cc.context_id "
        "WHERE cc.contact_id = ?",
        (cid,),
    ).fetchall():
        if fold(name) not in keys:
            database.execute_sql("DELETE FROM contact_context WHERE id = ?", (link_id,))


def store_sent(cid: int, text: str, batch: ImportBatch, account: str) -> None:
    """What we sent becomes the person's stored card: the server's copy."""
    database.execute_sql(
        "INSERT INTO source_card (contact_id, batch_id, path, line, text, hash, created_at) "
        "VALUES (?, ?, ?, 1, ?, ?, ?)",
        (cid, batch.id, f"sync:{account}", text, card_hash(text), str(utcnow())),
    )


def archive(cid: int) -> None:
    """Deleted on the server: the person is archived here (kept, out of the lists)."""
    database.execute_sql("UPDATE contact SET archived = 1 WHERE id = ?", (cid,))
