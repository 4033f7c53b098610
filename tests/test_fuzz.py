"""A hypothesis fuzz of every public page's query string: never a server error.

Bounded (a few hundred examples in all), run on whichever database the suite uses.
"""

from urllib.parse import urlencode

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.filters import EventFilter

from .factories import (
    make_country,
    make_event,
    make_island,
    make_person,
    make_position,
    make_statement,
)

pytestmark = pytest.mark.django_db

PARAMETERS = sorted(
    {*EventFilter.base_filters, "page", "p", "type", "order", "utm_source", "fbclid"}
    | {"_", "o", "format", "lang", "era[]", "page[]"}
)
AWKWARD = [
    "",
    "0",
    "-1",
    "01",
    "1e9",
    "9" * 40,
    "%00",
    "\x00",
    "' OR 1=1 --",
    "<script>",
    "択捉島",
    "Итуруп",
    "\u202e",
    "..",
    "a" * 300,
]
VALUES = st.one_of(
    st.sampled_from(AWKWARD), st.text(max_size=40), st.integers().map(str)
)


@pytest.fixture
def public_paths(db):
    island = make_island(slug="etorofu")
    event = make_event(slug="tokyo-declaration")
    event.islands.add(island)
    event.countries.add(make_country(slug="japan"))
    event.people.add(make_person(slug="hosokawa"))
    statement = make_statement(position=make_position())
    position = statement.position
    return [
        "/en/",
        "/en/timeline/",
        event.get_absolute_url(),
        event.era.get_absolute_url(),
        "/en/islands/",
        island.get_absolute_url(),
        "/en/positions/",
        position.topic.get_absolute_url(),
        f"/en/positions/countries/{position.country.slug}/",
        "/en/sources/",
        "/en/search/",
        "/en/about/",
        "/en/feeds/events/",
        "/en/feeds/events/atom/",
        "/sitemap.xml",
    ]


def test_no_query_string_is_a_server_error(public_paths):
    client = Client(raise_request_exception=False)
    failures = []

    @settings(
        max_examples=300,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        path=st.sampled_from(public_paths),
        query=st.lists(
            st.tuples(
                st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=10)), VALUES
            ),
            max_size=5,
        ),
    )
    def fuzz(path, query):
        # Repeated names too: the query string as a browser or a scanner sends it.
        response = client.get(f"{path}?{urlencode(query)}" if query else path)
        if response.status_code >= 500:
            failures.append((path, query, response.status_code))

    fuzz()
    assert failures == []


def test_kept_fragments_answer_every_query_as_a_fresh_rendering(public_paths):
    """A differential fuzz: with kept fragments on, each query string gets the status
    and page it gets rendered afresh, the second time too (from what was kept)."""
    client = Client(raise_request_exception=False)
    differences = []

    @settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        path=st.sampled_from(
            [
                path
                for path in public_paths
                if "/feeds/" not in path and "search" not in path
            ]
        ),
        query=st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), max_size=3),
    )
    def fuzz(path, query):
        url = f"{path}?{urlencode(query)}" if query else path
        fresh = client.get(url)
        with override_settings(FRAGMENT_CACHE_SECONDS=3600):
            for _ in range(2):
                kept = client.get(url)
                if (kept.status_code, kept.content) != (
                    fresh.status_code,
                    fresh.content,
                ):
                    differences.append((url, fresh.status_code, kept.status_code))

    fuzz()
    assert differences == []
