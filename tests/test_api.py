"""The read-only JSON API: every endpoint, its filters, errors, drafts, caching."""

import datetime
import json
from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editorial.models import Status

from .factories import make_event
from .test_cache import redis_cache, redis_keys  # noqa: F401

pytestmark = pytest.mark.django_db

LISTS = [
    "eras",
    "events",
    "countries",
    "people",
    "islands",
    "sources",
    "topics",
    "positions",
    "statements",
    "documents",
    "articles",
]


DRAFT_MARKS = [
    "draft-event",
    "Draft event title",
    "scheduled-event",
    "draft-only-source",
    "scheduled-only-source",
    "draft-only-person",
    "draft-only-island",
    "secret-country",
    "draft-topic",
    "Draft statement text",
    "draft-speaker",
    "draft-statement-source",
    "draft-article",
    "Draft article label",
    "draft-article-source",
    "draft-document",
    "Draft document title",
    "draft-signatory",
    "hidden-article",
    "Text of a draft document",
]


BASENAMES = {name: name.removesuffix("s") for name in LISTS}
BASENAMES.update(countries="country", people="person")


def detail_url(name, obj):
    if name == "positions":
        key = f"{obj.topic.slug}.{obj.country.slug}"
    elif name == "articles":
        key = f"{obj.document.slug}.{obj.slug}"
    elif name == "statements":
        key = obj.pk
    else:
        key = obj.slug
    return reverse(f"api:{BASENAMES[name]}-detail", args=[key])


def list_url(name):
    return f"/api/v1/{name}/"


def all_results(client, url):
    results = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        data = response.json()
        results += data["results"]
        url = data["next"]
    return results


def test_the_root_lists_every_resource(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert set(response.json()) == set(LISTS)


@pytest.mark.parametrize("name", LISTS)
def test_every_list_and_detail_answers_with_links(client, api_world, name):
    results = all_results(client, list_url(name))
    assert len(results) >= 1
    detail = client.get(detail_url(name, api_world[name]))
    assert detail.status_code == 200
    assert detail["Content-Type"] == "application/json"
    item = detail.json()
    assert item["url"] == "http://testserver" + detail_url(name, api_world[name])
    assert item in results


def test_an_event_links_to_its_era_people_islands_and_sources(client, api_world):
    item = client.get(detail_url("events", api_world["events"])).json()
    assert item["era"] == "http://testserver/api/v1/eras/cold-war/"
    assert item["people"] == ["http://testserver/api/v1/people/hatoyama/"]
    assert item["islands"] == ["http://testserver/api/v1/islands/shikotan/"]
    assert item["citations"][0]["source"] == (
        "http://testserver/api/v1/sources/joint-declaration-text/"
    )
    assert item["page"] == "http://testserver/en/timeline/joint-declaration/"
    followed = client.get(item["era"].removeprefix("http://testserver"))
    assert followed.json()["slug"] == "cold-war"


def test_drafts_and_what_only_they_use_appear_nowhere(client, api_world):
    text = "".join(
        json.dumps(all_results(client, list_url(name)), ensure_ascii=False)
        for name in LISTS
    )
    for mark in DRAFT_MARKS:
        assert mark not in text, mark
    # The published statement names a draft event: it links to none.
    statement = client.get(detail_url("statements", api_world["statements"])).json()
    assert statement["event"] is None


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/events/draft-event/",
        "/api/v1/events/scheduled-event/",
        "/api/v1/people/draft-only-person/",
        "/api/v1/islands/draft-only-island/",
        "/api/v1/sources/draft-only-source/",
        "/api/v1/countries/secret-country/",
        "/api/v1/topics/draft-topic/",
        "/api/v1/positions/draft-topic.ussr/",
        "/api/v1/cite/events/draft-event.json",
        "/api/v1/cite/sources/draft-only-source.ris",
        "/api/v1/cite/topics/draft-topic.bib",
    ],
)
def test_unpublished_items_are_not_found(client, api_world, url):
    response = client.get(url)
    assert response.status_code == 404


def test_a_draft_statement_is_not_found_by_its_number(client, api_world):
    from positions.models import Statement

    hidden = Statement.objects.get(text_en="Draft statement text")
    assert client.get(detail_url("statements", hidden)).status_code == 404


def test_the_staff_see_no_drafts_through_the_api(admin_client, api_world):
    text = admin_client.get("/api/v1/events/").content.decode()
    assert "draft-event" not in text
    assert admin_client.get("/api/v1/events/draft-event/").status_code == 404


def timeline_slugs(client, query):
    slugs, page = [], 1
    while True:
        response = client.get(reverse("timeline:event_list") + f"?{query}&page={page}")
        assert response.status_code == 200
        slugs += [event.slug for event in response.context["object_list"]]
        if not response.context["page_obj"].has_next():
            return slugs
        page += 1


def api_slugs(client, query):
    return [item["slug"] for item in all_results(client, f"/api/v1/events/?{query}")]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=ussr",
        "country=japan&kind=summit",
        "island=shikotan",
        "kind=treaty",
        "year_from=1950&year_to=1960",
        "q=declaration",
        "order=newest",
    ],
)
def test_events_filters_list_what_the_timeline_lists(client, site_content, query):
    assert api_slugs(client, query) == timeline_slugs(client, query)


def test_events_by_era_are_exactly_the_timelines(client, site_content):
    from timeline.models import Era

    for era in Era.objects.all():
        query = f"era={era.slug}"
        slugs = api_slugs(client, query)
        assert slugs == timeline_slugs(client, query)
        assert slugs, era.slug


@pytest.mark.parametrize(
    "url, field",
    [
        ("/api/v1/events/?era=no-such-era", "era"),
        ("/api/v1/events/?year_from=abc", "year_from"),
        ("/api/v1/events/?year_from=99999", "year_from"),
        ("/api/v1/events/?year_from=1990&year_to=1950", "year_to"),
        ("/api/v1/events/?kind=nonsense", "kind"),
        ("/api/v1/events/?order=sideways", "order"),
        ("/api/v1/events/?q=" + "x" * 201, "q"),
        ("/api/v1/statements/?is_quotation=perhaps", "is_quotation"),
        ("/api/v1/statements/?event=draft-event", "event"),
        ("/api/v1/statements/?topic=%00", "topic"),
        ("/api/v1/sources/?kind=novel", "kind"),
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(client, api_world, url, field):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert field in response.json()


@pytest.mark.parametrize(
    "url", ["/api/v1/events/?page=999", "/api/v1/events/?page=abc", "/api/v1/nope/"]
)
def test_pages_past_the_end_are_a_404(client, api_world, url):
    assert client.get(url).status_code == 404


def test_page_size_is_bounded(client, api_world):
    data = client.get("/api/v1/events/?page_size=100000").json()
    assert data["count"] == 1
    assert client.get("/api/v1/events/?page_size=-3").status_code == 200


def test_the_api_is_read_only(client, api_world):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/events/joint-declaration/")
        assert response.status_code == 405, method


def test_statement_filters(client, api_world):
    data = client.get("/api/v1/statements/?topic=legal-basis&country=japan").json()
    assert [item["id"] for item in data["results"]] == [api_world["statements"].pk]
    assert client.get("/api/v1/statements/?country=ussr").json()["count"] == 0
    assert client.get("/api/v1/statements/?speaker=hatoyama").json()["count"] == 1


def test_responses_are_open_to_every_origin(client, api_world):
    for url in ["/api/v1/events/", "/api/v1/events.csv", "/api/v1/schema/"]:
        response = client.get(url, HTTP_ORIGIN="https://example.org")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/events/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_an_unchanged_response_is_a_304(client, api_world):
    first = client.get("/api/v1/events/")
    etag = first["ETag"]
    again = client.get("/api/v1/events/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    other = client.get("/api/v1/events/?order=newest", HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200


def test_an_edit_changes_the_etag(client, api_world):
    etag = client.get("/api/v1/events/")["ETag"]
    event = api_world["events"]
    event.title = "Joint Declaration (corrected)"
    event.save()
    response = client.get("/api/v1/events/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "(corrected)" in response.content.decode()


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
def test_responses_are_cached_until_content_changes(
    client, api_world, django_assert_num_queries
):
    first = client.get("/api/v1/events/")
    # One query: the content version every process shares (in the database).
    with django_assert_num_queries(1):
        second = client.get("/api/v1/events/")
    assert second.content == first.content
    assert "s-maxage=600" in second["Cache-Control"]
    assert "public" in second["Cache-Control"]
    event = api_world["events"]
    event.status = Status.DRAFT
    event.save()
    assert client.get("/api/v1/events/").json()["count"] == 0
    assert client.get("/api/v1/events/joint-declaration/").status_code == 404


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
def test_free_text_is_never_cached(client, api_world):
    client.get("/api/v1/events/?q=declaration")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/events/?q=declaration")
    assert response.status_code == 200
    assert len(queries) > 0


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
def test_a_scheduled_event_appears_on_time(client, api_world):
    first = client.get("/api/v1/events/")
    assert "scheduled-event" not in first.content.decode()
    later = timezone.now() + datetime.timedelta(days=4)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get("/api/v1/events/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "scheduled-event" in response.content.decode()


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
@pytest.mark.usefixtures("redis_cache")
def test_a_shared_redis_cache_serves_and_invalidates_the_api(client):
    event = make_event(slug="tokyo-declaration")
    assert client.get("/api/v1/events/")["X-Page-Cache"] == "miss"
    assert client.get("/api/v1/events/")["X-Page-Cache"] == "hit"
    assert any(b":api:" in key for key in redis_keys())
    event.title = "Tokyo Declaration (edited)"
    event.save()
    response = client.get("/api/v1/events/")
    assert response["X-Page-Cache"] == "miss"
    assert "(edited)" in response.content.decode()


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
def test_the_data_page_is_cached_like_a_page(client):
    make_event()
    assert client.get("/en/data/")["X-Page-Cache"] == "miss"
    assert client.get("/en/data/")["X-Page-Cache"] == "hit"
