"""The rules every hostile or broken input must follow, and the mutations that make them.

An import of any file may end in only three ways: it imports (what is broken in
it is rejected item by item, each with its line number), or the importer
refuses the whole file with its own clear ``UserError`` — and then nothing was
stored. Any other exception is a bug. ``check_import`` enforces that, times
each input and counts the inputs tried (``STATS``); an input that breaks the
rules is saved (``$ENTREGENT_FUZZ_FAILURES``, default a temporary folder) so it
can join ``tests/fuzz/``.

Sizes and counts are small by default so that the suite stays fast;
``ENTREGENT_FUZZ_EXAMPLES`` raises the number of fuzzed inputs per test and
``ENTREGENT_HOSTILE_FULL=1`` the sizes of the extreme inputs (100 MB line,
100,000 properties).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from entregent.errors import UserError

from .conftest import CORPUS

FUZZ_DIR = Path(__file__).resolve().parent / "fuzz"
EXAMPLES = int(os.environ.get("ENTREGENT_FUZZ_EXAMPLES", "120"))
FULL_SIZE = os.environ.get("ENTREGENT_HOSTILE_FULL", "") not in ("", "0")
SECONDS_PER_INPUT = 10.0  # the resource guard: "a few seconds" of work (CPU) for one input
WALL_SECONDS_PER_INPUT = 60.0  # and of waiting, on a busy machine
FAILURES = Path(
    os.environ.get("ENTREGENT_FUZZ_FAILURES")
    or Path(tempfile.gettempdir()) / "entregent-fuzz-failures"
)


@dataclass
class FuzzStats:
    tried: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    slowest: dict = field(default_factory=dict)

    slowest_input: dict = field(default_factory=dict)

    def record(self, kind: str, outcome: str, seconds: float, what: str = "") -> None:
        self.tried[kind] += 1
        self.outcomes[(kind, outcome)] += 1
        if seconds > self.slowest.get(kind, 0.0):
            self.slowest[kind] = seconds
            self.slowest_input[kind] = what

    def as_json(self) -> dict:
        return {
            "tried": dict(self.tried),
            "outcomes": {f"{k}:{o}": n for (k, o), n in sorted(self.outcomes.items())},
            "slowest_cpu_seconds": {k: round(v, 3) for k, v in self.slowest.items()},
            "slowest_input": dict(self.slowest_input),
        }


STATS = FuzzStats()


def write_stats() -> None:
    """Append the figures to ``$ENTREGENT_FUZZ_REPORT`` when it is set."""
    target = os.environ.get("ENTREGENT_FUZZ_REPORT")
    if target and STATS.tried:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(STATS.as_json()) + "\n")


def corpus_files(kind: str) -> list[Path]:
    if not CORPUS.is_dir():
        return []
    suffix = ".vcf" if kind == "vcard" else ".ics"
    return sorted(p for p in (CORPUS / kind).rglob(f"*{suffix}") if p.is_file())


def importer(kind: str):
    from entregent.services.imports.dispatch import import_file

    return import_file


def _counts() -> dict:
    from entregent.model.tables import ALL_MODELS

    return {model.__name__: model.select().count() for model in ALL_MODELS}


def _save_failure(data: bytes, suffix: str) -> Path:
    FAILURES.mkdir(parents=True, exist_ok=True)
    path = FAILURES / f"{hashlib.sha1(data).hexdigest()[:16]}{suffix}"
    path.write_bytes(data)
    return path


def check_import(path: Path, kind: str, *, create_contacts: bool = False, what: str = "") -> str:
    """Import ``path`` into the open database; fail unless the outcome is allowed.

    Returns "imported", "imported with rejections" or "refused".
    """
    import_file = importer(kind)
    before = _counts()
    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        report = import_file(path, create_contacts=create_contacts)
    except UserError as exc:
        seconds = time.process_time() - cpu_start
        assert str(exc).strip(), "a refusal must say why"
        assert exc.path, f"a refusal must name the file: {exc}"
        assert _counts() == before, f"refused ({exc}) but something was stored"
        outcome = "refused"
    except BaseException as exc:
        saved = _save_failure(path.read_bytes(), path.suffix)
        raise AssertionError(f"{type(exc).__name__} on an input saved as {saved}: {exc}") from exc
    else:
        seconds = time.process_time() - cpu_start
        for problem in [*report.rejected, *report.skipped_lines]:
            assert isinstance(problem.line, int) and problem.line >= 1, (
                f"a rejection without its line number: {problem}"
            )
            assert problem.reason.strip()
        outcome = "imported with rejections" if report.rejected else "imported"
    wall = time.perf_counter() - start
    STATS.record(kind, outcome, seconds, what or path.name)
    if seconds > SECONDS_PER_INPUT or wall > WALL_SECONDS_PER_INPUT:
        saved = _save_failure(path.read_bytes(), path.suffix)
        raise AssertionError(
            f"one input took {seconds:.1f} s of CPU, {wall:.1f} s in all (saved as {saved})"
        )
    return outcome


# ---------------------------------------------------------------- mutations

_PARAMS = [
    b";ENCODING=QUOTED-PRINTABLE",
    b";ENCODING=BASE64",
    b";ENCODING=b",
    b";CHARSET=SHIFT_JIS",
    b";CHARSET=nonsense",
    b";CHARSET=UTF-16",
    b";TYPE=",
    b";TYPE=CELL,PREF,,,",
    b";VALUE=DATE",
    b";VALUE=URI",
    b";VALUE=PERIOD",
    b";TZID=Nowhere/Else",
    b";TZID=",
    b";X-APPLE-OMIT-YEAR=1604",
    b";LANGUAGE=",
    b";=",
    b";;;",
    b';X-Q="unclosed',
    b";RANGE=THISANDFUTURE",
    b";RELATED=END",
    b';CN="a;b:c"',
    b";PREF=999999999999999999999",
]
_JUNK = [
    b"\x00",
    b"\x00\x00\x00\x00",
    b"\xff\xfe",
    b"\xc3\x28",
    b"\xa0\xa1",
    b"\xed\xa0\x80",
    b"\xf0\x28\x8c\x28",
    b"\xef\xbb\xbf",
    b"\r",
    b"\n",
    b"=",
    b"=\r\n",
    b"\\",
    b";",
    b":",
    b"\t",
    b" ",
]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [data]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    buf = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        i = rng.randrange(len(buf))
        buf[i] ^= 1 << rng.randrange(8) if rng.random() < 0.7 else rng.randrange(256)
    return bytes(buf)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.randint(1, 20))
    return b"".join(lines[:j] + lines[i:j] * rng.randint(1, 5) + lines[j:])


def shuffle_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    window = lines[i : i + rng.randint(2, 30)]
    rng.shuffle(window)
    return b"".join(lines[:i] + window + lines[i + len(window) :])


def random_parameters(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(lines))
        line = lines[i]
        colon = line.find(b":")
        if colon > 0:
            lines[i] = line[:colon] + rng.choice(_PARAMS) + line[colon:]
    return b"".join(lines)


def huge_value(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    size = rng.choice([1_000, 70_000, 300_000, 2_000_000])
    filler = rng.choice([b"A", b"=41", b"\xc3\xa9", b"a,b;c\\n", b"0"]) * (size // 3 + 1)
    line = lines[i].rstrip(b"\r\n")
    lines[i] = line + filler[:size] + b"\r\n"
    return b"".join(lines)


def junk_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 10)):
        buf[rng.randrange(len(buf) + 1) : 0] = rng.choice(_JUNK)
    return bytes(buf)


def nest(
    data: bytes, rng: random.Random, names=(b"VCARD", b"VEVENT", b"VALARM", b"VCALENDAR", b"VTODO")
) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines) + 1)
    depth = rng.choice([2, 10, 200, 3000])
    name = rng.choice(names)
    close = rng.random() < 0.5
    block = b"BEGIN:" + name + b"\r\n"
    inner = block * depth + (b"END:" + name + b"\r\n") * depth if close else block * depth
    return b"".join(lines[:i]) + inner + b"".join(lines[i:])


def many_properties(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    candidates = [
        n
        for n, line in enumerate(lines)
        if b":" in line and not line.upper().startswith((b"BEGIN", b"END"))
    ] or [0]
    i = rng.choice(candidates)
    count = rng.choice([10, 500, 6000, 20_000])
    return b"".join(lines[: i + 1] + [lines[i]] * count + lines[i + 1 :])


def line_endings(data: bytes, rng: random.Random) -> bytes:
    text = data.replace(b"\r\n", b"\n")
    return text.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\r\r\n"]))


def reencode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(["utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis"])
    return text.encode(encoding, errors="replace")


def garbage_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 8)):
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(0, 80))) + b"\r\n"
        lines.insert(rng.randrange(len(lines) + 1), junk)
    return b"".join(lines)


MUTATIONS = (
    flip_bytes,
    truncate,
    duplicate_lines,
    shuffle_lines,
    random_parameters,
    huge_value,
    junk_bytes,
    nest,
    many_properties,
    line_endings,
    reencode,
    garbage_lines,
)


def mutate(
    data: bytes, seed: int, steps: int, *, keep_head: bool = False
) -> tuple[bytes, list[str]]:
    """``steps`` random mutations of ``data``; with ``keep_head`` the first line stays as
    it was, so that the file still looks like what it is and the mutations go deeper."""
    rng = random.Random(seed)
    head = b""
    if keep_head:
        first = _lines(data)[0]
        head, data = first, data[len(first) :]
    applied = []
    for _ in range(steps):
        mutation = rng.choice(MUTATIONS)
        data = mutation(data, rng) if data or mutation is not truncate else data
        applied.append(mutation.__name__)
    return head + data, applied
