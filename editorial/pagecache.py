"""Whole-page cache for anonymous readers, invalidated whenever content changes.

A view opts in where it is defined, with @cache_for_readers(parameters=...) naming
the query parameters it may be cached with; every other view (the admin, search, the
health check) is never cached. The cache key carries a content version kept in the
cache itself, so every process that shares the cache (Redis in production) sees an
edit at once. With the default local-memory cache each process has its own copy: run
one process, or set REDIS_URL.
"""

from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import Publishable
from .roles import content_app_labels

VERSION_KEY = "content-version"


def content_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def increment_content_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def bump_content_version(sender, using=None, **kwargs):
    if sender._meta.app_label in content_app_labels():
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
        model.objects.scheduled()
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


def is_storable_request(request, parameters):
    """An anonymous GET whose parameters are few-valued ones the view declared.

    A parameter given twice, or a page number written in a second way (page=01),
    would be a second key for the same page. Values the view rejects are answered
    with 400 or 404, which is never stored.
    """
    if not (
        settings.CACHE_MIDDLEWARE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    ):
        return False
    for name, values in request.GET.lists():
        if name not in parameters or len(values) > 1:
            return False
        if name == "page" and not (values[0].isdigit() and values[0][0] != "0"):
            return False
    return True


def is_storable_response(request, response):
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (user is not None and user.is_authenticated)
        and "private" not in response.get("Cache-Control", "")
    )


def cache_for_readers(view=None, *, parameters=()):
    """Serve this view's pages to anonymous readers from the shared cache.

    `parameters`: the query parameters the page may be stored with (slugs, choices,
    page numbers); free text never belongs here, as every query would be a key.
    Use on a function view, or on a class's dispatch with method_decorator.
    """
    parameters = frozenset(parameters)

    def decorator(view_func):
        @wraps(view_func)
        def cached_view(request, *args, **kwargs):
            if not is_storable_request(request, parameters):
                return view_func(request, *args, **kwargs)
            version = content_version()
            key = f"page:{version}:{request.get_full_path()}"
            response = cache.get(key)
            if response is not None:
                response["X-Page-Cache"] = "hit"
                return response
            response = view_func(request, *args, **kwargs)
            if is_storable_response(request, response):
                timeout = settings.CACHE_MIDDLEWARE_SECONDS
                wait = seconds_until_next_scheduled_item(version)
                if wait is not None:
                    timeout = min(timeout, wait)
                response["X-Page-Cache"] = "miss"
                if hasattr(response, "render") and callable(response.render):
                    response.add_post_render_callback(
                        lambda rendered: cache.set(key, rendered, timeout)
                    )
                else:
                    cache.set(key, response, timeout)
            return response

        return cached_view

    return decorator(view) if view is not None else decorator
