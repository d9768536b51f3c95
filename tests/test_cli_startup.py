"""A plain GUI start does not import the command modules; --help still lists them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from entregent.cli import command_names, main


def test_plain_start_parser_imports_no_command_module():
    code = (
        "import sys\n"
        "from entregent.cli import build_app_parser\n"
        "args = build_app_parser(with_epilog=False).parse_args(['--db', 'x.sqlite3'])\n"
        "loaded = [m for m in sys.modules if m.startswith('entregent.cli.commands.')]\n"
        "print(args.db, len(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["x.sqlite3", "0"]


@pytest.mark.parametrize("argv", [["-h"], ["--help"], ["--he"], ["--demo", "--h"]])
def test_help_in_any_spelling_lists_the_commands(argv, capsys):
    """argparse takes ``--h``, ``--he``… for ``--help``: each shows the commands."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "Commands:" in out and all(name in out for name in command_names())


def test_after_a_double_dash_h_is_a_file_name_not_help(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--", "-h"]) == 2
    out, err = capsys.readouterr()
    assert "Commands:" not in out
    assert f"no such file: {tmp_path / '-h'}" in err


@pytest.mark.parametrize("argv", [[], ["--db", "x.sqlite3"], ["--debug"]])
def test_a_plain_start_imports_no_command_module(argv, tmp_path):
    """Without --help the app starts without reading every command's module
    (the window itself is left out here: ``launch_app`` only records it)."""
    code = (
        "import sys\n"
        "import entregent.cli.app_launch as launch\n"
        "launch.launch_app = lambda args: 0\n"
        "from entregent.cli import main\n"
        f"code = main({argv!r})\n"
        "loaded = [m for m in sys.modules if m.startswith('entregent.cli.commands.')]\n"
        "print(code, loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.split("\n")[-2] == "0 []"


def test_help_without_a_command_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "Commands:" in out
    assert all(name in out for name in command_names())
