"""Nothing outside entregent/ui imports Qt: the core stays usable without a GUI."""

from __future__ import annotations

import ast
from pathlib import Path

import entregent

PACKAGE = Path(entregent.__file__).resolve().parent
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_ui_imports_qt():
    offenders = []
    checked = 0
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui":
            continue
        checked += 1
        for name in _imported_modules(path):
            if name.split(".")[0] in QT_MODULES:
                offenders.append(f"{relative}: {name}")
    assert checked > 10
    assert offenders == []


def test_import_contracts_hold(monkeypatch, capsys):
    """The contracts in pyproject.toml (layers, no Qt below ui/, front ends through
    services, the services' rooms) hold, lazy imports inside functions included."""
    from importlinter.cli import lint_imports

    repo = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(repo)
    monkeypatch.syspath_prepend(str(repo / "desktop"))
    code = lint_imports(config_filename=str(repo / "pyproject.toml"), no_cache=True, no_logo=True)
    output = capsys.readouterr().out
    assert code == 0, output
    assert "0 broken" in output
