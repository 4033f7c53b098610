"""The API's and the downloads' SQL queries do not grow with the content."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .test_query_counts import (
    add_bulk_events,
    add_statements,
    build_positions,
    build_timeline,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
# The bulk file holds all eleven resources.
# all.json reads every table once; the shared content version adds one more. Documents
# and articles added seven: documents with their parties, signatories and articles,
# articles with their texts, and their last change for the file's version.
LIMITS = {
    "/api/v1/all.json": 29,
    # Words are matched with every spelling of the names they stand for
    # (timeline.words): one query for the islands' and people's names, then cached.
    "/api/v1/events/?order=newest&kind=other&year_from=1850&year_to=2030&q=event": 13,
}


def count_queries(client, url):
    # From nothing: the schedule look-up kept per content version is redone too.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


EVENT_URLS = [
    "/api/v1/events/",
    "/api/v1/events/?page_size=500",
    "/api/v1/events/?order=newest&kind=other&year_from=1850&year_to=2030&q=event",
    "/api/v1/eras/",
    "/api/v1/countries/",
    "/api/v1/people/",
    "/api/v1/islands/",
    "/api/v1/sources/",
    "/api/v1/events.csv",
    "/api/v1/sources.csv",
    "/api/v1/all.json",
    "/api/v1/datapackage.json",
    "/en/data/",
]


@pytest.mark.parametrize("url", EVENT_URLS)
def test_queries_are_the_same_with_30_and_600_events(client, url):
    events = build_timeline(30)
    with_30 = count_queries(client, url)
    add_bulk_events(events, 570)
    with_600 = count_queries(client, url)
    assert with_30 == with_600 <= LIMITS.get(url, MAX_QUERIES)


def test_the_events_list_costs_the_same_with_3000_events(client):
    events = build_timeline(30)
    with_30 = count_queries(client, "/api/v1/events/")
    add_bulk_events(events, 2970)
    assert count_queries(client, "/api/v1/events/") == with_30 <= MAX_QUERIES


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/statements/",
        "/api/v1/statements/?page_size=500",
        "/api/v1/topics/",
        "/api/v1/positions/",
        "/api/v1/statements.csv",
        "/api/v1/all.json",
    ],
)
def test_queries_stay_flat_as_statements_grow(client, url):
    countries, topics, positions, event = build_positions()
    add_statements(5, positions, event)
    small = count_queries(client, url)
    add_statements(195, positions, event)
    large = count_queries(client, url)
    assert small == large <= LIMITS.get(url, MAX_QUERIES)


def test_an_event_costs_a_few_queries(client):
    events = build_timeline(5)
    assert (
        count_queries(client, f"/api/v1/events/{events[0].slug}/") <= 12
    )  # 7, plus the content version row and its schedule look-up
