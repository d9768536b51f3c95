"""The window remembers its splitter between runs: two real processes from an
empty HOME, the first moves the panes and quits, the second starts with them
where they were (QSettings' own file under the HOME's config folder)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.fresh_home import fresh_env

# One run of the window as ``entregent`` opens it (ui.app's application, the
# session, a MainWindow that restores and saves its state); it prints the
# splitter's sizes once the window has painted, moves them when asked, and quits.
RUN = """
import json, sys
from pathlib import Path
from entregent.ui.app import application
from entregent.services.storage.session import open_session
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = application()
open_session(Path(sys.argv[1]), daily_backup=False)
from entregent.ui.main_window import MainWindow
window = MainWindow(Path(sys.argv[1]))
window.show()
window.resize(1280, 800)  # the offscreen screen is 800x600: restoreGeometry clamps to it
for _ in range(20):
    QApplication.processEvents()
window.detail_pane  # built after the first paint, as in a real start
QApplication.processEvents()
before = window.splitter.sizes()
if len(sys.argv) > 2:
    window.splitter.setSizes(json.loads(sys.argv[2]))
    QApplication.processEvents()
moved = window.splitter.sizes()
window.close()
window.context.workers.join()
print(json.dumps({"before": before, "moved": moved, "file": QSettings().fileName()}))
"""


def _run(home, db, *sizes) -> dict:
    args = [sys.executable, "-c", RUN, str(db)] + ([json.dumps(list(sizes))] if sizes else [])
    done = subprocess.run(
        args, env=fresh_env(home), cwd=home, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_splitter_sizes_come_back_after_a_restart(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    db = tmp_path / "entregent.sqlite3"
    first = _run(home, db, 300, 560, 420)
    settings_file = home / ".config" / "Entregent" / "Entregent.conf"
    assert first["file"] == str(settings_file) and settings_file.is_file()
    assert "splitter" in settings_file.read_text()
    moved = first["moved"]
    assert moved != first["before"] and moved[0] == 300
    second = _run(home, db)
    assert second["before"] == moved
