import datetime
import re

import pytest
from playwright.sync_api import expect

from ..factories import make_era, make_etorofu, make_event, make_shikotan
from .conftest import check_page

pytestmark = pytest.mark.browser


@pytest.fixture
def small_site(transactional_db, live_server):
    """Two islands and a few events, without waiting for the shipped fixtures."""
    early = make_era(slug="early", title="Treaties and war", end_year=1945)
    late = make_era(slug="late", title="After the war", start_year=1946, order=1)
    shikotan = make_shikotan(
        order=2,
    )
    make_etorofu(
        order=1,
    )
    make_event(
        slug="treaty-of-shimoda",
        title="Treaty of Shimoda",
        date=datetime.date(1855, 2, 7),
        era=early,
        is_key=True,
    )
    declaration = make_event(
        slug="joint-declaration",
        title="Joint Declaration",
        date=datetime.date(1956, 10, 19),
        era=late,
    )
    declaration.islands.set([shikotan])
    return live_server


def test_islands_page_map_leads_to_an_island(small_site, reader):
    page = reader
    page.goto(small_site.url + "/en/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Islands"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/islands/$"))
    expect(page.locator("h1")).to_have_text("The islands")
    check_page(page, "islands")

    page.get_by_role(
        "link", name="Shikotan 色丹島 / Шикотан, named in the 1956 Joint Declaration"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/islands/shikotan/$"))
    expect(page.locator("h1")).to_have_text("Shikotan")
    expect(page.locator('.island-native [lang="ja"]')).to_have_text("色丹島")
    expect(page.locator('.island-native [lang="ru"]')).to_have_text("Шикотан")
    expect(page.locator(".map-island-link.is-current")).to_have_count(1)
    expect(
        page.get_by_role("link", name="Joint Declaration", exact=True)
    ).to_be_visible()
    check_page(page, "island")


def test_visual_timeline_marks_lead_to_events(small_site, reader):
    page = reader
    page.goto(small_site.url + "/en/timeline/")
    marks = page.locator(".strip-mark")
    expect(marks).to_have_count(2)
    check_page(page, "timeline-strip")

    page.set_viewport_size({"width": 375, "height": 900})
    # The strip scrolls inside its own box; the page does not scroll sideways.
    box = page.locator(".strip-scroll")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.get_by_role(
        "link", name="Treaty of Shimoda, 7 February 1855 (key event)"
    ).click()
    expect(page.locator("h1")).to_have_text("Treaty of Shimoda")


def test_visual_timeline_works_from_the_keyboard(small_site, reader):
    page = reader
    page.goto(small_site.url + "/en/timeline/")
    page.locator(".strip-mark").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Joint Declaration, 19 October 1956"
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Joint Declaration")


LABEL_BOXES = """() => [...document.querySelectorAll('.strip-key-label')].map(text => {
    const box = text.getBoundingClientRect();
    return {text: text.textContent, x1: box.left, x2: box.right,
            y1: box.top, y2: box.bottom};
})"""


def overlapping(boxes):
    # Text boxes include the font's line gap: rows 15 units apart may touch by a
    # pixel or two without their letters meeting.
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x1"] < b["x2"]
        and b["x1"] < a["x2"]
        and min(a["y2"], b["y2"]) - max(a["y1"], b["y1"]) > 3
    ]


def test_the_strips_key_labels_never_overlap(loaded_site, page):
    """The shipped timeline in each language, on a phone and a wide screen, as drawn
    in the browser with its own fonts (the labels' widths are estimates)."""
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for language in ("en", "ja", "ru"):
            page.goto(f"{loaded_site.url}/{language}/timeline/")
            boxes = page.evaluate(LABEL_BOXES)
            assert len(boxes) >= 8, (language, width)
            assert overlapping(boxes) == [], (language, width)
            strip = page.locator(".strip-svg").bounding_box()
            for box in boxes:
                assert (
                    strip["x"] <= box["x1"] and box["x2"] <= strip["x"] + strip["width"]
                ), (language, width, box["text"])
