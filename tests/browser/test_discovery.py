"""A reader searches, follows a source to the bibliography and copies a citation."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_era, make_etorofu, make_event, make_source

from .conftest import screenshot, serious_accessibility_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def small_site(transactional_db, live_server):
    era = make_era(slug="post-soviet", title="Post-Soviet diplomacy", start_year=1991)
    declaration = make_source(
        slug="tokyo-declaration-text",
        title="Tokyo Declaration on Japan-Russia Relations",
        author="Ministry of Foreign Affairs of Japan",
        kind="treaty",
        date=datetime.date(1993, 10, 13),
        url="https://www.mofa.go.jp/region/europe/russia/territory/edition01/tokyo.html",
    )
    make_event(
        slug="tokyo-declaration",
        title="Tokyo Declaration",
        date=datetime.date(1993, 10, 13),
        era=era,
        summary="Yeltsin and Hosokawa name Etorofu, Kunashiri, Shikotan and the "
        "Habomai islands as the subject of the talks.",
        source=declaration,
    )
    make_etorofu(
        summary="The largest of the four islands.",
    )
    return live_server


def check_page(page, name):
    assert page.locator("h1").count() == 1
    assert serious_accessibility_violations(page) == []
    screenshot(page, name)
    assert page.problems.messages == []


def test_search_from_the_header_to_an_event_and_its_source(small_site, reader):
    page = reader
    page.goto(small_site.url + "/en/")
    page.get_by_role("search").get_by_label("Search the site").fill("Shikotan")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=Shikotan$"))
    expect(page.get_by_role("status")).to_contain_text("1 result for “Shikotan”")
    expect(page.locator(".result-excerpt mark")).to_have_text("Shikotan")
    check_page(page, "search")

    page.get_by_role("link", name="Tokyo Declaration").click()
    expect(page.locator("h1")).to_have_text("Tokyo Declaration")
    check_page(page, "event-with-citation")

    page.get_by_role("link", name=re.compile("In the bibliography")).click()
    expect(page).to_have_url(re.compile(r"/en/sources/tokyo-declaration-text/$"))
    expect(
        page.get_by_role("link", name="Tokyo Declaration", exact=True)
    ).to_be_visible()
    check_page(page, "source")

    page.get_by_role("link", name="In the bibliography").click()
    expect(page).to_have_url(re.compile(r"/en/sources/#source-tokyo-declaration-text$"))
    entry = page.locator("#source-tokyo-declaration-text")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("Ministry of Foreign Affairs of Japan")
    # The entry counts what cites the source; its page lists them.
    expect(entry.locator(".cited-counts")).to_have_text("Cited in: 1 event")
    expect(
        entry.get_by_role("link", name=re.compile("^Source page"))
    ).to_have_attribute("href", "/en/sources/tokyo-declaration-text/")
    check_page(page, "sources")


def test_search_by_a_native_name_and_an_empty_search(small_site, reader):
    page = reader
    page.goto(small_site.url + "/en/search/?q=Итуруп")
    expect(page.locator(".result-island h3")).to_contain_text("Итуруп")
    page.goto(small_site.url + "/en/search/?q=%21%21%21")
    expect(page.get_by_role("status")).to_have_text(
        "Type a word or a name to search for."
    )
    page.goto(small_site.url + "/en/search/?q=%00")
    expect(page.get_by_role("alert")).to_contain_text("Null characters")
    assert serious_accessibility_violations(page) == []


def test_copy_citation_button(small_site, reader, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = reader
    page.goto(small_site.url + "/en/timeline/tokyo-declaration/")
    citation = page.get_by_label("Chicago citation to copy")
    expect(citation).to_have_value(
        re.compile(r"“Tokyo Declaration\.” .* Last modified")
    )
    page.get_by_role("button", name="Copy Chicago citation").click()
    chicago = page.locator(".cite-style").first
    expect(chicago.get_by_role("status")).to_have_text("Citation copied.")
    assert page.evaluate("navigator.clipboard.readText()") == citation.input_value()
    assert page.problems.messages == []


def test_citation_is_there_without_javascript(small_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(small_site.url + "/en/timeline/tokyo-declaration/")
    for style in ["Chicago", "APA", "MLA"]:
        expect(page.get_by_label(f"{style} citation to copy")).to_be_visible()
        expect(page.get_by_role("button", name=f"Copy {style} citation")).to_be_hidden()
    context.close()
