"""The first start on a machine where Entregent never ran: an empty HOME, the
real ``entregent`` command (issue 16, "Starting" and the unknown command)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.fresh_home import data_file, run


def _people(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM contact").fetchone()[0]


def test_first_start_creates_the_data_folder_and_opens(tmp_path):
    assert not (tmp_path / ".local").exists()
    done = run(tmp_path, "--screenshot", str(tmp_path / "first.png"))
    assert done.returncode == 0, done.stderr
    assert data_file(tmp_path).is_file()
    assert _people(data_file(tmp_path)) == 0
    assert (tmp_path / "first.png").stat().st_size > 1000


def test_first_command_creates_the_data_folder(tmp_path):
    done = run(tmp_path, "search", "Léa")
    assert done.returncode == 0, done.stderr
    assert data_file(tmp_path).is_file()


def test_db_in_new_folders_is_created_with_its_parents(tmp_path):
    target = tmp_path / "new" / "dir" / "x.sqlite3"
    done = run(tmp_path, "--db", str(target), "--screenshot", str(tmp_path / "s.png"))
    assert done.returncode == 0, done.stderr
    assert target.is_file()
    other = tmp_path / "other" / "deep" / "y.sqlite3"
    done = run(tmp_path, "--db", str(other), "search", "x")
    assert done.returncode == 0, done.stderr
    assert other.is_file()


def test_a_folder_that_cannot_be_made_is_named_exit_2(tmp_path):
    (tmp_path / "plainfile").write_text("not a folder")
    target = tmp_path / "plainfile" / "x.sqlite3"
    for args in (["search", "x"], ["--screenshot", str(tmp_path / "s.png")]):
        done = run(tmp_path, "--db", str(target), *args)
        assert done.returncode == 2, done.stderr
        assert f"cannot create the folder {tmp_path / 'plainfile'}" in done.stderr
        assert "--db PATH" in done.stderr
        assert "Traceback" not in done.stderr


def test_db_and_demo_together_are_refused(tmp_path):
    done = run(tmp_path, "--db", str(tmp_path / "x.sqlite3"), "--demo", "search", "x")
    assert done.returncode == 2
    assert "--db and --demo contradict each other" in done.stderr
    assert not (tmp_path / "x.sqlite3").exists()
    done = run(tmp_path, "--demo", "--db", str(tmp_path / "x.sqlite3"))
    assert done.returncode == 2
    assert "--db and --demo contradict each other" in done.stderr


def test_each_demo_run_removes_its_throw_away_copy(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # read by the child only
    done = run(tmp_path, "--demo", "search", "a")
    assert done.returncode == 0, done.stderr
    done = run(tmp_path, "--demo", "--screenshot", str(tmp_path / "d.png"))
    assert done.returncode == 0, done.stderr
    assert [p.name for p in temp.iterdir() if p.name.startswith("entregent-demo-")] == []
    assert not data_file(tmp_path).exists()  # the user's own file never made by --demo


def test_unknown_command_suggests_the_closest_exit_2_no_window(tmp_path):
    done = run(tmp_path, "serach", "Léa", timeout=30)
    assert done.returncode == 2
    assert "unknown command 'serach' — did you mean 'search'?" in done.stderr
    assert done.stdout == ""
    done = run(tmp_path, "zzzqqq", timeout=30)
    assert done.returncode == 2
    assert "unknown command 'zzzqqq'. Commands: answer, ask, asks," in done.stderr


def test_missing_file_is_an_error_and_opens_nothing(tmp_path):
    done = run(tmp_path, "contacts.vcf", timeout=30)
    assert done.returncode == 2
    assert f"no such file: {tmp_path / 'contacts.vcf'}" in done.stderr
    real = tmp_path / "real.vcf"
    real.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa\r\nEND:VCARD\r\n")
    done = run(tmp_path, str(real), "missing.vcf", timeout=30)
    assert done.returncode == 2
    assert f"no such file: {tmp_path / 'missing.vcf'}. Nothing was opened." in done.stderr
    assert not data_file(tmp_path).exists()


def test_existing_files_without_a_command_open_the_app(tmp_path):
    real = tmp_path / "real.vcf"
    real.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa\r\nEND:VCARD\r\n")
    done = run(tmp_path, str(real), timeout=60)
    assert done.returncode == 0, done.stderr
    assert data_file(tmp_path).is_file()
