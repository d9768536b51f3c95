"""Run one import (or one merge) in a process of its own, for the robustness tests.

    python tests/import_runner.py DB FILE [--create-contacts]
    python tests/import_runner.py DB --merge KEEP_ID OTHER_ID

Prints one JSON line: the outcome ("imported", "refused" with the error, or
"bug" with the traceback), the seconds it took and the peak memory (MB). With
``--progress`` it also prints "progress DONE TOTAL" lines while it works, and
"started" when the work begins (the kill tests aim between the two).
The parent process sets the resource limits (see test_hostile_inputs.py).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import traceback


def _import_file():
    from entregent.services.imports.dispatch import import_file

    return import_file


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from entregent.errors import UserError
    from entregent.services.storage.session import open_session

    database, *rest = argv
    show_progress = "--progress" in rest
    open_session(database, apply_language=False)

    def progress(done, total):
        if show_progress:
            print(f"progress {done} {total}", flush=True)

    out: dict = {}
    start = time.perf_counter()
    print("started", flush=True)
    try:
        if rest[0] == "--merge":
            from entregent.services.people.merge import merge_contacts

            merge_contacts(int(rest[1]), int(rest[2]))
            out["outcome"] = "merged"
        else:
            report = _import_file()(
                rest[0], create_contacts="--create-contacts" in rest, progress=progress
            )
            out.update(
                outcome="imported",
                new=report.new,
                updated=report.updated,
                rejected=[[p.line, p.reason[:200]] for p in report.rejected[:20]],
                n_rejected=len(report.rejected),
                n_skipped=len(report.skipped_lines),
                lines_ok=all(
                    isinstance(p.line, int) and p.line >= 1
                    for p in [*report.rejected, *report.skipped_lines]
                ),
            )
    except UserError as exc:
        out.update(outcome="refused", error=str(exc)[:1000], named_file=bool(exc.path))
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails
        out.update(
            outcome="bug",
            error=f"{type(exc).__name__}: {str(exc)[:500]}",
            traceback=traceback.format_exc()[-4000:],
        )
    out["seconds"] = round(time.perf_counter() - start, 3)
    out["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
