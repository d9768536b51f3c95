"""vCard import against plain vobject parsing.

A generated phone export of 10,000 cards (vCard 3.0, CRLF line endings as
phones write them; names with accents, two phones, an e-mail, an organisation;
one card in ten with a ~3 KB photo). Measured, in one run: (a) the baseline,
``vobject.readComponents`` over the whole file; (b) ``import_file`` into a new
database (splitting, repairing, parsing, normalizing phones, storing people,
ways to reach them, source cards and the undo record); (c) the same file
imported again (every card unchanged, found by its hash without parsing).
Targets: b/a ≤ 1.5 and c/a ≤ 0.2.

    python -m benchmarks.import_vcards [--quick]
"""

from __future__ import annotations

import base64
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import measure  # noqa: E402  (the benchmark clock: wall, or CPU)

GIVEN = (
    "Élodie",
    "Jérôme",
    "Zoë",
    "François",
    "Anaïs",
    "Mathéo",
    "Chloé",
    "Noël",
    "Søren",
    "Ana",
    "Joe",
    "Marie",
    "Håkon",
    "Inès",
    "Raphaël",
    "Léa",
    "Çağla",
    "Björn",
)
FAMILY = (
    "Dupré",
    "Müller",
    "Lefèvre",
    "Nguyễn",
    "O'Neil",
    "García",
    "Smith",
    "Benoît",
    "Łukasiewicz",
    "Duval",
    "de la Tour",
    "Le Gall",
    "Öztürk",
    "Ødegaard",
)
ORGS = (
    "Crédit Agricole",
    "Société Générale",
    "Acme Inc.",
    "Mairie de Lyon",
    "Café du Coin",
    "Club de tennis de Nantes",
    "Association des Amis du Musée",
    "Hôpital Saint-Louis",
)


def _fold(line: str) -> list[str]:
    if len(line) <= 75:
        return [line]
    return [line[:75]] + [" " + line[i : i + 74] for i in range(75, len(line), 74)]


def build_cards(count: int, *, seed: int = 3) -> str:
    """A vCard 3.0 text of ``count`` phone-like cards, CRLF line endings."""
    rng = random.Random(seed)
    out: list[str] = []
    for index in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        mobile = "+33 6 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))
        home = "01 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))
        email = f"{given.lower()}.{index}@example.org"
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{family};{given};;;",
            f"FN:{given} {family}",
            f"ORG:{rng.choice(ORGS)}",
            f"TEL;TYPE=CELL;TYPE=pref:{mobile}",
            f"TEL;TYPE=HOME:{home}",
            f"EMAIL;TYPE=INTERNET:{email}",
            f"UID:bench-{seed}-{index}",
        ]
        if index % 10 == 0:
            jpeg = b"\xff\xd8\xff\xe0" + rng.randbytes(3000) + b"\xff\xd9"
            lines += _fold("PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(jpeg).decode())
        lines.append("END:VCARD")
        out.append("\r\n".join(lines) + "\r\n")
    return "".join(out)


def run(quick: bool) -> list[dict]:
    import vobject

    from entregent.model.tables import Contact
    from entregent.services.imports.dispatch import import_file
    from entregent.services.storage.session import close_session, open_session

    count, runs = (500, 5) if quick else (10_000, 3)
    folder = Path(tempfile.mkdtemp(prefix="entregent-bench-vcf-"))
    try:
        path = folder / "phone.vcf"
        path.write_bytes(build_cards(count).encode("utf-8"))
        template = folder / "template.sqlite3"
        open_session(template, apply_language=False)
        close_session()

        baseline = []
        for _ in range(runs):
            started = measure.now()
            with path.open(encoding="utf-8", newline="") as handle:
                parsed = sum(1 for _card in vobject.readComponents(handle))
            baseline.append(measure.now() - started)
        assert parsed == count

        first, again = [], []
        for index in range(runs):
            database = folder / f"run{index}.sqlite3"
            shutil.copyfile(template, database)
            open_session(database, apply_language=False)
            try:
                started = measure.now()
                report = import_file(path)
                first.append(measure.now() - started)
                started = measure.now()
                repeat = import_file(path)
                again.append(measure.now() - started)
                assert report.new == count and not report.rejected, report.as_json()
                assert repeat.new == repeat.updated == 0 and repeat.unchanged == count
                assert Contact.select().count() == count
            finally:
                close_session()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = statistics.median(baseline)
    b, c = statistics.median(first), statistics.median(again)
    note = (
        f"{count} phone cards (10% with a ~3 KB photo), CRLF; baseline "
        f"vobject.readComponents over the file; median of {runs} runs, "
        f"{measure.clock_kind} clock"
    )
    return [
        measure.row(f"vCard import, {count} cards (new database)", b, base, "≤ 1.5×", note=note),
        measure.row(f"vCard re-import, {count} cards (nothing changed)", c, base, "≤ 0.2×"),
    ]


def main(argv: list[str] | None = None) -> int:
    return measure.standalone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
