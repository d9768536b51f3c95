"""The demo network: building it from the seeds, and a fresh copy from the cache.

Built: ``build_demo_database`` (the four seed files through ``import_file``, the
journal through the networking services, the dates moved to today). Baseline:
importing the same four files alone into a new database, so the ratio is what
the journal and the date shift add. Then ``fresh_demo_database`` with the
template already cached (a copy and the date shift: what ``entregent --demo``
waits for) against a bare copy of the template file.

    python -m benchmarks.demo_build [--quick]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import measure  # noqa: E402

ORDER = 80
BUILD_TARGET = "< 5 s"
COPY_TARGET = "< 1 s"


def _import_seeds_only(path: Path) -> None:
    from entregent.paths import seeds_dir
    from entregent.services.demo.journal import apply_journal_settings, read_journal
    from entregent.services.imports.dispatch import import_file
    from entregent.services.storage.session import close_session, open_session

    open_session(path, apply_language=False)
    try:
        apply_journal_settings(read_journal(seeds_dir()))
        folder = seeds_dir()
        for seed in sorted(folder.glob("*.vcf")) + sorted(folder.glob("*.ics")):
            import_file(seed)
    finally:
        close_session()


def _timed(function) -> float:
    started = measure.now()
    function()
    return measure.now() - started


def run(quick: bool) -> list[dict]:
    from entregent.services.demo.builder import (
        build_demo_database,
        demo_template,
        fresh_demo_database,
    )

    runs = 1 if quick else 5
    folder = Path(tempfile.mkdtemp(prefix="entregent-bench-demo-"))
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")  # never the user's own cache
    try:
        built, imported = [], []
        for n in range(runs):
            built.append(_timed(lambda n=n: build_demo_database(folder / f"built{n}.sqlite3")))
            imported.append(_timed(lambda n=n: _import_seeds_only(folder / f"bare{n}.sqlite3")))
        template, _report = demo_template()
        copies, bare = [], []
        for n in range(max(runs, 3)):
            started = measure.now()
            demo = fresh_demo_database()
            copies.append(measure.now() - started)
            shutil.rmtree(demo.parent, ignore_errors=True)
            bare.append(_timed(lambda n=n: shutil.copyfile(template, folder / f"copy{n}")))
    finally:
        if saved is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = saved
        shutil.rmtree(folder, ignore_errors=True)
    build, base = statistics.median(built), statistics.median(imported)
    copy, copy_base = statistics.median(copies), statistics.median(bare)
    return [
        {
            "name": "demo built from the seeds (327 people, a year of calendar, journal)",
            "measured_s": build,
            "baseline_s": base,
            "ratio": build / base,
            "target": BUILD_TARGET,
            "note": "baseline: the same seed files imported alone, without the journal",
        },
        {
            "name": "entregent --demo: a fresh copy of the cached demo, dates moved to today",
            "measured_s": copy,
            "baseline_s": copy_base,
            "ratio": copy / copy_base,
            "target": COPY_TARGET,
        },
    ]


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    for row in run(parser.parse_args().quick):
        print(
            f"{row['name']}: {row['measured_s']:.3f} s "
            f"(baseline {row['baseline_s']:.3f} s, ×{row['ratio']:.1f})"
        )
