import ast
from pathlib import Path

TIMELINE = Path(__file__).resolve().parent.parent / "timeline"


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_timeline_never_imports_positions():
    offenders = [
        f"{path.relative_to(TIMELINE.parent)} imports {module}"
        for path in TIMELINE.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] == "positions"
    ]
    assert offenders == []
