"""HTTP caching of public pages: ETag, Last-Modified, 304, Cache-Control, methods."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from editorial.models import Status

from .factories import make_editor, make_event
from .test_public_urls import sitemap_paths

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("http_cache_on")]


@pytest.fixture
def http_cache_on():
    with override_settings(
        HTTP_CACHE=True,
        CACHE_MIDDLEWARE_SECONDS=600,
        CACHE_MAX_AGE=30,
        CACHE_S_MAXAGE=300,
        CACHE_STALE_WHILE_REVALIDATE=60,
    ):
        yield


def test_every_public_page_answers_conditional_requests(site_content, client):
    paths = sitemap_paths(client)
    paths += ["/en/feeds/events/", "/en/feeds/events/atom/", "/sitemap.xml"]
    missing, not_304 = [], []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        if not (response.get("ETag") and response.get("Last-Modified")):
            missing.append(path)
            continue
        if "public" not in response["Cache-Control"]:
            missing.append(path)
        again = client.get(path, headers={"if-none-match": response["ETag"]})
        if again.status_code != 304 or again.content:
            not_304.append(path)
    assert missing == [] and not_304 == []


def test_cache_control_for_readers_follows_the_settings(client):
    make_event()
    response = client.get(reverse("timeline:event_list"))
    control = response["Cache-Control"]
    assert control == "public, max-age=30, s-maxage=300, stale-while-revalidate=60"
    assert "Cookie" in response["Vary"]


def test_an_edit_changes_the_etag_and_ends_the_304s(client):
    event = make_event(title="Tokyo Declaration")
    url = event.get_absolute_url()
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    event.title = "Tokyo Declaration (corrected)"
    event.save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert b"(corrected)" in response.content


def test_if_modified_since_is_answered(client):
    make_event()
    url = reverse("timeline:event_list")
    last_modified = client.get(url)["Last-Modified"]
    response = client.get(url, headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_each_address_has_its_own_etag_and_tracking_parameters_none(client):
    make_event()
    plain = client.get("/en/timeline/")["ETag"]
    assert client.get("/en/timeline/", {"order": "newest"})["ETag"] != plain
    assert client.get("/en/timeline/", {"utm_source": "news", "fbclid": "x"})[
        "ETag"
    ] == (plain)
    assert client.get("/en/")["ETag"] != plain


def test_logged_in_users_get_private_pages_without_etag(client):
    make_event()
    editor = Client()
    editor.force_login(make_editor())
    response = editor.get("/en/timeline/")
    assert response["Cache-Control"].startswith("private")
    assert "ETag" not in response
    assert "X-Page-Cache" not in response
    assert "Cookie" in response["Vary"]


def test_a_cache_hit_keeps_vary_and_the_headers(client):
    make_event()
    first = client.get("/en/timeline/")
    second = client.get("/en/timeline/")
    assert second["X-Page-Cache"] == "hit"
    assert "Cookie" in second["Vary"]
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == first["Cache-Control"]


def test_a_cookie_that_names_no_session_does_not_bypass_the_cache(client):
    make_event()
    client.get("/en/timeline/")
    client.cookies["sessionid"] = "not-a-session-at-all"
    response = client.get("/en/timeline/")
    assert response["X-Page-Cache"] == "hit"
    assert "public" in response["Cache-Control"]


def test_unpublished_pages_send_no_validators(client):
    event = make_event()
    url = event.get_absolute_url()
    etag = client.get(url)["ETag"]
    event.status = Status.DRAFT
    event.save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 404
    assert "ETag" not in response


@pytest.mark.parametrize(
    "path", ["/en/", "/en/timeline/", "/en/about/", "/en/feeds/events/", "/sitemap.xml"]
)
def test_options_lists_the_methods_and_other_methods_are_refused(client, path):
    make_event()
    options = client.options(path)
    assert options.status_code == 200
    assert options["Allow"] == "GET, HEAD, OPTIONS"
    assert options.content == b""
    assert client.generic("TRACE", path).status_code == 405
    assert client.post(path).status_code in (403, 405)
    assert client.delete(path).status_code == 405


def test_trace_is_refused_everywhere(client, admin_client):
    assert client.generic("TRACE", "/en/search/").status_code == 405
    assert admin_client.generic("TRACE", "/admin/").status_code == 405
