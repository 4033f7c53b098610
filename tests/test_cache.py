import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from editorial.models import Status
from editorial.pagecache import content_version

from .factories import make_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(CACHE_MIDDLEWARE_SECONDS=600):
        yield


def test_anonymous_pages_are_served_from_the_cache(client, django_assert_num_queries):
    make_event(title="Tokyo Declaration")
    first = client.get(reverse("timeline:event_list"))
    assert first["X-Page-Cache"] == "miss"
    # One query: the content version every process shares.
    with django_assert_num_queries(1):
        second = client.get(reverse("timeline:event_list"))
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_an_edit_invalidates_cached_pages(client):
    event = make_event(title="Tokyo Declaration")
    client.get(reverse("timeline:event_list"))
    event.title = "Tokyo Declaration (corrected)"
    event.save()
    response = client.get(reverse("timeline:event_list"))
    assert response["X-Page-Cache"] == "miss"
    assert b"(corrected)" in response.content


def test_unpublishing_removes_the_page_at_once(client):
    event = make_event(slug="nagato-summit")
    assert client.get(event.get_absolute_url()).status_code == 200
    event.status = Status.DRAFT
    event.save()
    assert client.get(event.get_absolute_url()).status_code == 404


def test_logged_in_users_and_errors_are_never_cached(client, admin_client):
    make_event()
    admin_client.get(reverse("timeline:event_list"))
    assert "X-Page-Cache" not in admin_client.get(reverse("timeline:event_list"))
    assert "X-Page-Cache" not in client.get("/en/timeline/no-such-event/")
    bad_filter = client.get(reverse("timeline:event_list"), {"era": "x"})
    assert "X-Page-Cache" not in bad_filter


def test_a_scheduled_item_limits_how_long_pages_are_kept(client, monkeypatch):
    from editorial import pagecache as page_cache

    make_event(
        status=Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(seconds=90),
    )
    stored = {}
    real_set = page_cache.cache.set

    def recording_set(key, value, timeout=None, **kwargs):
        stored[key] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set", recording_set)
    client.get(reverse("timeline:event_list"))
    page_timeouts = [t for key, t in stored.items() if key.startswith("page:")]
    assert page_timeouts and 0 < page_timeouts[0] <= 91


def test_a_cache_miss_adds_no_queries_once_the_schedule_is_known(
    client, django_assert_max_num_queries
):
    event = make_event(slug="tokyo-declaration")
    client.get(reverse("timeline:event_list"))
    with django_assert_max_num_queries(10):
        client.get(event.get_absolute_url())


def test_search_results_are_not_cached(client):
    make_event(title="Tokyo Declaration")
    client.get("/en/search/", {"q": "Tokyo"})
    assert "X-Page-Cache" not in client.get("/en/search/", {"q": "Tokyo"})


def redis_url():
    import os

    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache():
    import redis

    try:
        redis.Redis.from_url(redis_url()).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {redis_url()}")
    backend = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url(),
        "KEY_PREFIX": "dispute_site_tests",
    }
    with override_settings(CACHES={"default": backend}):
        from django.core.cache import cache

        cache.clear()
        yield cache
        cache.clear()


def test_a_shared_redis_cache_serves_and_invalidates_pages(client, redis_cache):
    event = make_event(title="Tokyo Declaration")
    assert client.get(reverse("timeline:event_list"))["X-Page-Cache"] == "miss"
    assert client.get(reverse("timeline:event_list"))["X-Page-Cache"] == "hit"
    assert any(key.startswith(b"dispute_site_tests") for key in redis_keys())
    event.title = "Tokyo Declaration (edited)"
    event.save()
    response = client.get(reverse("timeline:event_list"))
    assert response["X-Page-Cache"] == "miss"
    assert b"(edited)" in response.content


def redis_keys():
    import redis

    return redis.Redis.from_url(redis_url()).keys("*")


def test_the_health_check_touches_no_cache(client):
    response = client.get("/healthz")
    assert response.content == b"ok"
    assert "X-Page-Cache" not in response


def test_a_change_bumps_the_content_version_in_its_own_transaction():
    from django.db import transaction

    event = make_event()
    before, _ = content_version()
    with transaction.atomic():
        event.title = "Edited"
        event.save()
        during, _ = content_version()
    assert before < during == content_version()[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        event.title = "Rolled back"
        event.save()
        raise RuntimeError
    # The change and its version commit or roll back together.
    assert content_version()[0] == during


def test_changes_outside_web_requests_invalidate_the_cache():
    # A fresh process, as `manage.py shell` or `loaddata` is: no middleware built.
    script = (
        "import django; django.setup()\n"
        "from django.db.models.signals import post_save\n"
        "from editorial.pagecache import bump_content_version\n"
        "from timeline.models import Event\n"
        "print(bump_content_version in post_save._live_receivers(Event)[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "dispute_site.test_settings"},
    )
    assert result.stdout.strip() == "True"


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
def test_unknown_parameters_and_free_text_are_not_cached(client):
    make_event()
    assert client.get("/en/timeline/", {"era": "x"}).get("X-Page-Cache") is None
    # Tracking parameters are ignored: the plain page, from the cache.
    assert client.get("/en/timeline/?utm_source=x")["X-Page-Cache"] == "miss"
    assert client.get("/en/timeline/?fbclid=y")["X-Page-Cache"] == "hit"
    assert client.get("/en/timeline/", {"q": "tokyo"}).get("X-Page-Cache") is None
    assert client.get("/en/timeline/", {"order": "newest"})["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    "path",
    [
        "/en/about/?era=x",  # a parameter the about page does not declare
        "/?page=2",
        "/en/timeline/?page=01",  # a second spelling of page 1
        "/en/timeline/?era=a&era=b",  # a parameter given twice
        "/en/timeline/?page=abc",
        "/en/timeline/?year_from=01956",  # leading zeros: endless spellings of a year
        "/en/timeline/?year_from=+1956",
        "/en/timeline/?era=%20x",
    ],
)
def test_only_parameters_a_view_declares_are_stored(client, path):
    make_event()
    assert client.get(path).get("X-Page-Cache") is None


def test_a_valid_filter_value_is_stored_and_a_rejected_one_is_not(client):
    event = make_event()
    assert (
        client.get("/en/timeline/", {"era": event.era.slug})["X-Page-Cache"] == "miss"
    )
    assert client.get("/en/timeline/", {"era": event.era.slug})["X-Page-Cache"] == "hit"
    assert client.get("/en/timeline/", {"kind": "no-such-kind"}).status_code == 400
    assert (
        client.get("/en/timeline/", {"kind": "no-such-kind"}).get("X-Page-Cache")
        is None
    )


def test_every_reader_page_declares_its_caching_and_the_admin_does_not(client):
    event = make_event()
    for url in [
        "/en/",
        "/en/about/",
        "/en/sources/",
        "/en/timeline/",
        event.get_absolute_url(),
        event.era.get_absolute_url(),
        "/en/islands/",
        "/en/positions/",
        "/en/feeds/events/",
        "/sitemap.xml",
    ]:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert "X-Page-Cache" not in client.get("/admin/login/")
