import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from editorial.models import Status

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
    assert "X-Page-Cache" not in client.get("/timeline/no-such-event/")
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
    client.get("/search/", {"q": "Tokyo"})
    assert "X-Page-Cache" not in client.get("/search/", {"q": "Tokyo"})


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
