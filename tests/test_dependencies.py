"""The apps' dependency order, bottom to top: a lower app never imports a higher one."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Bottom to top (DESIGN.md). An app not yet built is simply not found.
ORDER = ["editorial", "timeline", "documents", "positions", "api", "dispute_site"]


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("app", [app for app in ORDER if (ROOT / app).is_dir()])
def test_an_app_imports_no_app_above_it(app):
    higher = set(ORDER[ORDER.index(app) + 1 :])
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / app).rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in higher
    ]
    assert offenders == []


def test_the_order_is_checked_against_real_code():
    # A test that found no app would pass for nothing.
    assert all(
        (ROOT / app).is_dir()
        for app in ["editorial", "timeline", "documents", "positions"]
    )


def test_timeline_keeps_no_editorial_machinery_of_its_own():
    names = {path.stem for path in (ROOT / "timeline").glob("*.py")}
    assert not names & {"publishing", "editing", "history", "markdown"}
