"""The editors' admin at 1280 px: the events list shows its publication column and
the event form has no sideways scroll; slugs are made sensibly from titles."""

import pytest

from timeline.models import Event

from ..factories import make_editor
from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

WIDTH = 1280


@pytest.fixture
def editor_page(loaded_site, page, client):
    user = make_editor("alice")
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies(
        [{"name": "sessionid", "value": cookie.value, "url": loaded_site.url}]
    )
    page.set_viewport_size({"width": WIDTH, "height": 900})
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    return page


def scrolls_sideways(page):
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"admin-{name}-{WIDTH}.png", full_page=True)


def test_the_events_list_fits_1280_px(editor_page, loaded_site):
    page = editor_page
    page.goto(loaded_site.url + "/admin/timeline/event/")
    shot(page, "event-list")
    header = page.locator("th.column-publication")
    assert header.count() == 1
    box = header.bounding_box()
    assert box["x"] + box["width"] <= WIDTH, box
    assert not scrolls_sideways(page)
    # The results table itself does not scroll inside its box either.
    assert page.evaluate(
        "(() => { const r = document.querySelector('.results');"
        " return r.scrollWidth <= r.clientWidth; })()"
    )
    assert page.problems == []


def test_the_event_form_has_no_sideways_scroll(editor_page, loaded_site):
    page = editor_page
    event = Event.objects.filter(citations__isnull=False).distinct().first()
    page.goto(loaded_site.url + f"/admin/timeline/event/{event.pk}/change/")
    shot(page, "event-form")
    assert not scrolls_sideways(page)
    width = page.evaluate("document.querySelector('#content').scrollWidth")
    assert width <= WIDTH, width
    assert page.problems == []


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("First Japan–Russia 2+2 meeting", "first-japan-russia-2-plus-2-meeting"),
        ("Kunashiri / Kunashir: a visit", "kunashiri-kunashir-a-visit"),
        ("Hatoyama—Bulganin talks", "hatoyama-bulganin-talks"),
    ],
)
def test_slugs_are_made_sensibly_from_titles(editor_page, loaded_site, title, slug):
    page = editor_page
    page.goto(loaded_site.url + "/admin/timeline/event/add/")
    page.fill("#id_title_en", title)
    page.locator("#id_title_en").dispatch_event("change")
    assert page.input_value("#id_slug") == slug
    assert page.problems == []
