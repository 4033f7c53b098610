import re

import pytest
from playwright.sync_api import expect

from .conftest import check_page

pytestmark = pytest.mark.browser


def test_documents_list_to_a_clause_in_its_languages(loaded_site, reader):
    page = reader
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(loaded_site.url + "/en/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Documents"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/documents/$"))
    assert page.locator(".document-item").count() >= 12
    check_page(page, "documents")

    page.get_by_role("link", name="Japan–Soviet Joint Declaration").click()
    expect(page.locator("h1")).to_have_text("Japan–Soviet Joint Declaration")
    texts = page.locator("#article-9 .article-text")
    # On a wide screen the languages stand side by side, the switch is not shown.
    expect(page.locator(".language-switch")).to_be_hidden()
    first, second = texts.nth(0).bounding_box(), texts.nth(1).bounding_box()
    assert first["y"] == second["y"] and first["x"] < second["x"]
    expect(page.locator("#article-9 blockquote.text-body[lang='ja']")).to_contain_text(
        "引き渡す"
    )
    expect(page.locator("#article-9-readings")).to_be_visible()
    check_page(page, "document")

    # On a phone one language at a time, chosen with the switch.
    page.set_viewport_size({"width": 375, "height": 900})
    page.reload()
    switch = page.locator(".language-switch")
    expect(switch).to_be_visible()
    expect(page.locator("#article-9 [data-language='ja']")).to_be_visible()
    expect(page.locator("#article-9 [data-language='ru']")).to_be_hidden()
    switch.get_by_role("button", name=re.compile("Русский")).click()
    expect(page.locator("#article-9 [data-language='ru']")).to_be_visible()
    expect(page.locator("#article-9 [data-language='ja']")).to_be_hidden()
    expect(switch.get_by_role("button", name=re.compile("Русский"))).to_have_attribute(
        "aria-pressed", "true"
    )
    switch.get_by_role("button", name="All").click()
    expect(page.locator("#article-9 [data-language='ja']")).to_be_visible()
    expect(page.locator("#article-9 [data-language='ru']")).to_be_visible()
    assert page.problems.messages == []


def test_without_javascript_a_phone_shows_every_language(loaded_site, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 900}
    )
    page = context.new_page()
    page.goto(loaded_site.url + "/en/documents/joint-declaration-1956/#article-9")
    expect(page.locator(".language-switch")).to_be_hidden()
    for language in ("ja", "ru", "en", "fr"):
        expect(page.locator(f"#article-9 [data-language='{language}']")).to_be_visible()
    context.close()
