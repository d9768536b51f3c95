"""Searching from the shell: ``entregent search NAME`` vs ``khard list NAME``.

10,000 phone-like cards (names with accents, e-mail, phones, organisation) are
written once as a vdir (one ``.vcf`` per card, what khard reads) and as one
file that ``entregent import`` brings into a new database. Then both commands
run as whole processes, alternating, on the same name; each re-reads what it
needs (khard every card, Entregent its database). Target ≤ 0.1×. Skipped with
a note when khard is not installed (it comes with the test extra).
"""

from __future__ import annotations

import hashlib
import random
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks import sample_text as words
from benchmarks.measure import (
    RUNS,
    cache_dir,
    child_environment,
    note,
    row,
    run_child,
    skipped,
)

ORDER = 70
NAME = "Lefèvre"


def _card(number: int, rng: random.Random) -> str:
    given = NAME_GIVEN if number == 0 else rng.choice(words.GIVEN_NAMES)
    family = NAME if number == 0 else rng.choice(words.FAMILY_NAMES)
    digits = f"{rng.randrange(100_000_000):08d}"
    local = f"{number}.{rng.randrange(1000)}"
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:bench-card-{number:06d}",
        f"N:{family};{given};;;",
        f"FN:{given} {family}",
        f"ORG:{rng.choice(words.ORGANISATIONS) or 'Freelance'}",
        f"TEL;TYPE=CELL:+33 6 {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}",
        f"EMAIL;TYPE=INTERNET:contact{local}@example.org",
        "END:VCARD",
    ]
    return "\r\n".join(lines) + "\r\n"


NAME_GIVEN = "Chloé"


def _executable(name: str) -> list[str] | None:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def _prepare(count: int, entregent: list[str], env: dict) -> tuple[Path, Path]:
    """The vdir, khard's configuration and the imported database (built once, cached)."""
    source = Path(__file__).read_bytes() + Path(words.__file__).read_bytes()
    folder = cache_dir() / f"cards-{count}-{hashlib.sha256(source).hexdigest()[:10]}"
    database = folder / "imported.sqlite3"
    config = folder / "khard.conf"
    if database.exists() and config.exists():
        return database, config
    shutil.rmtree(folder, ignore_errors=True)
    vdir = folder / "vdir"
    vdir.mkdir(parents=True)
    rng = random.Random(11)
    cards = [_card(number, rng) for number in range(count)]
    for number, card in enumerate(cards):
        (vdir / f"bench-card-{number:06d}.vcf").write_text(card, encoding="utf-8", newline="")
    combined = folder / "all.vcf"
    combined.write_text("".join(cards), encoding="utf-8", newline="")
    note(f"importing {count:,} cards with entregent import…")
    partial = folder / "importing.sqlite3"
    done = subprocess.run(
        [*entregent, "--db", str(partial), "import", str(combined)],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"entregent import failed ({done.returncode}): {done.stderr[-2000:]}")
    partial.rename(database)
    config.write_text(
        "[addressbooks]\n[[bench]]\n"
        f"path = {vdir}\n"
        "[general]\neditor = /bin/true\nmerge_editor = /bin/true\n",
        encoding="utf-8",
    )
    return database, config


def _timed(command: list[str], env: dict) -> tuple[float, str]:
    elapsed, done = run_child(command, env)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr[-1000:]}")
    return elapsed, done.stdout


def run(quick: bool) -> list[dict]:
    count = 500 if quick else 10_000
    name = f"CLI search vs khard ({count:,} cards)"
    khard = _executable("khard")
    if khard is None:
        return [
            skipped(name, "khard is not installed (pip install khard, or the test extra)", "≤ 0.1×")
        ]
    entregent = _executable("entregent") or [sys.executable, "-m", "entregent"]
    env = child_environment()
    database, config = _prepare(count, entregent, env)
    ours = [*entregent, "--db", str(database), "search", NAME]
    theirs = [*khard, "-c", str(config), "list", NAME]
    _timed(ours, env)  # warm-up, and a check that both find the same people
    _seconds, listed = _timed(theirs, env)
    _seconds, found = _timed([*ours, "--limit", str(count)], env)
    found_lines = sum(NAME in line for line in found.splitlines())
    listed_lines = sum(NAME in line for line in listed.splitlines())
    measured, baseline = [], []
    for _run in range(RUNS):
        baseline.append(_timed(theirs, env)[0])
        measured.append(_timed(ours, env)[0])
    return [
        row(
            name,
            statistics.median(measured),
            statistics.median(baseline),
            "≤ 0.1×",
            note=f"both whole processes; “{NAME}” found by Entregent in {found_lines} "
            f"people, listed by khard {listed_lines} times",
        )
    ]
