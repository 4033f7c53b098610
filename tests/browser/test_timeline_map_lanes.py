"""The visual timeline, the borders map and the topic lanes, as a reader uses them."""

import pytest
from playwright.sync_api import expect

from .conftest import check_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [375, 1280])
def test_strip_marks_are_24_px_targets_and_a_phone_opens_at_the_recent_end(
    loaded_site, reader, width
):
    page = reader
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(loaded_site.url + "/en/timeline/")
    sizes = page.locator(".strip-hit").evaluate_all(
        "nodes => nodes.map(node => node.getBoundingClientRect().width)"
    )
    # Sub-pixel layout may render 24 px as 23.99997.
    assert sizes and round(min(sizes), 2) >= 24
    expect(page.locator(".strip-key-label").first).to_be_visible()
    box = page.locator(".strip-scroll")
    if width == 375:
        # Scrolled to the latest years: the right end of the strip is in view.
        last = page.locator(".strip-axis text").last.bounding_box()
        assert last["x"] + last["width"] <= width
        first = page.locator(".strip-axis text").first.bounding_box()
        assert first["x"] < 0
    else:
        assert box.evaluate("el => el.scrollWidth <= el.clientWidth + 1")


def test_the_border_switch_shows_one_border_at_a_time(loaded_site, reader):
    page = reader
    page.goto(loaded_site.url + "/en/islands/")
    region = page.locator("#region-map")
    borders = region.locator(".map-border")
    expect(borders).to_have_count(4)
    assert all(borders.nth(i).is_visible() for i in range(4))
    region.get_by_role("radio", name="1905").check()
    expect(region.locator(".map-border.border-1905")).to_be_visible()
    expect(region.locator(".map-border.border-1855")).to_be_hidden()
    expect(region.locator(".map-border.border-1945")).to_be_hidden()
    region.get_by_role("radio", name="All").check()
    expect(region.locator(".map-border.border-1855")).to_be_visible()
    check_page(page, "islands-borders")


def test_topic_statements_in_two_lanes_and_one_at_a_time_on_a_phone(
    loaded_site, reader
):
    page = reader
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(loaded_site.url + "/en/positions/")
    page.locator(".positions-matrix tbody th a").first.click()
    japan = page.locator(".statement-lanes > .country-japan")
    russia = page.locator(".statement-lanes > .country-russia")
    assert japan.count() and russia.count()
    assert japan.first.bounding_box()["x"] < russia.first.bounding_box()["x"]
    expect(page.locator(".lane-switch")).to_be_hidden()
    check_page(page, "topic-lanes")

    page.set_viewport_size({"width": 375, "height": 900})
    expect(page.locator(".lane-switch")).to_be_visible()
    expect(japan.first).to_be_visible()
    expect(russia.first).to_be_hidden()
    page.locator(".lane-switch").get_by_role("radio", name="Russia").check()
    expect(russia.first).to_be_visible()
    expect(japan.first).to_be_hidden()
