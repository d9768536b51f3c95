"""Write the Entregent demo network into this folder (deterministic).

    python3 seeds/make_seeds.py

Writes three address-book exports (an old Android phone in vCard 2.1, an
iPhone in 3.0, a CardDAV server in 4.0), a year of calendar (calendar.ics) and
the journal (journal.json: groups, ties, logged interactions, follow-ups).
Everything comes from the name lists and a seeded random: running it twice
gives the same bytes. The demo loader (entregent.services.demo.builder) imports the
files with the same code users run.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from seedgen_calendar import build_events, write_calendar  # noqa: E402
from seedgen_cards import WRITERS  # noqa: E402
from seedgen_journal import build_journal  # noqa: E402
from seedgen_people import everyone  # noqa: E402

CARD_FILES = {
    "2.1": "contacts-old-android.vcf",
    "3.0": "contacts-iphone.vcf",
    "4.0": "contacts-nextcloud.vcf",
}


def main(folder: Path = HERE) -> None:
    people = everyone(seed=2026)
    rng = random.Random(1126)
    cards: dict[str, list[str]] = {version: [] for version in CARD_FILES}
    for person in people:
        cards[person.fmt].append(WRITERS[person.fmt](person, rng))
    for version, name in CARD_FILES.items():
        (folder / name).write_bytes("".join(cards[version]).encode("utf-8"))
    events = build_events(people, rng)
    (folder / "calendar.ics").write_bytes(write_calendar(events, rng).encode("utf-8"))
    journal = build_journal(people, rng)
    (folder / "journal.json").write_text(json.dumps(journal, ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")
    counts = ", ".join(f"{len(cards[v])} × vCard {v}" for v in CARD_FILES)
    print(f"{len(people)} people ({counts}), {len(events)} calendar events, "
          f"{len(journal['interactions'])} journal interactions")


if __name__ == "__main__":
    main()
