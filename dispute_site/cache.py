"""Whole-page cache for anonymous readers, invalidated whenever content changes.

The cache key carries a content version kept in the cache itself, so every process that
shares the cache (Redis in production) sees an edit at once. With the default
local-memory cache each process has its own copy: run one process, or set REDIS_URL.
"""

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from timeline.publishing import Publishable, Status

from .editors import CONTENT_APPS

VERSION_KEY = "content-version"
# Search is left out: every query string would be a key of its own. The API caches
# itself under the same content version (api.caching), answering If-None-Match first.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/search/", "/healthz", "/api/")
# Parameters whose values are few (slugs, choices, numbers): any other parameter, free
# text included, would let every request make a cache entry of its own.
CACHED_PARAMETERS = {
    "page",
    "era",
    "country",
    "person",
    "island",
    "kind",
    "year_from",
    "year_to",
    "order",
    "p",
}


def content_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def increment_content_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def bump_content_version(sender, using=None, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        increment_content_version()
        # Again after the commit: a reader who rendered the old content while the
        # transaction was open must not have stored it under the new version.
        transaction.on_commit(increment_content_version, using=using)


def next_scheduled_publication(version):
    """The earliest future publication time, looked up once per content version."""
    key = f"next-scheduled:{version}"
    cached = cache.get(key)
    now = timezone.now()
    if cached == "" or (cached is not None and cached > now):
        return cached or None
    upcoming = [
        model.objects.filter(status=Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    earliest = min((time for time in upcoming if time), default=None)
    cache.set(key, earliest or "", timeout=settings.CACHE_MIDDLEWARE_SECONDS)
    return earliest


def seconds_until_next_scheduled_item(version):
    """A scheduled item must appear on time, so no page outlives the wait for it."""
    earliest = next_scheduled_publication(version)
    if earliest is None:
        return None
    return max(1, int((earliest - timezone.now()).total_seconds()) + 1)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        version = content_version()
        key = f"page:{version}:{request.get_full_path()}"
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            timeout = settings.CACHE_MIDDLEWARE_SECONDS
            wait = seconds_until_next_scheduled_item(version)
            if wait is not None:
                timeout = min(timeout, wait)
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(key, r, timeout))
            else:
                cache.set(key, response, timeout)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def is_cacheable_request(request):
        return (
            settings.CACHE_MIDDLEWARE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(SKIPPED_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and set(request.GET) <= CACHED_PARAMETERS
        )

    @staticmethod
    def is_cacheable_response(request, response):
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (user is not None and user.is_authenticated)
            and "private" not in response.get("Cache-Control", "")
        )
