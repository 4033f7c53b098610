"""The Japanese and Russian pages on a phone: readable, accessible, never wider than
the screen; the switcher keeps the reader on the same page."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import check_page

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "timeline": "/timeline/",
    "event": "/timeline/treaty-of-shimoda/",
    "islands": "/islands/",
    "island": "/islands/shikotan/",
    "positions": "/positions/",
    "documents": "/documents/",
    "document": "/documents/joint-declaration-1956/",
    "sources": "/sources/",
    "about": "/about/",
}


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_pages_in_japanese_and_russian_on_a_phone(loaded_site, reader, language):
    page = reader
    page.set_viewport_size({"width": 375, "height": 800})
    for name, path in PAGES.items():
        page.goto(f"{loaded_site.url}/{language}{path}")
        assert page.locator("html").get_attribute("lang") == language
        page.set_viewport_size({"width": 375, "height": 800})
        # Title and a menu that wraps to two rows, the other languages at the end
        # of the last: no taller than in English (test_layout.py).
        header = page.locator(".site-header").bounding_box()["height"]
        assert header <= 120, (name, header)
        check_page(page, f"{language}-{name}")


def test_the_switcher_keeps_the_reader_on_the_same_page(loaded_site, reader):
    page = reader
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(loaded_site.url + "/ja/timeline/treaty-of-shimoda/")
    expect(page.locator(".event-date")).to_contain_text("1855年2月7日")
    page.get_by_role("navigation", name="言語").get_by_role(
        "link", name="Русский"
    ).click()
    expect(page).to_have_url(re.compile(r"/ru/timeline/treaty-of-shimoda/$"))
    expect(page.locator(".event-date")).to_contain_text("1855 г.")
    page.get_by_role("navigation", name="Язык").get_by_role(
        "link", name="English"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/timeline/treaty-of-shimoda/$"))
    expect(page.locator(".event-date")).to_contain_text("7 February 1855")
