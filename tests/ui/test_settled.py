"""The complete window: ``--screenshot`` waits until every start-up count, badge
and Home card is filled ("settled", printed when asked), with no fixed sleep;
and the GUI thread imports no calendar or vCard library on the way."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from tests.conftest import FIXTURES

# Run as the ``entregent`` command is, with an audit hook that notes every module
# first imported on the GUI thread once the window has painted.
_PROBE = r"""
import sys, threading
from entregent.ui import main_window

late, painted = [], []
main = threading.main_thread()

def hook(event, args):
    if event == "import" and painted and threading.current_thread() is main:
        late.append(args[0])

sys.addaudithook(hook)
made = main_window.MainWindow.__init__

def noted(self, *args, **kwargs):  # every window the command makes reports its first paint
    made(self, *args, **kwargs)
    self.painted.connect(lambda: painted.append(1))

main_window.MainWindow.__init__ = noted
from entregent.cli import main as entregent
code = entregent(sys.argv[1:])
print("painted:", len(painted))
print("late imports:", " ".join(sorted(set(late))))
sys.exit(code)
"""
HEAVY = (
    "icalendar",
    "recurring_ical_events",
    "vobject",
    "phonenumbers",
    "entregent.io",
    "entregent.network",  # the advisor (list badges): read on a worker
    "entregent.services.relations",
)


def _env(tmp_path) -> dict:
    env = dict(os.environ)
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / "home")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["ENTREGENT_REPORT_SETTLED"] = "1"
    return env


def test_the_screenshot_waits_for_the_complete_window(tmp_path):
    network = tmp_path / "network.sqlite3"
    shutil.copyfile(FIXTURES / "schema_v9.sqlite3", network)
    for view in ("home", "people"):
        out = tmp_path / f"{view}.png"
        run = subprocess.run(
            [sys.executable, "-c", _PROBE, "--db", str(network), "--screenshot", str(out)]
            + ["--view", view],
            capture_output=True,
            text=True,
            env=_env(tmp_path),
            timeout=300,
        )
        assert run.returncode == 0, run.stderr
        lines = run.stdout.splitlines()
        assert "entregent: settled" in lines, run.stdout
        assert "painted: 1" in lines, run.stdout  # the probe saw the first paint
        assert out.stat().st_size > 10_000
        late = lines[-1].removeprefix("late imports:").split()
        assert lines[-1].startswith("late imports:")
        assert [name for name in late if name.startswith(HEAVY)] == []


def test_settled_means_counts_badges_and_cards_filled(qtbot, db):
    from entregent.model.tables import Contact
    from entregent.ui.main_window import MainWindow

    for n in range(5):
        Contact.create(display_name=f"Person {n}", given_name=f"Person {n}", cadence_days=7)
    window = MainWindow(db, restore_state=False)
    qtbot.addWidget(window)
    seen = []
    window.settled.connect(lambda: seen.append(window.is_settled()))
    assert not window.is_settled()  # not even painted
    window.show()
    try:
        qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
        assert seen == [True]
        assert window.sidebar.filled
        assert window.sidebar.item("due").text(1) == "0"  # created today: none overdue
        assert not window.people_model.badges_pending()
        assert not window.context.workers.busy(foreground=True)
    finally:
        window.close()
        window.context.workers.join()
