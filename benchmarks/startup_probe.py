"""The child process of the startup benchmark (``python -m benchmarks.startup_probe``).

``app DB``: starts Entregent exactly as ``entregent --db DB`` does (the CLI
entry point, its argument parsing, ``ui.app.run_app``); ``bare``: a bare
PySide6 script showing a ``QMainWindow`` around an empty ``QTableView``. In
both, an application-wide event filter waits for the table to paint (in the
app: the people list with rows in it), then prints ``painted <peak RSS in
KiB>`` and leaves at once, so that only the way up is measured (with
``ENTREGENT_PROBE_PROFILE`` set it quits normally instead, for a profiler:
``pyinstrument -m benchmarks.startup_probe app DB``).
"""

from __future__ import annotations

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

    make_application = app_module._application

    def application_watched():
        app = make_application()
        _watch(app, wants_rows=True)
        return app

    app_module._application = application_watched
    return main(["--db", database])


if __name__ == "__main__":
    _give_up_after(float(os.environ.get("ENTREGENT_PROBE_TIMEOUT", "120")))
    if sys.argv[1] == "bare":
        sys.exit(bare())
    sys.exit(entregent(sys.argv[2]))
