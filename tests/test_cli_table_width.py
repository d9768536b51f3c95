"""Command-line tables line up whatever the script: CJK takes two columns, a
combining accent none (the real ``entregent`` command on a real database)."""

from __future__ import annotations

import os
import subprocess
import sys


def _run(tmp_path, *args):
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "LANGUAGE": "en",
    }
    return subprocess.run(
        [sys.executable, "-m", "entregent", "--db", str(tmp_path / "db.sqlite3"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_contexts_table_columns_line_up_with_cjk_and_combining_marks(tmp_path):
    card = tmp_path / "people.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa Martin\r\nN:Martin;Léa;;;\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert _run(tmp_path, "import", str(card)).returncode == 0
    # a context named in Japanese and one written with a combining acute accent
    assert _run(tmp_path, "tag", "Léa", "写真部", "--create").returncode == 0
    assert _run(tmp_path, "tag", "Léa", "Cafe\u0301", "--create").returncode == 0
    result = _run(tmp_path, "contexts")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    from wcwidth import wcswidth

    column = wcswidth(lines[0][: lines[0].index("People")])  # where the counts start
    counts = {}
    for line in lines[2:]:
        cut = next(i for i in range(len(line) + 1) if wcswidth(line[:i]) >= column)
        assert wcswidth(line[:cut]) == column, line
        counts[line[:cut]] = line[cut:].split()[0]

    def count_of(name):
        (count,) = [n for head, n in counts.items() if name in head.split()]
        return count

    assert count_of("写真部") == "1", lines
    assert count_of("Cafe\u0301") == "1", lines
    assert count_of("family") == "0", lines
