import re

import pytest
from playwright.sync_api import expect

from .conftest import check_page

pytestmark = pytest.mark.browser


def test_positions_matrix_to_topic_to_country_to_event(loaded_site, reader):
    page = reader
    page.goto(loaded_site.url + "/en/")
    expect(page.get_by_role("heading", name="Both positions in brief")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Positions"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/positions/$"))
    headers = page.locator(".positions-matrix thead th")
    expect(headers.nth(1)).to_have_text("Japan")
    expect(headers.nth(2)).to_have_text("Russia")
    check_page(page, "positions")

    page.get_by_role("link", name="The 1956 Joint Declaration").first.click()
    expect(page.locator("h1")).to_have_text("The 1956 Joint Declaration")
    expect(page.locator("#position-japan")).to_be_visible()
    expect(page.locator("#position-russia")).to_be_visible()
    japan, russia = (
        page.locator(f"#position-{side}").bounding_box() for side in ("japan", "russia")
    )
    assert japan["y"] == russia["y"] and japan["x"] < russia["x"]
    dates = page.locator(".statement-list time").evaluate_all(
        "nodes => nodes.map(node => node.getAttribute('datetime'))"
    )
    assert len(dates) >= 2 and dates == sorted(dates)
    check_page(page, "topic")

    page.set_viewport_size({"width": 375, "height": 900})
    japan, russia = (
        page.locator(f"#position-{side}").bounding_box() for side in ("japan", "russia")
    )
    assert japan["y"] < russia["y"]

    page.get_by_role("link", name="Russia on every topic").click()
    expect(page.locator("h1")).to_contain_text("Russia")
    check_page(page, "country")

    page.locator(".statement-source a[href^='/en/timeline/']").first.click()
    expect(page.get_by_role("heading", name="What was said")).to_be_visible()
    check_page(page, "event-with-statements")
