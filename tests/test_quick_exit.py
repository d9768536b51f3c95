"""After a window session the ``entregent`` command ends its process at once
(issue 19: exit within a tenth of a second of the close): what must be on disk by
then is — the window's state, the database whole and unlocked, the demo's copy gone."""

from __future__ import annotations

import sqlite3

from tests.fresh_home import data_file, run


def test_a_window_session_ends_with_everything_written(tmp_path):
    # Offscreen, the window opens, paints and is closed at once (the smoke run).
    done = run(tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    state = (tmp_path / ".config" / "Entregent" / "Entregent.conf").read_text()
    assert "[window]" in state and "geometry=" in state and "sidebar=all" in state
    database = data_file(tmp_path)
    assert sorted(p.name for p in database.parent.iterdir()) == [database.name]  # no lock
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA user_version").fetchone()[0] >= 9


def test_the_exit_code_of_a_window_session_is_kept(tmp_path):
    # The screenshot cannot be saved (its path is a folder): the session returns 1,
    # and the quick end passes it on.
    (tmp_path / "shot.png").mkdir()
    done = run(tmp_path, "--screenshot", str(tmp_path / "shot.png"), timeout=60)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
