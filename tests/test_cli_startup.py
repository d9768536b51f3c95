"""A plain GUI start does not import the command modules; --help still lists them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from entregent.cli import _asks_help, command_names, main


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


@pytest.mark.parametrize(
    ("argv", "asks"),
    [
        ([], False),
        (["--db", "x"], False),
        (["-h"], True),
        (["--help"], True),
        (["--he"], True),
        (["--demo", "--h"], True),
        (["--", "-h"], False),
        (["--debug"], False),
    ],
)
def test_asks_help(argv, asks):
    assert _asks_help(argv) is asks


def test_help_without_a_command_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "Commands:" in out
    assert all(name in out for name in command_names())
