"""Build a large, realistic Entregent database quickly, for the benchmarks.

    python -m benchmarks.generate --contacts 100000 --interactions 1000000 \\
        --followups 10000 --out /tmp/big.sqlite3

The schema comes from the app itself (``open_database`` runs every numbered
step); the rows go in through ``executemany`` in one transaction, with the
search and recency triggers dropped for the load and the figures they keep
(full-text index, last contact, next follow-up) rebuilt afterwards in a few
set-based statements, then the triggers put back exactly as they were. The
result is the database the app would hold had every row been written one by
one: the same schema version, the same derived columns.

What it holds: people with accented names in many languages (10% with a
photo thumbnail, some archived, nicknames, notes), phones and e-mails,
contexts and groups, interactions over the last five years with one to five
participants each (a few people see many, most see a few), asks with their
outcome, help given and received, follow-ups past and future. One person,
``HEAVY_UID``, takes part in exactly ``HEAVY_INTERACTIONS`` interactions, for
the benchmarks that open a busy person.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import random
import sqlite3
import struct
import sys
import time
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as a script: python benchmarks/generate.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import sample_text as words  # noqa: E402

HEAVY_UID = "benchmark-heavy-person"
HEAVY_GIVEN, HEAVY_FAMILY = "Hélène", "Beauchêne-Núñez"
HEAVY_INTERACTIONS = 2000
YEARS = 5
BATCH = 50_000


@dataclass
class Generated:
    path: Path
    contacts: int
    interactions: int
    participants: int
    followups: int
    heavy_id: int
    seconds: float


def _png(width: int, height: int, rng: random.Random) -> bytes:
    """A small PNG thumbnail (a soft gradient with grain), about 3-6 KB."""
    base = [rng.randrange(256) for _ in range(3)]
    rows = []
    for y in range(height):
        grains = rng.randbytes(width)
        row = bytearray([0])
        for x in range(width):
            grain = grains[x] % 24
            row += bytes(
                (
                    (base[0] + x * 2 + grain) & 255,
                    (base[1] + y * 2) & 255,
                    (base[2] + (x ^ y) + grain) & 255,
                )
            )
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


@functools.cache
def _fold_ascii(text: str) -> str:
    from entregent.model.text_folding import fold

    return "".join(c for c in fold(text) if c.isalnum())


def _phone(rng: random.Random) -> tuple[str, str]:
    digits = f"{rng.randrange(100_000_000):08d}"
    mobile = rng.choice("67")
    written = rng.choice(
        (
            f"0{mobile} {digits[0:2]} {digits[2:4]} {digits[4:6]} {digits[6:8]}",
            f"+33 {mobile} {digits[0:2]} {digits[2:4]} {digits[4:6]} {digits[6:8]}",
            f"0{mobile}.{digits[0:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:8]}",
        )
    )
    return written, f"+33{mobile}{digits}"


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class _Loader:
    """Rows go in through executemany; ids are assigned here, in order."""

    def __init__(self, conn: sqlite3.Connection, rng: random.Random, now: dt.datetime):
        self.conn = conn
        self.rng = rng
        self.now = now
        self.start = now - dt.timedelta(days=365 * YEARS)
        self.span_seconds = int((now - self.start).total_seconds())

    def _insert(self, table: str, columns: str, rows, marks: str = "") -> int:
        count = 0
        marks = marks or ", ".join("?" * len(columns.split(",")))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        rows = iter(rows)
        while batch := list(itertools.islice(rows, BATCH)):
            self.conn.executemany(sql, batch)
            count += len(batch)
        return count

    def contexts_and_groups(self) -> tuple[list[int], list[int], dict[int, int]]:
        stamp = _stamp(self.now)
        self._insert(
            "context",
            "name, kind, colour, created_at",
            ((name, kind, colour, stamp) for name, kind, colour in words.USER_CONTEXTS),
        )
        context_ids = [row[0] for row in self.conn.execute("SELECT id FROM context ORDER BY id")]
        context_by_kind = dict(self.conn.execute("SELECT kind, id FROM context"))
        rng = self.rng
        groups = []
        for name, kind in words.GROUPS:
            joined = (self.now - dt.timedelta(days=rng.randrange(30, 365 * 8))).date()
            groups.append(
                (
                    name,
                    kind,
                    joined.isoformat(),
                    rng.choice(("", "membre", "trésorière")),
                    context_by_kind.get(kind if kind != "lunch_group" else "work"),
                    stamp,
                )
            )
        self._insert(
            "organization", "name, kind, joined_on, my_role, context_id, created_at", groups
        )
        group_ids = [row[0] for row in self.conn.execute("SELECT id FROM organization")]
        group_context = {
            gid: cid for gid, cid in self.conn.execute("SELECT id, context_id FROM organization")
        }
        return context_ids, group_ids, group_context

    def contacts(self, count: int, context_ids: list[int]) -> int:
        from entregent.model.text_folding import sort_key

        rng = self.rng
        photos = [_png(96, 96, rng) for _ in range(32)]
        keys: dict[tuple[str, str], str] = {}
        note_words = words.NOTE_WORDS

        def rows():
            for number in range(1, count + 1):
                if number == 1:
                    given, family = HEAVY_GIVEN, HEAVY_FAMILY
                else:
                    given, family = rng.choice(words.GIVEN_NAMES), rng.choice(words.FAMILY_NAMES)
                display = f"{given} {family}"
                key = keys.get((given, family))
                if key is None:
                    key = keys[(given, family)] = sort_key(given, family, display)
                roll = rng.random()
                created = self.start + dt.timedelta(seconds=rng.randrange(self.span_seconds))
                yield (
                    HEAVY_UID
                    if number == 1
                    else str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    display,
                    given,
                    family,
                    rng.choice(words.NICKNAMES) if roll < 0.04 else "",
                    rng.choice(words.ORGANISATIONS),
                    rng.choice(words.TITLES),
                    (
                        f"{rng.randrange(1950, 2005)}-{rng.randrange(1, 13):02d}-"
                        f"{rng.randrange(1, 29):02d}"
                    )
                    if roll < 0.5
                    else None,
                    " ".join(rng.choices(note_words, k=rng.randrange(4, 16)))
                    if rng.random() < 0.3
                    else "",
                    rng.choice(photos) if rng.random() < 0.10 else None,
                    rng.choice(("close", "regular", "acquaintance", None, None, None)),
                    rng.choice((None, None, None, 30, 60, 90)),
                    rng.choice(words.PLACES) if roll < 0.3 else "",
                    created.date().isoformat() if roll < 0.3 else None,
                    rng.choice(context_ids) if roll < 0.2 else None,
                    rng.randrange(1, number) if number > 20 and rng.random() < 0.05 else None,
                    1 if rng.random() < 0.02 else 0,
                    _stamp(created),
                    _stamp(created),
                    key,
                )

        return self._insert(
            "contact",
            "uid, display_name, given_name, family_name, nickname, org, title, birthday, note, "
            "photo, tie_strength, cadence_days, met_place, met_on, met_context_id, "
            "introduced_by_id, archived, created_at, updated_at, sort_key",
            rows(),
        )

    def methods(self, count: int) -> int:
        rng = self.rng
        names = self.conn.execute("SELECT id, given_name, family_name FROM contact ORDER BY id")
        domains = (
            "gmail.com",
            "orange.fr",
            "free.fr",
            "laposte.net",
            "gmx.de",
            "yahoo.es",
            "outlook.com",
            "proton.me",
            "wp.pl",
            "seznam.cz",
        )

        def rows():
            for contact_id, given, family in names:
                position = 0
                if rng.random() < 0.85:
                    for n in range(1 if rng.random() < 0.8 else 2):
                        local = f"{_fold_ascii(given)}.{_fold_ascii(family)}"
                        email = f"{local}{rng.randrange(100) if n else ''}@{rng.choice(domains)}"
                        yield (
                            contact_id,
                            "email",
                            rng.choice(("home", "work", "")),
                            email,
                            email.lower(),
                            1 if n == 0 else 0,
                            position,
                        )
                        position += 1
                if rng.random() < 0.75:
                    for n in range(1 if rng.random() < 0.7 else 2):
                        written, normalized = _phone(rng)
                        yield (
                            contact_id,
                            "tel",
                            rng.choice(("cell", "home", "work")),
                            written,
                            normalized,
                            1 if n == 0 else 0,
                            position,
                        )
                        position += 1
                if rng.random() < 0.2:
                    yield (
                        contact_id,
                        "adr",
                        "home",
                        f"{rng.randrange(1, 120)} rue de la Paix;{rng.choice(words.PLACES)}",
                        "",
                        0,
                        position,
                    )

        return self._insert(
            "contact_method", "contact_id, kind, label, value, normalized, pref, position", rows()
        )

    def links(self, count: int, context_ids: list[int], group_ids: list[int]) -> None:
        rng = self.rng
        stamp = _stamp(self.now)

        # The busy person is family, so the advisor has something to say.
        family = self.conn.execute("SELECT id FROM context WHERE name = 'family'").fetchone()[0]

        def tags():
            for contact_id in range(1, count + 1):
                chosen = set(rng.choices(context_ids, k=rng.choice((0, 1, 1, 1, 2, 3))))
                if contact_id == 1:
                    chosen.add(family)
                for context_id in chosen:
                    yield contact_id, context_id, stamp

        def memberships():
            for contact_id in range(1, count + 1):
                if rng.random() < 0.15:
                    for group_id in set(rng.choices(group_ids, k=rng.choice((1, 1, 2)))):
                        since = (self.now - dt.timedelta(days=rng.randrange(20, 3000))).date()
                        yield (
                            contact_id,
                            group_id,
                            rng.choice(("", "membre", "bénévole")),
                            since.isoformat(),
                        )

        self._insert("contact_context", "contact_id, context_id, created_at", tags())
        self._insert("membership", "contact_id, organization_id, role, since", memberships())

    def interactions(self, count: int, contacts: int, group_ids: list[int]) -> tuple[int, int]:
        rng = self.rng
        kinds = words.INTERACTION_KINDS
        kind_weights = list(itertools.accumulate(k[3] for k in kinds))
        # A few people see many, most see a few: Pareto weights, shuffled over ids.
        weights = [min(rng.paretovariate(1.2), 200.0) for _ in range(contacts - 1)]
        cumulative = list(itertools.accumulate(weights))
        others = range(2, contacts + 1)
        heavy_rows = set(rng.sample(range(1, count + 1), min(HEAVY_INTERACTIONS, count)))
        participants: list[tuple[int, int]] = []
        latest: dict[int, int] = {}
        asks = []
        stamp = _stamp(self.now)

        # Drawn in bulk (one call each rather than one per row), in time order:
        # ids follow the calendar, as a log mostly does.
        epoch = int(self.start.replace(tzinfo=dt.UTC).timestamp())
        moments = sorted(rng.randrange(self.span_seconds) for _ in range(count))
        drawn_kinds = rng.choices(kinds, cum_weights=kind_weights, k=count)
        sizes = rng.choices((1, 2, 3, 4, 5), cum_weights=(70, 88, 95, 98, 100), k=count)
        people_pool = (
            rng.choices(others, cum_weights=cumulative, k=sum(sizes)) if contacts > 1 else []
        )
        randoms = [rng.random() for _ in range(count)]
        summaries = rng.choices(words.SUMMARIES, k=count)
        places = rng.choices(words.PLACES, k=count)
        note_words = words.NOTE_WORDS

        def rows():
            taken = 0
            for index in range(count):
                number = index + 1
                kind, register, channel, _weight = drawn_kinds[index]
                size = sizes[index]
                people = set(people_pool[taken : taken + size])
                taken += size
                if number in heavy_rows or contacts == 1:
                    if people:
                        people.pop()
                    people.add(1)
                participants.extend((number, person) for person in people)
                for person in people:  # in time order: the last one written is the latest
                    latest[person] = moments[index]
                roll = randoms[index]
                from_calendar = roll < 0.3
                if register == "ask":
                    asks.append(
                        (
                            number,
                            rng.choice(words.ASK_WHATS),
                            "",
                            rng.choice(words.ASK_OUTCOMES),
                            "[]",
                            rng.choice(words.ASK_DECISIONS),
                        )
                    )
                yield (
                    epoch + moments[index],
                    "Europe/Paris",
                    kind,
                    register,
                    channel,
                    summaries[index],
                    places[index] if channel == "in_person" else "",
                    " ".join(rng.choices(note_words, k=6)) if 0.3 < roll < 0.5 else "",
                    "calendar" if from_calendar else "manual",
                    f"bench-{number:09d}@calendar.example" if from_calendar else None,
                    "agenda.ics" if from_calendar else "",
                    rng.choice(group_ids) if register == "group" else None,
                    stamp,
                    stamp,
                )

        self._insert(
            "interaction",
            "occurred_at, tz, kind, register, channel, summary, location, note, source, "
            "external_key, origin, organization_id, created_at, updated_at",
            rows(),
            marks="datetime(?, 'unixepoch'), " + ", ".join("?" * 13),
        )
        self._insert("participant", "interaction_id, contact_id", participants)
        # What the participant trigger keeps: each person's latest interaction.
        self.conn.executemany(
            "UPDATE contact SET last_interaction_at = datetime(?, 'unixepoch') WHERE id = ?",
            ((epoch + moment, person) for person, moment in latest.items()),
        )
        self._insert("ask", "interaction_id, what, detail, outcome, warnings, decision", asks)
        return count, len(participants)

    def followups(self, count: int, contacts: int) -> int:
        rng = self.rng
        today = self.now.date()

        def rows():
            for _number in range(count):
                due = today + dt.timedelta(days=rng.randrange(-365, 120))
                done = (
                    _stamp(self.now - dt.timedelta(days=rng.randrange(1, 300)))
                    if due < today and rng.random() < 0.7
                    else None
                )
                created = _stamp(self.now - dt.timedelta(days=rng.randrange(120, 500)))
                sequence = rng.randrange(3)
                yield (
                    rng.randrange(1, contacts + 1),
                    due.isoformat(),
                    rng.choice(
                        (
                            "",
                            "Relancer pour le projet",
                            "Prendre des nouvelles",
                            "Send the article",
                            "Café à prévoir",
                        )
                    ),
                    done,
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    sequence,
                    sequence if rng.random() < 0.5 else None,
                    created,
                    created,
                )

        return self._insert(
            "follow_up",
            "contact_id, due_on, note, done_at, uid, sequence, "
            "exported_sequence, created_at, updated_at",
            rows(),
        )


def _rebuild_derived(conn: sqlite3.Connection, step=lambda label: None) -> None:
    """What the dropped triggers would have kept: search index, next follow-up, counts.

    (The latest interaction per person is written while the interactions are
    drawn, from the same figures.)
    """
    conn.execute("DELETE FROM contact_fts")
    conn.execute(
        "INSERT INTO contact_fts (rowid, name, org, emails, phones, notes) "
        "SELECT id, name, org, emails, phones, notes FROM contact_fts_source"
    )
    step("full-text index")
    conn.execute(
        "UPDATE contact SET next_followup_on = soonest.due FROM ("
        " SELECT contact_id AS id, min(due_on) AS due FROM follow_up"
        " WHERE done_at IS NULL AND deleted_at IS NULL GROUP BY contact_id) AS soonest"
        " WHERE soonest.id = contact.id"
    )
    # The counts schema 9 keeps (overdue day, people per context and group).
    from entregent.model.steps.v001_initial import statements
    from entregent.model.steps.v009_kept_counts import REBUILD

    for statement in statements(REBUILD):
        conn.execute(statement)


def generate(
    out: str | Path,
    *,
    contacts: int,
    interactions: int,
    followups: int,
    seed: int = 7,
    quiet: bool = True,
) -> Generated:
    """Write a new database at ``out`` (replacing any file there) and describe it."""
    from entregent.model.database import close_database, open_database

    if contacts < 1:
        raise ValueError("at least one contact is needed")
    started = time.perf_counter()
    out = Path(out)
    for stale in (out, out.with_name(out.name + "-wal"), out.with_name(out.name + "-shm")):
        stale.unlink(missing_ok=True)
    open_database(out)  # every schema step, exactly as the app builds it
    close_database()

    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA journal_mode = off")
    conn.execute("PRAGMA synchronous = off")
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("PRAGMA temp_store = memory")
    conn.execute("BEGIN")
    # Triggers and explicit indexes out for the load, back afterwards (an index
    # built once by sorting costs far less than a million scattered inserts).
    dropped = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN "
        "('trigger', 'index') AND sql IS NOT NULL ORDER BY type, name"
    ).fetchall()
    for kind, name, _sql in dropped:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    loader = _Loader(conn, rng, now)

    def step(label: str) -> None:
        if not quiet:
            print(
                f"{time.perf_counter() - started:6.1f} s  ({time.process_time():5.1f} s CPU)"
                f"  {label}",
                file=sys.stderr,
            )

    context_ids, group_ids, _group_context = loader.contexts_and_groups()
    loader.contacts(contacts, context_ids)
    step("contacts")
    loader.methods(contacts)
    loader.links(contacts, context_ids, group_ids)
    step("methods, contexts, groups")
    made, participants = loader.interactions(interactions, contacts, group_ids)
    step("interactions")
    loader.followups(followups, contacts)
    for kind, _name, sql in dropped:
        if kind == "index":
            conn.execute(sql)
    step("indexes")
    _rebuild_derived(conn, step)
    step("search index and recency")
    for kind, _name, sql in dropped:
        if kind == "trigger":
            conn.execute(sql)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = wal")
    conn.close()
    step("done")
    return Generated(out, contacts, made, participants, followups, 1, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Build a large Entregent database for the benchmarks.",
    )
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--followups", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    made = generate(
        args.out,
        contacts=args.contacts,
        interactions=args.interactions,
        followups=args.followups,
        seed=args.seed,
        quiet=False,
    )
    print(
        f"{made.path}: {made.contacts} people, {made.interactions} interactions "
        f"({made.participants} participations), {made.followups} follow-ups "
        f"in {made.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
