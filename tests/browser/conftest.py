"""Browser tests: Playwright drives Debian's Chromium against the live_server.

They are skipped, with a notice, when Chromium is missing; with REQUIRE_BROWSER=1 (as in
CI) a missing Chromium is an error instead.
"""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAS_CHROMIUM = Path(CHROMIUM).exists()
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SERIOUS = {"serious", "critical"}


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "browser" in item.keywords]
    if HAS_CHROMIUM or not browser_items:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError("REQUIRE_BROWSER=1 but Chromium is not installed")
    skip = pytest.mark.skip(reason="Chromium not installed: apt-get install chromium")
    for item in browser_items:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not HAS_CHROMIUM:
        terminalreporter.write_line(
            "NOTE: browser tests were SKIPPED because Chromium is missing "
            "(install it with `apt-get install -y chromium`).",
            yellow=True,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def loaded_site(transactional_db, live_server):
    call_command("setup_site", verbosity=0)
    return live_server


class PageProblems:
    """Console errors and failed requests seen while a page was open."""

    def __init__(self, page):
        self.messages = []
        page.on(
            "console",
            lambda msg: msg.type == "error" and self.messages.append(msg.text),
        )
        page.on("pageerror", lambda error: self.messages.append(str(error)))
        page.on(
            "requestfailed",
            lambda request: self.messages.append(f"failed: {request.url}"),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.messages.append(f"{response.status}: {response.url}")
            ),
        )


@pytest.fixture
def reader(page):
    """A page whose console errors and failed requests the test can assert on."""
    page.problems = PageProblems(page)
    return page


def serious_accessibility_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} scrolls sideways at {width}px"


def check_page(page, name):
    """One h1, no serious axe violation, no sideways scroll, no console error."""
    assert page.locator("h1").count() == 1
    assert serious_accessibility_violations(page) == []
    screenshot(page, name)
    assert page.problems.messages == []
