"""The page frame: the distance under the header, the mobile header, the side column."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/en/",
    "timeline": "/en/timeline/",
    "event": "/en/timeline/treaty-of-shimoda/",
    "era": "/en/eras/treaties-and-war/",
    "islands": "/en/islands/",
    "island": "/en/islands/shikotan/",
    "document": "/en/documents/joint-declaration-1956/",
    "positions": "/en/positions/",
    "sources": "/en/sources/",
    "search": "/en/search/?q=shikotan",
    "about": "/en/about/",
}
WITH_ASIDE = ["event", "era", "island", "document"]


def gap_under_header(page):
    """Pixels between the header's bottom edge and the first heading's top edge."""
    return page.evaluate(
        """() => {
            const box = (selector) =>
                document.querySelector(selector).getBoundingClientRect();
            const root = getComputedStyle(document.documentElement);
            return (box('main h1').top - box('.site-header').bottom)
                / parseFloat(root.fontSize);
        }"""
    )


def first_topic_url(page, base):
    page.goto(base + "/en/positions/")
    return page.locator(".positions-matrix tbody th a").first.get_attribute("href")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_first_heading_sits_at_least_1rem_below_the_header(
    loaded_site, page, width
):
    page.set_viewport_size({"width": width, "height": 900})
    urls = {**PAGES, "topic": first_topic_url(page, loaded_site.url)}
    for name, url in urls.items():
        page.goto(loaded_site.url + url)
        assert gap_under_header(page) >= 1, name


def test_the_mobile_header_is_compact(loaded_site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(loaded_site.url + "/en/")
    height = page.locator(".site-header").bounding_box()["height"]
    # Title and a menu that wraps to two rows (it has eight links); 160 px before.
    assert height <= 120
    # The search form is a menu link on a phone.
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Search"
    ).click()
    assert page.url.endswith("/en/search/")


def test_wide_pages_put_their_facts_in_a_side_column(loaded_site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    names = {**{name: PAGES[name] for name in WITH_ASIDE}}
    names["topic"] = first_topic_url(page, loaded_site.url)
    for name, url in names.items():
        page.goto(loaded_site.url + url)
        main = page.locator("main h1").bounding_box()
        aside = page.locator(".side-col").bounding_box()
        assert aside["x"] > main["x"] + 500, name
        assert aside["y"] < main["y"] + 400, name
        screenshot(page, f"layout-{name}")
    page.set_viewport_size({"width": 375, "height": 900})
    for name in ["event", "document"]:
        page.goto(loaded_site.url + PAGES[name])
        main = page.locator("main h1").bounding_box()
        aside = page.locator(".side-col").bounding_box()
        assert aside["y"] > main["y"], name
        assert aside["x"] + aside["width"] <= 375, name


def test_a_documents_side_column_lists_its_articles(loaded_site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(loaded_site.url + PAGES["document"])
    contents = page.get_by_role("navigation", name="Articles")
    contents.get_by_role("link", name="Article 9").click()
    assert page.url.endswith("#article-9")
    # The contents stay in view beside the article scrolled to.
    box = contents.bounding_box()
    assert 0 <= box["y"] < 900
    # The texts' column holds two of the four languages side by side.
    texts = page.locator("#article-9 .article-text")
    first, second, third = (texts.nth(i).bounding_box() for i in range(3))
    assert first["y"] == second["y"] and third["y"] > first["y"]
    assert second["x"] + second["width"] < page.locator(".side-col").bounding_box()["x"]
