"""A page's HTML stays bounded as the chronology grows (DESIGN: 3,000 events)."""

import pytest
from django.urls import reverse

from .test_query_counts import add_bulk_events, build_timeline

pytestmark = pytest.mark.django_db

MAX_BYTES = 150_000


@pytest.fixture
def big_timeline():
    events = build_timeline(30)
    add_bulk_events(events, 2970)
    return events


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("timeline:event_list"),
        reverse("timeline:event_list") + "?order=newest",
        reverse("timeline:event_list") + "?page=3",
    ],
)
def test_pages_stay_under_150_kb_with_3000_events(client, big_timeline, url):
    response = client.get(url)
    assert response.status_code == 200
    size = len(response.content)
    print(f"{url}: {size} bytes")
    assert size < MAX_BYTES


def test_era_filter_stays_under_150_kb_with_3000_events(client, big_timeline):
    era = big_timeline[0].era
    response = client.get(reverse("timeline:event_list"), {"era": era.slug})
    assert response.status_code == 200
    assert len(response.content) < MAX_BYTES


def test_era_and_island_pages_list_a_bounded_part_of_their_events(client, big_timeline):
    era = big_timeline[0].era
    island = big_timeline[0].islands.first()
    for page, total in (
        (era.get_absolute_url(), era.events.count()),
        (island.get_absolute_url(), island.events.count()),
    ):
        response = client.get(page)
        assert response.status_code == 200
        html = response.content.decode()
        assert len(response.content) < MAX_BYTES, page
        assert html.count('class="event-item') <= 60
        assert f"The first 60 of {total} events are listed here." in html
