import re

import pytest
from playwright.sync_api import expect

from .conftest import check_page, serious_accessibility_violations

pytestmark = pytest.mark.browser


def test_home_to_timeline_to_filtered_era_to_event(loaded_site, reader):
    page = reader
    page.goto(loaded_site.url + "/en/")
    expect(page.locator("h1")).to_contain_text("dispute")
    check_page(page, "home")

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Timeline"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/timeline/$"))
    check_page(page, "timeline")

    # exact: get_by_label also matches aria-labels, and strip marks' names contain
    # "era" (in "operations", "accelerate"...).
    page.get_by_label("Era", exact=True).select_option("treaties-and-war")
    page.get_by_role("button", name="Show events").click()
    expect(page).to_have_url(re.compile(r"era=treaties-and-war"))
    expect(page.locator(".era-group")).to_have_count(1)
    # exact: the visual timeline's marks are named "title, date".
    shimoda = page.get_by_role("link", name="Treaty of Shimoda", exact=True)
    expect(shimoda).to_be_visible()
    expect(page.get_by_role("link", name="Tokyo Declaration")).to_have_count(0)

    shimoda.click()
    expect(page.locator("h1")).to_have_text("Treaty of Shimoda")
    expect(page.locator(".event-date")).to_contain_text("7 February 1855")
    expect(page.locator(".sources li").first).to_be_visible()
    check_page(page, "event")


def test_a_bad_filter_is_explained_on_the_page(loaded_site, reader):
    page = reader
    page.goto(loaded_site.url + "/en/timeline/")
    page.get_by_label("From year", exact=True).fill("2000")
    page.get_by_label("To year", exact=True).fill("1900")
    page.get_by_role("button", name="Show events").click()
    expect(page.get_by_role("alert")).to_contain_text("must not be before")
    assert serious_accessibility_violations(page) == []


def test_event_to_its_source_page_and_back(loaded_site, reader):
    page = reader
    page.goto(loaded_site.url + "/en/timeline/treaty-of-shimoda/")
    page.locator(".sources .bibliography-link").first.click()
    expect(page).to_have_url(re.compile(r"/en/sources/[\w-]+/$"))
    expect(page.locator("h1 cite")).to_be_visible()
    check_page(page, "source")
    page.get_by_role("link", name="Treaty of Shimoda", exact=True).click()
    expect(page.locator("h1")).to_have_text("Treaty of Shimoda")


def test_a_decade_link_scrolls_to_the_decade_s_first_event(loaded_site, reader):
    page = reader
    page.goto(loaded_site.url + "/en/timeline/")
    decades = page.get_by_role("navigation", name="Decades")
    decades.get_by_role("link", name="1950s").click()
    expect(page).to_have_url(re.compile(r"#decade-1950$"))
    expect(page.locator("#decade-1950")).to_be_in_viewport()
