"""`mypy` (configured in pyproject.toml) finds no error in the strictly typed layers.

The layers below the GUI — the storage model, the vCard/iCalendar readers and
writers, the network analysis — are checked with every ``--strict`` flag; this
test keeps them that way.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from mypy import api

REPO = Path(__file__).resolve().parents[1]


def _configured_files() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["mypy"]["files"])


def test_strict_layers_are_configured() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    strict = [o for o in config["overrides"] if o.get("disallow_untyped_defs")]
    assert len(strict) == 1
    checked_packages = {
        "entregent." + Path(folder).relative_to("desktop/entregent").as_posix().replace("/", ".")
        for folder in config["files"]
    }
    assert {module.removesuffix(".*") for module in strict[0]["module"]} >= checked_packages


def test_mypy_reports_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    stdout, stderr, status = api.run(["--cache-dir", str(tmp_path / "mypy-cache")])
    assert status == 0, stdout + stderr
    expected = sum(1 for folder in _configured_files() for _ in (REPO / folder).rglob("*.py"))
    found = re.search(r"Success: no issues found in (\d+) source files", stdout)
    assert found is not None, stdout
    assert int(found.group(1)) == expected, stdout
