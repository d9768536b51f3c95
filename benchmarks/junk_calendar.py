"""A calendar of junk refused (issue 16): BEGIN:VCALENDAR, 150 MB of random
printable lines, END:VCALENDAR. Measured: ``import_file`` into a fresh database
until it refuses the file. Baseline: reading the same bytes and decoding them as
UTF-8, the least any importer does before it can look at a line.

    python -m benchmarks.junk_calendar [--quick]   (--quick: 15 MB)
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import measure  # noqa: E402

TARGET = "≤ 3×"


def junk_calendar(size: int, *, seed: int = 16) -> bytes:
    """BEGIN:VCALENDAR, ``size`` bytes of random printable lines (about 100 bytes
    each, no colon), END:VCALENDAR."""
    table = bytes((10 if b % 101 == 0 else 33 + b % 25 + (b // 25) % 3 * 25) for b in range(256))
    body = random.Random(seed).randbytes(size).translate(table)
    return b"BEGIN:VCALENDAR\r\n" + body + b"\r\nEND:VCALENDAR\r\n"


def main(argv: list[str]) -> int:
    size = 15_000_000 if "--quick" in argv else 150_000_000
    from entregent.errors import UserError
    from entregent.model.database import open_database
    from entregent.services.imports.dispatch import import_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "junk.ics"
        path.write_bytes(junk_calendar(size))
        open_database(Path(folder) / "db.sqlite3")

        def refuse() -> None:
            try:
                import_file(path)
            except UserError:
                return
            raise AssertionError("the junk calendar was not refused")

        def bare() -> None:
            path.read_bytes().decode("utf-8")

        ours = measure.median_of(refuse, runs=3)
        base = measure.median_of(bare, runs=3)
    print(
        f"junk calendar of {size / 1e6:.0f} MB: refused in {ours:.2f} s; "
        f"read and decoded in {base:.2f} s; ratio {ours / base:.2f}× (target {TARGET})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
