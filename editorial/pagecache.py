"""Whole-page and HTTP caching of public pages, declared next to each view.

A view opts in where it is defined, with @cache_for_readers(parameters=...) naming
the query parameters it may be stored with; every other view (the admin, search, the
health check) is never cached. The decorator

- keys every stored page on the content version, a counter in the database
  (ContentVersion) that every change to content bumps in its own transaction, so every
  process, on every host, sees an edit, an unpublish or a script's change at once,
  whichever cache backend is used (local memory per process, or Redis);
- bumps that version itself when a scheduled item's publication time has come;
- answers conditional requests: an ETag from the content version, the address and the
  language, Last-Modified from the last change, 304 on a match; Cache-Control public
  for anonymous readers (DJANGO_CACHE_MAX_AGE, DJANGO_CACHE_S_MAXAGE,
  DJANGO_CACHE_STALE_WHILE_REVALIDATE), private for anyone logged in;
- answers OPTIONS with Allow and any method but GET, HEAD and OPTIONS with 405.
"""

import datetime
import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

from .models import ContentVersion, Publishable
from .roles import content_app_labels

VERSION_ROW = 1
SAFE_METHODS = ("GET", "HEAD")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Parameters that mark where a reader came from, never what the page shows.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
    }
)
TRACKING_PREFIXES = ("utm_",)


def is_tracking_parameter(name):
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def read_content_version():
    """(number, changed_at) of the content: one query, written out, as every request
    of every page makes it and the ORM's building of it cost more than the query."""
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('number')}, {quote('changed_at')} "
            f"FROM {quote(ContentVersion._meta.db_table)} WHERE {quote('id')} = %s",
            [VERSION_ROW],
        )
        row = cursor.fetchone()
    if row is None:
        version, _ = ContentVersion.objects.get_or_create(pk=VERSION_ROW)
        return version.number, version.changed_at
    number, changed_at = row
    if isinstance(changed_at, str):  # SQLite keeps datetimes as text
        changed_at = parse_datetime(changed_at)
    if timezone.is_naive(changed_at):
        changed_at = timezone.make_aware(changed_at, datetime.UTC)
    return number, changed_at


def content_version():
    """The content version every process reads, moved on when a schedule comes due.

    A scheduled item changes what readers see without any save: the first request
    after its publication time bumps the version (once, whoever gets there first), so
    every cached page and every ETag made before it is left behind.
    """
    number, changed_at, _due = content_state()
    return number, changed_at


def content_state():
    """(number, changed_at, the next scheduled publication time or None)."""
    number, changed_at = read_content_version()
    due = next_scheduled_publication(number)
    if due is not None and due <= timezone.now():
        ContentVersion.objects.filter(pk=VERSION_ROW, number=number).update(
            number=number + 1, changed_at=due
        )
        number, changed_at = read_content_version()
        due = next_scheduled_publication(number)
    return number, changed_at, due


def request_content_version(request):
    """The content version, read once per request (cache_for_readers reads it first)."""
    version = getattr(request, "content_version", None)
    if version is None:
        version = request.content_version = content_version()[0]
    return version


def increment_content_version(using=None):
    """Bump the counter; inside the caller's transaction, so it commits with it."""
    rows = ContentVersion.objects.using(using).filter(pk=VERSION_ROW)
    changes = {"number": F("number") + 1, "changed_at": timezone.now()}
    if rows.update(**changes):
        return
    try:
        with transaction.atomic(using=using):
            ContentVersion.objects.using(using).create(pk=VERSION_ROW, number=2)
    except IntegrityError:
        rows.update(**changes)


def bump_content_version(sender, using=None, **kwargs):
    if sender._meta.app_label in content_app_labels():
        increment_content_version(using)


def bump_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    # A deploy runs migrate: new templates or code must not be answered with a 304
    # or a page stored by the previous release.
    if sender.label != "editorial":
        return
    table = ContentVersion._meta.db_table
    if table in connections[using].introspection.table_names():
        increment_content_version(using)


def next_scheduled_publication(version):
    """The earliest publication time still to come, looked up once per version.

    Kept in this process's cache under the version: the version is shared, so each
    process computes the same answer from the database.
    """
    key = f"next-scheduled:{version}"
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    now = timezone.now()
    upcoming = [
        model.objects.scheduled()
        .filter(published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    earliest = min((time for time in upcoming if time), default=None)
    cache.set(key, earliest or "", timeout=24 * 3600)
    return earliest


def seconds_until_next_scheduled_item(version, earliest=None):
    """A scheduled item must appear on time, so no page outlives the wait for it."""
    if earliest is None:
        earliest = next_scheduled_publication(version)
    if earliest is None:
        return None
    return max(1, int((earliest - timezone.now()).total_seconds()) + 1)


def is_canonical_value(name, value):
    """One way of writing a value: page=1, not page=01, +1 or " 1"; slugs as slugs.

    Values the view then rejects are answered with 400 or 404, never stored, so only
    values that name something (a slug, a choice, a year in range) become keys.
    """
    if not value or len(value) > 100:
        return False
    if value.isascii() and value.isdigit():
        return value == "0" or value[0] != "0"
    if value[0] == "-" and value[1:].isascii() and value[1:].isdigit():
        return value[1] != "0"
    return value.isascii() and all(c.isalnum() or c in "-_" for c in value)


def canonical_query(request):
    """The query string without tracking parameters, in one order."""
    return urlencode(
        sorted(
            (name, value)
            for name, values in request.GET.lists()
            if not is_tracking_parameter(name)
            for value in values
        )
    )


def is_storable_query(request, parameters):
    """Only parameters the view declared, each once, each written canonically."""
    for name, values in request.GET.lists():
        if is_tracking_parameter(name):
            continue
        if name not in parameters or len(values) > 1:
            return False
        if not is_canonical_value(name, values[0]):
            return False
        if name == "page" and values[0] == "0":
            return False
    return True


def is_reader(request):
    """No one is logged in: a cookie that names no live session is no one.

    Without a session cookie nothing is looked up; with one, the session is loaded
    (one query, or the session cache) to see whether it belongs to a user.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def is_storable_request(request, parameters):
    """The page cache is on, and this is a reader's canonical GET of the view."""
    return (
        settings.CACHE_MIDDLEWARE_SECONDS > 0
        and request.method in SAFE_METHODS
        and is_reader(request)
        and is_storable_query(request, parameters)
    )


def is_storable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )


def http_cache_headers(request, version, changed_at, wait):
    """ETag, Last-Modified and Cache-Control of an anonymous reader's page."""
    address = f"{request.path}?{canonical_query(request)}"
    language = translation.get_language() or settings.LANGUAGE_CODE
    digest = hashlib.sha256(f"{version}|{language}|{address}".encode()).hexdigest()
    max_age = settings.CACHE_MAX_AGE
    s_maxage = settings.CACHE_S_MAXAGE
    if wait is not None:
        max_age, s_maxage = min(max_age, wait), min(s_maxage, wait)
    control = f"public, max-age={max_age}, s-maxage={s_maxage}"
    if settings.CACHE_STALE_WHILE_REVALIDATE and wait is None:
        control += f", stale-while-revalidate={settings.CACHE_STALE_WHILE_REVALIDATE}"
    return {
        "ETag": f'"{digest[:32]}"',
        "Last-Modified": http_date(changed_at.timestamp()),
        "Cache-Control": control,
    }


def apply_headers(response, headers):
    for name, value in headers.items():
        response[name] = value
    patch_vary_headers(response, ("Cookie",))
    return response


def mark_private(response):
    if "Cache-Control" not in response:
        response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Cookie",))
    return response


def options_response():
    response = HttpResponse(status=200)
    response["Allow"] = ALLOWED_METHODS
    response["Content-Length"] = "0"
    return response


def cache_for_readers(view=None, *, parameters=()):
    """Serve this view's pages to anonymous readers from the cache and by HTTP caching.

    `parameters`: the query parameters the page may be stored with (slugs, choices,
    page numbers); free text never belongs here, as every query would be a key.
    Tracking parameters (utm_*, fbclid, ...) are ignored. Use on a function view, or
    on a class's dispatch with method_decorator.
    """
    parameters = frozenset(parameters)

    def decorator(view_func):
        @wraps(view_func)
        def cached_view(request, *args, **kwargs):
            if request.method == "OPTIONS":
                return options_response()
            if request.method not in SAFE_METHODS:
                return HttpResponseNotAllowed(SAFE_METHODS)
            if not is_reader(request):
                return mark_private(view_func(request, *args, **kwargs))
            use_store = settings.CACHE_MIDDLEWARE_SECONDS > 0 and is_storable_query(
                request, parameters
            )
            if not (use_store or settings.HTTP_CACHE):
                return view_func(request, *args, **kwargs)

            version, changed_at, due = content_state()
            # For fragments the view caches itself: no second look-up.
            request.content_version = version
            wait = seconds_until_next_scheduled_item(version, due)
            headers = http_cache_headers(request, version, changed_at, wait)
            if settings.HTTP_CACHE:
                not_modified = get_conditional_response(
                    request,
                    etag=headers["ETag"],
                    last_modified=int(changed_at.timestamp()),
                )
                if not_modified is not None:
                    return apply_headers(not_modified, headers)
            else:
                headers = {}

            language = translation.get_language() or settings.LANGUAGE_CODE
            key = f"page:{version}:{language}:{request.path}?{canonical_query(request)}"
            if use_store:
                response = cache.get(key)
                if response is not None:
                    response["X-Page-Cache"] = "hit"
                    return apply_headers(response, headers)

            response = view_func(request, *args, **kwargs)
            if response.status_code != 200 or "Cache-Control" in response:
                return response
            if use_store and is_storable_response(request, response):
                timeout = settings.CACHE_MIDDLEWARE_SECONDS
                if wait is not None:
                    timeout = min(timeout, wait)
                response["X-Page-Cache"] = "miss"
                if hasattr(response, "render") and callable(response.render):
                    response.add_post_render_callback(
                        lambda rendered: cache.set(key, rendered, timeout)
                    )
                else:
                    cache.set(key, response, timeout)
            return apply_headers(response, headers)

        return cached_view

    return decorator(view) if view is not None else decorator
