"""``python -m benchmarks [--quick] [--only NAME …]``: run every benchmark, print one table.

Modules are found by name: every module of this package with a ``run(quick)``
function (see ``benchmarks/__init__.py`` for the row shape). A normal full run
writes the table, with the machine and versions, into ``docs/performance.md``
between the two marker lines, leaving the prose around it alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import pkgutil
import platform
import sqlite3
import sys
import time
import traceback
from pathlib import Path

if not __package__:  # run as a script: python benchmarks/__main__.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import benchmarks  # noqa: E402
from benchmarks import measure  # noqa: E402
from benchmarks.measure import REPO, note, target_met  # noqa: E402

DOC = REPO / "docs" / "performance.md"
BEGIN = "<!-- benchmark table: begin (written by python -m benchmarks) -->"
END = "<!-- benchmark table: end -->"


def discover(only: list[str] | None = None) -> list:
    modules = []
    for info in pkgutil.iter_modules(benchmarks.__path__):
        if info.name.startswith("_"):
            continue
        if only and not any(word in info.name for word in only):
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        if callable(getattr(module, "run", None)):
            modules.append(module)
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 50), m.__name__))


def _seconds(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if unit == "count":
        return f"{value:.0f}"
    if value < 0.001:
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def cells(entry: dict) -> list[str]:
    unit = entry.get("unit", "s")
    ratio = entry.get("ratio")
    met = target_met(entry)
    return [
        str(entry.get("name", "?")),
        _seconds(entry.get("measured_s"), unit),
        _seconds(entry.get("baseline_s"), unit),
        "—" if ratio is None else f"{ratio:.2f}×",
        str(entry.get("target") or "—"),
        {True: "yes", False: "NO", None: "—"}[met],
    ]


HEADERS = ["benchmark", "measured", "baseline", "ratio", "target", "met?"]


def text_table(rows: list[dict]) -> str:
    body = [HEADERS] + [cells(r) for r in rows]
    widths = [max(len(line[i]) for line in body) for i in range(len(HEADERS))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip() for line in body
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in cells(r)) + " |" for r in rows]
    return "\n".join(lines)


def notes(rows: list[dict]) -> list[str]:
    return [f"{r['name']}: {r['note']}" for r in rows if r.get("note")]


def machine() -> list[str]:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import PySide6
        from PySide6 import QtCore

        qt = f"Qt {QtCore.qVersion()} (PySide6 {PySide6.__version__})"
    except ImportError:
        qt = "Qt not installed"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    clock = (
        "wall-clock time"
        if measure.clock_kind == "wall"
        else "CPU time (user + system; the machine was shared with other busy work)"
    )
    return [
        f"CPU: {cpu}, {os.cpu_count()} logical cores; load average at start {load}",
        f"Python {platform.python_version()}, {qt}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.system()} {platform.release()}",
        f"Times are {clock}; each figure the median of at least {measure.RUNS} runs",
    ]


def write_doc(rows: list[dict], about: list[str], seconds: float) -> None:
    block = [
        BEGIN,
        "",
        f"Run of {dt.date.today().isoformat()}, {seconds / 60:.1f} minutes in all.",
        "",
    ]
    block += [f"- {line}" for line in about] + [""] + [markdown_table(rows), ""]
    block += [f"- {line}" for line in notes(rows)] + ["", END]
    text = (
        DOC.read_text(encoding="utf-8")
        if DOC.exists()
        else (
            "# Performance\n\nWritten by `python -m benchmarks`; see `benchmarks/` for what each "
            "row measures.\n\n" + BEGIN + "\n" + END + "\n"
        )
    )
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + "\n".join(block) + tail
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(block) + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small sizes, for CI: proves the scripts run, judges no speed",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="run only the modules whose name contains one of these words",
    )
    parser.add_argument(
        "--clock",
        choices=measure.CLOCKS,
        default=measure.clock_kind,
        help="wall time (default) or CPU time (on a machine shared with "
        "other busy work; children: user + system time)",
    )
    parser.add_argument(
        "--no-doc", action="store_true", help="do not write docs/performance.md after a full run"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    measure.clock_kind = args.clock
    started = time.perf_counter()
    about = machine()  # after the clock is chosen: it names it
    for line in about:
        print(line)
    rows: list[dict] = []
    failures = 0
    for module in discover(args.only):
        note(f"{module.__name__} …")
        try:
            produced = module.run(args.quick)
        except Exception as exc:  # one broken benchmark must not hide the others
            failures += 1
            traceback.print_exc()
            produced = [
                {
                    "name": module.__name__.split(".")[-1],
                    "measured_s": None,
                    "baseline_s": None,
                    "ratio": None,
                    "target": "—",
                    "met": False,
                    "note": f"failed: {type(exc).__name__}: {exc}",
                }
            ]
        rows.extend(produced)
    seconds = time.perf_counter() - started
    print()
    print(text_table(rows))
    for line in notes(rows):
        print(f"* {line}")
    print(
        f"\n{len(rows)} figures in {seconds:.0f} s"
        + (" (quick sizes: times are not judged)" if args.quick else "")
    )
    if not args.quick and not args.only and not args.no_doc:
        write_doc(rows, about, seconds)
        print(f"table written to {DOC.relative_to(REPO)}")
    return 1 if failures else 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Leave without tearing Qt down: PySide6 can abort while collecting the
    # widgets of the benchmarks at interpreter exit, after every figure is out.
    os._exit(code)
