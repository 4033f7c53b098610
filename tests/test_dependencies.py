import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Bottom to top: an app may import the apps before it, never those after it.
ORDER = ["timeline", "positions", "dispute_site", "api"]


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def offenders(app):
    higher = set(ORDER[ORDER.index(app) + 1 :])
    return [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in (ROOT / app).rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in higher
    ]


def test_timeline_never_imports_positions():
    assert offenders("timeline") == []


def test_positions_never_imports_the_site_or_the_api():
    assert offenders("positions") == []


def test_the_site_package_never_imports_the_api():
    # It includes the API's URLs by name ("api.urls"), without importing them.
    assert offenders("dispute_site") == []


def test_the_order_knows_every_app():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(ORDER)
