"""Open data responses: cached under the site's content version, with an ETag from
it, and readable from any origin.

Like editorial's cache_for_readers, with one difference: a client's If-None-Match is
answered before the cache is read, so a current client gets a 304 and no body.
"""

from functools import wraps
from hashlib import md5

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag

from editorial.pagecache import (
    content_version,
    is_storable_request,
    is_storable_response,
    next_scheduled_publication,
    seconds_until_next_scheduled_item,
)

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Content-Disposition",
}


def version_stamp(version):
    # A scheduled item going public changes what is shown without a new version.
    scheduled = next_scheduled_publication(version)
    return f"{version}.{int(scheduled.timestamp()) if scheduled else 0}"


def etag_for(request, stamp):
    path = md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return quote_etag(f"{stamp}.{path[:16]}")


def open_data(view=None, *, parameters=()):
    """Wrap an API view: 304 for a current ETag, whole responses cached, CORS.

    `parameters`: the query parameters a response may be stored with (slugs,
    choices, numbers), as for cache_for_readers; free text never belongs here.
    """
    parameters = frozenset(parameters)

    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return with_headers(view_func(request, *args, **kwargs))
            version, _changed_at = content_version()
            stamp = version_stamp(version)
            etag = etag_for(request, stamp)
            not_modified = get_conditional_response(request, etag=etag)
            if not_modified is not None:
                return with_headers(not_modified, etag)
            storable = is_storable_request(request, parameters)
            key = f"api:{stamp}:{request.get_full_path()}"
            response = cache.get(key) if storable else None
            if response is not None:
                response["X-Page-Cache"] = "hit"
                return with_headers(response, etag)
            # One response for every reader: English texts, the others beside them.
            with translation.override(settings.LANGUAGE_CODE):
                response = view_func(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            response = with_headers(response, etag)
            if storable and is_storable_response(request, response):
                response["X-Page-Cache"] = "miss"
                timeout = settings.CACHE_MIDDLEWARE_SECONDS
                wait = seconds_until_next_scheduled_item(version)
                if wait is not None:
                    timeout = min(timeout, wait)
                if hasattr(response, "render") and not response.is_rendered:
                    response.add_post_render_callback(
                        lambda rendered: cache.set(key, rendered, timeout)
                    )
                else:
                    cache.set(key, response, timeout)
            return response

        return wrapper

    return decorator(view) if view is not None else decorator


def with_headers(response, etag=None):
    for header, value in CORS_HEADERS.items():
        response[header] = value
    if etag and response.status_code in (200, 304):
        response["ETag"] = etag
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.CACHE_MIDDLEWARE_SECONDS
        )
    return response
