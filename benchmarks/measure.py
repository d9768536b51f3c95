"""Timing, rows, and the databases the benchmarks share.

Every figure is a median of at least ``RUNS`` runs. The big database is built
once by ``generate`` and kept in a cache folder (``$ENTREGENT_BENCH_DIR``, else
the system temp folder) under a name that changes whenever the generator or the
schema does, so a stale file is never measured.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 5
PACKAGE = Path(__file__).resolve().parent
REPO = PACKAGE.parent

# people, interactions, follow-ups
FULL_SIZES = (100_000, 1_000_000, 10_000)
QUICK_SIZES = (2_000, 20_000, 200)

# "wall" (the default: what a person waits) or "cpu" (this process's CPU time,
# or a child's user + system time): on a machine shared with other busy work,
# CPU time leaves out the waiting for other people's processes.
CLOCKS = ("wall", "cpu")
clock_kind = os.environ.get("ENTREGENT_BENCH_CLOCK", "wall")


def now() -> float:
    """The benchmark clock: wall (perf_counter) or this process's CPU time."""
    return time.process_time() if clock_kind == "cpu" else time.perf_counter()


def children_cpu() -> float:
    """User + system seconds of this process's finished (waited-for) children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_child(command: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    """Run a whole process: its duration on the benchmark clock, and what it printed."""
    wall, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - wall, children_cpu() - cpu
    return (cpu if clock_kind == "cpu" else wall), done


def median_of(function: Callable[[], object], runs: int = RUNS, *, warmup: int = 1) -> float:
    """The median time of ``function`` (benchmark clock, seconds) after ``warmup`` calls."""
    for _ in range(warmup):
        function()
    return statistics.median(times_of(function, runs))


def times_of(function: Callable[[], object], runs: int = RUNS) -> list[float]:
    samples = []
    for _ in range(runs):
        started = now()
        function()
        samples.append(now() - started)
    return samples


def percentile(samples: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (0.95 for p95), by linear interpolation."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def row(
    name: str, measured: float | None, baseline: float | None, target: str = "—", **extra
) -> dict:
    """A table row; the ratio is measured / baseline when both are known."""
    ratio = measured / baseline if measured is not None and baseline else None
    return {
        "name": name,
        "measured_s": measured,
        "baseline_s": baseline,
        "ratio": ratio,
        "target": target,
        **extra,
    }


def skipped(name: str, note: str, target: str = "—") -> dict:
    return row(name, None, None, target, met=None, note=note)


_TARGET = re.compile(r"(≤|<=|<)\s*\+?\s*([\d.]+)\s*(×|x|ms|s|MiB)?", re.IGNORECASE)


def target_met(entry: dict) -> bool | None:
    """Whether a row meets its target, read from the target text (None: no target)."""
    if "met" in entry:
        return entry["met"]
    match = _TARGET.search(entry.get("target") or "")
    if not match or entry.get("measured_s") is None:
        return None
    sign, number, unit = match.group(1), float(match.group(2)), (match.group(3) or "")
    if unit in ("×", "x", "X"):
        value = entry.get("ratio")
    elif unit == "MiB":
        value = entry["measured_s"] - (entry.get("baseline_s") or 0.0)
    else:
        value = entry["measured_s"] * (1000.0 if unit == "ms" else 1.0)
    if value is None:
        return None
    return value < number if sign == "<" else value <= number


def cache_dir() -> Path:
    folder = Path(
        os.environ.get("ENTREGENT_BENCH_DIR")
        or Path(tempfile.gettempdir()) / "entregent-benchmarks"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _generator_fingerprint() -> str:
    from entregent.model.migrations import CURRENT_VERSION

    digest = hashlib.sha256(str(CURRENT_VERSION).encode())
    for name in ("generate.py", "sample_text.py"):
        digest.update((PACKAGE / name).read_bytes())
    return digest.hexdigest()[:12]


def big_database(quick: bool) -> Path:
    """The generated database for this size (built on first use, then reused)."""
    contacts, interactions, followups = QUICK_SIZES if quick else FULL_SIZES
    return generated_database(contacts, interactions, followups)


def generated_database(
    contacts: int, interactions: int, followups: int, *, prefix: str = "generated"
) -> Path:
    """A database built by ``benchmarks.generate`` at these sizes, cached under a
    name that changes with the generator and the schema."""
    from benchmarks.generate import generate

    path = cache_dir() / (
        f"{prefix}-{contacts}-{interactions}-{followups}-{_generator_fingerprint()}.sqlite3"
    )
    if not path.exists():
        partial = path.with_suffix(".partial")
        note(f"building a database of {contacts:,} people and {interactions:,} interactions…")
        made = generate(partial, contacts=contacts, interactions=interactions, followups=followups)
        note(f"built in {made.seconds:.1f} s")
        partial.rename(path)
    return path


def working_copy(source: Path, name: str) -> Path:
    """A fresh copy of ``source`` that a benchmark may open, write and lock."""
    target = cache_dir() / "work" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in (
        target,
        target.with_name(target.name + "-wal"),
        target.with_name(target.name + "-shm"),
    ):
        stale.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    # The copy's pages written out now, not while something is measured: the
    # kernel flushing a 700 MB copy in the background took CPU from the runs
    # that followed (startup measured up to a fifth slower just after a copy).
    if hasattr(os, "sync"):
        os.sync()
    return target


def child_environment(home: Path | None = None) -> dict[str, str]:
    """Environment for measured subprocesses: offscreen, settings kept out of the user's."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = home or cache_dir() / "home"
    for variable, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[variable] = str(home / sub)
    env.pop("ENTREGENT_DB", None)
    # Compiled modules cached as an installed app has them (pip compiles at install),
    # in a folder of their own rather than beside the sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


def note(text: str) -> None:
    print(f"  … {text}", file=sys.stderr, flush=True)


_read_copies: dict[bool, Path] = {}


def read_database(quick: bool) -> Path:
    """One working copy of the big database per run, for the benchmarks that only read it."""
    if quick not in _read_copies:
        _read_copies[quick] = working_copy(
            big_database(quick), f"read-{'quick' if quick else 'full'}.sqlite3"
        )
    return _read_copies[quick]


# Typed one key at a time in the search benchmarks: a five-letter first name,
# frequent in the generated names, whose first keys match a good share of them.
TYPED_NAME = "Chloé"


def keystrokes(text: str = TYPED_NAME) -> list[str]:
    return [text[: n + 1] for n in range(len(text))]


def print_rows(rows: list[dict]) -> None:
    """One benchmark module's rows as a small table (for running a module alone)."""
    width = max([len(r["name"]) for r in rows] + [9])
    print(f"{'benchmark':{width}} {'measured':>9} {'baseline':>9} {'ratio':>7}  target")
    for entry in rows:
        measured, baseline, ratio = (entry.get(k) for k in ("measured_s", "baseline_s", "ratio"))
        print(
            f"{entry['name']:{width}} "
            + (f"{measured:8.3f}s " if measured is not None else f"{'—':>9} ")
            + (f"{baseline:8.3f}s " if baseline is not None else f"{'—':>9} ")
            + (f"{ratio:6.2f}×  " if ratio is not None else f"{'—':>7}  ")
            + str(entry.get("target", ""))
        )
    for entry in rows:
        if entry.get("note"):
            print(f"  {entry['note']}")


def standalone(
    run: Callable[[bool], list[dict]], doc: str | None, argv: list[str] | None = None
) -> int:
    """``python benchmarks/<module>.py [--quick]``: run one module and print its rows."""
    import argparse

    parser = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    print_rows(run(parser.parse_args(argv).quick))
    return 0
