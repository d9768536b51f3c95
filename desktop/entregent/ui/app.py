"""Starting the desktop app: ``run_app`` (called by ``entregent`` with no command).

It opens the database (one running app per database), shows the main window,
and opens the import wizard on the files given. ``--screenshot OUT.png --view
home|people|person|network`` renders the window offscreen to a PNG and exits;
``--theme light|dark`` chooses the palette of this run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from entregent import APP_ID


def application():
    """The QApplication the window runs in (made once, named for its settings)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("Entregent")
    QCoreApplication.setApplicationName("Entregent")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QGuiApplication.setDesktopFileName(APP_ID)
    return app


# The modules without Qt that the window reads through before its first paint.
# They are imported before PySide6 is: PySide6's import hook reads the source of
# every module imported after it (looking for ``from __feature__``), a fifth of
# a millisecond each.
_BEFORE_QT = (
    "entregent.services.storage.session",
    "entregent.services.storage.backup",
    "entregent.model.storage_guard",
    "entregent.services.people.listing",
    "entregent.services.people.contexts",
    "entregent.services.people.search",
    "entregent.services.storage.db_watch",
    "entregent.i18n_dates",
    # and those the detail pane reads through once the list has painted (the first
    # person is shown from the start)
    "entregent.services.people.detail",
    "entregent.services.relations.interactions",
    "entregent.network.kinds",
    "entregent.contact_labels",
)


def run_app(*, db_path, files, screenshot, view, demo, theme=None) -> int:
    """Open the main window on ``db_path``; returns the exit code. ``theme``
    ("system", "light", "dark") overrides the Appearance setting for this run."""
    import importlib

    for name in _BEFORE_QT:
        importlib.import_module(name)
    from entregent.errors import UserError
    from entregent.services.storage.session import close_session, open_session
    from entregent.ui.errors_dialog import error_box
    from entregent.ui.icons import app_icon
    from entregent.ui.instance_lock import acquire_lock

    app = application()
    app.setWindowIcon(app_icon())
    db_path = Path(db_path)
    try:
        lock = acquire_lock(db_path)
        open_session(db_path, daily_backup=False)  # made after the first paint, below
    except UserError as exc:
        if screenshot:
            print(f"entregent: {exc}", file=sys.stderr)
        else:
            error_box(None, exc).exec()
        return exc.exit_code
    try:
        _install_translations(app)
        _apply_theme(app, theme)
        from entregent.ui.main_window import MainWindow

        # The day's copy is made on a worker once the window has painted.
        window = MainWindow(db_path, demo=demo, restore_state=not screenshot, daily_backup=True)
        if os.environ.get("ENTREGENT_REPORT_SETTLED"):
            window.settled.connect(lambda: print("entregent: settled", flush=True))
        if screenshot:
            return render_screenshot(window, Path(screenshot), view or "home")
        window.show()
        if files:
            window.open_import([str(f) for f in files])
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, window.close)
        code = app.exec()
        window.context.workers.join()
        return code
    finally:
        close_session()
        lock.unlock()


def _apply_theme(app, theme: str | None) -> None:
    """Light or dark as asked (else as the setting says), following the
    computer's changes when that is "system"."""
    from entregent.services.settings import read_setting
    from entregent.ui.theme import apply_theme, watch

    apply_theme(app, theme or read_setting("theme"))
    watch().follow_system(app)


def _install_translations(app) -> None:
    try:
        from entregent.ui.translations import install_qt_translations
    except ImportError:
        return
    install_qt_translations(app)


def render_screenshot(window, out: Path, view: str) -> int:
    """Show ``view`` in ``window``, wait until it is complete, grab it to ``out``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.resize(1360, 840)
    if view in ("home", "network"):
        window.sidebar.select(view)
    else:
        window.sidebar.select("all")
    window.show()
    _wait_until(window.is_settled)
    if view == "person":
        window.people_view.select_row(_interesting_row(window))
        _wait_until(lambda: not window.context.workers.busy(foreground=True))
    if view == "network":
        _wait_until(lambda: not window.context.workers.busy(foreground=True))  # the layout
        view_widget = window.network_view
        view_widget.canvas.fitInView(
            view_widget.scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio
        )
        QApplication.processEvents()
    QApplication.processEvents()
    image = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(str(out), "PNG")
    window.close()
    return 0 if ok else 1


SETTLE_LIMIT_S = 120  # a window that never completes is grabbed as it is


def _wait_until(condition) -> None:
    """Run the event loop until ``condition()`` holds (looked at every few
    milliseconds; the loop sleeps in between), then deliver what is pending."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    if not condition():
        loop = QEventLoop()
        look = QTimer()
        look.setInterval(5)
        look.timeout.connect(lambda: condition() and loop.quit())
        QTimer.singleShot(SETTLE_LIMIT_S * 1000, loop.quit)
        look.start()
        loop.exec()
        look.stop()
    QApplication.processEvents()


def _interesting_row(window) -> int:
    """The first of the first rows with the most contexts and a past contact."""
    model = window.people_model
    best, best_score = 0, -1
    for row in range(min(model.rowCount(), 60)):
        person = model.person(row)
        if person is None:
            continue
        score = (
            len(person.contexts) * 2
            + (person.last_interaction_at is not None) * 3
            + (person.photo is not None)
            + (person.next_followup_on is not None)
        )
        if score > best_score:
            best, best_score = row, score
    return best
