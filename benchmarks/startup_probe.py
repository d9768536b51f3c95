"""The child process of the startup benchmark (``python -m benchmarks.startup_probe``).

``app DB``: starts Entregent exactly as ``entregent --db DB`` does (the CLI
entry point, its argument parsing, ``ui.app.run_app``); ``bare``: a bare
PySide6 script showing a ``QMainWindow`` around an empty ``QTableView``. In
both, an application-wide event filter waits for the table to paint (in the
app: the people list with rows in it), then prints ``painted <peak RSS in
KiB>`` and leaves at once, so that only the way up is measured (with
``ENTREGENT_PROBE_PROFILE`` set it quits normally instead, for a profiler:
``pyinstrument -m benchmarks.startup_probe app DB``).

``close DB`` starts ``entregent --db DB`` and closes its window as soon as it
has painted, with the start-up work still in flight, printing ``closing``;
``bare-close`` does the same with the bare window: the parent times each from
that line to the process's end.

``complete DB OUT`` runs ``entregent --db DB --screenshot OUT --view people``
to its end: the app prints ``entregent: settled`` when every start-up count,
badge and card is in; a heartbeat timer on the GUI thread (every 5 ms, from the
first paint on) prints, as the process ends, ``stalls <longest ms> <p99 ms>``:
how late it fired beyond its interval. ``bare-complete OUT`` is its baseline: a
bare PySide6 window that shows itself, grabs itself to OUT and leaves.
"""

from __future__ import annotations

import atexit
import os
import resource
import sys
import threading
import time


def _watch(app, wants_rows: bool) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QAbstractItemView

    paint = QEvent.Type.Paint

    def report() -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # The main (GUI) thread's CPU time since the process began: what the way
        # up cost the thread that paints, whatever workers do beside it.
        sys.stdout.write(f"painted {peak} {time.thread_time():.6f}\n")
        sys.stdout.flush()
        if os.environ.get("ENTREGENT_PROBE_PROFILE"):  # leave normally, for a profiler
            app.exit(0)
            return
        os._exit(0)

    class Watcher(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == paint:
                view = watched.parent()
                if (
                    isinstance(view, QAbstractItemView)
                    and watched is view.viewport()
                    and view.objectName() in ("peopleTableView", "bareTableView")
                    and (not wants_rows or view.model().rowCount() > 0)
                ):
                    QTimer.singleShot(0, report)  # after this paint has finished
            return False

    app._benchmark_watcher = Watcher()
    app.installEventFilter(app._benchmark_watcher)


def _give_up_after(seconds: float) -> None:
    timer = threading.Timer(seconds, lambda: (print("timeout", flush=True), os._exit(3)))
    timer.daemon = True
    timer.start()


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    _watch(app, wants_rows=False)
    window = QMainWindow()
    table = QTableView(window)
    table.setObjectName("bareTableView")
    window.setCentralWidget(table)
    window.resize(1280, 800)
    window.show()
    return app.exec()


def entregent(database: str) -> int:
    # Nothing of PySide6 is imported here before the app does it: as with the
    # ``entregent`` script, what the app imports before the GUI toolkit is not
    # read again by PySide6's import hook (which reads the source of each module
    # imported after it). The watcher goes on the application once it is made.
    from entregent.cli import main
    from entregent.ui import app as app_module

    make_application = app_module.application

    def application_watched():
        app = make_application()
        _watch(app, wants_rows=True)
        return app

    app_module.application = application_watched
    return main(["--db", database])


HEARTBEAT_MS = 5
_HEARTBEATS: list[list[float]] = []  # the heartbeat's gaps (a list that beats fill)


class _StackSampler(threading.Thread):
    """With ``ENTREGENT_PROBE_STALLS`` set: the GUI thread's stack sampled every 2 ms,
    so that each stall over that many ms is printed (to stderr) with where the GUI
    thread was during it: the diagnosis behind the stall figures."""

    def __init__(self, main_id: int):
        super().__init__(daemon=True)
        self.main_id = main_id
        self.samples: list[tuple[float, str]] = []

    def run(self) -> None:
        while True:
            frame = sys._current_frames().get(self.main_id)
            where = []
            while frame is not None and len(where) < 4:
                code = frame.f_code
                if "entregent" in code.co_filename or "benchmarks" in code.co_filename:
                    name = code.co_filename.rsplit("/", 1)[-1]
                    where.append(f"{code.co_qualname} ({name}:{frame.f_lineno})")
                frame = frame.f_back
            self.samples.append((time.perf_counter(), " < ".join(where) or "(Qt)"))
            time.sleep(0.002)

    def explain(self, start: float, end: float, gap_ms: float) -> None:
        from collections import Counter

        seen = Counter(where for when, where in self.samples if start <= when <= end)
        sys.stderr.write(f"stall {gap_ms:.0f} ms:\n")
        for where, count in seen.most_common(3):
            sys.stderr.write(f"    {count * 2:4d} ms  {where}\n")


def _heartbeat(app):
    """Gaps of a 5 ms timer on the GUI thread, from now on (ms beyond its interval)."""
    from PySide6.QtCore import QTimer

    late: list[float] = []
    last = [time.perf_counter()]
    threshold = float(os.environ.get("ENTREGENT_PROBE_STALLS") or 0)
    sampler = None
    if threshold:
        sampler = _StackSampler(threading.main_thread().ident or 0)
        sampler.start()

    def beat() -> None:
        now = time.perf_counter()
        gap = max(0.0, (now - last[0]) * 1000 - HEARTBEAT_MS)
        late.append(gap)
        if sampler is not None and gap > threshold:
            sampler.explain(last[0], now, gap)
        last[0] = now

    timer = QTimer(app)
    timer.setInterval(HEARTBEAT_MS)
    timer.timeout.connect(beat)
    timer.start()
    app._benchmark_heartbeat = timer
    return late


def _report_stalls(late: list[float]) -> None:
    ordered = sorted(late) or [0.0]
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    sys.stdout.write(f"stalls {ordered[-1]:.1f} {p99:.1f} {len(late)}\n")
    sys.stdout.flush()


def _on_main_window_painted(then) -> None:
    """Call ``then(app)`` at the main window's first paint (the hook goes on the
    application once the app has made it, as in ``entregent`` above)."""
    from entregent.ui import app as app_module

    make_application = app_module.application

    def application_watched():
        from PySide6.QtCore import QEvent, QObject

        app = make_application()

        class FirstPaint(QObject):
            def eventFilter(self, watched, event):  # noqa: N802
                if event.type() == QEvent.Type.Paint and watched.objectName() == "mainWindow":
                    app.removeEventFilter(self)
                    then(app)
                return False

        app._benchmark_first = FirstPaint()
        app.installEventFilter(app._benchmark_first)
        return app

    app_module.application = application_watched


def complete(database: str, out: str) -> int:
    from entregent.cli import run

    def painted(app) -> None:
        sys.stdout.write("painted\n")
        sys.stdout.flush()
        _HEARTBEATS.append(_heartbeat(app))

    _on_main_window_painted(painted)
    os.environ["ENTREGENT_REPORT_SETTLED"] = "1"

    def report() -> None:
        _report_stalls(_HEARTBEATS[0] if _HEARTBEATS else [])

    atexit.register(report)  # the command's exit handlers run before its quick end
    sys.argv = ["entregent", "--db", database, "--screenshot", out, "--view", "people"]
    return run()


def close_in_flight(database: str) -> int:
    """``entregent --db DB`` as a person starts it; the moment its list has painted
    (the sidebar's counts, the badges and the detail pane still in flight) the
    window is closed, as by the user: prints ``closing`` then, so that the parent
    times the way out to the process's end."""
    from entregent.cli import run

    def close() -> None:
        from PySide6.QtWidgets import QApplication

        sys.stdout.write("closing\n")
        sys.stdout.flush()
        for window in QApplication.topLevelWidgets():
            if window.objectName() == "mainWindow":
                window.close()

    def painted(app) -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, close)

    _on_main_window_painted(painted)
    sys.argv = ["entregent", "--db", database]
    return run()


def _bare_window_then(then) -> int:
    """A bare PySide6 window that shows itself and, after its first paint, calls
    ``then(app, window)``; the event loop's exit code."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView(window))
    window.resize(1360, 840)

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and watched is window:
                window.removeEventFilter(self)
                QTimer.singleShot(0, lambda: then(app, window))
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


def bare_close() -> int:
    def close(app, window) -> None:
        sys.stdout.write("closing\n")
        sys.stdout.flush()
        window.close()

    return _bare_window_then(close)


def bare_complete(out: str) -> int:
    def grab(app, window) -> None:
        sys.stdout.write("painted\nentregent: settled\n")
        sys.stdout.flush()
        window.grab().save(out, "PNG")
        window.close()
        app.quit()

    code = _bare_window_then(grab)
    _report_stalls([])
    return code


if __name__ == "__main__":
    _give_up_after(float(os.environ.get("ENTREGENT_PROBE_TIMEOUT", "120")))
    if sys.argv[1] == "bare":
        sys.exit(bare())
    if sys.argv[1] == "complete":
        sys.exit(complete(sys.argv[2], sys.argv[3]))
    if sys.argv[1] == "bare-complete":
        sys.exit(bare_complete(sys.argv[2]))
    if sys.argv[1] == "close":
        sys.exit(close_in_flight(sys.argv[2]))
    if sys.argv[1] == "bare-close":
        sys.exit(bare_close())
    sys.exit(entregent(sys.argv[2]))
