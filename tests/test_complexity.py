"""The house rule of issue 15: no function in ``io/`` or ``services/`` above
radon's grade C (cyclomatic complexity over 20): a long function is cut into
named steps. Checked here so that the rule holds without anyone remembering it."""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_rank, cc_visit

PACKAGE = Path(__file__).resolve().parents[1] / "desktop" / "entregent"


def _blocks(folder: str):
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            yield path.relative_to(PACKAGE), block
            for method in getattr(block, "methods", ()):
                yield path.relative_to(PACKAGE), method


def test_no_function_in_io_or_services_above_grade_c():
    tangled = [
        f"{path}:{block.lineno} {block.name} {cc_rank(block.complexity)} ({block.complexity})"
        for folder in ("io", "services")
        for path, block in _blocks(folder)
        if cc_rank(block.complexity) > "C"
    ]
    assert tangled == []


def test_the_check_sees_a_tangled_function():
    branches = "\n".join(f"    if x == {n}:\n        return {n}" for n in range(25))
    [block] = cc_visit(f"def tangled(x):\n{branches}\n    return -1\n")
    assert block.complexity == 26 and cc_rank(block.complexity) == "D"
